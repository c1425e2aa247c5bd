import type { DependencyGraph, FileNode } from '../../graph/types';
import { ts } from '../../ts';
import { constructorParam } from './constructor-param';

/** The repository class a `this.x` constructor parameter injects, when its file is in the workspace. */
export function injectedClass(graph: DependencyGraph, node: FileNode, receiver: ts.PropertyAccessExpression): { file: FileNode; declaration: ts.ClassDeclaration } | undefined {
  const param = constructorParam(node, receiver, receiver.name.text);
  const edge = param && graph.outgoing(node.file).find((e) => e.kind === 'di' && e.range.start === param.range.start && !e.external);
  const file = edge && graph.files.get(edge.to);
  const declaration = file?.sourceFile.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === param?.typeName);
  return file && declaration ? { file, declaration } : undefined;
}
