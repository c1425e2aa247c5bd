import { ts } from '../../ts';

export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return current;
  return undefined;
}

export function isAsync(fn: ts.Node | undefined): boolean {
  return !!fn && ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

export function isPromiseAllArgument(call: ts.CallExpression): boolean {
  const parent = call.parent;
  return ts.isCallExpression(parent) && parent.arguments.length === 1 && parent.expression.getText() === 'Promise.all';
}
