import * as path from 'node:path';
import { sortsOneKind } from '../classify/layers';
import type { DependencyGraph, FileNode } from '../graph/types';
import { ENTRY_FILES, moduleExports, publicApis, publicFileMatcher } from '../rules/layering/contracts/public-api';
import { isSharedKernel } from '../rules/layering/contracts/selectors';

/** Folder names that say which architecture a codebase follows, counted by the files below them. */
export const AREA_WORDS = [
  'domain',
  'application',
  'use-cases',
  'usecases',
  'interactors',
  'ports',
  'adapters',
  'infrastructure',
  'infra',
  'persistence',
  'presentation',
  'entities',
  'interface-adapters',
  'presenters',
  'gateways',
  'frameworks',
  'drivers',
] as const;

export type AreaWord = (typeof AREA_WORDS)[number];

/**
 * Parent folders of feature modules: `src/modules/orders/`, `src/contexts/billing/`, and a
 * workspace's libraries (`libs/billing/`, `packages/`, `internal-packages/`, `packages-internal/`).
 */
const MODULE_PARENTS = /^(?:modules?|features|contexts|bounded-contexts|libs|(?:[a-z]+-)?packages(?:-[a-z]+)?)$/;

/** Parents of workspace libraries, which may be grouped one folder deeper (`libs/api/users/src/`). */
const LIBRARY_PARENTS = new Set(['libs', 'packages']);

/** A folder holding feature modules, one folder each. */
export interface ModuleFolder {
  /** `src/modules/*`: the glob the configuration writes. */
  readonly glob: string;
  readonly modules: readonly string[];
  /** Files below its modules. */
  readonly files: number;
  /** Modules with an entry file (`index.*`) or a Nest module that exports something. */
  readonly withPublicApi: number;
  /** Imports from one of its modules into another. */
  readonly crossImports: number;
  /** Those that go through the other module's public API (see the public-api contract). */
  readonly publicImports: number;
}

/** What the code shows about its architecture: the input of `detect`. */
export interface ArchitectureEvidence {
  /** The app's own files considered: analyzed, not exempt, no tooling. */
  readonly files: number;
  /** Files below a folder of each area name (at any depth). */
  readonly areas: Readonly<Record<AreaWord, number>>;
  /** Files that declare ports: under `ports/`, named `*.port.*`, or declaring a `…Port` interface or abstract class. */
  readonly portFiles: number;
  readonly moduleFolders: readonly ModuleFolder[];
  readonly nestModules: number;
  readonly commandHandlers: number;
  readonly queryHandlers: number;
  /** Files in the built-in layers that make a layered app. */
  readonly controllers: number;
  readonly services: number;
  readonly repositories: number;
}

export function collectEvidence(graph: DependencyGraph): ArchitectureEvidence {
  const files = [...graph.files.values()].filter((n) => n.exempt === undefined && n.layer !== 'tooling' && !path.posix.relative(graph.root, n.file).startsWith('../'));
  const areas = Object.fromEntries(AREA_WORDS.map((w) => [w, 0])) as Record<AreaWord, number>;
  for (const node of files) for (const word of areaWordsOf(graph.root, node)) areas[word]++;
  return {
    files: files.length,
    areas,
    portFiles: files.filter((n) => declaresPort(graph.root, n)).length,
    moduleFolders: moduleFolders(graph, files),
    nestModules: files.filter((n) => hasDecorator(n, 'Module')).length,
    commandHandlers: files.filter((n) => hasDecorator(n, 'CommandHandler') || implementsName(n, 'ICommandHandler')).length,
    queryHandlers: files.filter((n) => hasDecorator(n, 'QueryHandler') || implementsName(n, 'IQueryHandler')).length,
    controllers: files.filter((n) => n.layer === 'controller' || n.layer === 'router').length,
    services: files.filter((n) => n.layer === 'service').length,
    repositories: files.filter((n) => n.layer === 'repository').length,
  };
}

function foldersOf(root: string, node: FileNode): string[] {
  return path.posix
    .dirname(path.posix.relative(root, node.file))
    .split('/')
    .map((f) => f.toLowerCase());
}

function areaWordsOf(root: string, node: FileNode): Set<AreaWord> {
  const words = new Set<AreaWord>();
  const folders = foldersOf(root, node);
  for (const [index, folder] of folders.entries()) {
    if ((AREA_WORDS as readonly string[]).includes(folder) && !sortsOneKind(folders.slice(0, index))) words.add(folder as AreaWord);
  }
  return words;
}

function declaresPort(root: string, node: FileNode): boolean {
  if (foldersOf(root, node).some((f) => f === 'ports' || f === 'port')) return true;
  if (/[.-]port\.[cm]?[jt]sx?$/i.test(node.file)) return true;
  const names = [...node.facts.declarations.keys()];
  return names.some((name) => /^I?[A-Z]\w*Port$/.test(name));
}

function hasDecorator(node: FileNode, name: string): boolean {
  return node.facts.classes.some((c) => c.decorators.some((d) => d.name === name));
}

function implementsName(node: FileNode, name: string): boolean {
  return node.facts.classes.some((c) => c.implements.includes(name));
}

/** Folders named `modules/` (and the like) whose sub-folders hold files, grouped by where they are. */
function moduleFolders(graph: DependencyGraph, files: readonly FileNode[]): ModuleFolder[] {
  const root = graph.root;
  const byGlob = new Map<string, Map<string, FileNode[]>>();
  for (const node of files) {
    const parts = path.posix.relative(root, node.file).split('/');
    const at = parts.findIndex((part, i) => MODULE_PARENTS.test(part.toLowerCase()) && i + 2 < parts.length);
    if (at < 0) continue;
    const depth = moduleDepth(parts, at);
    const glob = [...parts.slice(0, at + 1), ...Array<string>(depth).fill('*')].join('/');
    const module = parts.slice(0, at + 1 + depth).join('/');
    if (isSharedKernel(module)) continue;
    const modules = byGlob.get(glob) ?? new Map<string, FileNode[]>();
    modules.set(module, [...(modules.get(module) ?? []), node]);
    byGlob.set(glob, modules);
  }
  return [...byGlob].map(([glob, modules]) => ({
    glob,
    modules: [...modules.keys()].sort(),
    files: [...modules.values()].reduce((sum, list) => sum + list.length, 0),
    withPublicApi: [...modules].filter(([module, list]) => list.some((n) => isPublicEntry(root, module, n))).length,
    ...crossModuleImports(graph, glob, [...modules.values()].flat()),
  }));
}

/** How many folders below its parent a module's root is: a library's root is the folder holding its `src/`. */
function moduleDepth(parts: readonly string[], parent: number): number {
  if (!LIBRARY_PARENTS.has(parts[parent]!.toLowerCase())) return 1;
  return parts.indexOf('src', parent + 1) === parent + 3 ? 2 : 1;
}

/** How the modules' files use each other: through the public API, or into the internals. */
function crossModuleImports(graph: DependencyGraph, glob: string, files: readonly FileNode[]): { crossImports: number; publicImports: number } {
  const api = publicApis(graph, [glob], undefined);
  let crossImports = 0;
  let publicImports = 0;
  for (const node of files) {
    const from = api.moduleOf(node.file);
    if (from === undefined) continue;
    for (const edge of graph.outgoing(node.file)) {
      const use = api.crossModuleUse(edge, from);
      if (use !== undefined) crossImports++;
      if (use === 'public') publicImports++;
    }
  }
  return { crossImports, publicImports };
}

const isEntryFile = publicFileMatcher(undefined, ENTRY_FILES);

/** An entry file of the module (as the public-api contract sees them), or a Nest module that exports something. */
function isPublicEntry(root: string, module: string, node: FileNode): boolean {
  return isEntryFile(path.posix.relative(path.posix.join(root, module), node.file)) || moduleExports(node).length > 0;
}
