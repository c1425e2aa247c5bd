import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moveLiteralToConfiguration } from '../../../server/src/engine/fixes/move-to-config';
import { checkFix } from '../../helpers/fixes';
import { NEST_TSCONFIG, project } from '../../helpers/project';

const REQUIRED_ENV_HELPER = `
/** Reads an environment variable the code cannot run without; fails loudly when it is missing. */
function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Environment variable \${name} is not set\`);
  return value;
}
`;

describe('fixes: move to environment/config (security/hardcoded-secret, config/hardcoded-config)', () => {
  it('moves a secret to a required environment variable (a string that fails loudly when missing) and creates .env.example with the name only', () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        'src/payments/payments.service.ts': `import Stripe from 'stripe';

const apiKey = 'sk_live_51HxQpLKj2dkf8Ssd9f7sdf98sdf7';
//             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret

export class PaymentsService {
  private readonly stripe = new Stripe(apiKey);
}
`,
      },
      fixId: 'move-to-config',
      expect: {
        'src/payments/payments.service.ts': `import Stripe from 'stripe';

const apiKey = requiredEnv('API_KEY');

export class PaymentsService {
  private readonly stripe = new Stripe(apiKey);
}

/** Reads an environment variable the code cannot run without; fails loudly when it is missing. */
function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Environment variable \${name} is not set\`);
  return value;
}
`,
        '.env.example': 'API_KEY=\n',
      },
    });
  });

  it("reads the JWT key from the class's ConfigService and appends the name to the existing .env.example", () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        '.env.example': '# Copy to .env\nPORT=3000',
        'src/auth/auth.service.ts': `import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as jwt from 'jsonwebtoken';

@Injectable()
export class AuthService {
  constructor(private readonly config: ConfigService) {}

  issue(userId: string) {
    return jwt.sign({ sub: userId }, "a-very-long-signing-key");
//                                   ^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret
  }
}
`,
      },
      fixId: 'move-to-config',
      expect: {
        'src/auth/auth.service.ts': `import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as jwt from 'jsonwebtoken';

@Injectable()
export class AuthService {
  constructor(private readonly config: ConfigService) {}

  issue(userId: string) {
    return jwt.sign({ sub: userId }, this.config.getOrThrow<string>("JWT_SECRET"));
  }
}
`,
        '.env.example': '# Copy to .env\nPORT=3000\nJWT_SECRET=\n',
      },
    });
  });

  it('uses the zod-validated env module and extends its schema', () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        '.env.example': 'DATABASE_URL=\n',
        'src/config/env.ts': `import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url(),
});

export const env = envSchema.parse(process.env);
`,
        'src/services/geo.service.ts': `export class GeoService {
  lookup(ip: string) {
    const endpoint = 'http://geo.local/json';
//                   ^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config
    return fetch(\`\${endpoint}?ip=\${ip}\`);
  }
}
`,
      },
      fixId: 'move-to-config',
      expect: {
        'src/services/geo.service.ts': `import { env } from '../config/env';

export class GeoService {
  lookup(ip: string) {
    const endpoint = env.ENDPOINT;
    return fetch(\`\${endpoint}?ip=\${ip}\`);
  }
}
`,
        'src/config/env.ts': `import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  ENDPOINT: z.string().min(1).default('http://geo.local/json'),
});

export const env = envSchema.parse(process.env);
`,
        '.env.example': 'DATABASE_URL=\nENDPOINT=\n',
      },
    });
  });

  it('drops a secret fallback of process.env, requiring the variable, and leaves a documented variable alone', () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        '.env.example': 'JWT_SECRET=\n',
        'src/auth/jwt.config.ts': `export const jwtConfig = {
  secret: process.env.JWT_SECRET || 'q8Zr4vT1xY7pL2mNw3',
//                                  ^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret
  expiresIn: '1h',
};
`,
      },
      fixId: 'move-to-config',
      expect: {
        'src/auth/jwt.config.ts': `export const jwtConfig = {
  secret: requiredEnv('JWT_SECRET'),
  expiresIn: '1h',
};

/** Reads an environment variable the code cannot run without; fails loudly when it is missing. */
function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Environment variable \${name} is not set\`);
  return value;
}
`,
        '.env.example': 'JWT_SECRET=\n',
      },
    });
  });

  it('names a variable by its object when the property alone says little, for the refactor on any literal', () => {
    const p = project({
      'tsconfig.json': '{}',
      'src/mail.ts': `export const smtp = { host: 'smtp.example.org', port: 587 };\n`,
    });
    const result = p.analyze();
    const file = [...result.graph.files.keys()].find((f) => f.endsWith('mail.ts'))!;
    const text = result.graph.files.get(file)!.text;
    const fix = moveLiteralToConfiguration(result.graph, file, text.indexOf("'smtp.") + 1);
    assert.ok(fix);
    assert.equal(fix.title, 'Move to environment variable SMTP_HOST (default kept)');
    assert.deepEqual(
      fix.edits.map((e) => e.newText),
      ["export const smtp = { host: process.env.SMTP_HOST ?? 'smtp.example.org', port: 587 };\n"],
    );
    assert.deepEqual(
      fix.createFiles?.map((c) => c.text),
      ['SMTP_HOST=\n'],
    );
    assert.equal(moveLiteralToConfiguration(result.graph, file, text.indexOf('587')), undefined, 'only string literals move');
  });

  it('keeps a configuration value as the default (a string, never string | undefined), parenthesized among operators, and drops a secret', () => {
    const p = project({
      'tsconfig.json': '{}',
      'src/github.ts': `export const zen = () => fetch('https://api.github.com/zen');
export const mirror = 'https://mirror.example.org/' + 'v2';
export const token = 'ghp_realLookingTokenValue1234567890abcdEF';
`,
    });
    const result = p.analyze();
    const file = [...result.graph.files.keys()].find((f) => f.endsWith('github.ts'))!;
    const text = result.graph.files.get(file)!.text;
    const at = (needle: string) =>
      moveLiteralToConfiguration(result.graph, file, text.indexOf(needle) + 1)
        ?.edits.map((e) => e.newText)
        .join('') ?? '';
    assert.match(at("'https://api.github.com"), /fetch\(process\.env\.GITHUB_URL \?\? 'https:\/\/api\.github\.com\/zen'\)/);
    assert.match(at("'https://mirror"), /export const mirror = \(process\.env\.EXAMPLE_URL \?\? 'https:\/\/mirror\.example\.org\/'\) \+ 'v2';/);
    assert.match(at("'ghp_"), /export const token = requiredEnv\('TOKEN'\);/);
  });

  it('offers nothing for a value the code assigns to process.env itself: reading it there would assign it to itself', () => {
    const p = project({ 'tsconfig.json': '{}', 'src/setup.ts': "process.env.DATABASE_URL = 'postgres://app:app@localhost:5432/app';\nexport const ready = true;\n" });
    const result = p.analyze();
    const file = [...result.graph.files.keys()].find((f) => f.endsWith('setup.ts'))!;
    assert.equal(moveLiteralToConfiguration(result.graph, file, result.graph.files.get(file)!.text.indexOf("'postgres") + 1), undefined);
  });

  it('reads the environment with brackets where the project does (noPropertyAccessFromIndexSignature), and reuses the file’s requiredEnv', () => {
    const p = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noPropertyAccessFromIndexSignature: true } }),
      'src/config.ts': `export const port = Number(process.env['PORT'] ?? 3000);
export const mail = { host: 'smtp.example.org' };
export const signing = { key: 'q8Zr4vT1xY7pL2mNw3rT' };
export const other = requiredEnv('OTHER');
function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(name);
  return value;
}
`,
    });
    const result = p.analyze();
    const file = [...result.graph.files.keys()].find((f) => f.endsWith('config.ts'))!;
    const text = result.graph.files.get(file)!.text;
    const at = (needle: string) =>
      moveLiteralToConfiguration(result.graph, file, text.indexOf(needle) + 1)
        ?.edits.map((e) => e.newText)
        .join('') ?? '';
    assert.match(at("'smtp."), /host: process\.env\['MAIL_HOST'\] \?\? 'smtp\.example\.org'/);
    const signing = at("'q8Zr");
    assert.match(signing, /key: requiredEnv\('SIGNING_KEY'\)/);
    assert.doesNotMatch(signing, /function requiredEnv/, 'the helper the file has is reused');
  });

  it("leaves a project's own ConfigService alone: only Nest's has get(key, default) and getOrThrow", () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/config/config.service.ts': `export class ConfigService {
  value(key: string): string | undefined {
    return process.env[key];
  }
}
`,
        'src/auth/auth.service.ts': `import * as jwt from 'jsonwebtoken';
import { ConfigService } from '../config/config.service';

export class AuthService {
  constructor(private readonly config: ConfigService) {}

  issue(userId: string) {
    return jwt.sign({ sub: userId }, 'a-very-long-signing-key');
//                                   ^^^^^^^^^^^^^^^^^^^^^^^^^ security/hardcoded-secret
  }
}
`,
      },
      fixId: 'move-to-config',
      expect: {
        'src/auth/auth.service.ts': `import * as jwt from 'jsonwebtoken';
import { ConfigService } from '../config/config.service';

export class AuthService {
  constructor(private readonly config: ConfigService) {}

  issue(userId: string) {
    return jwt.sign({ sub: userId }, requiredEnv('JWT_SECRET'));
  }
}
${REQUIRED_ENV_HELPER}`,
      },
    });
  });
});
