import { z } from 'zod';
import { suggestNameFromInitializer } from '../../text/name-suggestion';
import { ts } from '../../ts';
import { enclosing, isNameFreeIn, rangeOf, walk } from '../syntax';
import { defineFileRule } from '../file-rule';

export const DEFAULT_AMBIGUOUS_NAMES = ['data', 'temp', 'tmp', 'res', 'ret', 'obj', 'val', 'foo', 'bar', 'baz', 'stuff', 'thing', 'things', 'dummy', 'blah'];

const options = z
  .object({
    /** Names that say nothing about what they hold. */
    names: z.array(z.string()).default(DEFAULT_AMBIGUOUS_NAMES),
  })
  .strict();

/**
 * Generic names are fine where nothing better exists (a helper's `data: unknown`, a response
 * `res`, a typed parameter); they are reported only on variables whose initializer says what
 * they hold (`const data = await this.orders.findAll()` holds orders). Every other configured
 * name (`foo`, `stuff`) is a placeholder left in the code and always reported.
 */
const GENERIC_NAMES: ReadonlySet<string> = new Set(['data', 'temp', 'tmp', 'res', 'ret', 'obj', 'val', 'result', 'value', 'item', 'info']);
/**
 * Suggestions that are no more specific than the name they would replace, or that name the
 * object called rather than what it returned (`await client.get(url)` holds no client).
 */
const GENERIC_SUGGESTIONS: ReadonlySet<string> = new Set([
  'response',
  'parsed',
  'body',
  'query',
  'params',
  'headers',
  'result',
  'value',
  'item',
  'items',
  'data',
  'rows',
  'row',
  'record',
  'records',
  'entity',
  'object',
  'client',
  'http',
  'api',
  'db',
  'database',
  'cache',
  'store',
  'pool',
  'connection',
  'manager',
  'provider',
  'service',
  'request',
  'axios',
  'instance',
  'prisma',
  'knex',
  'redis',
]);

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

/** Words a suggestion may end with that name a mechanism, not a thing of the domain. */
const GENERIC_LAST_WORDS = /(?:Client|Service|Repository|Manager|Provider|Instance|Connection|Pool|Api|Cache|Sync|List|Array|Map|Set|Buffer|Json|Text|String|Response|Result)$/;

function isGenericSuggestion(suggestion: string): boolean {
  if (GENERIC_SUGGESTIONS.has(suggestion) || GENERIC_LAST_WORDS.test(suggestion)) return true;
  if (/^(?:list|file|array|map|set|string|number|json|text|buffer|bytes|content|contents|output|input|payload|count)$/.test(suggestion)) return true;
  // `repository.find()` holds what the repository returns, not repositories.
  return /^(?:repositor(?:y|ies)|repos?|services?|models?|daos?|collections?|tables?|managers?|providers?|clients?|dbs?|stores?|caches?)$/.test(suggestion);
}

/**
 * The variable holds what a read returned (`find…`, `get…`, `load…`, `fetch…`, `list…`) or a new
 * object of the app's own class: a write's result (`updateMany` → a count) is not the thing written.
 */
function readsNamedThing(identifier: ts.Identifier): boolean {
  const declaration = identifier.parent;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  let init = declaration.initializer;
  while (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isNonNullExpression(init)) init = init.expression;
  if (ts.isNewExpression(init)) return ts.isIdentifier(init.expression) && !BUILT_IN_CLASSES.test(init.expression.text);
  if (!ts.isCallExpression(init)) return false;
  const callee = init.expression;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return /^(?:find|get|load|fetch|read|list|query|select)(?![a-z])/.test(method) && !/Sync$/.test(method);
}

const BUILT_IN_CLASSES =
  /^(?:Uint8Array|Uint16Array|Uint32Array|Int8Array|Int16Array|Int32Array|Float32Array|Float64Array|ArrayBuffer|Buffer|Date|URL|URLSearchParams|RegExp|Error|Map|Set|WeakMap|WeakSet|Promise|Array|Object|FormData|Headers|Blob|TextEncoder|TextDecoder)$/;

/**
 * The name mirrors a property: it copies one of the same name (`const data = response.data`), or
 * fills one in what the function returns (`return { page, data }`: the envelope's key).
 */
function mirrorsProperty(identifier: ts.Identifier): boolean {
  const declaration = identifier.parent;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  let init = declaration.initializer;
  while (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isNonNullExpression(init)) init = init.expression;
  if (ts.isPropertyAccessExpression(init) && init.name.text === identifier.text) return true;
  const fn = enclosing(declaration, ts.isFunctionLike);
  let fills = false;
  if (fn) {
    walk(fn, (n) => {
      if (fills) return false;
      if (fillsPropertyNamed(n, identifier.text)) fills = true;
      return !fills;
    });
  }
  return fills;
}

/**
 * `{ data }` or `{ data: data }` in an object the function hands on — returned, or passed to a
 * call: a response envelope, a callback's payload, a log entry.
 */
function fillsPropertyNamed(n: ts.Node, name: string): boolean {
  const fills = ts.isShorthandPropertyAssignment(n) ? n.name.text === name : ts.isPropertyAssignment(n) && n.name.getText() === name && ts.isIdentifier(n.initializer) && n.initializer.text === name;
  return fills && ts.isObjectLiteralExpression(n.parent) && isHandedOn(n.parent);
}

function isHandedOn(object: ts.ObjectLiteralExpression): boolean {
  let node: ts.Node = object;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return parent.arguments?.some((a) => a === node) ?? false;
  return ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node);
}

/** Members that unwrap a result (`Either`, `Result`, a response): the variable holds the wrapper, not the thing. */
const UNWRAPPING_MEMBER = /^(?:right|left|value|data|result|ok|error|err|isOk|isErr|isLeft|isRight|isSome|isNone|body|status|rows)$/;

/**
 * The variable holds an envelope, not the thing: it is unwrapped (`result.value`, `isOk(result)`),
 * or it is only ever read through one property (`res.records[i]`, `res.count`), so any name
 * for the whole would stutter (`records.records`).
 */
function isWrapper(identifier: ts.Identifier): boolean {
  const fn = enclosing(identifier, ts.isFunctionLike);
  if (!fn) return false;
  let unwrapped = false;
  const members = new Set<string>();
  let bareUses = 0;
  walk(fn, (n) => {
    if (unwrapped) return false;
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === identifier.text) {
      if (UNWRAPPING_MEMBER.test(n.name.text)) unwrapped = true;
      members.add(n.name.text);
      return false;
    }
    if (ts.isCallExpression(n) && /(?:^|\.)is(?:Left|Right|Some|None|Ok|Err)$/.test(n.expression.getText()) && n.arguments.some((a) => ts.isIdentifier(a) && a.text === identifier.text))
      unwrapped = true;
    if (ts.isIdentifier(n) && n !== identifier && n.text === identifier.text && !ts.isPropertyAccessExpression(n.parent)) bareUses++;
    return !unwrapped;
  });
  return unwrapped || (members.size === 1 && bareUses === 0);
}

/** The suggested name is already written in the function (declared, or an outer one used): renaming would clash or shadow. */
function isTakenNearby(identifier: ts.Identifier, suggestion: string): boolean {
  const fn = enclosing(identifier, ts.isFunctionLike);
  return fn !== undefined && !isNameFreeIn(fn, suggestion);
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

/**
 * Declared in a function of a few statements (`getLatestModel() { const obj = await find(); if
 * (!obj) throw …; return obj; }`): the function's name and type already say what it holds, and
 * the whole life of the variable is in sight.
 */
function inTinyFunction(identifier: ts.Identifier): boolean {
  // A function's own name is judged wherever it is called, not by its body.
  if (ts.isFunctionLike(identifier.parent) && (identifier.parent as ts.SignatureDeclaration).name === identifier) return false;
  const fn = enclosing(identifier, ts.isFunctionLike);
  if (!fn || !('body' in fn) || !fn.body) return false;
  return !ts.isBlock(fn.body) || fn.body.statements.length <= TINY_FUNCTION_STATEMENTS;
}

const TINY_FUNCTION_STATEMENTS = 3;

/** Why the name should change, or undefined when it may stay: placeholders always, generic names when the code says what they hold. */
function problemWith(identifier: ts.Identifier): string | undefined {
  if (inTinyFunction(identifier)) return undefined;
  if (!GENERIC_NAMES.has(identifier.text)) return `"${identifier.text}" is a placeholder name: name it after what it holds (users, orderTotal, createdInvoice…).`;
  // A parameter's type says what it holds; a generic name beside it hides nothing.
  if (!ts.isVariableDeclaration(identifier.parent) || mirrorsProperty(identifier)) return undefined;
  const suggestion = readsNamedThing(identifier) ? suggestNameFromInitializer(identifier) : undefined;
  if (!suggestion || suggestion === identifier.text || isGenericSuggestion(suggestion)) return undefined;
  if (isWrapper(identifier) || isTakenNearby(identifier, suggestion)) return undefined;
  return `"${identifier.text}" says nothing about what it holds, and the code does: it holds ${suggestion}. Name it so.`;
}

export const ambiguousName = defineFileRule({
  meta: {
    id: 'naming/ambiguous-name',
    description: 'A variable, parameter or function is named `data`, `temp`, `res`, `obj`… which says nothing about what it holds.',
    defaultSeverity: 'off',
    fixable: true,
  },
  options,
  files: 'all',
  visitor({ file: node, options, report }) {
    const names = new Set(options.names);
    const sf = node.sourceFile;
    return (n) => {
      for (const identifier of declaredIdentifiers(n)) {
        const problem = names.has(identifier.text) ? problemWith(identifier) : undefined;
        if (problem) report({ range: rangeOf(identifier, sf), message: problem });
      }
    };
  },
});
