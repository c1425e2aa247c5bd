import type { ArchitectureDiff, Changes, CycleChange, CycleChanges, DiffCycle, DiffDependency, DiffFinding, LayerChange } from './architecture-diff';

/** `layerguard diff`'s human output: each kind of change with `+`/`-` lines, then a summary. */
export function diffText(diff: ArchitectureDiff): string {
  const out = [`Architecture diff: ${diff.base.label} (${diff.base.files} files) -> ${diff.head.label} (${diff.head.files} files)`, ''];
  const section = (title: string, lines: readonly string[]) => {
    if (lines.length > 0) out.push(`${title}:`, ...lines.map((l) => `  ${l}`), '');
  };
  section(
    `Findings introduced (${diff.findings.introduced.length})`,
    diff.findings.introduced.map((f) => `+ ${findingText(f)}`),
  );
  section(
    `Findings fixed (${diff.findings.fixed.length})`,
    diff.findings.fixed.map((f) => `- ${findingText(f)}`),
  );
  section(`Forbidden dependencies (${countsText(diff.forbidden, 'gone')})`, changeLines(diff.forbidden, dependencyText));
  section(`Cross-layer dependencies (${countsText(diff.crossLayer, 'gone')})`, changeLines(diff.crossLayer, dependencyText));
  section(`Cycles (${cycleCountsText(diff.cycles)})`, [...changeLines(diff.cycles, cycleText), ...diff.cycles.changed.map((c) => `~ ${cycleChangeText(c)}`)]);
  section(`Files that changed layer (${diff.layerChanges.length})`, diff.layerChanges.map(layerChangeText));
  section('Notes', diff.notes);
  out.push(summaryText(diff));
  return `${out.join('\n')}\n`;
}

function changeLines<T>(changes: Changes<T>, text: (item: T) => string): string[] {
  return [...changes.added.map((item) => `+ ${text(item)}`), ...changes.removed.map((item) => `- ${text(item)}`)];
}

function findingText(f: DiffFinding): string {
  return `${f.severity.padEnd(7)} ${f.file}:${f.line}  ${f.message}  ${f.ruleId}`;
}

function dependencyText(d: DiffDependency): string {
  return `${d.from} (${d.fromLayer}) -> ${d.to} (${d.toLayer})${d.rules ? `  ${d.rules.join(', ')}` : ''}`;
}

function cycleText(c: DiffCycle): string {
  return c.members.join(', ');
}

/** `11 files: joined by a.ts, b.ts; left by c.ts`. */
export function cycleChangeText(c: CycleChange, name: (file: string) => string = (f) => f): string {
  const parts = [c.joined.length > 0 ? `joined by ${c.joined.map(name).join(', ')}` : '', c.left.length > 0 ? `left by ${c.left.map(name).join(', ')}` : ''];
  return `${c.members.length} files: ${parts.filter((p) => p !== '').join('; ')}`;
}

export function cycleCountsText(cycles: CycleChanges): string {
  return `${countsText(cycles, 'broken')}, ${cycles.changed.length} changed`;
}

function layerChangeText(c: LayerChange): string {
  return `${c.file}${c.renamedFrom !== undefined ? ` (was ${c.renamedFrom})` : ''}: ${c.from ?? 'no layer'} -> ${c.to ?? 'no layer'}`;
}

export function countsText(changes: Changes<unknown>, gone: string): string {
  return `${changes.added.length} new, ${changes.removed.length} ${gone}`;
}

/** One line: what a reviewer needs first. */
export function summaryText(diff: ArchitectureDiff): string {
  if (isUnchanged(diff)) return `No architectural change against ${diff.base.label}.`;
  const errors = diff.findings.introduced.filter((f) => f.severity === 'error').length;
  return [
    `${diff.findings.introduced.length} finding(s) introduced${errors > 0 ? ` (${errors} error(s))` : ''}, ${diff.findings.fixed.length} fixed`,
    `forbidden dependencies: ${countsText(diff.forbidden, 'gone')}`,
    `cross-layer dependencies: ${countsText(diff.crossLayer, 'gone')}`,
    `cycles: ${cycleCountsText(diff.cycles)}`,
    `${diff.layerChanges.length} file(s) changed layer.`,
  ].join('; ');
}

export function isUnchanged(diff: ArchitectureDiff): boolean {
  const sizes = [
    diff.findings.introduced,
    diff.findings.fixed,
    diff.crossLayer.added,
    diff.crossLayer.removed,
    diff.forbidden.added,
    diff.forbidden.removed,
    diff.cycles.added,
    diff.cycles.removed,
    diff.cycles.changed,
    diff.layerChanges,
  ];
  return sizes.every((list) => list.length === 0);
}
