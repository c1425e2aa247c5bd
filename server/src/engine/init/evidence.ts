import * as path from 'node:path';
import { areaNameOf } from '../classify/area-words';
import { namesARole, sortsOneKind } from '../classify/layers';
import { CORE_PARTNERS, CORE_RIVALS } from '../policy/presets/hexagonal';
import type { DependencyGraph, FileNode } from '../graph/types';
import { ENTRY_FILES, moduleExports, publicApis, publicFileMatcher } from '../rules/layering/contracts/public-api';
import { isSharedKernel } from '../rules/layering/contracts/selectors';
import { declaresPort, implementedNames } from '../rules/layering/ports';
import { readConfigFile } from '../workspace/read-config-file';

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
  /** Counted only facing its outside (`core/` beside `infra/`): see the hexagonal preset. */
  'core',
] as const;

export type AreaWord = (typeof AREA_WORDS)[number];

/**
 * Parent folders of feature modules: `src/modules/orders/`, `src/contexts/billing/`, and a
 * workspace's libraries (`libs/billing/`, `packages/`, `internal-packages/`, `packages-internal/`).
 */
const MODULE_PARENTS = /^(?:modules?|features|contexts|bounded-contexts|(?:sub)?domains|libs|(?:[a-z]+-)?packages(?:-[a-z]+)?)$/;

/** Parents of workspace libraries, which may be grouped one folder deeper (`libs/api/users/src/`). */
const LIBRARY_PARENTS = new Set(['libs', 'packages']);

/** A folder holding feature modules, one folder each. */
export interface ModuleFolder {
  /** `src/modules/*`: the glob the configuration writes. */
  readonly glob: string;
  /** How it was found: by its name (`modules/`), or by its sub-folders, features fronted by entry files. */
  readonly foundBy: 'name' | 'entries';
  readonly modules: readonly string[];
  /** Files below its modules. */
  readonly files: number;
  /** Modules with an entry file (`index.*`) or a Nest module that exports something, or that are a project of their own (a library with its own `tsconfig.json`). */
  readonly withPublicApi: number;
  /** Imports from one of its modules into another, those the contract tolerates aside (see `crossModuleImports`). */
  readonly crossImports: number;
  /** Those that go through the API the other module declares (see the public-api contract). */
  readonly publicImports: number;
  /** The team's boundary lint that names the folder (`eslint.config.mjs` with eslint-plugin-boundaries, `.dependency-cruiser.cjs`): it fences the modules. */
  readonly fencedBy?: string;
}

/** What the code shows about its architecture: the input of `detect`. */
export interface ArchitectureEvidence {
  /** The app's own files considered: analyzed, not exempt, no tooling. */
  readonly files: number;
  /** Files below a folder of each area name (at any depth). */
  readonly areas: Readonly<Record<AreaWord, number>>;
  /** The folder names that stand for an area in another language (`domain` → `domaine`), when any. */
  readonly areaSpellings: Readonly<Partial<Record<AreaWord, readonly string[]>>>;
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
  const folderPaths = areaFolderPathsOf(graph.root, files);
  for (const node of files) for (const word of areaWordsOf(graph.root, node, folderPaths)) areas[word]++;
  const areaSpellings = spellingsOf(graph.root, files);
  const implemented = implementedNames(files);
  return {
    files: files.length,
    areas,
    areaSpellings,
    portFiles: files.filter((n) => declaresPort(graph.root, n, implemented)).length,
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

function areaWordsOf(root: string, node: FileNode, folderPaths: ReadonlySet<string>): Set<AreaWord> {
  const words = new Set<AreaWord>();
  const folders = foldersOf(root, node).map(areaNameOf);
  for (const [index, folder] of folders.entries()) {
    if (!isAreaWord(folder) || sortsOneKind(folders.slice(0, index))) continue;
    const besideIt = (name: string) => folderPaths.has([...folders.slice(0, index), name].join('/'));
    if (folder === 'core' && (!CORE_PARTNERS.some(besideIt) || CORE_RIVALS.some(besideIt))) continue;
    if (folder === 'core' && folders.slice(index + 1).some(isAreaWord)) continue;
    words.add(folder as AreaWord);
  }
  return words;
}

/** Folder names read as an area word they are not spelled as (`adaptateurs` for `adapters`). */
function spellingsOf(root: string, files: readonly FileNode[]): Partial<Record<AreaWord, string[]>> {
  const spellings: Partial<Record<AreaWord, string[]>> = {};
  for (const folder of new Set(files.flatMap((node) => foldersOf(root, node)))) {
    const area = areaNameOf(folder);
    if (area === folder || !isAreaWord(area)) continue;
    const known = (spellings[area as AreaWord] ??= []);
    if (!known.includes(folder)) known.push(folder);
  }
  return spellings;
}

const isAreaWord = (name: string): boolean => (AREA_WORDS as readonly string[]).includes(name);

/** Every folder of the files, relative to the root, lower case, read as areas. */
function areaFolderPathsOf(root: string, files: readonly FileNode[]): Set<string> {
  const paths = new Set<string>();
  for (const node of files) {
    const folders = foldersOf(root, node).map(areaNameOf);
    for (let end = 1; end <= folders.length; end++) paths.add(folders.slice(0, end).join('/'));
  }
  return paths;
}

function hasDecorator(node: FileNode, name: string): boolean {
  return node.facts.classes.some((c) => c.decorators.some((d) => d.name === name));
}

function implementsName(node: FileNode, name: string): boolean {
  return node.facts.classes.some((c) => c.implements.includes(name));
}

/** The fewest modules that make a folder of modules. */
const MIN_MODULES = 3;
/** Of a folder's sub-folders holding files, the share that must be features with an entry file for it to hold modules unnamed. */
const MIN_FRONTED_SHARE = 2 / 3;
/** And of their files, the share those features must hold. */
const MIN_FRONTED_FILES = 1 / 2;

/**
 * Folders holding feature modules, one folder each, with what their modules' imports show.
 * Folders named for it (`modules/`, `contexts/`, `libs/`) are where teams say they keep modules;
 * only when none holds enough is a folder taken for its shape (see `entryFrontedParents`).
 */
function moduleFolders(graph: DependencyGraph, files: readonly FileNode[]): ModuleFolder[] {
  const named = namedModuleParents(graph.root, files);
  const enough = [...named.values()].some((modules) => modules.size >= MIN_MODULES);
  const tagged = (found: ModulesByGlob, foundBy: ModuleFolder['foundBy']) => [...found].map(([glob, modules]) => ({ glob, foundBy, modules }));
  const groups = [...tagged(named, 'name'), ...(enough ? [] : tagged(entryFrontedParents(graph.root, files), 'entries'))];
  const fences = boundaryLints(graph.root);
  return groups.map(({ glob, foundBy, modules }) => ({
    glob,
    foundBy,
    ...fencing(fences, glob),
    modules: [...modules.keys()].sort(),
    files: filesIn([...modules]),
    withPublicApi: [...modules].filter(([module, list]) => list.some((n) => isPublicEntry(graph.root, module, n) || isOwnProject(graph.root, module, n))).length,
    ...crossModuleImports(graph, glob, [...modules.values()].flat()),
  }));
}

/** The configuration files of the tools teams fence modules with, read at the folder's root. */
const BOUNDARY_LINT_FILES: readonly string[] = [
  ...['js', 'cjs', 'mjs', 'json'].map((ext) => `.dependency-cruiser.${ext}`),
  ...['js', 'cjs', 'mjs', 'ts'].map((ext) => `eslint.config.${ext}`),
  ...['', '.js', '.cjs', '.json', '.yml', '.yaml'].map((ext) => `.eslintrc${ext}`),
];

/** What makes a lint configuration a boundary lint: dependency-cruiser's rules, or eslint-plugin-boundaries' elements. */
const BOUNDARY_RULES = /\bforbidden\s*:|["']?boundaries\/(?:element-types|elements|entry-point|no-private|dependencies)\b/;

interface BoundaryLint {
  readonly file: string;
  readonly text: string;
}

/**
 * The boundary lints at the root. One that cannot be read (a folder by that name, a file over the
 * size limit) is evidence init does without: the linter reports it, and init proposes from the code.
 */
function boundaryLints(root: string): BoundaryLint[] {
  return BOUNDARY_LINT_FILES.flatMap((file) => {
    const read = readConfigFile(path.posix.join(root, file));
    return read.ok && BOUNDARY_RULES.test(read.text) ? [{ file, text: read.text }] : [];
  });
}

/** The lint that names the folder of modules (`src/modules/` for `src/modules/*`), if any. */
function fencing(lints: readonly BoundaryLint[], glob: string): { fencedBy?: string } {
  const folder = `${glob.replace(/(?:\/\*)+$/, '')}/`;
  const lint = lints.find((l) => l.text.includes(folder));
  return lint ? { fencedBy: lint.file } : {};
}

/** Each glob of module folders (`src/modules/*`), with each module's files. */
type ModulesByGlob = Map<string, Map<string, FileNode[]>>;

/** Adds the file to the list kept under the key, in place. */
function addTo(lists: Map<string, FileNode[]>, key: string, node: FileNode): void {
  const list = lists.get(key);
  if (list) list.push(node);
  else lists.set(key, [node]);
}

/** Folders named `modules/` (and the like) whose sub-folders hold files: each glob's modules and their files. */
function namedModuleParents(root: string, files: readonly FileNode[]): ModulesByGlob {
  const byGlob: ModulesByGlob = new Map();
  for (const node of files) {
    const parts = path.posix.relative(root, node.file).split('/');
    const at = moduleParentIndex(parts);
    if (at < 0) continue;
    const depth = moduleDepth(parts, at);
    const glob = [...parts.slice(0, at + 1), ...Array<string>(depth).fill('*')].join('/');
    const module = parts.slice(0, at + 1 + depth).join('/');
    if (isSharedKernel(module)) continue;
    const modules = byGlob.get(glob) ?? new Map<string, FileNode[]>();
    addTo(modules, module, node);
    byGlob.set(glob, modules);
  }
  return byGlob;
}

/**
 * Where in a file's path the folder of modules is: the first folder named for them (or the API
 * version folder right below it, `modules/v0/`), or, inside a folder of libraries, a folder of
 * modules grouping them (`libs/api/modules/billing/src/`: the libraries under `modules/` are the
 * modules, not `libs/api/` and its siblings).
 */
function moduleParentIndex(parts: readonly string[]): number {
  const isParent = (part: string, i: number) => MODULE_PARENTS.test(part.toLowerCase()) && i + 2 < parts.length;
  const at = parts.findIndex(isParent);
  if (at < 0) return at;
  // `src/modules/v1/billing/`: a version of the API groups the modules; the features are below it.
  if (VERSION_FOLDER.test(parts[at + 1]!) && at + 3 < parts.length) return at + 1;
  if (!LIBRARY_PARENTS.has(parts[at]!.toLowerCase())) return at;
  const sourceRoot = parts.indexOf('src', at + 1);
  const inner = parts.findIndex((part, i) => i > at && (sourceRoot < 0 || i < sourceRoot - 1) && isParent(part, i));
  return inner < 0 ? at : inner;
}

const VERSION_FOLDER = /^v\d+$/i;

/**
 * Folders, whatever their name, whose sub-folders are mostly features fronted by an entry file
 * (`src/backend/billing/index.ts`, `main/server/db/src/index.ts`): a team that gives each feature
 * an entry keeps modules there. Sub-folders named for a role (`services/`, `utils/`) or an area
 * (`domain/`) are no features: a layered app's `controllers/index.ts` makes no module.
 */
function entryFrontedParents(root: string, files: readonly FileNode[]): ModulesByGlob {
  const byParent = new Map<string, Map<string, FileNode[]>>();
  for (const node of files) {
    const parts = path.posix.relative(root, node.file).split('/');
    // Each folder of the file below the root's own, as a sub-folder of the one above it.
    for (let depth = 1; depth < parts.length - 1; depth++) {
      const parent = parts.slice(0, depth).join('/');
      const children = byParent.get(parent) ?? new Map<string, FileNode[]>();
      addTo(children, `${parent}/${parts[depth]!}`, node);
      byParent.set(parent, children);
    }
  }
  const found: ModulesByGlob = new Map();
  for (const [parent, children] of byParent) {
    const sized = [...children].filter(([, list]) => list.length >= 2);
    const fronted = sized.filter(([child, list]) => isFeatureName(path.posix.basename(child)) && list.some((n) => isEntryFile(path.posix.relative(path.posix.join(root, child), n.file))));
    // A shared kernel beside the features (`src/shared/`), smaller than they are, is neither a
    // feature nor a layer's folder: it says nothing of whether the others are modules. One that
    // holds more code than the features is where the code lives, and so is a `core/` here, as
    // often an app's core (its features) as a kernel.
    const isKernel = (child: string, files: number) => isSharedKernel(child) && path.posix.basename(child).toLowerCase() !== 'core' && files < filesIn(fronted);
    const holding = sized.filter(([child, list]) => !isKernel(child, list.length));
    if (fronted.length < MIN_MODULES || fronted.length < MIN_FRONTED_SHARE * holding.length) continue;
    // Barrels in every folder of a layered app (`api/`, `service/`, `entity/` beside a few small
    // features) are a habit, not modules: the features must hold most of the code.
    if (filesIn(fronted) < MIN_FRONTED_FILES * filesIn(holding)) continue;
    found.set(`${parent}/*`, new Map(holding.filter(([child]) => !isSharedKernel(child))));
  }
  return found;
}

function filesIn(children: readonly (readonly [string, readonly FileNode[]])[]): number {
  return children.reduce((sum, [, list]) => sum + list.length, 0);
}

function isFeatureName(folder: string): boolean {
  const name = folder.toLowerCase();
  return !namesARole(name) && !isAreaWord(areaNameOf(name)) && !MODULE_PARENTS.test(name) && !NOT_FEATURES.has(name);
}

/** Folders of every codebase that hold no feature of its own. */
const NOT_FEATURES: ReadonlySet<string> = new Set(['src', 'lib', 'dist', 'build', 'generated', 'test', 'tests', '__tests__', 'e2e', 'api', 'app', 'apps', 'server', 'client', 'core']);

/** How many folders below its parent a module's root is: a library's root is the folder holding its `src/`, a domain's the folder grouping its libraries. */
function moduleDepth(parts: readonly string[], parent: number): number {
  if (!LIBRARY_PARENTS.has(parts[parent]!.toLowerCase())) return 1;
  // `libs/api/users/src/`: the library is the module. `libs/api/users/data-access/src/`: the
  // libraries of one domain, grouped under their scope, are its module.
  return parts.indexOf('src', parent + 1) >= parent + 3 ? 2 : 1;
}

/**
 * How the modules' files use each other: through their public API, or into their internals. A
 * deep path to what a module's entry hands out counts as going through the API (a path to
 * fix), unless the team hardly ever enters its modules by their entries at all
 * (`entriesUnused`): a team whose modules all keep an `index.ts` that nobody imports does not
 * use them, and the imports past them show it. An import of a module of one file says nothing
 * either way (the file is the whole module, whatever the team's discipline): it is not counted.
 */
function crossModuleImports(graph: DependencyGraph, glob: string, files: readonly FileNode[]): { crossImports: number; publicImports: number } {
  const api = publicApis(graph, [glob], undefined);
  const uses = { public: 0, 'past-entry': 0, tolerated: 0, 'whole-module': 0, 'no-api': 0, internal: 0 };
  for (const node of files) {
    const from = api.moduleOf(node.file);
    if (from === undefined) continue;
    for (const edge of graph.outgoing(node.file)) {
      const use = api.crossModuleUse(edge, from);
      if (use !== undefined) uses[use]++;
    }
  }
  // An import into a module that declares no API goes past whatever API the team might keep: it counts as internal here.
  const intoInternals = uses.internal + uses['no-api'];
  if (entriesUnused(uses.public, uses['past-entry'])) return { crossImports: uses.public + uses['past-entry'] + intoInternals, publicImports: uses.public };
  return { crossImports: uses.public + uses['past-entry'] + uses.tolerated + intoInternals, publicImports: uses.public + uses['past-entry'] + uses.tolerated };
}

/** Imports that take what an entry hands out go through it in fewer than one in ten, of twenty or more. */
function entriesUnused(throughApi: number, pastEntry: number): boolean {
  const couldEnter = throughApi + pastEntry;
  return couldEnter >= MIN_IMPORTS_TO_JUDGE_ENTRIES && throughApi < couldEnter * MAX_SHARE_OF_UNUSED_ENTRIES;
}

const MIN_IMPORTS_TO_JUDGE_ENTRIES = 20;
const MAX_SHARE_OF_UNUSED_ENTRIES = 0.1;

const isEntryFile = publicFileMatcher(undefined, ENTRY_FILES);

/** A library whose own `tsconfig.json` compiles it: the workspace draws its boundary, whatever file it is entered by. */
function isOwnProject(root: string, module: string, node: FileNode): boolean {
  return node.projectDir === path.posix.join(root, module);
}

/** An entry file of the module (as the public-api contract sees them), or a Nest module that exports something. */
function isPublicEntry(root: string, module: string, node: FileNode): boolean {
  return isEntryFile(path.posix.relative(path.posix.join(root, module), node.file)) || moduleExports(node).length > 0;
}
