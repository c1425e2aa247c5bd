import { z } from 'zod';
import { suggestName } from '../../text/name-suggestion';
import { ts } from '../../ts';
import { filesToCheck, rangeOf } from '../syntax';
import { defineRule } from '../types';

export const DEFAULT_AMBIGUOUS_NAMES = ['data', 'temp', 'tmp', 'res', 'ret', 'obj', 'val', 'foo', 'bar', 'baz', 'stuff', 'thing', 'things', 'dummy', 'blah'];

const options = z
  .object({
    /** Names that say nothing about what they hold. */
    names: z.array(z.string()).default(DEFAULT_AMBIGUOUS_NAMES),
  })
  .strict();

/**
 * Generic names are fine where nothing better exists (a helper's `data: unknown`, a response
 * `res`); they are reported only where the code says what they hold (`const data = await
 * this.orders.findAll()` holds orders). Every other configured name (`foo`, `stuff`) is a
 * placeholder left in the code and always reported.
 */
const GENERIC_NAMES: ReadonlySet<string> = new Set(['data', 'temp', 'tmp', 'res', 'ret', 'obj', 'val', 'result', 'value', 'item', 'info']);
/**
 * Suggestions that are no more specific than the name they would replace, or that name the
 * object called rather than what it returned (`await client.get(url)` holds no client).
 */
const GENERIC_SUGGESTIONS: ReadonlySet<string> = new Set([
  'response', 'parsed', 'body', 'query', 'params', 'headers', 'result', 'value', 'item', 'items', 'data', 'rows', 'row',
  'record', 'records', 'entity', 'object', 'client', 'http', 'api', 'db', 'database', 'cache', 'store', 'pool',
  'connection', 'manager', 'provider', 'service', 'request', 'axios', 'instance', 'prisma', 'knex', 'redis',
]);

const REQUEST_NAMES = new Set(['req', 'request', 'ctx', 'context']);
const RESPONSE_TYPES = /^(?:Response|ServerResponse|FastifyReply|Reply|express\.Response|http\.ServerResponse)$/;

/**
 * `(req, res)` is the ecosystem's convention for an HTTP handler's response: a `res` parameter
 * beside a request parameter (`req`, `_req`, `request`, `ctx`), typed as a response, or injected
 * with `@Res()`, is not ambiguous.
 */
function isHandlerResponse(name: ts.Identifier): boolean {
  const parameter = name.parent;
  if (!ts.isParameter(parameter) || name.text !== 'res') return false;
  if (RESPONSE_TYPES.test(responseTypeName(parameter))) return true;
  if ((ts.getDecorators(parameter) ?? []).some((d) => /^Res(?:ponse)?\(/.test(d.expression.getText()))) return true;
  const owner = parameter.parent;
  return ts.isFunctionLike(owner) && owner.parameters.some((p) => ts.isIdentifier(p.name) && REQUEST_NAMES.has(p.name.text.replace(/^_+/, '')));
}

/** `res: Response`, or in JavaScript `@param {import('express').Response} res`. */
function responseTypeName(parameter: ts.ParameterDeclaration): string {
  const type = parameter.type ?? ts.getJSDocType(parameter);
  if (type && ts.isTypeReferenceNode(type)) return type.typeName.getText();
  if (type && ts.isImportTypeNode(type) && type.qualifier) return type.qualifier.getText();
  return '';
}

/**
 * A parameter whose name is not the author's to choose: a callback's (the library calls it:
 * `.on('data', (data) => …)`, `transform(doc, ret)`, zod's `.refine((val) => …)`), a signature
 * without a body (interface, overload, `declare`), or one typed with a type parameter.
 */
function isDictatedParameter(parameter: ts.ParameterDeclaration): boolean {
  const owner = parameter.parent;
  if (!('body' in owner) || owner.body === undefined) return true;
  if (isCallback(owner)) return true;
  const type = parameter.type;
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  const name = type.typeName.text;
  for (let scope: ts.Node | undefined = owner; scope; scope = scope.parent) {
    const typeParameters = (scope as ts.Node & { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    if (typeParameters?.some((tp) => tp.name.text === name)) return true;
  }
  return false;
}

/** A function passed as an argument (or an object literal's method passed along): the caller names its parameters. */
function isCallback(fn: ts.Node): boolean {
  const parent = fn.parent;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return (parent.arguments ?? []).some((argument) => argument === fn);
  if (ts.isMethodDeclaration(fn)) return ts.isObjectLiteralExpression(parent);
  return ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent);
}

/** `const data = response.data`: the name mirrors the property it copies. */
function mirrorsProperty(identifier: ts.Identifier): boolean {
  const declaration = identifier.parent;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  let init = declaration.initializer;
  while (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isNonNullExpression(init)) init = init.expression;
  return ts.isPropertyAccessExpression(init) && init.name.text === identifier.text;
}

/** The identifiers a declaration introduces, except those copied from another object's shape. */
function declaredIdentifiers(node: ts.Node): ts.Identifier[] {
  if (ts.isParameter(node)) return isDictatedParameter(node) ? [] : bindingIdentifiers(node.name);
  if (ts.isVariableDeclaration(node)) return bindingIdentifiers(node.name);
  if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) return [node.name];
  return [];
}

function bindingIdentifiers(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => {
    if (ts.isOmittedExpression(element)) return [];
    // `const { data } = await axios.get(url)`: the name is the library's, not the author's.
    if (ts.isObjectBindingPattern(name) && !element.propertyName && ts.isIdentifier(element.name)) return [];
    return bindingIdentifiers(element.name);
  });
}

/** Why the name should change, or undefined when it may stay: placeholders always, generic names when the code says what they hold. */
function problemWith(identifier: ts.Identifier): string | undefined {
  if (!GENERIC_NAMES.has(identifier.text)) return `"${identifier.text}" is a placeholder name: name it after what it holds (users, orderTotal, createdInvoice…).`;
  if (isHandlerResponse(identifier) || mirrorsProperty(identifier)) return undefined;
  const suggestion = suggestName(identifier);
  if (!suggestion || suggestion === identifier.text || GENERIC_SUGGESTIONS.has(suggestion)) return undefined;
  return `"${identifier.text}" says nothing about what it holds, and the code does: it holds ${suggestion}. Name it so.`;
}

export const ambiguousName = defineRule({
  meta: {
    id: 'naming/ambiguous-name',
    description: 'A variable, parameter or function is named `data`, `temp`, `res`, `obj`… which says nothing about what it holds.',
    defaultSeverity: 'info',
    fixable: true,
  },
  options,
  perFile: () => '',
  check(context) {
    const names = new Set(context.options.names);
    for (const node of filesToCheck(context)) {
      const sf = node.sourceFile;
      context.walkFile(node, (n) => {
        for (const identifier of declaredIdentifiers(n)) {
          const problem = names.has(identifier.text) ? problemWith(identifier) : undefined;
          if (problem) context.report({ file: node.file, range: rangeOf(identifier, sf), message: problem });
        }
      });
    }
  },
});
