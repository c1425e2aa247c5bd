import { z } from 'zod';
import type { DependencyGraph, FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { TextRange } from '../../types';
import { bindingIdentifiers, dottedName, filesToCheck, hasNode, mentionsName, rangeOf, walk } from '../syntax';
import { calleeName, isRouteRegistration, REQUEST_PARAM, ROUTE_METHODS, VALIDATING_CALL } from '../http/handlers';
import { perGraph, perParsedFile } from '../../memo';
import { defineRule, messageIdGuard, type RuleRelatedLocation } from '../types';
import { isJavaScriptFile } from '../../facts/extract';
import { calledName, functionsNamed, sourcesReachedFrom, type FunctionWithBody } from '../callees';
import { isKeyName, isWrite, PERSISTING_RECEIVER, storeSiteOfParameter, storeSiteOfValue, type StoreSite, type Tracking } from './stored-input';

const options = z
  .object({
    /** Also require validation of route parameters (`req.params`). */
    checkParams: z.boolean().default(false),
    /**
     * Also require validation of query strings read from the request (`req.query`, `ctx.query`).
     * Off by default: on the corpus most were flags, page numbers and ids used as lookup keys,
     * checked by hand or one call in (7 true, 28 false, 8 debatable labelled on the dev half).
     * NestJS `@Query()` parameters are judged by their declared types either way.
     */
    checkQuery: z.boolean().default(false),
    /**
     * Also report input written to the data store field by field (\`User.create({ name: req.body.name })\`),
     * not only as the client sent it (\`User.create(req.body)\`, \`{ ...req.body }\`). Off by default:
     * on unseen backends such fields were often checked by the model or one call in (about two
     * findings in three were labelled right, against three in four for whole input).
     */
    checkFields: z.boolean().default(false),
  })
  .strict();

/** Middleware that validates, by the name it is called with. */
const VALIDATING_MIDDLEWARE = /valid|celebrate|schema|checkSchema|zod|joi|yup|body|query|param|check/i;

/** The situations the rule reports; its fixes choose between a pipe and a DTO by them. */
const MESSAGES = {
  'unvalidated-read': 'A handler reads the request body or query without validating it.',
  'loose-type': 'A Nest @Body()/@Query() input is typed any, object, unknown, a record, or not at all.',
  'untyped-field': 'A single Nest @Body()/@Query() field has no type.',
  'no-validation-pipe': 'A Nest DTO input is never validated: no ValidationPipe is installed.',
  'dto-without-validators': "A Nest input's DTO declares no validation.",
} as const;

export type MissingValidationMessageId = keyof typeof MESSAGES;

export const isMissingValidationMessageId = messageIdGuard(MESSAGES);

interface InputProblem {
  readonly id: MissingValidationMessageId;
  readonly text: string;
}

type Report = (range: TextRange, messageId: MissingValidationMessageId, message: string, related: readonly RuleRelatedLocation[]) => void;

/** What every analysis asks of the whole workspace: once per analysis, each file's part once per parsed text. */
interface WorkspaceValidation {
  /** A project of the workspace installs a ValidationPipe somewhere. */
  readonly pipeInstalled: boolean;
  /** The app validates every request against an API description before its handlers run (express-openapi-validator). */
  readonly requestsValidated: boolean;
  /** Handlers registered behind validation: `router.post('/', validate(schema), controller.create)`. */
  readonly validated: ReadonlySet<string>;
  /** Both, as the rule's `perFile` context. */
  readonly key: string;
}

/**
 * What a file must contain to register a handler behind validation: a call of a route method
 * (`.post(`…) or a route `schema`. Most files have neither, and every file is asked.
 */
const MAY_REGISTER_ROUTES = new RegExp(`\\.\\s*(?:${[...ROUTE_METHODS].join('|')})\\b|\\bschema\\b|['"](?:get|post|put|patch|delete)['"]\\s*,`, 'i');

function validatedHandlerNamesIn(sourceFile: ts.SourceFile): readonly string[] {
  if (!MAY_REGISTER_ROUTES.test(sourceFile.text)) return [];
  const found: string[] = [];
  walk(sourceFile, (n) => {
    for (const handler of validatedHandlersAt(n, sourceFile)) found.push(...handlerNames(handler));
  });
  return found;
}

/** One file's part of the workspace's validation: asked of every file at every analysis, kept per parsed text. */
const validationIn = perParsedFile((sourceFile) => ({
  installsPipe: PIPE_INSTALLED.test(sourceFile.text),
  validatesRequests: REQUEST_VALIDATOR_INSTALLED.test(sourceFile.text),
  validated: validatedHandlerNamesIn(sourceFile),
}));

/** An OpenAPI request validator put in front of every route: \`app.use(OpenApiValidator.middleware({ apiSpec, validateRequests: true }))\`. */
const REQUEST_VALIDATOR_INSTALLED = /OpenApiValidator\.middleware\(|\bvalidateRequests\s*:\s*true/;

const workspaceValidation = perGraph((graph): WorkspaceValidation => {
  let pipeInstalled = false;
  let requestsValidated = false;
  const validated = new Set<string>();
  for (const node of graph.files.values()) {
    const part = validationIn(node.sourceFile);
    pipeInstalled ||= part.installsPipe;
    requestsValidated ||= part.validatesRequests;
    for (const name of part.validated) validated.add(name);
  }
  return { pipeInstalled, requestsValidated, validated, key: `${pipeInstalled}|${requestsValidated}|${[...validated].sort().join(',')}` };
});

/** A ValidationPipe is put to use somewhere in the workspace (known once per graph): what the rule judged Nest inputs by. */
export function isValidationPipeInstalled(graph: DependencyGraph): boolean {
  return workspaceValidation(graph).pipeInstalled;
}

/** Handlers a node registers behind validation: route arguments, or a schema route's handler. */
function validatedHandlersAt(n: ts.Node, sf: ts.SourceFile): readonly ts.Expression[] {
  if (isRouteRegistration(n) && hasValidation(n, sf)) return n.arguments;
  const helper = helperRouteHandler(n, sf);
  if (helper) return [helper];
  const handler = ts.isObjectLiteralExpression(n) ? schemaRouteHandler(n, sf) : undefined;
  return handler ? [handler] : [];
}

/**
 * A validating middleware before the handler, or a Fastify route `schema`. The middleware are the
 * arguments before the last one, after the path when there is one (`router.route('/').post(
 * validate(schema), handler)` takes no path).
 */
function hasValidation(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const [first] = call.arguments;
  const startsWithPath = first !== undefined && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first) || ts.isArrayLiteralExpression(first) || ts.isRegularExpressionLiteral(first));
  const middleware = call.arguments.slice(startsWithPath ? 1 : 0, -1);
  if (middleware.some((m) => isValidatingMiddleware(m, sf))) return true;
  return call.arguments.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name?.getText(sf) === 'schema'));
}

const HTTP_VERB = /^(?:get|post|put|patch|delete|head|options|all)$/i;

/**
 * `setupApiRoute(router, 'put', '/settings/:key', [auth, checkRequired(['value'])], admin.update)`:
 * a project's own route helper, given the method and the path as strings; the arguments between
 * the path and the handler (the last) are its middleware. The handler, when they validate.
 */
function helperRouteHandler(n: ts.Node, sf: ts.SourceFile): ts.Expression | undefined {
  if (!ts.isCallExpression(n)) return undefined;
  const args = n.arguments;
  const pathIndex = args.findIndex((a, i) => i > 0 && ts.isStringLiteralLike(a) && a.text.startsWith('/') && isVerb(args[i - 1]));
  if (pathIndex < 0 || args.length < pathIndex + 3) return undefined;
  const middleware = args.slice(pathIndex + 1, -1);
  return middleware.some((m) => containsValidatingMiddleware(m, sf)) ? args[args.length - 1] : undefined;
}

function isVerb(arg: ts.Expression | undefined): boolean {
  return arg !== undefined && ts.isStringLiteralLike(arg) && HTTP_VERB.test(arg.text);
}

/** Properties of a route object that run before its handler (Fastify hooks, custom route tables). */
const BEFORE_HANDLER = /^(?:middlewares?|preHandler|preValidation|onRequest|before|guards?|validate|validators?)$/;

/**
 * Fastify `route({ schema, handler })`, or a route table entry whose middleware validates
 * (`{ path, handler: this.update, middleware: [openApi.validPath({ requestBody })] }`): the handler
 * of a route object that declares validation.
 */
function schemaRouteHandler(object: ts.ObjectLiteralExpression, sf: ts.SourceFile): ts.Expression | undefined {
  const property = (name: string) => object.properties.find((p) => p.name?.getText(sf) === name);
  const handler = property('handler');
  if (!handler) return undefined;
  const validates =
    property('schema') !== undefined || object.properties.some((p) => ts.isPropertyAssignment(p) && BEFORE_HANDLER.test(p.name.getText(sf)) && containsValidatingMiddleware(p.initializer, sf));
  if (!validates) return undefined;
  if (ts.isPropertyAssignment(handler)) return handler.initializer;
  return ts.isShorthandPropertyAssignment(handler) ? handler.name : undefined;
}

/** `validate(schema)`, `celebrate({…})`, or any middleware given a request shape: `koaGuard({ body: …, query: … })`. */
function isValidatingMiddleware(m: ts.Expression, sf: ts.SourceFile): boolean {
  if (VALIDATING_MIDDLEWARE.test(m.getText(sf).split('(')[0] ?? '')) return true;
  const [spec] = ts.isCallExpression(m) ? m.arguments : [];
  return spec !== undefined && ts.isObjectLiteralExpression(spec) && spec.properties.some((p) => REQUEST_PARTS.test(p.name?.getText(sf) ?? ''));
}

const REQUEST_PARTS = /^(?:body|query|params|headers|requestBody|querystring)$/;

function containsValidatingMiddleware(value: ts.Expression, sf: ts.SourceFile): boolean {
  if (ts.isArrayLiteralExpression(value)) return value.elements.some((e) => isValidatingMiddleware(e, sf));
  return isValidatingMiddleware(value, sf);
}

/** `controller.create` → create; `(req, res) => controller.create(req, res)` → create. */
function handlerNames(arg: ts.Expression): string[] {
  if (ts.isPropertyAccessExpression(arg)) return [arg.name.text];
  if (ts.isIdentifier(arg)) return [arg.text];
  // `asyncHandler(controller.create)`, `catchAsync(create)`: the wrapped handler.
  if (ts.isCallExpression(arg)) return arg.arguments.flatMap(handlerNames);
  if (!ts.isArrowFunction(arg) && !ts.isFunctionExpression(arg)) return [];
  const names: string[] = [];
  walk(arg.body, (n) => {
    if (ts.isCallExpression(n)) names.push(dottedName(n.expression).split('.').pop() ?? '');
  });
  return names;
}

/** The request inputs a handler reads unvalidated: `req.body`, `req.query` (and `req.params`). */
function unvalidatedReads(fn: ts.FunctionLikeDeclaration, parts: RegExp): ts.PropertyAccessExpression[] {
  const request = fn.parameters[0];
  if (!request || !ts.isIdentifier(request.name) || !REQUEST_PARAM.test(request.name.text) || !fn.body) return [];
  const requestName = request.name.text;
  const reads: ts.PropertyAccessExpression[] = [];
  let validates = false;
  walk(fn.body, (n) => {
    if (ts.isCallExpression(n) && (VALIDATING_CALL.test(calleeName(n)) || HAND_CHECK.test(dottedName(n.expression)))) validates = true;
    if (ts.isIfStatement(n) && rejectsInput(n.thenStatement)) validates = true;
    // `if (req.body) log(req.body)`: the whole input tested for presence is not used either.
    if (ts.isPropertyAccessExpression(n) && isInputRead(n, requestName, parts) && !isCoercedField(n) && !isOnlyLogged(n) && !isTestedForPresence(n)) reads.push(n);
  });
  return validates ? [] : reads;
}

/**
 * The handler passes the request's input to a function of the app that validates it
 * (`createConnection(context, req.body)` whose body runs `schema.parse(params)`): the entry is
 * validated one call in, as a service or model that owns its schema does.
 */
function handsInputToValidator(fn: ts.FunctionLikeDeclaration, node: FileNode, sources: readonly ts.SourceFile[]): boolean {
  const request = fn.parameters[0];
  if (!request || !ts.isIdentifier(request.name) || !fn.body) return false;
  const inputNames = namesFromRequest(fn.body, request.name.text);
  let found = false;
  walk(fn.body, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && n.arguments.some((a) => [...inputNames].some((name) => mentionsName(a, name)))) {
      if (OWN_VALIDATION_HELPER.test(calleeName(n)) && n.arguments.some((a) => handsOverInput(a, request.name.getText(), fn)) && definedByTheApp(calleeName(n), node)) {
        found = true;
        return false;
      }
      const callee = calledName(n.expression);
      found = callee !== undefined && sources.some((sf) => functionsNamed(sf, callee).some((f) => f !== fn && validatesInBody(f.body)));
    }
    return !found;
  });
  return found;
}

/** The argument is the request's body or query (`req.body`, `req.body.user`), or a local taken from one. */
function handsOverInput(arg: ts.Expression, requestName: string, fn: ts.FunctionLikeDeclaration): boolean {
  if (isBodyOrQuery(arg, requestName)) return true;
  if (!ts.isIdentifier(arg) || !fn.body) return false;
  let bound = false;
  walk(fn.body, (n) => {
    if (bound) return false;
    if (ts.isVariableDeclaration(n) && n.initializer && boundNames(n.name).includes(arg.text)) {
      walk(n.initializer, (m) => !(bound ||= ts.isPropertyAccessExpression(m) && isBodyOrQuery(m, requestName)));
    }
    return !bound;
  });
  return bound;
}

function isBodyOrQuery(expr: ts.Expression, requestName: string): boolean {
  const name = dottedName(expr);
  return name.startsWith(`${requestName}.`) && /^(?:body|query)(?:\.|$)/.test(name.slice(requestName.length + 1));
}

/**
 * The helper is the app's own: not imported or required from a package (`sanitizeHtml` from
 * `sanitize-html` is a library's). The file's facts already list what each import binds.
 */
function definedByTheApp(name: string, node: FileNode): boolean {
  const ref = node.facts.moduleRefs.find((r) => r.bindings.some((b) => b.local === name));
  return ref === undefined || /^[./]/.test(ref.specifier);
}

/** The request's name and the locals taken from it (`const { rule } = req.body`, `const data = req.body`). */
function namesFromRequest(body: ts.Node, requestName: string): Set<string> {
  const names = new Set([requestName]);
  walk(body, (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer && mentionsName(n.initializer, requestName)) {
      if (ts.isIdentifier(n.name)) names.add(n.name.text);
      else if (ts.isObjectBindingPattern(n.name)) for (const el of n.name.elements) if (ts.isIdentifier(el.name)) names.add(el.name.text);
    }
    return true;
  });
  return names;
}

/**
 * The function checks what it is given: a schema or validator call, or a validation helper of the
 * app's own (`_validateAndPreprocess(entity)`, `sanitizeSignup(body)`). A guard that only tests
 * presence does not count: on the corpus, services that threw on a missing field still stored
 * fields of any type.
 */
function validatesInBody(body: ts.Block): boolean {
  let validates = false;
  walk(body, (n) => {
    if (validates) return false;
    if (ts.isCallExpression(n) && isValidationCall(n)) validates = true;
    return !validates;
  });
  return validates;
}

function isValidationCall(call: ts.CallExpression): boolean {
  const name = calleeName(call);
  return (VALIDATING_CALL.test(name) || OWN_VALIDATION_HELPER.test(name)) && !/^JSON\./.test(dottedName(call.expression));
}

/** The app's own validation helpers, by name: `validateSignup`, `_validateAndPreprocess`, `sanitizeRegistration`. */
const OWN_VALIDATION_HELPER = /^_?(?:validate|sanitize)[A-Z_]\w*$/;

/** `req.flash('errors', …)`: connect-flash's error list, shown on the redirected page. */
function isErrorsKey(arg: ts.Expression | undefined): boolean {
  return arg !== undefined && ts.isStringLiteral(arg) && /^errors?$/.test(arg.text);
}

/** validator.js checks (`validator.isEmail(x)`, `isLength(x, { max })`): the handler checks fields by hand. */
const HAND_CHECK = /^(?:validator\.\w+|is(?:Length|Email|URL|Int|Numeric|Alpha\w*|UUID|MongoId|Empty|In|Date|ISO8601|Boolean|Strong\w*))$/;

/**
 * A guard that turns bad input away before it is used: the branch answers 400/422, throws a
 * bad-request error, or flashes errors and returns (`if (!valid) return res.status(400).json(…)`).
 */
function rejectsInput(branch: ts.Statement): boolean {
  let leaves = false;
  let rejects = false;
  walk(branch, (n) => {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) leaves = true;
    if (ts.isNumericLiteral(n) && (n.text === '400' || n.text === '422')) rejects = true;
    if (ts.isIdentifier(n) && /^(?:BadRequest\w*|UnprocessableEntity\w*|ValidationError|badRequest|BAD_REQUEST|UNPROCESSABLE_ENTITY)$/.test(n.text)) rejects = true;
    if (ts.isCallExpression(n) && calleeName(n) === 'flash' && isErrorsKey(n.arguments[0])) rejects = true;
    return true;
  });
  return leaves && rejects;
}

/** `logger.debug('body', req.body)`: written to a log, not used. */
function isOnlyLogged(read: ts.Expression): boolean {
  let node: ts.Node = read;
  // `req.query.page`, and `{ query: req.query }` / `{ query }` built for the log line.
  // A template line (`Logger.debug(\`device ${req.body.device}\`)`) too, and the input turned
  // into text for it (`JSON.stringify(req.body || {})`).
  while (isPartOfLogText(node)) node = node.parent;
  const call = node.parent;
  if (!ts.isCallExpression(call) || !call.arguments.some((a) => a === node)) return false;
  // `getState().log(2, …)`: the logger reached through a call is named by its method.
  const method = ts.isPropertyAccessExpression(call.expression) ? `.${call.expression.name.text}` : '';
  return LOGGING_CALL.test(dottedName(call.expression)) || LOGGING_CALL.test(method);
}

function isPartOfLogText(node: ts.Node): boolean {
  const parent = node.parent;
  if (
    ts.isPropertyAccessExpression(parent) ||
    ts.isElementAccessExpression(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    ts.isObjectLiteralExpression(parent) ||
    ts.isTemplateSpan(parent) ||
    ts.isTemplateExpression(parent)
  )
    return true;
  if (ts.isBinaryExpression(parent) && parent.left === node && DEFAULTING.has(parent.operatorToken.kind)) return true;
  return ts.isCallExpression(parent) && parent.arguments[0] === node && /^(?:JSON\.stringify|String|inspect|util\.inspect)$/.test(dottedName(parent.expression));
}

const LOGGING_CALL = /(?:^|\.)(?:log|debug|info|warn|error|trace|verbose|silly)$|^(?:console|logger|log|Logger)\./;

/** `Number(req.query.page)`, `req.body.answer === captcha.answer`: one field, only tested (`isOnlyTested`). */
function isCoercedField(read: ts.PropertyAccessExpression): boolean {
  const field = read.parent;
  if (!ts.isPropertyAccessExpression(field) && !ts.isElementAccessExpression(field)) return false;
  return isOnlyTested(field);
}

/**
 * A value converted on the spot (`Number(x)`), compared (`x === captcha.answer`,
 * `x === '1'`: a malformed one just fails the comparison), looked up in a set, or tested for
 * presence (`if (x)`, `!x`): never used as data.
 */
function isOnlyTested(value: ts.Expression): boolean {
  const user = value.parent;
  if (ts.isCallExpression(user)) return user.arguments[0] === value && (COERCING_CALL.test(dottedName(user.expression).split('.').pop() ?? '') || isMembershipTest(user));
  if (ts.isBinaryExpression(user) && EQUALITY.has(user.operatorToken.kind)) return true;
  return isTestedForPresence(value);
}

/** `allowed.has(req.body.room)`, `roles.includes(req.body.role)`: a membership test. */
function isMembershipTest(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && /^(?:has|includes)$/.test(call.expression.name.text) && call.arguments.length === 1;
}

/** The field is an `if`/`while`/ternary condition, or negated, and nothing else. */
function isTestedForPresence(field: ts.Expression): boolean {
  const user = field.parent;
  if (ts.isPrefixUnaryExpression(user) && user.operator === ts.SyntaxKind.ExclamationToken) return true;
  if ((ts.isIfStatement(user) || ts.isWhileStatement(user)) && user.expression === field) return true;
  return ts.isConditionalExpression(user) && user.condition === field;
}

/** Conversions that turn any input into a value of one type: built-ins and the usual helpers (`toNumber`, `toBoolean`). */
const COERCING_CALL = /^(?:Number|parseInt|parseFloat|Boolean|String|to(?:Number|Integer|Int|Boolean|Bool|String))$/;
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** `req.body`, `request.query`, `ctx.request.body` — a read of one of `parts` of the request (Koa's `ctx.body` is the response). */
export function isInputRead(n: ts.PropertyAccessExpression, requestName: string, parts: RegExp): boolean {
  if (!parts.test(n.name.text)) return false;
  const owner = dottedName(n.expression);
  // In Koa, \`ctx.body\` is the response; the request body is \`ctx.request.body\`.
  if (owner === requestName && n.name.text === 'body' && /^_?ctx$/.test(requestName)) return false;
  return owner === requestName || owner === `${requestName}.request`;
}

/**
 * The name a handler is known by: its own, or the property/variable holding it, through wrappers
 * (`const createUser = catchAsync(async (req, res) => …)`).
 */
function handlerName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  let holder: ts.Node = fn.parent;
  while (ts.isCallExpression(holder) && holder.parent) holder = holder.parent;
  if ((ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isVariableDeclaration(holder)) && ts.isIdentifier(holder.name)) return holder.name.text;
  // `exports.create = async (req, res) => …`, `module.exports.create = …`
  if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(holder.left)) return holder.left.name.text;
  return undefined;
}

/**
 * Validation declared around the handler: route middleware (`router.post(p, validate(s), h)`),
 * a Fastify route schema, or a method decorator carrying validators (`@httpPost('/', body('email').isEmail())`).
 */
function validatedAround(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile): boolean {
  const parent = fn.parent;
  if (ts.isCallExpression(parent) && isRouteRegistration(parent) && hasValidation(parent, sf)) return true;
  if (ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent) && schemaRouteHandler(parent.parent, sf) === fn) return true;
  const decorators = ts.canHaveDecorators(fn) ? (ts.getDecorators(fn) ?? []) : [];
  return decorators.some((d) => ts.isCallExpression(d.expression) && d.expression.arguments.slice(1).some((a) => VALIDATING_MIDDLEWARE.test(a.getText(sf).split('(')[0] ?? '')));
}

/** What checking a signed payload names: a signature header or check, an HMAC, or the raw body kept to hash. */
const SENDER_CHECK = /signature|hmac|timingSafeEqual|constructEvent|rawBody|RawBodyRequest|webhook-?secret|svix/i;

/**
 * A handler that checks the request's signature (reads a signature header, keeps the raw body to
 * hash it, compares an HMAC) receives a third party's signed payload, a webhook: the sender owns
 * its shape and the signature proves who sent it. On the corpus, reviewers rated such findings
 * false or a matter of taste; unsigned webhooks are still reported.
 */
function checksSender(fn: ts.Node): boolean {
  return hasNode(fn, (n) => (ts.isIdentifier(n) || ts.isStringLiteralLike(n)) && SENDER_CHECK.test(n.text));
}

function checkHandler(
  n: ts.Node,
  node: FileNode,
  graph: DependencyGraph,
  validated: ReadonlySet<string>,
  parts: RegExp,
  tracking: Tracking,
  sources: () => readonly ts.SourceFile[],
  report: Report,
): void {
  if (!ts.isFunctionLike(n) || !('body' in n) || !n.body) return;
  const fn = n as ts.FunctionLikeDeclaration;
  if (isOptionCallback(fn) || isPassThroughMiddleware(fn) || checksSender(fn)) return;
  const name = handlerName(fn);
  if ((name && validated.has(name)) || validatedAround(fn, node.sourceFile)) return;
  const reads = unvalidatedReads(fn, parts);
  if (reads.length === 0 || handsInputToValidator(fn, node, sources())) return;
  for (const read of reads) {
    const site = storeSiteOfRead(read, fn, node, graph, tracking);
    if (!site) continue;
    const input = read.getText(node.sourceFile);
    report(
      rangeOf(read, node.sourceFile),
      'unvalidated-read',
      `Unvalidated input: ${input} is written to the data store without validation. It reaches ${describeSite(site, node)}. Parse it with a schema (zod .parse/.safeParse, joi, class-validator) or a validation middleware, and answer 400 when it does not match.`,
      relatedSite(site, input),
    );
    return;
  }
}

/**
 * Where a read of the input is written to the data store, in the handler or the app's functions it
 * calls. A field named as a lookup key or a paging value (\`req.body.orderId\`, \`const { page } = …\`)
 * is not followed: a wrong one fails the lookup, and stores nothing.
 */
function storeSiteOfRead(read: ts.PropertyAccessExpression, fn: ts.FunctionLikeDeclaration, node: FileNode, graph: DependencyGraph, tracking: Tracking): StoreSite | undefined {
  const field = tracking === 'fields' && ts.isPropertyAccessExpression(read.parent) && read.parent.expression === read ? read.parent : read;
  if (field !== read && isKeyName(field.name.text)) return undefined;
  const bound = namesBoundTo(field);
  if (bound.length > 0) {
    const names = bound
      .filter((b) => tracking === 'fields' || isWholeBinding(b))
      .map((b) => b.text)
      .filter((b) => !isKeyName(b));
    return names.length > 0 ? storeSiteOfValue(fn, () => false, names, node, graph, tracking) : undefined;
  }
  const site = storeSiteOfValue(fn, (m) => m === field, [], node, graph, tracking);
  if (site || tracking === 'fields' || !ts.isPropertyAccessExpression(read.parent) || read.parent.expression !== read) return site;
  // \`User.findOneAndUpdate(query, req.body.profile)\`, \`{ ...req.body.user }\`: one field that is itself the object written.
  const objectField = read.parent;
  if (isKeyName(objectField.name.text)) return undefined;
  // \`const update = req.body.profile; User.findOneAndUpdate(query, update)\`: the same, through a name.
  const [alias] = namesBoundTo(objectField).filter((b) => ts.isVariableDeclaration(b.parent));
  const isTheObject = (m: ts.Node): boolean => (m === objectField || (alias !== undefined && m !== alias && ts.isIdentifier(m) && m.text === alias.text)) && isWrittenAsAWhole(m);
  return storeSiteOfValue(fn, isTheObject, [], node, graph, tracking);
}

/** The value is spread into an object, or is itself an argument of a write: the object as the client sent it. */
function isWrittenAsAWhole(value: ts.Node): boolean {
  const parent = value.parent;
  if (ts.isSpreadAssignment(parent) || ts.isSpreadElement(parent)) return true;
  return ts.isCallExpression(parent) && parent.arguments.some((a) => a === value) && isWrite(parent);
}

/** \`const data = req.body\`, \`const { id, ...rest } = req.body\`: a name holding the whole input, or all of it but some fields. */
function isWholeBinding(name: ts.Identifier): boolean {
  const parent = name.parent;
  return ts.isVariableDeclaration(parent) || (ts.isBindingElement(parent) && parent.dotDotDotToken !== undefined);
}

/** \`Order.create, line 12\`, or \`ordersRepo.save in orders.repository.ts, line 40\`. */
function describeSite(site: StoreSite, from: FileNode): string {
  const line = site.file.sourceFile.getLineAndCharacterOfPosition(site.node.getStart(site.file.sourceFile)).line + 1;
  const where = site.file === from ? '' : ` in ${site.file.file.split('/').pop() ?? site.file.file}`;
  return `${site.writer}${where}, line ${line}`;
}

function relatedSite(site: StoreSite, input: string): readonly RuleRelatedLocation[] {
  return [{ file: site.file.file, range: rangeOf(site.node, site.file.sourceFile), message: `${input} is written here` }];
}

/**
 * `rateLimit({ keyGenerator: (req) => req.body.username })`, `multer({ filename: (req, file, cb) => … })`:
 * a callback in the options of a library call reads the request to decide one setting; it is no
 * handler. An object that declares a route (`{ method, path, handler }`) or a property named for
 * a handler is one.
 */
function isOptionCallback(fn: ts.FunctionLikeDeclaration): boolean {
  const property = fn.parent;
  if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent) || !ts.isCallExpression(property.parent.parent)) return false;
  const call = property.parent.parent;
  if (!call.arguments.some((a) => a === property.parent) || isRouteRegistration(call)) return false;
  // `wrapAsync({ create: async (req, res) => res.json(…) })`: a map of handlers answers requests.
  const response = fn.parameters[1];
  if (response && ts.isIdentifier(response.name) && fn.body && (ts.isBlock(fn.body) ? answers(fn.body, response.name.text) : mentionsName(fn.body, response.name.text))) return false;
  const keys = property.parent.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : ''));
  const key = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : '';
  return !HANDLER_KEY.test(key) && !keys.some((k) => ROUTE_KEY.test(k));
}

/**
 * `(req, res, next) => { markChallenge(req.body); next(); }`: middleware that always ends by
 * passing the request on (`next()`, or `next` handed to another middleware). It looks at the input
 * to decide something; the handler it passes to is the entry that validates. A handler that only
 * sometimes calls `next()` (`if (!found) return next()`) is still one.
 */
function isPassThroughMiddleware(fn: ts.FunctionLikeDeclaration): boolean {
  const response = fn.parameters[1];
  const next = fn.parameters[2];
  if (!next || !ts.isIdentifier(next.name) || !fn.body || !ts.isBlock(fn.body)) return false;
  // Middleware passes the request on; a function that answers it (`res.json(…)`) is a handler.
  if (response && ts.isIdentifier(response.name) && answers(fn.body, response.name.text)) return false;
  return endsByPassingOn(fn.body, next.name.text);
}

/** `res.json(…)`, `res.status(201).send(…)`: the function answers the request itself. */
function answers(body: ts.Block, response: string): boolean {
  return hasNode(body, (n) => ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && dottedName(n.expression).split('.')[0] === response);
}

function endsByPassingOn(statement: ts.Statement, next: string): boolean {
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && endsByPassingOn(last, next);
  }
  if (ts.isIfStatement(statement)) return statement.elseStatement !== undefined && endsByPassingOn(statement.thenStatement, next) && endsByPassingOn(statement.elseStatement, next);
  const expr = ts.isExpressionStatement(statement) ? statement.expression : ts.isReturnStatement(statement) ? statement.expression : undefined;
  const call = expr && ts.isAwaitExpression(expr) ? expr.expression : expr;
  if (!call || !ts.isCallExpression(call)) return false;
  if (ts.isIdentifier(call.expression) && call.expression.text === next) return call.arguments.length === 0;
  // `reauth(req, res, next)` hands the request on; `work().catch(next)` only forwards an error.
  if (ts.isPropertyAccessExpression(call.expression) && /^(?:then|catch|finally)$/.test(call.expression.name.text)) return false;
  return call.arguments.some((a) => ts.isIdentifier(a) && a.text === next);
}

const HANDLER_KEY = /^(?:handler|handle|action|fn|controller|resolve|resolver|callback|get|post|put|patch|delete|all)$/i;
const ROUTE_KEY = /^(?:method|path|url|route|routes|handler)$/i;

/**
 * \`files.get(req.body.fileId)\`, \`gocardless.createRequisition({ institutionId, host })\`: an
 * identifier handed on to a function, alone or as a field of its argument object, is a lookup key.
 * A wrong one fails the lookup where it is made (on the corpus, ids forwarded to services and
 * outside APIs were labelled noise six times in seven). Written straight into a model's or a
 * repository's call (\`Captcha.findOne({ where: { id } })\`), it is still judged as data.
 */
function isHandedOnAsKey(value: ts.Expression): boolean {
  let arg: ts.Node = value;
  if (ts.isShorthandPropertyAssignment(arg.parent) || (ts.isPropertyAssignment(arg.parent) && arg.parent.initializer === arg)) arg = arg.parent.parent;
  const call = arg.parent;
  if (!ts.isCallExpression(call) || !call.arguments.some((a) => a === arg)) return false;
  if (!ts.isPropertyAccessExpression(call.expression)) return ts.isIdentifier(call.expression);
  // The name a receiver is known by: `orders` in `orders.find`, `repo` in `this.repo.save`.
  const owner = calledName(call.expression.expression);
  // `res.send({ closed: id })` answers with the value; it looks nothing up.
  return owner !== undefined && !/^[A-Z]/.test(owner) && !PERSISTING_RECEIVER.test(owner) && !RESPONSE.test(owner);
}

const RESPONSE = /^(?:res|response|reply|ctx|h)$/;

/** `const { a, b } = req.body`, `const data = req.body || {}`: the locals the input is bound to. */
function namesBoundTo(input: ts.Expression): ts.Identifier[] {
  let value: ts.Node = input;
  if (ts.isBinaryExpression(value.parent) && value.parent.left === value && DEFAULTING.has(value.parent.operatorToken.kind)) value = value.parent;
  const declaration = value.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== value) return [];
  if (ts.isIdentifier(declaration.name)) return [declaration.name];
  if (!ts.isObjectBindingPattern(declaration.name)) return [];
  const names = declaration.name.elements.map((el) => el.name);
  return names.every((n): n is ts.Identifier => ts.isIdentifier(n)) ? names : [];
}

const DEFAULTING = new Set([ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]);

/** Where a local is read in a function (its declaration aside). */
function referencesIn(fn: ts.FunctionLikeDeclaration, declared: ts.Identifier): ts.Identifier[] {
  const refs: ts.Identifier[] = [];
  if (!fn.body) return refs;
  walk(fn.body, (n) => {
    if (ts.isIdentifier(n) && n !== declared && n.text === declared.text && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) refs.push(n);
  });
  return refs;
}

const LOOSE_TYPES = /^(?:any|object|unknown|Object|Record<.*>|\{\s*\[.*\]:.*\})$/s;

/**
 * `@Body()` / `@Query()` objects: a loose type, a DTO nothing validates, or — in NestJS, where
 * DTO decorators only run through a ValidationPipe — no ValidationPipe at all. routing-controllers
 * validates through its own `validation` option, so only loose types are checked there.
 */
function checkNestInput(n: ts.Node, node: FileNode, graph: DependencyGraph, pipeInstalled: boolean, tracking: Tracking, report: Report): void {
  if (!ts.isParameter(n)) return;
  const sf = node.sourceFile;
  const decorator = (ts.getDecorators(n) ?? []).find((d) => /^(?:Body|Query)\(/.test(d.expression.getText(sf)));
  if (!decorator) return;
  if (hasParameterPipe(decorator) || (ts.isFunctionLike(n.parent) && checksSender(n.parent))) return;
  const nest = /['"]@nestjs\/common['"]/.test(node.text);
  const problem = isWholeInput(decorator) ? nestInputProblem(n, node, graph, pipeInstalled || !nest) : looseFieldProblem(n, sf);
  if (!problem || flowsIntoValidatedClass(n, node, graph) || parsedOnEntry(n) || onlyKeysAreUsed(n)) return;
  const site = storeSiteOfInput(n, node, graph, tracking);
  const input = decorator.expression.getText(sf);
  if (site)
    report(rangeOf(n, sf), problem.id, `Unvalidated input: ${input} ${problem.text} It is written to the data store unchecked: it reaches ${describeSite(site, node)}.`, relatedSite(site, input));
  else if (isUncheckedWhatever(problem, n, sf)) report(rangeOf(n, sf), problem.id, `Unvalidated input: ${input} ${problem.text}`, []);
}

/**
 * An input typed \`any\` or \`object\`, and a DTO without a single validator, are unchecked whatever
 * the method does with them (even a global ValidationPipe passes them through): the team chose
 * not to type what it takes. A record type (\`Record<string, string>\`) or \`unknown\` says the keys
 * are dynamic on purpose; no type at all, in a project loose enough to allow it, says little (on
 * unseen code such inputs were checked field by field further in as often as not); and a DTO
 * without a pipe may be checked further in: those are reported only where they are written to the
 * data store.
 */
function isUncheckedWhatever(problem: InputProblem, param: ts.ParameterDeclaration, sf: ts.SourceFile): boolean {
  if (problem.id === 'dto-without-validators') return true;
  return problem.id === 'loose-type' && /^(?:any|object|Object)$/.test(param.type?.getText(sf) ?? '');
}

/** Where a Nest input parameter is written to the data store, in the method or the app's functions it calls. */
function storeSiteOfInput(param: ts.ParameterDeclaration, node: FileNode, graph: DependencyGraph, tracking: Tracking): StoreSite | undefined {
  const method = param.parent;
  if (!ts.isFunctionLike(method) || !('body' in method) || !method.body || !ts.isBlock(method.body)) return undefined;
  const fn = method as FunctionWithBody;
  return storeSiteOfParameter(fn, fn.parameters.indexOf(param), node, graph, tracking);
}

/**
 * `abort(@Body() body: { resultId: string })` whose body only hands `body.resultId` on, and
 * `list(@Body() dto: ListDto)` that passes `dto.page` and `dto.pageSize` along: every field the
 * method reads is an identifier or a paging value handed on as an argument, or is only tested,
 * converted or logged. A wrong one fails the lookup or pages nothing (on the corpus such inputs
 * were labelled noise); the input used whole, or any other field used as data, is still reported.
 */
function onlyKeysAreUsed(param: ts.ParameterDeclaration): boolean {
  const method = param.parent;
  if (!ts.isFunctionLike(method) || !('body' in method) || !method.body) return false;
  const fn = method as ts.FunctionLikeDeclaration;
  const locals = ts.isIdentifier(param.name) ? [param.name] : bindingIdentifiers(param.name);
  if (locals.length === 0) return false;
  return locals.every((local) => referencesIn(fn, local).every((ref) => (local === param.name ? isKeyFieldUse(ref, fn) : isKeyLikeUse(ref, local.text))));
}

/** `body.resultId` handed on, `Number(body.page)`, `const { code } = body` whose names are so used. */
function isKeyFieldUse(ref: ts.Identifier, fn: ts.FunctionLikeDeclaration): boolean {
  const field = ref.parent;
  if (ts.isPropertyAccessExpression(field) && field.expression === ref) return isKeyLikeUse(field, field.name.text);
  const declaration = ref.parent;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer === ref && ts.isObjectBindingPattern(declaration.name)) {
    const names = bindingIdentifiers(declaration.name);
    return names.length > 0 && names.every((name) => referencesIn(fn, name).every((use) => isKeyLikeUse(use, name.text)));
  }
  return false;
}

function isKeyLikeUse(value: ts.Expression, name: string): boolean {
  return isOnlyTested(value) || isOnlyLogged(value) || (isKeyName(name) && isHandedOnAsKey(value));
}

/** `@Body(new ZodValidationPipe(schema))`, `@Query('id', ParseUUIDPipe)`: a pipe on the parameter checks it. */
function hasParameterPipe(decorator: ts.Decorator): boolean {
  if (!ts.isCallExpression(decorator.expression)) return false;
  return decorator.expression.arguments.some((a) => ts.isNewExpression(a) || (ts.isIdentifier(a) && /Pipe$/.test(a.text)) || (ts.isCallExpression(a) && /Pipe/.test(dottedName(a.expression))));
}

/** `const input = schema.parse(body)` in the handler: the parameter is validated where it enters. */
function parsedOnEntry(param: ts.ParameterDeclaration): boolean {
  const method = param.parent;
  if (!ts.isFunctionLike(method) || !('body' in method) || !method.body) return false;
  // `const { email } = credential; assertValidEmail(email)`, and `@Body() { email }: Credential`,
  // check the parameter's field.
  const names = ts.isIdentifier(param.name) ? [param.name.text, ...aliasesOf(method.body, param.name.text)] : boundNames(param.name);
  let parsed = false;
  walk(method.body, (n) => {
    if (parsed || ts.isFunctionLike(n)) return false;
    if (ts.isCallExpression(n) && isEntryCheck(n) && n.arguments.some((a) => names.some((name) => mentionsName(a, name)))) parsed = true;
    return !parsed;
  });
  return parsed;
}

/** A schema or validator call, or the app's own check (\`this.validatePID(query.pid)\`, \`sanitizeFilter(query)\`). */
function isEntryCheck(call: ts.CallExpression): boolean {
  const name = calleeName(call);
  return VALIDATING_CALL.test(name) || OWN_VALIDATION_HELPER.test(name);
}

/** `const { email } = input`, `const data = input || {}`: the locals that are the parameter or its fields, nothing computed from it. */
function aliasesOf(body: ts.Node, name: string): string[] {
  const aliases: string[] = [];
  walk(body, (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer) {
      let value: ts.Expression = n.initializer;
      while (ts.isParenthesizedExpression(value) || (ts.isBinaryExpression(value) && DEFAULTING.has(value.operatorToken.kind)))
        value = ts.isParenthesizedExpression(value) ? value.expression : value.left;
      if (ts.isIdentifier(value) && value.text === name) aliases.push(...boundNames(n.name));
    }
    return !ts.isFunctionLike(n) || n === body;
  });
  return aliases;
}

function boundNames(pattern: ts.BindingName): string[] {
  return bindingIdentifiers(pattern).map((identifier) => identifier.text);
}

/** class-validator decorators that check a value (`@IsDefined`, `@IsOptional` only say whether it is there). */
const CHECKING_DECORATOR = /@(?:Is(?!Defined\b|Optional\b)\w+|Min|Max|MinLength|MaxLength|Length|Matches|Contains|Equals|ArrayNotEmpty|ArrayMinSize|ArrayMaxSize|Allow)\(/;

/**
 * The input goes straight into an object that validates itself: `XCommand.create({ …body })`,
 * `new XCommand(body.name)`, `plainToInstance(XDto, body)`, where the class's file checks values
 * with class-validator decorators (a command that validates in its factory).
 */
function flowsIntoValidatedClass(param: ts.ParameterDeclaration, node: FileNode, graph: DependencyGraph): boolean {
  const method = param.parent;
  if (!ts.isIdentifier(param.name) || !ts.isFunctionLike(method) || !('body' in method) || !method.body) return false;
  const name = param.name.text;
  let validated = false;
  walk(method.body, (n) => {
    if (validated) return false;
    const target = constructedClass(n);
    if (target && targetArguments(n).some((a) => mentionsName(a, name))) {
      const file = fileDeclaring(target, node, graph);
      validated = file !== undefined && /class-validator/.test(file.text) && CHECKING_DECORATOR.test(file.text);
    }
    return !validated;
  });
  return validated;
}

/** `X.create(…)`, `new X(…)`, `plainToInstance(X, …)`: the class an input is turned into. */
function constructedClass(n: ts.Node): string | undefined {
  if (ts.isNewExpression(n) && ts.isIdentifier(n.expression)) return n.expression.text;
  if (!ts.isCallExpression(n)) return undefined;
  const callee = n.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.name.text === 'create' && /^[A-Z]/.test(callee.expression.text)) return callee.expression.text;
  const [first] = n.arguments;
  return ts.isIdentifier(callee) && /^plainTo(?:Instance|Class)$/.test(callee.text) && first && ts.isIdentifier(first) ? first.text : undefined;
}

function targetArguments(n: ts.Node): readonly ts.Expression[] {
  return ts.isCallExpression(n) || ts.isNewExpression(n) ? (n.arguments ?? []) : [];
}

/** `@Body()` takes the whole body; `@Body('address')` one field of it. */
function isWholeInput(decorator: ts.Decorator): boolean {
  return ts.isCallExpression(decorator.expression) && decorator.expression.arguments.every((a) => !ts.isStringLiteral(a));
}

/**
 * One field (`@Body('address') address: any`): an explicitly loose object type, or no type at all in
 * TypeScript, is unchecked; a primitive type goes through Nest's pipes.
 */
function looseFieldProblem(param: ts.ParameterDeclaration, sf: ts.SourceFile): InputProblem | undefined {
  const type = param.type?.getText(sf);
  // `@Query('page') page = 1`: typed by its default, a primitive Nest's pipes convert.
  if (type === undefined && param.initializer && isPrimitiveLiteral(param.initializer)) return undefined;
  if (type === undefined)
    return isJavaScriptFile(sf.fileName)
      ? undefined
      : { id: 'untyped-field', text: 'is untyped: nothing checks the field. Give it a type (a DTO class with class-validator decorators for an object).' };
  return LOOSE_TYPES.test(type) ? { id: 'loose-type', text: `is typed ${type}: nothing checks the field's shape. Type it with a DTO class carrying class-validator decorators.` } : undefined;
}

function isPrimitiveLiteral(expr: ts.Expression): boolean {
  return (
    ts.isStringLiteralLike(expr) ||
    ts.isNumericLiteral(expr) ||
    expr.kind === ts.SyntaxKind.TrueKeyword ||
    expr.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isPrefixUnaryExpression(expr) && ts.isNumericLiteral(expr.operand))
  );
}

function nestInputProblem(param: ts.ParameterDeclaration, node: FileNode, graph: DependencyGraph, pipeInstalled: boolean): InputProblem | undefined {
  const type = param.type?.getText(node.sourceFile) ?? '';
  if (type === '' || LOOSE_TYPES.test(type))
    return { id: 'loose-type', text: `is typed ${type || 'implicitly'}: nothing checks its shape. Type it with a DTO class carrying class-validator decorators.` };
  if (!pipeInstalled)
    return { id: 'no-validation-pipe', text: 'is never validated: no ValidationPipe is installed. Without app.useGlobalPipes(new ValidationPipe()) in main.ts, DTO decorators are not applied.' };
  const dtoFile = param.type && ts.isTypeReferenceNode(param.type) ? fileDeclaring(param.type.typeName.getText(node.sourceFile), node, graph) : undefined;
  // A DTO built from another (`extends PickType(CreateUserDto, ['name'])`) inherits its validators;
  // one decorated with validators composed elsewhere (`applyDecorators(IsEmail(), …)`) has them.
  if (dtoFile && !declaresValidation(dtoFile, graph)) {
    return { id: 'dto-without-validators', text: `uses ${param.type?.getText(node.sourceFile)}, which declares no validation. It has no class-validator decorators and no zod schema.` };
  }
  return undefined;
}

/** Validators, DTOs built from others, or a type inferred from a zod schema (checked by a zod pipe). */
const VALIDATION_SOURCE = /class-validator|createZodDto|nestjs-zod|\bextends\b|applyDecorators|z\.infer</;

/** The file validates, or decorates with validators a local file composes (`@IsEmailField()` from `decorators/`). */
function declaresValidation(file: FileNode, graph: DependencyGraph): boolean {
  if (VALIDATION_SOURCE.test(file.text)) return true;
  return graph.outgoing(file.file).some((e) => !e.external && e.usedAs === 'decorator' && VALIDATION_SOURCE.test(graph.files.get(e.to)?.text ?? ''));
}

/** The analyzed file that declares an imported type name. */
function fileDeclaring(typeName: string, node: FileNode, graph: DependencyGraph): FileNode | undefined {
  const edge = graph.outgoing(node.file).find((e) => !e.external && e.names.includes(typeName));
  return edge ? graph.files.get(edge.to) : undefined;
}

/** A ValidationPipe put to use (globally, per controller or per parameter), not just imported. */
export const PIPE_INSTALLED = /new\s+\w*ValidationPipe\b|useGlobalPipes\(|provide:\s*APP_PIPE\b|UsePipes\([^)]*ValidationPipe|useClass:\s*\w*ValidationPipe|(?:Body|Query)\([^)]*ValidationPipe/;

function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

export const missingValidation = defineRule({
  meta: {
    id: 'api/missing-validation',
    description: 'An HTTP handler uses the request body or query without validating it at the entry (zod, joi, class-validator, a validation middleware or a route schema).',
    defaultSeverity: 'warning',
    fixable: true,
    messages: MESSAGES,
  },
  options,
  perFile: (graph) => workspaceValidation(graph).key,
  check(context) {
    const graph = context.graph;
    const { validated, pipeInstalled, requestsValidated } = workspaceValidation(graph);
    const { checkQuery, checkParams, checkFields } = context.options;
    const tracking: Tracking = checkFields ? 'fields' : 'whole';
    const parts = new RegExp(`^(?:${['body', ...(checkQuery ? ['query'] : []), ...(checkParams ? ['params'] : [])].join('|')})$`);
    for (const node of filesToCheck(context)) {
      if (node.layer !== 'controller' && node.layer !== 'router' && node.layer !== 'composition-root') continue;
      const report: Report = (range, messageId, message, related) => context.report({ file: node.file, range, messageId, message, related });
      const sources = lazy(() => sourcesReachedFrom(graph, node));
      context.walkFile(node, (n) => {
        if (!requestsValidated) checkHandler(n, node, graph, validated, parts, tracking, sources, report);
        checkNestInput(n, node, graph, pipeInstalled, tracking, report);
      });
    }
  },
});
