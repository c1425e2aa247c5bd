import type { ArchitectureDiff, Changes, DiffDependency, DiffFinding } from './architecture-diff';
import { countsText, cycleChangeText, cycleCountsText, isUnchanged } from './diff-text';

/** Items a markdown list shows before "and N more": a PR comment must stay readable. */
const LISTED = 50;
/** Changed dependencies the Mermaid graph draws, forbidden ones first. */
export const DRAWN_EDGES = 30;

/**
 * A pull-request comment: a table of counts, a Mermaid graph of the changed dependencies only
 * (at most DRAWN_EDGES, forbidden first), the findings introduced and fixed, and the rest folded.
 */
export function diffMarkdown(diff: ArchitectureDiff): string {
  const out = ['### Layerguard: architecture diff', '', `Base: ${code(diff.base.label)}, head: ${code(diff.head.label)}.`, ''];
  if (isUnchanged(diff)) {
    out.push('No architectural change: no dependency began or stopped crossing layers, no cycle was made or broken, no finding was introduced or fixed.');
    return `${[...out, ...notesMarkdown(diff)].join('\n')}\n`;
  }
  out.push(...countsTable(diff), '', ...mermaidBlock(diff));
  out.push(...listMarkdown(`Findings introduced (${diff.findings.introduced.length})`, diff.findings.introduced.map(findingMarkdown)));
  out.push(...listMarkdown(`Findings fixed (${diff.findings.fixed.length})`, diff.findings.fixed.map(findingMarkdown)));
  out.push(...listMarkdown(`New forbidden dependencies (${diff.forbidden.added.length})`, diff.forbidden.added.map(dependencyMarkdown)));
  out.push(...foldedMarkdown(`Cross-layer dependencies (${countsText(diff.crossLayer, 'gone')})`, changeMarkdown(diff.crossLayer, dependencyMarkdown)));
  out.push(
    ...foldedMarkdown(`Cycles (${cycleCountsText(diff.cycles)})`, [
      ...changeMarkdown(diff.cycles, (c) => c.members.map(code).join(', ')),
      ...diff.cycles.changed.map((c) => `changed: ${cycleChangeText(c, code)}`),
    ]),
  );
  out.push(
    ...foldedMarkdown(
      `Files that changed layer (${diff.layerChanges.length})`,
      diff.layerChanges.map((c) => `${code(c.file)}${c.renamedFrom !== undefined ? ` (was ${code(c.renamedFrom)})` : ''}: ${c.from ?? 'no layer'} → ${c.to ?? 'no layer'}`),
    ),
  );
  out.push(...notesMarkdown(diff));
  return `${out.join('\n')}\n`;
}

function countsTable(diff: ArchitectureDiff): string[] {
  const row = (what: string, added: number, gone: number | string) => `| ${what} | ${added} | ${gone} |`;
  return [
    '| | new | gone |',
    '| --- | ---: | ---: |',
    row('Findings', diff.findings.introduced.length, diff.findings.fixed.length),
    row('Forbidden dependencies', diff.forbidden.added.length, diff.forbidden.removed.length),
    row('Cross-layer dependencies', diff.crossLayer.added.length, diff.crossLayer.removed.length),
    row('Cycles', diff.cycles.added.length, diff.cycles.removed.length),
    row('Cycles that changed members', diff.cycles.changed.length, '–'),
    row('Files that changed layer', diff.layerChanges.length, '–'),
  ];
}

function listMarkdown(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`**${title}**`, '', ...bullets(items)];
}

function foldedMarkdown(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : ['<details>', `<summary>${escapeHtml(title)}</summary>`, '', ...bullets(items), '</details>', ''];
}

/** At most LISTED items as a list, then how many more, and a blank line. */
function bullets(items: readonly string[]): string[] {
  const more = items.length > LISTED ? [`- … and ${items.length - LISTED} more (\`layerguard diff --format json\` lists them all)`] : [];
  return [...items.slice(0, LISTED).map((i) => `- ${i}`), ...more, ''];
}

function changeMarkdown<T>(changes: Changes<T>, text: (item: T) => string): string[] {
  return [...changes.added.map((item) => `new: ${text(item)}`), ...changes.removed.map((item) => `gone: ${text(item)}`)];
}

function findingMarkdown(f: DiffFinding): string {
  return `**${f.severity}** ${code(`${f.file}:${f.line}`)} ${escapeHtml(f.message)} (${code(f.ruleId)})`;
}

function dependencyMarkdown(d: DiffDependency): string {
  return `${code(d.from)} (${d.fromLayer}) → ${code(d.to)} (${d.toLayer})${d.rules ? `: ${d.rules.map(code).join(', ')}` : ''}`;
}

function notesMarkdown(diff: ArchitectureDiff): string[] {
  return diff.notes.length === 0 ? [] : ['', ...diff.notes.map((n) => `> ${escapeHtml(n)}`)];
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`;
}

/** A message may hold `<T>` (generics): GitHub would read it as HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

type DrawnKind = 'forbidden' | 'new' | 'gone';

interface DrawnEdge {
  readonly dependency: DiffDependency;
  readonly kind: DrawnKind;
}

const LINK_STYLE: Readonly<Record<DrawnKind, string>> = {
  forbidden: 'stroke:#cf222e,stroke-width:2px',
  new: 'stroke:#1a7f37',
  gone: 'stroke:#8c959f,stroke-dasharray:4',
};

function mermaidBlock(diff: ArchitectureDiff): string[] {
  const drawn = drawnEdges(diff);
  if (drawn.length === 0) return [];
  const total = new Set([...diff.forbidden.added, ...diff.crossLayer.added, ...diff.crossLayer.removed].map((d) => `${d.from}\0${d.to}`)).size;
  const caption =
    total > drawn.length ? `The ${drawn.length} changed dependencies drawn of ${total} (forbidden first; the lists below have all):` : 'Changed dependencies (red: forbidden, green: new, grey: gone):';
  return [caption, '', '```mermaid', ...mermaidLines(drawn), '```', ''];
}

/** Forbidden new dependencies first, then other new ones, then gone ones; one edge per pair of ends. */
function drawnEdges(diff: ArchitectureDiff): DrawnEdge[] {
  const byPair = new Map<string, DrawnEdge>();
  const add = (dependency: DiffDependency, kind: DrawnKind) => {
    const key = `${dependency.from}\0${dependency.to}`;
    if (!byPair.has(key)) byPair.set(key, { dependency, kind });
  };
  for (const d of diff.forbidden.added) add(d, 'forbidden');
  for (const d of diff.crossLayer.added) add(d, 'new');
  for (const d of diff.crossLayer.removed) add(d, 'gone');
  return [...byPair.values()].slice(0, DRAWN_EDGES);
}

/** Files grouped in a subgraph per layer, labelled by their last two path segments. */
function mermaidLines(drawn: readonly DrawnEdge[]): string[] {
  const ids = new Map<string, string>();
  const layers = new Map<string, string[]>();
  const place = (file: string, layer: string) => {
    if (ids.has(file)) return;
    const id = `n${ids.size}`;
    ids.set(file, id);
    layers.set(layer, [...(layers.get(layer) ?? []), `    ${id}["${mermaidLabel(file)}"]`]);
  };
  for (const { dependency: d } of drawn) {
    place(d.from, d.fromLayer);
    place(d.to, d.toLayer);
  }
  const lines = ['flowchart LR'];
  [...layers].forEach(([layer, nodes], i) => lines.push(`  subgraph L${i}["${mermaidLabel(layer)}"]`, ...nodes, '  end'));
  drawn.forEach(({ dependency: d, kind }, i) => {
    lines.push(`  ${ids.get(d.from) ?? ''} ${kind === 'gone' ? '-.->' : '-->'}${kind === 'forbidden' ? '|forbidden|' : ''} ${ids.get(d.to) ?? ''}`);
    lines.push(`  linkStyle ${i} ${LINK_STYLE[kind]}`);
  });
  return lines;
}

function mermaidLabel(file: string): string {
  return file.split('/').slice(-2).join('/').replace(/"/g, '#quot;');
}
