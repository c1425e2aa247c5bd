import { ts } from '../../ts';
import { childNodes } from '../../child-nodes';
import { chainOperands, isLoop, skipParentheses } from '../syntax';

/**
 * Cognitive complexity after SonarSource's definition (G. Ann Campbell, 2017) as SonarJS applies
 * it to JavaScript: +1 for each break in linear flow (if, else if, else, ternary, switch, loops,
 * catch, labelled jumps, each sequence of like `&&`/`||` operators), plus the nesting depth for
 * the structures that nest. `??` supplies a default value; it is no decision to follow and is not
 * counted, nor is `||` supplying a literal default (`x || null`, `name || 'Unknown'`, `list || []`),
 * nor `&&` guarding an access into its left side (`s && s.mode`, the older spelling of `s?.mode`).
 * A dispatch on one value written with `if`s costs what a `switch` does: once.
 *
 * Functions are scored where SonarJS scores them, with one exception: a top-level function (one
 * inside no other function) with control flow of its own is scored with the inline callbacks it
 * declares (`items.map(x => …)`, a promise executor), which count as nested one level deeper; a
 * top-level function without control flow of its own (a wrapper that registers callbacks) is
 * scored alone, and each function it declares is scored on its own. Unlike SonarJS, functions
 * that are units of their own — named (`const helper = () => …`, `handler: async function`,
 * `Topics.create = async function …`, `async function loadForm() {…}` as a named step in a list, methods) or registered as a later argument (`app.get('/x', async (req, res) => …)`) — are
 * always scored on their own, at any depth: a route registrar's `if (!app) return;` guard does
 * not make its handlers its complexity, nor does a handler's `const ingest = (rows) => {…}` (measured:
 * reviewers rated those folded scores false). Inline callbacks count toward the function that
 * holds them.
 */

export interface ScoredFunction {
  readonly fn: ts.FunctionLikeDeclaration;
  readonly complexity: number;
}

/** The scores SonarJS reports for a top-level function: itself, and maybe the functions it declares. */
export function scoreTopLevelFunction(fn: ts.FunctionLikeDeclaration): ScoredFunction[] {
  if (!fn.body) return [];
  const own = new Counter('own');
  own.visitChildren(fn.body, 0);
  const nested = own.nestedFunctions.map(({ fn: inner, nesting }) => {
    const counter = counted(inner, nesting);
    return { fn: inner, alone: counter.total, structuralPoints: counter.structuralPoints, units: counter.units.flatMap(scoreUnit) };
  });
  const deeper = nested.flatMap((n) => n.units);
  if (own.structuralPoints === 0) return [{ fn, complexity: own.total }, ...nested.map((n) => ({ fn: n.fn, complexity: n.alone })), ...deeper];
  const units = nested.filter((n) => isUnitOfItsOwn(n.fn));
  const folded = nested.filter((n) => !isUnitOfItsOwn(n.fn));
  // Nested one level deeper: each structural point of a declared function costs one more.
  const total = own.total + folded.reduce((sum, n) => sum + n.alone + n.structuralPoints, 0);
  return [{ fn, complexity: total }, ...units.flatMap((n) => [{ fn: n.fn, complexity: counted(n.fn, 0).total }, ...n.units]), ...folded.flatMap((n) => n.units)];
}

/** Named, or registered as a later argument of a call (a route or event handler): read and tested on its own. */
export function isUnitOfItsOwn(fn: ts.FunctionLikeDeclaration): boolean {
  if (isNamedUnit(fn)) return true;
  return isRegisteredArgument(fn as ts.Expression);
}

/** A later argument of a call (`bus.on('saved', handler)`), or the one argument of a wrapper that is one. */
export function isRegisteredArgument(value: ts.Expression): boolean {
  const call = value.parent;
  if (!ts.isCallExpression(call)) return false;
  const index = call.arguments.indexOf(value);
  return index >= 1 || (index === 0 && isRegisteredWrapper(call));
}

/**
 * `router.get('/x', asyncHandler(async (req, res) => …))`, `server.get(spec, tools.responseWrapper(
 * async (req, res) => …))`: a wrapper given only the function, itself registered as a later
 * argument. `total(rows.map((r) => …))` is an inline callback of an array method, not a wrapper.
 */
function isRegisteredWrapper(wrapper: ts.CallExpression): boolean {
  const holder = wrapper.parent;
  if (wrapper.arguments.length !== 1 || !ts.isCallExpression(holder) || holder.arguments.indexOf(wrapper) < 1) return false;
  return !(ts.isPropertyAccessExpression(wrapper.expression) && INLINE_CALLBACK_METHOD.test(wrapper.expression.name.text));
}

const INLINE_CALLBACK_METHOD = /^(?:map|flatMap|filter|forEach|reduce|reduceRight|some|every|find|findIndex|findLast|sort|then|catch|finally)$/;

/**
 * Named: a declaration, a method, or a function held by a name (`const ingest = (rows) => {…}`,
 * `handler: async function`, `Topics.create = async function …`). Below a top-level function's
 * own callbacks, only these are scored apart: a Node-style callback (`fs.readFile(p, (err, d) =>
 * …)`) deep in a pyramid stays part of the function whose nesting it adds to.
 */
function isNamedUnit(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isAccessor(fn)) return true;
  // `[async function loadForm() {…}, async function loadRoles() {…}]`: steps the author named and
  // listed. (A named callback, `rows.forEach(function eachRow(row) {…})`, is still an inline one:
  // measured, scoring those apart hid handlers reviewers wanted reported.)
  if (ts.isFunctionExpression(fn) && fn.name !== undefined && ts.isArrayLiteralExpression(fn.parent)) return true;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return true;
  // `Topics.create = async function (data) {…}` inside a module's `function (Topics) {…}` wrapper.
  return ts.isBinaryExpression(parent) && parent.right === fn && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/**
 * A unit's score from nesting 0, with the inline callbacks it declares, and the scores of the
 * named units it declares (`const ingest = (rows) => {…}` inside a handler), each on its own.
 */
function scoreUnit(fn: ts.FunctionLikeDeclaration): ScoredFunction[] {
  const counter = counted(fn, 0);
  return [{ fn, complexity: counter.total }, ...counter.units.flatMap(scoreUnit)];
}

/** A function's body counted from `nesting`, with its inline callbacks (its named units listed apart). */
function counted(fn: ts.FunctionLikeDeclaration, nesting: number): Counter {
  const counter = new Counter('inclusive');
  if (fn.body) counter.visitChildren(fn.body, nesting);
  return counter;
}

/** The complexity SonarJS reports for the function with this body, as a top-level function. */
export function cognitiveComplexity(body: ts.Node): number {
  const fn = body.parent;
  if (fn && ts.isFunctionLike(fn) && 'body' in fn) return scoreTopLevelFunction(fn as ts.FunctionLikeDeclaration)[0]?.complexity ?? 0;
  const counter = new Counter('own');
  counter.visitChildren(body, 0);
  return counter.total;
}

/** A node still to count, at the nesting it sits at. */
interface Work {
  readonly node: ts.Node;
  readonly nesting: number;
}

function childrenAt(node: ts.Node, nesting: number): Work[] {
  return childNodes(node).map((child) => ({ node: child, nesting }));
}

/**
 * `own` stops at nested functions (and lists them with the nesting they appear at); `inclusive`
 * counts inline callbacks in, each adding a nesting level, and lists the units of their own it
 * meets (`isUnitOfItsOwn`) to be scored apart.
 */
class Counter {
  total = 0;
  structuralPoints = 0;
  readonly nestedFunctions: { fn: ts.FunctionLikeDeclaration; nesting: number }[] = [];
  readonly units: ts.FunctionLikeDeclaration[] = [];

  constructor(private readonly mode: 'own' | 'inclusive') {}

  /** Counts the node's children. Iterative, on a stack of our own: deep expressions must not overflow the call stack. */
  visitChildren(node: ts.Node, nesting: number): void {
    const stack = childrenAt(node, nesting).reverse();
    for (let work = stack.pop(); work; work = stack.pop()) {
      const next = this.step(work.node, work.nesting);
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
    }
  }

  /** Counts one node; returns what to count next, in source order. */
  private step(node: ts.Node, nesting: number): Work[] {
    if (ts.isFunctionLike(node) && 'body' in node) return this.visitFunction(node as ts.FunctionLikeDeclaration, nesting);
    if (ts.isIfStatement(node)) return this.visitIf(node, nesting);
    if (ts.isConditionalExpression(node)) {
      this.structural(nesting);
      return [
        { node: node.condition, nesting },
        { node: node.whenTrue, nesting: nesting + 1 },
        { node: node.whenFalse, nesting: nesting + 1 },
      ];
    }
    if (isLoop(node) || ts.isSwitchStatement(node) || ts.isCatchClause(node)) {
      this.structural(nesting);
      return childrenAt(node, nesting + 1);
    }
    this.total += flatIncrement(node);
    return childrenAt(node, nesting);
  }

  private visitFunction(fn: ts.FunctionLikeDeclaration, nesting: number): Work[] {
    if (this.mode === 'own') this.nestedFunctions.push({ fn, nesting });
    else if (isNamedUnit(fn)) this.units.push(fn);
    else if (fn.body) return childrenAt(fn.body, nesting + 1);
    return [];
  }

  /**
   * `else if` costs +1 without nesting; a final `else` costs +1. An `if` that continues a dispatch
   * on one value (`if (op === 'equals') return …; if (op === 'starts_with') return …;`, or the same
   * as `else if`s) costs nothing more: it is a `switch` written with `if`, and a switch costs once.
   */
  private visitIf(node: ts.IfStatement, nesting: number): Work[] {
    const isElseIf = ts.isIfStatement(node.parent) && node.parent.elseStatement === node;
    if (!continuesDispatch(node)) {
      if (isElseIf) this.total += 1;
      else this.structural(nesting);
    }
    const work: Work[] = [
      { node: node.expression, nesting },
      { node: node.thenStatement, nesting: nesting + 1 },
    ];
    const otherwise = node.elseStatement;
    if (!otherwise) return work;
    if (ts.isIfStatement(otherwise)) return [...work, { node: otherwise, nesting }];
    this.total += 1;
    return [...work, { node: otherwise, nesting: nesting + 1 }];
  }

  private structural(nesting: number): void {
    this.total += 1 + nesting;
    this.structuralPoints++;
  }
}

/**
 * The `if` tests the same value against another constant as the `if` before it: the `else if` of
 * one that does, or the next statement after one that does and leaves (`return`, `throw`).
 */
function continuesDispatch(node: ts.IfStatement): boolean {
  const subject = dispatchSubject(node.expression);
  if (subject === undefined) return false;
  const parent = node.parent;
  if (ts.isIfStatement(parent) && parent.elseStatement === node) return dispatchSubject(parent.expression) === subject;
  if (node.elseStatement || !leaves(node.thenStatement) || !ts.isBlock(parent)) return false;
  const previous = parent.statements[parent.statements.indexOf(node) - 1];
  return previous !== undefined && ts.isIfStatement(previous) && !previous.elseStatement && leaves(previous.thenStatement) && dispatchSubject(previous.expression) === subject;
}

/** `op === 'equals'`, `'equals' === op`, `kind === Kind.Text`: the value tested, as written. */
function dispatchSubject(test: ts.Expression): string | undefined {
  if (!ts.isBinaryExpression(test) || (test.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && test.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsToken)) return undefined;
  if (isConstant(test.right)) return test.left.getText();
  return isConstant(test.left) ? test.right.getText() : undefined;
}

function isConstant(expr: ts.Expression): boolean {
  if (ts.isStringLiteralLike(expr) || ts.isNumericLiteral(expr)) return true;
  return ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression) && /^[A-Z]/.test(expr.expression.text);
}

/** The branch ends by leaving the function: its last statement returns or throws. */
function leaves(branch: ts.Statement): boolean {
  const last = ts.isBlock(branch) ? branch.statements[branch.statements.length - 1] : branch;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/** Increments that do not depend on nesting: labelled jumps, and each run of like `&&`/`||` operators. */
function flatIncrement(node: ts.Node): number {
  if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && node.label) return 1;
  if (!ts.isBinaryExpression(node) || !isDecision(node.operatorToken.kind)) return 0;
  if (isLiteralDefault(node)) return 0;
  const parent = node.parent;
  const continuesSequence = ts.isBinaryExpression(parent) && parent.operatorToken.kind === node.operatorToken.kind;
  if (continuesSequence) return 0;
  return isNullGuardChain(node) ? 0 : 1;
}

/**
 * `sensor && sensor.lastMode`, `a && a.b && a.b.c()`: each operand reaches into the one before, the
 * optional chaining (`sensor?.lastMode`) written before `?.` existed. `?.` is no decision to
 * follow, and neither is its older spelling.
 */
function isNullGuardChain(node: ts.BinaryExpression): boolean {
  if (node.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) return false;
  const operands = chainOperands(node, (kind) => kind === ts.SyntaxKind.AmpersandAmpersandToken);
  return operands.every((operand, i) => {
    const before = operands[i - 1];
    return before === undefined || reachesInto(skipParentheses(operand), skipParentheses(before).getText());
  });
}

/** `x.y`, `x[k]`, `x.y.z()`: an access (or a call on one) whose object is written `guarded`. */
function reachesInto(expr: ts.Expression, guarded: string): boolean {
  let target: ts.Expression = ts.isCallExpression(expr) ? expr.expression : expr;
  while (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
    if (target.expression.getText() === guarded) return true;
    target = target.expression;
  }
  return false;
}

/**
 * `value || null`, `name || 'Unknown'`, `items || []`: `||` supplying a literal default, written
 * before `??` existed, is no decision to follow, as `??` is not.
 */
function isLiteralDefault(node: ts.BinaryExpression): boolean {
  if (node.operatorToken.kind !== ts.SyntaxKind.BarBarToken) return false;
  const right = node.right;
  if (ts.isStringLiteralLike(right) || ts.isNumericLiteral(right) || right.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(right) && right.text === 'undefined') return true;
  if (ts.isArrayLiteralExpression(right)) return right.elements.length === 0;
  return ts.isObjectLiteralExpression(right) && right.properties.length === 0;
}

function isDecision(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken;
}
