import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Contract } from '../../../config/resolved';
import type { FileFacts, StaticValue } from '../../../facts/types';
import type { DependencyGraph, Edge, FileNode } from '../../../graph/types';
import type { RuleReport } from '../../types';
import { isRelative, packageNameOf } from '../../../workspace/resolver';
import { groupByTarget, mostTelling } from '../edges';
import { firstMatch, selectorOf } from './selectors';
import { contractReport, dependenciesOf, unitName, type ContractInputs } from './violation';
import { conventionalEntryNames, type ModuleLayout } from './conventional-entries';
import { declaresOnlySchemas, enumLikeNames } from '../shapes';
import { exportedLocalNames } from '../../../facts/declarations';
import { documentsUseBy } from './documented-consumers';
import { takesOnlySchemaTypes } from './schema-types';
import { declaresModule } from '../../../graph/injection-edges';
import { addTo } from '../../../multimap';
import { modulesWithoutApi } from './declared-apis';
import { usesAnAspect } from './aspects';
import { usesOnlyChannelNames } from './channel-names';

type PublicApiContract = Extract<Contract, { type: 'public-api' }>;

/**
 * A module's entry files at its top (or at a library's source root, `src/`): an `index`, a file
 * named public (`public.ts`, `public-api.ts`, `billing_public.ts`, `billing.public.ts`,
 * `billing.public-api.ts`), or a
 * `public/` folder.
 */
export const ENTRY_FILES: readonly string[] = ['index.*', 'public.*', 'public-api.*', 'public_api.*', '*[._-]public.*', '*[._-]public[-_]api.*', 'public/**'];

/** A module's public API when the contract names none: its entry files and its Nest module. */
export const DEFAULT_PUBLIC_FILES: readonly string[] = [...ENTRY_FILES, '*.module.*'];

/**
 * Whether a path inside a module (`src/auth.module.ts`) is one of its public files. Globs the
 * contract names match as written; the defaults match at the module's top and, for a workspace
 * library whose code sits in `src/`, at that source root (or at the roots of the libraries a
 * module groups: `data-access/src/index.ts`).
 */
export function publicFileMatcher(publicGlobs: readonly string[] | undefined, defaults: readonly string[] = DEFAULT_PUBLIC_FILES): (inModule: string) => boolean {
  if (publicGlobs !== undefined) return picomatchAll(publicGlobs);
  const matches = picomatchAll(defaults);
  return (inModule) => {
    if (matches(inModule)) return true;
    const sourceRoot = LIBRARY_SOURCE_ROOT.exec(inModule)?.[0];
    return sourceRoot !== undefined && matches(inModule.slice(sourceRoot.length));
  };
}

/** The source root of a library at a module's top (`src/`) or of one of the libraries it groups (`data-access/src/`, `api/feature/src/`). */
const LIBRARY_SOURCE_ROOT = /^(?:(?!src\/)[^/]+\/){0,2}src\//;

/**
 * Another module's files may be used only through its public API: the files the contract calls
 * public (by default its entry `index`, its Nest module), and the classes its Nest module exports.
 * What the import names counts (`import { X } from '../billing'` goes through billing's index,
 * wherever X is declared). Unless the contract names its public files, an import of a package by
 * its bare name (`@acme/billing`) goes through whatever entry the package or path alias declares,
 * and so does a subpath the package's `exports` lists (`@acme/db/queries`, `./lib/*`), or any
 * path into a package without `exports` that the others import by paths more than by its entry.
 */
export function checkPublicApi(contract: PublicApiContract, inputs: ContractInputs): RuleReport[] {
  const api = publicApis(inputs.graph, contract.modules, contract.public);
  const reports: RuleReport[] = [];
  for (const node of inputs.files) {
    const from = api.ownerOf(node.file);
    if (!from) continue;
    const internal = dependenciesOf(node, inputs.graph, contract).flatMap((d) =>
      d.edges.filter((edge) => !usesAnAspect(edge, inputs.graph, node.sourceFile) && api.crossModuleUse(edge, from) === 'internal'),
    );
    // One finding per file the imports name: what a barrel re-exports from elsewhere is that one import.
    for (const edges of groupByTarget(internal, (edge) => edge.via ?? edge.to)) {
      const telling = mostTelling(edges);
      const named = telling.via ?? telling.to;
      const to = api.moduleOf(named)!;
      const what = `"${unitName(from)}" reaches into module "${unitName(to)}"`;
      const context = `${inModule(inputs.graph.root, to, named)} is internal to module "${unitName(to)}", and "${unitName(from)}" may use only its public API.`;
      const advice = `Use what ${unitName(to)} offers through ${(contract.public ?? ['its index or package entry', 'its Nest module']).join(', ')} (and the providers its Nest module exports), or make this part of it.`;
      reports.push(contractReport(contract, { from: node, edge: { ...telling, to: named }, edges }, what, { context, advice }));
    }
  }
  return reports;
}

export type CrossModuleUse = 'public' | 'past-entry' | 'tolerated' | 'whole-module' | 'no-api' | 'internal';

/** Which module a file is in, and whether a dependency from one module to another goes through the other's public API. */
export interface PublicApis {
  moduleOf(file: string): string | undefined;
  /**
   * The module a file works for: its folder's, unless the file holds a controller that a Nest
   * `@Module` of another module registers (`controllers: [AdminSubscriptionsController]` in
   * `subscriptions.module.ts`, the file under `admin/`): Nest runs it as part of that module.
   */
  ownerOf(file: string): string | undefined;
  /**
   * For a dependency into another module (by module syntax: an injection comes with its import):
   * `public` when it goes through what the module declares as its API (an entry, a Nest export),
   * `past-entry` when it takes by a deep path only what the entry hands out, `tolerated` when it
   * takes nothing internal otherwise (a DTO a public signature takes), `whole-module` when the
   * module is one file (nothing of it is internal, and nothing tells its API from its insides),
   * `no-api` when the module declares no API for the others to keep to (see `modulesWithoutApi`),
   * `internal` otherwise; undefined for any other dependency.
   */
  crossModuleUse(edge: Edge, fromModule: string): CrossModuleUse | undefined;
}

export function publicApis(graph: DependencyGraph, moduleGlobs: readonly string[], publicGlobs: readonly string[] | undefined): PublicApis {
  const modules = moduleGlobs.map((text) => selectorOf(text, graph, new Set(), { foldersOnly: true }));
  const isPublicPath = publicFileMatcher(publicGlobs);
  const exported = nestExportedFiles(graph);
  const moduleOf = (file: string) => firstMatch(modules, (s) => s.unitOf(file))?.unit;
  const reExported = reExportsByModule(graph, moduleOf, (module, file) => isPublicPath(inModule(graph.root, module, file)));
  let conventional: ReadonlySet<string> | undefined;
  const layout: ModuleLayout = { moduleOf, inModule: (module, file) => inModule(graph.root, module, file), isPublicPath: (module, file) => isPublicPath(inModule(graph.root, module, file)) };
  const isConventionalEntry = (module: string, file: string) =>
    publicGlobs === undefined && (conventional ??= conventionalEntryNames(graph, layout, importEdges(graph))).has(inModule(graph.root, module, file));
  let sideEntries: ReadonlySet<string> | undefined;
  const isSideEntry = (file: string) => publicGlobs === undefined && (sideEntries ??= sideEntriesOf(graph, moduleOf, isPublicPath)).has(file);
  let declaredEntries: ReadonlySet<string> | undefined;
  // A library's entry is public however it is reached (by its alias, or by a relative path). An
  // import names its file in `via` when it was followed through a barrel to the declaration.
  const isDeclaredEntry = (file: string) => publicGlobs === undefined && (declaredEntries ??= new Set(graph.edges.filter((e) => e.declaredEntry === true).map((e) => e.via ?? e.to))).has(file);
  let contractShapes: ContractShapes | undefined;
  const isContractShape = (edge: Edge) =>
    publicGlobs === undefined &&
    takesContractShape(
      edge,
      (contractShapes ??= contractShapesOf(
        graph,
        moduleOf,
        (module, f) => exported.has(f) || isPublicPath(inModule(graph.root, module, f)) || isConventionalEntry(module, f) || handedOutWhole(reExported(module), f),
        providersOnly(graph, moduleOf, exported),
      )),
    );
  let filesPerModule: ReadonlyMap<string, number> | undefined;
  // A module of one file (tests aside) has nothing internal: that file is all it offers.
  const isOneFile = (module: string) => publicGlobs === undefined && (filesPerModule ??= countFilesPerModule(graph, moduleOf)).get(module) === 1;
  const takesSchemaTypes = (edge: Edge) => {
    const target = graph.files.get(edge.to);
    return publicGlobs === undefined && target !== undefined && takesOnlySchemaTypes(edge, target);
  };
  let openPackages: ReadonlySet<string> | undefined;
  const isOpenByUse = (edge: Edge, module: string) => publicGlobs === undefined && edge.openPackagePath === true && (openPackages ??= packagesUsedByPath(graph, moduleOf)).has(module);
  const entersByDeclaredApi = (edge: Edge, to: string, named: string): boolean =>
    (publicGlobs === undefined && (edge.declaredEntry === true || namesPackageEntry(edge))) ||
    isPublicPath(inModule(graph.root, to, named)) ||
    exported.has(edge.to) ||
    (publicGlobs === undefined && declaresNestModule(graph, edge.to)) ||
    isSideEntry(named) ||
    isDeclaredEntry(named) ||
    isOpenByUse(edge, to);
  const entersByApi = (edge: Edge, to: string, named: string): boolean => entersByDeclaredApi(edge, to, named) || isConventionalEntry(to, named);
  const ownerOf = ownerByNestModules(graph, moduleOf);
  let withoutApi: ReadonlySet<string> | undefined;
  const declaresNoApi = (module: string) =>
    publicGlobs === undefined &&
    (withoutApi ??= modulesWithoutApi(
      graph,
      { moduleOf, ownerOf, isEntry: (m, f) => isPublicPath(inModule(graph.root, m, f)), entersByDeclaredApi, declaresNestModule: (node) => declaresModule(node.facts) },
      importEdges(graph),
    )).has(module);
  return {
    moduleOf,
    ownerOf,
    crossModuleUse(edge, fromModule) {
      // An injection or a `new` comes with the import that names the class: that import is judged.
      if (edge.external || !MODULE_SYNTAX.has(edge.kind)) return undefined;
      const named = edge.via ?? edge.to;
      const to = ownerOf(named);
      if (to === undefined || to === fromModule) return undefined;
      // Names a module's file only passes on from the shared kernel (`export { Status } from
      // '@acme/shared'` in an entity file) are the kernel's: the path reaches nothing of the module.
      if (edge.via !== undefined && moduleOf(edge.to) === undefined) return 'tolerated';
      if (entersByApi(edge, to, named)) return 'public';
      if (isOneFile(to)) return 'whole-module';
      if (isContractShape(edge) || takesSchemaTypes(edge)) return 'tolerated';
      // A deep path to what the module's API hands out anyway is a path to fix, not a reach inside.
      if (takesOnlyPublicNames(edge, reExported(to))) return 'past-entry';
      if (publicGlobs === undefined && (documentsUseBy(graph, edge) || usesOnlyChannelNames(edge, graph.files.get(edge.from)!.sourceFile))) return 'tolerated';
      return declaresNoApi(to) ? 'no-api' : 'internal';
    },
  };
}

/**
 * The module a file works for (see `PublicApis.ownerOf`): its folder's, unless another module's
 * Nest `@Module` registers its controller. Computed once, when first asked.
 */
export function ownerByNestModules(graph: DependencyGraph, moduleOf: (file: string) => string | undefined): (file: string) => string | undefined {
  let registered: ReadonlyMap<string, string> | undefined;
  return (file) => (registered ??= controllersRegisteredElsewhere(graph, moduleOf)).get(file) ?? moduleOf(file);
}

/**
 * Controller files a Nest `@Module` of another module registers (`controllers: [X]`), each with
 * that module. Providers are left out: a module that provides another's service again (a copy of
 * `OtpService` in its own `providers`) does not make the service its own.
 */
function controllersRegisteredElsewhere(graph: DependencyGraph, moduleOf: (file: string) => string | undefined): ReadonlyMap<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const node of graph.files.values()) {
    const registrar = moduleOf(node.file);
    if (registrar === undefined || !declaresModule(node.facts)) continue;
    for (const file of filesNaming(graph, node, registeredControllers(node))) {
      if (moduleOf(file) !== registrar) owners.set(file, (owners.get(file) ?? new Set()).add(registrar));
    }
  }
  return new Map([...owners].flatMap(([file, registrars]) => (registrars.size === 1 ? [[file, [...registrars][0]!] as const] : [])));
}

/** The plain identifiers of the `controllers` of a file's `@Module`s. */
function registeredControllers(node: FileNode): string[] {
  return node.facts.classes.flatMap((cls) => cls.decorators.filter((d) => d.name === 'Module').flatMap((d) => plainIdentifiers(d.args[0], 'controllers')));
}

/** How many files each module holds, tests and exempt files aside. */
function countFilesPerModule(graph: DependencyGraph, moduleOf: (file: string) => string | undefined): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const node of graph.files.values()) {
    if (node.exempt !== undefined || TEST_FILE.test(node.file)) continue;
    const module = moduleOf(node.file);
    if (module !== undefined) counts.set(module, (counts.get(module) ?? 0) + 1);
  }
  return counts;
}

const TEST_FILE = /\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$/;

/** Per file, the names a module's public files re-export from it (`*`: all of them). */
type ReExports = ReadonlyMap<string, ReadonlySet<string>>;

function takesOnlyPublicNames(edge: Edge, reExports: ReExports): boolean {
  const publicIn = (file: string) => {
    const names = reExports.get(file);
    return names !== undefined && (names.has('*') || (edge.names.length > 0 && edge.names.every((n) => names.has(n))));
  };
  // Types of a file the API hands out in part (the parameter type of a method it exports) are
  // part of that contract: using them reaches nothing internal.
  const onlyTypes = edge.kind === 'type-import' || (edge.valueNames !== undefined && edge.valueNames.length === 0);
  const typesOf = (file: string) => onlyTypes && (reExports.get(file)?.size ?? 0) > 0;
  return [edge.to, ...(edge.via !== undefined ? [edge.via] : [])].some((file) => publicIn(file) || typesOf(file));
}

/** The re-exports of each module's public files, computed for a module when first asked. */
function reExportsByModule(graph: DependencyGraph, moduleOf: (file: string) => string | undefined, isPublic: (module: string, file: string) => boolean): (module: string) => ReExports {
  let publicFiles: Map<string, string[]> | undefined;
  const computed = new Map<string, ReExports>();
  return (module) => {
    if (!publicFiles) {
      publicFiles = new Map();
      for (const file of graph.files.keys()) {
        const owner = moduleOf(file);
        if (owner !== undefined && isPublic(owner, file)) publicFiles.set(owner, [...(publicFiles.get(owner) ?? []), file]);
      }
    }
    let found = computed.get(module);
    if (!found) computed.set(module, (found = reExportsOf(graph, publicFiles.get(module) ?? [])));
    return found;
  };
}

/** The names a file hands out of the edge's target: what it re-exports, or imports to export as its own (`exportedLocals`). */
function namesHandedOut(edge: Edge, exportedLocals: ReadonlySet<string>, facts?: FileFacts): readonly string[] {
  if (edge.external) return [];
  if (edge.kind === 're-export') return edge.names;
  if (edge.kind !== 'import' && edge.kind !== 'type-import') return [];
  // `import routes from './routes'; export { routes }` hands out the default export under a name.
  const renamed = (facts?.moduleRefs ?? []).flatMap((ref) =>
    ref.kind === 'import' && ref.specifier === edge.specifier ? ref.bindings.filter((b) => b.local !== b.imported && exportedLocals.has(b.local)).map((b) => b.imported) : [],
  );
  return [...new Set([...edge.names.filter((n) => exportedLocals.has(n)), ...renamed])];
}

/** Whether a file public for `name` (`*`: all) hands out `handed` with it. */
function carries(name: string, handed: string): boolean {
  return name === '*' || handed === '*' || handed === name;
}

/**
 * What the files re-export, followed through barrels: `export * from './grades'` hands out all of
 * `grades/index`, `export { Grade } from './grade'` only `Grade`, and so does importing `Grade` to
 * export it under its own name.
 */
function reExportsOf(graph: DependencyGraph, entries: readonly string[]): ReExports {
  const names = new Map<string, Set<string>>();
  const add = (file: string, name: string): boolean => {
    const set = names.get(file) ?? new Set<string>();
    names.set(file, set);
    if (set.has('*') || set.has(name)) return false;
    set.add(name);
    return true;
  };
  const queue = entries.map((file) => ({ file, name: '*' }));
  for (let next = queue.pop(); next; next = queue.pop()) {
    const { file, name } = next;
    const facts = graph.files.get(file)?.facts;
    const exportedLocals = facts ? exportedLocalNames(facts) : new Set<string>();
    for (const edge of graph.outgoing(file)) {
      for (const n of namesHandedOut(edge, exportedLocals, facts)) if (carries(name, n) && add(edge.to, n)) queue.push({ file: edge.to, name: n });
    }
  }
  return names;
}

/**
 * `@acme/billing` or `billing-lib`, without a path below it: the package's (or path alias's)
 * declared entry, wherever its manifest or tsconfig points. Subpaths are judged by the file.
 */
function namesPackageEntry(edge: Edge): boolean {
  const specifier = edge.specifier;
  if (specifier === undefined || isRelative(specifier) || specifier.startsWith('#')) return false;
  return packageNameOf(specifier) === specifier && !/^[~@]$/.test(specifier);
}

const MODULE_SYNTAX: ReadonlySet<Edge['kind']> = new Set(['import', 'type-import', 'require', 'dynamic-import', 're-export']);

/** The edges of module syntax between the app's own files. */
function importEdges(graph: DependencyGraph): Edge[] {
  return graph.edges.filter((edge) => !edge.external && MODULE_SYNTAX.has(edge.kind));
}

/** The file's path inside its module folder (`unit` is relative to the workspace root). */
/**
 * Entry files beside a module's index (`lookups.ts`, `server.ts`, `ui.ts` at its root): a file at
 * the root that fronts the module's folders, which other modules use and the module itself never
 * does, exists for the others. (A module of flat files has no such front: its files use each other.)
 */
function sideEntriesOf(graph: DependencyGraph, moduleOf: (file: string) => string | undefined, isPublicPath: (inModule: string) => boolean): Set<string> {
  const importers = new Map<string, Set<string | undefined>>();
  for (const edge of graph.edges) {
    if (edge.external || !MODULE_SYNTAX.has(edge.kind)) continue;
    const named = edge.via ?? edge.to;
    importers.set(named, (importers.get(named) ?? new Set()).add(moduleOf(edge.from)));
  }
  const entries = new Set<string>();
  for (const [file, from] of importers) {
    const module = moduleOf(file);
    if (module === undefined || from.has(module)) continue;
    const place = inModule(graph.root, module, file);
    if (place.includes('/') || isPublicPath(place)) continue;
    if (graph.outgoing(file).some((e) => !e.external && moduleOf(e.to) === module && inModule(graph.root, module, e.to).includes('/'))) entries.add(file);
  }
  return entries;
}

/**
 * The DTO and type files a module's public files import (`update(id, dto: UpdateOrderDto)` on an
 * exported service): whoever calls the public service builds them, so they are part of its
 * contract, not internals.
 */
function contractShapesOf(
  graph: DependencyGraph,
  moduleOf: (file: string) => string | undefined,
  isPublicFile: (module: string, file: string) => boolean,
  isProviderOnlyApi: (file: string) => boolean,
): ContractShapes {
  const shapes: ContractShapesBeingRead = { files: new Set(), typeSources: new Set(), names: new Map(), enums: new Map(), vocabulary: new Map() };
  const edges = importEdges(graph).filter((edge) => moduleOf(edge.from) !== undefined && moduleOf(edge.to) === moduleOf(edge.from));
  for (const edge of edges) {
    const module = moduleOf(edge.from)!;
    if (!isPublicFile(module, edge.from)) continue;
    const target = graph.files.get(edge.to);
    if (target !== undefined) recordShapesTaken(edge, target, shapes, isProviderOnlyApi(edge.from));
  }
  const edgesFrom = new Map<string, Edge[]>();
  for (const edge of edges) addTo(edgesFrom, edge.from, edge);
  addNestedShapes(graph, edgesFrom, shapes);
  recordVocabulary(
    graph,
    edgesFrom,
    (file) => {
      const module = moduleOf(file);
      return module !== undefined && isPublicFile(module, file);
    },
    shapes.vocabulary,
  );
  return shapes;
}

/**
 * The DTOs the contract's DTOs are built of (`CreateProjectDto` holding a `BudgetDto` field), and
 * the enums they take (`type: EmailType` on the payload an exported mailer's `send` takes):
 * whoever builds the outer one builds them too.
 */
function addNestedShapes(graph: DependencyGraph, edgesFrom: ReadonlyMap<string, readonly Edge[]>, shapes: ContractShapesBeingRead): void {
  const files = shapes.files;
  const queue = [...files];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const edge of edgesFrom.get(file) ?? []) {
      if (files.has(edge.to)) continue;
      const target = graph.files.get(edge.to);
      if (target === undefined) continue;
      if (target.layer !== 'dto' && !target.facts.shape.typesOnly) {
        recordEnumsTaken(edge, target, shapes);
        continue;
      }
      files.add(edge.to);
      queue.push(edge.to);
    }
  }
}

/** The enums of `target` that a contract's DTO names (`EmailType`): values of the contract. */
function recordEnumsTaken(edge: Edge, target: FileNode, shapes: ContractShapesBeingRead): void {
  const enums = enumLikeNames(target.sourceFile);
  const taken = edge.names.filter((name) => enums.has(name));
  if (taken.length === 0) return;
  const names = shapes.names.get(edge.to) ?? new Set<string>();
  shapes.names.set(edge.to, names);
  for (const name of taken) names.add(name);
  if (!shapes.enums.has(edge.to)) shapes.enums.set(edge.to, enums);
}

/**
 * The types (interfaces, type aliases) declared in the files a module's public files depend on,
 * however many files away (`SearchResultItem`, what the proxy an exported service hands out
 * returns): the words of its contract, which whoever uses the API may name.
 */
function recordVocabulary(graph: DependencyGraph, edgesFrom: ReadonlyMap<string, readonly Edge[]>, isPublicFile: (file: string) => boolean, vocabulary: Map<string, ReadonlySet<string>>): void {
  const queue = [...graph.files.keys()].filter(isPublicFile);
  const seen = new Set(queue);
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const { to } of edgesFrom.get(file) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  for (const file of seen) {
    const declarations = graph.files.get(file)?.facts.declarations;
    const types = [...(declarations ?? [])].filter(([, kind]) => kind === 'type').map(([name]) => name);
    if (types.length > 0) vocabulary.set(file, new Set(types));
  }
}

/**
 * What a public file's import of a file of its own module makes part of the module's contract.
 * `providerOnlyApi`: the public file is a provider the module's Nest `@Module` exports, in a module
 * with no entry file: nothing but its providers' signatures says which types it hands out.
 */
function recordShapesTaken(edge: Edge, target: FileNode, shapes: ContractShapesBeingRead, providerOnlyApi: boolean): void {
  // A module's entities stay its own even where a public signature lets them show (the entry
  // file lists what the module offers); the enums and types declared beside them (`MovementType`,
  // which the exported service's `record()` takes) do not. Without an entry, the entities an
  // exported provider names only as types (`findById(): Promise<User>`) are what it hands out.
  const entityFile = target.layer === 'model' || target.candidates.some((c) => c.layer === 'model');
  const shownAsType = (name: string) => providerOnlyApi && (!edge.runtime || (edge.valueNames !== undefined && !edge.valueNames.includes(name)));
  if (target.layer === 'dto' || target.facts.shape.typesOnly || (!shapes.files.has(edge.to) && isSchemasFile(target))) shapes.files.add(edge.to);
  if (!edge.runtime && !entityFile) shapes.typeSources.add(edge.to);
  const classes = new Set(target.facts.classes.map((c) => c.name));
  const taken = shapes.names.get(edge.to) ?? new Set<string>();
  shapes.names.set(edge.to, taken);
  for (const name of edge.names) if (!entityFile || !classes.has(name) || shownAsType(name)) taken.add(name);
  if (!shapes.enums.has(edge.to)) shapes.enums.set(edge.to, enumLikeNames(target.sourceFile));
}

/**
 * `auth.schemas.ts`: a file exporting only shapes (zod schemas and the types inferred from them)
 * that a public service takes its inputs in. A file declaring classes is left out: fields-only
 * classes may be the module's entities.
 */
function isSchemasFile(target: FileNode): boolean {
  return target.facts.classes.length === 0 && declaresOnlySchemas(target.sourceFile, [...exportedLocalNames(target.facts)]);
}

/**
 * Whether a file is a provider its module's Nest `@Module({ exports })` hands out, in a module with
 * no entry file (`index.ts`, `public.ts`, `public/`): a module whose API is its providers alone.
 */
function providersOnly(graph: DependencyGraph, moduleOf: (file: string) => string | undefined, exported: ReadonlySet<string>): (file: string) => boolean {
  const isEntry = picomatchAll(ENTRY_FILES);
  const withEntry = new Set<string>();
  for (const file of graph.files.keys()) {
    const module = moduleOf(file);
    if (module !== undefined && isEntry(inModule(graph.root, module, file))) withEntry.add(module);
  }
  return (file) => {
    const module = moduleOf(file);
    return exported.has(file) && module !== undefined && !withEntry.has(module);
  };
}

/** A file its module's public barrel hands out whole (`export * from './orders.service'`): public as much as the barrel. */
function handedOutWhole(reExports: ReExports, file: string): boolean {
  return reExports.get(file)?.has('*') === true;
}

/** The shapes a module's public files take from its other files: whole DTO and type files, the files they take types from, and the names they import. */
interface ContractShapes {
  readonly files: ReadonlySet<string>;
  /** Files a public file imports only types from: the types its signatures are built of (`StreamAttrs` holding `AsyncFunction[]`) are declared there together. */
  readonly typeSources: ReadonlySet<string>;
  readonly names: ReadonlyMap<string, ReadonlySet<string>>;
  /** The enums (and `as const` objects written as enums) each of those files declares: among the names taken, values of the contract (`OrderStatus.Paid`), used at run time as much as types. */
  readonly enums: ReadonlyMap<string, ReadonlySet<string>>;
  /** The types declared in each file the public files depend on, directly or through others: names a type-only use may take. */
  readonly vocabulary: ReadonlyMap<string, ReadonlySet<string>>;
}

/** `ContractShapes` while the public files' imports are read. */
interface ContractShapesBeingRead {
  readonly files: Set<string>;
  readonly typeSources: Set<string>;
  readonly names: Map<string, Set<string>>;
  readonly enums: Map<string, ReadonlySet<string>>;
  readonly vocabulary: Map<string, ReadonlySet<string>>;
}

/**
 * A DTO or type file a public file uses, or, used as types only, names a public file takes from
 * its module's other files (`ScorePreview`, the type an exported service's method returns,
 * declared beside the functions that compute it): whoever calls the public API needs them. The
 * module's entities are not among them: a public signature that shows one leaks it.
 */
function takesContractShape(edge: Edge, shapes: ContractShapes): boolean {
  if (shapes.files.has(edge.to) || (!edge.runtime && shapes.typeSources.has(edge.to))) return true;
  const words = shapes.vocabulary.get(edge.to);
  if (!edge.runtime && words !== undefined && edge.names.length > 0 && edge.names.every((name) => words.has(name))) return true;
  const taken = shapes.names.get(edge.to);
  if (taken === undefined || edge.names.length === 0 || !edge.names.every((name) => taken.has(name))) return false;
  // What the file runs must be the contract's values (`OrderStatus.Paid`); the types beside them
  // are words of it. An import the code names only as types yet runs (a class injected by its
  // type) is all run.
  const enums = shapes.enums.get(edge.to);
  const run = edge.valueNames !== undefined && edge.valueNames.length > 0 ? edge.valueNames : edge.names;
  return !edge.runtime || run.every((name) => enums?.has(name) === true);
}

/**
 * Modules that are workspace packages with no `exports` map, which the other modules import by
 * paths inside them (`@acme/db/src/users`) at least as often as by their entry: the team's way
 * of using the package, not a reach inside it. (With an `exports` map, or when most imports use
 * the entry, a path inside is judged like any other.)
 */
function packagesUsedByPath(graph: DependencyGraph, moduleOf: (file: string) => string | undefined): Set<string> {
  const byModule = new Map<string, { entry: Set<string>; inside: Set<string> }>();
  for (const edge of graph.edges) {
    if (edge.external || !MODULE_SYNTAX.has(edge.kind) || edge.specifier === undefined || isRelative(edge.specifier)) continue;
    const inside = edge.openPackagePath === true;
    if (!inside && !(edge.declaredEntry === true && namesPackageEntry(edge))) continue;
    const to = moduleOf(edge.via ?? edge.to);
    if (to === undefined || to === moduleOf(edge.from)) continue;
    const counts = byModule.get(to) ?? { entry: new Set<string>(), inside: new Set<string>() };
    byModule.set(to, counts);
    (inside ? counts.inside : counts.entry).add(`${edge.from}\0${edge.specifier}`);
  }
  return new Set([...byModule].filter(([, c]) => c.inside.size > 0 && c.inside.size >= c.entry.size).map(([module]) => module));
}

function inModule(root: string, unit: string, file: string): string {
  return path.posix.relative(path.posix.join(root, unit), file);
}

function picomatchAll(globs: readonly string[]): (relative: string) => boolean {
  const matchers = globs.map((glob) => picomatch(glob, { dot: true }));
  return (relative) => matchers.some((match) => match(relative));
}

/** Files declaring what a Nest `@Module({ exports: [...] })` exports: its public providers, and what an exported dynamic module hands out (the entities of `forFeature`, the queue names of `registerQueue`). */
function nestExportedFiles(graph: DependencyGraph): Set<string> {
  const files = new Set<string>();
  for (const node of graph.files.values()) {
    const exported = moduleExports(node);
    if (exported.some((name) => node.facts.declarations.has(name))) files.add(node.file);
    for (const file of filesNaming(graph, node, exported)) files.add(file);
    // Only the Nest module's own entities: registering another folder's entity hands out nothing of that folder.
    const folder = path.posix.dirname(node.file) + '/';
    for (const file of filesNaming(graph, node, namesHandedToDynamicModules(node))) if (file.startsWith(folder)) files.add(file);
  }
  return files;
}

/** The app's files the node imports any of the names from. */
function filesNaming(graph: DependencyGraph, node: FileNode, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  return graph.outgoing(node.file).flatMap((edge) => (!edge.external && edge.names.some((name) => names.includes(name)) ? [edge.to] : []));
}

/**
 * A Nest `@Module` class, wherever it sits in the module folder (`doctors/availability/availability.module.ts`
 * under a `doctors/` that groups several): the unit Nest composes, whose import is how another
 * module uses what it exports.
 */
function declaresNestModule(graph: DependencyGraph, file: string): boolean {
  const facts = graph.files.get(file)?.facts;
  return facts !== undefined && declaresModule(facts);
}

/** The names a Nest module in the file exports, from `@Module({ exports })` or the dynamic modules it returns: its public providers. */
export function moduleExports(node: FileNode): string[] {
  return node.facts.classes.flatMap((cls) => [...cls.decorators.filter((d) => d.name === 'Module').flatMap((d) => plainIdentifiers(d.args[0], 'exports')), ...(cls.dynamicExports ?? [])]);
}

/**
 * The entities a Nest module registers with `TypeOrmModule.forFeature([Order, OrderLine])` when it
 * also exports `TypeOrmModule`: whoever imports the module is handed their repositories, so the
 * entity classes that name them (`@InjectRepository(Order)`) are part of what it offers. Any
 * dynamic module's `forFeature` counts (Mongoose's, Sequelize's, MikroORM's, a team's own wrapper
 * of one: `TenantOrmModule.forFeature([Sale])`): by Nest's convention it registers the feature's
 * providers, and exporting the module hands them out. So does its `register…` (`BullModule.registerQueue({
 * name: ORDER_SYNC })` with `BullModule` exported): the queue's name is what injecting it takes
 * (`@InjectQueue(ORDER_SYNC)`).
 */
function namesHandedToDynamicModules(node: FileNode): string[] {
  return node.facts.classes.flatMap((cls) =>
    cls.decorators
      .filter((d) => d.name === 'Module')
      .flatMap((d) => {
        const options = d.args[0];
        if (options?.kind !== 'object') return [];
        const exported = new Set(plainIdentifiers(options, 'exports'));
        const imports = options.properties['imports'];
        if (exported.size === 0 || imports?.kind !== 'array') return [];
        return imports.elements.flatMap((element) => {
          if (element.kind !== 'call') return [];
          const [, dynamicModule] = /^(\w+)\.(?:forFeature|register\w*)$/.exec(element.callee) ?? [];
          return dynamicModule !== undefined && exported.has(dynamicModule) ? element.args.flatMap(namesIn) : [];
        });
      }),
  );
}

/** Identifiers in a static value: `[Order, { name: Cat.name, schema: CatSchema }]` names Order, Cat and CatSchema. */
function namesIn(value: StaticValue): string[] {
  if (value.kind === 'identifier') return [value.name];
  if (value.kind === 'array') return value.elements.flatMap(namesIn);
  if (value.kind === 'object') return Object.values(value.properties).flatMap(namesIn);
  return [];
}

/** The plain identifiers a `@Module`'s options list under `key`: `A, B` of `{ exports: [A, B] }` or `{ controllers: [A, B] }`. */
function plainIdentifiers(options: StaticValue | undefined, key: 'exports' | 'controllers'): string[] {
  const list = options?.kind === 'object' ? options.properties[key] : undefined;
  if (list?.kind !== 'array') return [];
  return list.elements.flatMap((element) => (element.kind === 'identifier' && !element.member ? [element.name] : []));
}
