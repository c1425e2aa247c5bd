import type { AnalysisResult } from '../analyze';
import { fingerprints } from '../suppress/baseline';
import type { Finding, Severity } from '../types';
import { relativePath } from './paths';
import { toGraphJson, type GraphJson } from './graph-formats';

/** One side of a diff: an analysis, and what to call it (`origin/main (merge base 1a2b3c4)`). */
export interface DiffSide {
  readonly label: string;
  readonly result: AnalysisResult;
}

/** A dependency between two files (or a file and a package) of different layers, once per pair. */
export interface DiffDependency {
  readonly from: string;
  readonly to: string;
  readonly fromLayer: string;
  readonly toLayer: string;
  /** `to` is a package, not a file. */
  readonly external?: true;
  /** The rules reporting it on that side (a forbidden layer, a broken contract). */
  readonly rules?: readonly string[];
}

export interface DiffFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Relative to the analyzed folder, `/`-separated. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

export interface DiffCycle {
  /** Every file of the cycle, relative and sorted: what identifies it on both sides. */
  readonly members: readonly string[];
}

/** A cycle of the base that is still there with other members: grown or shrunk, not made or broken. */
export interface CycleChange {
  /** Its members now. */
  readonly members: readonly string[];
  readonly joined: readonly string[];
  readonly left: readonly string[];
}

export interface CycleChanges extends Changes<DiffCycle> {
  readonly changed: readonly CycleChange[];
}

export interface LayerChange {
  readonly file: string;
  /** The file's path at the base, when the change renamed it. */
  readonly renamedFrom?: string;
  readonly from: string | null;
  readonly to: string | null;
}

export interface Changes<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
}

/**
 * What a change did to the architecture: dependencies that began or stopped crossing layers,
 * forbidden ones among them, cycles made or broken, files whose layer changed, findings
 * introduced or fixed. Paths are relative to the analyzed folder, so the two sides (the base
 * read from git into a temporary folder, the working tree) compare.
 */
export interface ArchitectureDiff {
  readonly base: { readonly label: string; readonly files: number };
  readonly head: { readonly label: string; readonly files: number };
  readonly crossLayer: Changes<DiffDependency>;
  /** Dependencies a layering rule reports (a forbidden layer, a broken contract): new, and gone. */
  readonly forbidden: Changes<DiffDependency>;
  readonly cycles: CycleChanges;
  readonly layerChanges: readonly LayerChange[];
  readonly findings: { readonly introduced: readonly DiffFinding[]; readonly fixed: readonly DiffFinding[] };
  /** Parts of either analysis that failed: their findings may look introduced or fixed. */
  readonly notes: readonly string[];
}

/**
 * Files the change renamed: the base's path → the head's, relative to the analyzed folder. A
 * renamed file is compared as one file: its dependencies and findings did not go and come back.
 */
export type Renames = ReadonlyMap<string, string>;

const NO_RENAMES: Renames = new Map();

/**
 * What a diff needs of one side, without its syntax trees: the base's is taken before the head is
 * analyzed, so the two analyses are never in memory together (a 20k-file tree holds 1.7 GB).
 */
export interface DiffSummary {
  readonly label: string;
  readonly files: number;
  /** Under the head's names for the base (renamed files followed). */
  readonly graph: GraphJson;
  readonly findings: readonly DiffFinding[];
  /** The findings' fingerprints, in the same order. */
  readonly prints: readonly string[];
  readonly cycles: readonly DiffCycle[];
  readonly notes: readonly string[];
}

/** One side's summary; `role` says how a part it lost would mislead (its findings look fixed or introduced). */
export function diffSummary(side: DiffSide, role: 'base' | 'head', renamed: Renames = NO_RENAMES): DiffSummary {
  const result = side.result;
  return {
    label: side.label,
    files: result.stats.files,
    graph: withRenames(toGraphJson(result.graph, result.findings), role === 'base' ? renamed : NO_RENAMES),
    findings: result.findings.map((f) => diffFinding(result.root, f)),
    prints: fingerprintsOf(result, role === 'base' ? renamed : NO_RENAMES),
    cycles: cyclesOf(result),
    notes: lostParts(side, role === 'base' ? 'introduced' : 'fixed'),
  };
}

/**
 * The head's findings that the base does not have (by fingerprint): what SARIF reports for a
 * diff. `headPrints`: the head summary's, when there is one (fingerprinting reads every finding).
 */
export function introducedFindings(base: DiffSummary, head: AnalysisResult, headPrints: readonly string[] = fingerprintsOf(head)): Finding[] {
  const known = new Set(base.prints);
  return head.findings.filter((_, i) => !known.has(headPrints[i] ?? ''));
}

/** Compares two analyses of the same folder at two points of its history. */
export function architectureDiff(base: DiffSide, head: DiffSide, renamed: Renames = NO_RENAMES): ArchitectureDiff {
  return compareSummaries(diffSummary(base, 'base', renamed), diffSummary(head, 'head'), renamed);
}

/** `architectureDiff` from the two sides' summaries. */
export function compareSummaries(base: DiffSummary, head: DiffSummary, renamed: Renames = NO_RENAMES): ArchitectureDiff {
  const baseDeps = crossLayerDependencies(base.graph);
  const headDeps = crossLayerDependencies(head.graph);
  const isForbidden = (d: DiffDependency) => d.rules !== undefined;
  return {
    base: { label: base.label, files: base.files },
    head: { label: head.label, files: head.files },
    crossLayer: changesBetween(baseDeps, headDeps, dependencyKey),
    forbidden: changesBetween(baseDeps.filter(isForbidden), headDeps.filter(isForbidden), dependencyKey),
    cycles: cycleChanges(changesBetween(base.cycles, head.cycles, (c) => c.members.join('\0'))),
    layerChanges: layerChanges(base.graph, head.graph, renamed),
    findings: { introduced: onlyIn(head, new Set(base.prints)), fixed: onlyIn(base, new Set(head.prints)) },
    notes: [...base.notes, ...head.notes],
  };
}

function dependencyKey(d: DiffDependency): string {
  return `${d.from}\0${d.to}`;
}

function changesBetween<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): Changes<T> {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return { added: after.filter((item) => !beforeKeys.has(key(item))), removed: before.filter((item) => !afterKeys.has(key(item))) };
}

/** Dependencies whose two ends have different layers, one per pair of ends, with the rules reporting any of them. */
function crossLayerDependencies(graph: GraphJson): DiffDependency[] {
  const layerOf = new Map(graph.nodes.map((n) => [n.file, n.layer]));
  const packages = new Set(graph.nodes.filter((n) => n.external).map((n) => n.file));
  const byPair = new Map<string, DiffDependency>();
  for (const edge of graph.edges) {
    const fromLayer = layerOf.get(edge.from);
    const toLayer = layerOf.get(edge.to);
    if (!fromLayer || !toLayer || fromLayer === toLayer) continue;
    const key = `${edge.from}\0${edge.to}`;
    const rules = [...(byPair.get(key)?.rules ?? []), ...(edge.findings ?? []).filter((r) => r !== 'layering/cycle')];
    const external = packages.has(edge.to);
    byPair.set(key, { from: edge.from, to: edge.to, fromLayer, toLayer, ...(external ? { external } : {}), ...(rules.length > 0 ? { rules: [...new Set(rules)].sort() } : {}) });
  }
  return [...byPair.values()].sort((a, b) => compareText(dependencyKey(a), dependencyKey(b)));
}

/** The cycles the cycle rule reports (its options and exemptions apply), by their members. */
function cyclesOf(result: AnalysisResult): DiffCycle[] {
  return result.findings.filter((f) => f.ruleId === 'layering/cycle' && f.data?.['members'] !== undefined).map((f) => ({ members: (f.data?.['members'] ?? '').split(', ').sort(compareText) }));
}

/** The base's graph with renamed files under the head's names (packages keep theirs). */
function withRenames(graph: GraphJson, renamed: Renames): GraphJson {
  if (renamed.size === 0) return graph;
  const name = (file: string) => renamed.get(file) ?? file;
  return {
    nodes: graph.nodes.map((n) => (n.external ? n : { ...n, file: name(n.file) })),
    edges: graph.edges.map((e) => ({ ...e, from: name(e.from), to: name(e.to) })),
  };
}

/**
 * Pairs a cycle that appeared with one that went when they share files (the same tangle, grown
 * or shrunk), the largest overlap first; what is left unpaired was made or broken.
 */
function cycleChanges(changes: Changes<DiffCycle>): CycleChanges {
  const added = [...changes.added];
  const removed = [...changes.removed];
  const changed: CycleChange[] = [];
  for (;;) {
    const pair = largestOverlap(added, removed);
    if (pair === undefined) break;
    const [now, was] = [added[pair.added], removed[pair.removed]];
    if (now === undefined || was === undefined) break;
    changed.push({ members: now.members, joined: now.members.filter((f) => !was.members.includes(f)), left: was.members.filter((f) => !now.members.includes(f)) });
    added.splice(pair.added, 1);
    removed.splice(pair.removed, 1);
  }
  return { added, removed, changed };
}

function largestOverlap(added: readonly DiffCycle[], removed: readonly DiffCycle[]): { added: number; removed: number } | undefined {
  let best: { added: number; removed: number; shared: number } | undefined;
  added.forEach((now, a) =>
    removed.forEach((was, r) => {
      const shared = now.members.filter((f) => was.members.includes(f)).length;
      if (shared > 0 && shared > (best?.shared ?? 0)) best = { added: a, removed: r, shared };
    }),
  );
  return best;
}

function layerChanges(base: GraphJson, head: GraphJson, renamed: Renames): LayerChange[] {
  const before = new Map(base.nodes.filter((n) => !n.external).map((n) => [n.file, n.layer]));
  const formerName = new Map([...renamed].map(([from, to]) => [to, from]));
  const changes: LayerChange[] = [];
  for (const node of head.nodes) {
    if (node.external || !before.has(node.file)) continue;
    const was = before.get(node.file) ?? null;
    const renamedFrom = formerName.get(node.file);
    if (was !== node.layer) changes.push({ file: node.file, ...(renamedFrom !== undefined ? { renamedFrom } : {}), from: was, to: node.layer });
  }
  return changes;
}

/**
 * Each finding's baseline fingerprint (rule, relative file, the flagged text, its rank among
 * identical ones), so a finding that only moved lines is neither new nor fixed; a renamed file's
 * findings are fingerprinted under its new name.
 */
function fingerprintsOf(result: AnalysisResult, renamed: Renames = NO_RENAMES): string[] {
  const textOf = (file: string) => result.graph.files.get(file)?.text;
  if (renamed.size === 0) return fingerprints(result.findings, result.root, textOf);
  const originals = new Map<string, string>();
  const moved = result.findings.map((f) => {
    const now = renamed.get(relativePath(result.root, f.file));
    if (now === undefined) return f;
    const file = `${result.root}/${now}`;
    originals.set(file, f.file);
    return { ...f, file };
  });
  return fingerprints(moved, result.root, (file) => textOf(originals.get(file) ?? file));
}

function onlyIn(side: DiffSummary, other: ReadonlySet<string>): DiffFinding[] {
  return side.findings.filter((_, i) => !other.has(side.prints[i] ?? ''));
}

function diffFinding(root: string, f: Finding): DiffFinding {
  return { ruleId: f.ruleId, severity: f.severity, file: relativePath(root, f.file), line: f.start.line + 1, message: f.message };
}

/** A part of the base lost makes its findings look introduced; a part of the head lost, fixed. */
function lostParts(side: DiffSide, misread: 'introduced' | 'fixed'): string[] {
  const lost = side.result.problems.filter((p) => p.lost);
  return lost.length === 0 ? [] : [`${side.label}: ${lost.length} part(s) of the analysis failed (${lost[0]?.message ?? ''}); findings there may look ${misread}.`];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
