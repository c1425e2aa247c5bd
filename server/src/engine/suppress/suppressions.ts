import type { DependencyGraph } from '../graph/types';
import type { TextRange } from '../types';

/**
 * Suppression comments, one rule (or a comma-separated list) and a reason:
 *   // layerguard-ignore-next-line security/hardcoded-secret -- local fixture, rotated
 *   // layerguard-ignore-file naming/ambiguous-name -- generated code
 */
const DIRECTIVE = /\/\/\s*layerguard-ignore-(next-line|file)\b([^\n]*)/g;

export interface Suppression {
  readonly file: string;
  readonly scope: 'next-line' | 'file';
  readonly ruleIds: readonly string[];
  readonly reason: string;
  /** 0-based line of the comment. */
  readonly line: number;
  readonly range: TextRange;
}

export function suppressionsOf(file: string, text: string, lineOf: (offset: number) => number): Suppression[] {
  const found: Suppression[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const [rules = '', reason = ''] = (match[2] ?? '').split(/\s--\s?/, 2);
    const start = match.index ?? 0;
    found.push({
      file,
      scope: match[1] === 'file' ? 'file' : 'next-line',
      ruleIds: rules.split(',').map((r) => r.trim()).filter(Boolean),
      reason: reason.trim(),
      line: lineOf(start),
      range: { start, end: start + match[0].trimEnd().length },
    });
  }
  return found;
}

/** Every suppression comment of the analyzed files. */
export function collectSuppressions(graph: DependencyGraph): Suppression[] {
  const all: Suppression[] = [];
  for (const node of graph.files.values()) {
    if (!node.text.includes('layerguard-ignore-')) continue;
    all.push(...suppressionsOf(node.file, node.text, (offset) => node.lineIndex.positionAt(offset).line));
  }
  return all;
}

/** Whether a finding of `ruleId` at `line` of `file` is suppressed. */
export function isSuppressed(suppressions: readonly Suppression[], file: string, ruleId: string, line: number): boolean {
  return suppressions.some(
    (s) => s.file === file && (s.ruleIds.length === 0 || s.ruleIds.includes(ruleId)) && (s.scope === 'file' || s.line === line - 1),
  );
}
