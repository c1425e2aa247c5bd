import type { DeclarationKind, FileFacts, ModuleRef } from '../facts/types';
import type { ModuleResolver, Resolution } from '../workspace/resolver';

export interface ProjectContext {
  readonly dir: string;
  readonly resolver: ModuleResolver;
  /** Decorated members' types are emitted as values (NestJS DI relies on it). */
  readonly emitDecoratorMetadata: boolean;
  /** Imports without `type` are kept as written. */
  readonly verbatimModuleSyntax: boolean;
}

export interface SourceUnit {
  readonly file: string;
  readonly facts: FileFacts;
  readonly project: ProjectContext;
}

/** Where an imported name is defined: a file of the workspace, or a package. */
export type Definition =
  | { readonly kind: 'file'; readonly file: string; readonly name: string; readonly declaration: DeclarationKind | 'unknown' }
  | { readonly kind: 'package'; readonly name: string; readonly exported: string };

const MAX_REEXPORT_DEPTH = 32;

/**
 * Resolves specifiers and names across files: follows barrels (`export *`, `export { X } from`,
 * `import { X } ...; export { X }`) to the file that declares a name.
 */
export class SymbolResolver {
  private readonly resolutions = new Map<string, Map<string, Resolution>>();
  private reads: Set<string> | undefined;

  constructor(private readonly units: ReadonlyMap<string, SourceUnit>) {}

  /**
   * Runs `compute` and returns, with its result, every file whose facts it looked into (barrels,
   * declaring files): what the result depends on besides the set of analyzed files. The
   * incremental graph resolves a file's edges again when one of these files changed.
   */
  withReads<T>(compute: () => T): { readonly value: T; readonly reads: ReadonlySet<string> } {
    const outer = this.reads;
    const reads = new Set<string>();
    this.reads = reads;
    try {
      return { value: compute(), reads };
    } finally {
      this.reads = outer;
      if (outer) for (const file of reads) outer.add(file);
    }
  }

  resolveRef(unit: SourceUnit, ref: Pick<ModuleRef, 'specifier'>): Resolution {
    let perFile = this.resolutions.get(unit.file);
    if (!perFile) {
      perFile = new Map();
      this.resolutions.set(unit.file, perFile);
    }
    let resolution = perFile.get(ref.specifier);
    if (!resolution) {
      resolution = unit.project.resolver.resolve(ref.specifier, unit.file);
      // A local file outside the analyzed set (excluded, test, generated) is not part of the graph.
      if (resolution.kind === 'file' && !this.units.has(resolution.file)) resolution = { kind: 'unresolved' };
      perFile.set(ref.specifier, resolution);
    }
    return resolution;
  }

  /** The definition of `name` as exported by the module `resolution` points at. */
  definitionOf(resolution: Resolution, name: string): Definition | undefined {
    if (resolution.kind === 'package') return { kind: 'package', name: resolution.name, exported: name };
    if (resolution.kind !== 'file') return undefined;
    return this.exportedDefinition(resolution.file, name, 0, new Set());
  }

  /** The definition of a name used in `unit`: its own declaration, or what its import binds. */
  definitionOfLocal(unit: SourceUnit, local: string): Definition | undefined {
    const own = unit.facts.declarations.get(local);
    if (own) return { kind: 'file', file: unit.file, name: local, declaration: own };
    for (const ref of unit.facts.moduleRefs) {
      if (ref.kind !== 'import' && ref.kind !== 'require') continue;
      const binding = ref.bindings.find((b) => b.local === local);
      if (!binding) continue;
      const resolution = this.resolveRef(unit, ref);
      if (binding.imported === '*') return namespaceDefinition(resolution);
      return this.definitionOf(resolution, binding.imported);
    }
    return undefined;
  }

  private exportedDefinition(file: string, name: string, depth: number, seen: Set<string>): Definition | undefined {
    const key = `${file}\0${name}`;
    if (depth > MAX_REEXPORT_DEPTH || seen.has(key)) return undefined;
    seen.add(key);
    const unit = this.units.get(file);
    if (!unit) return undefined;
    this.reads?.add(file);

    const local = unit.facts.localExports.get(name);
    if (local) {
      const declared = unit.facts.declarations.get(local.local);
      if (declared) return { kind: 'file', file, name: local.local, declaration: declared };
      const viaImport = this.definitionOfImportBinding(unit, local.local, depth, seen);
      return viaImport ?? { kind: 'file', file, name: local.local, declaration: 'unknown' };
    }
    return this.reExportedDefinition(unit, name, depth, seen);
  }

  /** `name` as re-exported by `unit`: `export { name } from`, `export * as name from`, or through `export * from`. */
  private reExportedDefinition(unit: SourceUnit, name: string, depth: number, seen: Set<string>): Definition | undefined {
    for (const ref of unit.facts.moduleRefs) {
      if (ref.kind !== 're-export') continue;
      const resolution = this.resolveRef(unit, ref);
      const named = ref.bindings.find((b) => b.local === name);
      if (named && named.imported !== '*') return this.followInto(resolution, named.imported, depth, seen);
      if (named && resolution.kind === 'file') return { kind: 'file', file: resolution.file, name: '*', declaration: 'value' };
      const found = this.starReExportedDefinition(ref, resolution, name, depth, seen);
      if (found) return found;
    }
    return undefined;
  }

  /** `export * from` passes on every name but the default export. */
  private starReExportedDefinition(ref: ModuleRef, resolution: Resolution, name: string, depth: number, seen: Set<string>): Definition | undefined {
    const isStar = ref.bindings.some((b) => b.local === '*');
    if (!isStar || name === 'default' || resolution.kind !== 'file') return undefined;
    return this.exportedDefinition(resolution.file, name, depth + 1, seen);
  }

  private definitionOfImportBinding(unit: SourceUnit, local: string, depth: number, seen: Set<string>): Definition | undefined {
    for (const ref of unit.facts.moduleRefs) {
      if (ref.kind !== 'import' && ref.kind !== 'require') continue;
      const binding = ref.bindings.find((b) => b.local === local);
      if (binding) return this.followInto(this.resolveRef(unit, ref), binding.imported, depth, seen);
    }
    return undefined;
  }

  private followInto(resolution: Resolution, name: string, depth: number, seen: Set<string>): Definition | undefined {
    if (resolution.kind === 'package') return { kind: 'package', name: resolution.name, exported: name };
    if (resolution.kind !== 'file') return undefined;
    if (name === '*') return { kind: 'file', file: resolution.file, name: '*', declaration: 'value' };
    return this.exportedDefinition(resolution.file, name, depth + 1, seen);
  }
}

/** What a namespace import (`import * as X`, `const X = require('x')`) binds. */
function namespaceDefinition(resolution: Resolution): Definition | undefined {
  if (resolution.kind === 'file') return { kind: 'file', file: resolution.file, name: '*', declaration: 'value' };
  if (resolution.kind === 'package') return { kind: 'package', name: resolution.name, exported: '*' };
  return undefined;
}
