import type { FileFacts } from '../facts/types';
import type { DependencyGraph, FileNode } from '../graph/types';

/**
 * What a file knows statically about a name it uses (a constant's value, a list's size): from its
 * own declarations, or from the file its import of that name resolves to.
 */
export function declaredValue<T>(graph: DependencyGraph, node: FileNode, name: string, member: string | undefined, read: (facts: FileFacts, key: string) => T | undefined): T | undefined {
  const own = read(node.facts, member ? `${name}.${member}` : name);
  if (own !== undefined) return own;
  const binding = node.facts.moduleRefs.flatMap((r) => r.bindings).find((b) => b.local === name);
  if (!binding) return undefined;
  const key = member ? `${binding.imported}.${member}` : binding.imported;
  for (const edge of graph.outgoing(node.file)) {
    if (edge.external || !edge.names.includes(binding.imported)) continue;
    const target = graph.files.get(edge.to);
    const found = target ? read(target.facts, key) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}
