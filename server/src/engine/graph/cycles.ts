import { feedbackArcs } from './feedback-arcs';
import type { DependencyGraph, Edge } from './types';

/** A strongly connected component: files that all depend on each other, directly or not. */
export interface Cycle {
  /** A shortest cycle through it, in order; the last file depends on the first. */
  readonly files: readonly string[];
  /** `edges[i]` goes from `files[i]` to `files[(i + 1) % n]`. */
  readonly edges: readonly Edge[];
  /** Every file of the component, sorted. */
  readonly members: readonly string[];
  /** Dependencies whose removal leaves the component without cycles (a minimal set; see feedback-arcs.ts), lightest first. */
  readonly breaks: readonly Edge[];
}

/** What is kept per graph shape: files, not edges (their ranges move with edits). */
interface CycleShape {
  readonly files: readonly string[];
  readonly members: readonly string[];
}

/** How much the code leans on a dependency: the lighter, the sooner it is suggested as a break. */
export type EdgeWeight = (edge: Edge) => number;

const NAMES_TAKEN: EdgeWeight = (edge) => edge.names.length;

/** Above this size a strongly connected component is searched from a sample of start files. */
const FULL_SEARCH_LIMIT = 400;
const SAMPLED_STARTS = 60;

/**
 * Each strongly connected component (Tarjan) over the edges `include` keeps, with one shortest
 * cycle through it and the dependencies that would break it.
 * Deterministic: each component is searched from its files in sorted order, and ties keep the
 * first found (the order of the cycles follows the graph's file order; findings are sorted later). Runs on every analysis, so files are numbered and the search works on arrays.
 */
export function findCycles(graph: DependencyGraph, include: (edge: Edge) => boolean, includeKey?: string, weight: EdgeWeight = NAMES_TAKEN): Cycle[] {
  const known = includeKey === undefined ? undefined : byShape.get(graph.shape)?.get(includeKey);
  const shapes = known ?? searchCycles(graph, include);
  if (includeKey !== undefined && !known) byShape.set(graph.shape, (byShape.get(graph.shape) ?? new Map<string, readonly CycleShape[]>()).set(includeKey, shapes));
  // Breaks are chosen afresh: what makes a dependency light (its layers) can change without the shape.
  return shapes.flatMap((shape) => withEdges(shape, graph, include, weight) ?? []);
}

/**
 * Cycles depend only on the graph's shape (which file depends on which, how): an edit that keeps
 * it (most edits) reuses the cycles found for it, with the current edges (their ranges moved).
 */
const byShape = new WeakMap<object, Map<string, readonly CycleShape[]>>();

/** The component with the edges of this graph (the first included edge from file to file) and its breaks. */
function withEdges(shape: CycleShape, graph: DependencyGraph, include: (edge: Edge) => boolean, weight: EdgeWeight): Cycle | undefined {
  const members = new Set(shape.members);
  const inside = new Map(shape.members.map((file) => [file, firstEdgePerTarget(graph.outgoing(file), (e) => !e.external && members.has(e.to) && include(e))]));
  const edges = shape.files.map((from, i) => inside.get(from)?.find((e) => e.to === shape.files[(i + 1) % shape.files.length]));
  if (edges.some((e) => !e)) return undefined;
  return { files: shape.files, edges: edges as Edge[], members: shape.members, breaks: breaksOf(shape.members, inside, weight) };
}

function firstEdgePerTarget(edges: readonly Edge[], include: (edge: Edge) => boolean): Edge[] {
  const seen = new Set<string>();
  return edges.filter((e) => include(e) && !seen.has(e.to) && seen.add(e.to));
}

function searchCycles(graph: DependencyGraph, include: (edge: Edge) => boolean): CycleShape[] {
  const files = [...graph.files.keys()];
  const ids = new Map<string, number>();
  files.forEach((file, id) => ids.set(file, id));
  const adjacency = numberedAdjacency(graph, files, ids, include);
  const cycles: CycleShape[] = [];
  for (const component of stronglyConnectedComponents(adjacency.targets)) {
    if (component.length < 2) continue;
    const members = component.map((id) => files[id]!).sort();
    const edgesOf = new Map(component.map((id) => [files[id]!, adjacency.edges[id]!]));
    const cycle = shortestCycle(members, edgesOf);
    if (cycle) cycles.push({ files: cycle.files, members });
  }
  return cycles;
}

/** Per file number: the numbers of the files it depends on (first edge per target), and those edges. */
function numberedAdjacency(graph: DependencyGraph, files: readonly string[], ids: ReadonlyMap<string, number>, include: (edge: Edge) => boolean): { targets: number[][]; edges: Edge[][] } {
  const targets: number[][] = [];
  const edges: Edge[][] = [];
  const lastSeenFrom = new Int32Array(files.length).fill(-1);
  files.forEach((file, from) => {
    const out: number[] = [];
    const outEdges: Edge[] = [];
    for (const edge of graph.outgoing(file)) {
      const to = edge.external ? undefined : ids.get(edge.to);
      if (to === undefined || lastSeenFrom[to] === from || !include(edge)) continue;
      lastSeenFrom[to] = from;
      out.push(to);
      outEdges.push(edge);
    }
    targets.push(out);
    edges.push(outEdges);
  });
  return { targets, edges };
}

/** Strongly connected components of a graph given as numbered adjacency lists (Tarjan). */
export function stronglyConnectedComponents(targets: readonly (readonly number[])[]): number[][] {
  const search = new TarjanSearch(targets);
  for (let start = 0; start < targets.length; start++) search.from(start);
  return search.components;
}

/** Iterative Tarjan: a work stack of (node, next edge position) instead of recursion. */
class TarjanSearch {
  readonly components: number[][] = [];
  private readonly index: Int32Array;
  private readonly lowLink: Int32Array;
  private readonly onStack: Uint8Array;
  private readonly stack: number[] = [];
  private readonly workNode: number[] = [];
  private readonly workNext: number[] = [];
  private counter = 0;

  constructor(private readonly targets: readonly (readonly number[])[]) {
    this.index = new Int32Array(targets.length).fill(-1);
    this.lowLink = new Int32Array(targets.length);
    this.onStack = new Uint8Array(targets.length);
  }

  from(start: number): void {
    if (this.index[start] !== -1) return;
    this.enter(start);
    while (this.workNode.length > 0) this.step();
  }

  private enter(node: number): void {
    this.index[node] = this.lowLink[node] = this.counter++;
    this.stack.push(node);
    this.onStack[node] = 1;
    this.workNode.push(node);
    this.workNext.push(0);
  }

  /** Follows the top node's next edge, or leaves the node once its edges are done. */
  private step(): void {
    const top = this.workNode.length - 1;
    const node = this.workNode[top]!;
    const next = this.targets[node]![this.workNext[top]!++];
    if (next === undefined) this.leave(node);
    else if (this.index[next] === -1) this.enter(next);
    else if (this.onStack[next]) this.lowLink[node] = Math.min(this.lowLink[node]!, this.index[next]!);
  }

  private leave(node: number): void {
    this.workNode.pop();
    this.workNext.pop();
    const parent = this.workNode[this.workNode.length - 1];
    if (parent !== undefined) this.lowLink[parent] = Math.min(this.lowLink[parent]!, this.lowLink[node]!);
    if (this.lowLink[node] === this.index[node]) this.components.push(this.popComponent(node));
  }

  /** The stack down to `root`: one strongly connected component. */
  private popComponent(root: number): number[] {
    const component: number[] = [];
    let member: number;
    do {
      member = this.stack.pop()!;
      this.onStack[member] = 0;
      component.push(member);
    } while (member !== root);
    return component;
  }
}

/** The component's feedback arcs, lightest first (then in file order). */
function breaksOf(members: readonly string[], adjacency: ReadonlyMap<string, readonly Edge[]>, weight: EdgeWeight): Edge[] {
  const number = new Map(members.map((file, i) => [file, i]));
  const edges = members.flatMap((file) => adjacency.get(file) ?? []);
  const weights = edges.map(weight);
  const arcs = edges.map((e): [number, number] => [number.get(e.from)!, number.get(e.to)!]);
  const chosen = feedbackArcs({ size: members.length, arcs, weight: (i) => weights[i]! });
  return chosen.sort((a, b) => weights[a]! - weights[b]! || a - b).map((i) => edges[i]!);
}

function shortestCycle(component: readonly string[], adjacency: ReadonlyMap<string, readonly Edge[]>): Pick<Cycle, 'files' | 'edges'> | undefined {
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
function shortestPathBack(start: string, members: ReadonlySet<string>, adjacency: ReadonlyMap<string, readonly Edge[]>, shorterThan: number | undefined): Edge[] | undefined {
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
