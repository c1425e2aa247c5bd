import { ts } from '../ts';
import { lowerFirst, pluralOf, singularOf } from './words';

/**
 * A name that says what a declaration holds, from its type or its initializer:
 * `Product[]` → products, `await this.users.findByEmail(email)` → user,
 * `await this.orders.findAll()` → orders, `new Invoice()` → invoice, `req.body` → body.
 */
export function suggestName(identifier: ts.Identifier): string | undefined {
  const declaration = identifier.parent;
  if (!ts.isVariableDeclaration(declaration) && !ts.isParameter(declaration)) return undefined;
  const fromType = declaration.type ? nameFromType(declaration.type) : undefined;
  if (fromType) return usable(fromType);
  return declaration.initializer ? usable(nameFromExpression(declaration.initializer)) : undefined;
}

/** A name from a variable's initializer only (`await this.orders.findAll()` → orders): what the code says it holds. */
export function suggestNameFromInitializer(identifier: ts.Identifier): string | undefined {
  const declaration = identifier.parent;
  return ts.isVariableDeclaration(declaration) && declaration.initializer ? usable(nameFromExpression(declaration.initializer)) : undefined;
}

/** `findExport()` would suggest `export`, `getNew()` `new`: a word the language reserves names nothing. */
function usable(name: string | undefined): string | undefined {
  return name !== undefined && /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name) ? name : undefined;
}

const RESERVED: ReadonlySet<string> = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with implements interface let package private protected public static yield await arguments eval undefined'.split(
    ' ',
  ),
);

function nameFromType(type: ts.TypeNode): string | undefined {
  if (ts.isArrayTypeNode(type)) return listName(nameFromType(type.elementType));
  if (!ts.isTypeReferenceNode(type)) return undefined;
  const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  const [argument] = type.typeArguments ?? [];
  if ((name === 'Promise' || name === 'Partial' || name === 'Readonly') && argument) return nameFromType(argument);
  if ((name === 'Array' || name === 'ReadonlyArray') && argument) return listName(nameFromType(argument));
  return /^[A-Z][A-Za-z0-9]*$/.test(name) && !/^(?:Record|Map|Set|Object|Function)$/.test(name) ? lowerFirst(name.replace(/(?:Dto|Entity|Model|Document|Interface)$/, '')) : undefined;
}

/** Built-in containers say how, not what: `new Map()` is no better named `map`. */
const CONTAINERS = /^(?:Map|Set|WeakMap|WeakSet|Array|Object|Promise|Error|Proxy)$/;

function nameFromExpression(expression: ts.Expression): string | undefined {
  const inner = skipWrappers(expression);
  if (ts.isNewExpression(inner) && ts.isIdentifier(inner.expression) && !CONTAINERS.test(inner.expression.text)) return lowerFirst(inner.expression.text);
  if (ts.isPropertyAccessExpression(inner) && /^(?:body|query|params|headers)$/.test(inner.name.text)) return inner.name.text;
  if (ts.isCallExpression(inner)) return nameFromCall(inner);
  return undefined;
}

function skipWrappers(expression: ts.Expression): ts.Expression {
  if (ts.isAwaitExpression(expression) || ts.isParenthesizedExpression(expression) || ts.isNonNullExpression(expression) || ts.isAsExpression(expression)) {
    return skipWrappers(expression.expression);
  }
  return expression;
}

const VERB = /^(?:find|get|load|fetch|read|create|build|make|compute|calculate|list|query|select|save|update|insert)/;
const MANY = /^(?:find|findAll|findMany|list|getAll|loadAll|fetchAll|select|query)$|All|Many|List$/;

/** `findByEmail` on `this.users` → user; `getOrders()` → orders; `JSON.parse` → parsed. */
function nameFromCall(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (method === 'parse' && ts.isPropertyAccessExpression(callee) && callee.expression.getText() === 'JSON') return 'parsed';
  if (/^(?:fetch|get|post|put|patch|request)$/.test(method) && /^(?:fetch|axios|http|this\.http(?:Service)?|got)$/.test(ts.isPropertyAccessExpression(callee) ? callee.expression.getText() : method))
    return 'response';
  // `findUnique`, `findFirst`, `getRange` say how many or which, not what: the receiver says what.
  const noun = method.replace(VERB, '').replace(/^(?:All|Many|One|Unique|First|Last|Latest|Single|Raw|Range|Page|Paginated|OrThrow|OrFail)+/, '');
  if (noun && !/^By/.test(noun) && VERB.test(method)) return lowerFirst(noun);
  const owner = ts.isPropertyAccessExpression(callee) ? receiverNoun(callee.expression) : undefined;
  if (!owner || !VERB.test(method)) return undefined;
  return MANY.test(method) ? listName(owner) : singularOf(owner);
}

/** `this.users` / `usersRepository` / `this.prisma.user` → users / users / user. */
function receiverNoun(expression: ts.Expression): string | undefined {
  const name = ts.isPropertyAccessExpression(expression) ? expression.name.text : ts.isIdentifier(expression) ? expression.text : undefined;
  // `usersCollection` holds users; `teamCollection` (a Prisma model) holds team collections.
  const noun = name?.replace(/(?:Repository|Repo|Service|Model|Table|Dao)$/, '').replace(/(?<=[a-z]s)Collection$/, '');
  return noun && /^[A-Za-z][A-Za-z0-9]*$/.test(noun) ? lowerFirst(noun) : undefined;
}

/** The name of a list of these: the plural, unless the noun already is one. */
function listName(noun: string | undefined): string | undefined {
  if (!noun) return undefined;
  return noun.endsWith('s') ? noun : pluralOf(noun);
}
