import { ts } from '../../ts';
import { dottedName } from '../../rules/syntax';

/** `jwtSecret` → `JWT_SECRET`, `api-key` → `API_KEY`. */
export function screamingSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The environment variable an existing `process.env.X || 'literal'` fallback already reads. */
export function fallbackVariable(literal: ts.Node): { readonly expression: ts.BinaryExpression; readonly name: string } | undefined {
  const parent = literal.parent;
  if (!ts.isBinaryExpression(parent) || parent.right !== literal) return undefined;
  if (parent.operatorToken.kind !== ts.SyntaxKind.BarBarToken && parent.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken) return undefined;
  const name = /^process\.env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(dottedName(parent.left))?.[1];
  return name ? { expression: parent, name } : undefined;
}

/**
 * A name for the variable that will hold the literal: the name it is assigned to (prefixed with
 * its object's name when that alone says little: `stripe: { key }` → `STRIPE_KEY`), the JWT
 * secret, else what the value is (`DATABASE_URL`, `REDIS_URL`, `STRIPE_URL`).
 */
export function environmentName(literal: ts.StringLiteralLike): string | undefined {
  const assigned = assignedName(literal);
  if (assigned) {
    const owner = screamingSnake(assigned).includes('_') ? undefined : ownerName(literal);
    return screamingSnake(owner ? `${owner}_${assigned}` : assigned) || undefined;
  }
  if (isJwtKey(literal)) return 'JWT_SECRET';
  return nameFromValue(literal.text.trim());
}

function assignedName(literal: ts.Node): string | undefined {
  const parent = ts.isBinaryExpression(literal.parent) && literal.parent.right === literal ? literal.parent.parent : literal.parent;
  if (
    (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent) || ts.isPropertyAssignment(parent)) &&
    (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))
  )
    return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return dottedName(parent.left).split('.').pop() || undefined;
  return undefined;
}

/** The name of the object literal holding a property: `const stripe = { key: '…' }` → `stripe`. */
function ownerName(literal: ts.Node): string | undefined {
  const property = literal.parent;
  if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return undefined;
  const holder = property.parent.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && ts.isIdentifier(holder.name)) return holder.name.text;
  return undefined;
}

function isJwtKey(literal: ts.Node): boolean {
  const call = literal.parent;
  return ts.isCallExpression(call) && call.arguments[1] === literal && /(^|\.)(jwt|jsonwebtoken)\.(sign|verify)$/i.test(dottedName(call.expression));
}

const SCHEME_NAMES: Readonly<Record<string, string>> = {
  postgres: 'DATABASE_URL',
  postgresql: 'DATABASE_URL',
  mysql: 'DATABASE_URL',
  mariadb: 'DATABASE_URL',
  mssql: 'DATABASE_URL',
  sqlserver: 'DATABASE_URL',
  mongodb: 'MONGODB_URI',
  'mongodb+srv': 'MONGODB_URI',
  redis: 'REDIS_URL',
  rediss: 'REDIS_URL',
  amqp: 'AMQP_URL',
  amqps: 'AMQP_URL',
  kafka: 'KAFKA_BROKERS',
  nats: 'NATS_URL',
};

function nameFromValue(value: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme && SCHEME_NAMES[scheme]) return SCHEME_NAMES[scheme];
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)/i.exec(value)?.[1] ?? '';
  if (/^[\d.]+$/.test(host)) return 'SERVICE_HOST';
  const labels = host.split('.').filter((l) => l !== 'www' && l !== 'api');
  const site = labels.length >= 2 ? labels[labels.length - 2] : labels[0];
  return site ? `${screamingSnake(site)}_${scheme ? 'URL' : 'ADDRESS'}` : undefined;
}
