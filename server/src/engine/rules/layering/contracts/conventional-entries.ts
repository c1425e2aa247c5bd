import type { DependencyGraph, Edge } from '../../../graph/types';

/** Layers whose files hold data access or persisted data: never a module's way in, whatever they are called. */
const DATA_LAYERS: ReadonlySet<string> = new Set(['repository', 'model']);

/** A name several modules share before it can be a convention rather than one module's habit. */
const MIN_MODULES_WITH_NAME = 3;

/** What the cross-module imports of one file name (`contract.ts`) look like. */
interface NameUse {
  readonly modulesWithName: Set<string>;
  readonly targets: Set<string>;
  readonly importers: Set<string>;
  imports: number;
}

/** How a conventional entry is looked for: which module a file is in, where it sits inside it, and whether a path is public already. */
export interface ModuleLayout {
  moduleOf(file: string): string | undefined;
  inModule(module: string, file: string): string;
  isPublicPath(module: string, file: string): boolean;
}

/**
 * File names at the top of the modules that the team uses as their way in (`contract.ts` in
 * billing, worktime and preferences, which the other modules import and nothing else): a
 * convention as telling as `index.ts`. A name counts when at least three modules carry it at
 * their top, other modules import it in at least two of them from at least two modules, and it
 * takes most of the imports that reach those modules past their declared entries. Files holding
 * data access or entities never count.
 */
export function conventionalEntryNames(graph: DependencyGraph, layout: ModuleLayout, importEdges: readonly Edge[]): ReadonlySet<string> {
  const uses = namesAtModuleTops(graph, layout);
  const deepImportsInto = new Map<string, number>();
  for (const edge of importEdges) {
    const named = edge.via ?? edge.to;
    const to = layout.moduleOf(named);
    const from = layout.moduleOf(edge.from);
    if (to === undefined || from === undefined || to === from || layout.isPublicPath(to, named)) continue;
    deepImportsInto.set(to, (deepImportsInto.get(to) ?? 0) + 1);
    const use = uses.get(layout.inModule(to, named));
    if (!use?.modulesWithName.has(to)) continue;
    use.targets.add(to);
    use.importers.add(from);
    use.imports++;
  }
  const names = new Set<string>();
  for (const [name, use] of uses) if (isConvention(use, deepImportsInto)) names.add(name);
  return names;
}

/** Each name of a file at a module's top (not a declared entry, not data access), with the modules that carry it. */
function namesAtModuleTops(graph: DependencyGraph, layout: ModuleLayout): Map<string, NameUse> {
  const uses = new Map<string, NameUse>();
  for (const node of graph.files.values()) {
    const module = layout.moduleOf(node.file);
    if (module === undefined || DATA_LAYERS.has(node.layer ?? '')) continue;
    const place = layout.inModule(module, node.file);
    if (place.includes('/') || layout.isPublicPath(module, node.file)) continue;
    let use = uses.get(place);
    if (!use) uses.set(place, (use = { modulesWithName: new Set(), targets: new Set(), importers: new Set(), imports: 0 }));
    use.modulesWithName.add(module);
  }
  return uses;
}

/** Carried by enough modules, imported in several of them from several others, and taking most of the deep imports into them. */
function isConvention(use: NameUse, deepImportsInto: ReadonlyMap<string, number>): boolean {
  if (use.modulesWithName.size < MIN_MODULES_WITH_NAME || use.targets.size < 2 || use.importers.size < 2) return false;
  const deepImports = [...use.targets].reduce((sum, module) => sum + (deepImportsInto.get(module) ?? 0), 0);
  return use.imports * 2 > deepImports;
}
