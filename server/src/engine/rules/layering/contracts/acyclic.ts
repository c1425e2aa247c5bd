import type { Contract } from '../../../config/resolved';
import { stronglyConnectedComponents } from '../../../graph/cycles';
import type { RuleReport } from '../../types';
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
    const inside = [...links.entries()].filter(([key]) => {
      const [from, to] = key.split('\0') as [string, string];
      return members.has(from) && members.has(to);
    });
    const [weakestKey, weakest] = inside.sort(([a, x], [b, y]) => x.length - y.length || (a < b ? -1 : 1))[0]!;
    const [from, to] = weakestKey.split('\0') as [string, string];
    const names = component.map(unitName).sort();
    const what = `modules ${names.map((n) => `"${n}"`).join(', ')} depend on each other in a cycle, and "${unitName(from)}" → "${unitName(to)}" is its weakest link (${weakest.length} ${weakest.length === 1 ? 'file' : 'files'})`;
    const related = inside
      .filter(([key]) => key !== weakestKey)
      .map(([key, deps]) => {
        const [a, b] = key.split('\0') as [string, string];
        return { file: deps[0]!.edge.from, range: deps[0]!.edge.range, message: `"${unitName(a)}" depends on "${unitName(b)}" here` };
      });
    reports.push(
      contractReport(
        contract,
        weakest[0]!,
        what,
        `Remove or invert this dependency (an event, or an interface "${unitName(to)}" declares and "${unitName(from)}" implements) to break the cycle.`,
        related,
      ),
    );
  }
  return reports;
}

/** Dependencies between two modules, keyed `from\0to`, in file order. */
function moduleLinks(contract: AcyclicContract, inputs: ContractInputs, modules: readonly Selector[]): Map<string, Dependency[]> {
  const links = new Map<string, Dependency[]>();
  for (const node of inputs.files) {
    const from = firstMatch(modules, (s) => s.unitOf(node.file))?.unit;
    if (!from) continue;
    for (const dependency of dependenciesOf(node, inputs.graph, contract)) {
      const to = dependency.edge.external ? undefined : firstMatch(modules, (s) => s.unitOf(dependency.edge.to))?.unit;
      if (!to || to === from) continue;
      const key = `${from}\0${to}`;
      const list = links.get(key);
      if (list) list.push(dependency);
      else links.set(key, [dependency]);
    }
  }
  return links;
}

/** The modules' strongly connected groups (see `stronglyConnectedComponents`), by name. */
function stronglyConnected(links: ReadonlyMap<string, readonly Dependency[]>): string[][] {
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
  for (const key of [...links.keys()].sort()) {
    const [from, to] = key.split('\0') as [string, string];
    const fromId = idOf(from);
    const toId = idOf(to);
    (targets[fromId] ??= []).push(toId);
  }
  for (let id = 0; id < names.length; id++) targets[id] ??= [];
  return stronglyConnectedComponents(targets).map((component) => component.map((id) => names[id]!));
}
