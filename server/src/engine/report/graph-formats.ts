import type { DependencyGraph, Edge } from '../graph/types';
import type { Finding } from '../types';
import { relativePath } from './paths';

export interface GraphJsonEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: Edge['kind'];
  readonly line: number;
  /** 0-based character of the import, parameter or `new` in its line, where a viewer opens it. */
  readonly character: number;
  /** False for imports erased at run time (type-only): drawn dashed. */
  readonly runtime: boolean;
  /** Rules that report this very dependency (a forbidden layer, a broken contract, a cycle). */
  readonly findings?: readonly string[];
  /** Rules that would, but the baseline hides their findings. */
  readonly baselined?: readonly string[];
}

export interface GraphJson {
  readonly nodes: readonly { readonly file: string; readonly layer: string | null; readonly external?: true }[];
  readonly edges: readonly GraphJsonEdge[];
}

/**
 * `layerguard graph --format json` and the server's `layerguard/graph`: files (and the packages
 * they use) with layers, and every edge, each with the rules that report it when findings are given.
 */
export function toGraphJson(graph: DependencyGraph, findings: readonly Finding[] = [], baselined: readonly Finding[] = []): GraphJson {
  const rel = (file: string) => relativePath(graph.root, file);
  const nodes: { file: string; layer: string | null; external?: true }[] = [...graph.files.values()]
    .map((n) => ({ file: rel(n.file), layer: n.layer ?? null }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  const packages = new Map<string, string | null>();
  for (const edge of graph.edges) {
    if (edge.external) packages.set(edge.to, graph.targetLayer(edge) ?? packages.get(edge.to) ?? null);
  }
  for (const [name, layer] of [...packages].sort()) nodes.push({ file: name, layer, external: true });
  const reported = findingsByPlace(findings);
  const hidden = findingsByPlace(baselined);
  const edges = graph.edges.map((e): GraphJsonEdge => {
    const position = graph.files.get(e.from)?.lineIndex.positionAt(e.range.start);
    const place = `${e.from}\0${e.range.start}`;
    const rules = reported.get(place);
    const hiddenRules = hidden.get(place);
    return {
      from: rel(e.from),
      to: e.external ? e.to : rel(e.to),
      kind: e.kind,
      line: (position?.line ?? 0) + 1,
      character: position?.character ?? 0,
      runtime: e.runtime,
      ...(rules ? { findings: [...rules] } : {}),
      ...(hiddenRules ? { baselined: [...hiddenRules] } : {}),
    };
  });
  return { nodes, edges };
}

/**
 * The rules of the findings that sit on a dependency, by file and offset (where edges start). A
 * cycle's finding sits on one of the imports that break it and lists the others first among its
 * related locations (`data.breaks` counts them all): each of those is marked too.
 */
function findingsByPlace(findings: readonly Finding[]): Map<string, Set<string>> {
  const byPlace = new Map<string, Set<string>>();
  const mark = (file: string, start: number, ruleId: string) => {
    const key = `${file}\0${start}`;
    byPlace.set(key, (byPlace.get(key) ?? new Set()).add(ruleId));
  };
  for (const finding of findings) {
    if (!finding.ruleId.startsWith('layering/')) continue;
    mark(finding.file, finding.range.start, finding.ruleId);
    const otherBreaks = finding.ruleId === 'layering/cycle' ? Number(finding.data?.['breaks'] ?? 1) - 1 : 0;
    for (const related of finding.related.slice(0, otherBreaks)) mark(related.file, related.range.start, finding.ruleId);
  }
  return byPlace;
}

/** Graphviz: local files clustered by layer; data-access packages shown, other packages left out. */
export function toDot(graph: DependencyGraph): string {
  const { nodes, edges } = drawable(graph);
  const lines = ['digraph layerguard {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica", fontsize=10];'];
  const byLayer = new Map<string, string[]>();
  for (const n of nodes) byLayer.set(n.layer ?? '', [...(byLayer.get(n.layer ?? '') ?? []), n.id]);
  let cluster = 0;
  for (const [layer, ids] of [...byLayer].sort()) {
    const body = ids.map((id) => `    ${JSON.stringify(id)};`);
    if (layer) lines.push(`  subgraph cluster_${cluster++} {`, `    label=${JSON.stringify(layer)};`, ...body, '  }');
    else lines.push(...body.map((l) => l.slice(2)));
  }
  for (const e of edges) lines.push(`  ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)}${e.kind === 'import' ? '' : ` [label=${JSON.stringify(e.kind)}, style=dashed]`};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Mermaid flowchart, one node per file labelled with its layer. */
export function toMermaid(graph: DependencyGraph): string {
  const { nodes, edges } = drawable(graph);
  const ids = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of nodes) lines.push(`  ${ids.get(n.id)}["${n.id.replace(/"/g, '#quot;')}${n.layer ? `<br/><i>${n.layer}</i>` : ''}"]`);
  for (const e of edges) lines.push(`  ${ids.get(e.from)} ${e.kind === 'import' ? '-->' : `-.->|${e.kind}|`} ${ids.get(e.to)}`);
  return lines.join('\n') + '\n';
}

interface DrawNode {
  id: string;
  layer?: string;
}

interface DrawEdge {
  from: string;
  to: string;
  kind: string;
}

function drawable(graph: DependencyGraph): { nodes: DrawNode[]; edges: DrawEdge[] } {
  const rel = (file: string) => relativePath(graph.root, file);
  const nodes = new Map<string, DrawNode>();
  for (const n of graph.files.values()) nodes.set(rel(n.file), drawNode(rel(n.file), n.layer));
  const edges = new Map<string, DrawEdge>();
  for (const e of graph.edges) addDrawableEdge(graph, e, nodes, edges);
  return { nodes: [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), edges: [...edges.values()] };
}

function drawNode(id: string, layer: string | undefined): DrawNode {
  return { id, ...(layer ? { layer } : {}) };
}

/**
 * Adds an edge (and the package it leads to) unless it goes into a package of no layer; between
 * the same two nodes one edge is drawn, an import if there is one.
 */
function addDrawableEdge(graph: DependencyGraph, e: Edge, nodes: Map<string, DrawNode>, edges: Map<string, DrawEdge>): void {
  const layer = graph.targetLayer(e);
  if (e.external && !layer) return;
  const to = e.external ? e.to : relativePath(graph.root, e.to);
  if (e.external) nodes.set(to, drawNode(to, layer));
  const from = relativePath(graph.root, e.from);
  const key = `${from}\0${to}`;
  const existing = edges.get(key);
  if (!existing || e.kind === 'import') edges.set(key, { from, to, kind: e.kind });
}
