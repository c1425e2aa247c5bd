/**
 * Per-file facts: everything later stages need from one file's syntax, and nothing else.
 *
 * Invariant: facts are a pure function of (file name, text). They never look at another file, the
 * file system, the configuration or the module resolver, so they can be cached by content hash and
 * recomputed for one file at a time.
 */
import type { TextRange } from '../types';

/** A value known without running the code: enough to read decorator and module metadata. */
export type StaticValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** `X`, or `X.member` (`User.name`, `TOKENS.Users`). */
  | { readonly kind: 'identifier'; readonly name: string; readonly member?: string }
  | { readonly kind: 'array'; readonly elements: readonly StaticValue[] }
  | { readonly kind: 'object'; readonly properties: Readonly<Record<string, StaticValue>> }
  | { readonly kind: 'arrow'; readonly returns?: StaticValue }
  | { readonly kind: 'call'; readonly callee: string; readonly args: readonly StaticValue[] }
  | { readonly kind: 'other' };

export interface DecoratorFact {
  /** The called name: `Controller` for `@Controller()`, `Column` for `@typeorm.Column()`. */
  readonly name: string;
  readonly args: readonly StaticValue[];
  readonly range: TextRange;
}

export interface ImportBinding {
  /** The name used inside this file. */
  readonly local: string;
  /** The exported name it refers to: a name, `default`, or `*` for the whole module. */
  readonly imported: string;
  /** Declared type-only (`import type`, `import { type X }`). */
  readonly typeOnly: boolean;
}

export type ModuleRefKind = 'import' | 'dynamic-import' | 'require' | 're-export';

export interface ModuleRef {
  readonly kind: ModuleRefKind;
  readonly specifier: string;
  /** The specifier string literal, quotes included. */
  readonly range: TextRange;
  /** `import type ...` / `export type ... from`. */
  readonly typeOnly: boolean;
  /**
   * import/require: the names bound in this file. re-export: `local` is the exported name and
   * `imported` the name in the target (`*` with local `*` for `export * from`).
   */
  readonly bindings: readonly ImportBinding[];
}

export interface ParamFact {
  readonly name: string;
  /** The whole parameter, decorators and modifiers included. */
  readonly range: TextRange;
  /** Root identifier of a type reference annotation: `Repository` for `Repository<User>`. */
  readonly typeName?: string;
  readonly typeArguments: readonly string[];
  readonly decorators: readonly DecoratorFact[];
}

export interface ClassFact {
  readonly name?: string;
  readonly nameRange?: TextRange;
  readonly range: TextRange;
  readonly exported: boolean;
  readonly decorators: readonly DecoratorFact[];
  readonly extends?: { readonly name: string; readonly typeArguments: readonly string[]; readonly range: TextRange };
  readonly constructorParams: readonly ParamFact[];
}

export interface InstantiationFact {
  /** `X` in `new X(...)`. */
  readonly name: string;
  /** The whole `new X(...)` expression. */
  readonly range: TextRange;
}

export type DeclarationKind = 'value' | 'type';

export interface LocalExport {
  /** The local name it exports (an own declaration or an import binding). */
  readonly local: string;
}

export interface SyntaxError {
  readonly message: string;
  readonly offset: number;
}

export interface FileFacts {
  readonly fileName: string;
  readonly moduleRefs: readonly ModuleRef[];
  readonly classes: readonly ClassFact[];
  readonly instantiations: readonly InstantiationFact[];
  /** Top-level declarations of this file and whether they exist at run time. */
  readonly declarations: ReadonlyMap<string, DeclarationKind>;
  /** Exported name -> local name, for exports without a module specifier (`default` included). */
  readonly localExports: ReadonlyMap<string, LocalExport>;
  /** Import-bound names used where a value is needed (calls, `new`, decorators, `extends`...). */
  readonly valueUsedLocals: ReadonlySet<string>;
  /**
   * Import-bound names used only as the type of a decorated member or of a decorated class's
   * constructor parameter: emitted at run time when `emitDecoratorMetadata` is on.
   */
  readonly metadataTypeLocals: ReadonlySet<string>;
  /** Only imports and re-exports: a barrel, transparent for layering. */
  readonly isBarrel: boolean;
  readonly syntaxErrors: readonly SyntaxError[];
}
