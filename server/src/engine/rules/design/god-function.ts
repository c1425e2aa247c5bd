import { z } from 'zod';
import { ts } from '../../ts';
import type { TextRange } from '../../types';
import { rangeOf, walk } from '../syntax';
import { isRouteRegistration } from '../http/handlers';
import { defineFileRule } from '../file-rule';
import { DataAccessNames } from '../data/data-access-calls';
import { cognitiveComplexity, scoreTopLevelFunction } from './cognitive-complexity';
import type { ResolvedConfig } from '../../config/resolved';
import { codeLines, isDeclarativeBody } from './function-length';
import { doesEverything } from './handler-responsibilities';

const options = z
  .object({
    /**
     * SonarSource's cognitive complexity above which a function is too hard to follow. SonarJS
     * warns above 15; measured on the corpus, reviewers rated most functions between 16 and 24
     * nits (5 true, 9 false), split those between 25 and 29 (15 worth splitting, 6 not, 24 a
     * matter of taste) and wanted most from 30 up split (83 true, 7 false): evidence that weak
     * is not reported by default.
     */
    maxComplexity: z.number().int().positive().default(29),
    /** How far over `maxComplexity` a function may be before it is reported; 0 reports everything over the limit. */
    complexityTolerance: z.number().int().nonnegative().default(0),
    /**
     * Lines a body must span (blank lines and comments included) before its complexity says it
     * does too much. In fewer lines the score comes from nesting, and the fix is to flatten it
     * (early returns, merged conditions), not to split it: on the corpus, bodies under 60 lines
     * scoring over the limit were 7 worth splitting, 9 not and 15 a matter of taste, against 349
     * and 17 for longer ones. 1 reports every body, as SonarJS does.
     */
    minLinesForComplexity: z.number().int().positive().default(60),
    /**
     * Lines of code in a function body (blank lines, comments and text in string literals not
     * counted) above which it does too much. Long but simple code reads in order: only a body
     * twice the length of a screenful or two, that also branches (half the complexity allowed), is
     * reported for its length; a flat list of registrations or markup is not (on the corpus, length
     * alone was 3 true, 5 false).
     */
    maxLines: z.number().int().positive().default(150),
    /**
     * Also report HTTP handlers that validate, query data access and shape the response in one
     * body. Off by default: on the corpus the handlers it reported on its own were in apps that
     * keep their queries in handlers by design (no service layer anywhere), and reviewers rated
     * them false or a matter of architecture taste (0 true, 2 false labelled of 15).
     */
    checkHandlers: z.boolean().default(false),
  })
  .strict();

type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.Node };

const GOD_FUNCTION_ID = 'design/god-function';

/** Where to report: the function's name, or what names it (`const handler = () => …`). */
function nameOf(fn: ts.FunctionLikeDeclaration): ts.Node | undefined {
  if (fn.name) return fn.name;
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name;
  return undefined;
}

function hasBody(node: ts.Node): node is FunctionWithBody {
  return ts.isFunctionLike(node) && 'body' in node && node.body !== undefined;
}

/** A function inside no other function: where SonarJS's scoring starts (see `cognitive-complexity.ts`). */
function isTopLevel(fn: ts.Node): boolean {
  for (let current = fn.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return false;
  return true;
}

/** For an inline route handler (`router.post('/orders', async (req, res) => …)`): the route's path. */
function routeOf(fn: ts.Node): { method: string; path: ts.Expression } | undefined {
  const call = fn.parent;
  if (!isRouteRegistration(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const [path] = call.arguments;
  return path && path !== fn ? { method: call.expression.name.text.toUpperCase(), path } : undefined;
}

/** `items.forEach(…)` for a callback passed to it. */
function calleeOf(fn: ts.Node): ts.Identifier | undefined {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined;
  const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
  return ts.isIdentifier(callee) ? callee : undefined;
}

interface Limits {
  readonly maxComplexity: number;
  readonly complexityTolerance: number;
  readonly minLinesForComplexity: number;
  readonly maxLines: number;
  /** Data access of the file, when handlers are checked; built on first use. */
  readonly dataAccess: (() => DataAccessNames) | undefined;
}

/** Why a scored function is too big, or nothing. */
function sizeReasons(fn: FunctionWithBody, complexity: number, sf: ts.SourceFile, limits: Limits): string[] {
  const reasons: string[] = [];
  const span = physicalLines(fn.body, sf);
  if (complexity > limits.maxComplexity + limits.complexityTolerance && span >= limits.minLinesForComplexity) reasons.push(`cognitive complexity ${complexity} (max ${limits.maxComplexity})`);
  // Lines of code are at most the body's lines: count them only for a body that long.
  const lines = span > limits.maxLines ? codeLines(fn.body, sf) : 0;
  // A long declarative body (one query chain, one flat dispatch switch) is long, not complicated;
  // so is one that barely branches (a list of registrations, a module wrapper declaring handlers,
  // markup): it reads in order. Length counts only beside half the complexity allowed.
  if (lines > limits.maxLines && complexity >= Math.ceil(limits.maxComplexity / 2) && !isDeclarativeBody(fn.body)) reasons.push(`${lines} lines of code (max ${limits.maxLines})`);
  return reasons;
}

function physicalLines(body: ts.Node, sf: ts.SourceFile): number {
  return sf.getLineAndCharacterOfPosition(body.getEnd()).line - sf.getLineAndCharacterOfPosition(body.getStart(sf)).line + 1;
}

/** Memoizes a per-file computation that only some functions need. */
function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

/** The name's range, the route path's, the callee's for a callback, or `constructor`'s. */
function reportRange(fn: FunctionWithBody, sf: ts.SourceFile): TextRange {
  const name = nameOf(fn) ?? routeOf(fn)?.path ?? calleeOf(fn);
  if (name) return rangeOf(name, sf);
  const start = fn.getStart(sf);
  return { start, end: start + (ts.isConstructorDeclaration(fn) ? 'constructor'.length : 1) };
}

function displayName(fn: FunctionWithBody, sf: ts.SourceFile): string {
  const named = nameOf(fn);
  if (named) return named.getText(sf);
  const route = routeOf(fn);
  if (route) return `The ${route.method} ${route.path.getText(sf)} handler`;
  const callee = calleeOf(fn);
  if (callee) return `The callback passed to ${callee.text}()`;
  return ts.isConstructorDeclaration(fn) ? 'constructor' : 'this function';
}

/** Every reason per function of one top-level function: its scores, and the HTTP handlers inside it. */
function reasonsWithin(topLevel: FunctionWithBody, sf: ts.SourceFile, limits: Limits): Map<FunctionWithBody, string[]> {
  const reasons = new Map<FunctionWithBody, string[]>();
  const add = (fn: FunctionWithBody, found: readonly string[]) => {
    if (found.length > 0) reasons.set(fn, [...(reasons.get(fn) ?? []), ...found]);
  };
  for (const scored of scoreTopLevelFunction(topLevel)) {
    if (hasBody(scored.fn)) add(scored.fn, sizeReasons(scored.fn, scored.complexity, sf, limits));
  }
  const dataAccess = limits.dataAccess;
  if (dataAccess) {
    walk(topLevel, (n) => {
      if (hasBody(n) && doesEverything(n, dataAccess()))
        add(n, ['as an HTTP handler it validates the input, queries data access and shapes the response itself (move the query and the mapping into a service)']);
    });
  }
  return reasons;
}

/** ESLint, SonarJS and Biome checks of the same thing: size and complexity. */
const SIZE_CHECKS =
  /(?:eslint-disable(?:-next-line|-line)?|biome-ignore)\b[^\n]*\b(?:sonarjs\/cognitive-complexity|complexity|max-lines-per-function|max-statements|max-depth|noExcessiveCognitiveComplexity)\b/;

/**
 * The team already turned off its own complexity or length check for this function (a directive
 * right before it) or for the whole file: it decided, and hearing it again helps nobody.
 */
function acceptedByTeam(fn: FunctionWithBody, sf: ts.SourceFile): boolean {
  let statement: ts.Node = fn;
  while (statement.parent && !ts.isSourceFile(statement.parent) && !ts.isClassLike(statement.parent) && !ts.isBlock(statement.parent)) statement = statement.parent;
  const leading = ts.getLeadingCommentRanges(sf.text, statement.pos) ?? [];
  if (leading.some((r) => SIZE_CHECKS.test(sf.text.slice(r.pos, r.end)))) return true;
  const fileWide = /\/\*\s*eslint-disable\s+[^*]*\b(?:sonarjs\/cognitive-complexity|complexity|max-lines-per-function)\b/;
  return fileWide.test(sf.text.slice(0, 2000));
}

export const godFunction = defineFileRule({
  meta: {
    id: GOD_FUNCTION_ID,
    description: 'A function is too complex (cognitive complexity) or too long to understand and test on its own.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  options,
  visitor({ file: node, graph, options, report }) {
    const { maxComplexity, complexityTolerance, minLinesForComplexity, maxLines, checkHandlers } = options;
    const sf = node.sourceFile;
    const limits: Limits = { maxComplexity, complexityTolerance, minLinesForComplexity, maxLines, dataAccess: checkHandlers ? lazy(() => new DataAccessNames(graph, node)) : undefined };
    return (n) => {
      if (!hasBody(n) || !isTopLevel(n)) return;
      for (const [fn, reasons] of reasonsWithin(n, sf, limits)) {
        if (acceptedByTeam(fn, sf)) continue;
        report({
          range: reportRange(fn, sf),
          message: `${displayName(fn, sf)} does too much: ${reasons.join(', ')}. Split it into functions that each do one thing (validate, load, decide, shape the response).`,
        });
      }
      return false;
    };
  },
});

export type GodFunctionOptions = z.infer<typeof options>;

/** The rule's options as the configuration resolves them (the defaults when it says nothing). */
export function godFunctionOptions(config: ResolvedConfig | undefined): GodFunctionOptions {
  const parsed = options.safeParse(config?.rules.get(GOD_FUNCTION_ID)?.options ?? {});
  return parsed.success ? parsed.data : options.parse({});
}

/**
 * Whether the rule, with these options, reports this function on its own (its score, its length,
 * and with \`checkHandlers\` a handler doing everything): what a fix adding code to it must not cause.
 */
export function isReportedGodFunction(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile, settings: GodFunctionOptions, dataAccess: () => DataAccessNames): boolean {
  if (!hasBody(fn)) return false;
  const limits: Limits = { ...settings, dataAccess: settings.checkHandlers ? dataAccess : undefined };
  return sizeReasons(fn, cognitiveComplexity(fn.body), sf, limits).length > 0 || (limits.dataAccess !== undefined && doesEverything(fn, limits.dataAccess()));
}
