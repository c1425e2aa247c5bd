import { z } from 'zod';
import type { DependencyGraph, FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { TextRange } from '../../types';
import { dottedName, filesToCheck, rangeOf, walk } from '../syntax';
import { calleeName, isRouteRegistration, REQUEST_PARAM, ROUTE_METHODS, VALIDATING_CALL } from '../http/handlers';
import { perGraph, perParsedFile } from '../../memo';
import { defineRule } from '../types';

const options = z
  .object({
    /** Also require validation of route parameters (`req.params`). */
    checkParams: z.boolean().default(false),
  })
  .strict();

/** Middleware that validates, by the name it is called with. */
const VALIDATING_MIDDLEWARE = /valid|celebrate|schema|checkSchema|zod|joi|yup|body|query|param|check/i;

type Report = (range: TextRange, message: string) => void;

/** What every analysis asks of the whole workspace: once per analysis, each file's part once per parsed text. */
interface WorkspaceValidation {
  /** A project of the workspace installs a ValidationPipe somewhere. */
  readonly pipeInstalled: boolean;
  /** Handlers registered behind validation: `router.post('/', validate(schema), controller.create)`. */
  readonly validated: ReadonlySet<string>;
  /** Both, as the rule's `perFile` context. */
  readonly key: string;
}

/**
 * What a file must contain to register a handler behind validation: a call of a route method
 * (`.post(`…) or a route `schema`. Most files have neither, and every file is asked.
 */
const MAY_REGISTER_ROUTES = new RegExp(`\\.\\s*(?:${[...ROUTE_METHODS].join('|')})\\b|\\bschema\\b`);

function validatedHandlerNamesIn(sourceFile: ts.SourceFile): readonly string[] {
  if (!MAY_REGISTER_ROUTES.test(sourceFile.text)) return [];
  const found: string[] = [];
  walk(sourceFile, (n) => {
    for (const handler of validatedHandlersAt(n, sourceFile)) found.push(...handlerNames(handler));
  });
  return found;
}

/** One file's part of the workspace's validation: asked of every file at every analysis, kept per parsed text. */
const validationIn = perParsedFile((sourceFile) => ({ installsPipe: PIPE_INSTALLED.test(sourceFile.text), validated: validatedHandlerNamesIn(sourceFile) }));

const workspaceValidation = perGraph((graph): WorkspaceValidation => {
  let pipeInstalled = false;
  const validated = new Set<string>();
  for (const node of graph.files.values()) {
    const part = validationIn(node.sourceFile);
    pipeInstalled ||= part.installsPipe;
    for (const name of part.validated) validated.add(name);
  }
  return { pipeInstalled, validated, key: `${pipeInstalled}|${[...validated].sort().join(',')}` };
});

/** Handlers a node registers behind validation: route arguments, or a schema route's handler. */
function validatedHandlersAt(n: ts.Node, sf: ts.SourceFile): readonly ts.Expression[] {
  if (isRouteRegistration(n) && hasValidation(n, sf)) return n.arguments;
  const handler = ts.isObjectLiteralExpression(n) ? schemaRouteHandler(n, sf) : undefined;
  return handler ? [handler] : [];
}

/** A validating middleware before the handler, or a Fastify route `schema`. */
function hasValidation(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const middleware = call.arguments.slice(1, -1);
  if (middleware.some((m) => VALIDATING_MIDDLEWARE.test(m.getText(sf).split('(')[0] ?? ''))) return true;
  return call.arguments.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name?.getText(sf) === 'schema'));
}

/** Fastify `route({ schema, handler })`: the handler of a route object that declares a schema. */
function schemaRouteHandler(object: ts.ObjectLiteralExpression, sf: ts.SourceFile): ts.Expression | undefined {
  const property = (name: string) => object.properties.find((p) => p.name?.getText(sf) === name);
  const handler = property('handler');
  if (!property('schema') || !handler) return undefined;
  if (ts.isPropertyAssignment(handler)) return handler.initializer;
  return ts.isShorthandPropertyAssignment(handler) ? handler.name : undefined;
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
function unvalidatedReads(fn: ts.FunctionLikeDeclaration, checkParams: boolean): ts.PropertyAccessExpression[] {
  const request = fn.parameters[0];
  if (!request || !ts.isIdentifier(request.name) || !REQUEST_PARAM.test(request.name.text) || !fn.body) return [];
  const requestName = request.name.text;
  const reads: ts.PropertyAccessExpression[] = [];
  let validates = false;
  walk(fn.body, (n) => {
    if (ts.isCallExpression(n) && VALIDATING_CALL.test(calleeName(n))) validates = true;
    if (ts.isPropertyAccessExpression(n) && isInputRead(n, requestName, checkParams) && !isCoercedField(n)) reads.push(n);
  });
  return validates ? [] : reads;
}

/** `Number(req.query.page)`, `parseInt(req.query.limit, 10)`: one field, converted on the spot. */
function isCoercedField(read: ts.PropertyAccessExpression): boolean {
  const field = read.parent;
  if (!ts.isPropertyAccessExpression(field) && !ts.isElementAccessExpression(field)) return false;
  const call = field.parent;
  return ts.isCallExpression(call) && call.arguments[0] === field && /^(?:Number|parseInt|parseFloat|Boolean|String)$/.test(dottedName(call.expression).split('.').pop() ?? '');
}

function isInputRead(n: ts.PropertyAccessExpression, requestName: string, checkParams: boolean): boolean {
  const inputs = checkParams ? /^(?:body|query|params)$/ : /^(?:body|query)$/;
  if (!inputs.test(n.name.text)) return false;
  const owner = dottedName(n.expression);
  // In Koa, \`ctx.body\` is the response; the request body is \`ctx.request.body\`.
  if (owner === requestName && n.name.text === 'body' && /^_?ctx$/.test(requestName)) return false;
  return owner === requestName || owner === `${requestName}.request`;
}

/** The name a handler is known by: its own, or the property/variable holding it. */
function handlerName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if ((ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
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
  const decorators = ts.canHaveDecorators(fn) ? ts.getDecorators(fn) ?? [] : [];
  return decorators.some((d) => ts.isCallExpression(d.expression) && d.expression.arguments.slice(1).some((a) => VALIDATING_MIDDLEWARE.test(a.getText(sf).split('(')[0] ?? '')));
}

function checkHandler(n: ts.Node, node: FileNode, validated: ReadonlySet<string>, checkParams: boolean, report: Report): void {
  if (!ts.isFunctionLike(n) || !('body' in n) || !n.body) return;
  const fn = n as ts.FunctionLikeDeclaration;
  const name = handlerName(fn);
  if ((name && validated.has(name)) || validatedAround(fn, node.sourceFile)) return;
  const [first] = unvalidatedReads(fn, checkParams);
  if (!first) return;
  report(rangeOf(first, node.sourceFile), `Unvalidated input: ${first.getText(node.sourceFile)} is used without validation at the entry. Parse it with a schema (zod .parse/.safeParse, joi, class-validator) or a validation middleware, and answer 400 when it does not match.`);
}

const LOOSE_TYPES = /^(?:any|object|unknown|Object|Record<.*>|\{\s*\[.*\]:.*\})$/s;

/**
 * `@Body()` / `@Query()` objects: a loose type, a DTO nothing validates, or — in NestJS, where
 * DTO decorators only run through a ValidationPipe — no ValidationPipe at all. routing-controllers
 * validates through its own `validation` option, so only loose types are checked there.
 */
function checkNestInput(n: ts.Node, node: FileNode, graph: DependencyGraph, pipeInstalled: boolean, report: Report): void {
  if (!ts.isParameter(n)) return;
  const sf = node.sourceFile;
  const decorator = (ts.getDecorators(n) ?? []).find((d) => /^(?:Body|Query)\(/.test(d.expression.getText(sf)));
  if (!decorator) return;
  const nest = /['"]@nestjs\/common['"]/.test(node.text);
  const problem = isWholeInput(decorator) ? nestInputProblem(n, node, graph, pipeInstalled || !nest) : looseFieldProblem(n, sf);
  if (problem) report(rangeOf(n, sf), `Unvalidated input: ${decorator.expression.getText(sf)} ${problem}`);
}

/** `@Body()` takes the whole body; `@Body('address')` one field of it. */
function isWholeInput(decorator: ts.Decorator): boolean {
  return ts.isCallExpression(decorator.expression) && decorator.expression.arguments.every((a) => !ts.isStringLiteral(a));
}

/** One field (`@Body('address') address: any`): only an explicitly loose object type is unchecked; primitives go through pipes. */
function looseFieldProblem(param: ts.ParameterDeclaration, sf: ts.SourceFile): string | undefined {
  const type = param.type?.getText(sf);
  return type && LOOSE_TYPES.test(type) ? `is typed ${type}: nothing checks the field's shape. Type it with a DTO class carrying class-validator decorators.` : undefined;
}

function nestInputProblem(param: ts.ParameterDeclaration, node: FileNode, graph: DependencyGraph, pipeInstalled: boolean): string | undefined {
  const type = param.type?.getText(node.sourceFile) ?? '';
  if (type === '' || LOOSE_TYPES.test(type)) return `is typed ${type || 'implicitly'}: nothing checks its shape. Type it with a DTO class carrying class-validator decorators.`;
  if (!pipeInstalled) return 'is never validated: no ValidationPipe is installed (app.useGlobalPipes(new ValidationPipe()) in main.ts), so DTO decorators are not applied.';
  const dtoFile = param.type && ts.isTypeReferenceNode(param.type) ? fileDeclaring(param.type.typeName.getText(node.sourceFile), node, graph) : undefined;
  // A DTO built from another (`extends PickType(CreateUserDto, ['name'])`) inherits its validators.
  if (dtoFile && !/class-validator|createZodDto|nestjs-zod|\bextends\b/.test(dtoFile.text)) {
    return `uses ${param.type?.getText(node.sourceFile)}, which has no validation decorators (class-validator) or zod schema.`;
  }
  return undefined;
}

/** The analyzed file that declares an imported type name. */
function fileDeclaring(typeName: string, node: FileNode, graph: DependencyGraph): FileNode | undefined {
  const edge = graph.outgoing(node.file).find((e) => !e.external && e.names.includes(typeName));
  return edge ? graph.files.get(edge.to) : undefined;
}

/** A ValidationPipe put to use (globally, per controller or per parameter), not just imported. */
export const PIPE_INSTALLED = /new\s+ValidationPipe\b|UsePipes\([^)]*ValidationPipe|useClass:\s*ValidationPipe|(?:Body|Query)\([^)]*ValidationPipe/;

export const missingValidation = defineRule({
  meta: {
    id: 'api/missing-validation',
    description: 'An HTTP handler uses the request body or query without validating it at the entry (zod, joi, class-validator, a validation middleware or a route schema).',
    defaultSeverity: 'warning',
    fixable: true,
  },
  options,
  perFile: (graph) => workspaceValidation(graph).key,
  check(context) {
    const graph = context.graph;
    const { validated, pipeInstalled } = workspaceValidation(graph);
    for (const node of filesToCheck(context)) {
      if (node.layer !== 'controller' && node.layer !== 'router' && node.layer !== 'composition-root') continue;
      const report: Report = (range, message) => context.report({ file: node.file, range, message });
      context.walkFile(node, (n) => {
        checkHandler(n, node, validated, context.options.checkParams, report);
        checkNestInput(n, node, graph, pipeInstalled, report);
      });
    }
  },
});
