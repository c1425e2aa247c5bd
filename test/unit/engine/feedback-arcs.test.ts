import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feedbackArcs, type ArcGraph } from '../../../server/src/engine/graph/feedback-arcs';

/** Whether the arcs not removed leave a graph without cycles (Kahn: every node can be peeled off). */
function isAcyclicWithout(graph: ArcGraph, removed: ReadonlySet<number>): boolean {
  const inDegree = new Array<number>(graph.size).fill(0);
  const outs: number[][] = Array.from({ length: graph.size }, () => []);
  graph.arcs.forEach(([from, to], arc) => {
    if (removed.has(arc)) return;
    outs[from]!.push(to);
    inDegree[to]!++;
  });
  const ready = inDegree.flatMap((d, node) => (d === 0 ? [node] : []));
  let peeled = 0;
  for (let node = ready.pop(); node !== undefined; node = ready.pop()) {
    peeled++;
    for (const to of outs[node]!) if (--inDegree[to]! === 0) ready.push(to);
  }
  return peeled === graph.size;
}

/** A deterministic pseudo-random graph (no self arcs, at most one arc per ordered pair). */
function randomGraph(seed: number, size: number, density: number): ArcGraph {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const arcs: [number, number][] = [];
  for (let from = 0; from < size; from++) for (let to = 0; to < size; to++) if (from !== to && next() < density) arcs.push([from, to]);
  const weights = arcs.map(() => 1 + Math.floor(next() * 4));
  return { size, arcs, weight: (arc) => weights[arc]! };
}

describe('feedback arcs', () => {
  it('breaks a two-file cycle at its lighter import', () => {
    const graph: ArcGraph = {
      size: 2,
      arcs: [
        [0, 1],
        [1, 0],
      ],
      weight: (arc) => (arc === 0 ? 3 : 1),
    };
    assert.deepEqual(feedbackArcs(graph), [1]);
    assert.deepEqual(feedbackArcs({ ...graph, weight: (arc) => (arc === 0 ? 1 : 3) }), [0]);
  });

  it('breaks a ring of 26 files with one import, not 26', () => {
    const arcs = Array.from({ length: 26 }, (_, i): [number, number] => [i, (i + 1) % 26]);
    assert.equal(feedbackArcs({ size: 26, arcs, weight: () => 1 }).length, 1);
  });

  it('finds a set that leaves no cycle and from which no import can be kept, on random tangles', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const graph = randomGraph(seed, 6 + (seed % 20), 0.08 + (seed % 5) * 0.05);
      const removed = new Set(feedbackArcs(graph));
      assert.ok(isAcyclicWithout(graph, removed), `seed ${seed}: a cycle is left`);
      for (const arc of removed) {
        const kept = new Set(removed);
        kept.delete(arc);
        assert.ok(!isAcyclicWithout(graph, kept), `seed ${seed}: arc ${arc} need not be removed`);
      }
    }
  });
});
