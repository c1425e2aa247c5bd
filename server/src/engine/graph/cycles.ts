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
  const state: TarjanState = { adjacency, index: new Map(), lowLink: new Map(), onStack: new Set(), stack: [], components: [], work: [], counter: 0 };
  for (const start of nodes) {
    if (state.index.has(start)) continue;
    enterNode(state, start);
    while (state.work.length > 0) advance(state, state.work[state.work.length - 1]!);
  }
  return state.components;
}

interface TarjanFrame {
  readonly node: string;
  next: number;
}

interface TarjanState {
  readonly adjacency: ReadonlyMap<string, readonly Edge[]>;
  readonly index: Map<string, number>;
  readonly lowLink: Map<string, number>;
  readonly onStack: Set<string>;
  readonly stack: string[];
  readonly components: string[][];
  /** Iterative Tarjan: a work stack of (node, next edge position) instead of recursion. */
  readonly work: TarjanFrame[];
  counter: number;
}

function enterNode(state: TarjanState, node: string): void {
  state.work.push({ node, next: 0 });
  state.index.set(node, state.counter);
  state.lowLink.set(node, state.counter++);
  state.stack.push(node);
  state.onStack.add(node);
}

/** One step of the top frame: follow its next edge, or leave the node once its edges are done. */
function advance(state: TarjanState, frame: TarjanFrame): void {
  const edges = state.adjacency.get(frame.node) ?? [];
  const edge = edges[frame.next++];
  if (edge) followEdge(state, frame, edge.to);
  else leaveNode(state, frame);
}

function followEdge(state: TarjanState, frame: TarjanFrame, target: string): void {
  if (!state.index.has(target)) enterNode(state, target);
  else if (state.onStack.has(target)) lowerLink(state, frame.node, state.index.get(target)!);
}

function leaveNode(state: TarjanState, frame: TarjanFrame): void {
  state.work.pop();
  const parent = state.work[state.work.length - 1];
  if (parent) lowerLink(state, parent.node, state.lowLink.get(frame.node)!);
  if (state.lowLink.get(frame.node) === state.index.get(frame.node)) state.components.push(popComponent(state, frame.node));
}

function lowerLink(state: TarjanState, node: string, candidate: number): void {
  state.lowLink.set(node, Math.min(state.lowLink.get(node)!, candidate));
}

/** The stack down to `root`: one strongly connected component, sorted. */
function popComponent(state: TarjanState, root: string): string[] {
  const component: string[] = [];
  let member: string | undefined;
  do {
    member = state.stack.pop()!;
    state.onStack.delete(member);
    component.push(member);
  } while (member !== root);
  return component.sort();
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
  const search: BackSearch = { start, members, adjacency, via: new Map() };
  let frontier = [start];
  for (let depth = 1; frontier.length > 0 && (shorterThan === undefined || depth < shorterThan); depth++) {
    const next: string[] = [];
    for (const node of frontier) {
      const path = stepFrom(node, search, next);
      if (path) return path;
    }
    frontier = next;
  }
  return undefined;
}

interface BackSearch {
  readonly start: string;
  readonly members: ReadonlySet<string>;
  readonly adjacency: ReadonlyMap<string, readonly Edge[]>;
  /** The edge each reached file was first reached by. */
  readonly via: Map<string, Edge>;
}

/** Follows `node`'s edges: the path back to the start if one closes the cycle, else queues newly reached files in `next`. */
function stepFrom(node: string, search: BackSearch, next: string[]): Edge[] | undefined {
  for (const edge of search.adjacency.get(node) ?? []) {
    if (!search.members.has(edge.to)) continue;
    if (edge.to === search.start) return [...pathTo(node, search.start, search.via), edge];
    if (search.via.has(edge.to)) continue;
    search.via.set(edge.to, edge);
    next.push(edge.to);
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
