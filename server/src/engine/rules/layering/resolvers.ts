import type { DependencyGraph, Edge, FileNode } from '../../graph/types';
import { perParsedFile } from '../../memo';
import { ts } from '../../ts';
import { walk } from '../syntax';

/**
 * A resolver: a file of the inside that takes an implementation of one of the app's ports
 * (`QwenLlm implements LlmPort`), names that port, and hands an implementation out behind it (a
 * method others call returns the port: `forTenant(id): Promise<LlmPort>`). Which implementation
 * serves is wiring, as in a factory. A service that keeps the implementations to call them itself
 * (its methods others call return what it computes, the port at most privately) uses them.
 */
export function handsOutBehindPort(graph: DependencyGraph, node: FileNode, edge: Edge): boolean {
  const namedHere = new Set(
    graph
      .outgoing(node.file)
      .filter((e) => !e.external && e.kind !== 'di' && e.kind !== 'instantiation')
      .flatMap((e) => e.names),
  );
  const returned = returnedTypeNames(node.sourceFile);
  const implemented = (graph.files.get(edge.to)?.facts.classes ?? []).flatMap((c) => c.implements);
  return implemented.some((port) => namedHere.has(port) && returned.has(port));
}

/** The type names in the declared return types of the methods and accessors others may call. */
const returnedTypeNames = perParsedFile((sourceFile: ts.SourceFile): ReadonlySet<string> => {
  const names = new Set<string>();
  walk(sourceFile, (node) => {
    if (!(ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node)) || node.type === undefined) return;
    if (ts.isPrivateIdentifier(node.name) || ts.getCombinedModifierFlags(node) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return;
    walk(node.type, (part) => {
      if (ts.isIdentifier(part)) names.add(part.text);
    });
  });
  return names;
});
