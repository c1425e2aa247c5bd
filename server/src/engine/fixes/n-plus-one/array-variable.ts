import { ts } from '../../ts';

/**
 * The keys are collected with `.map`: a Set, a Map or another iterable declared as such has none.
 * Undeclared or unannotated collections are taken for arrays, as code iterating them nearly always has.
 */
export function mayBeArray(items: ts.Identifier): boolean {
  const declaration = declarationOf(items);
  const type = declaration?.type;
  if (type)
    return (
      ts.isArrayTypeNode(type) ||
      ts.isTupleTypeNode(type) ||
      (ts.isTypeOperatorNode(type) && ts.isArrayTypeNode(type.type)) ||
      (ts.isTypeReferenceNode(type) && ['Array', 'ReadonlyArray'].includes(type.typeName.getText()))
    );
  const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  return !initializer || !ts.isNewExpression(initializer) || initializer.expression.getText() === 'Array';
}

/** The parameter or variable a name refers to, looking through the enclosing scopes. */
function declarationOf(name: ts.Identifier): ts.ParameterDeclaration | ts.VariableDeclaration | undefined {
  for (let scope = name.parent; scope; scope = scope.parent) {
    const params = ts.isFunctionLike(scope) ? scope.parameters : [];
    const statements: readonly ts.Statement[] = ts.isBlock(scope) || ts.isSourceFile(scope) ? scope.statements : [];
    const declarations = [...params, ...statements.filter(ts.isVariableStatement).flatMap((v) => [...v.declarationList.declarations])];
    const found = declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name.text);
    if (found) return found;
  }
  return undefined;
}
