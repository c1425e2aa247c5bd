import { ts } from '../ts';
import type { DecoratorFact, StaticValue } from './types';

const MAX_DEPTH = 5;

/** Top-level `const NAME = [...]` of a file, by name: lists a decorator may name instead of spelling them out. */
type LocalLists = ReadonlyMap<string, ts.ArrayLiteralExpression>;

/**
 * Reads a literal-ish expression into plain data; anything dynamic becomes `other`. With `lists`,
 * an identifier naming one of the file's constant lists (or spread from one) reads as its elements.
 */
export function staticValueOf(node: ts.Expression, depth = 0, lists?: LocalLists): StaticValue {
  if (depth > MAX_DEPTH) return { kind: 'other' };
  const list = lists && ts.isIdentifier(node) ? lists.get(node.text) : undefined;
  if (list) return staticValueOf(list, depth + 1, lists);
  const literal = literalValueOf(node);
  if (literal) return literal;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    return staticValueOf(node.expression, depth + 1, lists);
  }
  if (ts.isArrayLiteralExpression(node)) {
    return { kind: 'array', elements: node.elements.flatMap((e) => arrayElementValues(e, depth, lists)) };
  }
  if (ts.isObjectLiteralExpression(node)) return objectValueOf(node, depth, lists);
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

/** A string, number, boolean, name or `name.member`: undefined for anything made of parts. */
function literalValueOf(node: ts.Expression): StaticValue | undefined {
  if (ts.isStringLiteralLike(node)) return { kind: 'string', value: node.text };
  if (ts.isNumericLiteral(node)) return { kind: 'number', value: Number(node.text) };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false };
  if (ts.isIdentifier(node)) return { kind: 'identifier', name: node.text };
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    return { kind: 'identifier', name: node.expression.text, member: node.name.text };
  }
  return undefined;
}

/** An element of an array literal; `...LIST` of one of the file's constant lists is its elements. */
function arrayElementValues(element: ts.Expression, depth: number, lists: LocalLists | undefined): StaticValue[] {
  if (ts.isSpreadElement(element)) {
    const spread = lists && ts.isIdentifier(element.expression) ? lists.get(element.expression.text) : undefined;
    const value = spread ? staticValueOf(spread, depth + 1, lists) : undefined;
    return value?.kind === 'array' ? [...value.elements] : [{ kind: 'other' }];
  }
  return [staticValueOf(element, depth + 1, lists)];
}

function objectValueOf(node: ts.ObjectLiteralExpression, depth: number, lists: LocalLists | undefined): StaticValue {
  const properties: Record<string, StaticValue> = {};
  for (const prop of node.properties) {
    if (ts.isPropertyAssignment(prop)) {
      const key = propertyKey(prop.name);
      if (key !== undefined) properties[key] = staticValueOf(prop.initializer, depth + 1, lists);
    } else if (ts.isShorthandPropertyAssignment(prop)) {
      const list = lists?.get(prop.name.text);
      properties[prop.name.text] = list ? staticValueOf(list, depth + 1, lists) : { kind: 'identifier', name: prop.name.text };
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
    // A Nest module often lists its providers and exports once, in a constant it names twice.
    const lists = name === 'Module' ? localListsOf(sourceFile) : undefined;
    return {
      name,
      args: call ? call.arguments.map((a) => staticValueOf(a, 0, lists)) : [],
      range: { start: d.getStart(sourceFile), end: d.getEnd() },
    };
  });
}

const localLists = new WeakMap<ts.SourceFile, LocalLists>();

function localListsOf(sourceFile: ts.SourceFile): LocalLists {
  let lists = localLists.get(sourceFile);
  if (!lists) {
    const found = new Map<string, ts.ArrayLiteralExpression>();
    for (const statement of sourceFile.statements) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const initializer = declaration.initializer && unwrapped(declaration.initializer);
        if (ts.isIdentifier(declaration.name) && initializer && ts.isArrayLiteralExpression(initializer)) found.set(declaration.name.text, initializer);
      }
    }
    localLists.set(sourceFile, (lists = found));
  }
  return lists;
}

/** The expression under parentheses, `as` and `satisfies`. */
export function unwrapped(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) ? unwrapped(node.expression) : node;
}
