import { perParsedFile } from '../memo';
import type { DependencyGraph } from '../graph/types';
import { ts } from '../ts';
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

export function suppressionsOf(file: string, sourceFile: ts.SourceFile, lineOf: (offset: number) => number): Suppression[] {
  const found: Suppression[] = [];
  const text = sourceFile.text;
  for (const match of text.matchAll(DIRECTIVE)) {
    const [rules = '', reason = ''] = (match[2] ?? '').split(/\s--\s?/, 2);
    const start = match.index ?? 0;
    if (!isLineComment(sourceFile, start)) continue;
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

/**
 * Whether `//` at `offset` starts a line comment, not text inside a string, a template or a
 * block comment (code that writes or documents suppressions is no suppression).
 */
function isLineComment(sourceFile: ts.SourceFile, offset: number): boolean {
  const lineStart = sourceFile.text.lastIndexOf('\n', offset - 1) + 1;
  if (/^\s*\*/.test(sourceFile.text.slice(lineStart, offset))) return false;
  let inside: ts.Node = sourceFile;
  for (let child = childAt(inside, offset, sourceFile); child; child = childAt(inside, offset, sourceFile)) inside = child;
  return !(ts.isStringLiteralLike(inside) || ts.isTemplateLiteralToken(inside) || ts.isRegularExpressionLiteral(inside) || ts.isJsxText(inside));
}

function childAt(node: ts.Node, offset: number, sourceFile: ts.SourceFile): ts.Node | undefined {
  return ts.forEachChild(node, (child) => (child.getStart(sourceFile) <= offset && offset < child.getEnd() ? child : undefined));
}

/** Every suppression comment of the analyzed files. */
export function collectSuppressions(graph: DependencyGraph): Suppression[] {
  const all: Suppression[] = [];
  for (const node of graph.files.values()) if (mentionsSuppression(node.sourceFile)) all.push(...suppressionsOf(node.file, node.sourceFile, (offset) => node.lineIndex.positionAt(offset).line));
  return all;
}

/** Most files have no suppression: asked once per parsed text, not once per analysis. */
const mentionsSuppression = perParsedFile((sourceFile) => sourceFile.text.includes('layerguard-ignore-'));

/** Whether a finding of `ruleId` at `line` of `file` is suppressed. */
export function isSuppressed(suppressions: readonly Suppression[], file: string, ruleId: string, line: number): boolean {
  return suppressions.some(
    (s) => s.file === file && (s.ruleIds.length === 0 || s.ruleIds.includes(ruleId)) && (s.scope === 'file' || s.line === line - 1),
  );
}
