import { z } from 'zod';
import { ts } from '../../ts';
import type { TextRange } from '../../types';
import { productionFilesToCheck, rangeOf } from '../syntax';
import { isRouteRegistration } from '../http/handlers';
import { defineRule } from '../types';
import { DataAccessNames } from '../data/data-access-calls';
import { cognitiveComplexity } from './cognitive-complexity';
import { doesEverything } from './handler-responsibilities';

const options = z
  .object({
    /** SonarSource's cognitive complexity above which a function is too hard to follow. */
    maxComplexity: z.number().int().positive().default(15),
    /** Lines of a function body above which it does too much. */
    maxLines: z.number().int().positive().default(80),
    /** Also report HTTP handlers that validate, query data access and shape the response in one body. */
    checkHandlers: z.boolean().default(true),
  })
  .strict();

type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.Block };

/** Where to report: the function's name, or what names it (`const handler = () => …`). */
function nameOf(fn: ts.FunctionLikeDeclaration): ts.Node | undefined {
  if (fn.name) return fn.name;
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name;
  return undefined;
}

/**
 * Functions counted on their own: declarations, methods, accessors, and function expressions
 * that are named or assigned. Inline callbacks count towards the function that holds them.
 */
function isMeasured(node: ts.Node): node is FunctionWithBody {
  if (!ts.isFunctionLike(node) || !('body' in node) || !node.body || !ts.isBlock(node.body)) return false;
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isAccessor(node)) return true;
  return nameOf(node as ts.FunctionLikeDeclaration) !== undefined || routeOf(node) !== undefined;
}

/** For an inline route handler (`router.post('/orders', async (req, res) => …)`): the route's path. */
function routeOf(fn: ts.Node): { method: string; path: ts.Expression } | undefined {
  const call = fn.parent;
  if (!isRouteRegistration(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const [path] = call.arguments;
  return path && path !== fn ? { method: call.expression.name.text.toUpperCase(), path } : undefined;
}

interface Limits {
  readonly maxComplexity: number;
  readonly maxLines: number;
  /** Data access of the file, when handlers are checked; built on first use. */
  readonly dataAccess: (() => DataAccessNames) | undefined;
}

/** Why a function is too big, or nothing. */
function reasonsFor(fn: FunctionWithBody, sf: ts.SourceFile, limits: Limits): string[] {
  const complexity = cognitiveComplexity(fn.body);
  const lines = sf.getLineAndCharacterOfPosition(fn.body.getEnd()).line - sf.getLineAndCharacterOfPosition(fn.body.getStart(sf)).line + 1;
  const reasons: string[] = [];
  if (complexity > limits.maxComplexity) reasons.push(`its cognitive complexity is ${complexity} (allowed ${limits.maxComplexity})`);
  if (lines > limits.maxLines) reasons.push(`it is ${lines} lines long (allowed ${limits.maxLines})`);
  if (limits.dataAccess && doesEverything(fn, limits.dataAccess())) reasons.push('as an HTTP handler it validates the input, queries data access and shapes the response itself (move the query and the mapping into a service)');
  return reasons;
}

/** Memoizes a per-file computation that only some functions need. */
function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

/** The name's range, the route path's, or `constructor`'s. */
function reportRange(fn: FunctionWithBody, sf: ts.SourceFile): TextRange {
  const name = nameOf(fn) ?? routeOf(fn)?.path;
  if (name) return rangeOf(name, sf);
  const start = fn.getStart(sf);
  return { start, end: start + (ts.isConstructorDeclaration(fn) ? 'constructor'.length : 1) };
}

function displayName(fn: FunctionWithBody, sf: ts.SourceFile): string {
  const route = routeOf(fn);
  if (!nameOf(fn) && route) return `The ${route.method} ${route.path.getText(sf)} handler`;
  return nameOf(fn)?.getText(sf) ?? (ts.isConstructorDeclaration(fn) ? 'constructor' : 'this function');
}

export const godFunction = defineRule({
  meta: {
    id: 'design/god-function',
    description: 'A function is too complex (cognitive complexity) or too long to understand and test on its own.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  options,
  perFile: () => '',
  check(context) {
    const { maxComplexity, maxLines, checkHandlers } = context.options;
    for (const node of productionFilesToCheck(context)) {
      const sf = node.sourceFile;
      const limits: Limits = { maxComplexity, maxLines, dataAccess: checkHandlers ? lazy(() => new DataAccessNames(context.graph, node)) : undefined };
      context.walkFile(node, (n) => {
        if (!isMeasured(n)) return;
        const reasons = reasonsFor(n, sf, limits);
        if (reasons.length === 0) return;
        context.report({
          file: node.file,
          range: reportRange(n, sf),
          message: `${displayName(n, sf)} does too much: ${reasons.join(' and ')}. Split it into functions that each do one thing (validate, load, decide, shape the response).`,
        });
      });
    }
  },
});
