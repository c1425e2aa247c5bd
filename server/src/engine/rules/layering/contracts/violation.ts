import * as path from 'node:path';
import type { LayerId } from '../../../classify/layers';
import type { Contract } from '../../../config/resolved';
import type { DependencyGraph, Edge, FileNode } from '../../../graph/types';
import type { RuleRelatedLocation, RuleReport } from '../../types';
import { HEADLINE_LENGTH } from '../../../text/headline';
import { upperFirst } from '../../../text/words';
import { dependencyText, groupByTarget, HOW, mostTelling } from '../edges';

/** What every contract check reads. */
export interface ContractInputs {
  readonly graph: DependencyGraph;
  /** The files whose dependencies are checked: analyzed, not exempt. */
  readonly files: readonly FileNode[];
  /** Every layer name the configuration knows (what a selector names when it is no glob). */
  readonly layers: ReadonlySet<LayerId>;
}

/** A dependency as contracts see it: every edge joining two files (or a file and a package), the most telling reported. */
export interface Dependency {
  readonly from: FileNode;
  readonly edge: Edge;
  readonly edges: readonly Edge[];
}

/**
 * The file's dependencies the contract counts: every kind of edge (an import used only as a
 * decorator still imports the module), imports used only as types unless the contract allows them.
 */
export function dependenciesOf(node: FileNode, graph: DependencyGraph, contract: Pick<Contract, 'allowTypeOnly'>): Dependency[] {
  const counted = graph.outgoing(node.file).filter((e) => e.usedAs !== 'mount' && e.unused !== true && !(contract.allowTypeOnly === true && !e.runtime && e.kind !== 'di'));
  return groupByTarget(counted).map((edges) => ({ from: node, edge: mostTelling(edges), edges }));
}

export type ContractMessageId = 'broken-contract';

/** What a contract's report says beyond its headline: the situation at large (a cycle's modules) and what to do. */
export interface ContractAdvice {
  readonly advice: string;
  readonly context?: string;
}

/**
 * A violation, its headline naming the contract first (`Contract "domain is pure": …: it imports
 * orm.ts.`); the situation at large, the advice and the contract's type are the detail.
 */
export function contractReport(contract: Contract, dependency: Dependency, what: string, explained: ContractAdvice, related: readonly RuleRelatedLocation[] = []): RuleReport {
  const { edge } = dependency;
  const typeOnly = edge.kind === 'type-import' ? ' (only as a type)' : '';
  const context = explained.context ? `${explained.context} ` : '';
  const broken = `${what}: it ${edge.detail ?? dependencyText(edge)}${typeOnly}.`;
  const named = `Contract "${contract.name}": ${broken}`;
  // The contract's name leads when the headline stays short; otherwise the detail names it.
  const fits = named.length <= HEADLINE_LENGTH;
  return {
    file: edge.from,
    range: edge.range,
    messageId: 'broken-contract',
    message: fits ? named : upperFirst(broken),
    detail: `${fits ? '' : `This breaks the contract "${contract.name}". `}${context}${explained.advice} (a ${contract.type} contract)`,
    data: { contract: contract.name, contractType: contract.type, dependency: dependencyText(edge) },
    related: [...related, ...alsoHere(dependency)],
  };
}

function alsoHere(dependency: Dependency): RuleRelatedLocation[] {
  return dependency.edges.filter((e) => e !== dependency.edge && e.range.start !== dependency.edge.range.start).map((e) => ({ file: e.from, range: e.range, message: `also ${HOW[e.kind]} it here` }));
}

/** `src/modules/orders` → `orders`; a layer's name as is. */
export function unitName(unit: string): string {
  return path.posix.basename(unit);
}
