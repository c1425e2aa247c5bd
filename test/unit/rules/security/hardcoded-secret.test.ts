import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretName } from '../../../../server/src/engine/rules/security/hardcoded-secret';
import { checkRule } from '../../../helpers/project';

const RULE = 'security/hardcoded-secret';
const PASSWORDS_ON = JSON.stringify({ rules: { [RULE]: { options: { reportPasswords: true } } } });

describe(RULE, () => {
  it('recognizes secret-like names by their last words', () => {
    for (const name of ['password', 'DB_PASSWORD', 'jwtSecret', 'clientSecret', 'apiKey', 'STRIPE_API_KEY', 'privateKey', 'resetToken', 'accessKey', 'APIKEY']) assert.ok(isSecretName(name), name);
    for (const name of ['TOKEN_HEADER', 'tokenType', 'passwordField', 'cacheKey', 'secretName', 'passwordMinLength', 'tokenExpiresIn']) assert.ok(!isSecretName(name), name);
  });

  it('flags literals under secret names, JWT keys, credentials in URLs and known key formats (passwords when asked for)', () => {
    checkRule(RULE, {
      'layerguard.json': PASSWORDS_ON,
      'src/auth/auth.module.ts': `import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';

@Module({
  imports: [JwtModule.register({ secret: 's3cr3t-signing-key', signOptions: { expiresIn: '1h' } })],
  //                                     ^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret "secret" is set to a string literal
})
export class AuthModule {}
`,
      'src/auth/tokens.ts': `import jwt from 'jsonwebtoken';
export const sign = (userId: string) => jwt.sign({ sub: userId }, 'dev-key');
//                                                                ^^^^^^^^^ security/hardcoded-secret the JWT signing key is a string literal
const STRIPE_API_KEY = process.env.STRIPE_KEY || 'sk_test_51HxExample';
//                                               ^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret "STRIPE_API_KEY" is set to a string literal
export const aws = { region: 'eu-west-1', keyId: 'AKIAIOSFODNN7EXAMPLE' };
//                                               ^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret an AWS access key id
export { STRIPE_API_KEY };
`,
      'src/db.ts': `import { Pool } from 'pg';
export const pool = new Pool({ connectionString: 'postgres://app:hunter2@db.internal:5432/shop' });
//                                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret connection string contains a password
export class Settings {
  password = 'Winter2024!';
  //         ^^^^^^^^^^^^^ security/hardcoded-secret "password" is set to a string literal
}
`,
    });
  });

  it('does not flag env lookups, header names, messages, field names, policy numbers or empty strings', () => {
    checkRule(RULE, {
      'src/auth/auth.constants.ts': `export const TOKEN_HEADER = 'authorization';
export const API_KEY_HEADER = 'x-api-key';
export const PASSWORD_MIN_LENGTH = 12;
export const tokenType = 'Bearer';
export const jwtSecret = process.env.JWT_SECRET;
export const config = {
  password: process.env.DB_PASSWORD,
  secret: configValue('JWT_SECRET'),
  token: '',
  apiKey: 'API_KEY',
};
export const messages = { password: 'Password must contain a number', token: 'auth.token.expired' };
export const form = { passwordField: 'password', password: 'password' };
export const errors = { password: 'incorrectPassword', oldPassword: 'missingOldPassword' };
export const url = 'postgres://localhost:5432/shop';
export const template = \`postgres://\${process.env.DB_USER}:\${process.env.DB_PASSWORD}@db:5432/shop\`;
declare function configValue(key: string): string;
`,
      'src/database/seeds/users.seed.ts': `export const admin = { email: 'admin@example.com', password: 'Admin123!' };
`,
      'src/auth/auth.service.ts': `import { JwtService } from '@nestjs/jwt';
import { ConfigService } from '@nestjs/config';
export class AuthService {
  constructor(private readonly jwt: JwtService, private readonly config: ConfigService) {}
  login(userId: string) {
    return this.jwt.sign({ sub: userId }, { secret: this.config.getOrThrow('JWT_SECRET') });
  }
}
`,
    });
  });

  it('flags the default of a secret environment variable and webhook URLs whose path is the credential', () => {
    checkRule(RULE, {
      'src/auth/token.service.ts': `export const signingKey = { jwtSecret: process.env.JWT_SECRET || 'superSecret' };
//                                                               ^^^^^^^^^^^^^ security/hardcoded-secret "jwtSecret" is set to a string literal
export const session = { secret: process.env.SESSION_SECRET || 'keyboard cat', message: 'the secret rotates daily' };
//                                                             ^^^^^^^^^^^^^^ security/hardcoded-secret "secret" is set to a string literal
export const links = { urlSecret: process.env.URL_SECRET || 'DEFAULT_URL_SECRET', secretEnv: 'URL_SECRET' };
//                                                          ^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret "urlSecret" is set to a string literal
export const alerts = 'https://hooks.slack.com/services/T024BE7LD/B01AB2CD3EF/Xy12Ab34Cd56Ef78Gh90';
//                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret a Slack webhook URL
export const webhookField = { placeholder: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX' };
`,
    });
  });

  it('does not flag endpoint URLs under secret names, public keys, or fetch credential modes', () => {
    checkRule(RULE, {
      'src/auth/providers.ts': `export const oauth = { token: 'https://oauth.example-provider.com/token', authorize: 'https://oauth.example-provider.com/authorize' };
export const analytics = { apiKey: 'phc_5oUpubLicIngestionKeyExample' };
export const payments = { publishableKey: 'pk_live_51ExamplePublishable' };
export const request = { credentials: 'same-origin' };
`,
      // A flag under a credential name, and the name of the secret object a template refers to.
      'src/files/download.controller.ts': `export const headers = { 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Origin': '*' };
export const tunnel = { secret: 'cloudflare-secrets', key: 'token' };
export const relay = { secret: 'relay-Signing-7f3e' };
//                             ^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret
`,
    });
  });

  it('does not flag placeholders, password hashes, seeds or test set-up', () => {
    checkRule(RULE, {
      'tsconfig.json': JSON.stringify({ include: ['src', 'prisma', '*.ts'] }),
      'src/notify/chat.provider.ts': `export const chat = { apiKey: process.env.CHAT_KEY || '00000000-0000-0000-0000-000000000000', token: 'changeme' };
export const demoUser = { passwordHash: '$2b$10$abcdefghijklmnopqrstuv0123456789ABCDEFGHIJKLMNOPQR', password: 'your-password' };
`,
      'src/config.ts': `export const cacheUrl = 'redis://default:s3cure-Redis-9@cache.prod.example.io:6379';
//                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret connection string contains a password
`,
      'prisma/seed.ts': "export const admin = { email: 'admin@shop.test', password: 'Adm1n-Demo!' };\n",
      'src/fixtures.ts': "export const MOCK_USER = { email: 'fixture@shop.test', password: 'Fixture-Pass-1!' };\n",
      'src/orders/orders.fixture.ts': "export const buyer = { password: 'Buyer-Pass-2!' };\n",
      'vitest-e2e.setup.ts': "export const testUser = { password: 'e2e-Passw0rd!' };\n",
      'src/payments/mocks/cards.ts': "export const card = { secret: 'mock-card-secret-42' };\n",
      'src/lib/test-utilities/create-test-user.ts': "export const user = { password: 'Util-Pass-3!' };\n",
      'src/lib/test-utils.ts': "export const admin = { password: 'Helper-Pass-4!' };\n",
      // Masked values, and keys that are paths (a route's policy), are no credentials.
      'src/mail/templates.ts': "export const TEMPLATE_IDS = { resetPassword: 'd-9f****', inviteToken: 'sk_live_xxxxxxxx' };\n",
      'src/policies.ts': "export const policies = { 'users/update-password': 'is-authenticated', 'tokens/rotate-secret': 'is-admin' };\n",
      // A table of id prefixes: the code of a webhook secret is no secret; a login with a short password still is one.
      'src/ids/prefixes.ts': `export const ID_PREFIXES = {
  user: 'usr', email: 'email', team: 'tm', invite: 'inv', page: 'page',
  webhook: 'wh', webhookEvent: 'evt', webhookSecret: 'whsec', apiToken: 'tok',
};
export const broker = { user: 'queue', secret: 'rabbits', vhost: 'main', port: 'amqp', mode: 'direct' };
//                                             ^^^^^^^^^ security/hardcoded-secret "secret" is set to a string literal
`,
    });
  });

  it('does not take sentinels, labels or local-server filler for issued keys, nor schema examples, dev entry points or Jasmine specs', () => {
    checkRule(RULE, {
      'tsconfig.json': JSON.stringify({ include: ['src', 'spec'] }),
      'src/audit/actor.ts': `export function actorOf(keyId?: string) {
  return { apiKey: keyId || 'unknown', source: 'api' };
}
export const systemActor = { apiKey: process.env.AGENT_KEY ?? 'scheduler-bot', token: 'autoLogin' };
`,
      'src/llm/local-models.ts': `export const providers = {
  lmstudio: { baseURL: process.env.LMSTUDIO_URL, apiKey: process.env.LMSTUDIO_KEY ?? 'not-used' },
  llamacpp: { baseURL: process.env.LLAMA_URL, apiKey: 'llamacpp' },
};
`,
      'src/config/crypto.ts': `export const encryptionKey = process.env.ENCRYPTION_KEY || 'dev';
export const databaseUrl = process.env.DATABASE_URL || 'postgres://user:pass@localhost:5432/app';
`,
      'src/openapi/invite-schema.ts': `export const inviteSchema = {
  type: 'object',
  properties: { secret: { type: 'string' } },
  example: { secret: 'c1a9e0f23b7d4e58a6b1c2d3e4f5a6b7', name: 'Invite viewers' },
};
`,
      'src/server-dev.ts': "export const devAdmin = { token: '*:*.4f1e2d3c4b5a69788796a5b4c3d2e1f0' };\n",
      'spec/helper.ts': "export const serverOptions = { masterKey: 'master-Test-Key-1', restAPIKey: 'rest-Key-2' };\n",
    });
  });

  it('still flags weak chosen secrets and random-looking issued keys (passwords when asked for)', () => {
    checkRule(RULE, {
      'layerguard.json': PASSWORDS_ON,
      'tsconfig.json': '{}',
      'src/config/auth.ts': `export const sessionSecret = process.env.SESSION_SECRET || 'keyboard-cat';
//                                                         ^^^^^^^^^^^^^^ security/hardcoded-secret
export const dashboard = { password: '123456' };
//                                   ^^^^^^^^ security/hardcoded-secret
export const mailer = { apiKey: 'mg-8f2e71c4b09a3d5e6f7a8b9c' };
//                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret
`,
    });
  });

  it('leaves field types and settings keys, deny-lists of known defaults and development-only fallbacks alone, and still flags the fallback production uses', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/users/params.ts': "export const signupParams = { username: 'string', password: 'string', age: 'number' };\n",
      'src/graphql/playground.ts': "export const playground = { settings: { 'request.credentials': 'include' } };\n",
      'src/install/env-keys.ts': "export const envToSetting = { ADMIN_PASSWORD: 'admin:password', ADMIN_EMAIL: 'admin:email' };\n",
      'src/auth/weak-secrets.ts': `/** Old defaults from earlier releases: a variable set to one of them counts as unset. */
const WEAK_DEFAULTS: Record<string, string> = { SESSION_SECRET: 'hunter2-cafe', TOKEN_HASH_SECRET: 'popcorn' };
export const isWeak = (name: string, value: string) => WEAK_DEFAULTS[name] === value;
`,
      'src/storage/s3.ts': `const IS_PROD = process.env.NODE_ENV === 'production';
let s3Secret = process.env.S3_SECRET;
if (!IS_PROD) {
  s3Secret = s3Secret || 'asdf123';
}
export const uploadSecret = process.env.UPLOAD_SECRET || 'asdf456';
//                                                       ^^^^^^^^^ security/hardcoded-secret
export const storage = { s3Secret };
`,
    });
  });

  it("leaves the default password a database client connects with, and flags passwords of the app's own doors when asked for, and in connection strings", () => {
    checkRule(RULE, {
      'layerguard.json': PASSWORDS_ON,
      'tsconfig.json': '{}',
      'src/config/database.ts': `export const database = {
  host: process.env.DB_HOST || 'localhost',
  database: 'ledger',
  password: process.env.APP_DB_PASS || 'warehouse',
};
export const env = { POSTGRES_PASSWORD: 'ledger', REPLICA_DB_PASSWORD: 'ledger' };
export const cachePassword = process.env.REDIS_PASSWORD ?? 'queue';
export const deployTarget = { host: 'deploy.acme.io', port: 22, username: 'deploy', password: 'Ssh-Deploy-77' };
//                                                                                            ^^^^^^^^^^^^^^^ security/hardcoded-secret
export const jobsDashboard = { user: 'ops', password: 'ops-2024!' };
//                                                    ^^^^^^^^^^^ security/hardcoded-secret
export const legacyUrl = 'postgres://ledger:Zq81rTw0@db.internal/ledger';
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret
`,
    });
  });
  it('by default leaves passwords, hashes, header names and route paths alone, and still flags secrets, keys and passwords in connection strings', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/setup/first-run.ts': `export const firstRun = { adminEmail: 'owner@localhost', adminPassword: 'letmein-please' };
export const broker = { user: 'relay', relayPassword: 'relay-on-lan' };
export const TOR_HASHED_PASSWORD = '16:8F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A';
export const signing = { webhookSecretDigest: 'a9b8c7d6e5f4a3b2c1d0' };
export const auth = { authKey: 'X-Tenant-Authenticator' };
export const oauthRoutes = { authorize: '/oauth2/:integration/authorize', token: '/oauth2/:integration/token' };
export const session = { secret: 'pink-elephant-42' };
//                               ^^^^^^^^^^^^^^^^^^ security/hardcoded-secret "secret" is set to a string literal
export const search = { apiKey: 'c0ffee1234deadbeef5678' };
//                              ^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret "apiKey" is set to a string literal
export const archive = 'mysql://archiver:Vault-9x@archive.internal/records';
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret connection string contains a password
`,
    });
  });
});
