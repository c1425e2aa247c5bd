import type { LayerId } from '../classify/layers';
import type { DependencyGraph, Edge, FileNode } from '../graph/types';
import type { RegisteredRule, RuleReport } from '../rules/types';

/** A per-file rule's results of the analysis `generation`, made under the context `context`. */
interface Entry {
  readonly generation: number;
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
 * The work of an edit is proportional to what changed, not to the workspace: the files whose
 * inputs changed are found once per analysis (`Neighborhoods`), and a rule whose context is the
 * same as in the previous analysis keeps its previous reports but those of the changed files.
 */
export class RuleResultCache {
  private readonly byRule = new Map<string, Entry>();
  private readonly neighborhoods = new NeighborhoodHistory();

  /** The files whose inputs changed since the previous analysis (computed once per analysis). */
  changesOf(graph: DependencyGraph): Changes {
    return this.neighborhoods.next(graph);
  }

  plan(rule: RegisteredRule, graph: DependencyGraph, changes: Changes): RulePlan | undefined {
    if (!rule.perFile) return undefined;
    const context = rule.perFile(graph);
    const previous = this.byRule.get(rule.meta.id);
    if (!previous || previous.context !== context || previous.generation !== changes.generation - 1) return { checkFiles: undefined, reused: [], context };
    const reused = previous.reports.filter((report) => !changes.files.has(report.file));
    const checkFiles = new Set<string>();
    for (const file of changes.files) if (graph.files.has(file)) checkFiles.add(file);
    return { checkFiles, reused, context };
  }

  /**
   * Records the new results and returns all of the rule's reports (reused and new). A rule that
   * reported outside the files it checked is not cached.
   */
  store(rule: RegisteredRule, plan: RulePlan, changes: Changes, reports: readonly RuleReport[]): readonly RuleReport[] {
    const all = plan.reused.length === 0 ? reports : [...plan.reused, ...reports];
    const checked = plan.checkFiles;
    if (checked && reports.some((report) => !checked.has(report.file))) this.byRule.delete(rule.meta.id);
    else this.byRule.set(rule.meta.id, { generation: changes.generation, context: plan.context, reports: all });
    return all;
  }
}

/** The files of one analysis whose own inputs are not those of the previous analysis. */
export interface Changes {
  readonly generation: number;
  /** Changed, added and removed files. */
  readonly files: ReadonlySet<string>;
}

/** A file's inputs as one analysis saw them: its node, its edges and what each edge leads into. */
interface Neighborhood {
  readonly node: FileNode;
  readonly edges: readonly Edge[];
  /** Per edge: the target's node (a file of the workspace) or its layer (a package). */
  readonly targets: readonly (FileNode | LayerId | undefined)[];
}

/**
 * A file's own inputs: its parsed text and layer (its node), and each dependency's kind, target,
 * target layer and target text (its edges and their targets' nodes), kept from one analysis to
 * the next. A file changed when one of them is another object: the session's incremental graph
 * keeps the nodes and edge lists of unchanged files, so identities are enough (and a graph built
 * from scratch simply changes every file).
 */
export class NeighborhoodHistory {
  private last = new Map<string, Neighborhood>();
  private generation = 0;

  next(graph: DependencyGraph): Changes {
    const files = new Set<string>();
    const current = new Map<string, Neighborhood>();
    for (const node of graph.files.values()) {
      const edges = graph.outgoing(node.file);
      const previous = this.last.get(node.file);
      if (previous && previous.node === node && previous.edges === edges && sameTargets(previous.targets, edges, graph)) {
        current.set(node.file, previous);
      } else {
        current.set(node.file, { node, edges, targets: edges.map((edge) => targetOf(edge, graph)) });
        files.add(node.file);
      }
    }
    for (const file of this.last.keys()) if (!current.has(file)) files.add(file);
    this.last = current;
    return { generation: ++this.generation, files };
  }
}

function targetOf(edge: Edge, graph: DependencyGraph): FileNode | LayerId | undefined {
  return edge.external ? graph.targetLayer(edge) : graph.files.get(edge.to);
}

function sameTargets(targets: readonly (FileNode | LayerId | undefined)[], edges: readonly Edge[], graph: DependencyGraph): boolean {
  for (let i = 0; i < edges.length; i++) if (targets[i] !== targetOf(edges[i]!, graph)) return false;
  return true;
}
