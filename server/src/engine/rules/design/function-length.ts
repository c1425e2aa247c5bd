import { ts } from '../../ts';
import { hasNode, walk } from '../syntax';
import { isRegisteredArgument, isUnitOfItsOwn } from './cognitive-complexity';

/**
 * How long a function body is, in lines that hold code: blank lines, comments, the lines of text
 * inside string and template literals (embedded SQL, Lua, HTML), and the lines of object and array
 * literals written out as data are not code a reader steps through. Nor are the bodies of the
 * functions it hands out (see `isHandedOut`): each is measured on its own, and a module factory or
 * a route registrar is as long as its own statements. Closures it keeps in its own state
 * (`const flush = () => …`) are part of its procedure and count.
 */
export function codeLines(body: ts.Node, sf: ts.SourceFile): number {
  const lines = new Set<number>();
  const registered = registeredLocals(body);
  ts.forEachChild(body, (child) =>
    walk(child, (node) => {
      lines.add(sf.getLineAndCharacterOfPosition(node.getStart(sf)).line);
      return !isTextLiteral(node) && !isDataLiteral(node) && !isHandedOut(node, registered);
    }),
  );
  return lines.size;
}

/** The locals of a body that hold a function it only registers (`server.put(spec, wrap(putHandler))`), never calls. */
function registeredLocals(body: ts.Node): Set<string> {
  const registered = new Set<string>();
  const kept = new Set<string>();
  ts.forEachChild(body, (child) =>
    walk(child, (node) => {
      if (ts.isIdentifier(node) && !ts.isVariableDeclaration(node.parent) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
        (isRegisteredArgument(node) ? registered : kept).add(node.text);
      }
    }),
  );
  for (const name of kept) registered.delete(name);
  return registered;
}

/**
 * A function the enclosing one hands to others rather than calls itself: a unit of its own (see
 * `isUnitOfItsOwn`: a method of an object or class it returns, a member it attaches —
 * `Topics.purge = async function …` in a module's `function (Topics)` wrapper —, a handler it
 * registers as a later argument, a function declaration) that is not bound to one of its locals.
 */
function isHandedOut(node: ts.Node, registered: ReadonlySet<string>): boolean {
  return ts.isFunctionLike(node) && 'body' in node && isUnitOfItsOwn(node as ts.FunctionLikeDeclaration) && !isKeptInLocal(node, registered);
}

/**
 * `const flush = () => …`, `flush = function () {…}`: a closure held in a local, part of the
 * function's own procedure, unless the function only registers it (`const putHandler = async
 * (req, res) => …` then `server.put(spec, wrap(putHandler))`): a route module's handlers.
 */
function isKeptInLocal(fn: ts.Node, registered: ReadonlySet<string>): boolean {
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent)) return !(ts.isIdentifier(parent.name) && registered.has(parent.name.text));
  return ts.isBinaryExpression(parent) && parent.right === fn && !ts.isPropertyAccessExpression(parent.left);
}

/** An object or array literal with no function inside: data written out, however many lines the formatter gives it. */
function isDataLiteral(node: ts.Node): boolean {
  if (!ts.isObjectLiteralExpression(node) && !ts.isArrayLiteralExpression(node)) return false;
  return !hasNode(node, ts.isFunctionLike);
}

function isTextLiteral(node: ts.Node): boolean {
  return ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isJsxText(node);
}

/** Cases of a dispatch switch hold at most this many statements each. */
const MAX_DISPATCH_CASE_STATEMENTS = 3;

/**
 * A body that states one thing, however long: a single statement (one query-builder chain, one
 * returned object), or a flat dispatch switch (every case a short statement list) with at most
 * a statement before and after it.
 */
export function isDeclarativeBody(body: ts.Node): boolean {
  if (!ts.isBlock(body)) return true;
  const statements = body.statements;
  const switches = statements.filter(ts.isSwitchStatement);
  if (switches.length === 1 && statements.length <= 3) return isDispatchSwitch(switches[0]!);
  return statements.length === 1 && !isControlFlow(statements[0]!);
}

/** Every case a short list of plain statements: a table written as code. */
function isDispatchSwitch(statement: ts.SwitchStatement): boolean {
  return statement.caseBlock.clauses.every((clause) => {
    const inner = clause.statements.length === 1 && ts.isBlock(clause.statements[0]!) ? clause.statements[0].statements : clause.statements;
    return inner.length <= MAX_DISPATCH_CASE_STATEMENTS && !inner.some(isControlFlow);
  });
}

function isControlFlow(statement: ts.Statement): boolean {
  return ts.isIfStatement(statement) || ts.isSwitchStatement(statement) || ts.isTryStatement(statement) || ts.isIterationStatement(statement, false);
}
