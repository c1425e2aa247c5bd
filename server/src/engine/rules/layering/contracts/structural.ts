import type { Contract } from '../../../config/resolved';
import type { RuleReport } from '../../types';
import { firstMatch, selectorOf, targetUnit, type Selector } from './selectors';
import { contractReport, dependenciesOf, unitName, type ContractInputs } from './violation';

type LayersContract = Extract<Contract, { type: 'layers' }>;
type IndependenceContract = Extract<Contract, { type: 'independence' }>;
type ForbiddenContract = Extract<Contract, { type: 'forbidden' }>;

/** Each level may depend only on the levels below it; siblings written together at one level are independent. */
export function checkLayers(contract: LayersContract, inputs: ContractInputs): RuleReport[] {
  const levels = contract.layers.map((level) => (typeof level === 'string' ? [level] : level).map((text) => selectorOf(text, inputs.graph, inputs.layers)));
  const levelOf = (unit: (s: Selector) => string | undefined) => {
    for (const [index, selectors] of levels.entries()) {
      const found = firstMatch(selectors, unit);
      if (found) return { level: index, selector: found.selector, unit: found.unit };
    }
    return undefined;
  };
  const reports: RuleReport[] = [];
  for (const node of inputs.files) {
    const from = levelOf((s) => s.unitOf(node.file));
    if (!from) continue;
    for (const dependency of dependenciesOf(node, inputs.graph, contract)) {
      const to = levelOf((s) => targetUnit(s, dependency.edge));
      if (!to) continue;
      if (to.level < from.level) {
        const what = `${quoted(from.unit)} must not depend on ${quoted(to.unit)}, a level above it`;
        reports.push(contractReport(contract, dependency, what, { advice: 'Invert the dependency: declare what the lower level needs as an interface there, and implement it above.' }));
      } else if (to.level === from.level && to.selector !== from.selector) {
        const what = `${quoted(from.unit)} and ${quoted(to.unit)} are independent siblings`;
        reports.push(contractReport(contract, dependency, what, { advice: 'Move what both need one level down.' }));
      }
    }
  }
  return reports;
}

/** No two units of the listed modules depend on each other. */
export function checkIndependence(contract: IndependenceContract, inputs: ContractInputs): RuleReport[] {
  const selectors = contract.modules.map((text) => selectorOf(text, inputs.graph, inputs.layers, { foldersOnly: !inputs.layers.has(text) }));
  const reports: RuleReport[] = [];
  for (const node of inputs.files) {
    const from = firstMatch(selectors, (s) => s.unitOf(node.file));
    if (!from) continue;
    for (const dependency of dependenciesOf(node, inputs.graph, contract)) {
      const to = firstMatch(selectors, (s) => targetUnit(s, dependency.edge));
      if (!to || to.unit === from.unit) continue;
      const what = `${quoted(unitName(from.unit))} and ${quoted(unitName(to.unit))} must not depend on each other`;
      reports.push(contractReport(contract, dependency, what, { advice: 'Share what both need through a module both may use, or an event.' }));
    }
  }
  return reports;
}

/** Files of `from` must not depend on anything of `to`. */
export function checkForbidden(contract: ForbiddenContract, inputs: ContractInputs): RuleReport[] {
  const from = contract.from.map((text) => selectorOf(text, inputs.graph, inputs.layers));
  const to = contract.to.map((text) => selectorOf(text, inputs.graph, inputs.layers));
  const reports: RuleReport[] = [];
  for (const node of inputs.files) {
    const source = firstMatch(from, (s) => s.unitOf(node.file));
    if (!source) continue;
    for (const dependency of dependenciesOf(node, inputs.graph, contract)) {
      const target = firstMatch(to, (s) => targetUnit(s, dependency.edge));
      // A target that is itself one of the `from` files is inside what the contract protects.
      if (!target || (!dependency.edge.external && firstMatch(from, (s) => s.unitOf(dependency.edge.to)))) continue;
      const what = `${quoted(source.unit)} must not depend on ${quoted(target.unit)}`;
      reports.push(contractReport(contract, dependency, what, { advice: 'Depend on an abstraction the protected code declares, and let the outside implement it.' }));
    }
  }
  return reports;
}

function quoted(unit: string): string {
  return `"${unit}"`;
}
