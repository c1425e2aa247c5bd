import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { explainFile, layerAccount, type AnalysisResult, type Edge, type EvidenceNote, type ExplainedDependency, type Explanation, type FileNode, type Finding } from '../engine';

/**
 * Why a file is in its layer, in the editor: a hover on an import, an injected parameter or a
 * `new` shows the target's layer and evidence (and whether the policy forbids it); a hover on a
 * class name, or on the first line outside a dependency, shows the file's own; `layerguard/explainFile` answers the whole explanation.
 * Offsets are only trusted when the analyzed text is the editor's text.
 */
export function hoverAt(result: AnalysisResult, file: string, text: string, offset: number): Hover | null {
  const node = result.graph.files.get(file);
  if (!node || node.text !== text) return null;
  const edge = result.graph.outgoing(file).find((e) => e.range.start <= offset && offset <= e.range.end);
  const explained = result.findings.filter((f) => f.file === file && f.range.start <= offset && offset <= f.range.end && f.detail !== undefined);
  if (edge) return hover(withDetails(dependencyHover(result, file, edge), explained), edge.range, node);
  const cls = node.facts.classes.find((c) => c.nameRange && c.nameRange.start <= offset && offset <= c.nameRange.end);
  // The class name, or anywhere on the first line that is no dependency: where one looks for what a file is.
  const range = cls?.nameRange ?? (node.lineIndex.positionAt(offset).line === 0 ? firstLine(text) : undefined);
  if (range) {
    const exempt = node.exempt ? ` Not checked by the rules: ${node.exempt}.` : '';
    return hover(withDetails(`Layerguard: this file is in ${layerName(node.layer)}: ${layerAccount(node)}.${exempt}`, explained), range, node);
  }
  const first = explained[0];
  return first ? hover(withDetails('', explained), first.range, node) : null;
}

/**
 * The findings' explanations under the hover: the Problems panel shows each finding's headline,
 * the hover says why it matters and what to do (the editor shows the headline above it).
 */
function withDetails(value: string, findings: readonly Finding[]): string {
  const details = findings.map((f) => `**${f.ruleId}**: ${f.detail ?? ''}`);
  return [value, ...details].filter((part) => part !== '').join('\n\n');
}

function firstLine(text: string): { start: number; end: number } {
  const end = text.search(/\r?\n/);
  return { start: 0, end: end < 0 ? text.length : end };
}

/** What a dependency leads to, and the layering finding on it if there is one. */
function dependencyHover(result: AnalysisResult, file: string, edge: Edge): string {
  const target = edge.external ? undefined : result.graph.files.get(edge.to);
  const layer = layerName(result.graph.targetLayer(edge));
  const name = edge.external ? `package \`${edge.to}\`` : `\`${relative(result.root, edge.to)}\``;
  const what = target ? `${layer}: ${layerAccount(target)}` : layer;
  const reported = result.findings.find((f) => f.file === file && f.ruleId === 'layering/forbidden-dependency' && f.range.start === edge.range.start);
  const verdict = reported ? `\n\n**Forbidden** (layering/forbidden-dependency): ${reported.message}` : '';
  return `Layerguard: ${name} is in ${what}.${verdict}`;
}

function layerName(layer: string | undefined): string {
  return layer ? `the **${layer}** layer` : 'no layer';
}

function hover(value: string, range: { start: number; end: number }, node: FileNode): Hover {
  const contents: MarkupContent = { kind: 'markdown', value };
  return { contents, range: { start: node.lineIndex.positionAt(range.start), end: node.lineIndex.positionAt(range.end) } };
}

function relative(root: string, file: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

/** The explanation of a file as Markdown (the client shows it in a preview). */
export function explanationMarkdown(explanation: Explanation): string {
  const lines = [`# Layerguard: \`${explanation.file}\``, '', `**Layer:** ${explanation.layer ?? 'none'} — ${explanation.reason}`];
  if (explanation.exempt) lines.push('', `**Not checked by the rules:** ${explanation.exempt}`);
  lines.push('', '## Evidence, strongest first', '');
  if (explanation.evidence.length === 0) lines.push('- none: no decorator, base class, name or folder points to a layer');
  for (const e of explanation.evidence) lines.push(`- ${e.layer ?? 'no layer'} — ${e.evidence} — ${VERDICT_TEXT[e.verdict](e)}`);
  lines.push('', '## Dependencies', '', '| line | how | on | its layer | verdict |', '|---|---|---|---|---|');
  for (const d of explanation.dependencies) lines.push(dependencyRow(d));
  return `${lines.join('\n')}\n`;
}

const VERDICT_TEXT: Readonly<Record<EvidenceNote['verdict'], (e: EvidenceNote) => string>> = {
  decided: () => '**decided**',
  overruled: (e) => `**overruled**: ${e.why ?? ''}`,
  weaker: () => 'weaker, not needed',
};

function dependencyRow(d: ExplainedDependency): string {
  const how = [d.kind, ...(d.usedAs ? [`as ${d.usedAs} only`] : []), ...(d.runtime ? [] : ['type only'])].join(', ');
  const layer = `${d.targetLayer ?? '—'}${d.targetReason ? ` (${d.targetReason})` : ''}`;
  return `| ${d.line} | ${how} | \`${d.target}\` | ${layer} | ${d.finding ? '**forbidden**' : ''} |`;
}

export function explanationOf(result: AnalysisResult, file: string): string | null {
  const explanation = explainFile(result, file);
  return explanation ? explanationMarkdown(explanation) : null;
}
