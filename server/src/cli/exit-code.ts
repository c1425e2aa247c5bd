import type { AnalysisResult } from '../engine';

export interface ExitPolicy {
  readonly name: 'check' | 'graph' | 'diff';
  readonly exitZero?: boolean;
  readonly maxWarnings?: number;
  readonly failOnStaleBaseline?: boolean;
}

export type Judged = Pick<AnalysisResult, 'findings' | 'problems'> & { readonly staleBaseline?: AnalysisResult['staleBaseline'] };

/**
 * 2 when a configuration the analysis depends on could not be used (a blocking problem: the result
 * is not the project's), as for a broken layerguard.json; 1 when a check fails (`failuresOf`); 0
 * otherwise, for `graph`, and with `--exit-zero`.
 */
export function exitCodeOf(command: ExitPolicy, result: Judged): number {
  if (result.problems.some((p) => p.blocking)) return 2;
  if (command.name === 'graph' || command.exitZero) return 0;
  return result.findings.some((f) => f.severity === 'error') || failuresOf(command, result).length > 0 ? 1 : 0;
}

/**
 * Why a check fails besides its errors, each said on stderr: a file or a rule lost to a failure of
 * ours (its findings are missing: the check fails rather than pass on what it did not see), more
 * warnings than `--max-warnings` (ESLint's meaning), a baseline listing fixed findings with
 * `--fail-on-stale-baseline` (CI insists that it only shrinks).
 */
export function failuresOf(command: ExitPolicy, result: Judged): string[] {
  const reasons: string[] = [];
  const lost = result.problems.filter((p) => p.lost).length;
  if (lost > 0) reasons.push(`${lost} part(s) of the analysis failed (see the notes), so the check fails rather than pass on what it did not see; --exit-zero ignores this.`);
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (command.maxWarnings !== undefined && warnings > command.maxWarnings) reasons.push(`${warnings} warning(s), more than --max-warnings ${command.maxWarnings} allows.`);
  const stale = result.staleBaseline?.length ?? 0;
  if (command.failOnStaleBaseline && stale > 0)
    reasons.push(`${stale} baselined finding(s) no longer occur: run "layerguard baseline --prune" and commit the smaller baseline (--fail-on-stale-baseline).`);
  return reasons;
}
