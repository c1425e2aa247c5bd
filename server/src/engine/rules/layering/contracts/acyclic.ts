import type { Contract } from '../../../config/resolved';
import { stronglyConnectedComponents } from '../../../graph/cycles';
import type { RuleReport } from '../../types';
import { isOrmModel } from '../orm-models';
import { ownerByNestModules } from './public-api';
import { firstMatch, selectorOf, type Selector } from './selectors';
import { contractReport, dependenciesOf, unitName, type ContractInputs, type Dependency } from './violation';

type AcyclicContract = Extract<Contract, { type: 'acyclic' }>;

/**
 * Modules must not depend on each other in a cycle. Each strongly connected group of modules is
 * reported once, on the weakest link between two of them (the fewest files depending): the
 * cheapest dependency to remove or invert, with every member named.
 */
export function checkAcyclic(contract: AcyclicContract, inputs: ContractInputs): RuleReport[] {
  const modules = contract.modules.map((text) => selectorOf(text, inputs.graph, new Set(), { foldersOnly: true }));
  const links = moduleLinks(contract, inputs, modules);
  const reports: RuleReport[] = [];
  for (const component of stronglyConnected(links)) {
    if (component.length < 2) continue;
    const members = new Set(component);
    const inside = links.filter((link) => members.has(link.from) && members.has(link.to));
    const weakest = inside.sort((a, b) => a.dependencies.length - b.dependencies.length || (a.key < b.key ? -1 : 1))[0]!;
    const { from, to, dependencies } = weakest;
    const names = component.map(unitName).sort();
    const what = `"${unitName(from)}" → "${unitName(to)}" closes a cycle of ${names.length} modules`;
    const context = `Modules ${names.map((n) => `"${n}"`).join(', ')} depend on each other in a cycle, and "${unitName(from)}" → "${unitName(to)}" is its weakest link (${dependencies.length} ${dependencies.length === 1 ? 'file' : 'files'}).`;
    const related = inside
      .filter((link) => link !== weakest)
      .map((link) => ({ file: link.dependencies[0]!.edge.from, range: link.dependencies[0]!.edge.range, message: `"${unitName(link.from)}" depends on "${unitName(link.to)}" here` }));
    reports.push(
      contractReport(
        contract,
        dependencies[0]!,
        what,
        { context, advice: `Remove or invert this dependency (an event, or an interface "${unitName(to)}" declares and "${unitName(from)}" implements) to break the cycle.` },
        related,
      ),
    );
  }
  return reports;
}

/** The files of one module that depend on another module. */
interface ModuleLink {
  readonly from: string;
  readonly to: string;
  /** `from\0to`: the order links are compared in. */
  readonly key: string;
  readonly dependencies: Dependency[];
}

/** Dependencies between two modules, one link per pair, in file order. */
function moduleLinks(contract: AcyclicContract, inputs: ContractInputs, modules: readonly Selector[]): ModuleLink[] {
  const links = new Map<string, ModuleLink>();
  const moduleOf = ownerByNestModules(inputs.graph, (file) => firstMatch(modules, (s) => s.unitOf(file))?.unit);
  for (const node of inputs.files) {
    const from = moduleOf(node.file);
    if (!from) continue;
    for (const dependency of linkingDependencies(node, inputs, contract)) {
      const to = dependency.edge.external ? undefined : moduleOf(linkedFile(dependency));
      if (!to || to === from) continue;
      const key = `${from}\0${to}`;
      const link = links.get(key);
      if (link) link.dependencies.push(dependency);
      else links.set(key, { from, to, key, dependencies: [dependency] });
    }
  }
  return [...links.values()];
}

/**
 * The file a dependency ties its module to. A token injection typed with a port declared
 * elsewhere (`@Inject(QUOTA) quota: QuotaPort`, the port in a shared contracts folder) ties it to
 * the port: which module provides the token is the container's wiring, the very way a team breaks
 * a cycle between modules (see `Edge.typedAs`).
 */
function linkedFile(dependency: Dependency): string {
  const typedAs = dependency.edges.every((e) => e.kind === 'di' && e.typedAs !== undefined) ? dependency.edge.typedAs : undefined;
  return typedAs ?? dependency.edge.to;
}

/**
 * What links a file's module to others. Not `@UseGuards(AuthGuard)` or `@Roles('admin')`: a guard
 * or a decorator of no layer, used only in decorators, is an aspect every module may wear, not a
 * collaborator; the module that provides it depending back closes no cycle of design. (What a
 * decorator's metadata names — `@Module({ imports: [Users], inject: [Config] })` — is wiring to a
 * collaborator, and links.) Nor an entity naming another module's entity (`@ManyToOne(() => User)`
 * with its `@OneToMany` back): relations both ways are how an ORM maps one schema, not modules
 * calling each other, as the cycle rule does not count cycles of models only.
 */
function linkingDependencies(node: ContractInputs['files'][number], inputs: ContractInputs, contract: AcyclicContract): Dependency[] {
  const isAspect = (d: Dependency) => d.edges.every((e) => e.usedAs === 'decorator') && ASPECT_LAYERS.has(inputs.graph.targetLayer(d.edge));
  const fromModel = isOrmModel(node);
  const isRelation = (d: Dependency) => fromModel && !d.edge.external && isOrmModel(inputs.graph.files.get(linkedFile(d)));
  return dependenciesOf(node, inputs.graph, contract).filter((d) => !isAspect(d) && !isRelation(d));
}

/** Guards, interceptors and pipes (middleware), and decorator factories (no layer). */
const ASPECT_LAYERS: ReadonlySet<string | undefined> = new Set(['middleware', undefined]);

/** The modules' strongly connected groups (see `stronglyConnectedComponents`), by name. */
function stronglyConnected(links: readonly ModuleLink[]): string[][] {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (name: string) => {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.push(name) - 1;
      ids.set(name, id);
    }
    return id;
  };
  const targets: number[][] = [];
  for (const link of [...links].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const fromId = idOf(link.from);
    const toId = idOf(link.to);
    (targets[fromId] ??= []).push(toId);
  }
  for (let id = 0; id < names.length; id++) targets[id] ??= [];
  return stronglyConnectedComponents(targets).map((component) => component.map((id) => names[id]!));
}
