import type { DependencyGraph, FileNode } from '../graph/types';
import type { RegisteredRule, RuleReport } from '../rules/types';
import type { ts } from '../ts';

interface Entry {
  readonly key: string;
  readonly reports: readonly RuleReport[];
}

/** What a per-file rule must check in this analysis, and what it can reuse. */
export interface RulePlan {
  readonly checkFiles: ReadonlySet<string>;
  readonly reused: readonly RuleReport[];
  readonly keys: ReadonlyMap<string, string>;
}

/**
 * Per-file rule results of the previous analysis of a session, reused for every file whose
 * inputs are unchanged: its parsed text (the same syntax tree object: the session re-parses only
 * changed files), its layer, its direct dependencies and the rule's own context. An edit then
 * re-runs the per-file rules on the edited file and its dependents only.
 */
export class RuleResultCache {
  private readonly byRule = new Map<string, Map<string, Entry>>();

  plan(rule: RegisteredRule, graph: DependencyGraph, neighborhoods: Neighborhoods): RulePlan | undefined {
    if (!rule.perFile) return undefined;
    const contextOf = rule.perFile(graph);
    const previous = this.byRule.get(rule.meta.id);
    const keys = new Map<string, string>();
    const checkFiles = new Set<string>();
    const reused: RuleReport[] = [];
    for (const node of graph.files.values()) {
      const key = `${neighborhoods.of(node)}\n${contextOf(node)}`;
      keys.set(node.file, key);
      const entry = previous?.get(node.file);
      if (entry?.key === key) reused.push(...entry.reports);
      else checkFiles.add(node.file);
    }
    return { checkFiles, reused, keys };
  }

  /**
   * Records the new results and returns all of the rule's reports (reused and new). A rule that
   * reported outside the files it checked is not cached.
   */
  store(rule: RegisteredRule, plan: RulePlan, reports: readonly RuleReport[]): readonly RuleReport[] {
    const all = [...plan.reused, ...reports];
    const previous = this.byRule.get(rule.meta.id);
    const byFile = new Map<string, RuleReport[]>([...plan.checkFiles].map((file) => [file, []]));
    for (const report of reports) {
      const own = byFile.get(report.file);
      if (!own) {
        this.byRule.delete(rule.meta.id);
        return all;
      }
      own.push(report);
    }
    const entries = new Map<string, Entry>();
    for (const [file, key] of plan.keys) {
      const entry = byFile.has(file) ? { key, reports: byFile.get(file)! } : previous?.get(file);
      if (entry) entries.set(file, entry);
    }
    this.byRule.set(rule.meta.id, entries);
    return all;
  }
}

/** Identities of parsed texts: a file re-parsed after an edit gets a new one. */
const sourceIds = new WeakMap<ts.SourceFile, number>();
let nextSourceId = 1;

function sourceIdOf(sourceFile: ts.SourceFile): number {
  let id = sourceIds.get(sourceFile);
  if (id === undefined) {
    id = nextSourceId++;
    sourceIds.set(sourceFile, id);
  }
  return id;
}

/**
 * A file's own inputs as a string, computed once per analysis: its text identity and layer, and
 * each dependency's kind, target, target layer and target text identity.
 */
export class Neighborhoods {
  private readonly computed = new Map<string, string>();

  constructor(private readonly graph: DependencyGraph) {}

  of(node: FileNode): string {
    let neighborhood = this.computed.get(node.file);
    if (neighborhood === undefined) {
      const parts = [`${sourceIdOf(node.sourceFile)}:${node.layer ?? ''}`];
      for (const edge of this.graph.outgoing(node.file)) {
        const target = edge.external ? undefined : this.graph.files.get(edge.to);
        parts.push(`${edge.kind}>${edge.to}@${this.graph.targetLayer(edge) ?? ''}#${target ? sourceIdOf(target.sourceFile) : ''}:${edge.names.join(',')}`);
      }
      neighborhood = parts.join('|');
      this.computed.set(node.file, neighborhood);
    }
    return neighborhood;
  }
}
