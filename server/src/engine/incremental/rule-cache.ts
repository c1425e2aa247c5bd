import type { DependencyGraph } from '../graph/types';
import type { RegisteredRule, RuleReport } from '../rules/types';
import type { GraphDelta } from './graph-builder';

/** A per-file rule's results on the graph `build`, made under the context `context`. */
interface Entry {
  readonly build: number;
  readonly context: string;
  readonly reports: readonly RuleReport[];
}

/** What a per-file rule must check in this analysis, and what it can reuse. */
export interface RulePlan {
  /** Undefined: every file (nothing reusable). */
  readonly checkFiles: ReadonlySet<string> | undefined;
  readonly reused: readonly RuleReport[];
  readonly context: string;
}

/**
 * Per-file rule results of the previous analysis of a session, reused for every file whose
 * inputs are unchanged: its parsed text (the same syntax tree object: the session re-parses only
 * changed files), its layer, its direct dependencies and the rule's workspace-wide context. An
 * edit then re-runs the per-file rules on the edited file and its dependents only.
 *
 * The work of an edit is proportional to what changed, not to the workspace: the graph builder
 * says which files' inputs changed (`GraphDelta`), and a rule whose context is the same as on the
 * previous graph keeps its previous reports but those of the changed files.
 */
export class RuleResultCache {
  private readonly byRule = new Map<string, Entry>();

  plan(rule: RegisteredRule, graph: DependencyGraph, delta: GraphDelta): RulePlan | undefined {
    if (!rule.perFile) return undefined;
    const context = rule.perFile(graph);
    const previous = this.byRule.get(rule.meta.id);
    // Results of an older graph (the rule crashed or was off since) cannot be patched with this delta.
    if (!previous || previous.context !== context || previous.build !== delta.since) return { checkFiles: undefined, reused: [], context };
    const reused = previous.reports.filter((report) => !delta.files.has(report.file) && !delta.removed.has(report.file));
    return { checkFiles: delta.files, reused, context };
  }

  /**
   * Records the new results and returns all of the rule's reports (reused and new). A rule that
   * reported outside the files it checked is not cached.
   */
  store(rule: RegisteredRule, plan: RulePlan, delta: GraphDelta, reports: readonly RuleReport[]): readonly RuleReport[] {
    const all = plan.reused.length === 0 ? reports : [...plan.reused, ...reports];
    const checked = plan.checkFiles;
    if (checked && reports.some((report) => !checked.has(report.file))) this.byRule.delete(rule.meta.id);
    else this.byRule.set(rule.meta.id, { build: delta.build, context: plan.context, reports: all });
    return all;
  }
}
