import type { ResolvedConfig } from './config/resolved';
import type { DependencyGraph, FileNode } from './graph/types';
import type { GraphDelta } from './incremental/graph-builder';
import type { RulePlan, RuleResultCache } from './incremental/rule-cache';
import { SharedWalk, type NodeVisitor, type WalkOwner } from './shared-walk';
import { collectSuppressions, suppressionIndex } from './suppress/suppressions';
import type { RegisteredRule, RuleMeta, RuleReport } from './rules/types';
import type { Finding, Problem, RelatedLocation, Severity, SeveritySetting } from './types';
import { errorMessage } from './errors';
import { headlineOf } from './text/headline';

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
  const shared: SharedInputs = { graph, config, knownRuleIds: new Set(rules.map((r) => r.meta.id)), suppressions: collectSuppressions(graph), incremental, walk: new SharedWalk() };
  const runs: RuleRun[] = [];
  for (const rule of rules) {
    const severity = effectiveSeverity(rule, config, overrides);
    if (severity !== 'off') runs.push(startRule(rule, severity, shared));
  }
  shared.walk.run();
  const findings: Finding[] = [];
  for (const run of runs) {
    for (const report of finishRule(run, shared, problems)) findings.push(toFinding(graph, run.rule.meta.id, run.severity, report));
  }
  const suppressed = suppressionIndex(shared.suppressions);
  return findings.filter((f) => !suppressed(f.file, f.ruleId, f.start.line)).sort(compareFindings);
}

interface SharedInputs {
  readonly graph: DependencyGraph;
  readonly config: ResolvedConfig;
  readonly knownRuleIds: ReadonlySet<string>;
  readonly suppressions: ReturnType<typeof collectSuppressions>;
  /** A session's rule results and what changed since its previous analysis. */
  readonly incremental: { readonly cache: RuleResultCache; readonly delta: GraphDelta } | undefined;
  /** The visitors of every rule, run in one walk per file once all rules have registered theirs. */
  readonly walk: SharedWalk;
}

/** One rule in one analysis: its reports, and whether it crashed (in `check` or in a visitor). */
interface RuleRun extends WalkOwner {
  readonly rule: RegisteredRule;
  readonly severity: Severity;
  readonly plan: RulePlan | undefined;
  readonly reports: RuleReport[];
}

/** Runs a rule's `check`: per-file rules re-check only files whose inputs changed; their visitors run later, in the shared walk. */
function startRule(rule: RegisteredRule, severity: Severity, shared: SharedInputs): RuleRun {
  const { graph, config, incremental } = shared;
  let plan: RulePlan | undefined;
  try {
    // The plan asks the rule for its workspace-wide context, which is rule code too.
    plan = incremental?.cache.plan(rule, graph, incremental.delta);
  } catch (error) {
    return { rule, severity, plan: undefined, reports: [], crashed: error };
  }
  const run: RuleRun = { rule, severity, plan, reports: [] };
  if (run.plan?.checkFiles?.size === 0) return run;
  const context = {
    graph,
    policy: config.policy,
    architecture: config.architecture,
    knownRuleIds: shared.knownRuleIds,
    suppressions: shared.suppressions,
    report: (r: RuleReport) => run.reports.push(declared(rule.meta, r)),
    walkFile: (file: FileNode, visit: NodeVisitor) => shared.walk.register(file, run, visit),
    ...(run.plan?.checkFiles ? { checkFiles: run.plan.checkFiles } : {}),
  };
  try {
    rule.run(context, config.rules.get(rule.meta.id)?.options);
  } catch (error) {
    run.crashed = error;
  }
  return run;
}

/** A report naming a situation its rule does not declare is the rule's bug: it fails the rule, visibly. */
function declared(meta: RuleMeta, report: RuleReport): RuleReport {
  if (report.messageId !== undefined && meta.messages?.[report.messageId] === undefined) {
    throw new Error(`reported message id '${report.messageId}', which ${meta.id} does not declare in meta.messages`);
  }
  return report;
}

/** The rule's reports (reused and new), or none when it crashed: then it is reported as a problem. */
function finishRule(run: RuleRun, shared: SharedInputs, problems: Problem[]): readonly RuleReport[] {
  if (run.crashed !== undefined) {
    // One broken rule must not take the others (or the server) down; it is reported, not hidden.
    problems.push({ kind: 'rule', message: `rule ${run.rule.meta.id} crashed and was skipped: ${errorMessage(run.crashed)}`, lost: true });
    return [];
  }
  const { incremental } = shared;
  return run.plan && incremental ? incremental.cache.store(run.rule, run.plan, incremental.delta, run.reports) : run.reports;
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
  const { headline, detail } = headlineOf(report.message, report.detail);
  return {
    ruleId,
    severity,
    message: headline,
    ...(detail !== undefined ? { detail } : {}),
    ...(report.messageId !== undefined ? { messageId: report.messageId } : {}),
    ...(report.data !== undefined ? { data: report.data } : {}),
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
