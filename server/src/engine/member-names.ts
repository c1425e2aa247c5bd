import { ts } from './ts';

/**
 * `x.name`, `{ name: 1 }`, `name() {}`, `name: string` in a type: a member's name, which no
 * variable can clash with and which refers to no variable. Shared by the facts (whether a local is
 * used) and the rules and fixes (whether a name is free).
 */
export function isMemberName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p)) return p.name === id;
  if (ts.isQualifiedName(p)) return p.right === id;
  const named =
    ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p);
  return named && p.name === id;
}
