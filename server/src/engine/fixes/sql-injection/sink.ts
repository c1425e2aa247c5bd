import { ts } from '../../ts';
import { enclosing, walk } from '../../rules/syntax';

// Stage 1 of the parameterize fix: the call that runs the SQL, what its receiver is, and the refusal when no fix is certain.

export type SinkCall = ts.CallExpression & { readonly expression: ts.PropertyAccessExpression };

/** The rule reports the SQL argument: its call, when the argument is the call's first. */
export function sinkCall(target: ts.Node): SinkCall | undefined {
  const call = target.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== target || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  return call as SinkCall;
}

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

/** Thrown where parameterizing could change what the query means: the fix is not offered. */
export class NotParameterizable extends Error {}

export function ensure(condition: boolean, why: string): asserts condition {
  if (!condition) throw new NotParameterizable(why);
}
