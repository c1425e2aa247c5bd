import { ts } from '../../ts';
import type { DataAccessNames } from '../data/data-access-calls';
import { calleeName, isHttpHandler, VALIDATING_CALL } from '../http/handlers';
import { dottedName, enclosing, skipParentheses, walk } from '../syntax';

/**
 * The three jobs a handler should not do together: validate the input, query data access, and
 * shape the response. One of them is HTTP's job; doing all three in one body means the business
 * logic lives in the handler, where nothing else can reuse or test it without HTTP.
 */
interface Jobs {
  validates: boolean;
  queries: boolean;
  shapes: boolean;
}

const BAD_REQUEST_EXCEPTION = /^(?:BadRequestException|UnprocessableEntityException|ValidationError|BadRequestError)$/;
const RESPONSE_METHODS = /^(?:json|send|end|jsonp)$/;
/** Response objects smaller than this are wrapping (`{ user }`, `{ id, ok }`), not shaping. */
const MIN_SHAPED_PROPERTIES = 3;

/** Whether `fn` is an HTTP handler that validates, queries and shapes the response itself. */
export function doesEverything(fn: ts.FunctionLikeDeclaration, dataAccess: DataAccessNames): boolean {
  if (!fn.body || !isHttpHandler(fn)) return false;
  const jobs: Jobs = { validates: false, queries: false, shapes: false };
  walk(fn.body, (n) => {
    if (isValidation(n)) jobs.validates = true;
    if (ts.isCallExpression(n) && dataAccess.layerOfCall(n)) jobs.queries = true;
    if (isShaping(n, fn)) jobs.shapes = true;
  });
  return jobs.validates && jobs.queries && jobs.shapes;
}

/** A schema check, a 400 answer, or a bad-request exception. */
function isValidation(n: ts.Node): boolean {
  if (ts.isCallExpression(n)) return VALIDATING_CALL.test(calleeName(n)) || isBadRequestStatus(n);
  return ts.isNewExpression(n) && BAD_REQUEST_EXCEPTION.test(dottedName(n.expression).split('.').pop() ?? '');
}

/** `res.status(400)`, `reply.code(422)`, `ctx.throw(400, …)`. */
function isBadRequestStatus(call: ts.CallExpression): boolean {
  if (!/^(?:status|code|throw|sendStatus)$/.test(calleeName(call))) return false;
  const [status] = call.arguments;
  return status !== undefined && ts.isNumericLiteral(status) && (status.text === '400' || status.text === '422');
}

/** `.map(x => ({ … }))` over results, or an object of several fields built into the answer. */
function isShaping(n: ts.Node, handler: ts.FunctionLikeDeclaration): boolean {
  if (ts.isCallExpression(n) && calleeName(n) === 'map') return n.arguments.some(returnsObjectLiteral);
  return ts.isObjectLiteralExpression(n) && n.properties.length >= MIN_SHAPED_PROPERTIES && isAnswered(n, handler);
}

function returnsObjectLiteral(arg: ts.Expression): boolean {
  if (!ts.isArrowFunction(arg) && !ts.isFunctionExpression(arg)) return false;
  if (!ts.isBlock(arg.body)) return ts.isObjectLiteralExpression(skipParentheses(arg.body));
  return arg.body.statements.some((s) => ts.isReturnStatement(s) && s.expression !== undefined && ts.isObjectLiteralExpression(skipParentheses(s.expression)));
}

/**
 * The object is the success answer: the argument of `res.json(…)` / `reply.send(…)` with no
 * error status in the chain, the value of `ctx.body = …`, or what the handler returns (NestJS,
 * Fastify and routing-controllers send it).
 */
function isAnswered(object: ts.ObjectLiteralExpression, handler: ts.FunctionLikeDeclaration): boolean {
  const parent = object.parent;
  if (ts.isCallExpression(parent) && RESPONSE_METHODS.test(calleeName(parent))) return !hasErrorStatus(parent);
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return dottedName(parent.left) === 'ctx.body';
  return ts.isReturnStatement(parent) && enclosing(parent, ts.isFunctionLike) === handler;
}

/** `res.status(404).json(…)`: a status call of 4xx/5xx earlier in the chain. */
function hasErrorStatus(call: ts.CallExpression): boolean {
  for (let e: ts.Expression = call.expression; ts.isPropertyAccessExpression(e) || ts.isCallExpression(e); e = e.expression) {
    if (ts.isCallExpression(e) && /^(?:status|code)$/.test(calleeName(e))) {
      const [status] = e.arguments;
      return status === undefined || !ts.isNumericLiteral(status) || Number(status.text) >= 400;
    }
  }
  return false;
}
