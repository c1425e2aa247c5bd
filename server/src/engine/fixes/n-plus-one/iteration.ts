import { isLoop } from '../../rules/syntax';
import { ts } from '../../ts';

// Stage 1 of the N+1 fix: the loop or per-element callback the lookup repeats in, and where code may go before it.

// Where the query repeats

/** The collection a query repeats over: a for-of loop or a map/forEach callback over an array variable. */
export interface Iteration {
  /** The statement the batched load goes before. */
  readonly anchor: ts.Statement;
  readonly items: ts.Identifier;
  /** How the element is bound, reused by the callback that collects the keys: `order`, `{ userId }`. */
  readonly element: ts.BindingName;
  readonly elementText: string;
  /** Names the element binds: what a key may be made of. */
  readonly bound: ReadonlySet<string>;
  /** The code that runs once per element. */
  readonly body: ts.Node;
}

export function iterationOf(call: ts.CallExpression): Iteration | undefined {
  for (let current: ts.Node = call; current.parent; current = current.parent) {
    const parent = current.parent;
    if (isLoop(parent) && parent.statement === current) return ts.isForOfStatement(parent) ? forOfIteration(parent) : undefined;
    // A function expression has its own `this`: moving `this.repo…` out of it would change what it means.
    if (ts.isArrowFunction(parent)) return callbackIteration(parent);
    if (ts.isFunctionLike(parent)) return undefined;
  }
  return undefined;
}

/** `for (const order of orders)`: a const binding over an array held in a variable. */
function forOfIteration(loop: ts.ForOfStatement): Iteration | undefined {
  const list = loop.initializer;
  if (loop.awaitModifier || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const [declaration] = list.declarations;
  if (!declaration || list.declarations.length !== 1 || !ts.isIdentifier(loop.expression)) return undefined;
  const bound = boundNames(declaration.name);
  const anchor = anchorOf(loop);
  if (!bound || !anchor || !mayBeArray(loop.expression)) return undefined;
  return { anchor, items: loop.expression, element: declaration.name, elementText: declaration.name.getText(), bound, body: loop.statement };
}

/** `orders.map(async (order) => …)` / `orders.forEach(…)`, in an async function the load can await in. */
function callbackIteration(fn: ts.ArrowFunction): Iteration | undefined {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const items = call.expression.expression;
  const [param] = fn.parameters;
  if (!ts.isIdentifier(items) || !['map', 'forEach'].includes(call.expression.name.text) || !param || param.dotDotDotToken || param.initializer) return undefined;
  const bound = boundNames(param.name);
  const anchor = statementOf(call);
  if (!bound || !anchor || !isAsync(enclosingFunction(anchor)) || !mayBeArray(items)) return undefined;
  // Without async, the callback hands back the query's promise: only Promise.all is sure to accept a plain value instead.
  if (!isAsync(fn) && !isPromiseAllArgument(call)) return undefined;
  return { anchor, items, element: param.name, elementText: param.getText(), bound, body: fn.body };
}

/** Names a binding introduces, when it is plain: `order`, `{ userId, total }` (no defaults, no computed keys). */
function boundNames(name: ts.BindingName): Set<string> | undefined {
  if (ts.isIdentifier(name)) return new Set([name.text]);
  if (!ts.isObjectBindingPattern(name)) return undefined;
  const names = new Set<string>();
  for (const element of name.elements) {
    const computed = element.propertyName && !ts.isIdentifier(element.propertyName);
    if (computed || element.initializer || element.dotDotDotToken || !ts.isIdentifier(element.name)) return undefined;
    names.add(element.name.text);
  }
  return names;
}

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

/** The statement a loop is (its label included), when it stands in a list of statements new ones can join. */
export function anchorOf(statement: ts.Statement): ts.Statement | undefined {
  const anchor = ts.isLabeledStatement(statement.parent) ? statement.parent : statement;
  const parent = anchor.parent;
  return ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent) ? anchor : undefined;
}

export function statementOf(node: ts.Node): ts.Statement | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return undefined;
    if (ts.isStatement(current)) return anchorOf(current);
  }
  return undefined;
}
