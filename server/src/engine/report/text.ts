import type { AnalysisResult } from '../analyze';
import type { Finding } from '../types';
import { summarize } from './json';
import { relativePath } from './paths';

export interface TextStyle {
  readonly color: boolean;
}

const SEVERITY_COLOR: Readonly<Record<Finding['severity'], string>> = { error: '31', warning: '33', info: '36' };

/** Human output, grouped by file like ESLint's stylish formatter, with problems and a summary. */
export function toText(result: AnalysisResult, style: TextStyle): string {
  const paint = (code: string, text: string) => (style.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(paint('4', relativePath(result.root, file)));
    for (const f of findings) {
      const where = `${f.start.line + 1}:${f.start.character + 1}`.padEnd(7);
      out.push(`  ${paint('2', where)} ${paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7))} ${f.message}  ${paint('2', f.ruleId)}`);
    }
    out.push('');
  }
  if (result.problems.length > 0) {
    out.push(paint('1', 'Notes (analysis continued):'));
    for (const p of result.problems) {
      const where = p.file ? `${relativePath(result.root, p.file)}${p.start ? `:${p.start.line + 1}:${p.start.character + 1}` : ''}: ` : '';
      out.push(`  ${where}${p.message}`);
    }
    out.push('');
  }
  const s = summarize(result);
  const total = s.errors + s.warnings + s.infos;
  const counts = `${total} finding${total === 1 ? '' : 's'} (${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}${s.infos ? `, ${s.infos} info` : ''})`;
  const tail = `${s.files} files, ${s.edges} dependencies analyzed in ${(s.durationMs / 1000).toFixed(2)} s`;
  out.push(total === 0 ? paint('32', `✔ No findings — ${tail}`) : paint(s.errors > 0 ? '31' : '33', `✖ ${counts} — ${tail}`));
  return out.join('\n') + '\n';
}
