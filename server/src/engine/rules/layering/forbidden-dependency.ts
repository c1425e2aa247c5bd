import * as path from 'node:path';
import { z } from 'zod';
import { NEUTRAL_FOLDERS, type LayerId } from '../../classify/layers';
import type { DependencyGraph, Edge } from '../../graph/types';
import { judge, type LayerPolicy } from '../../policy/policy';
import { perGraph } from '../../memo';
import { filesToCheck } from '../syntax';
import { defineRule } from '../types';

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
     * Services in a shared folder (`common/`, `shared/`, `helpers/`…) that depend on no other layer
     * of the app are utilities (pagination, hashing, dates): any layer may use them.
     */
    allowSharedHelperServices: z.boolean().default(true),
  })
  .strict();

/** When several edges join the same two files, the one to report: the most telling. */
const EDGE_PRIORITY: Readonly<Record<Edge['kind'], number>> = {
  di: 0,
  instantiation: 1,
  import: 2,
  require: 3,
  'dynamic-import': 4,
  're-export': 5,
  'type-import': 6,
};

const ADVICE: Readonly<Record<LayerId, string>> = {
  controller: 'Controllers handle HTTP only: move the shared logic into a service both can call.',
  router: 'Routers are wired by the composition root: move the shared code out of the router.',
  repository: 'Call a service that owns this use case; the service talks to the repository.',
  'data-access': 'Go through a repository: it is the only layer that touches the database client or ORM.',
  service: 'Repositories only persist data: move the logic that needs this service up into the service layer.',
};

export const forbiddenDependency = defineRule({
  meta: {
    id: 'layering/forbidden-dependency',
    description: 'A file depends on a layer the layering policy forbids (by import, require, dependency injection or `new`).',
    defaultSeverity: 'error',
    fixable: true,
  },
  options,
  // A file's findings depend on its edges and their targets' layers, plus two workspace-wide
  // facts: whether a repository layer exists, and which services are shared helpers (their own
  // dependencies are two steps away from the judged file).
  perFile: (graph) => {
    const { repositoryLayerPresent, sharedHelpers } = workspaceLayering(graph);
    return `${repositoryLayerPresent}|${[...sharedHelpers].sort().join('|')}`;
  },
  check(context) {
    const { graph, policy } = context;
    const { repositoryLayerPresent, sharedHelpers } = workspaceLayering(graph);
    const substituteOrm = context.options.ormStandsInForMissingRepositories && !repositoryLayerPresent;
    const counts = (e: Edge) => context.options.includeTypeOnly || e.runtime || e.kind === 'di';
    const judging: Judging = { graph, policy, substituteOrm, sharedHelpers: context.options.allowSharedHelperServices ? sharedHelpers : new Set() };
    for (const node of filesToCheck(context)) {
      const { file, layer: from } = node;
      if (!from) continue;
      for (const edges of groupByTarget(graph.outgoing(file))) {
        const violation = violationOf(edges.filter(counts), from, judging);
        if (!violation) continue;
        context.report({
          file,
          range: violation.edge.range,
          message: messageFor(violation.edge, from, violation.targetLayer, policy),
          related: relatedFor(graph, violation.edge, violation.targetLayer, edges),
        });
      }
    }
  },
});

interface Judging {
  readonly graph: DependencyGraph;
  readonly policy: LayerPolicy;
  /** With no repository layer, data access is judged as a repository. */
  readonly substituteOrm: boolean;
  /** Services any layer may use (see `isSharedHelper`); empty when the option is off. */
  readonly sharedHelpers: ReadonlySet<string>;
}

const workspaceLayering = perGraph((graph: DependencyGraph) => {
  let repositoryLayerPresent = false;
  const sharedHelpers = new Set<string>();
  for (const node of graph.files.values()) {
    repositoryLayerPresent ||= node.layer === 'repository';
    if (node.layer === 'service' && isSharedHelper(graph, node.file)) sharedHelpers.add(node.file);
  }
  return { repositoryLayerPresent, sharedHelpers: sharedHelpers as ReadonlySet<string> };
});

/** The edge to report among those joining two files, if the policy forbids that dependency. */
function violationOf(counted: readonly Edge[], from: LayerId, judging: Judging): { edge: Edge; targetLayer: LayerId } | undefined {
  if (counted.length === 0) return undefined;
  const edge = mostTelling(counted);
  const targetLayer = judging.graph.targetLayer(edge);
  if (!targetLayer) return undefined;
  if (targetLayer === 'service' && judging.sharedHelpers.has(edge.to)) return undefined;
  const judgedLayer = judging.substituteOrm && targetLayer === 'data-access' ? 'repository' : targetLayer;
  return judge(judging.policy, from, judgedLayer).allowed ? undefined : { edge, targetLayer };
}

/** A service under a shared folder whose own dependencies reach no layer of the app. */
function isSharedHelper(graph: DependencyGraph, file: string): boolean {
  const folders = path.posix.dirname(path.posix.relative(graph.root, file)).split('/');
  if (!folders.some((f) => NEUTRAL_FOLDERS.has(f.toLowerCase()))) return false;
  return graph.outgoing(file).every((e) => {
    if (!e.runtime && e.kind !== 'di') return true;
    const layer = graph.targetLayer(e);
    return layer === undefined || layer === 'model' || (e.external && layer !== 'data-access');
  });
}

function groupByTarget(edges: readonly Edge[]): Edge[][] {
  const groups = new Map<string, Edge[]>();
  for (const edge of edges) {
    const group = groups.get(edge.to);
    if (group) group.push(edge);
    else groups.set(edge.to, [edge]);
  }
  return [...groups.values()];
}

function mostTelling(edges: readonly Edge[]): Edge {
  return [...edges].sort((a, b) => EDGE_PRIORITY[a.kind] - EDGE_PRIORITY[b.kind] || a.range.start - b.range.start)[0]!;
}

function messageFor(edge: Edge, from: LayerId, to: LayerId, policy: LayerPolicy): string {
  const target = edge.external ? `'${edge.to}'` : path.posix.basename(edge.to);
  const what = edge.detail ? (edge.external ? edge.detail : `${edge.detail} from ${target}`) : `${HOW[edge.kind]} ${target}`;
  const typeOnly = edge.kind === 'type-import' ? ' (only as a type)' : '';
  const allowed = policy.get(from)?.allow;
  const allowedText = allowed && allowed.size > 0 ? ` It may depend on: ${[...allowed].join(', ')}.` : '';
  const advice = ADVICE[to] ?? `Move the code so that ${article(from)} ${from} does not need the ${to} layer.`;
  return `${capitalize(article(from))} ${from} must not depend on the ${to} layer: it ${what}${typeOnly}. ${advice}${allowedText}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const HOW: Readonly<Record<Edge['kind'], string>> = {
  import: 'imports',
  'type-import': 'imports',
  'dynamic-import': 'imports dynamically',
  require: 'requires',
  're-export': 're-exports',
  di: 'injects',
  instantiation: 'creates',
};

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function relatedFor(graph: DependencyGraph, edge: Edge, to: LayerId, edges: readonly Edge[]): { file: string; range: { start: number; end: number }; message: string }[] {
  const related = [];
  if (!edge.external) {
    const target = graph.files.get(edge.to);
    const cls = target?.facts.classes.find((c) => c.exported && c.nameRange) ?? target?.facts.classes.find((c) => c.nameRange);
    related.push({
      file: edge.to,
      range: cls?.nameRange ?? { start: 0, end: 0 },
      message: `${path.posix.basename(edge.to)} is in the ${to} layer (${target?.layerReason ?? 'classified'})`,
    });
  }
  for (const other of edges) {
    if (other !== edge && other.range.start !== edge.range.start) {
      related.push({ file: other.from, range: other.range, message: `also ${HOW[other.kind]} it here` });
    }
  }
  return related;
}
