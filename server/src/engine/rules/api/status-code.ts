import { z } from 'zod';
import { ts } from '../../ts';
import type { TextRange } from '../../types';
import { dottedName, filesToCheck, rangeOf, unwrapped, walk } from '../syntax';
import { statusCall, statusOf } from '../http/handlers';
import { defineRule, messageIdGuard } from '../types';
import { perGraph, perParsedFile } from '../../memo';

const options = z.object({}).strict();

/**
 * Methods that store a new record: `create`, `insertOne`, `createUser`. Not factories and builders
 * that merely start with the word (`createForUser` builds a permission object, `createQueryBuilder`
 * a query, `addSelect` a clause).
 */
const CREATE_CALL =
  /^(?:create|insert|save|add|register|persist)(?:One|Many)?$|^(?:create|insert|add|register)(?!(?:\w*(?:For|Query|Builder|Ability|Token|Signed|Hash|Url|URL|Stream|Client|Context|Session|Log|Listener|Header|Param|Select|Where|Filter|Cursor|Hook|Handler|Middleware|Transport|Instance|Schema|Index|Error)))[A-Z]\w*$/;
/** Handler or route names of POSTs that act rather than create: RPC-style endpoints answer 200. */
const ACTION_NAME =
  /(?:switch|login|logout|signin|signout|refresh|verify|validate|check|search|query|find|filter|preview|test|send|resend|sync|import|export|bulk|batch|delete|remove|archive|restore|cancel|reset|confirm|accept|reject|approve|mark|toggle|move|reorder|sort|count|calculate|estimate|track|ping|webhook|callback|trigger|run|execute|retry|redeem|apply|activate|deactivate|join|leave|subscribe|unsubscribe|enable|disable|publish|unpublish|assign|unassign|invite|claim|upgrade|downgrade)/i;

/**
 * Inside a catch block, or as the only statement of the branch of `if (!x)` / `if (x == null)`,
 * within the same function. A branch that does work first (`if (!cached) { load…; return 200 }`)
 * is a cache miss, not an error.
 */
function onErrorPath(node: ts.Node): 'catch' | 'not-found' | undefined {
  let child: ts.Node = node;
  for (let current = node.parent; current && !ts.isFunctionLike(current); child = current, current = current.parent) {
    if (ts.isCatchClause(current)) return 'catch';
    if (ts.isIfStatement(current) && current.thenStatement === child && isMissingCheck(current.expression) && isSingleStatement(child)) return 'not-found';
  }
  return undefined;
}

/** The answer alone, or the answer then a bare `return;` (Express handlers stop that way). */
function isSingleStatement(branch: ts.Node): boolean {
  if (!ts.isBlock(branch)) return true;
  const [first, second, ...rest] = branch.statements;
  return first !== undefined && rest.length === 0 && (second === undefined || (ts.isReturnStatement(second) && second.expression === undefined));
}

/**
 * `!user`, `user == null`, `user === undefined` on a value the handler loaded (a variable set from
 * a call): something looked up is missing. A negated parameter or flag (`!redirect`) is a mode,
 * and `!!x` is a truthiness test.
 */
function isMissingCheck(condition: ts.Expression): boolean {
  if (ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken) return isLoadedValue(condition.operand);
  if (!ts.isBinaryExpression(condition)) return false;
  const op = condition.operatorToken.kind;
  const equality = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const missing = (e: ts.Expression) => e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
  if (!equality) return false;
  if (missing(condition.left)) return isLoadedValue(condition.right);
  return missing(condition.right) && isLoadedValue(condition.left);
}

/** A variable (or a property of one) declared in the function from a call or an await: something the handler looked up. */
function isLoadedValue(expr: ts.Expression): boolean {
  let root = expr;
  while (ts.isPropertyAccessExpression(root) || ts.isParenthesizedExpression(root) || ts.isNonNullExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return false;
  const name = root.text;
  for (let scope: ts.Node | undefined = expr.parent; scope; scope = scope.parent) {
    if (!ts.isFunctionLike(scope)) continue;
    let loaded = false;
    walk(scope, (n) => {
      if (loaded || (n !== scope && ts.isFunctionLike(n))) return false;
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) loaded = isCallResult(n.initializer);
      return !loaded;
    });
    return loaded;
  }
  return false;
}

function isCallResult(expr: ts.Expression): boolean {
  return ts.isCallExpression(unwrapped(expr));
}

/** `res.status(204).json(body)` / `.send(body)`: a body on a 204. */
function bodyOn204(call: ts.CallExpression): boolean {
  const outer = call.parent;
  if (!ts.isPropertyAccessExpression(outer) || !ts.isCallExpression(outer.parent)) return false;
  const method = outer.name.text;
  const [body] = outer.parent.arguments;
  // `reply.code(204).send(null)`, `.send(undefined)`: an explicit nothing.
  return (method === 'json' || method === 'send') && body !== undefined && body.kind !== ts.SyntaxKind.NullKeyword && !(ts.isIdentifier(body) && body.text === 'undefined');
}

/**
 * The handler creates something: it calls a creating method on an object (`this.orders.create(…)`,
 * `repo.save(…)`) — not a factory of a class (`SwitchCommand.create(…)` builds a message) — and
 * neither its name nor its path says it performs an action instead (`/bulk/delete`, `switch`).
 */
function callsCreate(body: ts.Node, handlerName: string): boolean {
  if (ACTION_NAME.test(handlerName)) return false;
  let found = false;
  walk(body, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && isCreatingCall(n)) found = true;
    return !found;
  });
  return found;
}

function isCreatingCall(call: ts.CallExpression): boolean {
  const parts = dottedName(call.expression).split('.');
  const name = parts.pop() ?? '';
  const receiver = parts.pop();
  if (!CREATE_CALL.test(name)) return false;
  // `Order.create(…)` on a model is a creation; `CreateOrderCommand.create(…)` builds a message.
  return !(receiver !== undefined && /^[A-Z]/.test(receiver) && /(?:Command|Query|Event|Dto|DTO|Request|Input|Message|Payload|Options)$/.test(receiver));
}

/** The handler functions of `router.post(path, ...handlers)` / `app.post(...)`. */
function postHandlers(call: ts.CallExpression): ts.FunctionLikeDeclaration[] {
  if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'post') return [];
  return call.arguments.filter((a): a is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
}

/** The situations the rule reports; its fixes choose the fitting status by them. */
const MESSAGES = {
  'success-in-catch': 'A 2xx status answers from a catch block.',
  'success-when-missing': 'A 2xx status answers when something is missing.',
  'no-content-with-body': 'Status 204 No Content is sent with a body.',
  'exception-with-success': 'An exception carries a 2xx status.',
  'create-answers-200': 'A POST that creates answers 200.',
  'http-code-204-with-body': '@HttpCode(204) is set on a handler that returns a body.',
} as const;

export type StatusCodeMessageId = keyof typeof MESSAGES;

export const isStatusCodeMessageId = messageIdGuard(MESSAGES);

type Report = (range: TextRange, messageId: StatusCodeMessageId, message: string) => void;

/** The API's own conventions, read from all its files: a status the team never uses is no slip. */
interface Conventions {
  /** It answers 201 somewhere: a creating POST answering 200 breaks its own habit. */
  readonly answersCreated: boolean;
  /** It answers errors with 4xx/5xx at least as often as with 2xx and an error body. */
  readonly errorsAsErrorStatus: boolean;
}

const CREATED = /\.(?:status|code|sendStatus)\(\s*201\s*\)|HttpStatus\.CREATED|StatusCodes\.CREATED|HttpCode\(\s*201\s*\)|status\s*=\s*201\b/;
const ERROR_STATUS = /\.(?:status|code|sendStatus)\(\s*[45]\d\d\s*\)|status\s*=\s*[45]\d\d\b/g;
const SUCCESS_WITH_ERROR = /\.(?:status|code)\(\s*200\s*\)\s*\.(?:json|send)\(\s*\{[^}]{0,80}?(?:success:\s*false|\berror\b)/g;

const conventionsIn = perParsedFile((sf) => ({
  created: CREATED.test(sf.text),
  errorStatuses: sf.text.match(ERROR_STATUS)?.length ?? 0,
  successWithError: sf.text.match(SUCCESS_WITH_ERROR)?.length ?? 0,
}));

const workspaceConventions = perGraph((graph): Conventions => {
  let answersCreated = false;
  let errorStatuses = 0;
  let successWithError = 0;
  for (const node of graph.files.values()) {
    const part = conventionsIn(node.sourceFile);
    answersCreated ||= part.created;
    errorStatuses += part.errorStatuses;
    successWithError += part.successWithError;
  }
  return { answersCreated, errorsAsErrorStatus: errorStatuses >= successWithError };
});

/**
 * The answer says it is an error while its status says success: `{ error: … }`, `{ success: false }`,
 * `{ message: err.message }`, or the caught error itself. An empty list or a fallback document
 * answered 200 after a miss is a deliberate answer, not a hidden error.
 */
function answersAnError(call: ts.CallExpression): boolean {
  const outer = call.parent;
  if (!ts.isPropertyAccessExpression(outer) || !ts.isCallExpression(outer.parent)) return false;
  const [body] = outer.parent.arguments;
  if (!body) return false;
  if (ts.isIdentifier(body)) return /^(?:e|err|error|ex|exception)$/.test(body.text);
  if (!ts.isObjectLiteralExpression(body)) return false;
  return body.properties.some((p) => {
    const key = p.name?.getText() ?? '';
    if (/^(?:error|errors|err)$/.test(key)) return true;
    if (!ts.isPropertyAssignment(p)) return false;
    if (/^(?:success|ok)$/.test(key)) return p.initializer.kind === ts.SyntaxKind.FalseKeyword;
    return /^(?:message|msg)$/.test(key) && /\b(?:e|err|error)\.message\b|not found|missing|invalid|fail|error/i.test(p.initializer.getText());
  });
}

function checkStatusCall(n: ts.Node, sf: ts.SourceFile, conventions: Conventions, report: Report): void {
  const found = statusCall(n);
  if (!found || found.status < 200 || found.status >= 300) return;
  const path = onErrorPath(found.call);
  // An API that answers its errors `200 { success: false }` throughout does so by design.
  if (path && answersAnError(found.call) && conventions.errorsAsErrorStatus) {
    const where = path === 'catch' ? 'in a catch block' : 'when something is missing';
    report(
      rangeOf(found.call, sf),
      path === 'catch' ? 'success-in-catch' : 'success-when-missing',
      `Status ${found.status} ${where}: an error must not answer success. Use the fitting 4xx (400 bad input, 404 not found, 409 conflict) or 5xx.`,
    );
  } else if (found.status === 204 && bodyOn204(found.call)) {
    report(rangeOf(found.call.parent.parent, sf), 'no-content-with-body', 'Status 204 No Content with a body: clients drop it. Answer 200 with the body, or 204 without one.');
  }
}

function checkException(n: ts.Node, sf: ts.SourceFile, report: Report): void {
  if (!ts.isNewExpression(n) || !/Exception$|Error$/.test(dottedName(n.expression)) || (n.arguments?.length ?? 0) < 2) return;
  const status = statusOf(n.arguments?.[1]);
  if (status !== undefined && status >= 200 && status < 300) {
    report(rangeOf(n, sf), 'exception-with-success', `An exception with status ${status}: errors must not answer success. Use the fitting 4xx or 5xx.`);
  }
}

function checkCreatingPost(n: ts.Node, sf: ts.SourceFile, report: Report): void {
  if (!ts.isCallExpression(n)) return;
  const path = n.arguments[0] && ts.isStringLiteralLike(n.arguments[0]) ? n.arguments[0].text : '';
  for (const handler of postHandlers(n)) {
    if (!handler.body || !callsCreate(handler.body, path)) continue;
    walk(handler, (inner) => {
      const explicit = statusCall(inner);
      if (explicit?.status === 200 && !onErrorPath(explicit.call)) {
        report(rangeOf(explicit.call, sf), 'create-answers-200', 'A POST that creates answers 200: answer 201 Created (with the new resource or its Location).');
      }
    });
  }
}

/** NestJS: @HttpCode(204) on a handler that returns a body. */
function checkNestHandler(n: ts.Node, sf: ts.SourceFile, report: Report): void {
  if (!ts.isMethodDeclaration(n) || !n.body) return;
  const decorators = (ts.getDecorators(n) ?? []).map((d) => {
    const call = ts.isCallExpression(d.expression) ? d.expression : undefined;
    return {
      name:
        dottedName(call ? call.expression : d.expression)
          .split('.')
          .pop() ?? '',
      args: call?.arguments,
      node: d,
    };
  });
  const httpCode = decorators.find((d) => d.name === 'HttpCode');
  const status = statusOf(httpCode?.args?.[0]);
  if (!httpCode || status === undefined) return;
  // `@HttpCode(200)` on a @Post() is written on purpose (NestJS answers 201 by itself): the team chose it.
  if (status === 204 && returnsBody(n)) {
    report(rangeOf(httpCode.node, sf), 'http-code-204-with-body', '@HttpCode(204) on a handler that returns a body: clients drop it. Answer 200 with the body, or return nothing.');
  }
}

export const statusCode = defineRule({
  meta: {
    id: 'api/status-code',
    description: 'A response status contradicts what happened: an error path answering 2xx, a creating POST answering 200, a 204 with a body.',
    defaultSeverity: 'off',
    fixable: true,
    messages: MESSAGES,
  },
  options,
  perFile: (graph) => {
    const conventions = workspaceConventions(graph);
    return `${conventions.answersCreated}|${conventions.errorsAsErrorStatus}`;
  },
  check(context) {
    const conventions = workspaceConventions(context.graph);
    for (const node of filesToCheck(context)) {
      const sf = node.sourceFile;
      const report: Report = (range, messageId, message) => context.report({ file: node.file, range, messageId, message });
      context.walkFile(node, (n) => {
        checkStatusCall(n, sf, conventions, report);
        checkException(n, sf, report);
        // An API that never answers 201 answers 200 to creations by convention.
        if (conventions.answersCreated) checkCreatingPost(n, sf, report);
        checkNestHandler(n, sf, report);
      });
    }
  },
});

/**
 * A 204 handler returns a body when it returns a literal value, or declares a return type that is
 * not void: `return this.service.remove(id)` typed `Promise<void>` sends nothing.
 */
function returnsBody(method: ts.MethodDeclaration): boolean {
  const declared = method.type?.getText().replace(/\s/g, '');
  if (declared && /^(?:void|undefined|Promise<(?:void|undefined)>)$/.test(declared)) return false;
  let found = false;
  walk(method.body!, (n) => {
    if (found || ts.isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n) && n.expression) {
      const literal = ts.isObjectLiteralExpression(n.expression) || ts.isArrayLiteralExpression(n.expression) || ts.isStringLiteralLike(n.expression) || ts.isNumericLiteral(n.expression);
      if (literal || (declared !== undefined && !(ts.isIdentifier(n.expression) && n.expression.text === 'undefined'))) found = true;
    }
    return !found;
  });
  return found;
}
