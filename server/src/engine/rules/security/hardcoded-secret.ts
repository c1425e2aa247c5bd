import { z } from 'zod';
import { ts } from '../../ts';
import { dottedName, inThenBranchOf, rangeOf } from '../syntax';
import { defineFileRule } from '../file-rule';
import { identifierWords } from '../../text/words';

const options = z
  .object({
    /**
     * Also report passwords written as literals (\`adminPassword: 'admin123'\`). Off by default: on
     * unseen backends they were a documented first-run default, a test user's or a placeholder as
     * often as a leak. Secrets, keys, tokens, private keys and passwords inside connection strings
     * are reported either way.
     */
    reportPasswords: z.boolean().default(false),
  })
  .strict();

const ADVICE = 'Read it from the environment or a secret store (process.env, ConfigService), never from source control.';

/** Last word(s) of a name that make it a secret: `jwtSecret`, `DB_PASSWORD`, `stripeApiKey`. */
const SECRET_LAST_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'token', 'passphrase', 'credentials']);
const SECRET_LAST_PAIRS = new Set(['api key', 'private key', 'secret key', 'access key', 'auth key', 'signing key', 'encryption key', 'master key']);

/** Well-known credential formats, found in any string literal. */
const KEY_FORMATS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'a PEM private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/ },
  { name: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'a Stripe live key', pattern: /\b[sr]k_live_[0-9a-zA-Z]{20,}\b/ },
  { name: 'a Slack token', pattern: /\bxox[abposr]-[0-9A-Za-z-]{10,}\b/ },
  { name: 'a Slack webhook URL (its path is the credential)', pattern: /^https:\/\/hooks\.slack\.com\/services\/T[0-9A-Z]+\/B[0-9A-Z]+\/[0-9A-Za-z]{16,}/ },
  { name: 'a Discord webhook URL (its path is the credential)', pattern: /^https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[\w-]{30,}/ },
];

/** Keys that are public by design: analytics ingestion keys, publishable payment keys, public map tokens. */
const PUBLIC_KEY_PREFIX = /^(?:phc_|pk_live_|pk_test_|pk\.eyJ|NEXT_PUBLIC_)/;
/** Names that say the value is meant to be public. */
const PUBLIC_NAME = /public|publishable|client[_-]?id/i;
/** `credentials: 'same-origin'` is a fetch option, not a credential. */
const FETCH_CREDENTIALS_MODES = new Set(['same-origin', 'include', 'omit']);

/** `scheme://user:password@host` with a literal password. */
const CONNECTION_STRING_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:[^@\s/]+@/i;
/** Values that stand for a secret without being one: `changeme`, `your-api-key`, `0000-0000`, `xxxx`, `***`. */
const PLACEHOLDER_SECRET =
  /^(?:change[-_]?me|replace[-_]?me|your[-_]\S+|todo|tbd|placeholder|dummy|fake|mock|example|sample|demo|none|null|undefined|n\/a|unknown|anonymous|disabled|empty|noop|dev|development|local|localhost|test|testing|not[-_]?(?:used|needed|required|set)|unused|no[-_]?key)$/i;
/** `scheme://user:pass@host`: the documentation's stand-in credentials. */
const PLACEHOLDER_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/(?:user|username|[a-z]+)?:(?:pass|password|passwd|pwd|secret|change[-_]?me)@/i;
/** One-way hashes (bcrypt, argon2, scrypt): a stored hash is not a key to anything. */
const PASSWORD_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt)\$/;

/**
 * Placeholders, repeated characters and password hashes: values that stand in for a secret. A
 * local database's default password in production code is not one of them: deployed with a
 * forgotten variable, it is the password.
 */
function isStandIn(value: string): boolean {
  if (/^<[^>]*>$|^\$\{[^}]*\}$|^\{\{[^}]*\}\}$/.test(value)) return true;
  if (isMasked(value)) return true;
  return PLACEHOLDER_SECRET.test(value) || PLACEHOLDER_CREDENTIALS.test(value) || isRepeatedCharacter(value) || PASSWORD_HASH.test(value);
}

/** `'d-****'`, `'sk_live_xxxx'`, `…/services/T000/B000/XXXXXXXX`: masked, the real value was left out on purpose. */
function isMasked(value: string): boolean {
  return /\*{3,}|x{4,}|X{4,}/.test(value);
}

/** Credentials another system issues (API keys, tokens): random, so a short word is a label or a sentinel. */
const ISSUED_LAST_WORDS = new Set(['token', 'apikey']);
const ISSUED_LAST_PAIRS = new Set(['api key', 'access key', 'auth key']);

function namesIssuedCredential(name: string): boolean {
  const parts = identifierWords(name);
  return ISSUED_LAST_WORDS.has(parts[parts.length - 1] ?? '') || ISSUED_LAST_PAIRS.has(parts.slice(-2).join(' '));
}

/**
 * An issued key or token is random: long, with digits or mixed case. `apiKey: 'ollama'` for a
 * local model server, `apiKey: id || 'internal-agent'` as an audit label, `token: 'autoLogin'`
 * as a sentinel are not. (A password or signing secret is chosen by people, and a weak word is
 * exactly the finding: `'superSecret'`, `'123456'`.)
 */
function looksIssued(value: string): boolean {
  return value.length >= 12 && (/\d/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value)));
}

/** `00000000-0000-0000-0000-000000000000`, `xxxxxxxx`, `********`: one character repeated. */
function isRepeatedCharacter(value: string): boolean {
  const characters = new Set(value.replace(/[-_.:\s]/g, '').toLowerCase());
  return characters.size <= 1;
}

export function isSecretName(identifier: string): boolean {
  const parts = identifierWords(identifier);
  const last = parts[parts.length - 1] ?? '';
  const pair = parts.slice(-2).join(' ');
  return SECRET_LAST_WORDS.has(last) || SECRET_LAST_PAIRS.has(pair) || last === 'apikey';
}

/**
 * Literals that cannot be a secret even under a secret-like name: messages (spaces), the field's
 * own name, env-variable names, dotted i18n keys, placeholders, header schemes, URLs without
 * credentials (an OAuth `token:` endpoint), keys that are public by design.
 */
function looksLikeSecretValue(value: string, name: string, isFallback: boolean): boolean {
  if (hasNonSecretForm(value, isFallback) || describesTheField(value, name, isFallback)) return false;
  return !namesIssuedCredential(name) || looksIssued(value);
}

/** Forms no secret takes: a message, a flag, a URL without credentials, a public key, a name, a stand-in, a header scheme. */
function hasNonSecretForm(value: string, isFallback: boolean): boolean {
  // A message is no secret, unless it is what a secret falls back to: `process.env.SESSION_SECRET
  // || 'keyboard cat'` signs the sessions with that phrase whenever the variable is unset.
  if (value.length === 0 || (/\s/.test(value) && !isFallback)) return true;
  // `'Access-Control-Allow-Credentials': 'true'`: a flag is no secret.
  if (/^(?:true|false|yes|no|on|off|enabled)$/i.test(value)) return true;
  // `token: '/oauth2/:integration/token'`: a route's path, not a credential.
  if (/^\/[\w:./{}-]*$/.test(value)) return true;
  // `authKey: 'X-Authenticator'`: the name of the header a credential travels in.
  if (/^X-[A-Za-z]+(?:-[A-Za-z]+)*$/.test(value)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !CONNECTION_STRING_CREDENTIALS.test(value)) return true;
  // `process.env.SIGNED_URL_SECRET || 'DEFAULT_SIGNED_URL_SECRET'`: what a secret falls back to is
  // the secret, whatever it looks like.
  if (!isFallback && namesSomething(value)) return true;
  return PUBLIC_KEY_PREFIX.test(value) || isStandIn(value) || /^(?:bearer|basic|jwt)$/i.test(value);
}

/**
 * The value says what the field is rather than holding it: its own name, a public field, a fetch
 * credentials mode, an error code or label naming the field (`{ password: 'incorrectPassword' }`)
 * or the secret object it refers to (`secret: 'cloudflare-secrets'`). The default of an
 * environment variable (`process.env.JWT_SECRET || 'superSecret'`) is the secret itself.
 */
function describesTheField(value: string, name: string, isFallback: boolean): boolean {
  if (value.toLowerCase() === name.toLowerCase() || identifierWords(name).includes(value.toLowerCase()) || PUBLIC_NAME.test(name)) return true;
  // `credentials: 'same-origin'`, `'request.credentials': 'include'` (a GraphQL playground setting).
  if (/(?:^|\.)credentials$/i.test(name) && FETCH_CREDENTIALS_MODES.has(value)) return true;
  const nameWords = new Set(identifierWords(name).map(stem));
  return !isFallback && identifierWords(value).some((w) => nameWords.has(stem(w)));
}

/** `secrets` → `secret`: a name word and its plural are one word. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** An env variable's name, a dotted, snake or `a:b` settings key, or a field's type in a spec (`password: 'string'`). */
function namesSomething(value: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(value) || /^[a-z]+(?:[._:][a-z]+)+$/.test(value) || /^(?:string|number|boolean|bool|object|array|any|int|integer|float|date|text)$/i.test(value);
}

interface Assignment {
  readonly name: string;
  readonly value: ts.StringLiteralLike;
  /** The literal is the fallback of `process.env.X || '…'` / `?? '…'`. */
  readonly isFallback: boolean;
}

/** `name = 'literal'` in its forms: declarations, properties, class fields, defaults, `||`/`??` fallbacks. */
function secretAssignment(node: ts.Node): Assignment | undefined {
  let name: string | undefined;
  let initializer: ts.Expression | undefined;
  if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name)) {
    name = node.name.text;
    initializer = node.initializer;
  } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
    // `'users/update-password': 'is-authenticated'`: a key that is a path names a route or an action, not a credential.
    if (node.name.text.includes('/')) return undefined;
    name = node.name.text;
    initializer = node.initializer;
  } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    name = dottedName(node.left).split('.').pop();
    initializer = node.right;
  }
  const value = initializer && literalOrFallback(initializer);
  return name && value && initializer ? { name, value, isFallback: isFallback(initializer) } : undefined;
}

function isFallback(expr: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(expr)) return isFallback(expr.expression);
  return ts.isBinaryExpression(expr);
}

/** `'x'`, or the literal fallback in `process.env.X || 'x'` / `?? 'x'`. */
function literalOrFallback(expr: ts.Expression): ts.StringLiteralLike | undefined {
  if (ts.isStringLiteralLike(expr)) return expr;
  if (ts.isParenthesizedExpression(expr)) return literalOrFallback(expr.expression);
  if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.BarBarToken || expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return ts.isStringLiteralLike(expr.right) ? expr.right : undefined;
  }
  return undefined;
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass']);
const DATABASE_WORDS = new Set(['postgres', 'postgresql', 'pg', 'pgpassword', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'db', 'database', 'sql', 'mssql', 'clickhouse', 'slave', 'replica']);
/** Keys that say an object holds a database client's connection options (`host` and `port` alone could be SSH or SMTP). */
const CONNECTION_OPTION = /^(?:database|dbName|dbname|db|dialect|connectionString|schema)$/;

/**
 * `password: process.env.DB_PASSWORD || 'postgres'` next to `database`, `POSTGRES_PASSWORD:
 * 'app'`: the default password a database client connects with. It opens nothing by itself (the
 * database sets its password), and on real backends it was the local docker-compose default;
 * reviewers were split on it, so it is left alone. A connection string with a password, and
 * passwords that guard the app's own doors (a dashboard's basic auth, a default admin), are still
 * reported.
 */
function isDatabaseClientPassword(assignment: Assignment): boolean {
  const nameWords = identifierWords(assignment.name);
  if (!nameWords.some((w) => PASSWORD_WORDS.has(w))) return false;
  if (nameWords.some((w) => DATABASE_WORDS.has(w))) return true;
  const initializer = assignment.value.parent;
  if (ts.isBinaryExpression(initializer) && identifierWords(dottedName(initializer.left).split('.').pop() ?? '').some((w) => DATABASE_WORDS.has(w))) return true;
  const property = enclosingProperty(assignment.value);
  return (
    property !== undefined &&
    ts.isObjectLiteralExpression(property.parent) &&
    property.parent.properties.some((p) => p.name !== undefined && CONNECTION_OPTION.test(p.name.getText().replace(/['"]/g, '')))
  );
}

function enclosingProperty(value: ts.Node): ts.PropertyAssignment | undefined {
  let node = value.parent;
  while (ts.isBinaryExpression(node) || ts.isParenthesizedExpression(node)) node = node.parent;
  return ts.isPropertyAssignment(node) ? node : undefined;
}

/** `jwt.sign(payload, 'key')`, `jwt.verify(token, 'key')`: the key argument of jsonwebtoken. */
function jwtKeyArgument(node: ts.Node): ts.StringLiteralLike | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const method = node.expression.name.text;
  const receiver = dottedName(node.expression.expression).toLowerCase();
  if ((method !== 'sign' && method !== 'verify') || !/(^|\.)(jwt|jsonwebtoken)$/.test(receiver)) return undefined;
  const key = node.arguments[1] && literalOrFallback(node.arguments[1]);
  return key && key.text.length > 0 ? key : undefined;
}

/** Inside the `example` of an OpenAPI or JSON schema: documentation shown to API users, not a value the code uses. */
function isSchemaExample(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isPropertyAssignment(current) && /^(?:examples?|x-examples?)$/.test(current.name.getText().replace(/['"]/g, ''))) return true;
    if (ts.isFunctionLike(current) || ts.isStatement(current)) return false;
  }
  return false;
}

/** The last word of a password's name: chosen by people, and often a documented default. */
const PASSWORD_LAST_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase']);
/** `TOR_HASHED_PASSWORD`, `passwordHash`, `secretDigest`: what a secret is checked against, not the secret. */
const HASH_WORDS = new Set(['hash', 'hashed', 'digest']);

/** A name the options leave out: a password's unless asked for, a hash's always. */
function isLeftOut(name: string, reportPasswords: boolean): boolean {
  const parts = identifierWords(name);
  if (parts.some((p) => HASH_WORDS.has(p))) return true;
  return !reportPasswords && PASSWORD_LAST_WORDS.has(parts[parts.length - 1] ?? '');
}

/** The secrets written at one node: under a secret name, as a JWT key, or in a known format. */
function secretsAt(n: ts.Node, reportPasswords: boolean): { node: ts.Node; message: string }[] {
  const found: { node: ts.Node; message: string }[] = [];
  const assignment = secretAssignment(n);
  if (
    assignment &&
    isSecretName(assignment.name) &&
    !isLeftOut(assignment.name, reportPasswords) &&
    looksLikeSecretValue(assignment.value.text, assignment.name, assignment.isFallback) &&
    !isDatabaseClientPassword(assignment) &&
    !inTableOfCodes(n)
  ) {
    found.push({ node: assignment.value, message: `Hardcoded secret: "${assignment.name}" is set to a string literal.` });
  }
  const jwtKey = jwtKeyArgument(n);
  if (jwtKey) found.push({ node: jwtKey, message: 'Hardcoded secret: the JWT signing key is a string literal.' });
  if (ts.isStringLiteralLike(n) && !found.some((f) => f.node === n)) {
    const format = isMasked(n.text) ? undefined : KEY_FORMATS.find((f) => f.pattern.test(n.text));
    if (format) found.push({ node: n, message: `Hardcoded secret: this string contains ${format.name}.` });
    else if (CONNECTION_STRING_CREDENTIALS.test(n.text) && !isStandIn(n.text)) found.push({ node: n, message: 'Hardcoded secret: this connection string contains a password.' });
  }
  return found.length > 0 && (isSchemaExample(n) || inDenyList(n) || inDevelopmentOnlyBranch(n)) ? [] : found;
}

/** A short code: an abbreviation or an id prefix (`'whsec'`, `'pmk'`, `'evt'`). */
const SHORT_CODE = /^[a-z]{1,8}$/;
/** More entries than a login or a client's options hold (`{ user: 'admin', password: 'hunter', … }`). */
const MIN_TABLE_ENTRIES = 8;

/**
 * `{ webhook: 'wh', webhookSecret: 'whsec', token: 'pmk', … }`: an object whose every value is a
 * short code maps names to codes (id prefixes, abbreviations); the code of a secret is no secret.
 */
function inTableOfCodes(n: ts.Node): boolean {
  const table = ts.isPropertyAssignment(n) ? n.parent : undefined;
  if (!table || !ts.isObjectLiteralExpression(table) || table.properties.length < MIN_TABLE_ENTRIES) return false;
  return table.properties.every((p) => ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer) && SHORT_CODE.test(p.initializer.text));
}

/** Names of collections of values kept to recognize and refuse them: `WEAK_DEFAULTS`, `BLOCKED_PASSWORDS`. */
const DENY_LIST_NAME = /weak|insecure|forbidden|blocked|banned|deny|black[-_]?list|compromised|leaked|known[-_]?(?:bad|default)/i;

/** `const WEAK_DEFAULTS = { SESSION_SECRET: 'flowise' }`: listed to be refused, not used. */
function inDenyList(node: ts.Node): boolean {
  let current: ts.Node = node;
  while (ts.isPropertyAssignment(current.parent) || ts.isObjectLiteralExpression(current.parent) || ts.isArrayLiteralExpression(current.parent) || ts.isAsExpression(current.parent))
    current = current.parent;
  const holder = current.parent;
  return current !== node && ts.isVariableDeclaration(holder) && DENY_LIST_NAME.test(holder.name.getText());
}

/** `if (!IS_PROD)`, `if (process.env.NODE_ENV !== 'production')`, `if (isDev)`: a branch production never runs. */
const DEVELOPMENT_ONLY_CONDITION =
  /^!\s*(?:IS_PROD\w*|isProd\w*)$|NODE_ENV\s*!==?\s*['"]production['"]|NODE_ENV\s*===?\s*['"](?:development|dev|local|test)['"]|^(?:IS_DEV\w*|isDev\w*|isDevelopment|isLocal)$/;

/** A development fallback set only in a branch production never takes. */
function inDevelopmentOnlyBranch(node: ts.Node): boolean {
  return inThenBranchOf(node, (condition) => DEVELOPMENT_ONLY_CONDITION.test(condition.getText().trim()));
}

export const hardcodedSecret = defineFileRule({
  meta: {
    id: 'security/hardcoded-secret',
    description: 'A password, token, API key or private key is written in the source as a string literal.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  options,
  visitor({ file: node, options, report: reportOnFile }) {
    const sf = node.sourceFile;
    const reported = new Set<number>();
    const report = (literal: ts.Node, message: string) => {
      const range = rangeOf(literal, sf);
      if (reported.has(range.start)) return;
      reported.add(range.start);
      reportOnFile({ range, message: `${message} ${ADVICE}` });
    };
    return (n) => {
      for (const found of secretsAt(n, options.reportPasswords)) report(found.node, found.message);
    };
  },
});
