import { builtinModules } from 'node:module';
import { ts } from '../ts';
import type { FileShape, WiringKind } from './types';

/**
 * What a file *does*, read from its syntax: the behaviour that classification weighs against
 * what the file is *called*. A file named `swagger.controller.ts` that declares no route is no
 * controller; `controllers/index.ts` that lists controllers is wiring, not a controller.
 */

/** HTTP route registration methods of Express/Koa routers and Fastify instances. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'route']);
/** Route decorators of NestJS, routing-controllers and inversify-express-utils, and GraphQL/RPC entry points. */
const HANDLER_DECORATOR =
  /^(?:Get|Post|Put|Patch|Delete|All|Head|Options|Sse|Render|http(?:Get|Post|Put|Patch|Delete|Head|Method)|Query|Mutation|Subscription|ResolveField|ResolveProperty|MessagePattern|EventPattern|SubscribeMessage|GrpcMethod|GrpcStreamMethod|Process|OnEvent|Cron|Interval)$/;
const REQUEST_NAME = /^_?(?:req|request|ctx)$/;
const RESPONSE_NAME = /^_?(?:res|response|reply|h)$/;
/** Calls that create an HTTP application or router. */
const APP_FACTORIES =
  /^(?:express|fastify|Fastify|polka|restify\.createServer|NestFactory\.create|NestFactory\.createMicroservice|NestFactory\.createApplicationContext|https?\.createServer|http2\.createS(?:ecureS)?erver)$/;
const APP_CLASSES = /^(?:Koa|Hapi\.Server|Server|Hono|Elysia)$/;
const ROUTER_FACTORIES = /^(?:express\.Router|Router|KoaRouter|createRouter)$/;
/** Packages whose import makes a file front-end code: UI frameworks and component kits (not document libraries such as ProseMirror, which servers use too). */
const UI_PACKAGE =
  /^(?:react|react-dom|react-router|react-router-dom|vue|svelte|preact|solid-js|styled-components|mobx-react|mobx-react-lite|@angular\/[^/]+|@vue\/[^/]+|@emotion\/[^/]+|@remix-run\/react|next|next\/.+|monaco-editor|@mui\/[^/]+|@chakra-ui\/[^/]+|antd|jquery|d3|d3-selection|leaflet)(?:\/.*)?$/;
/**
 * A header naming where the code came from: "adapted from lodash/fp", "Ported from Express",
 * "Source: https://github.com/…". The origin is a link, a path or package, or a name: "the
 * currency, taken from a query parameter" is prose about data.
 */
const NAMED_ORIGIN = /\b(?:[Aa]dapted|[Pp]orted|[Cc]opied|[Tt]aken) from:? (?:https?:\/\/|[@\w.-]+\/[\w.-]|[A-Z])|\b[Ss]ource:\s*https?:\/\//;
/** A header carrying someone's copyright or licence. */
const LICENCE_HEADER = /\b(?:copyright|licen[cs]ed?\b|@license)/i;
/** File-wide opt-outs of the project's own checks, as copied code carries. */
const FILE_WIDE_OPT_OUT = /\/\*\s*eslint-disable\s*\*\/|@ts-nocheck|\/\*\s*jshint\b|\/\*\s*tslint:disable\s*\*\//;

/** What the facts' one walk counts for the shape: routes, handlers, whether the app is created here. */
export interface BehaviourCounts {
  routes: number;
  handlers: number;
  createsApp: boolean;
  /** A bare `createServer(…)` call: the app's server only when Node's http module provides it (Next.js and others export one too). */
  bareCreateServer: boolean;
  /** A call of the runtime's own network or I/O globals (see `FileShape.reachesOutside`). */
  reachesOutside: boolean;
}

export function newBehaviourCounts(): BehaviourCounts {
  return { routes: 0, handlers: 0, createsApp: false, bareCreateServer: false, reachesOutside: false };
}

/** Globals of the runtime that reach the network or another process with no import. */
const OUTSIDE_CALLS = /^(?:(?:globalThis|window|self)\.)?fetch$|^navigator\.sendBeacon$/;
const OUTSIDE_CLASSES = /^(?:(?:globalThis|window|self)\.)?(?:WebSocket|XMLHttpRequest|EventSource|Worker|SharedWorker|BroadcastChannel)$/;

const NODE_HTTP_MODULE = /^(?:node:)?https?2?$/;

function importsNodeCreateServer(sf: ts.SourceFile): boolean {
  return sf.statements.some((statement) => {
    if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some(requiresNodeCreateServer);
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !NODE_HTTP_MODULE.test(statement.moduleSpecifier.text)) return false;
    const bindings = statement.importClause?.namedBindings;
    return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.some((e) => (e.propertyName ?? e.name).text === 'createServer');
  });
}

/** The shape of a file from what its one walk counted (`countBehaviour` on every node) and its top-level statements. */
export function fileShapeOf(sf: ts.SourceFile, isBarrel: boolean, counted: BehaviourCounts): FileShape {
  const wiring: WiringKind | undefined = isBarrel ? 'barrel' : wiringOf(sf);
  const serverOnly = isServerOnly(sf);
  return {
    routes: counted.routes,
    handlers: counted.handlers,
    createsApp: counted.createsApp || (counted.bareCreateServer && importsNodeCreateServer(sf)),
    reachesOutside: counted.reachesOutside,
    keepsState: sf.statements.some(keepsStateAtTopLevel),
    functions: sf.statements.filter(isTopLevelFunction).length,
    typesOnly: sf.statements.length > 0 && !isBarrel && sf.statements.every(isTypeLevelStatement) && sf.statements.some(declaresType),
    ...(wiring ? { wiring } : {}),
    definesTables: definesDrizzleTables(sf),
    ui: !serverOnly && isUiFile(sf),
    serverOnly,
    dom: usesBrowserDom(sf),
    vendored: isVendored(sf),
    generated: isGenerated(sf),
    flowTyped: /(?:\/\/|\/\*)\s*@flow\b/.test(headerOf(sf)),
  };
}

/** `const { createServer } = require('http')`. */
function requiresNodeCreateServer(declaration: ts.VariableDeclaration): boolean {
  const init = declaration.initializer;
  if (!ts.isObjectBindingPattern(declaration.name) || !init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') return false;
  const [specifier] = init.arguments;
  if (!specifier || !ts.isStringLiteral(specifier) || !NODE_HTTP_MODULE.test(specifier.text)) return false;
  return declaration.name.elements.some((e) => (e.propertyName ?? e.name).getText() === 'createServer');
}

/** Counts one node's part of the file's behaviour (called for every node of the facts' walk). */
export function countBehaviour(node: ts.Node, counter: BehaviourCounts): void {
  if (ts.isCallExpression(node)) countCall(node, counter);
  else if (ts.isNewExpression(node)) countNew(node, counter);
  else if (ts.isFunctionLike(node) && handlesRequests(node)) counter.handlers++;
}

function countCall(node: ts.CallExpression, counter: BehaviourCounts): void {
  const callee = calleeText(node.expression);
  if (isRouteCall(node)) counter.routes++;
  else if (ROUTER_FACTORIES.test(callee) && !fromBrowserRouter(node.getSourceFile(), callee)) counter.routes++;
  if (APP_FACTORIES.test(callee) || isListenCall(node)) counter.createsApp = true;
  else if (callee === 'createServer') counter.bareCreateServer = true;
  if (OUTSIDE_CALLS.test(callee)) counter.reachesOutside = true;
}

function countNew(node: ts.NewExpression, counter: BehaviourCounts): void {
  const callee = calleeText(node.expression);
  if (OUTSIDE_CLASSES.test(callee)) counter.reachesOutside = true;
  if (APP_CLASSES.test(callee) && !importedFrom(node.getSourceFile(), callee, REALTIME_SERVERS)) counter.createsApp = true;
  if (/(?:^|\.)(?:Router|KoaRouter)$/.test(callee) && !declaresLocally(node.getSourceFile(), callee)) counter.routes++;
}

/**
 * `class Router { addRoute(r) { this.routes.push(r) } }` with `new Router()` below: an in-memory
 * route table of the app's own, not an HTTP router of a framework.
 */
/** Routers of pages in the browser, whose `createRouter` maps URLs to screens, not requests to handlers. */
const BROWSER_ROUTERS = /^(?:type-route|vue-router|@tanstack\/(?:react-|solid-|vue-)?router|@solidjs\/router|react-router(?:-dom)?|wouter|preact-router|svelte-routing|universal-router)$/;

/** `createRouter` imported from a browser router (`type-route`, `vue-router`): URLs of screens, no route served. */
function fromBrowserRouter(sf: ts.SourceFile, name: string): boolean {
  return importedFrom(sf, name, BROWSER_ROUTERS);
}

/**
 * Servers of WebSockets, whose `new Server(httpServer)` attaches to an HTTP server the app made
 * elsewhere: the file holding it is a realtime adapter, not where the app is created.
 */
const REALTIME_SERVERS = /^(?:socket\.io|ws|@socket\.io\/[^/]+)$/;

/** The name is imported by name from a package the pattern matches. */
function importedFrom(sf: ts.SourceFile, name: string, packages: RegExp): boolean {
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      packages.test(s.moduleSpecifier.text) &&
      s.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => e.name.text === name),
  );
}

function declaresLocally(sf: ts.SourceFile, name: string): boolean {
  return sf.statements.some((s) => (ts.isClassDeclaration(s) || ts.isFunctionDeclaration(s)) && s.name?.text === name);
}

/** `app.listen(3000)`, `server.listen({ port })`: the process starts serving here. */
function isListenCall(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'listen' && call.arguments.length > 0;
}

/** `router.get('/users', handler)`, `app.use('/api', router)`, `fastify.route({ url, handler })`. */
function isRouteCall(call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  if (!ROUTE_METHODS.has(method)) return false;
  const [first, second] = call.arguments;
  if (method === 'route' && first && ts.isObjectLiteralExpression(first)) return first.properties.some((p) => p.name?.getText() === 'handler');
  if (!first || !second) return false;
  return isPathLiteral(first);
}

function isPathLiteral(expr: ts.Expression): boolean {
  if (ts.isStringLiteralLike(expr)) return expr.text.startsWith('/') || expr.text === '*';
  if (ts.isTemplateExpression(expr)) return expr.head.text.startsWith('/');
  if (ts.isArrayLiteralExpression(expr)) return expr.elements.some(isPathLiteral);
  return false;
}

/**
 * `ctx.body = …`, `ctx.request.body`, `ctx.throw(404)`: the function uses Koa's context. A
 * `resolve(ctx: RoutingContext)` reading `ctx.tenant` takes a context of its own, not a request.
 */
function usesKoaContext(body: ts.Node, ctx: string): boolean {
  return readsMember(body, ctx, KOA_CONTEXT_MEMBER);
}

/** `<name>.<member>` somewhere in `body`, for a member `pattern` accepts. */
function readsMember(body: ts.Node, name: string, pattern: RegExp): boolean {
  let uses = false;
  const visit = (node: ts.Node): void => {
    if (uses) return;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name && pattern.test(node.name.text)) uses = true;
    else ts.forEachChild(node, visit);
  };
  visit(body);
  return uses;
}

/** What only an HTTP request carries: its route parameters, query string, body, headers and cookies. */
const REQUEST_INPUT = /^(?:params|query|body|headers|cookies)$/;

/**
 * `httpReqHandler(async (req) => ({ body: await list(req.query) }))`: a function of the request
 * alone, handed to a wrapper that answers with what it returns, reading what a request carries.
 * A helper that merely takes a `req` is neither handed to a wrapper nor, usually, reading it so.
 */
function isWrappedRequestHandler(fn: ts.SignatureDeclaration): boolean {
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters.length !== 1) return false;
  const [request] = fn.parameters;
  if (!request || !ts.isIdentifier(request.name) || !/^_?(?:req|request)$/.test(request.name.text)) return false;
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments.some((a) => a === fn) && readsMember(fn.body, request.name.text, REQUEST_INPUT);
}

const KOA_CONTEXT_MEMBER =
  /^(?:body|status|request|response|params|query|querystring|throw|assert|redirect|state|set|get|cookies|req|res|type|headers?|ip|ips|path|method|url|href|host|hostname|origin|attachment|append|remove|is|accepts|render|session|flash|login|logout|isAuthenticated|user|app|respond|vary|lastModified|etag|length|message|fresh|stale|protocol|secure|subdomains)$/;

/** A function that answers requests itself, or is handed to a wrapper that answers with what it returns. */
function handlesRequests(fn: ts.SignatureDeclaration): boolean {
  return answersRequests(fn) || isWrappedRequestHandler(fn);
}

/** A route-decorated method, or a function shaped `(req, res)`, `(request, reply)` or `(ctx, next)`. */
function answersRequests(fn: ts.SignatureDeclaration): boolean {
  if (ts.isMethodDeclaration(fn) && (ts.getDecorators(fn) ?? []).some((d) => HANDLER_DECORATOR.test(decoratorName(d)))) return true;
  if (!('body' in fn) || !fn.body) return false;
  const [first, second] = fn.parameters;
  if (!first || !ts.isIdentifier(first.name) || !REQUEST_NAME.test(first.name.text)) return false;
  if (/^_?ctx$/.test(first.name.text)) return fn.parameters.length <= 2 && (!second || (ts.isIdentifier(second.name) && second.name.text === 'next')) && usesKoaContext(fn.body, first.name.text);
  return second !== undefined && ts.isIdentifier(second.name) && RESPONSE_NAME.test(second.name.text);
}

function decoratorName(decorator: ts.Decorator): string {
  const callee = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
  return calleeText(callee).split('.').pop() ?? '';
}

function calleeText(expr: ts.Expression): string {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) {
    const left = calleeText(expr.expression);
    return left ? `${left}.${expr.name.text}` : expr.name.text;
  }
  return '';
}

function isTopLevelFunction(statement: ts.Statement): boolean {
  if (ts.isFunctionDeclaration(statement)) return statement.body !== undefined;
  if (!ts.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.some((d) => {
    const init = d.initializer && skipOuterExpressions(d.initializer);
    return init !== undefined && (ts.isArrowFunction(init) || ts.isFunctionExpression(init));
  });
}

/** `let cache;`, `var n = 0`, `const handlers = new Map()`: what the module remembers between calls. */
function keepsStateAtTopLevel(statement: ts.Statement): boolean {
  if (!ts.isVariableStatement(statement)) return false;
  const list = statement.declarationList;
  if (!(list.flags & ts.NodeFlags.Const)) return true;
  return list.declarations.some((d) => d.initializer !== undefined && ts.isNewExpression(skipOuterExpressions(d.initializer)));
}

function skipOuterExpressions(expr: ts.Expression): ts.Expression {
  let current = expr;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current)) current = current.expression;
  return current;
}

/**
 * Statements of a port or a type file: imports, type declarations, abstract classes whose members
 * are all abstract, `declare`d things, and injection tokens (`export const USERS = Symbol('USERS')`).
 */
function isTypeLevelStatement(statement: ts.Statement): boolean {
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isExportDeclaration(statement)) return true;
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return true;
  if (hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) return true;
  if (ts.isClassDeclaration(statement)) return isPureAbstractClass(statement);
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.every((d) => d.initializer !== undefined && isToken(d.initializer));
  return false;
}

function declaresType(statement: ts.Statement): boolean {
  return ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement);
}

/** `abstract class Port { abstract find(id: string): Promise<User> }`: a contract, no behaviour. */
function isPureAbstractClass(cls: ts.ClassDeclaration): boolean {
  if (!hasModifier(cls, ts.SyntaxKind.AbstractKeyword)) return false;
  return cls.members.every((m) => {
    if (ts.isPropertyDeclaration(m)) return m.initializer === undefined;
    if (ts.isMethodDeclaration(m) || ts.isAccessor(m)) return m.body === undefined;
    if (ts.isConstructorDeclaration(m)) return m.body === undefined || m.body.statements.length === 0;
    return ts.isIndexSignatureDeclaration(m);
  });
}

/** An injection token: `Symbol('X')`, `'X'`, `new InjectionToken('X')`. */
function isToken(init: ts.Expression): boolean {
  const expr = skipOuterExpressions(init);
  if (ts.isStringLiteralLike(expr)) return true;
  if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'Symbol') return true;
  return ts.isNewExpression(expr) && ts.isIdentifier(expr.expression) && /Token$/.test(expr.expression.text);
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/**
 * Files that only connect others: a registry (`export const controllers = [A, B]`,
 * `module.exports = { users: require('./users') }`, `mergeResolvers([require('./users')])`), or a composition (`const service = new
 * UsersService(repo); export { service }`: every `new` of a class imported from a relative path,
 * in an `index` file or more than once).
 */
function wiringOf(sf: ts.SourceFile): WiringKind | undefined {
  const relativeImports = relativeImportLocals(sf);
  let news = 0;
  let lists = 0;
  for (const statement of sf.statements) {
    const kind = wiringStatementKind(statement, relativeImports);
    if (kind === undefined) return undefined;
    if (kind === 'new') news++;
    if (kind === 'list') lists++;
  }
  if (news > 1 || (news === 1 && stemIsIndex(sf.fileName))) return 'composition';
  return lists > 0 && news === 0 ? 'registry' : undefined;
}

function stemIsIndex(fileName: string): boolean {
  return /(?:^|\/)index\.[cm]?[jt]sx?$/i.test(fileName);
}

/** `import` and `name` statements are neutral; `list` statements gather imports; `new` ones create the app's objects. */
type WiringStatement = 'import' | 'name' | 'list' | 'new';

function wiringStatementKind(statement: ts.Statement, relativeImports: ReadonlySet<string>): WiringStatement | undefined {
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isExportDeclaration(statement)) return 'import';
  if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) return 'import'; // 'use strict'
  if (ts.isExportAssignment(statement)) return wiringValueKind(statement.expression, relativeImports);
  if (ts.isVariableStatement(statement)) return variablesKind(statement, relativeImports);
  const exported = commonJsExport(statement);
  return exported ? wiringValueKind(exported, relativeImports) : undefined;
}

function variablesKind(statement: ts.VariableStatement, relativeImports: ReadonlySet<string>): WiringStatement | undefined {
  let kind: WiringStatement = 'import';
  for (const d of statement.declarationList.declarations) {
    if (!d.initializer) return undefined;
    const valueKind = isRequireCall(d.initializer) || isRequireMember(d.initializer) ? 'import' : wiringValueKind(d.initializer, relativeImports);
    if (valueKind === undefined) return undefined;
    if (valueKind === 'new' || (valueKind === 'list' && kind !== 'new')) kind = valueKind;
  }
  return kind;
}

/** The value of `module.exports = …`, `module.exports.x = …` or `exports.x = …`. */
function commonJsExport(statement: ts.Statement): ts.Expression | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return undefined;
  const { left, operatorToken, right } = statement.expression;
  if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  return /^(?:module\.exports|exports)(?:\.[\w$]+)?$/.test(left.getText()) ? right : undefined;
}

/**
 * `name` for a name (`X`, `a.b`); `list` for requires and literal lists of names; `new` for
 * `new X(…)` of a relatively imported class with such arguments; undefined for anything else.
 */
function wiringValueKind(value: ts.Expression, relativeImports: ReadonlySet<string>): WiringStatement | undefined {
  const expr = skipOuterExpressions(value);
  if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) return 'name';
  if (isRequireCall(expr) || isRequireMember(expr) || isLazyImport(expr)) return 'list';
  if (ts.isArrayLiteralExpression(expr)) return combine(expr.elements.map((e) => wiringValueKind(ts.isSpreadElement(e) ? e.expression : e, relativeImports)));
  if (ts.isObjectLiteralExpression(expr)) return combine(expr.properties.map((p) => propertyKind(p, relativeImports)));
  // `mergeResolvers([require('./users'), …])`, `combineReducers({ users })`: a registry combined by a library.
  if (ts.isCallExpression(expr) && isCombiningCall(expr) && expr.arguments.length > 0) return combine(expr.arguments.map((a) => wiringValueKind(a, relativeImports)));
  if (ts.isNewExpression(expr) && ts.isIdentifier(expr.expression) && relativeImports.has(expr.expression.text)) {
    const args = (expr.arguments ?? []).map((a) => wiringValueKind(a, relativeImports));
    return args.every((a) => a !== undefined) ? 'new' : undefined;
  }
  return undefined;
}

function propertyKind(p: ts.ObjectLiteralElementLike, relativeImports: ReadonlySet<string>): WiringStatement | undefined {
  if (ts.isShorthandPropertyAssignment(p)) return 'name';
  if (ts.isSpreadAssignment(p)) return wiringValueKind(p.expression, relativeImports);
  return ts.isPropertyAssignment(p) ? wiringValueKind(p.initializer, relativeImports) : undefined;
}

/** Calls that combine the parts they are given into one registry: `mergeResolvers`, `combineReducers`, `composeRoutes`. */
export function isCombiningCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return /^(?:merge|combine|compose)[A-Z]\w*$/.test(name);
}

/** A literal list is wiring when its items are; its kind is `new` if any item creates an object. */
function combine(kinds: readonly (WiringStatement | undefined)[]): WiringStatement | undefined {
  if (kinds.some((k) => k === undefined)) return undefined;
  return kinds.includes('new') ? 'new' : 'list';
}

/** `() => import('./web')`: a module loaded on demand. */
function isLazyImport(expr: ts.Expression): boolean {
  if (!ts.isArrowFunction(expr) || !ts.isCallExpression(expr.body)) return false;
  const call = expr.body;
  return (call.expression.kind === ts.SyntaxKind.ImportKeyword || isRequireCall(call)) && call.arguments.length === 1;
}

function isRequireCall(expr: ts.Expression): boolean {
  return ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'require' && expr.arguments.length === 1;
}

function isRequireMember(expr: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(expr) && isRequireCall(expr.expression);
}

/** Names bound by imports of relative specifiers (`./users.service`): the app's own classes. */
function relativeImportLocals(sf: ts.SourceFile): Set<string> {
  const locals = new Set<string>();
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && isRelativeSpecifier(statement.moduleSpecifier)) {
      for (const name of importClauseLocals(statement.importClause)) locals.add(name);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) for (const name of relativeRequireLocals(d)) locals.add(name);
    }
  }
  return locals;
}

function isRelativeSpecifier(specifier: ts.Expression | undefined): boolean {
  return specifier !== undefined && ts.isStringLiteralLike(specifier) && specifier.text.startsWith('.');
}

function importClauseLocals(clause: ts.ImportClause | undefined): string[] {
  const named = clause?.namedBindings;
  const names = named && ts.isNamedImports(named) ? named.elements.map((el) => el.name.text) : [];
  return clause?.name ? [clause.name.text, ...names] : names;
}

/** `const X = require('./x')`, `const { a, b } = require('./x')`. */
function relativeRequireLocals(declaration: ts.VariableDeclaration): string[] {
  const init = declaration.initializer;
  if (!init || !isRequireCall(init) || !isRelativeSpecifier((init as ts.CallExpression).arguments[0])) return [];
  if (ts.isIdentifier(declaration.name)) return [declaration.name.text];
  if (!ts.isObjectBindingPattern(declaration.name)) return [];
  return declaration.name.elements.flatMap((el) => (ts.isIdentifier(el.name) ? [el.name.text] : []));
}

/** `document.querySelector`, `window.scrollTo`: a use of the browser's globals (not a local of that name). */
const DOM_GLOBAL_USE = /(?<![\w.$])(?:document|window)\.[A-Za-z_$]/g;
/** Uses of the DOM that make a file browser code rather than a guarded server-side check. */
const MIN_DOM_USES = 3;
/** Node's built-in modules, imported or required: a file that has them runs on the server. */
const NODE_BUILTIN = new RegExp(
  `^(?:node:.+|(?:${builtinModules
    .filter((m) => !m.startsWith('_'))
    .map((m) => m.replace(/[/]/g, '\\/'))
    .join('|')})(?:\\/.*)?)$`,
);

/** Packages that drive a browser or emulate a DOM from the server: their callbacks use `document` inside a page. */
const SERVER_SIDE_DOM = /^(?:playwright(?:-core)?|@playwright\/.+|puppeteer(?:-core)?|puppeteer-extra|selenium-webdriver|jsdom|happy-dom|linkedom|cheerio)$/;

/**
 * Browser code: several uses of `document.` or `window.`, no local binding of either, no Node
 * built-in, and no package that drives a browser from the server (a scraper's `page.evaluate(() =>
 * document.title)` runs in the page, its file on the server).
 */
function usesBrowserDom(sf: ts.SourceFile): boolean {
  const uses = (sf.text.match(DOM_GLOBAL_USE)?.length ?? 0) + (sf.text.match(JQUERY_SELECTION)?.length ?? 0);
  if (uses < MIN_DOM_USES) return false;
  if (bindsDomName(sf)) return false;
  return !importsPackage(sf, NODE_BUILTIN) && !importsPackage(sf, SERVER_SIDE_DOM);
}

/**
 * `$('#bolus-form')`, `$(this)`: jQuery selecting elements of the page, whether `$` is the global,
 * required (`const $ = require('./rjquery').$`) or handed in (`function init(client, $)`). Cheerio
 * selects the same way on the server, and a file that imports it is no browser code.
 */
const JQUERY_SELECTION = /(?<![\w$.])\$\(\s*(?:['"][#.<]|this\b)/g;

/**
 * A local named `document` or `window` (a parameter, a variable, a function): the file's uses may
 * be of that, not of the browser's. `$(window).on(…)` passes the browser's, and binds nothing.
 */
function bindsDomName(sf: ts.SourceFile): boolean {
  let binds = false;
  const visit = (node: ts.Node): void => {
    if (binds) return;
    if (
      (ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isBindingElement(node)) &&
      node.name &&
      ts.isIdentifier(node.name) &&
      DOM_NAME.test(node.name.text)
    )
      binds = true;
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return binds;
}

const DOM_NAME = /^(?:document|window)$/;

/** Drizzle's table builders: `pgTable`, `sqliteTable`, `mysqlTable`, `singlestoreTable`. */
const DRIZZLE_TABLE_BUILDER = /^(?:pg|sqlite|mysql|singlestore|gel)Table$/;

/** A top-level `const users = pgTable('users', …)` in a file that imports Drizzle. */
function definesDrizzleTables(sf: ts.SourceFile): boolean {
  if (!importsPackage(sf, /^drizzle-orm(?:\/|$)/)) return false;
  return sf.statements.some(
    (s) =>
      ts.isVariableStatement(s) &&
      s.declarationList.declarations.some(
        (d) => d.initializer !== undefined && ts.isCallExpression(d.initializer) && ts.isIdentifier(d.initializer.expression) && DRIZZLE_TABLE_BUILDER.test(d.initializer.expression.text),
      ),
  );
}

/** `app/api/users/route.ts`, `app/(chat)/api/chat/route.ts`, `pages/api/users.ts`: Next.js's server routes. */
const SERVER_ROUTE_FILE = /(?:^|\/)app\/(?:[^/]+\/)*route\.[cm]?[jt]s$|(?:^|\/)pages\/api\/.+\.[cm]?[jt]s$/;

/**
 * A module that runs only on the server although it sits in a front end's tree and imports its
 * framework (`next/server`): a route handler, a `'use server'` module, or one that imports
 * `server-only`. JSX still makes a file front-end code.
 */
function isServerOnly(sf: ts.SourceFile): boolean {
  if (/\.[jt]sx$/i.test(sf.fileName)) return false;
  if (SERVER_ROUTE_FILE.test(sf.fileName.replace(/\\/g, '/'))) return true;
  const first = sf.statements[0];
  if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server') return true;
  return importsPackage(sf, /^server-only$/);
}

/** JSX, or an import of a UI framework. */
function isUiFile(sf: ts.SourceFile): boolean {
  if (/\.[jt]sx$/i.test(sf.fileName)) return true;
  return importsPackage(sf, UI_PACKAGE);
}

/** Output of a code generator (protoc, GraphQL codegen, Prisma…), which says so at the top. */
const GENERATED_HEADER =
  /\b(?:DO NOT EDIT|@generated|auto-?generated|automatically generated|Code generated by|generated by (?:the )?[\w@/.-]+ (?:tool|generator|compiler|codegen)|This file was generated)\b/i;

function headerOf(sf: ts.SourceFile): string {
  return (ts.getLeadingCommentRanges(sf.text, 0) ?? []).map((r) => sf.text.slice(r.pos, r.end)).join('\n');
}

/** Runtimes only protobuf code generators import (`ts-proto` writes `protobufjs/minimal`). */
const PROTOBUF_RUNTIME = /^(?:protobufjs\/minimal|@bufbuild\/protobuf(?:\/wire)?|google-protobuf)$/;

/**
 * Said so at the top, or protoc output that does not say it: the linter turned off for the whole
 * file on its first line, over a protobuf runtime's reader and writer.
 */
function isGenerated(sf: ts.SourceFile): boolean {
  const header = headerOf(sf);
  if (GENERATED_HEADER.test(header)) return true;
  return /^\s*\/\*\s*eslint-disable\s*\*\//.test(sf.text) && importsPackage(sf, PROTOBUF_RUNTIME);
}

/** An `import … from 'x'`, or in CommonJS a `require('x')`, of a package the pattern names. */
function importsPackage(sf: ts.SourceFile, pattern: RegExp): boolean {
  if (sf.statements.some((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && pattern.test(s.moduleSpecifier.text))) return true;
  for (const match of sf.text.matchAll(REQUIRED_PACKAGE)) if (match[1] !== undefined && pattern.test(match[1])) return true;
  return false;
}

const REQUIRED_PACKAGE = /(?<![\w.$])require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** A leading comment that credits another source or licence, with the file's checks turned off or the origin named. */
function isVendored(sf: ts.SourceFile): boolean {
  const header = headerOf(sf);
  return NAMED_ORIGIN.test(header) || (LICENCE_HEADER.test(header) && FILE_WIDE_OPT_OUT.test(sf.text.slice(0, 4000)));
}
