import type { ResolvedConfig } from './config/resolved';
import type { DependencyGraph } from './graph/types';
import type { GraphDelta } from './incremental/graph-builder';
import type { RuleResultCache } from './incremental/rule-cache';
import { collectSuppressions, isSuppressed } from './suppress/suppressions';
import type { RegisteredRule, RuleReport } from './rules/types';
import type { Finding, Problem, RelatedLocation, Severity, SeveritySetting } from './types';
import { errorMessage } from './workspace/read-source';

export function effectiveSeverity(rule: RegisteredRule, config: ResolvedConfig, overrides: Readonly<Record<string, SeveritySetting>>): SeveritySetting {
  return overrides[rule.meta.id] ?? config.rules.get(rule.meta.id)?.severity ?? rule.meta.defaultSeverity;
}

/** Runs every enabled rule, each isolated: a crashing rule becomes a problem, the others run. */
export function runRules(
  rules: readonly RegisteredRule[],
  graph: DependencyGraph,
  config: ResolvedConfig,
  overrides: Readonly<Record<string, SeveritySetting>>,
  problems: Problem[],
  incremental?: { readonly cache: RuleResultCache; readonly delta: GraphDelta },
): Finding[] {
  const findings: Finding[] = [];
  const shared: SharedInputs = { graph, config, knownRuleIds: new Set(rules.map((r) => r.meta.id)), suppressions: collectSuppressions(graph), incremental };
  for (const rule of rules) {
    const severity = effectiveSeverity(rule, config, overrides);
    if (severity === 'off') continue;
    const reports = reportsOf(rule, shared, problems);
    for (const report of reports ?? []) findings.push(toFinding(graph, rule.meta.id, severity, report));
  }
  return findings.filter((f) => !isSuppressed(shared.suppressions, f.file, f.ruleId, f.start.line)).sort(compareFindings);
}

interface SharedInputs {
  readonly graph: DependencyGraph;
  readonly config: ResolvedConfig;
  readonly knownRuleIds: ReadonlySet<string>;
  readonly suppressions: ReturnType<typeof collectSuppressions>;
  /** A session's rule results and what changed since its previous analysis. */
  readonly incremental: { readonly cache: RuleResultCache; readonly delta: GraphDelta } | undefined;
}

/** One rule's reports: per-file rules re-check only files whose inputs changed. Undefined: it crashed. */
function reportsOf(rule: RegisteredRule, shared: SharedInputs, problems: Problem[]): readonly RuleReport[] | undefined {
  const { graph, config, incremental } = shared;
  const plan = incremental?.cache.plan(rule, graph, incremental.delta);
  const reports: RuleReport[] = [];
  try {
    if (plan?.checkFiles?.size !== 0) {
      const context = { graph, policy: config.policy, knownRuleIds: shared.knownRuleIds, suppressions: shared.suppressions, report: (r: RuleReport) => reports.push(r), ...(plan?.checkFiles ? { checkFiles: plan.checkFiles } : {}) };
      rule.run(context, config.rules.get(rule.meta.id)?.options);
    }
  } catch (error) {
    // One broken rule must not take the others (or the server) down; it is reported, not hidden.
    problems.push({ kind: 'rule', message: `rule ${rule.meta.id} crashed and was skipped: ${errorMessage(error)}` });
    return undefined;
  }
  return plan && incremental ? incremental.cache.store(rule, plan, incremental.delta, reports) : reports;
}

function toFinding(graph: DependencyGraph, ruleId: string, severity: Severity, report: RuleReport): Finding {
  const lines = graph.files.get(report.file)?.lineIndex;
  const related: RelatedLocation[] = (report.related ?? []).map((r) => {
    const relatedLines = graph.files.get(r.file)?.lineIndex;
    return {
      file: r.file,
      range: r.range,
      start: relatedLines?.positionAt(r.range.start) ?? { line: 0, character: 0 },
      end: relatedLines?.positionAt(r.range.end) ?? { line: 0, character: 0 },
      message: r.message,
    };
  });
  return {
    ruleId,
    severity,
    message: report.message,
    file: report.file,
    range: report.range,
    start: lines?.positionAt(report.range.start) ?? { line: 0, character: 0 },
    end: lines?.positionAt(report.range.end) ?? { line: 0, character: 0 },
    related,
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start - b.range.start ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
