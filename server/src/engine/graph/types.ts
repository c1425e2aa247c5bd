import type { Candidate, EvidenceNote } from '../classify/classify';
import type { LayerId } from '../classify/layers';
import type { FileFacts } from '../facts/types';
import type { LineIndex } from '../text/line-index';
import type { ts } from '../ts';
import type { TextRange } from '../types';

export const EDGE_KINDS = ['import', 'type-import', 'dynamic-import', 'require', 're-export', 'di', 'instantiation'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface Edge {
  /** Absolute `/`-separated path of the depending file. */
  readonly from: string;
  /** Absolute path of the file depended on, or a package name when `external`. */
  readonly to: string;
  readonly external: boolean;
  readonly kind: EdgeKind;
  /** Where the dependency is written in `from`: a specifier, a constructor parameter, a `new`. */
  readonly range: TextRange;
  /** Exists when the code runs (not an import erased because it is only used as a type). */
  readonly runtime: boolean;
  /** The module specifier as written, for module syntax edges. */
  readonly specifier?: string;
  /** The specifier names what a workspace package's manifest declares: its entry, or a subpath its `exports` lists. */
  readonly declaredEntry?: true;
  /** The specifier is a path inside a workspace package whose manifest has no `exports` map: nothing closes it. */
  readonly openPackagePath?: true;
  /** Names taken from the target (imports) or the injected type (DI). */
  readonly names: readonly string[];
  /**
   * The imported names the code uses as values, when some are not (`import { DataSource, In }`
   * with `DataSource` only a type): what the file runs of the target.
   */
  readonly valueNames?: readonly string[];
  /** Human description of what the edge is, e.g. `injects the TypeORM repository of User`. */
  readonly detail?: string;
  /**
   * The imported names are only used as decorators (`@Cached()`: an aspect, not a collaborator)
   * or only as base classes (`extends BaseResolver(User)`), or only passed on
   * (`module.exports = { comments }`: a re-export), or only named by a function that reads them
   * later (`forwardRef(() => UsersModule)`, `@ManyToOne(() => User)`).
   */
  readonly usedAs?: 'decorator' | 'base-class' | 'export' | 'mount' | 'lazy';
  /** A `require()` inside a function: it loads when the function first runs, so it closes no load-time cycle. */
  readonly deferred?: boolean;
  /**
   * An import whose values are all read inside functions only (a handler reading a singleton when
   * a request comes): the file needs nothing of its target while the two load.
   */
  readonly readsWhenCalled?: true;
  /** The members read on the imported names, when they are used only through members (`Sequelize.literal`). */
  readonly members?: readonly string[];
  /**
   * The file the specifier names, when the names are declared elsewhere (`import { X } from
   * './orders'` through `orders/index.ts`): what a module's public API is judged on.
   */
  readonly via?: string;
  /**
   * For an injection by token (`@Inject(USERS) users: UsersPort`), the file declaring the
   * parameter's type when it is not the provider's: the code depends on that port; the module's
   * binding to the provider is the container's wiring.
   */
  readonly typedAs?: string;
  /**
   * An import of TypeScript whose names the file never refers to, in values or in types, nor
   * exports: nothing of the target is used (the compiler drops it, unless `verbatimModuleSyntax`
   * keeps every import). Dead code, not a dependency.
   */
  readonly unused?: true;
  /** For an injection by token (`@Inject(UNIT_OF_WORK)`), the token as written. */
  readonly token?: string;
  /** An injection whose parameter names no type of its own (`uow: { run(): void }`, or none): what it depends on is whatever the token stands for. */
  readonly untyped?: true;
}

export interface FileNode {
  readonly file: string;
  readonly projectDir: string;
  readonly text: string;
  readonly facts: FileFacts;
  /** The syntax tree, for rules that look inside files. */
  readonly sourceFile: ts.SourceFile;
  readonly lineIndex: LineIndex;
  readonly layer?: LayerId;
  readonly layerReason: string;
  /** Every piece of layer evidence with its verdict: decided, overruled by behaviour, or weaker. */
  readonly layerEvidence: readonly EvidenceNote[];
  /** The file's own evidence, before the graph confirmed what names claim (see `refine-layers.ts`). */
  readonly candidates: readonly Candidate[];
  /**
   * Why the rules leave this file alone (outside the opened folder, front-end, vendored), or
   * undefined: it is in the graph for its layer and edges, but nothing is reported in it.
   */
  readonly exempt?: string;
}

export interface DependencyGraph {
  readonly root: string;
  readonly files: ReadonlyMap<string, FileNode>;
  readonly edges: readonly Edge[];
  /** The layer of what an edge points at: a file's layer, or a package's for run-time use. */
  readonly targetLayer: (edge: Edge) => LayerId | undefined;
  readonly outgoing: (file: string) => readonly Edge[];
  /**
   * The same object for as long as no file's dependencies changed in shape (targets, kinds,
   * run-time or not), across the graphs of a session: what depends only on that shape (import
   * cycles) is computed once for it. A graph built from scratch has a new one.
   */
  readonly shape: object;
}
