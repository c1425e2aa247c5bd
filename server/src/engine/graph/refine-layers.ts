import { decide, type Classification, type Classifier } from '../classify/classify';
import type { GraphCheck } from '../classify/behaviour';
import { NEUTRAL_PACKAGES, type LayerId } from '../classify/layers';
import type { Edge, FileNode } from './types';
import { addTo } from '../multimap';

/**
 * The second half of classification, on the graph: name evidence that only the file's
 * dependencies can confirm. A `*Repository` that reaches no database but a logger, or a
 * `db.ts` that imports no database client, is not what its name says, and belongs to no layer
 * unless weaker evidence holds.
 *
 * Files whose classification does not change keep their node object; a refined node is reused
 * across builds while its first-pass node and its classification are the same (the incremental
 * graph and the rule cache compare nodes by identity).
 */
export function refineLayers(files: ReadonlyMap<string, FileNode>, outgoing: (file: string) => readonly Edge[], classifier: Classifier): ReadonlyMap<string, FileNode> {
  return refineAll(files, outgoing, classifier).refined;
}

function refineAll(
  files: ReadonlyMap<string, FileNode>,
  outgoing: (file: string) => readonly Edge[],
  classifier: Classifier,
): { refined: ReadonlyMap<string, FileNode>; reaching: ReadonlySet<string> } {
  const evidence = new GraphEvidence(files, outgoing, classifier);
  const refined = new Map(files);
  for (const node of files.values()) if (isPending(node)) refined.set(node.file, evidence.refine(node));
  return { refined, reaching: evidence.reaching };
}

function isPending(node: FileNode): boolean {
  return node.candidates.some((c) => c.check !== undefined);
}

/** What a session's previous refinement was made from, to redo only what an edit can change. */
interface Refinement {
  readonly shape: object;
  readonly classifier: Classifier;
  readonly files: ReadonlyMap<string, FileNode>;
  readonly refined: ReadonlyMap<string, FileNode>;
  readonly reaching: ReadonlySet<string>;
}

/**
 * `refineLayers` for a session: after an edit that changes no dependency's shape, no file that
 * may hold data, and no file's first-pass layer, only the re-resolved files are decided again —
 * nothing else's evidence can have changed. Anything else refines the whole graph.
 */
export class LayerRefiner {
  private previous: Refinement | undefined;

  refine(files: ReadonlyMap<string, FileNode>, outgoing: (file: string) => readonly Edge[], classifier: Classifier, shape: object, changed: readonly string[]): ReadonlyMap<string, FileNode> {
    const previous = this.previous;
    const result = previous && this.isLocal(previous, files, classifier, shape, changed) ? this.refineChanged(previous, files, outgoing, classifier, changed) : refineAll(files, outgoing, classifier);
    this.previous = { shape, classifier, files, ...result };
    return result.refined;
  }

  private isLocal(previous: Refinement, files: ReadonlyMap<string, FileNode>, classifier: Classifier, shape: object, changed: readonly string[]): boolean {
    if (previous.shape !== shape || previous.classifier !== classifier || previous.files.size !== files.size) return false;
    return changed.every((file) => {
      const before = previous.files.get(file);
      const after = files.get(file);
      return before !== undefined && after !== undefined && before.layer === after.layer && !mayHoldData(before) && !mayHoldData(after) && handlesTheSame(before, after);
    });
  }

  private refineChanged(
    previous: Refinement,
    files: ReadonlyMap<string, FileNode>,
    outgoing: (file: string) => readonly Edge[],
    classifier: Classifier,
    changed: readonly string[],
  ): { refined: ReadonlyMap<string, FileNode>; reaching: ReadonlySet<string> } {
    const evidence = new GraphEvidence(files, outgoing, classifier, previous.reaching, changed);
    const refined = new Map(previous.refined);
    for (const file of changed) {
      const node = files.get(file)!;
      refined.set(file, isPending(node) ? evidence.refine(node) : node);
    }
    return { refined, reaching: evidence.reaching };
  }
}

/** Whether a file handles requests decides the layer of the controllers that extend it. */
function handlesTheSame(before: FileNode, after: FileNode): boolean {
  const a = before.facts.shape;
  const b = after.facts.shape;
  return (a.handlers > 0 || a.routes > 0) === (b.handlers > 0 || b.routes > 0);
}

/** A file that could hold data by any of its evidence: a repository, data-access file or model. */
function mayHoldData(node: FileNode): boolean {
  return node.candidates.some((c) => c.layer !== undefined && DATA_HOLDERS.has(c.layer) && c.overruled === undefined);
}

const refinedNodes = new WeakMap<FileNode, { readonly key: string; readonly node: FileNode }>();

function nodeWith(node: FileNode, classification: Classification): FileNode {
  const key = classificationKey(classification);
  if (key === classificationKey(node)) return node;
  const known = refinedNodes.get(node);
  if (known?.key === key) return known.node;
  const { layer: _previous, ...rest } = node;
  const refined: FileNode = { ...rest, ...(classification.layer ? { layer: classification.layer } : {}), layerReason: classification.reason, layerEvidence: classification.evidence };
  refinedNodes.set(node, { key, node: refined });
  return refined;
}

function classificationKey(c: {
  readonly layer?: LayerId;
  readonly layerReason?: string;
  readonly reason?: string;
  readonly evidence?: Classification['evidence'];
  readonly layerEvidence?: Classification['evidence'];
}): string {
  return JSON.stringify([c.layer ?? null, c.layerReason ?? c.reason, c.layerEvidence ?? c.evidence]);
}

/** Layers whose files hold or reach persisted data; a dependency on one of them is a dependency on the data. */
const DATA_HOLDERS: ReadonlySet<LayerId> = new Set(['repository', 'data-access', 'model']);
/** Layers a service orchestrates: depending on one makes a file business logic, not an adapter. */
const APP_LAYERS: ReadonlySet<LayerId> = new Set(['service', 'repository', 'data-access', 'model']);

/** What the graph says about the files whose names need confirming. */
class GraphEvidence {
  readonly reaching: ReadonlySet<string>;

  /**
   * `known`: the files that reached data in the previous build, when only `changed` files (none of
   * which may hold data) were re-resolved: only theirs is worked out again.
   */
  constructor(
    private readonly files: ReadonlyMap<string, FileNode>,
    private readonly outgoing: (file: string) => readonly Edge[],
    private readonly classifier: Classifier,
    known?: ReadonlySet<string>,
    changed?: readonly string[],
  ) {
    this.reaching = known && changed ? this.updatedReach(known, changed) : this.filesReachingData();
  }

  refine(node: FileNode): FileNode {
    return nodeWith(
      node,
      decide(node.candidates, (check, layer) => this.contradiction(node.file, check, layer)),
    );
  }

  /** The previous reach, with the changed files' own reach worked out again (no file's reach goes through them). */
  private updatedReach(known: ReadonlySet<string>, changed: readonly string[]): ReadonlySet<string> {
    const reaching = new Set(known);
    for (const file of changed) {
      reaching.delete(file);
      const reaches = this.outgoing(file).some((edge) => counts(edge) && (edge.external ? this.isDatabaseEdge(edge) : reaching.has(edge.to) && this.mayHoldData(edge.to)));
      if (reaches) reaching.add(file);
    }
    return reaching;
  }

  /** Why the graph contradicts `layer` for `file`, or undefined when it agrees. */
  contradiction(file: string, check: GraphCheck, layer: LayerId | undefined): string | undefined {
    const reaches = this.reaching.has(file);
    const infrastructure = this.infrastructurePackages(file);
    switch (check) {
      case 'touches-data':
      case 'folder-touches-data':
        if (reaches) return undefined;
        if (infrastructure.length > 0) return `it uses ${list(infrastructure)} and no database client, ORM or model`;
        if (check === 'touches-data' || declaresClass(this.files.get(file)!)) return undefined;
        return 'it reaches no database client, ORM or model (its functions are helpers)';
      case 'uses-database':
      case 'folder-uses-database':
        return this.databaseContradiction(file, check, reaches);
      case 'inherits-handling':
        return this.inheritsHandling(file, new Set()) ? undefined : `its methods handle no route or request, nor does its base class`;
      case 'not-an-adapter':
        if (reaches || infrastructure.length === 0 || this.dependsOnAppLayers(file)) return undefined;
        return `it only wraps ${list(infrastructure)} (infrastructure), and depends on no other ${layer ?? 'layer'} of the app`;
    }
  }

  private databaseContradiction(file: string, check: GraphCheck, reaches: boolean): string | undefined {
    // A file that holds shapes or helpers (a pagination DTO in `database/`) is not the database.
    if (!reaches) return 'it imports no database client or ORM';
    // `db/jobs.ts` of query functions over the app's own `db/client.ts`: a repository of functions.
    if (check === 'folder-uses-database' && this.queriesThroughAppClient(file)) return "its functions run queries through the app's own client: a repository's work, not the database's";
    return undefined;
  }

  /** Functions that reach the database only through another data-access file of the app, no client of their own. */
  private queriesThroughAppClient(file: string): boolean {
    const node = this.files.get(file);
    if (!node || node.facts.shape.functions === 0) return false;
    if (this.importsDatabasePackage(file)) return false;
    return this.outgoing(file).some((edge) => counts(edge) && !edge.external && this.importsDatabasePackage(edge.to));
  }

  private importsDatabasePackage(file: string): boolean {
    return this.outgoing(file).some((edge) => counts(edge) && edge.external && this.isDatabaseEdge(edge));
  }

  /**
   * Files that reach the database: they use a database package at run time, or depend on a file
   * that could hold data (a repository, data-access file or model, by any of its evidence) and
   * reaches it. A least fixpoint over the reverse edges.
   */
  private filesReachingData(): ReadonlySet<string> {
    const dependents = new Map<string, string[]>();
    const reaching = new Set<string>();
    for (const file of this.files.keys()) {
      for (const edge of this.outgoing(file).filter(counts)) {
        if (!edge.external) addTo(dependents, edge.to, file);
        else if (this.isDatabaseEdge(edge)) reaching.add(file);
      }
    }
    this.spreadThroughDataHolders(reaching, dependents);
    return reaching;
  }

  /** Adds the dependents of every reaching file that may hold data, until nothing changes. */
  private spreadThroughDataHolders(reaching: Set<string>, dependents: ReadonlyMap<string, readonly string[]>): void {
    const queue = [...reaching];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (!this.mayHoldData(file)) continue;
      for (const dependent of dependents.get(file) ?? []) {
        if (!reaching.has(dependent)) queue.push(dependent);
        reaching.add(dependent);
      }
    }
  }

  private mayHoldData(file: string): boolean {
    const node = this.files.get(file);
    return node !== undefined && mayHoldData(node);
  }

  /** A run-time use of a database client or ORM (not schema decorators, not types). */
  private isDatabaseEdge(edge: Edge): boolean {
    if (this.classifier.packageLayer(edge.to) !== 'data-access') return false;
    if (edge.kind === 'di') return true;
    return edge.runtime && !this.classifier.isSchemaOnlyImport(edge.to, edge);
  }

  /** Packages the file uses at run time that say what it does: not the framework, utilities or Node's own modules. */
  private infrastructurePackages(file: string): string[] {
    const found = new Set<string>();
    for (const edge of this.outgoing(file)) {
      if (!edge.external || !counts(edge) || edge.to.startsWith('node:')) continue;
      if (NEUTRAL_PACKAGES.has(edge.to) || this.classifier.packageLayer(edge.to) === 'data-access') continue;
      found.add(edge.to);
    }
    return [...found].sort();
  }

  /** A base class from a package may handle requests; one of the app's must be seen to. */
  private inheritsHandling(file: string, seen: Set<string>): boolean {
    seen.add(file);
    const bases = this.outgoing(file).filter((edge) => edge.usedAs === 'base-class' || (edge.runtime && this.extendsName(file, edge)));
    return bases.some((edge) => {
      if (edge.external) return true;
      const base = this.files.get(edge.to);
      if (!base || seen.has(edge.to)) return false;
      return base.facts.shape.handlers > 0 || base.facts.shape.routes > 0 || this.inheritsHandling(edge.to, seen);
    });
  }

  private extendsName(file: string, edge: Edge): boolean {
    const bases = new Set(this.files.get(file)?.facts.classes.flatMap((c) => (c.extends ? [c.extends.name] : [])));
    return edge.names.some((n) => bases.has(n));
  }

  private dependsOnAppLayers(file: string): boolean {
    return this.outgoing(file).some((edge) => {
      if (edge.external || !counts(edge)) return false;
      const target = this.files.get(edge.to);
      return target?.layer !== undefined && APP_LAYERS.has(target.layer) && target.file !== file;
    });
  }
}

function declaresClass(node: FileNode): boolean {
  return node.facts.classes.some((c) => c.name !== undefined);
}

/** Dependencies that exist when the code runs (injections and `new` always do). */
function counts(edge: Edge): boolean {
  return edge.runtime || edge.kind === 'di' || edge.kind === 'instantiation';
}

function list(packages: readonly string[]): string {
  const shown = packages.slice(0, 3).map((p) => `'${p}'`);
  return packages.length > 3 ? `${shown.join(', ')}…` : shown.join(', ');
}
