import type { ParamFact } from '../../facts/types';
import type { FileNode } from '../../graph/types';
import type { ts } from '../../ts';

export function constructorParam(node: FileNode, at: ts.Node, name: string): ParamFact | undefined {
  const position = at.getStart();
  const owner = node.facts.classes.find((c) => c.range.start <= position && position < c.range.end);
  return owner?.constructorParams.find((p) => p.name === name);
}
