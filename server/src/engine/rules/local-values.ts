import { ts } from '../ts';
import { walk } from './syntax';

/**
 * Where a name comes from: within the functions around it (`declarationOf`, `localInitializer`),
 * or at the top of the module (`moduleInitializer`). What several rules follow back.
 */

/** The declaration of a name in the enclosing functions (a parameter or a variable declared before it). */
export function declarationOf(name: ts.Identifier): ts.ParameterDeclaration | ts.VariableDeclaration | undefined {
  for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
    if (!ts.isFunctionLike(scope)) continue;
    const parameter = scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name.text);
    if (parameter) return parameter;
    const variable = variableIn(scope, name);
    if (variable) return variable;
  }
  return undefined;
}

function variableIn(scope: ts.Node, name: ts.Identifier): ts.VariableDeclaration | undefined {
  let found: ts.VariableDeclaration | undefined;
  walk(scope, (n) => {
    if (found || (n !== scope && ts.isFunctionLike(n))) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name.text && n.getEnd() <= name.getStart()) found = n;
    return !found;
  });
  return found;
}

/** `const x = …` in the same function, before the use. */
export function localInitializer(name: ts.Identifier): ts.Expression | undefined {
  const declaration = declarationOf(name);
  return declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
}

/**
 * `const x = …` at the top of the module (any function's locals left out): where a router or a
 * registry built once at load time is declared.
 */
export function moduleInitializer(name: ts.Identifier): ts.Expression | undefined {
  for (const statement of name.getSourceFile().statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name.text);
    if (declaration) return declaration.initializer;
  }
  return undefined;
}
