import { ts } from '../ts';
import type { DependencyGraph, FileNode } from '../graph/types';
import { walk } from './syntax';

/** A function-like with a block body: what a callee resolved by name is read for. */
export type FunctionWithBody = ts.FunctionLikeDeclaration & { readonly body: ts.Block };

/** The file's own source and those of the app files it imports or injects: where its callees live. */
export function sourcesReachedFrom(graph: DependencyGraph, node: FileNode): ts.SourceFile[] {
  const sources = [node.sourceFile];
  for (const edge of graph.outgoing(node.file)) {
    const target = edge.external ? undefined : graph.files.get(edge.to);
    if (target && !sources.includes(target.sourceFile)) sources.push(target.sourceFile);
  }
  return sources;
}

/** `send` in `send()`, `telemetry.send()`, `this.telemetry.send()`. */
export function calledName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Methods, function declarations, `name: async function () {}`, `const name = async () => {}` and `exports.name = async () => {}`. */
export function functionsNamed(sourceFile: ts.SourceFile, name: string): readonly FunctionWithBody[] {
  return functionIndex(sourceFile).get(name) ?? [];
}

/** Each parsed file's named functions, indexed once: handlers ask for their callees by the thousand. */
const indexes = new WeakMap<ts.SourceFile, ReadonlyMap<string, FunctionWithBody[]>>();

function functionIndex(sourceFile: ts.SourceFile): ReadonlyMap<string, FunctionWithBody[]> {
  const known = indexes.get(sourceFile);
  if (known) return known;
  const index = new Map<string, FunctionWithBody[]>();
  walk(sourceFile, (n) => {
    const named = namedFunction(n);
    if (named) index.set(named.name, [...(index.get(named.name) ?? []), named.fn]);
    return true;
  });
  indexes.set(sourceFile, index);
  return index;
}

function namedFunction(n: ts.Node): { name: string; fn: FunctionWithBody } | undefined {
  let fn: ts.Node | undefined;
  let name: string | undefined;
  if ((ts.isMethodDeclaration(n) || ts.isFunctionDeclaration(n)) && n.name && ts.isIdentifier(n.name)) [fn, name] = [n, n.name.text];
  else if ((ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n)) && ts.isIdentifier(n.name)) [fn, name] = [n.initializer, n.name.text];
  // `exports.create = async function (…) {…}`, `Topics.create = async (…) => {…}`
  else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) [fn, name] = [n.right, n.left.name.text];
  if (!fn || !name || !(ts.isFunctionLike(fn) && 'body' in fn) || !fn.body || !ts.isBlock(fn.body)) return undefined;
  return { name, fn: fn as FunctionWithBody };
}
