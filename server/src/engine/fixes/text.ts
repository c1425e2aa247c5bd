import { ts } from '../ts';
import type { TextEdit } from '../types';

/** Small helpers to write edits that keep the user's formatting. */

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace that starts the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

/** The file's line ending, so inserted lines match the rest. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The quote the file's imports use: `"` when an import is written with double quotes, else `'`. */
export function quoteOf(text: string): "'" | '"' {
  return /^import[^'"\n]*"/m.test(text) ? '"' : "'";
}

/** Whether the file ends its statements with semicolons, by what most of its simple statements do. */
export function usesSemicolons(sourceFile: ts.SourceFile): boolean {
  let withSemicolon = 0;
  let total = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableStatement(n) || ts.isExpressionStatement(n) || ts.isReturnStatement(n) || ts.isImportDeclaration(n)) {
      total++;
      if (n.getText(sourceFile).endsWith(';')) withSemicolon++;
    }
    ts.forEachChild(n, visit);
  };
  visit(sourceFile);
  return total === 0 || withSemicolon * 2 >= total;
}

/** One indentation step as the file writes it: a tab, or the smallest space indent seen. */
export function indentUnitOf(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  const widths = [...text.matchAll(/^( +)\S/gm)].map((m) => m[1]!.length);
  const unit = widths.length > 0 ? Math.min(...widths) : 2;
  return ' '.repeat(unit >= 2 && unit <= 8 ? unit : 2);
}

export function replaceNode(file: string, node: ts.Node, sourceFile: ts.SourceFile, newText: string): TextEdit {
  return { file, range: { start: node.getStart(sourceFile), end: node.getEnd() }, newText };
}

export function insertAt(file: string, offset: number, newText: string): TextEdit {
  return { file, range: { start: offset, end: offset }, newText };
}

/** The innermost node spanning `start..end` exactly, else the innermost containing it. */
export function nodeAt(sourceFile: ts.SourceFile, start: number, end: number): ts.Node {
  let best: ts.Node = sourceFile;
  const visit = (node: ts.Node): void => {
    const nodeStart = node.getStart(sourceFile);
    if (nodeStart > start || node.getEnd() < end) return;
    best = node;
    if (nodeStart === start && node.getEnd() === end && !spansChildExactly(node, sourceFile, start, end)) return;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return best;
}

function spansChildExactly(node: ts.Node, sourceFile: ts.SourceFile, start: number, end: number): boolean {
  return ts.forEachChild(node, (child) => (child.getStart(sourceFile) === start && child.getEnd() === end ? true : undefined)) === true;
}
