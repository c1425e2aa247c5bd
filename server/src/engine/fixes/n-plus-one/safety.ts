import { walk, isNameFreeIn } from '../../rules/syntax';
import { ts } from '../../ts';
import { type Batch, flat } from './lookup';
import type { Iteration } from './iteration';
import { pluralOf, snakeToCamel, upperFirst } from '../../text/words';

// Stage 3: whether batching keeps what each iteration sees, and the names the new declarations may take.

// Whether the batch keeps what each iteration sees

/** A key made of the element alone: `order.userId`, `id`, `order.customer!.id`; no calls, nothing else in scope. */
export function isElementKey(key: ts.Expression, bound: ReadonlySet<string>): boolean {
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
export function changesWhatIterationsSee(iteration: Iteration, lookup: Batch, holder: string | undefined): boolean {
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
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken))
    return isMemberOf(node.operand, name);
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

// Where the result goes

/** The expression the lookup's result is, what takes its place, and the const holding it. */
export interface Use {
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

export function useOf(call: ts.CallExpression, rows: boolean): Use | undefined {
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

// Names

/** The names the fix declares: the keys, the map, one row. */
export interface Names {
  readonly ids: string;
  readonly map: string;
  readonly row: string;
  /** The keys are the elements themselves: the array is passed as is. */
  readonly elementsAreKeys: boolean;
}

export function namesFor(iteration: Iteration, use: Use, field: string, key: ts.Expression, fallbackNoun: string | undefined): Names | undefined {
  const noun = [use.holder, use.label, keyNoun(key), fallbackNoun].find((n) => n !== undefined && /^[a-z][A-Za-z0-9]*$/.test(n) && !isKeyword(n));
  if (!noun) return undefined;
  const fieldName = upperFirst(snakeToCamel(field));
  const elementsAreKeys = ts.isIdentifier(key) && ts.isIdentifier(iteration.element) && iteration.element.text === key.text;
  const ids = elementsAreKeys ? iteration.items.text : `${noun}${fieldName}s`;
  const names = { ids, map: `${pluralOf(noun)}By${fieldName}`, row: noun, elementsAreKeys };
  const declared = elementsAreKeys ? [names.map] : [names.ids, names.map];
  return declared.every((name) => isFreeAt(iteration.anchor, name)) ? names : undefined;
}

/** `order.userId` → `user`. */
function keyNoun(key: ts.Expression): string | undefined {
  const name = ts.isIdentifier(key) ? key.text : ts.isPropertyAccessExpression(key) ? key.name.text : '';
  const noun = /^(.+?)(?:Id|_id|ID)$/.exec(name)?.[1];
  return noun ? snakeToCamel(noun) : undefined;
}

function isKeyword(name: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, name);
  const token = scanner.scan();
  return token >= ts.SyntaxKind.FirstReservedWord && token <= ts.SyntaxKind.LastReservedWord;
}

/** The name is not used in the statements the declarations join: declaring it hides and clashes with nothing. */
export function isFreeAt(anchor: ts.Statement, name: string): boolean {
  return isNameFreeIn(anchor.parent, name);
}
