import type { DependencyGraph, Edge, FileNode } from '../../../graph/types';
import { addTo } from '../../../multimap';

/** How the public-api contract sees a graph's modules: what it asks to tell which of them declare an API. */
export interface ModuleApiReader {
  /** The module of a file's folder. */
  moduleOf(file: string): string | undefined;
  /** The module a file works for (a controller another module's Nest `@Module` registers is that module's). */
  ownerOf(file: string): string | undefined;
  /** Whether a file is one of its module's entry files (`index.ts`, `public.ts`, a Nest module). */
  isEntry(module: string, file: string): boolean;
  /** Whether an import enters the module by a way in the team declared (an entry, a Nest module or export, a package's entry), conventions the contract infers aside. */
  entersByDeclaredApi(edge: Edge, to: string, named: string): boolean;
  /** Whether the file declares a Nest `@Module`: Nest keeps private whatever it does not export, so it declares an API, even an empty one. */
  declaresNestModule(node: FileNode): boolean;
}

/**
 * Modules that declare no API for the other modules to keep to: they hold no Nest module, no other
 * module enters them by a declared way in, and what their entry files hand
 * out, if they have any, the app's composition root alone takes (the router `app.ts` mounts).
 * Such a module's entry mounts it in the app; it offers the other modules nothing, so which of its
 * files are its insides would be the contract's guess (a team calling `orders/service.ts` from
 * three modules calls `products/products.service.ts` the same way): the contract says nothing
 * about them. The imports are module syntax between the app's own files.
 */
export function modulesWithoutApi(graph: DependencyGraph, reader: ModuleApiReader, imports: readonly Edge[]): ReadonlySet<string> {
  const modules = new Set<string>();
  const declared = new Set<string>();
  for (const node of graph.files.values()) {
    const module = reader.moduleOf(node.file);
    if (module === undefined) continue;
    modules.add(module);
    if (reader.declaresNestModule(node)) declared.add(module);
  }
  const takenByRoot = readImports(reader, imports, declared);
  for (const node of graph.files.values()) {
    const module = reader.moduleOf(node.file);
    if (module !== undefined && !declared.has(module) && reader.isEntry(module, node.file) && handsOutMoreThan(graph, node, takenByRoot.get(node.file) ?? [])) declared.add(module);
  }
  return new Set([...modules].filter((module) => !declared.has(module)));
}

/**
 * Adds to `declared` the modules another module enters by a declared way in, and returns, per file
 * of a module, the names the composition root (files of no module) takes from it.
 */
function readImports(reader: ModuleApiReader, imports: readonly Edge[], declared: Set<string>): Map<string, string[]> {
  const takenByRoot = new Map<string, string[]>();
  for (const edge of imports) {
    const named = edge.via ?? edge.to;
    const to = reader.ownerOf(named);
    if (to === undefined) continue;
    const from = reader.ownerOf(edge.from);
    if (from !== undefined) {
      if (from !== to && reader.entersByDeclaredApi(edge, to, named)) declared.add(to);
      continue;
    }
    // Through a barrel, the names are taken from the barrel and from the file declaring them.
    const names = edge.names.length > 0 ? edge.names : [ALL];
    for (const file of new Set([named, edge.to])) for (const name of names) addTo(takenByRoot, file, name);
  }
  return takenByRoot;
}

/** Every name of a file: an import of it for its effects, or of all it exports (`require`, `import * as`). */
const ALL = '*';

/** Whether an entry hands out a name beyond `taken`: its exports, and what it re-exports (all of a file, for `export *`). */
function handsOutMoreThan(graph: DependencyGraph, entry: FileNode, taken: readonly string[]): boolean {
  if (taken.includes(ALL)) return false;
  const handed = [...entry.facts.localExports.keys()];
  for (const edge of graph.outgoing(entry.file)) {
    if (edge.kind !== 're-export') continue;
    if (edge.names.length === 0) return true;
    handed.push(...edge.names);
  }
  return handed.some((name) => !taken.includes(name));
}
