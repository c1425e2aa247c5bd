import { walk } from '../../rules/syntax';
import { ts } from '../../ts';
import type { Batch } from './batch';
import type { Iteration } from './iteration';
import { flat } from './node-text';

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
