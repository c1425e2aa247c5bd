import { z } from 'zod';
import { ts } from '../../ts';
import type { FileNode } from '../../graph/types';
import { chainOperands, inThenBranchOf, rangeOf } from '../syntax';
import { defineFileRule } from '../file-rule';
import { localInitializer } from '../local-values';

const options = z
  .object({
    /** Layers whose files must not hold environment-specific values. */
    layers: z.array(z.string()).default(['controller', 'router', 'service', 'repository']),
  })
  .strict();

const URL = /^(?:https?|wss?|ftp):\/\/[^\s/:]+(?::\d+)?(?:[/?#]\S*)?$/i;
/** The start of a template literal that builds a URL on a fixed host: `\`https://api.example.io/users/\${id}\``. */
const TEMPLATE_URL_HEAD = /^(?:https?|wss?):\/\/[^\s/:$]+(?::\d+)?\//i;
const CONNECTION_STRING = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|kafka|nats):\/\/\S+$/i;
const HOST_PORT = /^(?=[^:]*[a-z])[a-z0-9][a-z0-9.-]*:\d{2,5}$/i;
const IP_ADDRESS = /^(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?$/;

/** Identifiers and placeholders, not configuration: XML/JSON-schema namespaces and `example.com` hosts. */
const NAMESPACE_HOSTS =
  /^(?:[a-z]+:\/\/)?(?:[\w-]+\.)*(?:w3\.org|schemas\.xmlsoap\.org|schemas\.microsoft\.com|json-schema\.org|purl\.org|xmlns\.com|schemas\.openxmlformats\.org|example\.(?:com|org|net))(?:[/:#?]|$)/i;

/** Hosts only one machine or network knows: loopback, private ranges, internal domains. */
const PRIVATE_HOST =
  /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|[\w.-]+\.(?:internal|local|lan|svc|localhost|cluster\.local))$/i;
/** The address that means "every interface" to a listening socket. */
const BIND_ALL = /^0\.0\.0\.0$/;
const STAGE_WORDS = new Set(['sandbox', 'staging', 'stage', 'stg', 'dev', 'develop', 'development', 'qa', 'uat', 'preprod', 'preview']);

/** A label names a stage of deployment (`api.sandbox.…`, `staging-api.…`); the top-level domain does not count (`.dev`). */
function namesStage(host: string): boolean {
  return host
    .split('.')
    .slice(0, -1)
    .some((label) => label.split('-').some((word) => STAGE_WORDS.has(word)));
}
const STAGE_CONDITION = /\b(?:production|prod|isProd\w*|isDev\w*|development|staging|sandbox|NODE_ENV|environment|isLocal|isTest)\b/i;

/** Why a value differs between environments, or undefined when nothing says it does. */
function environmentReason(literal: ts.Node, kind: string, host: string | undefined): string | undefined {
  if (kind === 'connection string') return 'a connection string names one database server';
  // `0.0.0.0:4317`: a listening socket's address, every interface, the same everywhere (a URL to connect to is judged as one).
  if (host === undefined || (kind !== 'URL' && BIND_ALL.test(host))) return undefined;
  if (PRIVATE_HOST.test(host)) return `${host} is reachable only from one machine or network`;
  if (kind !== 'IP address' && !host.includes('.')) return `${host} is a host name only one network resolves`;
  if (namesStage(host)) return `${host} names one deployment stage`;
  if (underStageSwitch(literal)) return 'the code picks it by environment';
  return undefined;
}

/** `isProduction ? 'https://a' : 'https://b'`: a value chosen per environment in code. */
function underStageSwitch(literal: ts.Node): boolean {
  let node = literal;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  return ts.isConditionalExpression(parent) && parent.condition !== node && STAGE_CONDITION.test(parent.condition.getText());
}

function hostOf(value: string): string | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?(\[[^\]]+\]|[^\s/:?#]+)/i.exec(value);
  return match?.[1]?.toLowerCase();
}

function kindOf(value: string): string | undefined {
  if (CONNECTION_STRING.test(value)) return 'connection string';
  if (URL.test(value) || TEMPLATE_URL_HEAD.test(value)) return NAMESPACE_HOSTS.test(value) ? undefined : 'URL';
  if (IP_ADDRESS.test(value)) return 'IP address';
  if (HOST_PORT.test(value)) return 'host:port';
  return undefined;
}

/** Files served as they are: a script or stylesheet on a CDN is the same in every environment. */
const STATIC_ASSET = /\.(?:js|mjs|css|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|mp4|mp3)(?:[?#]\S*)?$/i;

/**
 * Where a URL is a value to compare against or to parse with, not configuration: `url ===
 * 'https://…'`, `href.startsWith('https://…')`, `case 'https://…':`, the base of `new URL(path,
 * 'http://x')`, and an item of a list of known third-party URLs.
 */
function isReferenceOnly(literal: ts.StringLiteralLike | ts.TemplateExpression, value: string): boolean {
  const parent = literal.parent;
  if (ts.isBinaryExpression(parent) && isComparison(parent.operatorToken.kind)) return true;
  if (ts.isCaseClause(parent)) return true;
  if (ts.isCallExpression(parent) && parent.arguments.includes(literal) && ts.isPropertyAccessExpression(parent.expression)) {
    if (/^(?:startsWith|endsWith|includes|indexOf|match|test|replace|replaceAll|split|search)$/.test(parent.expression.name.text)) return true;
  }
  if (ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'URL' && parent.arguments?.[1] === literal) return true;
  if (ts.isArrayLiteralExpression(parent) && isMembershipList(parent)) return true;
  if (isNamedEntry(literal)) return true;
  return ts.isArrayLiteralExpression(parent) && !PRIVATE_HOST.test(hostOf(value) ?? '');
}

/** Properties that name or describe the record they are in. */
const ENTRY_LABEL = /^(?:name|description|label|title)$/;

/**
 * `{ name: 'local', domain: 'http://127.0.0.1' }`, `{ url: 'http://localhost:3000', description:
 * 'Dev server' }`: a record that names itself is data listing environments (a user's mock
 * environments, the servers an API reference shows), not a place the code connects to.
 */
function isNamedEntry(literal: ts.Node): boolean {
  const property = literal.parent;
  if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some((p) => p !== property && ts.isPropertyAssignment(p) && ENTRY_LABEL.test(p.name.getText()) && ts.isStringLiteralLike(p.initializer));
}

/** `['localhost', '127.0.0.1'].includes(host)`: a list to test a value against. */
function isMembershipList(list: ts.ArrayLiteralExpression): boolean {
  const access = list.parent;
  return ts.isPropertyAccessExpression(access) && access.expression === list && /^(?:includes|indexOf|some|find)$/.test(access.name.text) && ts.isCallExpression(access.parent);
}

/** A read of configuration: `process.env.X`, `env.X`, `config.get('x')`, `this.configService.get('x')`, the app's own `getEnv('X')`, `getSetting('x')`. */
const CONFIG_READ = /^(?:process\.env\b|(?:[\w.]*\.)?env\.|(?:[\w.]*\.)?(?:config|configService|settings)\w*\.(?:get|getOrThrow)\b|(?:[\w.]*\.)?(?:get|read)(?:Env|Config|Setting)s?\w*(?:\(|$))/i;

/**
 * `process.env.REDIS_URL || 'redis://localhost:6379'`, `config.get('API_URL', 'http://localhost:3000')`,
 * `process.env.HOST ? … : 'http://localhost:8123'`: the value is read from the configuration; the
 * literal is only its local default. A comparison (`NODE_ENV === 'production' ? … : …`) picks
 * between environments instead, and is judged as such.
 */
function isConfigDefault(literal: ts.Node): boolean {
  let node = literal;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.right === node && isFallbackOperator(parent.operatorToken.kind)) {
    // `baseUrl || process.env.BASE_URL || 'http://localhost:3002'`: any read in the chain.
    return chainOperands(parent.left, isFallbackOperator).some((operand) => CONFIG_READ.test(compactText(operand)));
  }
  // `process.env.CLICKHOUSE_HOST ? withScheme(process.env.CLICKHOUSE_HOST) : 'http://localhost:8123'`
  // The then branch uses the value read; `process.env.USE_PROD ? 'https://a' : 'https://b'` picks between environments.
  if (ts.isConditionalExpression(parent) && parent.whenFalse === node) {
    const condition = ts.isParenthesizedExpression(parent.condition) ? parent.condition.expression : parent.condition;
    const read = compactText(condition);
    return (
      (ts.isPropertyAccessExpression(condition) || ts.isElementAccessExpression(condition) || ts.isCallExpression(condition)) && CONFIG_READ.test(read) && compactText(parent.whenTrue).includes(read)
    );
  }
  // `getEnv({ name: 'EMAIL_VERIFIER', defaultValue: 'http://localhost:4100' })`
  if (ts.isPropertyAssignment(parent) && /^default/i.test(parent.name.getText()) && ts.isObjectLiteralExpression(parent.parent)) {
    const call = parent.parent.parent;
    return ts.isCallExpression(call) && call.arguments.some((a) => a === parent.parent) && CONFIG_READ.test(compactText(call.expression));
  }
  // `const { redisHost = '127.0.0.1' } = settings`, with `settings` read from the configuration.
  if (ts.isBindingElement(parent) && parent.initializer === node) return destructuresConfiguration(parent);
  return ts.isCallExpression(parent) && parent.arguments.indexOf(node as ts.Expression) >= 1 && CONFIG_READ.test(compactText(parent.expression));
}

/** A binding of a declaration whose value is a configuration read, here or in the local it names. */
function destructuresConfiguration(element: ts.BindingElement): boolean {
  let pattern: ts.Node = element.parent;
  while (ts.isBindingElement(pattern.parent)) pattern = pattern.parent.parent;
  const declaration = pattern.parent;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const value = ts.isAwaitExpression(declaration.initializer) ? declaration.initializer.expression : declaration.initializer;
  if (CONFIG_READ.test(compactText(value))) return true;
  const named = ts.isIdentifier(value) ? localInitializer(value) : undefined;
  return named !== undefined && CONFIG_READ.test(compactText(ts.isAwaitExpression(named) ? named.expression : named));
}

function isFallbackOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

/** The code of a node without its whitespace, as a configuration read is written in any layout. */
function compactText(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}

/** Conditions that select the developer's machine: `NODE_ENV === 'development'`, `isDev`, `isLocal`. */
const DEVELOPMENT_CONDITION = /\b(?:isDev\w*|isLocal\w*|isDevelopment|isTest\w*)\b|NODE_ENV\s*===?\s*['"](?:development|dev|local|test)['"]/;

/**
 * `if (process.env.NODE_ENV === 'development') host = '127.0.0.1'`, `isDevelopment ? 'http://localhost:3000' : prod`,
 * `if (isTest()) allowed.push('127.0.0.1')`: a value for the developer's machine or the tests only.
 */
function inDevelopmentBranch(literal: ts.Node): boolean {
  const isDevelopment = (condition: ts.Expression): boolean => DEVELOPMENT_CONDITION.test(condition.getText());
  let node = literal;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  if (ts.isConditionalExpression(node.parent) && node.parent.whenTrue === node && isDevelopment(node.parent.condition)) return true;
  return inThenBranchOf(literal, isDevelopment);
}

function isComparison(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken
  );
}

/** The text a literal starts with: a string's value, or a template's text before its first `${`. */
function literalText(node: ts.Node): { literal: ts.StringLiteralLike | ts.TemplateExpression; text: string; whole: string } | undefined {
  if (ts.isStringLiteralLike(node)) return { literal: node, text: node.text.trim(), whole: node.text.trim() };
  if (!ts.isTemplateExpression(node) || !/^[a-z][a-z0-9+.-]*:\/\/[^\s/$]+/i.test(node.head.text)) return undefined;
  const whole = [node.head.text, ...node.templateSpans.map((s) => `x${s.literal.text}`)].join('');
  return { literal: node, text: node.head.text.trim(), whole };
}

/**
 * The layer the file is checked as: its own, or — for a service or repository that turned out to
 * wrap infrastructure (an HTTP, mail or chat client) — an adapter, where endpoints live most.
 */
function configuredLayer(node: FileNode, layers: ReadonlySet<string>): string | undefined {
  if (node.layer) return layers.has(node.layer) ? `a ${node.layer}` : undefined;
  const adapter = node.layerEvidence.find((e) => e.layer !== undefined && layers.has(e.layer) && (e.check === 'not-an-adapter' || e.check === 'touches-data'));
  return adapter ? 'an adapter' : undefined;
}

function insideDecorator(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isDecorator(current)) return true;
    if (ts.isStatement(current) || ts.isClassElement(current)) return false;
  }
  return false;
}

export const hardcodedConfig = defineFileRule({
  meta: {
    id: 'config/hardcoded-config',
    description: 'A URL, host:port, IP address or connection string that differs between environments is written into a controller, service or repository instead of the configuration.',
    defaultSeverity: 'info',
    fixable: true,
  },
  options,
  files: 'all',
  visitor({ file: node, options, report }) {
    const layer = configuredLayer(node, new Set(options.layers));
    if (!layer) return undefined;
    const sf = node.sourceFile;
    return (n) => {
      const found = literalText(n);
      if (!found || insideDecorator(n) || ts.isImportDeclaration(n.parent) || ts.isExportDeclaration(n.parent)) return;
      const kind = kindOf(found.text);
      if (!kind || (kind === 'URL' && STATIC_ASSET.test(found.whole)) || isReferenceOnly(found.literal, found.text)) return;
      if (isConfigDefault(found.literal) || inDevelopmentBranch(found.literal)) return;
      const reason = environmentReason(found.literal, kind, hostOf(found.text));
      if (!reason) return;
      report({
        range: rangeOf(n, sf),
        message: `Hardcoded configuration in ${layer}: this ${kind} differs between environments.`,
        detail: `It differs because ${reason}, so it belongs in the configuration, where each environment (and each test) can set it. Read it from the config layer (environment variables through a config module or ConfigService).`,
      });
    };
  },
});
