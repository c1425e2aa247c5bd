import type { DependencyGraph, Edge } from './types';

export interface Cycle {
  /** Files in cycle order; the last one depends on the first. */
  readonly files: readonly string[];
  /** `edges[i]` goes from `files[i]` to `files[(i + 1) % n]`. */
  readonly edges: readonly Edge[];
}

/** Above this size a strongly connected component is searched from a sample of start files. */
const FULL_SEARCH_LIMIT = 400;
const SAMPLED_STARTS = 60;

/**
 * One shortest cycle per strongly connected component (Tarjan), over the edges `include` keeps.
 * Deterministic: files are visited in sorted order and ties keep the first found.
 */
export function findCycles(graph: DependencyGraph, include: (edge: Edge) => boolean): Cycle[] {
  const adjacency = new Map<string, Edge[]>();
  const files = [...graph.files.keys()].sort();
  for (const file of files) {
    const seenTargets = new Set<string>();
    const out: Edge[] = [];
    for (const edge of graph.outgoing(file)) {
      if (edge.external || !include(edge) || !graph.files.has(edge.to) || seenTargets.has(edge.to)) continue;
      seenTargets.add(edge.to);
      out.push(edge);
    }
    adjacency.set(file, out);
  }
  return stronglyConnectedComponents(files, adjacency)
    .filter((component) => component.length > 1)
    .map((component) => shortestCycle(component, adjacency))
    .filter((cycle): cycle is Cycle => cycle !== undefined);
}

function stronglyConnectedComponents(nodes: readonly string[], adjacency: ReadonlyMap<string, readonly Edge[]>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const start of nodes) {
    if (index.has(start)) continue;
    // Iterative Tarjan: a work stack of (node, next edge position) instead of recursion.
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    lowLink.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = adjacency.get(frame.node) ?? [];
      const edge = edges[frame.next++];
      if (edge) {
        const target = edge.to;
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort());
      }
    }
  }
  return components;
}

function shortestCycle(component: readonly string[], adjacency: ReadonlyMap<string, readonly Edge[]>): Cycle | undefined {
  const members = new Set(component);
  const starts = component.length > FULL_SEARCH_LIMIT ? component.slice(0, SAMPLED_STARTS) : component;
  let best: Edge[] | undefined;
  for (const start of starts) {
    const path = shortestPathBack(start, members, adjacency, best?.length);
    if (path && (!best || path.length < best.length)) best = path;
    if (best?.length === 2) break;
  }
  return best && { files: best.map((e) => e.from), edges: best };
}

/** BFS from `start` back to itself inside the component; the edges of the path, or undefined. */
function shortestPathBack(
  start: string,
  members: ReadonlySet<string>,
  adjacency: ReadonlyMap<string, readonly Edge[]>,
  shorterThan: number | undefined,
): Edge[] | undefined {
  const via = new Map<string, Edge>();
  let frontier = [start];
  for (let depth = 1; frontier.length > 0 && (shorterThan === undefined || depth < shorterThan); depth++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const edge of adjacency.get(node) ?? []) {
        if (!members.has(edge.to)) continue;
        if (edge.to === start) return [...pathTo(node, start, via), edge];
        if (via.has(edge.to)) continue;
        via.set(edge.to, edge);
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  return undefined;
}

function pathTo(node: string, start: string, via: ReadonlyMap<string, Edge>): Edge[] {
  const path: Edge[] = [];
  let current = node;
  while (current !== start) {
    const edge = via.get(current)!;
    path.unshift(edge);
    current = edge.from;
  }
  return path;
}
