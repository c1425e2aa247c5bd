import { ts } from '../../ts';

// Where the result goes

/** The expression the lookup's result is, what takes its place, and the const holding it. */
export interface Use {
  readonly replaced: ts.Node;
  readonly replacement: (value: string) => string;
  /** The const the result is kept in: the names follow it, and it must not change. */
  readonly holder?: string;
  /** The property the result is stored under, for the names. */
  readonly label?: string;
}

/** Places a value can go without parentheses, the result of `??` included. */
function isPlainValuePosition(expression: ts.Expression): boolean {
  const parent = expression.parent;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return !!parent.arguments?.includes(expression);
  if (ts.isPropertyAssignment(parent)) return parent.initializer === expression;
  if (ts.isArrowFunction(parent)) return parent.body === expression;
  return ts.isArrayLiteralExpression(parent) || ts.isReturnStatement(parent) || ts.isParenthesizedExpression(parent);
}

export function useOf(call: ts.CallExpression, rows: boolean): Use | undefined {
  if (rows) return firstRowUse(call);
  // An arrow's returned query: its value is what the callback returns (Promise.all or async take a plain value alike).
  if (ts.isArrowFunction(call.parent) && call.parent.body === call) return { replaced: call, replacement: (value) => value };
  return ts.isAwaitExpression(call.parent) ? valueUse(call.parent) : undefined;
}

/** `const user = <value>;`, or the value passed, returned or stored as is. */
function valueUse(value: ts.Expression): Use | undefined {
  const parent = value.parent;
  const replacement = (text: string): string => text;
  if (ts.isVariableDeclaration(parent)) {
    const constant = ts.isVariableDeclarationList(parent.parent) && !!(parent.parent.flags & ts.NodeFlags.Const);
    return constant && ts.isIdentifier(parent.name) && parent.initializer === value ? { replaced: value, replacement, holder: parent.name.text } : undefined;
  }
  if (!isPlainValuePosition(value)) return undefined;
  const label = ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  return { replaced: value, replacement, ...(label ? { label } : {}) };
}

/** pg: `(await pool.query(…)).rows[0]`, or `const { rows: [user] } = await pool.query(…)`. */
function firstRowUse(call: ts.CallExpression): Use | undefined {
  const awaited = call.parent;
  if (!ts.isAwaitExpression(awaited)) return undefined;
  if (ts.isVariableDeclaration(awaited.parent)) return destructuredRowUse(awaited.parent);
  const rows = ts.isParenthesizedExpression(awaited.parent) ? awaited.parent.parent : undefined;
  const first = rows?.parent;
  if (!rows || !ts.isPropertyAccessExpression(rows) || rows.name.text !== 'rows' || !first || !ts.isElementAccessExpression(first)) return undefined;
  if (first.argumentExpression.getText() !== '0') return undefined;
  return valueUse(first);
}

function destructuredRowUse(declaration: ts.VariableDeclaration): Use | undefined {
  const pattern = declaration.name;
  const list = declaration.parent;
  if (!ts.isObjectBindingPattern(pattern) || pattern.elements.length !== 1 || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const rows = pattern.elements[0]!;
  const first = ts.isArrayBindingPattern(rows.name) && rows.name.elements.length === 1 ? rows.name.elements[0] : undefined;
  const plain = rows.propertyName?.getText() === 'rows' && !rows.initializer && first && ts.isBindingElement(first) && !first.initializer && !first.dotDotDotToken;
  if (!plain || !ts.isIdentifier(first.name)) return undefined;
  const holder = first.name.text;
  return { replaced: declaration, replacement: (value) => `${holder} = ${value}`, holder };
}
