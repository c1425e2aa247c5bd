import type { AnalysisResult } from '../analyze';
import type { EvidenceNote } from '../classify/classify';
import type { Edge } from '../graph/types';
import { relativePath } from './paths';

/**
 * `layerguard explain <file>`: why a file is in its layer — every piece of evidence with its
 * verdict — and how each of its dependencies is judged. A user who disagrees with a finding sees
 * the evidence behind it, and which evidence was overruled by what the file does.
 */
export interface Explanation {
  readonly file: string;
  readonly layer: string | null;
  readonly reason: string;
  /** Why the rules leave the file alone, when they do. */
  readonly exempt?: string;
  readonly evidence: readonly EvidenceNote[];
  readonly dependencies: readonly ExplainedDependency[];
  readonly findings: readonly { readonly line: number; readonly ruleId: string; readonly message: string }[];
}

export interface ExplainedDependency {
  readonly line: number;
  readonly kind: Edge['kind'];
  /** A path relative to the root, or a package name. */
  readonly target: string;
  readonly targetLayer: string | null;
  /** Why the target is in its layer (files only). */
  readonly targetReason?: string;
  /** How it is used when only one way: as a decorator, a base class, or passed on. */
  readonly usedAs?: Edge['usedAs'];
  readonly runtime: boolean;
  /** The layering finding reported on this dependency, if any. */
  readonly finding?: string;
}

/** The explanation of one analyzed file, or undefined when the analysis did not read it. */
export function explainFile(result: AnalysisResult, file: string): Explanation | undefined {
  const node = result.graph.files.get(file);
  if (!node) return undefined;
  const rel = (f: string) => relativePath(result.root, f);
  const lineOf = (offset: number) => node.lineIndex.positionAt(offset).line + 1;
  const findings = result.findings.filter((f) => f.file === file);
  const layering = findings.filter((f) => f.ruleId === 'layering/forbidden-dependency');
  const dependencies = result.graph.outgoing(file).map((edge): ExplainedDependency => {
    const target = edge.external ? undefined : result.graph.files.get(edge.to);
    const reported = layering.find((f) => f.range.start === edge.range.start);
    return {
      line: lineOf(edge.range.start),
      kind: edge.kind,
      target: edge.external ? edge.to : rel(edge.to),
      targetLayer: result.graph.targetLayer(edge) ?? null,
      ...(target ? { targetReason: target.layerReason } : {}),
      ...(edge.usedAs ? { usedAs: edge.usedAs } : {}),
      runtime: edge.runtime,
      ...(reported ? { finding: reported.message } : {}),
    };
  });
  return {
    file: rel(file),
    layer: node.layer ?? null,
    reason: node.layerReason,
    ...(node.exempt ? { exempt: node.exempt } : {}),
    evidence: node.layerEvidence,
    dependencies: dependencies.sort((a, b) => a.line - b.line),
    findings: findings.map((f) => ({ line: f.start.line + 1, ruleId: f.ruleId, message: f.message })),
  };
}

const VERDICT_MARK: Readonly<Record<EvidenceNote['verdict'], string>> = { decided: '✓', overruled: '✗', weaker: '·' };

/** The explanation as text, for the terminal. */
export function explanationText(explanation: Explanation): string {
  const lines = [explanation.file, `  layer: ${explanation.layer ?? 'none'} (${explanation.reason})`];
  if (explanation.exempt) lines.push(`  not checked by the rules: ${explanation.exempt}`);
  lines.push('  evidence, strongest first:');
  if (explanation.evidence.length === 0) lines.push('    (none: no decorator, base class, name or folder points to a layer)');
  for (const note of explanation.evidence) lines.push(`    ${evidenceLine(note)}`);
  lines.push('  depends on:');
  if (explanation.dependencies.length === 0) lines.push('    (nothing)');
  for (const d of explanation.dependencies) lines.push(`    ${dependencyLine(d)}`);
  lines.push(`  findings: ${explanation.findings.length === 0 ? 'none' : explanation.findings.map((f) => `${f.ruleId} (line ${f.line})`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** One piece of evidence: `✗ repository  file name x.repository.ts — overruled: it uses 'pino'…`. */
export function evidenceLine(note: EvidenceNote): string {
  const what = `${VERDICT_MARK[note.verdict]} ${(note.layer ?? 'no layer').padEnd(16)} ${note.evidence}`;
  if (note.verdict === 'overruled') return `${what} — overruled: ${note.why ?? 'what the file does disagrees'}`;
  return note.verdict === 'weaker' ? `${what} (weaker, not needed)` : what;
}

function dependencyLine(d: ExplainedDependency): string {
  const layer = d.targetLayer ? `${d.targetLayer}${d.targetReason ? ` (${d.targetReason})` : ''}` : 'no layer';
  const how = [d.kind, ...(d.usedAs ? [d.usedAs === 'lazy' ? 'named lazily only' : `used as ${d.usedAs} only`] : []), ...(d.runtime ? [] : ['erased at run time'])].join(', ');
  const verdict = d.finding ? `  ✗ ${d.finding}` : '';
  return `line ${String(d.line).padEnd(4)} ${how.padEnd(22)} → ${d.target}: ${layer}${verdict}`;
}
