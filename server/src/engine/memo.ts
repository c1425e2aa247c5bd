import type { DependencyGraph } from './graph/types';
import type { ts } from './ts';

/**
 * What a rule derives from one parsed file, computed once per parsed text: an edit re-parses
 * only the edited file, so every other file's answer is reused by the next analyses.
 */
export function perParsedFile<T>(compute: (sourceFile: ts.SourceFile) => T): (sourceFile: ts.SourceFile) => T {
  const memo = new WeakMap<ts.SourceFile, { readonly value: T }>();
  return (sourceFile) => {
    let entry = memo.get(sourceFile);
    if (!entry) {
      entry = { value: compute(sourceFile) };
      memo.set(sourceFile, entry);
    }
    return entry.value;
  };
}

/**
 * What a rule derives from a whole graph, computed once per analysis: a rule's `perFile`
 * context and its `check` ask for the same workspace-wide facts.
 */
export function perGraph<T>(compute: (graph: DependencyGraph) => T): (graph: DependencyGraph) => T {
  const memo = new WeakMap<DependencyGraph, { readonly value: T }>();
  return (graph) => {
    let entry = memo.get(graph);
    if (!entry) {
      entry = { value: compute(graph) };
      memo.set(graph, entry);
    }
    return entry.value;
  };
}
