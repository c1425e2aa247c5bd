import type { FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { TextEdit } from '../../types';
import { eolOf, indentAt, insertAt, lineStartOf, usesSemicolons } from '../text';

// Text

/** Inserts lines before a statement, above the comments that lead it, at its indentation. */
export function linesBefore(node: FileNode, anchor: ts.Statement, lines: readonly string[]): TextEdit | undefined {
  const { text, file } = node;
  const comment = ts.getLeadingCommentRanges(text, anchor.pos)?.[0];
  const start = anchor.getStart();
  const commentOnOwnLine = comment && /^[ \t]*$/.test(text.slice(lineStartOf(text, comment.pos), comment.pos));
  const offset = commentOnOwnLine ? comment.pos : start;
  if (!/^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset))) return undefined;
  const semicolon = usesSemicolons(node.sourceFile);
  // Without semicolons, a statement starting with ( [ or ` would continue the inserted line.
  if (!semicolon && /^[[(`]/.test(text.slice(start))) return undefined;
  const indent = indentAt(text, offset);
  const eol = eolOf(text);
  return insertAt(file, offset, lines.map((line) => `${line}${semicolon ? ';' : ''}${eol}${indent}`).join(''));
}
