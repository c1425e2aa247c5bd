import type { AnalysisResult } from '../analyze';
import type { Finding, Problem } from '../types';
import { summarize } from './json';
import { relativePath } from './paths';

export interface TextStyle {
  readonly color: boolean;
}

const SEVERITY_COLOR: Readonly<Record<Finding['severity'], string>> = { error: '31', warning: '33', info: '36' };

type Paint = (code: string, text: string) => string;

/** Human output, grouped by file like ESLint's stylish formatter, with problems and a summary. */
export function toText(result: AnalysisResult, style: TextStyle): string {
  const paint: Paint = (code, text) => (style.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out = [...findingLines(result, paint), ...problemLines(result, paint), ...staleBaselineLines(result, paint), summaryLine(result, paint)];
  return out.join('\n') + '\n';
}

function findingLines(result: AnalysisResult, paint: Paint): string[] {
  const out: string[] = [];
  for (const [file, findings] of groupByFile(result.findings)) {
    out.push(paint('4', relativePath(result.root, file)));
    for (const f of findings) out.push(findingLine(f, paint));
    out.push('');
  }
  return out;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  return byFile;
}

function findingLine(f: Finding, paint: Paint): string {
  const where = `${f.start.line + 1}:${f.start.character + 1}`.padEnd(7);
  return `  ${paint('2', where)} ${paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7))} ${f.message}  ${paint('2', f.ruleId)}`;
}

function problemLines(result: AnalysisResult, paint: Paint): string[] {
  if (result.problems.length === 0) return [];
  const notes = result.problems.map((p) => `  ${problemWhere(result.root, p)}${p.message}`);
  return [paint('1', 'Notes (analysis continued):'), ...notes, ''];
}

/** `file:line:column: `, `file: `, or nothing for a problem of no file. */
function problemWhere(root: string, p: Problem): string {
  if (!p.file) return '';
  const position = p.start ? `:${p.start.line + 1}:${p.start.character + 1}` : '';
  return `${relativePath(root, p.file)}${position}: `;
}

/** The ratchet: what was fixed since the baseline was written, and how to make it stay fixed. */
function staleBaselineLines(result: AnalysisResult, paint: Paint): string[] {
  const stale = result.staleBaseline.length;
  if (stale === 0) return [];
  return [
    paint('32', `${plural(stale, 'baselined finding')} no longer ${stale === 1 ? 'occurs' : 'occur'}: \`layerguard baseline --prune\` removes ${stale === 1 ? 'it' : 'them'} from the baseline.`),
    '',
  ];
}

function summaryLine(result: AnalysisResult, paint: Paint): string {
  const s = summarize(result);
  const total = s.errors + s.warnings + s.infos;
  const outside = s.outsideFiles > 0 ? ` (and ${s.outsideFiles} read from workspace packages)` : '';
  const tail = `${s.files} files${outside}, ${s.edges} dependencies analyzed in ${(s.durationMs / 1000).toFixed(2)} s`;
  if (total === 0) return paint('32', `✔ No findings — ${tail}`);
  const counts = `${plural(total, 'finding')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}${s.infos ? `, ${s.infos} info` : ''})`;
  return paint(s.errors > 0 ? '31' : '33', `✖ ${counts} — ${tail}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
