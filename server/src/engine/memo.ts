import type { DependencyGraph, FileNode } from './graph/types';
import type { ts } from './ts';

/**
 * What a rule derives from one parsed file, computed once per parsed text: an edit re-parses
 * only the edited file, so every other file's answer is reused by the next analyses.
 */
export function perParsedFile<T>(compute: (sourceFile: ts.SourceFile) => T): (sourceFile: ts.SourceFile) => T {
  return perObject(compute);
}

/**
 * What a rule derives from a whole graph, computed once per analysis: a rule's `perFile`
 * context and its `check` ask for the same workspace-wide facts.
 */
export function perGraph<T>(compute: (graph: DependencyGraph) => T): (graph: DependencyGraph) => T {
  return perObject(compute);
}

/**
 * What a rule derives from one file node (its text, its path, its layer), computed once per node:
 * an edit rebuilds only the nodes of the files it changed, so a workspace-wide pass asked on every
 * edit reads each other file once per session, not once per keystroke.
 */
export function perFileNode<T>(compute: (node: FileNode) => T): (node: FileNode) => T {
  return perObject(compute);
}

/** `perFileNode` for what a node's path says relative to the root it is read under. */
export function perFileNodeUnder<T>(compute: (root: string, node: FileNode) => T): (root: string, node: FileNode) => T {
  const memo = new WeakMap<FileNode, { readonly root: string; readonly value: T }>();
  return (root, node) => {
    const known = memo.get(node);
    if (known !== undefined && known.root === root) return known.value;
    const value = compute(root, node);
    memo.set(node, { root, value });
    return value;
  };
}

/** `compute` once per object, kept as long as the object lives. */
function perObject<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const memo = new WeakMap<K, { readonly value: T }>();
  return (key) => {
    let entry = memo.get(key);
    if (!entry) {
      entry = { value: compute(key) };
      memo.set(key, entry);
    }
    return entry.value;
  };
}
