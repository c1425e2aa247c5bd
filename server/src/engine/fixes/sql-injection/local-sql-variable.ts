import { enclosing, walk } from '../../rules/syntax';
import { ts } from '../../ts';
import { ensure } from './not-parameterizable';
import type { BoundValue } from './pieces';
import { isScope } from './scope-declarations';
import type { SinkCall } from './sink-call';

/**
 * `const sql = \`…${id}\`; db.query(sql)`: the declaration the rule followed. The values move to
 * the call, so the text must be used there only and the values must read the same there.
 */
export function localSql(argument: ts.Identifier, call: SinkCall): ts.VariableDeclaration & { readonly initializer: ts.Expression } {
  const scope = enclosing(call, isScope);
  const earlier: ts.VariableDeclaration[] = [];
  walk(scope ?? call.getSourceFile(), (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === argument.text && n.initializer && n.getEnd() <= call.getStart()) earlier.push(n);
  });
  const found = earlier.at(-1);
  ensure(found?.initializer !== undefined && enclosing(found, isScope) === scope, 'SQL text from elsewhere');
  ensure(ts.isVariableDeclarationList(found.parent) && (found.parent.flags & ts.NodeFlags.Const) !== 0, 'SQL text in a variable that may change');
  ensure(scope !== undefined && references(scope, argument.text) === 1, 'SQL text used more than once');
  return found as ts.VariableDeclaration & { readonly initializer: ts.Expression };
}

/** Uses of `name` in `scope`: identifiers, except declared names and property names. */
function references(scope: ts.Node, name: string): number {
  let count = 0;
  walk(scope, (n) => {
    if (!ts.isIdentifier(n) || n.text !== name) return;
    const parent = n.parent;
    const declared = (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === n;
    const property = (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === n;
    if (!declared && !property) count++;
  });
  return count;
}

/** A value moved from the declaration to the call must be a name nothing reassigns or shadows. */
export function ensureSameAtCall(value: BoundValue, declaration: ts.VariableDeclaration): void {
  const exprs = value.kind === 'expr' ? [value.expr] : value.content.flatMap((p) => (p.kind === 'char' ? [] : [p.expr]));
  const scope = enclosing(declaration, isScope);
  for (const expr of exprs) {
    const root = stableRoot(expr);
    ensure(root !== undefined && scope !== undefined && !rebound(scope, root), 'a value that may differ at the call');
  }
}

/** `a`, `this.a.b`: the root name; undefined for anything computed. */
function stableRoot(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return ts.isPropertyAccessExpression(expr) ? stableRoot(expr.expression) : undefined;
}

function rebound(scope: ts.Node, name: string): boolean {
  let declarations = 0;
  let assigned = false;
  walk(scope, (n) => {
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name) && n.name.text === name) declarations++;
    assigned ||= isAssignmentTo(n, name);
  });
  return assigned || declarations > 1;
}

function isAssignmentTo(n: ts.Node, name: string): boolean {
  const target =
    ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
      ? n.left
      : (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)
        ? n.operand
        : undefined;
  return target !== undefined && ts.isIdentifier(target) && target.text === name;
}
