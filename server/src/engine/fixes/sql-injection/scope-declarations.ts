import { enclosing, walk } from '../../rules/syntax';
import { ts } from '../../ts';

type Scope = ts.SignatureDeclaration | ts.SourceFile;
export const isScope = (n: ts.Node): n is Scope => ts.isFunctionLike(n) || ts.isSourceFile(n);

export function declarationInScope(name: string, from: ts.Node): ts.ParameterDeclaration | ts.VariableDeclaration | undefined {
  for (let scope = enclosing(from, isScope); scope; scope = enclosing(scope, isScope)) {
    const parameter = ts.isSourceFile(scope) ? undefined : scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
    const found = parameter ?? variableIn(scope, name);
    if (found) return found;
  }
  return undefined;
}

function variableIn(scope: ts.Node, name: string): ts.VariableDeclaration | undefined {
  let found: ts.VariableDeclaration | undefined;
  walk(scope, (n) => {
    if (found) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) found = n;
    return undefined;
  });
  return found;
}
