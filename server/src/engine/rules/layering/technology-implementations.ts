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
  for (const { declaredIn, files } of portImplementations(graph).values()) {
    const dirs = files.map((f) => path.posix.dirname(f));
    if (new Set(dirs).size < 2) continue;
    const shared = dirs.reduce(commonFolder);
    for (const file of files) {
      const folder = graph.files.get(file)?.candidates.some((c) => c.area) === true ? undefined : technologyFolder(file, shared);
      // A port declared inside the technology's folder is that technology's own.
      if (folder !== undefined && !declaredIn.startsWith(`${folder}/`)) addTo(folders, file, folder);
    }
  }
  return { folders: folders as ReadonlyMap<string, readonly string[]> };
});

/** A port of the app (an interface another file declares) and the files implementing it. */
interface PortImplementations {
  readonly declaredIn: string;
  readonly files: string[];
}

/** The files implementing each port of the app, by `file#Name`, tests and other exempt files aside. */
function portImplementations(graph: DependencyGraph): Map<string, PortImplementations> {
  const byPort = new Map<string, PortImplementations>();
  for (const node of graph.files.values()) {
    if (node.exempt !== undefined) continue;
    for (const [key, declaredIn] of portsImplementedBy(graph, node)) {
      const known = byPort.get(key);
      if (known) known.files.push(node.file);
      else byPort.set(key, { declaredIn, files: [node.file] });
    }
  }
  return byPort;
}

/** Each interface of the app a class of the file implements, `file#Name` → its file (names from packages are frameworks' hooks, not ports). */
function portsImplementedBy(graph: DependencyGraph, node: FileNode): Map<string, string> {
  const ports = new Map<string, string>();
  const names = node.facts.classes.flatMap((c) => c.implements);
  if (names.length === 0) return ports;
  const edges = graph.outgoing(node.file);
  for (const name of names) {
    const from = edges.find((e) => !e.external && e.names.includes(name));
    if (from) ports.set(`${from.to}#${name}`, from.to);
  }
  return ports;
}

/** The child of the folder every implementation shares (`shared`) that holds `file`, when `file` is not directly in it. */
function technologyFolder(file: string, shared: string): string | undefined {
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
