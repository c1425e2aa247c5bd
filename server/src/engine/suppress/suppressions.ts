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
      ruleIds: rules
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
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
  // A file or a block of thousands of statements (each with its suppression comment) is searched
  // by halves: a scan of every statement per comment was quadratic.
  const list = ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) ? node.statements : ts.isClassLike(node) ? node.members : undefined;
  if (list) return nodeAt(list, offset, sourceFile) ?? (ts.isClassLike(node) ? headerChildAt(node, offset, sourceFile) : undefined);
  return ts.forEachChild(node, (child) => (child.getStart(sourceFile) <= offset && offset < child.getEnd() ? child : undefined));
}

/** A class's name, heritage or decorators spanning `offset`: the parts of it that are not members. */
function headerChildAt(node: ts.ClassLikeDeclaration, offset: number, sourceFile: ts.SourceFile): ts.Node | undefined {
  return ts.forEachChild(node, (child) => (!ts.isClassElement(child) && child.getStart(sourceFile) <= offset && offset < child.getEnd() ? child : undefined));
}

/** The statement or member spanning `offset` (its leading comments excluded), by binary search over their sorted ranges. */
function nodeAt(nodes: ts.NodeArray<ts.Node>, offset: number, sourceFile: ts.SourceFile): ts.Node | undefined {
  let low = 0;
  let high = nodes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const statement = nodes[middle]!;
    if (offset >= statement.getEnd()) low = middle + 1;
    else if (offset < statement.getStart(sourceFile)) high = middle - 1;
    else return statement;
  }
  return undefined;
}

/** Every suppression comment of the analyzed files. */
export function collectSuppressions(graph: DependencyGraph): Suppression[] {
  const all: Suppression[] = [];
  for (const node of graph.files.values()) if (mentionsSuppression(node.sourceFile)) all.push(...suppressionsOf(node.file, node.sourceFile, (offset) => node.lineIndex.positionAt(offset).line));
  return all;
}

/** Most files have no suppression: asked once per parsed text, not once per analysis. */
const mentionsSuppression = perParsedFile((sourceFile) => sourceFile.text.includes('layerguard-ignore-'));

/** Whether a finding of `ruleId` at (0-based) `line` of `file` is suppressed. */
export type IsSuppressed = (file: string, ruleId: string, line: number) => boolean;

/**
 * The suppressions indexed by file and line, built once per analysis: thousands of findings
 * against thousands of comments must not compare every pair.
 */
export function suppressionIndex(suppressions: readonly Suppression[]): IsSuppressed {
  const byFile = new Map<string, { wholeFile: Suppression[]; byLine: Map<number, Suppression[]> }>();
  for (const s of suppressions) {
    let entry = byFile.get(s.file);
    if (!entry) byFile.set(s.file, (entry = { wholeFile: [], byLine: new Map() }));
    if (s.scope === 'file') entry.wholeFile.push(s);
    else entry.byLine.set(s.line + 1, [...(entry.byLine.get(s.line + 1) ?? []), s]);
  }
  const covers = (s: Suppression, ruleId: string) => s.ruleIds.length === 0 || s.ruleIds.includes(ruleId);
  return (file, ruleId, line) => {
    const entry = byFile.get(file);
    if (!entry) return false;
    return entry.wholeFile.some((s) => covers(s, ruleId)) || (entry.byLine.get(line) ?? []).some((s) => covers(s, ruleId));
  };
}
