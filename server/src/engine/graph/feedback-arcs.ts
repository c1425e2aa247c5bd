/**
 * A small set of dependencies whose removal leaves a strongly connected component without cycles:
 * the places to break a tangle. Finding the smallest such set is NP-hard; this is the usual
 * heuristic (as import-linter's cycle breakers and graph drawing use): order the files with the
 * greedy method of Eades, Lin and Smyth, take the dependencies that point backwards in that order,
 * then give back each one whose return closes no cycle, the strongest first, so the set is minimal
 * (no dependency in it can be kept) and leans to the weakest links.
 */

/** A component as numbered files (`0..size-1`) and the arcs between them. */
export interface ArcGraph {
  readonly size: number;
  /** `[from, to]` pairs, at most one per ordered pair of files. */
  readonly arcs: readonly (readonly [number, number])[];
  /** How much the code leans on an arc (names it takes): the heavier, the less it is suggested. */
  readonly weight: (arc: number) => number;
}

/** Indexes into `arcs` of a minimal feedback arc set, in the order the arcs are given. */
export function feedbackArcs(graph: ArcGraph): number[] {
  const position = greedyOrder(graph);
  const pointsBack = (i: number) => position[graph.arcs[i]![0]]! >= position[graph.arcs[i]![1]]!;
  // What the files reach over the arcs kept so far: the forward ones, then each one given back.
  const kept: number[][] = Array.from({ length: graph.size }, () => []);
  const backwards: number[] = [];
  graph.arcs.forEach(([from, to], i) => (pointsBack(i) ? backwards.push(i) : kept[from]!.push(to)));
  const strongestFirst = backwards.sort((a, b) => graph.weight(b) - graph.weight(a) || a - b);
  const removed: number[] = [];
  for (const arc of strongestFirst) {
    const [from, to] = graph.arcs[arc]!;
    if (reaches(kept, to, from)) removed.push(arc);
    else kept[from]!.push(to);
  }
  return removed.sort((a, b) => a - b);
}

/**
 * Eades–Lin–Smyth, weighted: sinks go to the end, sources to the front, and otherwise the file
 * with the most outgoing minus incoming weight goes next to the front (ties: the lower number), so
 * the arcs left pointing backwards are light ones. Returns each file's position.
 */
function greedyOrder(graph: ArcGraph): Int32Array {
  const outs: number[][] = Array.from({ length: graph.size }, () => []);
  const ins: number[][] = Array.from({ length: graph.size }, () => []);
  graph.arcs.forEach(([from, to], arc) => {
    outs[from]!.push(arc);
    ins[to]!.push(arc);
  });
  const degrees: Degrees = {
    out: Int32Array.from(outs, (o) => o.length),
    in: Int32Array.from(ins, (i) => i.length),
    weightedOut: Float64Array.from(outs, (o) => o.reduce((sum, arc) => sum + graph.weight(arc), 0)),
    weightedIn: Float64Array.from(ins, (i) => i.reduce((sum, arc) => sum + graph.weight(arc), 0)),
  };
  const left = new Uint8Array(graph.size).fill(1);
  const front: number[] = [];
  const back: number[] = [];
  for (let remaining = graph.size; remaining > 0; remaining--) {
    const next = pickNext(left, degrees);
    left[next.node] = 0;
    (next.sink ? back : front).push(next.node);
    for (const arc of outs[next.node]!) lower(degrees.in, degrees.weightedIn, graph.arcs[arc]![1], graph.weight(arc));
    for (const arc of ins[next.node]!) lower(degrees.out, degrees.weightedOut, graph.arcs[arc]![0], graph.weight(arc));
  }
  const position = new Int32Array(graph.size);
  [...front, ...back.reverse()].forEach((node, i) => (position[node] = i));
  return position;
}

/** Arcs still among the files left, counted and weighed (the weights make the weaker side go last). */
interface Degrees {
  readonly out: Int32Array;
  readonly in: Int32Array;
  readonly weightedOut: Float64Array;
  readonly weightedIn: Float64Array;
}

function lower(count: Int32Array, weighed: Float64Array, node: number, weight: number): void {
  count[node]!--;
  weighed[node]! -= weight;
}

/** A sink first (it goes last), then a source, then the file that leans out the most (weighted out − in). */
function pickNext(left: Uint8Array, degrees: Degrees): { node: number; sink: boolean } {
  let best = -1;
  let bestDelta = -Infinity;
  for (let node = 0; node < left.length; node++) {
    if (!left[node]) continue;
    if (degrees.out[node] === 0) return { node, sink: true };
    if (degrees.in[node] === 0) return { node, sink: false };
    const delta = degrees.weightedOut[node]! - degrees.weightedIn[node]!;
    if (delta > bestDelta) [best, bestDelta] = [node, delta];
  }
  return { node: best, sink: false };
}

/** Whether `from` reaches `to` over the kept arcs. */
function reaches(outs: readonly (readonly number[])[], from: number, to: number): boolean {
  const seen = new Uint8Array(outs.length);
  const stack = [from];
  seen[from] = 1;
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === to) return true;
    for (const next of outs[node]!) {
      if (!seen[next]) {
        seen[next] = 1;
        stack.push(next);
      }
    }
  }
  return false;
}
