import * as path from 'node:path';
import type { Edge } from '../../graph/types';

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

/** Edges grouped by the file they lead to (or by another key of each edge, such as the file its specifier names). */
export function groupByTarget(edges: readonly Edge[], keyOf: (edge: Edge) => string = (edge) => edge.to): Edge[][] {
  const groups = new Map<string, Edge[]>();
  for (const edge of edges) {
    const key = keyOf(edge);
    const group = groups.get(key);
    if (group) group.push(edge);
    else groups.set(key, [edge]);
  }
  return [...groups.values()];
}

/** The edge to report among several joining the same two files. */
export function mostTelling(edges: readonly Edge[]): Edge {
  return [...edges].sort((a, b) => EDGE_PRIORITY[a.kind] - EDGE_PRIORITY[b.kind] || a.range.start - b.range.start)[0]!;
}

/** `injects UsersRepository from users.repository.ts`, `requires 'pg'`: how the file depends on the target. */
export function dependencyText(edge: Edge): string {
  const target = edge.external ? `'${edge.to}'` : path.posix.basename(edge.to);
  return edge.detail ? (edge.external ? edge.detail : `${edge.detail} from ${target}`) : `${HOW[edge.kind]} ${target}`;
}

/** How an edge of each kind depends on its target, as a verb. */
export const HOW: Readonly<Record<Edge['kind'], string>> = {
  import: 'imports',
  'type-import': 'imports',
  'dynamic-import': 'imports dynamically',
  require: 'requires',
  're-export': 're-exports',
  di: 'injects',
  instantiation: 'creates',
};
