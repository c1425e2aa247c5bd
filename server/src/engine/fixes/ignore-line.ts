import type { Finding, Fix } from '../types';
import type { FileNode } from '../graph/types';
import { eolOf, indentAt, insertAt, lineStartOf } from './text';

/** What the ignore comment says when the user gave no reason (never offered as a safe fix). */
export const REASON_PLACEHOLDER = 'explain why this is acceptable';

/**
 * `// layerguard-ignore-next-line <rule> -- <reason>` above the finding's line, indented like it.
 * A suppression needs its reason (meta/unexplained-suppression), so the fix carries one.
 */
export function ignoreLineFix(node: FileNode, finding: Finding, reason: string | undefined): Fix {
  const lineStart = lineStartOf(node.text, finding.range.start);
  const indent = indentAt(node.text, finding.range.start);
  const because = sanitizeReason(reason) || REASON_PLACEHOLDER;
  return {
    title: `Ignore ${finding.ruleId} on this line (with a reason)`,
    id: 'ignore-line',
    needsReason: true,
    safe: false,
    edits: [insertAt(node.file, lineStart, `${indent}// layerguard-ignore-next-line ${finding.ruleId} -- ${because}${eolOf(node.text)}`)],
  };
}

/** One line of text: a reason must not end the comment or start new code. */
function sanitizeReason(reason: string | undefined): string {
  return (reason ?? '').replace(/[\r\n]+/g, ' ').trim();
}
