import type { AnalysisResult } from '../analyze';
import type { Finding, Fix, TextEdit } from '../types';
import { overlaps } from './apply';
import { fixesFor } from './index';

export interface FixPlan {
  /** Edits per file, in the coordinates of the analyzed text; no two overlap. */
  readonly edits: ReadonlyMap<string, readonly TextEdit[]>;
  readonly fixed: readonly { readonly finding: Finding; readonly fix: Fix }[];
  /** Fix providers that failed, with why. */
  readonly errors: readonly string[];
}

/**
 * The safe fixes of an analysis that can be applied together: the first safe fix of each finding
 * (in `files` when given), skipping any that would touch text another chosen fix touches — the
 * next pass, on the fixed text, picks them up.
 */
export function planSafeFixes(result: AnalysisResult, files?: ReadonlySet<string>): FixPlan {
  const edits = new Map<string, TextEdit[]>();
  const fixed: { finding: Finding; fix: Fix }[] = [];
  const errors: string[] = [];
  for (const finding of result.findings) {
    if (files && !files.has(finding.file)) continue;
    const computed = fixesFor(result.graph, finding, { withoutIgnore: true, config: result.config });
    if (!computed.ok) errors.push(computed.error);
    const fix = computed.fixes.find(isUnattended);
    if (!fix || collides(fix, edits)) continue;
    for (const edit of fix.edits) edits.set(edit.file, [...(edits.get(edit.file) ?? []), edit]);
    fixed.push({ finding, fix });
  }
  return { edits, fixed, errors };
}

/** Safe, needing no reason from the user and creating no file. */
function isUnattended(fix: Fix): boolean {
  return fix.safe && !fix.needsReason && (fix.createFiles ?? []).length === 0 && (fix.otherTexts ?? []).length === 0;
}

/** Whether a fix touches text (or an insertion point) a chosen fix already touches. */
function collides(fix: Fix, chosen: ReadonlyMap<string, readonly TextEdit[]>): boolean {
  return fix.edits.some((e) => (chosen.get(e.file) ?? []).some((taken) => overlaps(taken.range, e.range) || taken.range.start === e.range.start));
}
