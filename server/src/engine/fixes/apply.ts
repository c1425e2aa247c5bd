import type { TextEdit, TextRange } from '../types';

/** A fix's edits grouped by the file they change, in their order. */
export function editsByFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  return byFile;
}

/** Two edits touch the same text: applying both would lose one of them. */
export function overlaps(a: TextRange, b: TextRange): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  return a.start < b.end && b.start < a.end;
}

/**
 * Applies edits of one file to its text. Edits are given in the coordinates of the original
 * text; overlapping edits are refused rather than merged, so no user code is lost.
 */
export function applyTextEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (overlaps(previous.range, current.range) || current.range.start < previous.range.end) {
      throw new Error(`overlapping edits at offsets ${previous.range.start}-${previous.range.end} and ${current.range.start}-${current.range.end}`);
    }
  }
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.range.start < cursor || edit.range.end > text.length || edit.range.start > edit.range.end) {
      throw new Error(`edit range ${edit.range.start}-${edit.range.end} is outside the text (${text.length} characters)`);
    }
    result += text.slice(cursor, edit.range.start) + edit.newText;
    cursor = edit.range.end;
  }
  return result + text.slice(cursor);
}
