import * as path from 'node:path';
import { areaNameOf } from '../../classify/area-words';
import type { DependencyGraph, FileNode } from '../../graph/types';
import { perFileNodeUnder, perGraph } from '../../memo';
import { namedAsPort } from './ports';

/** Folder names of the rings of ports and adapters: their parent is the root of a set of rings (an app, or a module of one). */
const RING_FOLDERS: ReadonlySet<string> = new Set([
  'domain',
  'application',
  'use-cases',
  'usecases',
  'use-case',
  'usecase',
  'interactors',
  'ports',
  'port',
  'adapters',
  'adapter',
  'infrastructure',
  'infra',
  'persistence',
  'presentation',
  'interface-adapters',
  'frameworks',
]);

/**
 * Whether the file sits in a module whose rings are stacked as layers while other modules of the
 * app keep ports: its folders are named for the rings (`application/`, `infrastructure/`), or it
 * has none beside modules that do (`flatModulesBeside`), but it declares no port and uses none
 * (no interface or abstract class its adapters implement, nothing under `ports/`). Its services
 * take their repositories and clients as they are, the layered stack of classic DDD (application
 * over infrastructure) under the rings' names: the team put ports where it wanted them and none
 * here, so a use of an adapter bypasses none. A module that
 * declares or uses one port follows ports and adapters, and its concrete shortcuts are lapses
 * worth hearing; so does an app with no port at all configured for ports and adapters, which is
 * what the preset is there to guide.
 */
export function inRingsWithoutPorts(graph: DependencyGraph, file: string): boolean {
  const { rootOf, ported } = ringRoots(graph);
  const root = rootOf(file);
  return root !== undefined && ported.size > 0 && !ported.has(root);
}

/**
 * The modules whose rings are stacked as layers, as part of a per-file rule's context: a port
 * added in one module changes the verdicts in every other.
 */
export function stackedRingsKey(graph: DependencyGraph): string {
  const { roots, ported } = ringRoots(graph);
  return ported.size === 0
    ? ''
    : [...roots]
        .filter((root) => !ported.has(root))
        .sort()
        .join('|');
}

const ringRoots = perGraph((graph: DependencyGraph) => {
  const files = [...graph.files.values()].filter((n) => n.exempt === undefined);
  // A folder holding two rings or more (`domain/` and `infrastructure/`) is the root of a set of
  // rings; a feature that happens to be named like one (`modules/application/`) is not.
  const ringsBelow = new Map<string, Set<string>>();
  for (const node of files) {
    const ring = outermostRing(graph.root, node);
    if (ring !== undefined) ringsBelow.set(ring.root, (ringsBelow.get(ring.root) ?? new Set()).add(ring.name));
  }
  const ringed = [...ringsBelow].filter(([, rings]) => rings.size >= 2).map(([root]) => root);
  const roots = new Set([...ringed, ...flatModulesBeside(ringed, files)]);
  const rootOf = (file: string): string | undefined => {
    for (let dir = path.posix.dirname(file); dir !== path.posix.dirname(dir); dir = path.posix.dirname(dir)) if (roots.has(dir)) return dir;
    return undefined;
  };
  const ports = portFiles(graph.root, files);
  const ported = new Set<string>();
  for (const node of files) {
    const root = rootOf(node.file);
    // What the outside does with ports (an adapter implementing one, a module binding one) says
    // nothing of whether the inside takes them: only the inside's own ports and uses count.
    if (root === undefined || ported.has(root) || (node.layer !== undefined && !INSIDE_LAYERS.has(node.layer))) continue;
    const usesPort = graph.outgoing(node.file).some((e) => !e.external && (ports.has(e.to) || (e.typedAs !== undefined && ports.has(e.typedAs))));
    if (ports.has(node.file) || usesPort) ported.add(root);
  }
  return { roots: roots as ReadonlySet<string>, rootOf, ported: ported as ReadonlySet<string> };
});

/**
 * The outermost ring folder of a file's path and the folder holding it (`infrastructure/adapters/`
 * is one ring, not a module). Kept per file node: the editor asks again on every edit.
 */
const outermostRing = perFileNodeUnder((root: string, node: FileNode): { readonly root: string; readonly name: string } | undefined => {
  const relative = path.posix.dirname(path.posix.relative(root, node.file)).split('/');
  const at = relative.findIndex((folder) => RING_FOLDERS.has(areaNameOf(folder)));
  return at < 0 ? undefined : { root: path.posix.join(root, ...relative.slice(0, at)), name: areaNameOf(relative[at]!) };
});

/**
 * Modules without rings among modules with them: the other folders beside two ringed modules
 * or more (`modules/sync/` beside `modules/jobs/{application,infrastructure}/` and
 * `modules/users/{domain,infrastructure}/`), holding one ring folder at most
 * (`sync/presentation/`). Such a module stacks its files as layers as a ringed module without
 * ports does, unless it keeps a port. A folder named like a ring is no module of its own.
 */
function flatModulesBeside(ringed: readonly string[], files: readonly FileNode[]): string[] {
  const ringedPerParent = new Map<string, number>();
  for (const module of ringed) ringedPerParent.set(path.posix.dirname(module), (ringedPerParent.get(path.posix.dirname(module)) ?? 0) + 1);
  const ringedSet = new Set(ringed);
  const flat = new Set<string>();
  for (const node of files) {
    for (const [parent, count] of ringedPerParent) {
      if (count < 2 || !node.file.startsWith(parent + '/')) continue;
      const [child, ...below] = node.file.slice(parent.length + 1).split('/');
      if (child === undefined || below.length === 0 || RING_FOLDERS.has(areaNameOf(child))) continue;
      const module = path.posix.join(parent, child);
      if (!ringedSet.has(module)) flat.add(module);
    }
  }
  return [...flat];
}

/** Layers of the inside of ports and adapters, and the ports and services it may hold. */
const INSIDE_LAYERS: ReadonlySet<string> = new Set(['domain', 'application', 'use-cases', 'entities', 'port', 'service', 'command', 'query']);

/** Layers of the outside that implement ports: adapters and the data layers. */
const IMPLEMENTING_LAYERS: ReadonlySet<string> = new Set(['adapter', 'repository', 'data-access', 'interface-adapters', 'frameworks']);

/**
 * The files declaring ports: named for one (`ports/`, `*.port.ts`, `…Port`), or declaring an
 * interface or abstract class that a class of the outside implements or extends. Contracts the
 * inside implements itself (`IDomainEvent`, an `AggregateRoot` base) are building blocks, no ports.
 */
function portFiles(root: string, files: readonly FileNode[]): ReadonlySet<string> {
  const implementedOutside = new Set<string>();
  for (const node of files) {
    if (node.layer === undefined || !IMPLEMENTING_LAYERS.has(node.layer)) continue;
    for (const cls of node.facts.classes) {
      for (const name of cls.implements) implementedOutside.add(name);
      if (cls.extends !== undefined) implementedOutside.add(cls.extends.name);
    }
  }
  const declaresImplemented = (node: FileNode) =>
    [...node.facts.declarations.keys()].some((name) => implementedOutside.has(name)) && !node.facts.classes.some((c) => c.name !== undefined && !c.abstract && implementedOutside.has(c.name));
  return new Set(files.filter((n) => namedAsPort(root, n) || declaresImplemented(n)).map((n) => n.file));
}
