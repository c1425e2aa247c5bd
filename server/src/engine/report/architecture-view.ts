import * as path from 'node:path';
import type { DependencyGraph, EdgeKind } from '../graph/types';
import type { Finding, Severity } from '../types';
import { toGraphJson, type GraphJsonEdge } from './graph-formats';
import { relativePath } from './paths';
import type { ViewGrouping } from '../vocabulary';

/**
 * What the architecture view draws (the HTML report, the editor's view): files in lanes of
 * layers, top to bottom in the direction dependencies may point, with the dependencies between
 * them and the findings on them. Plain data: the drawing is the viewer's.
 */
export interface ArchitectureView {
  /** The analyzed folder's name, for the title. */
  readonly name: string;
  /** Lanes top to bottom. A file of no layer is in the last lane, `other`. */
  readonly lanes: readonly ViewLane[];
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  readonly findings: readonly ViewFinding[];
  /** Dependencies from layer to layer: how many, and how many the layering rules report. */
  readonly matrix: readonly MatrixCell[];
  /** Set when files were grouped (by folder, or by Nest module): how many files there are. */
  readonly collapsedFrom?: number;
  /** How the files are drawn: one by one, by folder, or by the Nest module that owns them. */
  readonly grouping: 'files' | 'folders' | 'modules';
  /** Nest modules the code declares: with any, the viewer offers to group by them. */
  readonly nestModules: number;
}

export interface ViewLane {
  readonly layer: string;
  readonly files: number;
}

export interface ViewNode {
  /**
   * A file's path from the analyzed folder, a package's name, or, when grouped, a folder or a Nest
   * module's folder with its layer (`src/users/ · service`).
   */
  readonly id: string;
  /** The file's or folder's name; a module's class name (`UsersModule`). */
  readonly label: string;
  readonly lane: number;
  readonly layer: string;
  readonly kind: 'file' | 'package' | 'folder' | 'module';
  /** Files a folder or module node stands for. */
  readonly files?: number;
  /** Findings of every rule in the file (or the folder's files). */
  readonly findings: number;
  /** Findings there that the baseline hides. */
  readonly baselinedFindings?: number;
}

export interface ViewEdge {
  readonly from: string;
  readonly to: string;
  readonly kinds: readonly EdgeKind[];
  /** False when every dependency it stands for is erased at run time (drawn dashed). */
  readonly runtime: boolean;
  /** Where the first dependency is written: what a click opens. */
  readonly file: string;
  readonly line: number;
  readonly character: number;
  /** Layering rules that report it: `layering/forbidden-dependency` makes it red, `layering/cycle` marks it. */
  readonly rules: readonly string[];
  /** Layering rules whose findings on it the baseline hides (shown on request). */
  readonly baselinedRules?: readonly string[];
  /** Dependencies it stands for (more than one between folders). */
  readonly count: number;
}

export interface ViewFinding {
  readonly file: string;
  readonly line: number;
  readonly character: number;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly detail?: string;
  /** Listed in the baseline: not reported, shown on request. */
  readonly baselined?: true;
  /** The node that draws the finding's file (the file, or its folder or module when grouped). */
  readonly node?: string;
}

export interface MatrixCell {
  readonly from: string;
  readonly to: string;
  readonly edges: number;
  readonly violations: number;
}

export { VIEW_GROUPINGS, type ViewGrouping } from '../vocabulary';

export interface ViewOptions {
  /** Above this many files, files are grouped by folder (per layer). */
  readonly maxNodes?: number;
  /** How files are drawn; `modules` groups them by the Nest module that owns their folder (the rest by folder). */
  readonly groupBy?: ViewGrouping;
  /** Findings the baseline hides, which the viewer can show on request. */
  readonly baselined?: readonly Finding[];
}

export const OTHER_LANE = 'other';
/** Files drawn one by one up to this many; above, folders (per layer) of at most this many nodes. */
const DEFAULT_MAX_NODES = 120;

/**
 * Where each known layer's lane sits, top to bottom: what receives requests, what decides, what
 * stores, what is shared by all. The presets' layers sit beside their layered counterparts.
 */
const LANE_RANKS: Readonly<Record<string, number>> = {
  'composition-root': 0,
  module: 0,
  frameworks: 0,
  controller: 1,
  router: 1,
  middleware: 1,
  adapter: 1,
  'interface-adapters': 1,
  service: 2,
  application: 2,
  'use-cases': 2,
  command: 2,
  query: 2,
  repository: 3,
  port: 3,
  // What repositories are built on: the database client, the ORM.
  'data-access': 3.5,
  domain: 4,
  entities: 4,
  model: 4,
  dto: 4,
  config: 4,
  tooling: 5,
};
/** Layers a team defines sit between the entry points and the data. */
const CUSTOM_LANE_RANK = 2.5;
const OTHER_LANE_RANK = 6;

export function architectureView(graph: DependencyGraph, findings: readonly Finding[], options: ViewOptions = {}): ArchitectureView {
  const baselined = options.baselined ?? [];
  const json = toGraphJson(graph, findings, baselined);
  const drawn = json.nodes.filter((n) => !n.external || n.layer !== null);
  const layerOf = new Map(drawn.map((n) => [n.file, n.layer ?? OTHER_LANE]));
  const lanes = lanesOf([...layerOf.values()]);
  const laneIndex = new Map(lanes.map((layer, i) => [layer, i]));
  const viewFindings = [...findings.map((f) => viewFinding(graph.root, f)), ...baselined.map((f) => ({ ...viewFinding(graph.root, f), baselined: true as const }))];
  const perFile = countBy(viewFindings.filter((f) => !f.baselined).map((f) => f.file));
  const baselinedPerFile = countBy(viewFindings.filter((f) => f.baselined).map((f) => f.file));
  const local = drawn.filter((n) => !n.external).map((n) => ({ file: n.file, layer: layerOf.get(n.file) ?? OTHER_LANE }));
  const modules = nestModuleFolders(graph);
  const grouping = groupingOf(options.groupBy ?? 'auto', local, options.maxNodes ?? DEFAULT_MAX_NODES, modules);
  const external = new Set(drawn.filter((n) => n.external).map((n) => n.file));
  const groupOf = (file: string): Group => {
    const layer = layerOf.get(file) ?? OTHER_LANE;
    if (external.has(file)) return { id: file, label: file, kind: 'package' };
    return grouping ? grouping.groupOf(file, layer) : { id: file, label: path.posix.basename(file), kind: 'file' };
  };
  const nodeOf = (file: string) => groupOf(file).id;
  const nodes = new Map<string, ViewNode>();
  for (const n of drawn) {
    const layer = layerOf.get(n.file) ?? OTHER_LANE;
    const hidden = baselinedPerFile.get(n.file);
    const counts = { findings: perFile.get(n.file) ?? 0, ...(hidden ? { baselinedFindings: hidden } : {}) };
    addToNode(nodes, { ...groupOf(n.file), layer, lane: laneIndex.get(layer) ?? 0, ...counts });
  }
  const drawnNodes = [...nodes.values()];
  return {
    name: path.posix.basename(graph.root),
    lanes: lanes.map((layer) => ({ layer, files: drawnNodes.filter((n) => n.layer === layer).reduce((sum, n) => sum + (n.files ?? 1), 0) })),
    nodes: drawnNodes.sort((a, b) => a.lane - b.lane || (a.id < b.id ? -1 : 1)),
    edges: viewEdges(json.edges, layerOf, nodeOf, nodes),
    findings: viewFindings.map((f) => ({ ...f, node: nodeOf(f.file) })),
    matrix: matrixOf(json.edges, layerOf, laneIndex),
    ...(grouping ? { collapsedFrom: local.length } : {}),
    grouping: grouping?.kind ?? 'files',
    nestModules: new Set(modules.values()).size,
  };
}

/** What a file is drawn as: itself, its folder or its Nest module (per layer), or a package. */
interface Group {
  readonly id: string;
  readonly label: string;
  readonly kind: ViewNode['kind'];
}

interface Grouping {
  readonly kind: 'folders' | 'modules';
  groupOf(file: string, layer: string): Group;
}

function groupingOf(asked: ViewGrouping, files: readonly { file: string; layer: string }[], limit: number, modules: ReadonlyMap<string, string>): Grouping | undefined {
  if (asked === 'files' || (asked === 'auto' && files.length <= limit)) return undefined;
  const folderOf = folderGrouping(files, limit);
  const byFolder = (file: string, layer: string): Group => {
    const folder = folderOf(file, layer);
    return { id: `${folder}/ · ${layer}`, label: `${folder}/`, kind: 'folder' };
  };
  if (asked !== 'modules') return { kind: 'folders', groupOf: byFolder };
  const kept = biggestModuleGroups(files, modules, limit);
  return {
    kind: 'modules',
    groupOf(file, layer) {
      const owner = owningModule(file, modules);
      if (!owner) return byFolder(file, layer);
      if (kept.has(`${owner.folder}\0${layer}`)) return { id: `${owner.folder}/ · ${layer}`, label: owner.name, kind: 'module' };
      // Past the limit, a module's smaller layers are drawn with the other modules' beside it.
      const parent = path.posix.dirname(owner.folder);
      return { id: `${parent}/ · ${layer}`, label: `${parent}/ (other modules)`, kind: 'folder' };
    },
  };
}

/**
 * The module-and-layer groups drawn as modules: all of them within the limit; above it the
 * biggest, leaving room for one group per layer of the rest (a backend of 128 modules in 7
 * layers draws its largest modules, not 900 boxes).
 */
function biggestModuleGroups(files: readonly { file: string; layer: string }[], modules: ReadonlyMap<string, string>, limit: number): Set<string> {
  const counts = new Map<string, number>();
  for (const f of files) {
    const owner = owningModule(f.file, modules);
    if (owner) counts.set(`${owner.folder}\0${f.layer}`, (counts.get(`${owner.folder}\0${f.layer}`) ?? 0) + 1);
  }
  if (counts.size <= limit) return new Set(counts.keys());
  const layers = new Set(files.map((f) => f.layer)).size;
  const room = Math.max(0, limit - layers);
  return new Set(
    [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, room)
      .map(([key]) => key),
  );
}

/** The Nest module whose folder holds the file, the nearest one up. */
function owningModule(file: string, modules: ReadonlyMap<string, string>): { folder: string; name: string } | undefined {
  for (let folder = path.posix.dirname(file); ; folder = path.posix.dirname(folder)) {
    const name = modules.get(folder);
    if (name !== undefined) return { folder, name };
    if (folder === '.' || folder === '/' || folder === '') return undefined;
  }
}

/** Folders (relative to the root) that hold a Nest module, with its class name: a module owns its folder's files. */
function nestModuleFolders(graph: DependencyGraph): Map<string, string> {
  const folders = new Map<string, string>();
  for (const node of graph.files.values()) {
    const module = node.facts.classes.find((c) => c.decorators.some((d) => d.name === 'Module'));
    const folder = path.posix.dirname(relativePath(graph.root, node.file));
    if (module?.name && !folders.has(folder)) folders.set(folder, module.name);
  }
  return folders;
}

function lanesOf(layers: readonly string[]): string[] {
  const rank = (layer: string) => (layer === OTHER_LANE ? OTHER_LANE_RANK : (LANE_RANKS[layer] ?? CUSTOM_LANE_RANK));
  return [...new Set(layers)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

function viewFinding(root: string, f: Finding): ViewFinding {
  return {
    file: relativePath(root, f.file),
    line: f.start.line + 1,
    character: f.start.character,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...(f.detail !== undefined ? { detail: f.detail } : {}),
  };
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function addToNode(nodes: Map<string, ViewNode>, part: Omit<ViewNode, 'files'>): void {
  const known = nodes.get(part.id);
  if (!known) {
    nodes.set(part.id, { ...part, ...(part.kind === 'folder' || part.kind === 'module' ? { files: 1 } : {}) });
    return;
  }
  const hidden = (known.baselinedFindings ?? 0) + (part.baselinedFindings ?? 0);
  nodes.set(part.id, { ...known, findings: known.findings + part.findings, ...(hidden > 0 ? { baselinedFindings: hidden } : {}), ...(known.files !== undefined ? { files: known.files + 1 } : {}) });
}

/**
 * Groups files by their folder, cut to the deepest depth at which the groups (a folder's files of
 * one layer each) stay within the limit: `src/users/dto/create.dto.ts` → `src/users`. When one
 * level deeper has too many, the largest of its groups are kept and the rest stay in their parent,
 * so a backend of 125 modules shows most modules rather than one box per layer.
 */
function folderGrouping(files: readonly { file: string; layer: string }[], limit: number): (file: string, layer: string) => string {
  const folderAt = (file: string, depth: number) => path.posix.dirname(file).split('/').slice(0, depth).join('/') || '.';
  const groupsAt = (depth: number) => countBy(files.map((f) => `${folderAt(f.file, depth)}\0${f.layer}`));
  const deepest = Math.max(1, ...files.map((f) => path.posix.dirname(f.file).split('/').length));
  let depth = deepest;
  let groups = groupsAt(depth);
  while (depth > 1 && groups.size > limit) groups = groupsAt(--depth);
  if (depth === deepest) return (file) => folderAt(file, depth);
  const room = limit - groups.size;
  const biggest = [...groupsAt(depth + 1)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, Math.max(0, room));
  const kept = new Set(biggest.map(([key]) => key));
  return (file, layer) => (kept.has(`${folderAt(file, depth + 1)}\0${layer}`) ? folderAt(file, depth + 1) : folderAt(file, depth));
}

function viewEdges(edges: readonly GraphJsonEdge[], layerOf: ReadonlyMap<string, string>, nodeOf: (file: string) => string, nodes: ReadonlyMap<string, ViewNode>): ViewEdge[] {
  const merged = new Map<string, ViewEdge>();
  for (const e of edges) {
    if (!layerOf.has(e.to)) continue;
    const from = nodeOf(e.from);
    const to = nodeOf(e.to);
    if (from === to || !nodes.has(from) || !nodes.has(to)) continue;
    const key = `${from}\0${to}`;
    const known = merged.get(key);
    const first = { from, to, kinds: [e.kind], runtime: e.runtime, file: e.from, line: e.line, character: e.character, rules: [...(e.findings ?? [])], count: 1 };
    merged.set(key, known ? mergeEdge(known, e) : { ...first, ...(e.baselined ? { baselinedRules: [...e.baselined] } : {}) });
  }
  return [...merged.values()];
}

/** The first dependency stays what a click opens, unless a reported one comes later: that one is what the edge is about. */
function mergeEdge(known: ViewEdge, e: GraphJsonEdge): ViewEdge {
  const reported = (e.findings?.length ?? 0) > 0 && known.rules.length === 0;
  return {
    ...known,
    ...(reported ? { file: e.from, line: e.line, character: e.character } : {}),
    kinds: known.kinds.includes(e.kind) ? known.kinds : [...known.kinds, e.kind],
    runtime: known.runtime || e.runtime,
    rules: [...new Set([...known.rules, ...(e.findings ?? [])])],
    ...(known.baselinedRules || e.baselined ? { baselinedRules: [...new Set([...(known.baselinedRules ?? []), ...(e.baselined ?? [])])] } : {}),
    count: known.count + 1,
  };
}

function matrixOf(edges: readonly GraphJsonEdge[], layerOf: ReadonlyMap<string, string>, order: ReadonlyMap<string, number>): MatrixCell[] {
  const cells = new Map<string, { edges: number; violations: number }>();
  for (const e of edges) {
    const from = layerOf.get(e.from);
    const to = layerOf.get(e.to);
    if (from === undefined || to === undefined) continue;
    const key = `${from}\0${to}`;
    const cell = cells.get(key) ?? { edges: 0, violations: 0 };
    cell.edges++;
    if (e.findings?.some((r) => r !== 'layering/cycle')) cell.violations++;
    cells.set(key, cell);
  }
  return [...cells]
    .map(([key, cell]) => {
      const [from = '', to = ''] = key.split('\0');
      return { from, to, ...cell };
    })
    .sort((a, b) => (order.get(a.from) ?? 0) - (order.get(b.from) ?? 0) || (order.get(a.to) ?? 0) - (order.get(b.to) ?? 0));
}
