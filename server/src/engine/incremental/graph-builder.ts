import type { Classifier } from '../classify/classify';
import type { FileFacts } from '../facts/types';
import { assembleGraph, fileEdges, fileNodeOf, type GraphInput } from '../graph/build';
import { declaresModule, moduleProviders, ProviderIndex, usesProviders, type ModuleProviders } from '../graph/injection-edges';
import { SymbolResolver } from '../graph/symbols';
import type { DependencyGraph, Edge, FileNode } from '../graph/types';

/** What the previous build made of one file, and what it was made from. */
interface FileEntry {
  readonly input: GraphInput;
  readonly node: FileNode;
  readonly edges: readonly Edge[];
  /** Facts of the other files its names were resolved through (barrels, declaring files). */
  readonly reads: ReadonlyMap<string, FileFacts>;
}

/** The providers of one `@Module` file, and the files read to resolve them. */
interface ModuleEntry {
  readonly input: GraphInput;
  readonly providers: ModuleProviders;
  readonly reads: ReadonlyMap<string, FileFacts>;
}

/**
 * The dependency graph of a session, rebuilt from the previous one: a file keeps its node when
 * its parsed text is the same, and its edges when, in addition, the facts of every file its
 * imports were resolved through are the same (and, for `@Inject(TOKEN)`, the `@Module`
 * providers). An edit then re-resolves the edited file and the files that import names from it.
 * Anything global — a file added, removed or unreadable, another classifier (config, structure)
 * — starts from scratch.
 *
 * Invariant: the graph equals `buildGraph` over the same inputs (edges in the same order); the
 * session's property tests compare every incremental analysis with a fresh one.
 */
export class IncrementalGraphBuilder {
  private entries = new Map<string, FileEntry>();
  private modules = new Map<string, ModuleEntry>();
  private providers: ProviderIndex | undefined;
  private classifier: Classifier | undefined;

  build(root: string, inputs: readonly GraphInput[], classifier: Classifier): DependencyGraph {
    const units = new Map(inputs.map((input) => [input.file, input]));
    const sameWorkspace = classifier === this.classifier && sameFiles(this.entries, units);
    // Another set of files changes what specifiers resolve to, which no recorded read shows.
    if (!sameWorkspace) this.modules = new Map();
    const previous = sameWorkspace ? this.entries : new Map<string, FileEntry>();
    const symbols = new SymbolResolver(units);
    const providers = this.providerIndex(inputs, units, symbols);

    const entries = new Map<string, FileEntry>();
    for (const input of inputs) {
      const before = previous.get(input.file);
      const node = before && sameInput(before.input, input) ? before.node : fileNodeOf(input, classifier);
      const edgesHold = before !== undefined && node === before.node && readsHold(before.reads, units) && !(providers.changed && usesProviders(input.facts));
      if (edgesHold) {
        entries.set(input.file, before);
        continue;
      }
      const { value: edges, reads } = symbols.withReads(() => fileEdges(input, symbols, providers.index));
      entries.set(input.file, { input, node, edges, reads });
    }
    this.entries = entries;
    this.classifier = classifier;

    const files = new Map<string, FileNode>();
    const outgoing = new Map<string, readonly Edge[]>();
    for (const [file, entry] of entries) {
      files.set(file, entry.node);
      outgoing.set(file, entry.edges);
    }
    return assembleGraph(root, files, outgoing, classifier);
  }

  /**
   * The `@Module` provider index; each module file's providers are re-resolved only when it or a
   * file read to resolve them changed. `changed`: a token now has another provider, so the files
   * injecting tokens must be resolved again.
   */
  private providerIndex(inputs: readonly GraphInput[], units: ReadonlyMap<string, GraphInput>, symbols: SymbolResolver): { readonly index: ProviderIndex; readonly changed: boolean } {
    const modules = new Map<string, ModuleEntry>();
    for (const input of inputs) {
      if (!declaresModule(input.facts)) continue;
      const before = this.modules.get(input.file);
      if (before && before.input.facts === input.facts && before.input.project === input.project && readsHold(before.reads, units)) {
        modules.set(input.file, before);
        continue;
      }
      const { value: providers, reads } = symbols.withReads(() => moduleProviders(input, symbols));
      modules.set(input.file, { input, providers, reads });
    }
    const index = new ProviderIndex([...modules.values()].map((m) => m.providers));
    const changed = this.providers === undefined || !index.sameAs(this.providers);
    this.modules = modules;
    this.providers = index;
    return { index, changed };
  }
}

function sameFiles(entries: ReadonlyMap<string, FileEntry>, units: ReadonlyMap<string, GraphInput>): boolean {
  if (entries.size !== units.size) return false;
  for (const file of units.keys()) if (!entries.has(file)) return false;
  return true;
}

function sameInput(a: GraphInput, b: GraphInput): boolean {
  return a.facts === b.facts && a.sourceFile === b.sourceFile && a.project === b.project;
}

function readsHold(reads: ReadonlyMap<string, FileFacts>, units: ReadonlyMap<string, GraphInput>): boolean {
  for (const [file, facts] of reads) if (units.get(file)?.facts !== facts) return false;
  return true;
}
