import type { Finding, Fix } from '../types';
import type { FileNode } from '../graph/types';
import { eolOf, indentAt, insertAt, lineStartOf } from './text';

/** What the ignore comment says when the user gave no reason (never offered as a safe fix). */
const REASON_PLACEHOLDER = 'explain why this is acceptable';

/**
 * `// layerguard-ignore-next-line <rule> -- <reason>` above the finding's line, indented like it.
 * A suppression needs its reason (meta/unexplained-suppression), so the fix carries one.
 */
export function ignoreLineFix(node: FileNode, finding: Finding, reason: string | undefined): Fix {
  const lineStart = lineStartOf(node.text, finding.range.start);
  const indent = indentAt(node.text, finding.range.start);
  return {
    title: `Ignore ${finding.ruleId} on this line (with a reason)`,
    id: 'ignore-line',
    needsReason: true,
    safe: false,
    edits: [insertAt(node.file, lineStart, `${indent}${ignoreComment('next-line', node, finding, reason)}`)],
  };
}

/**
 * `// layerguard-ignore-file <rule> -- <reason>` at the top of the file (below a `#!` line, which
 * must stay first): for a rule that does not apply to this file at all, such as generated code.
 */
export function ignoreFileFix(node: FileNode, finding: Finding, reason: string | undefined): Fix {
  const shebang = /^#![^\n]*\n/.exec(node.text)?.[0].length ?? 0;
  return {
    title: `Ignore ${finding.ruleId} in this file (with a reason)`,
    id: 'ignore-file',
    needsReason: true,
    safe: false,
    edits: [insertAt(node.file, shebang, ignoreComment('file', node, finding, reason))],
  };
}

/** `// layerguard-ignore-<scope> <rule> -- <reason>` and the file's line ending. */
function ignoreComment(scope: 'next-line' | 'file', node: FileNode, finding: Finding, reason: string | undefined): string {
  return `// layerguard-ignore-${scope} ${finding.ruleId} -- ${reasonOrPlaceholder(reason)}${eolOf(node.text)}`;
}

/**
 * The user's reason as one line (it must not end the comment or start new code), or the
 * placeholder when there is none.
 */
export function reasonOrPlaceholder(reason: string | undefined): string {
  return (reason ?? '').replace(/[\r\n]+/g, ' ').trim() || REASON_PLACEHOLDER;
}
