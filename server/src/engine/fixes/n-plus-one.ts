import type { ParamFact } from '../facts/types';
import type { DependencyGraph, FileNode } from '../graph/types';
import { isLoop, walk } from '../rules/syntax';
import { ts } from '../ts';
import type { Fix, TextEdit } from '../types';
import { eolOf, indentAt, indentUnitOf, insertAt, lineStartOf, replaceNode } from './text';
import type { FixContext, FixProvider } from './types';

/**
 * data/n-plus-one: a lookup by one key per element becomes one query for all the keys before the
 * loop, and the loop reads its row from a Map. Offered only where that keeps what each iteration
 * sees: the key comes from the element alone, the result is read (not changed, not reassigned),
 * and nothing in the loop writes through the same repository.
 */
export const nPlusOneFixes: FixProvider = (context) => {
  const call = context.target;
  if (!ts.isCallExpression(call)) return [];
  const iteration = iterationOf(call);
  if (!iteration) return [];
  const lookup = ormLookup(call, context.node);
  if (lookup) return optional(batchLookupFix(context, iteration, lookup));
  return optional(batchedMethodFix(context, iteration, call));
};

function optional(fix: Fix | undefined): Fix[] {
  return fix ? [fix] : [];
}

// ---------------------------------------------------------------------------------------------
// Where the query repeats

/** The collection a query repeats over: a for-of loop or a map/forEach callback over an array variable. */
interface Iteration {
  /** The statement the batched load goes before. */
  readonly anchor: ts.Statement;
  readonly items: ts.Identifier;
  /** How the element is bound, reused by the callback that collects the keys: `order`, `{ userId }`. */
  readonly element: ts.BindingName;
  readonly elementText: string;
  /** Names the element binds: what a key may be made of. */
  readonly bound: ReadonlySet<string>;
  /** The code that runs once per element. */
  readonly body: ts.Node;
}

function iterationOf(call: ts.CallExpression): Iteration | undefined {
  for (let current: ts.Node = call; current.parent; current = current.parent) {
    const parent = current.parent;
    if (isLoop(parent) && parent.statement === current) return ts.isForOfStatement(parent) ? forOfIteration(parent) : undefined;
    // A function expression has its own `this`: moving `this.repo…` out of it would change what it means.
    if (ts.isArrowFunction(parent)) return callbackIteration(parent);
    if (ts.isFunctionLike(parent)) return undefined;
  }
  return undefined;
}

/** `for (const order of orders)`: a const binding over an array held in a variable. */
function forOfIteration(loop: ts.ForOfStatement): Iteration | undefined {
  const list = loop.initializer;
  if (loop.awaitModifier || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const [declaration] = list.declarations;
  if (!declaration || list.declarations.length !== 1 || !ts.isIdentifier(loop.expression)) return undefined;
  const bound = boundNames(declaration.name);
  const anchor = anchorOf(loop);
  if (!bound || !anchor || !mayBeArray(loop.expression)) return undefined;
  return { anchor, items: loop.expression, element: declaration.name, elementText: declaration.name.getText(), bound, body: loop.statement };
}

/** `orders.map(async (order) => …)` / `orders.forEach(…)`, in an async function the load can await in. */
function callbackIteration(fn: ts.ArrowFunction): Iteration | undefined {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const items = call.expression.expression;
  const [param] = fn.parameters;
  if (!ts.isIdentifier(items) || !['map', 'forEach'].includes(call.expression.name.text) || !param || param.dotDotDotToken || param.initializer) return undefined;
  const bound = boundNames(param.name);
  const anchor = statementOf(call);
  if (!bound || !anchor || !isAsync(enclosingFunction(anchor)) || !mayBeArray(items)) return undefined;
  // Without async, the callback hands back the query's promise: only Promise.all is sure to accept a plain value instead.
  if (!isAsync(fn) && !isPromiseAllArgument(call)) return undefined;
  return { anchor, items, element: param.name, elementText: param.getText(), bound, body: fn.body };
}

/**
 * The keys are collected with `.map`: a Set, a Map or another iterable declared as such has none.
 * Undeclared or unannotated collections are taken for arrays, as code iterating them nearly always has.
 */
function mayBeArray(items: ts.Identifier): boolean {
  const declaration = declarationOf(items);
  const type = declaration?.type;
  if (type) return ts.isArrayTypeNode(type) || ts.isTupleTypeNode(type) || (ts.isTypeOperatorNode(type) && ts.isArrayTypeNode(type.type)) || (ts.isTypeReferenceNode(type) && ['Array', 'ReadonlyArray'].includes(type.typeName.getText()));
  const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  return !initializer || !ts.isNewExpression(initializer) || initializer.expression.getText() === 'Array';
}

/** The parameter or variable a name refers to, looking through the enclosing scopes. */
function declarationOf(name: ts.Identifier): ts.ParameterDeclaration | ts.VariableDeclaration | undefined {
  for (let scope = name.parent; scope; scope = scope.parent) {
    const params = ts.isFunctionLike(scope) ? scope.parameters : [];
    const statements: readonly ts.Statement[] = ts.isBlock(scope) || ts.isSourceFile(scope) ? scope.statements : [];
    const declarations = [...params, ...statements.filter(ts.isVariableStatement).flatMap((v) => [...v.declarationList.declarations])];
    const found = declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name.text);
    if (found) return found;
  }
  return undefined;
}

/** Names a binding introduces, when it is plain: `order`, `{ userId, total }` (no defaults, no computed keys). */
function boundNames(name: ts.BindingName): Set<string> | undefined {
  if (ts.isIdentifier(name)) return new Set([name.text]);
  if (!ts.isObjectBindingPattern(name)) return undefined;
  const names = new Set<string>();
  for (const element of name.elements) {
    const computed = element.propertyName && !ts.isIdentifier(element.propertyName);
    if (computed || element.initializer || element.dotDotDotToken || !ts.isIdentifier(element.name)) return undefined;
    names.add(element.name.text);
  }
  return names;
}

/** The statement a loop is (its label included), when it stands in a list of statements new ones can join. */
function anchorOf(statement: ts.Statement): ts.Statement | undefined {
  const anchor = ts.isLabeledStatement(statement.parent) ? statement.parent : statement;
  const parent = anchor.parent;
  return ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent) ? anchor : undefined;
}

function statementOf(node: ts.Node): ts.Statement | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return undefined;
    if (ts.isStatement(current)) return anchorOf(current);
  }
  return undefined;
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return current;
  return undefined;
}

function isAsync(fn: ts.Node | undefined): boolean {
  return !!fn && ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

function isPromiseAllArgument(call: ts.CallExpression): boolean {
  const parent = call.parent;
  return ts.isCallExpression(parent) && parent.arguments.length === 1 && parent.expression.getText() === 'Promise.all';
}

// ---------------------------------------------------------------------------------------------
// The lookup and its batched form

/** A lookup by one field equal to a key, and how to write it for many keys at once. */
interface Batch {
  readonly call: ts.CallExpression;
  readonly field: string;
  readonly key: ts.Expression;
  /** The query for all the keys, given the expression of the key array. */
  readonly batched: (ids: string) => string;
  /** `.rows` when the results come wrapped (pg). */
  readonly rows: string;
  /** What a missing row reads as: findOneBy and findUnique answer null, pg's rows[0] undefined. */
  readonly missing: string;
  /** What the query runs on (`this.users`, `prisma.user`, `pool`), to spot writes in the loop. */
  readonly receiver: string;
  /** A name for one result when the code gives none: the Prisma model, the table. */
  readonly noun?: string;
}

/** A lookup the ORM itself can batch. */
interface Lookup extends Batch {
  /** TypeORM's `In`, imported from typeorm. */
  readonly needsIn: boolean;
}

function ormLookup(call: ts.CallExpression, node: FileNode): Lookup | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  switch (call.expression.name.text) {
    case 'findOneBy':
    case 'findOne':
      return typeormLookup(call, call.expression, node);
    case 'findUnique':
      return prismaLookup(call, call.expression);
    case 'query':
      return pgLookup(call, call.expression);
    default:
      return undefined;
  }
}

/** `{ id: key }` / `{ id }`: one field, compared for equality with a plain value. */
interface Condition {
  readonly property: ts.ObjectLiteralElementLike;
  readonly field: string;
  readonly key: ts.Expression;
}

function singleCondition(where: ts.Expression | undefined): Condition | undefined {
  if (!where || !ts.isObjectLiteralExpression(where) || where.properties.length !== 1) return undefined;
  const property = where.properties[0]!;
  if (ts.isShorthandPropertyAssignment(property) && !property.objectAssignmentInitializer) return { property, field: property.name.text, key: property.name };
  if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) return undefined;
  const value = property.initializer;
  // An object or array here is a relation, a FindOperator or an operator object, not a key.
  if (ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value) || ts.isCallExpression(value)) return undefined;
  return { property, field: property.name.text, key: value };
}

/** Properties of an options object, by name; undefined when one is not a plain `name: value`. */
function optionsOf(argument: ts.Expression | undefined): Map<string, ts.PropertyAssignment> | undefined {
  if (!argument || !ts.isObjectLiteralExpression(argument)) return undefined;
  const options = new Map<string, ts.PropertyAssignment>();
  for (const property of argument.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) return undefined;
    options.set(property.name.text, property);
  }
  return options;
}

/** findOne options that load the same rows for many keys: no select (it may leave out the key), no order or paging. */
const TYPEORM_KEPT_OPTIONS = new Set(['where', 'relations', 'withDeleted', 'loadEagerRelations']);
const TYPEORM_REPOSITORIES = new Set(['Repository', 'MongoRepository', 'TreeRepository']);

/** `repo.findOneBy({ id: key })` → `repo.findBy({ id: In(ids) })`; `repo.findOne({ where: { id: key } })` likewise. */
function typeormLookup(call: ts.CallExpression, callee: ts.PropertyAccessExpression, node: FileNode): Lookup | undefined {
  const [argument] = call.arguments;
  if (call.arguments.length !== 1 || !argument) return undefined;
  const byWhere = callee.name.text === 'findOne';
  // findOne({ where }) has look-alikes in other ORMs (Sequelize, MikroORM): only on a receiver known to be TypeORM's.
  if (!isTypeormReceiver(callee.expression, node) && (byWhere || !importsTypeorm(node))) return undefined;
  const criteria = byWhere ? whereOption(argument) : { where: argument, onlyWhere: true };
  const condition = singleCondition(criteria?.where);
  if (!criteria || !condition) return undefined;
  const { where, onlyWhere } = criteria;
  const batched = (ids: string): string => {
    const replaced = spliced(onlyWhere ? where : argument, [[condition.property, `${condition.field}: In(${ids})`]]);
    return `${callee.expression.getText()}.${onlyWhere ? 'findBy' : 'find'}(${replaced})`;
  };
  const noun = receiverNoun(callee.expression);
  return { call, field: condition.field, key: condition.key, batched, rows: '', missing: ' ?? null', receiver: flat(callee.expression), needsIn: true, ...(noun ? { noun } : {}) };
}

/** The where of findOne options, when the other options load the same rows for many keys. */
function whereOption(argument: ts.Expression): { where: ts.Expression; onlyWhere: boolean } | undefined {
  const options = optionsOf(argument);
  const where = options?.get('where')?.initializer;
  if (!options || !where || [...options.keys()].some((name) => !TYPEORM_KEPT_OPTIONS.has(name))) return undefined;
  return { where, onlyWhere: options.size === 1 };
}

/** `this.x` injected as a TypeORM `Repository<T>`, or `….getRepository(Entity)`. */
function isTypeormReceiver(receiver: ts.Expression, node: FileNode): boolean {
  if (ts.isCallExpression(receiver)) return ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'getRepository';
  if (!ts.isPropertyAccessExpression(receiver) || receiver.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const param = constructorParam(node, receiver, receiver.name.text);
  return !!param && ((!!param.typeName && TYPEORM_REPOSITORIES.has(param.typeName)) || param.decorators.some((d) => d.name === 'InjectRepository'));
}

function constructorParam(node: FileNode, at: ts.Node, name: string): ParamFact | undefined {
  const position = at.getStart();
  const owner = node.facts.classes.find((c) => c.range.start <= position && position < c.range.end);
  return owner?.constructorParams.find((p) => p.name === name);
}

/** `this.usersRepository` / `this.users` → `user`; `dataSource.getRepository(User)` → `user`. */
function receiverNoun(receiver: ts.Expression): string | undefined {
  const entity = ts.isCallExpression(receiver) ? receiver.arguments[0] : undefined;
  if (entity) return ts.isIdentifier(entity) ? entity.text.charAt(0).toLowerCase() + entity.text.slice(1) : undefined;
  if (!ts.isPropertyAccessExpression(receiver)) return undefined;
  const name = receiver.name.text.replace(/Repo(?:sitory)?$/, '');
  return singular(name) ?? (name === receiver.name.text ? undefined : name);
}

function importsTypeorm(node: FileNode): boolean {
  return node.facts.moduleRefs.some((ref) => ref.kind === 'import' && ref.specifier === 'typeorm');
}

/** `prisma.user.findUnique({ where: { id: key } })` → `prisma.user.findMany({ where: { id: { in: ids } } })`. */
function prismaLookup(call: ts.CallExpression, callee: ts.PropertyAccessExpression): Lookup | undefined {
  const options = optionsOf(call.arguments[0]);
  if (call.arguments.length !== 1 || !options || [...options.keys()].some((name) => name !== 'where' && name !== 'include')) return undefined;
  const condition = singleCondition(options.get('where')?.initializer);
  const model = callee.expression;
  if (!condition || !ts.isPropertyAccessExpression(model)) return undefined;
  const batched = (ids: string): string => spliced(call, [[callee.name, 'findMany'], [condition.property, `${condition.field}: { in: ${ids} }`]]);
  return { call, field: condition.field, key: condition.key, batched, rows: '', missing: ' ?? null', receiver: flat(model), noun: model.name.text, needsIn: false };
}

/** `SELECT <columns> FROM <table> WHERE <column> = $1`, and nothing else. */
const SINGLE_ROW_SQL = /^\s*SELECT\s+([\w\s,*]+?)\s+FROM\s+([A-Za-z_]\w*)\s+WHERE\s+([A-Za-z_]\w*)\s*=\s*\$1\s*;?\s*$/i;

/** `pool.query('SELECT * FROM users WHERE id = $1', [key])` → `pool.query('… WHERE id = ANY($1)', [ids])`. */
function pgLookup(call: ts.CallExpression, callee: ts.PropertyAccessExpression): Lookup | undefined {
  const [sql, values] = call.arguments;
  if (call.arguments.length !== 2 || !sql || !isPlainString(sql) || !values || !ts.isArrayLiteralExpression(values) || values.elements.length !== 1) return undefined;
  const match = SINGLE_ROW_SQL.exec(sql.text);
  const key = values.elements[0];
  const column = match?.[3];
  // Unquoted names reach the rows in lower case: the column must be written that way to be read back.
  if (!match || !key || ts.isSpreadElement(key) || !column || !/^[a-z_][a-z0-9_]*$/.test(column) || !selects(match[1] ?? '', column)) return undefined;
  const anySql = sql.getText().replace(/=\s*\$1/, '= ANY($1)');
  const batched = (ids: string): string => spliced(call, [[sql, anySql], [values, `[${ids}]`]]);
  return { call, field: column, key, batched, rows: '.rows', missing: '', receiver: flat(callee.expression), noun: singular(camel((match[2] ?? '').toLowerCase())), needsIn: false };
}

function isPlainString(node: ts.Expression): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return false;
  // Escapes would make the written text differ from the SQL: keep to literals written as they read.
  return node.getText().slice(1, -1) === node.text;
}

function selects(columns: string, column: string): boolean {
  return columns.split(',').some((c) => c.trim() === '*' || c.trim() === column);
}

/** Node text with some of its descendants replaced. */
function spliced(node: ts.Node, replacements: readonly (readonly [ts.Node, string])[]): string {
  const start = node.getStart();
  let text = node.getText();
  const ordered = [...replacements].sort(([a], [b]) => b.getStart() - a.getStart());
  for (const [inner, replacement] of ordered) text = text.slice(0, inner.getStart() - start) + replacement + text.slice(inner.getEnd() - start);
  return text;
}

function flat(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------------
// Where the result goes

/** The expression the lookup's result is, what takes its place, and the const holding it. */
interface Use {
  readonly replaced: ts.Node;
  readonly replacement: (value: string) => string;
  /** The const the result is kept in: the names follow it, and it must not change. */
  readonly holder?: string;
  /** The property the result is stored under, for the names. */
  readonly label?: string;
}

/** Places a value can go without parentheses, the result of `??` included. */
function isPlainValuePosition(expression: ts.Expression): boolean {
  const parent = expression.parent;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return !!parent.arguments?.includes(expression);
  if (ts.isPropertyAssignment(parent)) return parent.initializer === expression;
  if (ts.isArrowFunction(parent)) return parent.body === expression;
  return ts.isArrayLiteralExpression(parent) || ts.isReturnStatement(parent) || ts.isParenthesizedExpression(parent);
}

function useOf(call: ts.CallExpression, rows: boolean): Use | undefined {
  if (rows) return firstRowUse(call);
  // An arrow's returned query: its value is what the callback returns (Promise.all or async take a plain value alike).
  if (ts.isArrowFunction(call.parent) && call.parent.body === call) return { replaced: call, replacement: (value) => value };
  return ts.isAwaitExpression(call.parent) ? valueUse(call.parent) : undefined;
}

/** `const user = <value>;`, or the value passed, returned or stored as is. */
function valueUse(value: ts.Expression): Use | undefined {
  const parent = value.parent;
  const replacement = (text: string): string => text;
  if (ts.isVariableDeclaration(parent)) {
    const constant = ts.isVariableDeclarationList(parent.parent) && !!(parent.parent.flags & ts.NodeFlags.Const);
    return constant && ts.isIdentifier(parent.name) && parent.initializer === value ? { replaced: value, replacement, holder: parent.name.text } : undefined;
  }
  if (!isPlainValuePosition(value)) return undefined;
  const label = ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  return { replaced: value, replacement, ...(label ? { label } : {}) };
}

/** pg: `(await pool.query(…)).rows[0]`, or `const { rows: [user] } = await pool.query(…)`. */
function firstRowUse(call: ts.CallExpression): Use | undefined {
  const awaited = call.parent;
  if (!ts.isAwaitExpression(awaited)) return undefined;
  if (ts.isVariableDeclaration(awaited.parent)) return destructuredRowUse(awaited.parent);
  const rows = ts.isParenthesizedExpression(awaited.parent) ? awaited.parent.parent : undefined;
  const first = rows?.parent;
  if (!rows || !ts.isPropertyAccessExpression(rows) || rows.name.text !== 'rows' || !first || !ts.isElementAccessExpression(first)) return undefined;
  if (first.argumentExpression.getText() !== '0') return undefined;
  return valueUse(first);
}

function destructuredRowUse(declaration: ts.VariableDeclaration): Use | undefined {
  const pattern = declaration.name;
  const list = declaration.parent;
  if (!ts.isObjectBindingPattern(pattern) || pattern.elements.length !== 1 || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const rows = pattern.elements[0]!;
  const first = ts.isArrayBindingPattern(rows.name) && rows.name.elements.length === 1 ? rows.name.elements[0] : undefined;
  const plain = rows.propertyName?.getText() === 'rows' && !rows.initializer && first && ts.isBindingElement(first) && !first.initializer && !first.dotDotDotToken;
  if (!plain || !ts.isIdentifier(first.name)) return undefined;
  const holder = first.name.text;
  return { replaced: declaration, replacement: (value) => `${holder} = ${value}`, holder };
}

// ---------------------------------------------------------------------------------------------
// Whether the batch keeps what each iteration sees

/** A key made of the element alone: `order.userId`, `id`, `order.customer!.id`; no calls, nothing else in scope. */
function isElementKey(key: ts.Expression, bound: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(key)) return bound.has(key.text);
  if (ts.isPropertyAccessExpression(key) || ts.isNonNullExpression(key) || ts.isParenthesizedExpression(key)) return isElementKey(key.expression, bound);
  if (ts.isElementAccessExpression(key)) return ts.isLiteralExpression(key.argumentExpression) && isElementKey(key.expression, bound);
  return false;
}

const READ_METHOD = /^(?:find|get|count|exists?|aggregate|groupBy|load|fetch)/;

/**
 * What would make the loaded-once rows differ from what each iteration used to load: the array
 * changing while the loop runs, an inner declaration hiding the element, the result being changed
 * (rows shared by elements with the same key would see each other's changes), or a write through
 * the same repository (a row created in one iteration is found by the next).
 */
function changesWhatIterationsSee(iteration: Iteration, lookup: Batch, holder: string | undefined): boolean {
  // The query moves before the loop: what it is called on must mean there what it meant inside.
  const moved = new Set([...iteration.bound, rootName(lookup.call.expression), 'Map']);
  let changes = false;
  walk(iteration.body, (n) => {
    if (changes) return false;
    if (ts.isIdentifier(n) && n.text === iteration.items.text && isReference(n)) changes = true;
    else if (isDeclarationOf(n, moved)) changes = true;
    else if (holder && isChangeOf(n, holder)) changes = true;
    else if (n !== lookup.call && ts.isCallExpression(n) && isWriteThrough(n, lookup.receiver)) changes = true;
    return !changes;
  });
  return changes;
}

/** `pool` in `pool.query`, `this` in `this.users.findOneBy`. */
function rootName(callee: ts.Expression): string {
  let current = callee;
  while (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current) || ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
  return ts.isIdentifier(current) ? current.text : 'this';
}

/** Not a property name: `orders` in `orders.push(…)`, not in `this.orders`. */
function isReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === identifier;
  return !((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === identifier);
}

function isDeclarationOf(node: ts.Node, names: ReadonlySet<string>): boolean {
  const declares = ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node);
  return declares && !!node.name && ts.isIdentifier(node.name) && names.has(node.name.text);
}

/** `user.x = …`, `user.n++`, `delete user.x`, `Object.assign(user, …)`. */
function isChangeOf(node: ts.Node, name: string): boolean {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return isMemberOf(node.left, name);
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return isMemberOf(node.operand, name);
  if (ts.isDeleteExpression(node)) return isMemberOf(node.expression, name);
  return ts.isCallExpression(node) && node.expression.getText() === 'Object.assign' && node.arguments[0]?.getText() === name;
}

function isMemberOf(expression: ts.Expression, name: string): boolean {
  let current = expression;
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
  return current !== expression && ts.isIdentifier(current) && current.text === name;
}

function isWriteThrough(call: ts.CallExpression, receiver: string): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || flat(callee.expression) !== receiver) return false;
  if (callee.name.text !== 'query') return !READ_METHOD.test(callee.name.text);
  const [sql] = call.arguments;
  return !sql || !ts.isStringLiteralLike(sql) || !/^\s*SELECT\b/i.test(sql.text);
}

// ---------------------------------------------------------------------------------------------
// Names and text

/** The names the fix declares: the keys, the map, one row. */
interface Names {
  readonly ids: string;
  readonly map: string;
  readonly row: string;
  /** The keys are the elements themselves: the array is passed as is. */
  readonly elementsAreKeys: boolean;
}

function namesFor(iteration: Iteration, use: Use, field: string, key: ts.Expression, fallbackNoun: string | undefined): Names | undefined {
  const noun = [use.holder, use.label, keyNoun(key), fallbackNoun].find((n) => n !== undefined && /^[a-z][A-Za-z0-9]*$/.test(n) && !isKeyword(n));
  if (!noun) return undefined;
  const fieldName = capitalized(camel(field));
  const elementsAreKeys = ts.isIdentifier(key) && ts.isIdentifier(iteration.element) && iteration.element.text === key.text;
  const ids = elementsAreKeys ? iteration.items.text : `${noun}${fieldName}s`;
  const names = { ids, map: `${plural(noun)}By${fieldName}`, row: noun, elementsAreKeys };
  const declared = elementsAreKeys ? [names.map] : [names.ids, names.map];
  return declared.every((name) => isFreeAt(iteration.anchor, name)) ? names : undefined;
}

/** `order.userId` → `user`. */
function keyNoun(key: ts.Expression): string | undefined {
  const name = ts.isIdentifier(key) ? key.text : ts.isPropertyAccessExpression(key) ? key.name.text : '';
  const noun = /^(.+?)(?:Id|_id|ID)$/.exec(name)?.[1];
  return noun ? camel(noun) : undefined;
}

function isKeyword(name: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, name);
  const token = scanner.scan();
  return token >= ts.SyntaxKind.FirstReservedWord && token <= ts.SyntaxKind.LastReservedWord;
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function plural(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return /(?:s|x|z|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`;
}

function singular(name: string): string | undefined {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (/(?:ss|us)$/.test(name)) return undefined;
  return name.endsWith('s') ? name.slice(0, -1) : undefined;
}

/** The name is not used in the statements the declarations join: declaring it hides and clashes with nothing. */
function isFreeAt(anchor: ts.Statement, name: string): boolean {
  let used = false;
  walk(anchor.parent, (n) => {
    if (ts.isIdentifier(n) && n.text === name) used = true;
    return !used;
  });
  return !used;
}

/** Whether the file ends its statements with semicolons, by what most of them do. */
function usesSemicolons(sourceFile: ts.SourceFile): boolean {
  let withSemicolon = 0;
  let total = 0;
  walk(sourceFile, (n) => {
    if (ts.isVariableStatement(n) || ts.isExpressionStatement(n) || ts.isReturnStatement(n) || ts.isImportDeclaration(n)) {
      total++;
      if (n.getText().endsWith(';')) withSemicolon++;
    }
  });
  return total === 0 || withSemicolon * 2 >= total;
}

/** Inserts lines before a statement, above the comments that lead it, at its indentation. */
function linesBefore(node: FileNode, anchor: ts.Statement, lines: readonly string[]): TextEdit | undefined {
  const { text, file } = node;
  const comment = ts.getLeadingCommentRanges(text, anchor.pos)?.[0];
  const start = anchor.getStart();
  const commentOnOwnLine = comment && /^[ \t]*$/.test(text.slice(lineStartOf(text, comment.pos), comment.pos));
  const offset = commentOnOwnLine ? comment.pos : start;
  if (!/^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset))) return undefined;
  const semicolon = usesSemicolons(node.sourceFile);
  // Without semicolons, a statement starting with ( [ or ` would continue the inserted line.
  if (!semicolon && /^[[(`]/.test(text.slice(start))) return undefined;
  const indent = indentAt(text, offset);
  const eol = eolOf(text);
  return insertAt(file, offset, lines.map((line) => `${line}${semicolon ? ';' : ''}${eol}${indent}`).join(''));
}

// ---------------------------------------------------------------------------------------------
// TypeORM's In

/** Imports `In` from typeorm, joining an existing import; undefined when the name is taken. */
function inImportEdits(node: FileNode): TextEdit[] | undefined {
  const imports = node.sourceFile.statements.filter(ts.isImportDeclaration);
  const typeorm = imports.filter((i) => ts.isStringLiteral(i.moduleSpecifier) && i.moduleSpecifier.text === 'typeorm');
  if (typeorm.some((i) => importsIn(i))) return [];
  let taken = false;
  walk(node.sourceFile, (n) => {
    if (ts.isIdentifier(n) && n.text === 'In') taken = true;
    return !taken;
  });
  const last = imports[imports.length - 1];
  if (taken || !last) return undefined;
  const joinable = typeorm.find((i) => !i.importClause?.isTypeOnly && i.importClause?.namedBindings && ts.isNamedImports(i.importClause.namedBindings));
  const named = joinable?.importClause?.namedBindings;
  const lastName = named && ts.isNamedImports(named) ? named.elements[named.elements.length - 1] : undefined;
  if (lastName) return [insertAt(node.file, lastName.getEnd(), ', In')];
  const quote = last.moduleSpecifier.getText().charAt(0);
  const semicolon = last.getText().endsWith(';') ? ';' : '';
  return [insertAt(node.file, last.getEnd(), `${eolOf(node.text)}import { In } from ${quote}typeorm${quote}${semicolon}`)];
}

function importsIn(declaration: ts.ImportDeclaration): boolean {
  const clause = declaration.importClause;
  const named = clause?.namedBindings;
  if (!clause || clause.isTypeOnly || !named || !ts.isNamedImports(named)) return false;
  return named.elements.some((e) => !e.isTypeOnly && e.name.text === 'In' && (!e.propertyName || e.propertyName.getText() === 'In'));
}

// ---------------------------------------------------------------------------------------------
// Fix: the ORM's batched lookup

/** The edits in the looping file: the keys and the map before the loop, the map read in it. */
function loopEdits(node: FileNode, iteration: Iteration, batch: Batch): { edits: TextEdit[]; names: Names } | undefined {
  const use = useOf(batch.call, batch.rows !== '');
  if (!use || shadowsMap(node) || !isElementKey(batch.key, iteration.bound) || changesWhatIterationsSee(iteration, batch, use.holder)) return undefined;
  const names = namesFor(iteration, use, batch.field, batch.key, batch.noun);
  if (!names) return undefined;
  const keys = `const ${names.ids} = ${iteration.items.text}.map((${iteration.elementText}) => ${batch.key.getText()})`;
  const query = reindented(batch.batched(names.ids), indentAt(node.text, batch.call.getStart()), indentAt(node.text, iteration.anchor.getStart()));
  const map = `const ${names.map} = new Map((await ${query})${batch.rows}.map((${names.row}) => [${names.row}.${batch.field}, ${names.row}]))`;
  const inserted = linesBefore(node, iteration.anchor, names.elementsAreKeys ? [map] : [keys, map]);
  if (!inserted) return undefined;
  const read = use.replacement(`${names.map}.get(${batch.key.getText()})${batch.missing}`);
  return { edits: [inserted, replaceNode(node.file, use.replaced, node.sourceFile, read)], names };
}

/** The file declares or imports its own `Map` (Immutable's, say): `new Map(entries)` would not be the built-in. */
function shadowsMap(node: FileNode): boolean {
  return node.facts.declarations.has('Map') || node.facts.moduleRefs.some((ref) => ref.bindings.some((b) => b.local === 'Map'));
}

/** A query written over several lines moves out of the loop: its inner lines follow it to its new indentation. */
function reindented(text: string, from: string, to: string): string {
  return text.replace(/(\r?\n)([ \t]*)/g, (whole, eol: string, indent: string) => (indent.startsWith(from) ? `${eol}${to}${indent.slice(from.length)}` : whole));
}

function batchLookupFix(context: FixContext, iteration: Iteration, lookup: Lookup): Fix | undefined {
  const { node } = context;
  const loop = loopEdits(node, iteration, lookup);
  const imports = lookup.needsIn ? inImportEdits(node) : [];
  if (!loop || !imports) return undefined;
  const method = lookup.needsIn ? 'findBy + In' : lookup.rows ? '= ANY($1)' : 'findMany';
  return { id: 'batch-lookup', title: `Load all in one query (${method})`, safe: false, preferred: true, edits: [...imports, ...loop.edits] };
}

// ---------------------------------------------------------------------------------------------
// Fix: a batched method on the workspace's own repository

/** The repository class a `this.x` constructor parameter injects, when its file is in the workspace. */
function injectedClass(graph: DependencyGraph, node: FileNode, receiver: ts.PropertyAccessExpression): { file: FileNode; declaration: ts.ClassDeclaration } | undefined {
  const param = constructorParam(node, receiver, receiver.name.text);
  const edge = param && graph.outgoing(node.file).find((e) => e.kind === 'di' && e.range.start === param.range.start && !e.external);
  const file = edge && graph.files.get(edge.to);
  const declaration = file?.sourceFile.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === param?.typeName);
  return file && declaration ? { file, declaration } : undefined;
}

/** `findById(id: number) { return this.repo.findOneBy({ id }); }`: one ORM lookup by its one parameter. */
interface Delegation {
  readonly lookup: Lookup;
  readonly param: ts.ParameterDeclaration;
  readonly statement: ts.ReturnStatement;
  readonly awaited: boolean;
}

function delegatedLookup(repository: FileNode, method: ts.MethodDeclaration): Delegation | undefined {
  const [param] = method.parameters;
  const [statement] = method.body?.statements ?? [];
  if (method.parameters.length !== 1 || !param || !ts.isIdentifier(param.name) || param.questionToken || param.initializer) return undefined;
  if (method.body?.statements.length !== 1 || !statement || !ts.isReturnStatement(statement) || !statement.expression) return undefined;
  const returned = ts.isAwaitExpression(statement.expression) ? statement.expression.expression : statement.expression;
  const lookup = ts.isCallExpression(returned) ? ormLookup(returned, repository) : undefined;
  const byParam = lookup && !lookup.rows && ts.isIdentifier(lookup.key) && lookup.key.text === param.name.text;
  return byParam ? { lookup, param, statement, awaited: returned !== statement.expression } : undefined;
}

/** `Promise<User | null>` → `Promise<User[]>`; undefined when the type says something else. */
function manyType(type: ts.TypeNode | undefined): string | undefined {
  const [inner] = type && ts.isTypeReferenceNode(type) && type.typeName.getText() === 'Promise' ? (type.typeArguments ?? []) : [];
  if (!inner || !ts.isUnionTypeNode(inner)) return undefined;
  const present = inner.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
  if (present.length !== inner.types.length - 1 || present.length === 0) return undefined;
  return `Promise<${arrayOf(present.map((t) => t.getText()).join(' | '), present.length > 1)}>`;
}

function arrayOf(type: string, compound: boolean): string {
  return compound ? `(${type})[]` : `${type}[]`;
}

const KEPT_MODIFIERS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.AsyncKeyword]);

/** The text of the batched method, written after the single-key one in its style. */
function batchedMethodText(repository: FileNode, method: ts.MethodDeclaration, delegated: Delegation, name: string): string | undefined {
  const { lookup, param } = delegated;
  const ids = plural(camel(lookup.field));
  const paramType = param.type ? `: ${arrayOf(param.type.getText(), ts.isUnionTypeNode(param.type) || ts.isFunctionTypeNode(param.type))}` : '';
  const returnType = method.type ? manyType(method.type) : '';
  if (returnType === undefined || !isFreeAt(delegated.statement, ids)) return undefined;
  // `override` or `abstract` would not hold for a method no base class declares.
  const modifiers = (ts.getModifiers(method) ?? []).filter((m) => KEPT_MODIFIERS.has(m.kind)).map((m) => `${m.getText()} `).join('');
  const awaited = delegated.awaited ? 'await ' : '';
  const { text } = repository;
  const indent = indentAt(text, method.getStart());
  const eol = eolOf(text);
  const semicolon = usesSemicolons(repository.sourceFile) ? ';' : '';
  const body = `${indent}${indentUnitOf(text)}return ${awaited}${lookup.batched(ids)}${semicolon}`;
  return `${eol}${eol}${indent}${modifiers}${name}(${ids}${paramType})${returnType ? `: ${returnType}` : ''} {${eol}${body}${eol}${indent}}`;
}

/**
 * `this.usersRepository.findById(order.userId)` where UsersRepository's findById is one ORM
 * lookup: add `findByIds` next to it and load all the rows through it.
 */
function batchedMethodFix(context: FixContext, iteration: Iteration, call: ts.CallExpression): Fix | undefined {
  const { node, graph } = context;
  const callee = call.expression;
  const [key] = call.arguments;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isPropertyAccessExpression(callee.expression) || callee.expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const repository = injectedClass(graph, node, callee.expression);
  const method = repository?.declaration.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText() === callee.name.text && !!m.body);
  const delegated = repository && method && delegatedLookup(repository.file, method);
  if (!repository || !method || !delegated || !key || call.arguments.length !== 1) return undefined;
  const name = `findBy${capitalized(camel(delegated.lookup.field))}s`;
  if (repository.declaration.members.some((m) => m.name?.getText() === name)) return undefined;
  const receiver = callee.expression.getText();
  const noun = receiverNoun(callee.expression) ?? delegated.lookup.noun;
  const batch: Batch = { field: delegated.lookup.field, key, call, receiver: flat(callee.expression), rows: '', missing: delegated.lookup.missing, batched: (ids) => `${receiver}.${name}(${ids})`, ...(noun ? { noun } : {}) };
  const loop = loopEdits(node, iteration, batch);
  const methodText = batchedMethodText(repository.file, method, delegated, name);
  const imports = delegated.lookup.needsIn ? inImportEdits(repository.file) : [];
  if (!loop || methodText === undefined || !imports) return undefined;
  const className = repository.declaration.name?.text ?? 'the repository';
  return { id: 'add-batched-method', title: `Add a batched ${name} to ${className}`, safe: false, edits: [...imports, insertAt(repository.file.file, method.getEnd(), methodText), ...loop.edits] };
}
