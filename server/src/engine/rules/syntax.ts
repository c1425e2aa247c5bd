import type { FileNode } from '../graph/types';
import { ts } from '../ts';
import { childNodes } from '../child-nodes';
import { isMemberName } from '../member-names';
import type { TextRange } from '../types';

/** Helpers shared by the rules that look inside files. */

export function rangeOf(node: ts.Node, sourceFile: ts.SourceFile): TextRange {
  return { start: node.getStart(sourceFile), end: node.getEnd() };
}

/** Depth-first walk; return false from `visit` to skip a node's children. */
export function walk(node: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  // Depth-first, in source order, on a stack of our own: a `+` chain of thousands of operands nests
  // as deep, and recursion would overflow the call stack and lose the file.
  const stack: ts.Node[] = [node];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (visit(current) === false) continue;
    const children = childNodes(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/**
 * The operands of a chain of one operator, which the parser nests to the left: `a || b ?? c` →
 * [a, b, c] (a parenthesized operand stays whole). Iterative, however long the chain.
 */
export function chainOperands(expr: ts.Expression, isOperator: (kind: ts.SyntaxKind) => boolean): ts.Expression[] {
  const operands: ts.Expression[] = [];
  let current = expr;
  while (ts.isBinaryExpression(current) && isOperator(current.operatorToken.kind)) {
    operands.push(current.right);
    current = current.left;
  }
  operands.push(current);
  return operands.reverse();
}

/**
 * The identifier a chain of accesses and method calls starts from: `res` in
 * `res.status(404).json(…)`, `ids` in `ids.join(',')` (a method of a value still gives the value).
 */
export function chainRoot(expr: ts.Expression): ts.Identifier | undefined {
  let current = expr;
  for (;;) {
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current)) {
      current = current.expression;
    } else if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
      current = current.expression.expression;
    } else {
      break;
    }
  }
  return ts.isIdentifier(current) ? current : undefined;
}

/** `((x))` → `x`. */
export function skipParentheses(expr: ts.Expression): ts.Expression {
  let current = expr;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

/** The names a binding declares: `x`, and each of `{ a, b: [c] }` (iterative). */
export function bindingIdentifiers(name: ts.BindingName): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const pending: ts.BindingName[] = [name];
  for (let current = pending.pop(); current; current = pending.pop()) {
    if (ts.isIdentifier(current)) found.push(current);
    else
      for (let i = current.elements.length - 1; i >= 0; i--) {
        const element = current.elements[i]!;
        if (ts.isBindingElement(element)) pending.push(element.name);
      }
  }
  return found;
}

/**
 * The variable names written in a subtree — declared or used, members' names left out (`isMember`
 * says which identifiers are members): what a new name must neither capture nor shadow.
 */
export function variableNamesIn(node: ts.Node, isMember: (id: ts.Identifier) => boolean = isMemberName): Set<string> {
  const names = new Set<string>();
  walk(node, (n) => {
    if (ts.isIdentifier(n) && !isMember(n)) names.add(n.text);
  });
  return names;
}

/** No variable of that name is written in `scope`: a new one there captures and shadows nothing. */
export function isNameFreeIn(scope: ts.Node, name: string, isMember: (id: ts.Identifier) => boolean = isMemberName): boolean {
  return !hasNode(scope, (n) => ts.isIdentifier(n) && n.text === name && !isMember(n));
}

/** The nearest ancestor of `node` that `is` accepts. */
export function enclosing<T extends ts.Node>(node: ts.Node, is: (n: ts.Node) => n is T): T | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) if (is(current)) return current;
  return undefined;
}

/** The text of a node with comments: whether the author wrote an explanation inside it. */
export function containsComment(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  const text = sourceFile.text.slice(node.getStart(sourceFile), node.getEnd());
  return /\/\/|\/\*/.test(text);
}

/** `a.b.c` for property-access chains of identifiers (and `this`), else ''. */
export function dottedName(expr: ts.Expression): string {
  if (ts.isIdentifier(expr)) return expr.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(expr)) {
    const left = dottedName(expr.expression);
    return left ? `${left}.${expr.name.text}` : '';
  }
  return '';
}

/**
 * Files a file-level rule looks at: every analyzed file the rules are for, in a stable order.
 * Files outside the opened folder, front-end and vendored code (`FileNode.exempt`) are in the
 * graph for their layers and edges only.
 */
export function filesOf(nodes: ReadonlyMap<string, FileNode>): FileNode[] {
  return [...nodes.values()].filter((node) => node.exempt === undefined).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The files a per-file rule checks in this run: `checkFiles` when set, else all of them. */
export function filesToCheck(context: { readonly graph: { readonly files: ReadonlyMap<string, FileNode> }; readonly checkFiles?: ReadonlySet<string> }): FileNode[] {
  const only = context.checkFiles;
  if (!only) return filesOf(context.graph.files);
  // An edit checks a handful of files: sort those, not the workspace.
  const nodes = new Map<string, FileNode>();
  for (const file of only) {
    const node = context.graph.files.get(file);
    if (node) nodes.set(file, node);
  }
  return filesOf(nodes);
}

/**
 * `filesToCheck` that run in production: seeds, migrations, scripts, fixtures and factories (the
 * `tooling` layer) create development data and run once by hand, so rules about production code
 * skip them.
 */
export function productionFilesToCheck(context: Parameters<typeof filesToCheck>[0]): FileNode[] {
  return filesToCheck(context).filter((node) => node.layer !== 'tooling');
}

/** Whether a node below `node`, outside the functions it declares, passes `test`. */
export function hasOwnNode(node: ts.Node, test: (n: ts.Node) => boolean): boolean {
  let found = false;
  walk(node, (n) => {
    if (found || (n !== node && ts.isFunctionLike(n))) return false;
    found = test(n);
    return !found;
  });
  return found;
}

export function isLoop(node: ts.Node): node is ts.IterationStatement {
  return ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

/** Whether `node` or a node anywhere below it passes `test` (the walk stops at the first). */
export function hasNode(node: ts.Node, test: (n: ts.Node) => boolean): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    found = test(n);
    return !found;
  });
  return found;
}

/** Whether an identifier spelled `name` occurs anywhere in `node` (a binding, a use). */
export function mentionsName(node: ts.Node, name: string): boolean {
  return hasNode(node, (n) => ts.isIdentifier(n) && n.text === name);
}

/** Inside the `then` branch of an `if` whose condition passes the test, within the node's own function. */
export function inThenBranchOf(node: ts.Node, test: (condition: ts.Expression) => boolean): boolean {
  for (let child = node, parent = node.parent; parent && !ts.isFunctionLike(parent); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child && test(parent.expression)) return true;
  }
  return false;
}

/** The expression under `await`, parentheses, `as` and `!`: what a value is, however it is wrapped. */
export function unwrapped(expr: ts.Expression): ts.Expression {
  let current = expr;
  while (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
  return current;
}
