import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Contract } from '../../../config/resolved';
import type { StaticValue } from '../../../facts/types';
import type { DependencyGraph, Edge, FileNode } from '../../../graph/types';
import type { RuleReport } from '../../types';
import { mostTelling } from '../edges';
import { firstMatch, selectorOf, type Selector } from './selectors';
import { contractReport, dependenciesOf, unitName, type ContractInputs } from './violation';

type PublicApiContract = Extract<Contract, { type: 'public-api' }>;

/** A module's public API when the contract names none: its entry file, its Nest module, a `public-api` file, at its top. */
export const DEFAULT_PUBLIC_FILES: readonly string[] = ['index.*', '*.module.*', 'public-api.*', 'public_api.*'];

/**
 * Another module's files may be used only through its public API: the files the contract calls
 * public (by default its entry `index`, its Nest module), and the classes its Nest module exports.
 * What the import names counts (`import { X } from '../billing'` goes through billing's index,
 * wherever X is declared).
 */
export function checkPublicApi(contract: PublicApiContract, inputs: ContractInputs): RuleReport[] {
  const modules = contract.modules.map((text) => selectorOf(text, inputs.graph, new Set(), { foldersOnly: true }));
  const isPublicPath = picomatchAll(contract.public ?? DEFAULT_PUBLIC_FILES);
  const exported = nestExportedFiles(inputs.graph);
  const reports: RuleReport[] = [];
  for (const node of inputs.files) {
    const from = moduleOf(modules, node.file);
    if (!from) continue;
    for (const dependency of dependenciesOf(node, inputs.graph, contract)) {
      const internal = dependency.edges.filter((edge) => {
        // An injection or a `new` comes with the import that names the class: that import is judged.
        if (edge.external || !MODULE_SYNTAX.has(edge.kind)) return false;
        const named = edge.via ?? edge.to;
        const to = moduleOf(modules, named);
        return to !== undefined && to !== from && !isPublicPath(inModule(inputs.graph.root, to, named)) && !exported.has(edge.to);
      });
      if (internal.length === 0) continue;
      const edge = mostTelling(internal);
      const to = moduleOf(modules, edge.via ?? edge.to)!;
      const what = `${inModule(inputs.graph.root, to, edge.via ?? edge.to)} is internal to module "${unitName(to)}", and "${unitName(from)}" may use only its public API`;
      const advice = `Use what ${unitName(to)} offers through ${(contract.public ?? ['its index', 'its Nest module']).join(', ')} (and the providers its Nest module exports), or make this part of it.`;
      reports.push(contractReport(contract, { ...dependency, edge, edges: internal }, what, advice));
    }
  }
  return reports;
}

const MODULE_SYNTAX: ReadonlySet<Edge['kind']> = new Set(['import', 'type-import', 'require', 'dynamic-import', 're-export']);

/** The file's path inside its module folder (`unit` is relative to the workspace root). */
function inModule(root: string, unit: string, file: string): string {
  return path.posix.relative(path.posix.join(root, unit), file);
}

function moduleOf(modules: readonly Selector[], file: string): string | undefined {
  return firstMatch(modules, (s) => s.unitOf(file))?.unit;
}

function picomatchAll(globs: readonly string[]): (relative: string) => boolean {
  const matchers = globs.map((glob) => picomatch(glob, { dot: true }));
  return (relative) => matchers.some((match) => match(relative));
}

/** Files declaring what a Nest `@Module({ exports: [...] })` exports: its public providers. */
function nestExportedFiles(graph: DependencyGraph): Set<string> {
  const files = new Set<string>();
  for (const node of graph.files.values()) {
    for (const name of moduleExports(node)) {
      if (node.facts.declarations.has(name)) files.add(node.file);
      for (const edge of graph.outgoing(node.file)) if (!edge.external && edge.names.includes(name)) files.add(edge.to);
    }
  }
  return files;
}

function moduleExports(node: FileNode): string[] {
  return node.facts.classes.flatMap((cls) => cls.decorators.filter((d) => d.name === 'Module').flatMap((d) => exportedNames(d.args[0])));
}

/** The plain identifiers of `{ exports: [A, B] }`. */
function exportedNames(options: StaticValue | undefined): string[] {
  const exports = options?.kind === 'object' ? options.properties['exports'] : undefined;
  if (exports?.kind !== 'array') return [];
  return exports.elements.flatMap((element) => (element.kind === 'identifier' && !element.member ? [element.name] : []));
}
