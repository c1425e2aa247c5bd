import * as path from 'node:path';
import type { DependencyGraph, FileNode } from '../../graph/types';
import { perGraph } from '../../memo';
import { addTo } from '../../multimap';

/**
 * One port, one implementation per technology: `athena/services/athena-report-reader.ts` and
 * `bigquery/services/bigquery-report-reader.ts` both `implements ReportReader`, declared outside
 * either. Each implementation is the port's adapter for its technology, whatever its folder calls
 * it, and what it uses from its own technology's folder (the API client it talks through) is its
 * means, not a shortcut past a port.
 *
 * Returns the folders (absolute) a file implements a port for: the child of the folder all the
 * port's implementations share that holds this one. A port with one implementation (a use case's
 * interface and its service) gives none: only the several technologies side by side show it. Nor
 * does a file in an area of the architecture (`users/application/…` and `orders/application/…`
 * both implementing a generic `UseCase`): there the rings say what it is.
 */
export function technologyFoldersOf(graph: DependencyGraph, file: string): readonly string[] {
  return implementationsByPort(graph).folders.get(file) ?? [];
}

/** Every file's technology folders, as text: what a file's verdict reads of other files' implementations (see the rule's `perFile`). */
export function technologyFoldersKey(graph: DependencyGraph): string {
  return [...implementationsByPort(graph).folders]
    .map(([file, folders]) => `${file}>${folders.join(',')}`)
    .sort()
    .join('|');
}

const implementationsByPort = perGraph((graph: DependencyGraph) => {
  const folders = new Map<string, string[]>();
  for (const [port, implementations] of portImplementations(graph)) {
    if (new Set(implementations.map((f) => path.posix.dirname(f))).size < 2) continue;
    const declaredIn = port.slice(0, port.lastIndexOf('#'));
    for (const file of implementations) {
      const folder = graph.files.get(file)?.candidates.some((c) => c.area) === true ? undefined : technologyFolder(file, implementations);
      // A port declared inside the technology's folder is that technology's own.
      if (folder !== undefined && !declaredIn.startsWith(`${folder}/`)) addTo(folders, file, folder);
    }
  }
  return { folders: folders as ReadonlyMap<string, readonly string[]> };
});

/** The files implementing each port of the app (`file#Name`), tests and other exempt files aside. */
function portImplementations(graph: DependencyGraph): Map<string, string[]> {
  const byPort = new Map<string, string[]>();
  for (const node of graph.files.values()) {
    if (node.exempt !== undefined) continue;
    for (const port of new Set(portsImplementedBy(graph, node))) addTo(byPort, port, node.file);
  }
  return byPort;
}

/** `file#Name` of each interface of the app a class of the file implements (names from packages are frameworks' hooks, not ports). */
function portsImplementedBy(graph: DependencyGraph, node: FileNode): string[] {
  const names = node.facts.classes.flatMap((c) => c.implements);
  if (names.length === 0) return [];
  const edges = graph.outgoing(node.file);
  return names.flatMap((name) => {
    const from = edges.find((e) => !e.external && e.names.includes(name));
    return from ? [`${from.to}#${name}`] : [];
  });
}

/** The child of the folder every implementation shares that holds `file`, when `file` is not directly in that shared folder. */
function technologyFolder(file: string, implementations: readonly string[]): string | undefined {
  const shared = implementations.map((f) => path.posix.dirname(f)).reduce(commonFolder);
  const below = path.posix.relative(shared, path.posix.dirname(file));
  if (below === '' || below.startsWith('..')) return undefined;
  return path.posix.join(shared, below.split('/')[0] ?? '');
}

function commonFolder(a: string, b: string): string {
  const left = a.split('/');
  const right = b.split('/');
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  return left.slice(0, i).join('/');
}
