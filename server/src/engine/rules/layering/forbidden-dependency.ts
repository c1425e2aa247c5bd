import * as path from 'node:path';
import { z } from 'zod';
import { isPersistencePackage, namesGeneratedShapesOnly, NEUTRAL_FOLDERS, type LayerId } from '../../classify/layers';
import { isLogger } from '../../classify/classify';
import { packageNameOf } from '../../workspace/resolver';
import type { DependencyGraph, Edge, FileNode } from '../../graph/types';
import { judge, type LayerPolicy } from '../../policy/policy';
import { packageOf } from '../../config/resolved';
import { perGraph } from '../../memo';
import { layerAccount } from '../../graph/layer-account';
import { ts } from '../../ts';
import { filesToCheck, hasNode, walk } from '../syntax';
import { articleOf, upperFirst } from '../../text/words';
import { defineRule } from '../types';
import { dependencyText, groupByTarget, HOW, mostTelling } from './edges';
import { writesData } from './contracts/read-only';
import { declaresLiteral, declaresShape } from './shapes';
import { technologyFoldersKey, technologyFoldersOf } from './technology-implementations';
import { handsOutBehindPort } from './resolvers';
import { inRingsWithoutPorts, stackedRingsKey } from './stacked-rings';

const options = z
  .object({
    /**
     * Also report imports used only as types (erased at run time). Off by default: depending on
     * another layer's *types* is not depending on its code; injected instances are always counted.
     */
    includeTypeOnly: z.boolean().default(false),
    /**
     * With no repository layer in the workspace, the ORM is the repository layer: data access is
     * judged as if it were a repository (services may use `@InjectRepository`, controllers may not).
     */
    ormStandsInForMissingRepositories: z.boolean().default(true),
    /**
     * When the app has repository classes of its own that wrap the ORM, services must use them
     * rather than the ORM's repositories or the database client. Off by default: the ORM's
     * repository is a repository, and services that use it were nearly always the team's design
     * (cron jobs and singletons outside a request scope, one lookup beside a custom repository).
     */
    requireOwnRepositories: z.boolean().default(false),
    /**
     * A two-tier app — no service layer its controllers call, no repository layer, and two or more controllers or
     * routers that reach the database themselves — is built that way: its controllers and
     * routers may use the ORM or database client directly (there is no layer to go through).
     */
    directDataAccessWithoutServices: z.boolean().default(true),
    /**
     * Services in a shared folder (`common/`, `shared/`, `helpers/`…) that depend on no other layer
     * of the app are utilities (pagination, hashing, dates): any layer may use them.
     */
    allowSharedHelperServices: z.boolean().default(true),
  })
  .strict();

const ADVICE: Readonly<Record<LayerId, string>> = {
  controller: 'Controllers handle HTTP only: move the shared logic into a service both can call.',
  router: 'Routers are wired by the composition root: move the shared code out of the router.',
  repository: 'Call a service that owns this use case; the service talks to the repository.',
  'data-access': 'Go through a repository: it is the only layer that touches the database client or ORM.',
  service: 'Repositories only persist data: move the logic that needs this service up into the service layer.',
  adapter: 'Depend on a port the inside declares (an interface or abstract class), and let the module bind the adapter to it.',
  'interface-adapters': 'Depend on an interface the use cases declare, and let the outer ring implement it.',
  frameworks: 'Depend on an interface the inner ring declares, and let the framework code implement it.',
  application: 'The domain must not know the use cases: move what it needs into the domain, or raise a domain event the application handles.',
  'use-cases': 'The entities must not know the use cases: move what they need into the entities.',
};

export const forbiddenDependency = defineRule({
  meta: {
    id: 'layering/forbidden-dependency',
    description: 'A file depends on a layer the layering policy forbids (by import, require, dependency injection or `new`).',
    defaultSeverity: 'warning',
    fixable: true,
    messages: { 'forbidden-layer': 'A file depends on a layer its own layer may not depend on; data names the two layers and the dependency.' },
  },
  options,
  // A file's findings depend on its edges and their targets' layers, plus workspace-wide facts:
  // whether a repository layer exists, which services are shared helpers (their own dependencies
  // are two steps away from the judged file), and which modules stack their rings as layers.
  perFile: (graph) => {
    const { repositoryLayerPresent, ormRepositoriesExtended, twoTier, directByDesign, sharedHelpers, dataStores, servicesAboveRepositories } = workspaceLayering(graph);
    // What a file's verdict reads beyond its neighbours (a service's own dependencies) is part of the context.
    const sets = [directByDesign, sharedHelpers, dataStores, servicesAboveRepositories].map((set) => [...set].sort().join('|'));
    return `${repositoryLayerPresent}|${ormRepositoriesExtended}|${twoTier}|${sets.join('\0')}\0${technologyFoldersKey(graph)}\0${stackedRingsKey(graph)}`;
  },
  check(context) {
    const judging = judgingOf(context);
    for (const node of filesToCheck(context)) {
      if (!node.layer) continue;
      // A workspace package with an architecture of its own is judged by its policy.
      const own = packageOf(context.architecture, context.graph.root, node.file);
      checkFile(node, node.layer, own ? { ...judging, policy: own.policy, injectedPortsByType: own.injectedPortsByType } : judging, context.report);
    }
  },
});

type Context = Parameters<(typeof forbiddenDependency)['check']>[0];

/** What every file is judged with: the policy and what the workspace as a whole says about its design. */
function judgingOf(context: Context): Judging {
  const { graph, options } = context;
  const { repositoryLayerPresent, ormRepositoriesExtended, twoTier, directByDesign, sharedHelpers, dataStores, servicesAboveRepositories } = workspaceLayering(graph);
  const ownRepositoriesRequired = options.requireOwnRepositories && repositoryLayerPresent && !ormRepositoriesExtended;
  return {
    includeTypeOnly: options.includeTypeOnly,
    injectedPortsByType: context.architecture.injectedPortsByType,
    graph,
    policy: context.policy,
    substituteOrm: options.ormStandsInForMissingRepositories && !ownRepositoriesRequired,
    twoTier: options.directDataAccessWithoutServices && twoTier,
    directByDesign: options.directDataAccessWithoutServices ? directByDesign : new Set(),
    sharedHelpers: options.allowSharedHelperServices ? sharedHelpers : new Set(),
    dataStores,
    servicesAboveRepositories,
  };
}

function checkFile(node: FileNode, from: LayerId, judging: Judging, report: Context['report']): void {
  const { graph, policy } = judging;
  // Decorators are aspects (`@Cached()`, `@UseGuards(AuthGuard)`), and names only passed on are
  // re-exports: neither makes the file depend on what they stand for.
  // Mounting another controller's routes under one's own path is router composition (wiring).
  const counts = (e: Edge) =>
    e.usedAs !== 'decorator' &&
    e.usedAs !== 'export' &&
    e.usedAs !== 'mount' &&
    e.unused !== true &&
    (judging.includeTypeOnly || e.runtime || e.kind === 'di' || policy.get(from)?.includeTypeOnly === true);
  const readsDataByDesign = isHealthCheck(node) || isQueryHandler(node) || readsOnReadSide(graph, node);
  // What the file builds is read only for a file with a violation: most have none.
  let built: ReadonlySet<LayerId> | undefined;
  const builds = (layer: LayerId) => (built ??= WIRING_INSIDE.has(from) ? builtHere(graph, node) : composesControllers(graph, node, from) ? FACTORY_BUILT : NOTHING).has(layer);
  for (const edges of groupByTarget(graph.outgoing(node.file))) {
    const violation = violationOf(edges.filter(counts), from, node.projectDir, judging);
    if (!violation || ((readsDataByDesign || onlyHealthRoutesUse(node, violation.edge)) && DATA_LAYERS.has(violation.targetLayer))) continue;
    if (builds(violation.targetLayer) || usesOutsideByDesign(graph, node, from, violation)) continue;
    report({
      file: node.file,
      range: violation.edge.range,
      messageId: 'forbidden-layer',
      ...messageFor(violation.edge, from, violation.targetLayer, policy),
      data: { from, to: violation.targetLayer, dependency: dependencyText(violation.edge), ...contractOf(policy, from) },
      related: relatedFor(graph, violation.edge, violation.targetLayer, edges),
    });
  }
}

/**
 * An inside file's use of the outer ring that is the design, not a shortcut: an implementation
 * using its own technology's client, a resolver handing adapters out behind their port, or a
 * module whose rings are stacked as layers (the application over the infrastructure; the domain
 * stays below all).
 */
function usesOutsideByDesign(graph: DependencyGraph, node: FileNode, from: LayerId, violation: { edge: Edge; targetLayer: LayerId }): boolean {
  // In stacked rings the application sits on the infrastructure: its adapters, and repositories
  // known by their names alone (not the ORM or database client those wrap).
  if (WIRING_INSIDE.has(from) && (OUTER_LAYERS.has(violation.targetLayer) || violation.targetLayer === 'repository') && inRingsWithoutPorts(graph, node.file)) return true;
  if (!OUTER_LAYERS.has(violation.targetLayer)) return false;
  if (usesOwnTechnology(graph, node, violation.edge)) return true;
  return WIRING_INSIDE.has(from) && handsOutBehindPort(graph, node, violation.edge);
}

interface Judging {
  /** Imports used only as types count for every layer (the rule's option). */
  readonly includeTypeOnly: boolean;
  /** Token injections typed with a port are judged by the port (see `Edge.typedAs`). */
  readonly injectedPortsByType: boolean;
  readonly graph: DependencyGraph;
  readonly policy: LayerPolicy;
  /** Data access is judged as a repository (the ORM stands in for it; see the options). */
  readonly substituteOrm: boolean;
  /** A two-tier app (see `isTwoTier`): controllers and routers may use data access directly. */
  readonly twoTier: boolean;
  /** The projects whose controllers reach repositories themselves by design (see `isDirectByDesign`). */
  readonly directByDesign: ReadonlySet<string>;
  /** Services any layer may use (see `isSharedHelper`); empty when the option is off. */
  readonly sharedHelpers: ReadonlySet<string>;
  /** The kinds of store the app's own data layer talks to (see `storeKindOf`). */
  readonly dataStores: ReadonlySet<string>;
  /** Services that orchestrate repositories (see `sitsAboveRepositories`): the only ones a repository must not use. */
  readonly servicesAboveRepositories: ReadonlySet<string>;
}

const workspaceLayering = perGraph((graph: DependencyGraph) => {
  const nodes = [...graph.files.values()];
  const repositories = nodes.filter((n) => n.layer === 'repository');
  const sharedHelpers = new Set(nodes.filter((n) => n.layer === 'service' && isSharedHelper(graph, n)).map((n) => n.file));
  const dataStores = new Set(nodes.filter((n) => n.layer !== undefined && DATA_HOLDERS.has(n.layer)).flatMap((n) => storesUsedBy(graph, n.file)));
  return {
    repositoryLayerPresent: repositories.length > 0,
    ormRepositoriesExtended: repositories.some((n) => extendsOrmRepository(graph, n)),
    twoTier: repositories.length === 0 && isTwoTier(graph, nodes),
    directByDesign: new Set([...byProject(nodes)].filter(([, inProject]) => isDirectByDesign(graph, inProject)).map(([dir]) => dir)) as ReadonlySet<string>,
    sharedHelpers: sharedHelpers as ReadonlySet<string>,
    dataStores: dataStores as ReadonlySet<string>,
    servicesAboveRepositories: new Set(nodes.filter((n) => n.layer === 'service' && sitsAboveRepositories(n.file, graph)).map((n) => n.file)) as ReadonlySet<string>,
  };
});

/**
 * No service layer (a service that no controller calls and that reaches no data, such as a monitor
 * type named `system-service.js`, is none), and more controllers or routers on the database
 * client than on models: controllers that mostly go through models (active record) have a data
 * layer, and the few that bypass it take a shortcut.
 */
function isTwoTier(graph: DependencyGraph, nodes: readonly FileNode[]): boolean {
  const services = nodes.some((n) => n.layer === 'service' && usesLayer(graph, n.file, DATA_HOLDERS));
  const entries = nodes.filter((n) => n.layer !== undefined && ENTRY_LAYERS.has(n.layer) && n.exempt === undefined);
  if (services || entries.some((n) => usesLayer(graph, n.file, SERVICES))) return false;
  const onData = entries.filter((n) => usesLayer(graph, n.file, DATA_ACCESS)).length;
  const onModels = entries.filter((n) => !usesLayer(graph, n.file, DATA_ACCESS) && usesLayer(graph, n.file, MODELS)).length;
  return onData >= TWO_TIER_MIN_ENTRIES && onData > onModels;
}

const DATA_HOLDERS: ReadonlySet<LayerId> = new Set(['repository', 'data-access', 'model']);

/**
 * A model defined with Mongoose (`mongoose.model('User', schema)`) uses no client at run time, yet
 * says the app's data lives in a document store: packages of a store other than SQL count whatever
 * names they bring in.
 */
function storesUsedBy(graph: DependencyGraph, file: string): string[] {
  return graph.outgoing(file).flatMap((e) => {
    if (!e.external) return [];
    const kind = storeKindOf(e.to);
    return graph.targetLayer(e) === 'data-access' || (kind !== 'sql' && e.runtime) ? [kind] : [];
  });
}

/** Document stores and wide-column stores are other databases than the SQL ones any SQL client or ORM may reach. */
function storeKindOf(packageName: string): string {
  if (/^(?:mongoose|mongodb|@mikro-orm\/mongodb)$/.test(packageName)) return 'document';
  if (packageName === 'cassandra-driver') return 'wide-column';
  return 'sql';
}

/**
 * A client of a kind of store the app's own data layer never uses — a driver for customers'
 * warehouses, an import from a legacy database — talks to someone else's data: there is no
 * repository of the app to go through.
 */
function isOtherStore(edge: Edge, judging: Judging): boolean {
  return edge.external && judging.dataStores.size > 0 && !judging.dataStores.has(storeKindOf(edge.to));
}

/**
 * `class UserRepository extends EntityRepository<User>`: the app's repositories are the ORM's own,
 * extended. There the ORM's repositories (and its unit of work) are the repository layer, and a
 * service using one directly goes through no shortcut.
 */
function extendsOrmRepository(graph: DependencyGraph, node: FileNode): boolean {
  const bases = new Set(node.facts.classes.flatMap((c) => (c.extends ? [c.extends.name] : [])));
  if (bases.size === 0) return false;
  return graph.outgoing(node.file).some((e) => e.external && graph.targetLayer(e) === 'data-access' && e.names.some((n) => bases.has(n) && /Repository$/.test(n)));
}

/**
 * A two-tier app by design (see `isTwoTier`) has at least this many controllers or routers that
 * reach the database themselves. There is no layer for them to go through, so direct data access is
 * its architecture, not a shortcut.
 */
const TWO_TIER_MIN_ENTRIES = 2;

function byProject(nodes: readonly FileNode[]): Map<string, FileNode[]> {
  const projects = new Map<string, FileNode[]>();
  for (const node of nodes) {
    const inProject = projects.get(node.projectDir);
    if (inProject) inProject.push(node);
    else projects.set(node.projectDir, [node]);
  }
  return projects;
}

/**
 * Controllers that reach the data reach it themselves, by the app's design: at least
 * `DIRECT_BY_DESIGN_MIN` of them use a repository or the database client directly, and at least
 * twice as many as go through services alone. The app is built controller → repository (its
 * services, if any, hold side effects); telling every controller otherwise is noise, and only a
 * layered app's exceptions are worth hearing. A design belongs to one app: it is judged per
 * project, so two apps opened side by side do not add up to a pattern neither has.
 */
function isDirectByDesign(graph: DependencyGraph, nodes: readonly FileNode[]): boolean {
  const entries = nodes.filter((n) => n.layer !== undefined && ENTRY_LAYERS.has(n.layer) && n.exempt === undefined);
  const direct = entries.filter((n) => usesLayer(graph, n.file, DATA_LAYERS)).length;
  const throughServices = entries.filter((n) => !usesLayer(graph, n.file, DATA_LAYERS) && usesLayer(graph, n.file, SERVICES)).length;
  return direct >= DIRECT_BY_DESIGN_MIN && direct >= 2 * throughServices;
}

const DIRECT_BY_DESIGN_MIN = 4;

const DATA_ACCESS: ReadonlySet<LayerId> = new Set(['data-access']);
const MODELS: ReadonlySet<LayerId> = new Set(['model']);
const SERVICES: ReadonlySet<LayerId> = new Set(['service']);

function usesLayer(graph: DependencyGraph, file: string, layers: ReadonlySet<LayerId>): boolean {
  return graph.outgoing(file).some((e) => {
    const layer = (e.runtime || e.kind === 'di') && graph.targetLayer(e);
    return typeof layer === 'string' && layers.has(layer);
  });
}

const DATA_LAYERS: ReadonlySet<LayerId> = new Set(['repository', 'data-access']);
const HEALTH_NAME = /(?:^|[.\-_])(?:health|healthz|healthcheck|health-check|readiness|readyz|liveness|livez|heartbeat)(?:[.\-_]|$)/i;

/** A file named for its role alone, which its folder names (`health/controller.ts`, `health/routes.ts`). */
const GENERIC_ENTRY_STEM = /^(?:index|controllers?|routes?|router|handlers?|api)$/i;

/**
 * A health or readiness check: it pings the database on purpose (`SELECT 1`, a terminus
 * indicator), so its direct data access is the probe, not a shortcut around a service. The file
 * says so, or its folder when the file is named for its role alone (`modules/health/controller.ts`;
 * `application/health/add-vet-visit.use-case.ts` is about another kind of health).
 */
function isHealthCheck(node: FileNode): boolean {
  const stem = path.posix.basename(node.file).replace(/\.[cm]?[jt]sx?$/i, '');
  if (HEALTH_NAME.test(stem) || (GENERIC_ENTRY_STEM.test(stem) && HEALTH_NAME.test(path.posix.basename(path.posix.dirname(node.file))))) return true;
  return node.facts.classes.some(
    (c) =>
      /^Health(?:Check)?(?:Controller|Router|Resolver)?$/.test(c.name ?? '') || c.decorators.some((d) => d.name === 'Controller' && d.args[0]?.kind === 'string' && HEALTH_NAME.test(d.args[0].value)),
  );
}

/**
 * `constructor(private prisma: PrismaService) {}` used only by `@Get('health')`, or
 * `import { db }` used only by `router.get('/health/ready', …)`: the entry point takes the database
 * for its health probe, which pings it on purpose.
 */
function onlyHealthRoutesUse(node: FileNode, edge: Edge): boolean {
  const uses = edge.kind === 'di' ? injectedUses(node, edge) : edge.kind === 'import' ? importedUses(node, edge) : undefined;
  if (uses === undefined) return false;
  let usedOutsideHealth = false;
  let usedInHealth = false;
  walk(node.sourceFile, (n) => {
    if (ts.isImportDeclaration(n)) return false;
    if (uses(n)) {
      if (isInHealthRoute(n)) usedInHealth = true;
      else usedOutsideHealth = true;
    }
    return !usedOutsideHealth;
  });
  return usedInHealth && !usedOutsideHealth;
}

/** `this.prisma` for the constructor parameter the injection's edge spans (see `injection-edges.ts`). */
function injectedUses(node: FileNode, edge: Edge): ((n: ts.Node) => boolean) | undefined {
  const name = node.facts.classes.flatMap((c) => c.constructorParams).find((p) => p.range.start === edge.range.start)?.name;
  if (name === undefined) return undefined;
  return (n) => ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && n.name.text === name;
}

/** The names an import brings in, wherever the file reads them. */
function importedUses(node: FileNode, edge: Edge): ((n: ts.Node) => boolean) | undefined {
  const locals = new Set(node.facts.moduleRefs.filter((ref) => ref.specifier === edge.specifier).flatMap((ref) => ref.bindings.map((b) => b.local)));
  if (locals.size === 0) return undefined;
  return (n) => ts.isIdentifier(n) && locals.has(n.text) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n);
}

/** Inside a route method decorated with a health path (`@Get('health')`), or a handler registered on one (`router.get('/health/ready', …)`). */
function isInHealthRoute(n: ts.Node): boolean {
  for (let current: ts.Node = n; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isCallExpression(parent) && parent.arguments.indexOf(current as ts.Expression) > 0 && isHealthPath(parent.arguments[0])) return true;
    if (!ts.isMethodDeclaration(current)) continue;
    return (ts.getDecorators(current) ?? []).some((d) => isHealthPath(ts.isCallExpression(d.expression) ? d.expression.arguments[0] : undefined));
  }
  return false;
}

/** `health`, `/api/healthz`: path segments read like the file-name segments HEALTH_NAME knows. */
function isHealthPath(path: ts.Expression | undefined): boolean {
  return path !== undefined && ts.isStringLiteralLike(path) && HEALTH_NAME.test(path.text.replace(/\//g, '.'));
}

/**
 * A factory (`payments-adapter.factory.ts`, `class PaymentsAdapterFactory`) is where concrete
 * adapters are chosen and built, then handed out behind their ports: the wiring the ports-and-
 * adapters presets ask for, wherever the team keeps it (plugin guides often put it in the
 * application layer). Its dependencies on the outer ring are that construction, not a use. So is a
 * file named for the dependencies it builds (`invoicing-deps.ts`, `make-upload-deps.ts`).
 */
function isFactory(node: FileNode): boolean {
  if (/(?:^|[.\-_])(?:factory|deps|dependencies)\.[cm]?[jt]sx?$|(?:Factory|Deps|Dependencies)\.[cm]?[jt]sx?$/.test(path.posix.basename(node.file))) return true;
  const classes = node.facts.classes.filter((c) => c.name !== undefined);
  return classes.length > 0 && classes.every((c) => /Factory$/.test(c.name ?? ''));
}

/**
 * An application service that builds the use cases (`new CreateTodoList(this.todoLists, …)`) and
 * hands them the adapters is where they are composed: wiring, like a factory. The use cases take
 * ports; what this file knows of the adapters is what it passes on.
 */
function composesUseCases(graph: DependencyGraph, node: FileNode): boolean {
  return graph.outgoing(node.file).some((e) => e.kind === 'instantiation' && e.to !== node.file && isUseCase(graph, e));
}

/** A class of the use-case ring named or filed as a use case (`usecase/CreateTodoList.ts`, `PlaceOrderUseCase`). */
function isUseCase(graph: DependencyGraph, edge: Edge): boolean {
  if (!USE_CASE_RINGS.has(graph.files.get(edge.to)?.layer ?? '')) return false;
  const folders = foldersOf(graph, edge.to);
  return folders.some((f) => USE_CASE_FOLDERS.has(f.toLowerCase())) || edge.names.some((n) => /(?:UseCase|Interactor)$/.test(n));
}

const USE_CASE_RINGS: ReadonlySet<string> = new Set(['application', 'use-cases']);
const USE_CASE_FOLDERS: ReadonlySet<string> = new Set(['use-cases', 'usecases', 'use-case', 'usecase', 'interactors']);

/** The outer ring of the ports-and-adapters presets: what a factory builds. */
const OUTER_LAYERS: ReadonlySet<LayerId> = new Set(['adapter', 'interface-adapters', 'frameworks']);
/**
 * A factory also builds the controllers it hands to the router (`UsersControllerFactory`) and the
 * repositories it hands out behind their ports (`new DrizzleInvoiceRepo(db)`): wiring as much.
 */
const FACTORY_BUILT: ReadonlySet<LayerId> = new Set([...OUTER_LAYERS, 'controller', 'router', 'repository']);
const NOTHING: ReadonlySet<LayerId> = new Set();

/**
 * A file outside the edge that builds controllers together with what they are given
 * (`new UsersController(new UsersService(new UsersRepository(db)))`) composes the app, wherever
 * the team files it (`config/DependencyInjection.ts`, a class of static getters): its
 * dependencies on what it builds are that construction, as a factory's are. Only the app's
 * composition builds controllers; a service building a repository and an adapter is no such thing.
 */
function composesControllers(graph: DependencyGraph, node: FileNode, from: LayerId): boolean {
  if (EDGE_LAYERS.has(from)) return false;
  const built = new Set(graph.outgoing(node.file).flatMap((e) => (e.kind === 'instantiation' && e.to !== node.file ? [graph.files.get(e.to)?.layer] : [])));
  return built.has('controller') && [...built].some((layer) => layer !== undefined && layer !== 'controller' && BUILT_FOR_CONTROLLERS.has(layer));
}

/** Layers that answer requests themselves. */
const EDGE_LAYERS: ReadonlySet<LayerId> = new Set(['controller', 'router']);

/** What a controller is given: the services, use cases, repositories and adapters behind it. */
const BUILT_FOR_CONTROLLERS: ReadonlySet<LayerId> = new Set(['service', 'application', 'use-cases', 'repository', ...OUTER_LAYERS]);

/** The layers a file of the inside builds to hand them on: a factory's, or what composing the use cases passes them. */
function builtHere(graph: DependencyGraph, node: FileNode): ReadonlySet<LayerId> {
  if (isFactory(node)) return FACTORY_BUILT;
  return composesUseCases(graph, node) ? OUTER_LAYERS : NOTHING;
}

/** The file implements a port for one technology (see `technologyFoldersOf`), and the edge stays in that technology's folder. */
function usesOwnTechnology(graph: DependencyGraph, node: FileNode, edge: Edge): boolean {
  return !edge.external && technologyFoldersOf(graph, node.file).some((folder) => edge.to.startsWith(`${folder}/`));
}

/** Where such a factory may sit: the application ring, not the domain, which knows nothing outside. */
const WIRING_INSIDE: ReadonlySet<LayerId> = new Set(['application', 'use-cases', 'service']);

/**
 * The read side of CQRS: a query handler (`@QueryHandler`, `implements IQueryHandler`,
 * `*.query-handler.ts`) reads the database directly by design — the read model needs no domain
 * objects, so bypassing repositories is the pattern, not a shortcut. Command handlers are not.
 */
function isQueryHandler(node: FileNode): boolean {
  if (/[.\-_]query[.\-_]?handler\.[cm]?[jt]sx?$/i.test(node.file)) return true;
  return node.facts.classes.some((c) => c.decorators.some((d) => d.name === 'QueryHandler') || c.implements.some((i) => /^IQueryHandler$/.test(i)));
}

/** A folder of the read side of a CQRS split, and of its write side (`read/` beside `write/`, `queries/` beside `commands/`). */
const READ_SIDE = /^(?:reads?|quer(?:y|ies)|read[-_]?side|read[-_]?models?)$/i;
const WRITE_SIDE = /^(?:writes?|commands?|write[-_]?side|write[-_]?models?)$/i;

/** The folders (relative to the root) that hold a write side: their read-side folders are its other half. */
const foldersSplitBySide = perGraph((graph: DependencyGraph): ReadonlySet<string> => {
  const split = new Set<string>();
  for (const file of graph.files.keys()) {
    const folders = foldersOf(graph, file);
    folders.forEach((folder, i) => {
      if (WRITE_SIDE.test(folder)) split.add(folders.slice(0, i).join('/'));
    });
  }
  return split;
});

/**
 * A file on the read side of a CQRS split (`read/course-progress/…` beside `write/`) that only
 * reads: the read side queries its projection directly by design, as a query handler does. The
 * write side beside it is the evidence; a file that writes is no read side, whatever its folder.
 */
function readsOnReadSide(graph: DependencyGraph, node: FileNode): boolean {
  const folders = foldersOf(graph, node.file);
  const split = foldersSplitBySide(graph);
  const onReadSide = folders.some((folder, i) => READ_SIDE.test(folder) && split.has(folders.slice(0, i).join('/')));
  return onReadSide && !writesData(node, graph);
}

/** The folders of a file's path from the analyzed root (`['src', 'orders']`). */
function foldersOf(graph: DependencyGraph, file: string): string[] {
  return path.posix.dirname(path.posix.relative(graph.root, file)).split('/');
}

/** Layers that talk to HTTP: with no service layer, they are where the app's logic lives. */
const ENTRY_LAYERS: ReadonlySet<LayerId> = new Set(['controller', 'router']);

/** The edge to report among those joining two files, if the policy forbids that dependency. */
function violationOf(counted: readonly Edge[], from: LayerId, projectDir: string, judging: Judging): { edge: Edge; targetLayer: LayerId } | undefined {
  if (counted.length === 0) return undefined;
  const edge = mostTelling(counted);
  const targetLayer = judgedTargetLayer(edge, judging);
  if (!targetLayer || isNoCrossing(edge, from, targetLayer, judging) || isDataAccessByDesign(edge, from, targetLayer, projectDir, judging)) return undefined;
  const judgedLayer = judging.substituteOrm && targetLayer === 'data-access' ? 'repository' : targetLayer;
  return judge(judging.policy, from, judgedLayer).allowed ? undefined : { edge, targetLayer };
}

/** The layer an edge reaches; for a token injection typed with a port under a ports-and-adapters preset, the port's. */
function judgedTargetLayer(edge: Edge, judging: Judging): LayerId | undefined {
  const port = judging.injectedPortsByType ? injectedPort(edge, judging.graph) : undefined;
  if (port !== undefined) return judging.graph.files.get(port)?.layer;
  return judging.graph.targetLayer(edge);
}

/** The port file a token injection depends on: the type it names, or, typed inline, the port other injections of its token name. */
function injectedPort(edge: Edge, graph: DependencyGraph): string | undefined {
  if (edge.typedAs !== undefined) return edge.typedAs;
  return edge.untyped === true ? portOfToken(graph).get(tokenKey(edge)) : undefined;
}

/**
 * The port each injection token stands for, where other injections of it name one
 * (`@Inject(UNIT_OF_WORK) uow: UnitOfWork` in most use cases): a parameter of the same token
 * typed inline (`uow: { run(work): Promise<void> }`) depends on that port too, not on what the
 * module binds. A token no injection types with a port stays the provider's.
 */
const portOfToken = perGraph((graph: DependencyGraph): ReadonlyMap<string, string> => {
  const ports = new Map<string, string>();
  for (const edge of graph.edges) if (edge.kind === 'di' && edge.token !== undefined && edge.typedAs !== undefined && !ports.has(tokenKey(edge))) ports.set(tokenKey(edge), edge.typedAs);
  return ports;
});

/** A token with the provider it resolves to: two tokens of one name in different files stay apart. */
function tokenKey(edge: Edge): string {
  return `${edge.to}\0${edge.token ?? ''}`;
}

/** Edges that look like a dependency on another layer and are none. */
function isNoCrossing(edge: Edge, from: LayerId, targetLayer: LayerId, judging: Judging): boolean {
  if (!edge.external && isLogger(edge.to)) return true;
  if (targetLayer === 'service' && judging.sharedHelpers.has(edge.to)) return true;
  // A service that uses no repository is no layer above them: a unit of work, an API client, an
  // encryption or tenancy helper, a type registry is the data layer's own tool, whatever its name.
  if (DATA_LAYERS.has(from) && targetLayer === 'service' && !edge.external && !judging.servicesAboveRepositories.has(edge.to)) return true;
  if (!edge.external && isPlainData(edge, targetLayer, judging.graph)) return true;
  if (!edge.external && takesOnlyLiterals(edge, judging.graph)) return true;
  // What is injected from a file that declares a Nest module is one of its providers (an event
  // bus declared beside the `@Global()` module that exports it), never the module itself.
  if (targetLayer === 'module' && edge.kind === 'di') return true;
  // A file of the app that imports a seed or fixture file reads it at run time (default pod sizes,
  // condition-builder definitions): that file is reference data, whatever its folder or name says.
  if (targetLayer === 'tooling') return true;
  // Extending a base class of one's own layer is sharing code, not crossing layers; so is
  // extending an abstract base, whatever its name (`TokenRepository extends CrudService<Token>`):
  // the subclass is what it does, and the template it is built from runs only as part of it.
  if (edge.usedAs === 'base-class' && (targetLayer === from || extendsAbstractBase(edge, judging.graph))) return true;
  return targetLayer === from && takesOnlyShapes(edge, judging.graph);
}

/** A DTO or a model reached for what only describes data: no transport's validation, no persistence. */
function isPlainData(edge: Edge, targetLayer: LayerId, graph: DependencyGraph): boolean {
  // A `*.dto.ts` of plain shapes (no validation, no API docs, no framework) is a parameter object
  // of the code that declares it: only a transport shape is the outside's.
  if (targetLayer === 'dto') return !isTransportShape(edge.to, graph) || takesOnlyInterfaces(edge, graph);
  // `Entity.ts` of the domain's own base class is a model by name only: what persists is what the ORM knows.
  return targetLayer === 'model' && !isPersistenceModel(edge.to, graph);
}

/** Packages that make a shape a request or response of a transport: validation, serialization, API docs. */
const TRANSPORT_PACKAGES =
  /^(?:class-validator|class-transformer|@nestjs\/swagger|@nestjs\/graphql|@nestjs\/mapped-types|nestjs-zod|zod|joi|yup|@sinclair\/typebox|type-graphql|express|fastify|koa)(?:\/|$)/;

function isTransportShape(file: string, graph: DependencyGraph): boolean {
  return graph.outgoing(file).some((e) => e.external && TRANSPORT_PACKAGES.test(e.to));
}

/** Layers a service above the repositories uses: them, or the entry points above itself. */
const ABOVE_REPOSITORIES: ReadonlySet<LayerId> = new Set(['repository', 'controller', 'router']);

/**
 * The service orchestrates repositories or queries persistence models (or reaches entry points),
 * itself or through a service it uses: a repository depending on it turns the layers around.
 */
function sitsAboveRepositories(file: string, graph: DependencyGraph): boolean {
  const servesData = (f: string) =>
    usesLayer(graph, f, ABOVE_REPOSITORIES) || graph.outgoing(f).some((e) => e.runtime && !e.external && graph.targetLayer(e) === 'model' && isPersistenceModel(e.to, graph));
  if (servesData(file)) return true;
  return graph.outgoing(file).some((e) => !e.external && e.to !== file && (e.runtime || e.kind === 'di') && graph.targetLayer(e) === 'service' && servesData(e.to));
}

/** A dependency on an ORM, a database client, a schema library, or the app's data-access files. */
function reachesPersistence(edge: Edge, graph: DependencyGraph): boolean {
  return edge.external ? isPersistencePackage(packageNameOf(edge.to)) : graph.targetLayer(edge) === 'data-access';
}

/**
 * A model that uses an ORM, a database client or a schema library is the persistence's shape. One
 * that only names the models a schema-generated client declares (`implements OutboxRow` from
 * `@prisma/client`) describes the same data and keeps no tie to the database.
 */
function isPersistenceModel(file: string, graph: DependencyGraph): boolean {
  const node = graph.files.get(file);
  if (node?.facts.shape.definesTables) return true;
  return graph.outgoing(file).some((e) => reachesPersistence(e, graph) && !(e.external && namesGeneratedShapesOnly(e.to, e.names, e.members)));
}

/** The names taken are abstract classes of the target file. */
function extendsAbstractBase(edge: Edge, graph: DependencyGraph): boolean {
  const target = graph.files.get(edge.to);
  return target !== undefined && edge.names.length > 0 && edge.names.every((name) => target.facts.classes.some((c) => c.name === name && c.abstract));
}

/**
 * `import { bodySchema } from './postSessions'`, `import { UserResponse } from './UserController'`:
 * a file that takes only a schema, a type or a response shape declared beside a sibling's handlers
 * shares a definition, not the sibling's handling. A function taken (a handler, a helper) is still
 * a dependency on the sibling.
 */
function takesOnlyShapes(edge: Edge, graph: DependencyGraph): boolean {
  if ((edge.kind !== 'import' && edge.kind !== 'type-import' && edge.kind !== 'require') || edge.names.length === 0) return false;
  const target = graph.files.get(edge.to);
  return target !== undefined && edge.names.every((name) => declaresShape(target.sourceFile, name));
}

/**
 * `import { PHONE_TAKEN_CODE } from '../repositories/phones.repository'`: a file that takes only
 * strings or numbers another layer declares shares a value (an error code to map to a status), not
 * that layer's work. Moving the value to a shared file is tidier, but no layer is bypassed.
 */
function takesOnlyLiterals(edge: Edge, graph: DependencyGraph): boolean {
  if ((edge.kind !== 'import' && edge.kind !== 'require') || edge.names.length === 0) return false;
  const target = graph.files.get(edge.to);
  return target !== undefined && edge.names.every((name) => declaresLiteral(target.sourceFile, name));
}

const DTO_NAMED = /(?:^|[.\-_])dtos?\.[cm]?[jt]sx?$|Dtos?\.[cm]?[jt]sx?$/;

/**
 * `import type { PaginatedResult } from './pagination'` beside a validated `PaginationDto`: the
 * interfaces of a transport file are plain shapes; only its validated classes are the outside's.
 */
function takesOnlyInterfaces(edge: Edge, graph: DependencyGraph): boolean {
  const target = graph.files.get(edge.to);
  if (target === undefined || edge.names.length === 0 || (edge.kind !== 'import' && edge.kind !== 'type-import')) return false;
  // `contracts/dto.ts`, `order.dto.ts`: a file the team named for its DTOs declares DTOs, interfaces included.
  if (DTO_NAMED.test(path.posix.basename(edge.to))) return false;
  const classes = new Set(target.facts.classes.map((c) => c.name).filter((name): name is string => name !== undefined));
  const shapes = new Set<string>();
  for (const statement of target.sourceFile.statements) {
    // `type IssueBody = IssueBodyDto` is the validated class under another name.
    const named = ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement);
    if (named && !hasNode(statement, (node) => ts.isIdentifier(node) && node !== statement.name && classes.has(node.text))) shapes.add(statement.name.text);
  }
  return edge.names.every((name) => shapes.has(name));
}

/** Data access the app's architecture allows where the default policy would not. */
function isDataAccessByDesign(edge: Edge, from: LayerId, targetLayer: LayerId, projectDir: string, judging: Judging): boolean {
  if (judging.twoTier && ENTRY_LAYERS.has(from) && targetLayer === 'data-access') return true;
  if (judging.directByDesign.has(projectDir) && ENTRY_LAYERS.has(from) && DATA_LAYERS.has(targetLayer)) return true;
  if (targetLayer === 'data-access' && isOtherStore(edge, judging)) return true;
  return DATA_LAYERS.has(targetLayer) && buildsQueryPartsOnly(edge);
}

/** Members of a database client that build part of a query, run by something else: `knex.raw('?', [id])`, `sequelize.fn('lower', …)`. */
const QUERY_PART_MEMBERS = /^(?:raw|fn|col|literal|where|cast|json|Op|ref)$/;

/**
 * The app's database module used only to build query fragments (`db.raw(…)`, `sequelize.where(…)`)
 * that a model or a repository then runs: the file builds a condition, it queries nothing itself.
 */
function buildsQueryPartsOnly(edge: Edge): boolean {
  const members = edge.members;
  return members !== undefined && members.length > 0 && members.every((m) => QUERY_PART_MEMBERS.test(m));
}

/**
 * A service whose own dependencies reach no layer of the app, under a shared folder, or declaring
 * no class at all (`services/cursor.ts` of pure functions that encode a cursor): a utility wherever
 * it sits.
 */
function isSharedHelper(graph: DependencyGraph, node: FileNode): boolean {
  const folders = foldersOf(graph, node.file);
  const shared = folders.some((f) => NEUTRAL_FOLDERS.has(f.toLowerCase()));
  if (!shared && node.facts.classes.length > 0) return false;
  return graph.outgoing(node.file).every((e) => {
    if (!e.runtime && e.kind !== 'di') return true;
    const layer = graph.targetLayer(e);
    // Outside a shared folder, functions over models are an active-record service, not a utility.
    return layer === undefined || (shared && layer === 'model') || (e.external && layer !== 'data-access');
  });
}

/**
 * The headline names the two layers and what is depended on (the class, when there is one, before
 * its file); where the rule comes from, the advice and the allowed layers are the detail.
 */
function messageFor(edge: Edge, from: LayerId, to: LayerId, policy: LayerPolicy): { message: string; detail: string } {
  // `injects the TypeORM repository of Order (@InjectRepository)`: the decorator goes to the detail.
  const [, injected, decorator] = /^(.*) \((@\w+)\)$/.exec(edge.detail ?? '') ?? [];
  const what = injected ?? edge.detail ?? dependencyText(edge);
  const typeOnly = edge.kind === 'type-import' ? ' (only as a type)' : '';
  const rule = policy.get(from);
  const allowed = rule?.allow;
  const place = edge.detail && !edge.external ? `${path.posix.basename(edge.to)} is in the ${to} layer. ` : '';
  const how = decorator ? `Injected with ${decorator}. ` : '';
  const source = rule?.source ? `This comes from ${rule.source}. ` : '';
  const advice = ADVICE[to] ?? `Move the code so that ${articleOf(from)} ${from} does not need the ${to} layer.`;
  const allowedText = allowed && allowed.size > 0 ? ` ${upperFirst(articleOf(from))} ${from} may depend on: ${[...allowed].join(', ')}.` : '';
  return { message: `${subjectOf(from)} must not depend on the ${to} layer: it ${what}${typeOnly}.`, detail: `${how}${place}${source}${advice}${allowedText}` };
}

/** The preset or file the broken rule comes from, for SARIF and the editor (`data.contract`). */
function contractOf(policy: LayerPolicy, from: LayerId): { contract?: string } {
  const source = policy.get(from)?.source;
  return source ? { contract: source } : {};
}

/** `A controller`, `An adapter`; a layer named in the plural (`entities`, `use-cases`) as `Code in the entities layer`. */
function subjectOf(layer: LayerId): string {
  return /[^s]s$/.test(layer) ? `Code in the ${layer} layer` : `${upperFirst(articleOf(layer))} ${layer}`;
}

function relatedFor(graph: DependencyGraph, edge: Edge, to: LayerId, edges: readonly Edge[]): { file: string; range: { start: number; end: number }; message: string }[] {
  const related = [];
  if (!edge.external) {
    const target = graph.files.get(edge.to);
    const cls = target?.facts.classes.find((c) => c.exported && c.nameRange) ?? target?.facts.classes.find((c) => c.nameRange);
    related.push({
      file: edge.to,
      range: cls?.nameRange ?? { start: 0, end: 0 },
      message: `${path.posix.basename(edge.to)} is in the ${to} layer (${target ? layerAccount(target) : 'classified'})`,
    });
  }
  for (const other of edges) {
    if (other !== edge && other.range.start !== edge.range.start) {
      related.push({ file: other.from, range: other.range, message: `also ${HOW[other.kind]} it here` });
    }
  }
  return related;
}
