import { ts } from '../../ts';
import { dottedName } from '../syntax';

/** What the rules know about HTTP handlers, shared by the api and design rules. */

/** Route registration methods of Express/Koa routers and Fastify instances. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'route']);
/** The request parameter's conventional names in Express, Fastify and Koa. */
export const REQUEST_PARAM = /^_?(?:req|request|ctx)$/;
/** Calls that validate input: zod, joi, yup, class-validator, express-validator, typebox, ajv. */
export const VALIDATING_CALL =
  /^(?:parse|safeParse|parseAsync|safeParseAsync|validate|validateAsync|validateSync|validateOrReject|validationResult|matchedData|Check|assert|is|(?:assert|ensure)\w*Valid(?:[A-Z]\w*)?)$/;
/** Method decorators of NestJS, routing-controllers (`@Get`) and inversify-express-utils (`@httpGet`). */
const ROUTE_DECORATOR = /^(?:Get|Post|Put|Patch|Delete|All|Head|Options|http(?:Get|Post|Put|Patch|Delete|Head|Method))$/;

/** `router.post('/x', …handlers)`, `app.get(…)`, `fastify.route(…)` with a path and a handler. */
export function isRouteRegistration(n: ts.Node): n is ts.CallExpression {
  return ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ROUTE_METHODS.has(n.expression.name.text) && n.arguments.length >= 2;
}

/** The last segment of a call's callee: `this.schema.parse` → parse. */
export function calleeName(call: ts.CallExpression): string {
  return dottedName(call.expression).split('.').pop() ?? '';
}

/** A class method carrying a route decorator (`@Post()`, `@httpGet('/')`). */
export function isDecoratedRouteMethod(fn: ts.Node): fn is ts.MethodDeclaration {
  if (!ts.isMethodDeclaration(fn)) return false;
  return (ts.getDecorators(fn) ?? []).some((d) => {
    const callee = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    return ROUTE_DECORATOR.test(dottedName(callee).split('.').pop() ?? '');
  });
}

/**
 * A function that answers HTTP: a decorated route method, a function passed to a route
 * registration, or one taking `(req, res)` / `(request, reply)` / `(ctx)` by convention.
 */
export function isHttpHandler(fn: ts.FunctionLikeDeclaration): boolean {
  if (isDecoratedRouteMethod(fn)) return true;
  if (isRouteRegistration(fn.parent)) return true;
  const [request, response] = fn.parameters;
  if (!request || !ts.isIdentifier(request.name) || !REQUEST_PARAM.test(request.name.text)) return false;
  if (/^_?ctx$/.test(request.name.text)) return fn.parameters.length <= 2;
  return response !== undefined && ts.isIdentifier(response.name) && /^_?(?:res|response|reply)$/.test(response.name.text);
}

/** Status constants by name (`HttpStatus.CREATED`, `StatusCodes.NOT_FOUND`), as the fixes write them back. */
export const NAMED_STATUS: Readonly<Record<string, number>> = { OK: 200, CREATED: 201, ACCEPTED: 202, NO_CONTENT: 204, NOT_FOUND: 404, INTERNAL_SERVER_ERROR: 500 };

/** `200`, `HttpStatus.OK`, `StatusCodes.NO_CONTENT` → the number, when it is known. */
export function statusOf(expr: ts.Expression | undefined): number | undefined {
  if (!expr) return undefined;
  if (ts.isNumericLiteral(expr)) return Number(expr.text);
  if (ts.isPropertyAccessExpression(expr)) return NAMED_STATUS[expr.name.text];
  return undefined;
}

/** `res.status(200)`, `reply.code(200)`, `res.sendStatus(200)`: the status call and its value. */
export function statusCall(node: ts.Node): { status: number; call: ts.CallExpression } | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  if (!['status', 'code', 'sendStatus'].includes(node.expression.name.text)) return undefined;
  const status = statusOf(node.arguments[0]);
  return status === undefined ? undefined : { status, call: node };
}
