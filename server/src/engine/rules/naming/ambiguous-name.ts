import { z } from 'zod';
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

const REQUEST_NAMES = new Set(['req', 'request', 'ctx', 'context']);
const RESPONSE_TYPES = /^(?:Response|ServerResponse|FastifyReply|Reply|express\.Response|http\.ServerResponse)$/;

/**
 * `(req, res)` is the ecosystem's convention for an HTTP handler's response: a `res` parameter
 * beside a request parameter (`req`, `_req`, `request`, `ctx`), or typed as a response, is not
 * ambiguous.
 */
function isHandlerResponse(name: ts.Identifier): boolean {
  const parameter = name.parent;
  if (!ts.isParameter(parameter) || name.text !== 'res') return false;
  if (RESPONSE_TYPES.test(responseTypeName(parameter))) return true;
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

const OPAQUE_TYPES = new Set(['string', 'unknown', 'any', 'object', 'Buffer', 'Uint8Array', 'ArrayBuffer']);

/**
 * A parameter of a signature without a body (interface, overload, `declare`) repeats its
 * implementation; a parameter typed with a type parameter or an opaque type (`data: T`,
 * `data: string` in `base64Encode`) has no more specific name to give.
 */
function isExemptParameter(parameter: ts.ParameterDeclaration): boolean {
  const owner = parameter.parent;
  if (!('body' in owner) || owner.body === undefined) return true;
  const type = parameter.type;
  if (!type) return false;
  if (OPAQUE_TYPES.has(type.getText())) return true;
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  const name = type.typeName.text;
  for (let scope: ts.Node | undefined = owner; scope; scope = scope.parent) {
    const typeParameters = (scope as ts.Node & { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    if (typeParameters?.some((tp) => tp.name.text === name)) return true;
  }
  return false;
}

/** The identifiers a declaration introduces, except those copied from another object's shape. */
function declaredIdentifiers(node: ts.Node): ts.Identifier[] {
  if (ts.isParameter(node)) return isExemptParameter(node) ? [] : bindingIdentifiers(node.name);
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
          if (!names.has(identifier.text) || isHandlerResponse(identifier)) continue;
          context.report({
            file: node.file,
            range: rangeOf(identifier, sf),
            message: `"${identifier.text}" says nothing about what it holds: name it after its content (users, orderTotal, createdInvoice…).`,
          });
        }
      });
    }
  },
});
