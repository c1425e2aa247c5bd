import type { Classifier } from '../classify/classify';
import { assembleGraph, fileEdges, fileNodeOf, sameShape, type GraphInput } from '../graph/build';
import { declaresModule, moduleProviders, ProviderIndex, usesProviders, type ModuleProviders } from '../graph/injection-edges';
import { SymbolResolver } from '../graph/symbols';
import type { DependencyGraph, Edge, FileNode } from '../graph/types';
import { ReverseIndex } from './reverse-index';
import { LayerRefiner } from '../graph/refine-layers';

/** What the previous build made of one file, and what it was made from. */
interface FileEntry {
  readonly input: GraphInput;
  readonly node: FileNode;
  readonly edges: readonly Edge[];
  /** The other files its names were resolved through (barrels, declaring files). */
  readonly reads: ReadonlySet<string>;
}

/** The providers of one `@Module` file, and the files read to resolve them. */
interface ModuleEntry {
  readonly providers: ModuleProviders;
  readonly reads: ReadonlySet<string>;
}

/**
 * What changed from one build to the next, so that the rules' work follows the edit rather than
 * the workspace size. `since` is the build it is relative to.
 */
export interface GraphDelta {
  readonly build: number;
  readonly since: number;
  /** Files whose neighborhood (node, edges, or an edge target's node) may differ from the previous build's: every file re-resolved (even when its edges came out the same) and the dependents of new nodes; every file after a build from scratch. */
  readonly files: ReadonlySet<string>;
  /** Files of the previous build that are gone. */
  readonly removed: ReadonlySet<string>;
}

/** What one build changed: the delta's files, and the files whose edges were resolved again. */
interface Changes {
  readonly files: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
  readonly resolved: Iterable<string>;
}

/**
 * The dependency graph of a session, rebuilt from the previous one. A file keeps its node when
 * its input (facts, parsed text, project) is the same, and its edges when, in addition, no file
 * its names were resolved through changed (and, for `@Inject(TOKEN)`, no token changed provider).
 * Reverse indexes (who read a file, who depends on a file) make an edit cost the edited file,
 * the files that resolve names through it and their dependents, not the workspace. Another set
 * of files (added, removed, unreadable, reordered) or another classifier starts from scratch.
 *
 * Invariant: the graph equals `buildGraph` over the same inputs (edges in the same order); the
 * session's property tests compare every incremental analysis with a fresh one.
 */
export class IncrementalGraphBuilder {
  private entries = new Map<string, FileEntry>();
  private modules = new Map<string, ModuleEntry>();
  private providers: ProviderIndex | undefined;
  private classifier: Classifier | undefined;
  /** File → files whose edges read its facts. */
  private readers = new ReverseIndex();
  /** File → module files whose providers read its facts. */
  private moduleReaders = new ReverseIndex();
  /** File → files with an edge to it. */
  private dependents = new ReverseIndex();
  private builds = 0;
  /** The graph's `shape`: replaced when a file's edges change shape. */
  private shape: object = {};
  /** The inputs of the last build by file, updated in place (the same files in the same order). */
  private units = new Map<string, GraphInput>();
  private files = new Map<string, FileNode>();
  private readonly refiner = new LayerRefiner();
  /** The previous build's nodes after the graph refined their layers. */
  private finalFiles: ReadonlyMap<string, FileNode> = new Map();
  private outgoing = new Map<string, readonly Edge[]>();

  build(root: string, inputs: readonly GraphInput[], classifier: Classifier): { readonly graph: DependencyGraph; readonly delta: GraphDelta } {
    try {
      return this.buildFrom(root, inputs, classifier);
    } catch (error) {
      // Half-updated bookkeeping would make the next builds wrong: start from scratch next time.
      this.classifier = undefined;
      this.entries = new Map();
      throw error;
    }
  }

  private buildFrom(root: string, inputs: readonly GraphInput[], classifier: Classifier): { readonly graph: DependencyGraph; readonly delta: GraphDelta } {
    const since = this.builds;
    const build = ++this.builds;
    const incremental = classifier === this.classifier && sameFiles(this.entries, inputs);
    const delta = incremental ? this.update(inputs) : this.rebuild(inputs, classifier);
    this.classifier = classifier;
    // Earlier graphs keep their maps: each build gets copies with this build's changes.
    this.files = new Map(this.files);
    this.outgoing = new Map(this.outgoing);
    for (const file of delta.resolved) {
      const entry = this.entries.get(file)!;
      this.files.set(file, entry.node);
      this.outgoing.set(file, entry.edges);
    }
    const graph = assembleGraph(root, this.files, this.outgoing, classifier, this.shape, { refiner: this.refiner, changed: [...delta.resolved] });
    return { graph, delta: { build, since, files: this.withReclassified(delta.files, graph), removed: delta.removed } };
  }

  /**
   * The delta's files plus the files whose final node changed (the graph confirms or overrules
   * name evidence, so an edit can change another file's layer) and their dependents.
   */
  private withReclassified(files: ReadonlySet<string>, graph: DependencyGraph): ReadonlySet<string> {
    const before = this.finalFiles;
    this.finalFiles = graph.files;
    let all: Set<string> | undefined;
    for (const [file, node] of graph.files) {
      if (before.get(file) === node) continue;
      all ??= new Set(files);
      all.add(file);
      for (const dependent of this.dependents.of(file)) all.add(dependent);
    }
    return all ?? files;
  }

  private rebuild(inputs: readonly GraphInput[], classifier: Classifier): Changes {
    const removed = new Set(this.entries.keys());
    this.entries = new Map();
    this.files = new Map();
    this.outgoing = new Map();
    this.shape = {};
    this.modules = new Map();
    this.providers = undefined;
    this.readers = new ReverseIndex();
    this.moduleReaders = new ReverseIndex();
    this.dependents = new ReverseIndex();
    this.units = new Map(inputs.map((input) => [input.file, input]));
    const symbols = new SymbolResolver(this.units);
    const providers = this.updateProviders(inputs, this.units, symbols, inputs);
    for (const input of inputs) {
      removed.delete(input.file);
      this.resolve(input, fileNodeOf(input, classifier), symbols, providers.index);
    }
    const files = new Set(this.units.keys());
    return { files, removed, resolved: files };
  }

  private update(inputs: readonly GraphInput[]): Changes {
    const changed = inputs.filter((input) => this.entries.get(input.file)?.input !== input);
    if (changed.length === 0) return { files: new Set(), removed: new Set(), resolved: [] };
    const units = this.units;
    for (const input of changed) units.set(input.file, input);
    const symbols = new SymbolResolver(units);
    const providers = this.updateProviders(inputs, units, symbols, changed);

    const newNodes: string[] = [];
    const files = new Set<string>();
    const resolved = this.staleFiles(inputs, changed, providers.changed);
    for (const file of resolved) {
      const input = units.get(file)!;
      const before = this.entries.get(file)!;
      const sameNode = sameInput(before.input, input);
      if (!sameNode) newNodes.push(file);
      this.resolve(input, sameNode ? before.node : fileNodeOf(input, this.classifier!), symbols, providers.index);
      files.add(file);
    }
    // A dependent's neighborhood includes its targets' nodes (their text and layer).
    for (const file of newNodes) for (const dependent of this.dependents.of(file)) files.add(dependent);
    return { files, removed: new Set(), resolved };
  }

  /** Files whose edges must be resolved again: the changed ones, those that read them, and token injectors when a token changed provider. */
  private staleFiles(inputs: readonly GraphInput[], changed: readonly GraphInput[], providersChanged: boolean): Set<string> {
    const stale = new Set<string>();
    for (const input of changed) {
      stale.add(input.file);
      for (const reader of this.readers.of(input.file)) stale.add(reader);
    }
    if (providersChanged) for (const input of inputs) if (usesProviders(input.facts)) stale.add(input.file);
    return stale;
  }

  /** Resolves one file's edges and records what they were resolved through. */
  private resolve(input: GraphInput, node: FileNode, symbols: SymbolResolver, providers: ProviderIndex): void {
    const before = this.entries.get(input.file);
    const { value: edges, reads } = symbols.withReads(() => fileEdges(input, symbols, providers));
    if (before && !sameShape(before.edges, edges)) this.shape = {};
    this.readers.replace(input.file, before ? before.reads : [], reads);
    this.dependents.replace(input.file, before ? internalTargets(before.edges) : [], internalTargets(edges));
    this.entries.set(input.file, { input, node, edges, reads });
  }

  /**
   * The `@Module` provider index; a module file's providers are resolved again only when it or a
   * file read to resolve them changed. `changed`: a token now has another provider, so the files
   * injecting tokens must be resolved again.
   */
  private updateProviders(
    inputs: readonly GraphInput[],
    units: ReadonlyMap<string, GraphInput>,
    symbols: SymbolResolver,
    changed: readonly GraphInput[],
  ): { readonly index: ProviderIndex; readonly changed: boolean } {
    const stale = new Map<string, GraphInput>();
    for (const input of changed) {
      if (declaresModule(input.facts) || this.modules.has(input.file)) stale.set(input.file, input);
      for (const reader of this.moduleReaders.of(input.file)) stale.set(reader, units.get(reader)!);
    }
    if (stale.size === 0 && this.providers) return { index: this.providers, changed: false };
    let reordered = false;
    for (const input of stale.values()) reordered = this.resolveModule(input, symbols) || reordered;
    // Modules in file order: the first module providing a token wins.
    if (reordered) this.modules = new Map(inputs.filter((input) => this.modules.has(input.file)).map((input) => [input.file, this.modules.get(input.file)!]));
    const index = new ProviderIndex([...this.modules.values()].map((m) => m.providers));
    const indexChanged = this.providers === undefined || !index.sameAs(this.providers);
    this.providers = index;
    return { index, changed: indexChanged };
  }

  /** Resolves one file's module providers again; true when it became or stopped being a module (the order changes). */
  private resolveModule(input: GraphInput, symbols: SymbolResolver): boolean {
    const before = this.modules.get(input.file);
    const after = declaresModule(input.facts) ? symbols.withReads(() => moduleProviders(input, symbols)) : undefined;
    this.moduleReaders.replace(input.file, before ? before.reads : [], after ? after.reads : []);
    // Replacing a module keeps its place in the map.
    if (after) this.modules.set(input.file, { providers: after.value, reads: after.reads });
    else this.modules.delete(input.file);
    return !before !== !after;
  }
}

/** The same files in the same order as the previous build. */
function sameFiles(entries: ReadonlyMap<string, FileEntry>, inputs: readonly GraphInput[]): boolean {
  if (entries.size !== inputs.length) return false;
  let i = 0;
  for (const file of entries.keys()) if (inputs[i++]?.file !== file) return false;
  return true;
}

function sameInput(a: GraphInput, b: GraphInput): boolean {
  return a.facts === b.facts && a.sourceFile === b.sourceFile && a.project === b.project;
}

function internalTargets(edges: readonly Edge[]): Iterable<string> {
  return edges.filter((edge) => !edge.external).map((edge) => edge.to);
}
