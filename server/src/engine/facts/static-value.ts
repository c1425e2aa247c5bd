import { ts } from '../ts';
import type { DecoratorFact, StaticValue } from './types';

const MAX_DEPTH = 5;

/** Reads a literal-ish expression into plain data; anything dynamic becomes `other`. */
export function staticValueOf(node: ts.Expression, depth = 0): StaticValue {
  if (depth > MAX_DEPTH) return { kind: 'other' };
  if (ts.isStringLiteralLike(node)) return { kind: 'string', value: node.text };
  if (ts.isNumericLiteral(node)) return { kind: 'number', value: Number(node.text) };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false };
  if (ts.isIdentifier(node)) return { kind: 'identifier', name: node.text };
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    return { kind: 'identifier', name: node.expression.text, member: node.name.text };
  }
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    return staticValueOf(node.expression, depth + 1);
  }
  if (ts.isArrayLiteralExpression(node)) {
    return { kind: 'array', elements: node.elements.map((e) => staticValueOf(e, depth + 1)) };
  }
  if (ts.isObjectLiteralExpression(node)) return objectValueOf(node, depth);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return arrowValueOf(node, depth);
  if (ts.isCallExpression(node)) {
    return {
      kind: 'call',
      callee: calleeName(node.expression),
      args: node.arguments.map((a) => staticValueOf(a, depth + 1)),
    };
  }
  return { kind: 'other' };
}

function objectValueOf(node: ts.ObjectLiteralExpression, depth: number): StaticValue {
  const properties: Record<string, StaticValue> = {};
  for (const prop of node.properties) {
    if (ts.isPropertyAssignment(prop)) {
      const key = propertyKey(prop.name);
      if (key !== undefined) properties[key] = staticValueOf(prop.initializer, depth + 1);
    } else if (ts.isShorthandPropertyAssignment(prop)) {
      properties[prop.name.text] = { kind: 'identifier', name: prop.name.text };
    }
  }
  return { kind: 'object', properties };
}

function arrowValueOf(node: ts.ArrowFunction | ts.FunctionExpression, depth: number): StaticValue {
  const body = node.body;
  if (ts.isBlock(body)) {
    const returned = body.statements.find(ts.isReturnStatement)?.expression;
    return returned ? { kind: 'arrow', returns: staticValueOf(returned, depth + 1) } : { kind: 'arrow' };
  }
  return { kind: 'arrow', returns: staticValueOf(body, depth + 1) };
}

export function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** `a.b.c` -> `a.b.c`, `foo` -> `foo`, anything else -> empty. */
export function calleeName(expr: ts.Expression): string {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) {
    const left = calleeName(expr.expression);
    return left ? `${left}.${expr.name.text}` : expr.name.text;
  }
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return '';
}

export function decoratorsOf(node: ts.Node, sourceFile: ts.SourceFile): DecoratorFact[] {
  if (!ts.canHaveDecorators(node)) return [];
  const decorators = ts.getDecorators(node) ?? [];
  return decorators.map((d) => {
    const expr = d.expression;
    const call = ts.isCallExpression(expr) ? expr : undefined;
    const callee = call ? call.expression : expr;
    const full = calleeName(callee);
    const name = full.slice(full.lastIndexOf('.') + 1);
    return {
      name,
      args: call ? call.arguments.map((a) => staticValueOf(a)) : [],
      range: { start: d.getStart(sourceFile), end: d.getEnd() },
    };
  });
}
