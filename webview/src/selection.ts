import type { ArchitectureView } from '../../server/src/engine/report/architecture-view';

export type Direction = 'both' | 'dependents' | 'dependencies';

export interface Filters {
  readonly hiddenLayers: ReadonlySet<string>;
  readonly hiddenKinds: ReadonlySet<string>;
  /** Show only edges the layering rules report (and their ends). */
  readonly reportedOnly: boolean;
  readonly focus?: { readonly id: string; readonly proximity: number; readonly direction: Direction };
}

/** The nodes drawn: those of shown layers, and around the focused node, those within its proximity. */
export function visibleNodes(view: ArchitectureView, filters: Filters): Set<string> {
  const shown = new Set(view.nodes.filter((n) => !filters.hiddenLayers.has(n.layer)).map((n) => n.id));
  const edges = view.edges.filter((e) => shown.has(e.from) && shown.has(e.to) && e.kinds.some((k) => !filters.hiddenKinds.has(k)));
  if (filters.reportedOnly) {
    const ends = new Set(edges.filter((e) => e.rules.length > 0).flatMap((e) => [e.from, e.to]));
    for (const id of [...shown]) if (!ends.has(id)) shown.delete(id);
  }
  const focus = filters.focus;
  if (!focus || !shown.has(focus.id)) return shown;
  return neighbourhood(focus.id, focus.proximity, focus.direction, edges, shown);
}

function neighbourhood(start: string, proximity: number, direction: Direction, edges: ArchitectureView['edges'], shown: ReadonlySet<string>): Set<string> {
  const reached = new Set([start]);
  let frontier = [start];
  for (let step = 0; step < proximity && frontier.length > 0; step++) {
    frontier = frontier.flatMap((id) => neighboursOf(id, direction, edges)).filter((other) => shown.has(other) && !reached.has(other));
    for (const id of frontier) reached.add(id);
  }
  return reached;
}

/** The files one step away: what it depends on, what depends on it, or both. */
function neighboursOf(id: string, direction: Direction, edges: ArchitectureView['edges']): string[] {
  const out = direction === 'dependents' ? [] : edges.filter((e) => e.from === id).map((e) => e.to);
  const into = direction === 'dependencies' ? [] : edges.filter((e) => e.to === id).map((e) => e.from);
  return [...new Set([...out, ...into])];
}

/**
 * The view as shown: without the baseline's findings (as the Problems panel), or with them, their
 * rules on the edges (drawn as such, marked baselined) and their counts on the nodes.
 */
export function withBaselined(view: ArchitectureView, show: boolean): ArchitectureView {
  if (!show) return { ...view, findings: view.findings.filter((f) => !f.baselined) };
  return {
    ...view,
    nodes: view.nodes.map((n) => (n.baselinedFindings ? { ...n, findings: n.findings + n.baselinedFindings } : n)),
    edges: view.edges.map((e) => (e.baselinedRules ? { ...e, rules: [...new Set([...e.rules, ...e.baselinedRules])] } : e)),
  };
}
