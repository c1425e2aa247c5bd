import type { DependencyGraph, FileNode } from '../graph/types';
import type { RegisteredRule, RuleReport } from '../rules/types';
import type { ts } from '../ts';

interface Entry {
  /** The file's neighborhood version and the rule context's id when these reports were made. */
  readonly neighborhood: number;
  readonly context: number;
  readonly reports: readonly RuleReport[];
}

interface FileKey {
  readonly neighborhood: number;
  readonly context: number;
}

/** What a per-file rule must check in this analysis, and what it can reuse. */
export interface RulePlan {
  readonly checkFiles: ReadonlySet<string>;
  readonly reused: readonly RuleReport[];
  readonly keys: ReadonlyMap<string, FileKey>;
}

/**
 * Per-file rule results of the previous analysis of a session, reused for every file whose
 * inputs are unchanged: its parsed text (the same syntax tree object: the session re-parses only
 * changed files), its layer, its direct dependencies and the rule's own context. An edit then
 * re-runs the per-file rules on the edited file and its dependents only.
 *
 * Keys are small numbers (a version per file neighborhood, an id per distinct context string):
 * comparing and keeping long strings for every file and rule made most of an edit's garbage.
 */
export class RuleResultCache {
  private readonly byRule = new Map<string, Map<string, Entry>>();
  private readonly contextIds = new Map<string, number>();
  private readonly versions = new NeighborhoodVersions();

  /** The neighborhoods of one analysis, numbered consistently with the previous ones. */
  neighborhoodsOf(graph: DependencyGraph): Neighborhoods {
    return this.versions.forGraph(graph);
  }

  plan(rule: RegisteredRule, graph: DependencyGraph, neighborhoods: Neighborhoods): RulePlan | undefined {
    if (!rule.perFile) return undefined;
    const contextOf = rule.perFile(graph);
    const previous = this.byRule.get(rule.meta.id);
    const keys = new Map<string, FileKey>();
    const checkFiles = new Set<string>();
    const reused: RuleReport[] = [];
    let lastContext: string | undefined;
    let lastContextId = 0;
    for (const node of graph.files.values()) {
      const context = contextOf(node);
      // Most files share one context string: intern it once, not once per file.
      if (context !== lastContext) [lastContext, lastContextId] = [context, this.contextId(context)];
      const key = { neighborhood: neighborhoods.versionOf(node), context: lastContextId };
      keys.set(node.file, key);
      const entry = previous?.get(node.file);
      if (entry && entry.neighborhood === key.neighborhood && entry.context === key.context) reused.push(...entry.reports);
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
      const entry = byFile.has(file) ? { ...key, reports: byFile.get(file)! } : previous?.get(file);
      if (entry) entries.set(file, entry);
    }
    this.byRule.set(rule.meta.id, entries);
    return all;
  }

  private contextId(context: string): number {
    let id = this.contextIds.get(context);
    if (id === undefined) {
      // Contexts repeat (most are ''); a workspace that keeps producing new ones starts over.
      if (this.contextIds.size > 10_000) this.contextIds.clear();
      id = this.contextIds.size + 1;
      this.contextIds.set(context, id);
    }
    return id;
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
 * A file's own inputs, computed once per analysis: its text identity and layer, and each
 * dependency's kind, target, target layer and target text identity. Each file's description is
 * kept between analyses and numbered: the number changes exactly when the description does.
 */
export class NeighborhoodVersions {
  private readonly last = new Map<string, { readonly description: string; readonly version: number }>();
  private nextVersion = 1;

  /** The versions of one analysis (computed on demand, once per file). */
  forGraph(graph: DependencyGraph): Neighborhoods {
    return new Neighborhoods(graph, this);
  }

  versionFor(file: string, description: string): number {
    const previous = this.last.get(file);
    if (previous?.description === description) return previous.version;
    const version = this.nextVersion++;
    this.last.set(file, { description, version });
    return version;
  }
}

export class Neighborhoods {
  private readonly computed = new Map<string, number>();

  constructor(
    private readonly graph: DependencyGraph,
    private readonly versions: NeighborhoodVersions = new NeighborhoodVersions(),
  ) {}

  versionOf(node: FileNode): number {
    let version = this.computed.get(node.file);
    if (version === undefined) {
      version = this.versions.versionFor(node.file, this.describe(node));
      this.computed.set(node.file, version);
    }
    return version;
  }

  private describe(node: FileNode): string {
    const parts = [`${sourceIdOf(node.sourceFile)}:${node.layer ?? ''}`];
    for (const edge of this.graph.outgoing(node.file)) {
      const target = edge.external ? undefined : this.graph.files.get(edge.to);
      parts.push(`${edge.kind}>${edge.to}@${this.graph.targetLayer(edge) ?? ''}#${target ? sourceIdOf(target.sourceFile) : ''}:${edge.names.join(',')}`);
    }
    return parts.join('|');
  }
}
