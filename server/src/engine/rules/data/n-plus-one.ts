import { z } from 'zod';
import { ts } from '../../ts';
import { isLoop, productionFilesToCheck, rangeOf, walk } from '../syntax';
import { defineRule } from '../types';
import { DataAccessNames } from './data-access-calls';

const options = z
  .object({
    /** Loops over a literal array of at most this many items are a fixed tuple, not a collection. */
    maxFixedItems: z.number().int().nonnegative().default(5),
  })
  .strict();

const ITERATING_METHODS = new Set(['map', 'forEach', 'reduce', 'flatMap', 'filter', 'some', 'every']);
const BATCHED_METHOD = /Many|ByIds|Batch|bulk|In$/i;
const RETRY_NAMES = /attempt|retr|tries/i;
const MAX_FIXED_COUNT = 10;

/**
 * Loops that do not run once per element of a collection: `for (const x of [a, b])` over a
 * small literal tuple, `for (let i = 0; i < 3; i++)`, and retry loops (`while (attempt < …)`).
 */
function isPerElementLoop(loop: ts.IterationStatement, maxFixedItems: number): boolean {
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) {
    return !(ts.isArrayLiteralExpression(loop.expression) && loop.expression.elements.length <= maxFixedItems);
  }
  const condition = ts.isForStatement(loop) ? loop.condition : ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : undefined;
  if (!condition) return true;
  const text = condition.getText();
  if (RETRY_NAMES.test(text)) return false;
  const bound = ts.isBinaryExpression(condition) && ts.isNumericLiteral(condition.right) ? Number(condition.right.text) : undefined;
  return bound === undefined || bound > MAX_FIXED_COUNT;
}

/** `items.map(async (item) => …)`: a callback run once per element. */
function isPerElementCallback(fn: ts.Node): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression) || !ts.isPropertyAccessExpression(call.expression)) return false;
  return ITERATING_METHODS.has(call.expression.name.text);
}

/** The loop or per-element callback a call runs in, within its function. */
function repeatingContext(call: ts.Node, maxFixedItems: number): string | undefined {
  for (let current: ts.Node = call; current.parent; current = current.parent) {
    const parent = current.parent;
    if (isLoop(parent) && parent.statement === current) return isPerElementLoop(parent, maxFixedItems) ? 'in a loop' : undefined;
    if (ts.isFunctionLike(parent)) return isPerElementCallback(parent) ? `in a .${callbackMethod(parent)}() callback` : undefined;
  }
  return undefined;
}

function callbackMethod(fn: ts.Node): string {
  const call = fn.parent as ts.CallExpression;
  return (call.expression as ts.PropertyAccessExpression).name.text;
}

/**
 * A call that already loads a batch: a batched method anywhere in the chain (`findByIds`,
 * `whereIn`, `createMany`), or an `In(...)` / `{ in: [...] }` argument.
 */
function isBatched(call: ts.CallExpression): boolean {
  let batched = false;
  walk(call, (n) => {
    if (batched || ts.isFunctionLike(n)) return false;
    if (ts.isPropertyAccessExpression(n) && BATCHED_METHOD.test(n.name.text)) batched = true;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'In') batched = true;
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'in') batched = true;
    return !batched;
  });
  return batched;
}

/** The outermost call of an awaited chain (`await db('x').where(…).first()`), or a callback's returned call. */
function queryCall(node: ts.Node): ts.CallExpression | undefined {
  if (ts.isAwaitExpression(node) && ts.isCallExpression(node.expression)) return node.expression;
  if (ts.isCallExpression(node) && ts.isArrowFunction(node.parent) && node.parent.body === node && isPerElementCallback(node.parent)) return node;
  return undefined;
}

export const nPlusOne = defineRule({
  meta: {
    id: 'data/n-plus-one',
    description: 'A database query runs once per element of a collection (in a loop or a map/forEach callback) instead of once for all.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  options,
  perFile: () => '',
  check(context) {
    for (const node of productionFilesToCheck(context)) {
      const names = new DataAccessNames(context.graph, node);
      const sf = node.sourceFile;
      context.walkFile(node, (n) => {
        const call = queryCall(n);
        if (!call || isBatched(call)) return;
        const layer = names.layerOfCall(call);
        const where = layer && repeatingContext(call, context.options.maxFixedItems);
        if (!where) return;
        const text = call.expression.getText(sf).replace(/\s+/g, ' ').slice(0, 60);
        context.report({
          file: node.file,
          range: rangeOf(call, sf),
          message: `N+1 queries: ${text}() runs once per element (${where}). Load all of them in one query (findBy({ id: In(ids) }), findMany({ where: { id: { in: ids } } }), WHERE id = ANY($1)) and look them up in a Map.`,
        });
      });
    }
  },
});
