import type { ResolvedConfig } from '../config/resolved';
import type { DependencyGraph } from '../graph/types';
import type { Finding, Fix } from '../types';
import { applyTextEdits, editsByFile } from './apply';
import { ignoreFileFix, ignoreLineFix } from './ignore-line';
import { FIX_PROVIDERS } from './registry';
import type { FixProvider } from './types';
import { nodeAt } from './text';
import { errorMessage } from '../errors';

export interface FixesOptions {
  /** The user's reason, for fixes that record one (ignore comments). */
  readonly reason?: string;
  /** Leave out the generic "ignore this line" and "ignore in this file" fixes (the CLI applies safe fixes only). */
  readonly withoutIgnore?: boolean;
  /** The configuration the finding was made with (rules' options); the defaults when not given. */
  readonly config?: ResolvedConfig;
}

export type FixesResult = { readonly ok: true; readonly fixes: readonly Fix[] } | { readonly ok: false; readonly error: string; readonly fixes: readonly Fix[] };

/**
 * The fixes of a finding, computed on demand against the text it was found in. A provider that
 * throws does not hide the others: its error is returned with the fixes that could be computed.
 * Every fix's edits are checked to apply cleanly to the analyzed text before it is offered; one
 * that does not is left out on its own, with the reason, and its siblings are still offered.
 */
export function fixesFor(graph: DependencyGraph, finding: Finding, options: FixesOptions = {}, providers: ReadonlyMap<string, FixProvider> = FIX_PROVIDERS): FixesResult {
  const node = graph.files.get(finding.file);
  if (!node) return { ok: true, fixes: [] };
  const fixes: Fix[] = [];
  const errors: string[] = [];
  const provider = providers.get(finding.ruleId);
  if (provider) {
    let provided: readonly Fix[] = [];
    try {
      const target = nodeAt(node.sourceFile, finding.range.start, finding.range.end);
      provided = provider({ finding, graph, node, target, reason: options.reason, config: options.config });
    } catch (caught) {
      errors.push(`computing fixes for ${finding.ruleId} failed: ${errorMessage(caught)}`);
    }
    for (const fix of provided) {
      const problem = whyNotClean(graph, fix);
      if (problem === undefined) fixes.push(fix);
      else if (problem) errors.push(`the fix "${fix.title}" of ${finding.ruleId} was left out: ${problem}`);
    }
  }
  if (!options.withoutIgnore) fixes.push(ignoreLineFix(node, finding, options.reason), ignoreFileFix(node, finding, options.reason));
  return errors.length > 0 ? { ok: false, error: errors.join('; '), fixes } : { ok: true, fixes };
}

/** Whether the rules of this id have fixes beyond the generic ignore comment. */
export function hasFixProvider(ruleId: string): boolean {
  return FIX_PROVIDERS.has(ruleId);
}

/**
 * Why a fix's edits do not apply to the texts they were computed against (overlapping edits, a
 * range outside the text), or `undefined` when they apply. `''` when it edits a file whose text
 * is unknown: it is left out silently, as it always was.
 */
function whyNotClean(graph: DependencyGraph, fix: Fix): string | undefined {
  for (const [file, edits] of editsByFile(fix.edits)) {
    const text = textOf(graph, fix, file);
    if (text === undefined) return '';
    try {
      applyTextEdits(text, edits);
    } catch (caught) {
      return errorMessage(caught);
    }
  }
  return undefined;
}

/** The text a fix's edits of `file` were computed against: the analyzed text, or the one the fix read. */
export function textOf(graph: DependencyGraph, fix: Fix, file: string): string | undefined {
  return graph.files.get(file)?.text ?? fix.otherTexts?.find((t) => t.file === file)?.text;
}

export { applyTextEdits, editsByFile } from './apply';
