import { enclosing } from '../../rules/syntax';
import { ts } from '../../ts';
import { declarationInScope } from './scope-declarations';

/**
 * The imported name the receiver comes from: the type of `this.pool` or of a parameter, the
 * class of `new Pool()`, the module of `mysql.createPool()`, or the receiver itself.
 */
export function originName(receiver: ts.Expression, call: ts.Node): string | undefined {
  let base = skipWrappers(receiver);
  while (ts.isPropertyAccessExpression(base) && base.expression.kind !== ts.SyntaxKind.ThisKeyword) base = skipWrappers(base.expression);
  if (ts.isPropertyAccessExpression(base)) return memberOrigin(base.name.text, call);
  if (!ts.isIdentifier(base)) return undefined;
  const declaration = declarationInScope(base.text, call);
  return declaration ? declaredOrigin(declaration) : base.text;
}

function skipWrappers(expr: ts.Expression): ts.Expression {
  let current = expr;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAwaitExpression(current)) current = current.expression;
  return current;
}

function memberOrigin(name: string, call: ts.Node): string | undefined {
  const owner = enclosing(call, ts.isClassLike);
  for (const member of owner?.members ?? []) {
    if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name) return declaredOrigin(member);
    if (!ts.isConstructorDeclaration(member)) continue;
    const parameter = member.parameters.find((p) => ts.isParameterPropertyDeclaration(p, member) && ts.isIdentifier(p.name) && p.name.text === name);
    if (parameter) return declaredOrigin(parameter);
  }
  return undefined;
}

function declaredOrigin(declaration: { readonly type?: ts.TypeNode | undefined; readonly initializer?: ts.Expression | undefined }): string | undefined {
  const { type, initializer } = declaration;
  if (type) return ts.isTypeReferenceNode(type) ? entityRoot(type.typeName) : undefined;
  const created = initializer ? skipWrappers(initializer) : undefined;
  return created && (ts.isNewExpression(created) || ts.isCallExpression(created)) ? expressionRoot(created.expression) : undefined;
}

function entityRoot(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : entityRoot(name.left);
}

function expressionRoot(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  return ts.isPropertyAccessExpression(expr) ? expressionRoot(expr.expression) : undefined;
}
