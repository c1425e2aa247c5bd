import type { DependencyGraph } from '../graph/types';
import type { Finding, Fix } from '../types';
import { applyTextEdits, editsByFile } from './apply';
import { ignoreLineFix } from './ignore-line';
import { FIX_PROVIDERS } from './registry';
import { nodeAt } from './text';
import { errorMessage } from '../errors';

export interface FixesOptions {
  /** The user's reason, for fixes that record one (ignore comments). */
  readonly reason?: string;
  /** Leave out the generic "ignore this line" fix (the CLI applies safe fixes only). */
  readonly withoutIgnore?: boolean;
}

export type FixesResult = { readonly ok: true; readonly fixes: readonly Fix[] } | { readonly ok: false; readonly error: string; readonly fixes: readonly Fix[] };

/**
 * The fixes of a finding, computed on demand against the text it was found in. A provider that
 * throws does not hide the others: its error is returned with the fixes that could be computed.
 * Every fix's edits are checked to apply cleanly to the analyzed text before it is offered.
 */
export function fixesFor(graph: DependencyGraph, finding: Finding, options: FixesOptions = {}): FixesResult {
  const node = graph.files.get(finding.file);
  if (!node) return { ok: true, fixes: [] };
  const fixes: Fix[] = [];
  let error: string | undefined;
  const provider = FIX_PROVIDERS.get(finding.ruleId);
  if (provider) {
    try {
      const target = nodeAt(node.sourceFile, finding.range.start, finding.range.end);
      fixes.push(...provider({ finding, graph, node, target, reason: options.reason }).filter((fix) => appliesCleanly(graph, fix)));
    } catch (caught) {
      error = `computing fixes for ${finding.ruleId} failed: ${errorMessage(caught)}`;
    }
  }
  if (!options.withoutIgnore) fixes.push(ignoreLineFix(node, finding, options.reason));
  return error ? { ok: false, error, fixes } : { ok: true, fixes };
}

/** Whether the rules of this id have fixes beyond the generic ignore comment. */
export function hasFixProvider(ruleId: string): boolean {
  return FIX_PROVIDERS.has(ruleId);
}

function appliesCleanly(graph: DependencyGraph, fix: Fix): boolean {
  for (const [file, edits] of editsByFile(fix.edits)) {
    const text = textOf(graph, fix, file);
    if (text === undefined) return false;
    applyTextEdits(text, edits);
  }
  return true;
}

/** The text a fix's edits of `file` were computed against: the analyzed text, or the one the fix read. */
export function textOf(graph: DependencyGraph, fix: Fix, file: string): string | undefined {
  return graph.files.get(file)?.text ?? fix.otherTexts?.find((t) => t.file === file)?.text;
}

export { applyTextEdits, editsByFile } from './apply';
