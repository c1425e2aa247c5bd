import { isJavaScriptFile } from '../facts/extract';
import { exportedLocalNames } from '../facts/declarations';
import type { FileFacts, ImportBinding, ModuleRef } from '../facts/types';
import type { Edge } from './types';
import type { Definition, SourceUnit, SymbolResolver } from './symbols';

type ModuleTarget = Pick<Edge, 'to' | 'external' | 'declaredEntry' | 'openPackagePath'>;

type PackageMarks = Pick<Edge, 'declaredEntry' | 'openPackagePath'>;

/** What the manifest of the workspace package a specifier points into says of the path (from its resolution, or the target made of it). */
function packageMarks(marks: PackageMarks): PackageMarks {
  return { ...(marks.declaredEntry ? { declaredEntry: true as const } : {}), ...(marks.openPackagePath ? { openPackagePath: true as const } : {}) };
}

/** Edges written as module syntax: import, require, import(), re-export. */
export function moduleRefEdges(unit: SourceUnit, symbols: SymbolResolver): Edge[] {
  const edges: Edge[] = [];
  for (const ref of unit.facts.moduleRefs) {
    const resolution = symbols.resolveRef(unit, ref);
    if (resolution.kind === 'unresolved') continue;
    const target: ModuleTarget = resolution.kind === 'file' ? { to: resolution.file, external: false, ...packageMarks(resolution) } : { to: resolution.name, external: true };
    if (ref.kind === 'dynamic-import') {
      // `const { a } = await import('x')` takes `a`, as a static import would.
      edges.push({ from: unit.file, ...target, kind: 'dynamic-import', range: ref.range, runtime: true, names: ref.bindings.map((b) => b.imported), specifier: ref.specifier });
    } else if (ref.kind === 're-export') {
      const runtime = !ref.typeOnly && ref.bindings.some((b) => !b.typeOnly);
      edges.push({ from: unit.file, ...target, kind: 're-export', range: ref.range, runtime, names: ref.bindings.map((b) => b.imported), specifier: ref.specifier });
    } else {
      edges.push(...bindingEdges(unit, ref, symbols, target));
    }
  }
  return edges;
}

/**
 * One edge per file the bindings are defined in: `import { A, B } from './barrel'` depends on the
 * files declaring A and B, not on the barrel.
 */
function bindingEdges(unit: SourceUnit, ref: ModuleRef, symbols: SymbolResolver, moduleTarget: ModuleTarget): Edge[] {
  const kind = ref.kind === 'require' ? 'require' : 'import';
  if (ref.bindings.length === 0) {
    // Side-effect import (`import './x'`) or a bare `require('./x')`: always at run time. Empty
    // braces (`import {} from './x'`) are dropped by TypeScript unless it keeps every import.
    const dropped = ref.namesNothing === true && TYPESCRIPT_FILE.test(unit.file) && !unit.project.verbatimModuleSyntax;
    return [
      {
        from: unit.file,
        ...moduleTarget,
        kind,
        range: ref.range,
        runtime: !ref.typeOnly && !dropped,
        names: [],
        specifier: ref.specifier,
        ...(ref.deferred ? { deferred: true } : {}),
        ...(ref.exportedAsIs ? { usedAs: 'export' as const } : ref.wiredOnly ? { usedAs: 'mount' as const } : {}),
        ...(dropped ? { unused: true as const } : {}),
      },
    ];
  }
  const byTarget = bindingsByTarget(unit, ref, symbols, moduleTarget);
  return [...byTarget].map(([to, entry]) => bindingEdge(unit, ref, kind, moduleTarget, to, entry));
}

/** The edge to one file the bindings are defined in. */
function bindingEdge(unit: SourceUnit, ref: ModuleRef, kind: 'require' | 'import', moduleTarget: ModuleTarget, to: string, entry: TargetBindings): Edge {
  const usedAs = deferredUnlessInMetadata(unit, usageOf(unit.facts, entry.locals), entry.locals);
  const members = membersRead(unit.facts, entry.locals);
  return {
    from: unit.file,
    to,
    external: entry.external,
    kind: entry.runtime || kind === 'require' ? kind : 'type-import',
    range: ref.range,
    runtime: entry.runtime,
    names: entry.names,
    specifier: ref.specifier,
    ...packageMarks(moduleTarget),
    ...viaOf(moduleTarget, to),
    ...(entry.valueNames.length < entry.names.length ? { valueNames: entry.valueNames } : {}),
    ...(usedAs ? { usedAs } : {}),
    ...(members ? { members } : {}),
    ...(ref.deferred ? { deferred: true } : {}),
    ...(kind === 'import' && readsOnlyWhenCalled(unit, entry.locals) ? { readsWhenCalled: true as const } : {}),
    ...(kind === 'import' && neverUsed(unit, entry.locals) ? { unused: true as const } : {}),
  };
}

/**
 * An ES import whose values the file reads only inside functions: imports are live bindings, so it
 * needs nothing of the target while they load. (`require()` copies `module.exports` as it is then,
 * and types emitted as decorator metadata are read when the class is defined: neither waits.)
 */
function readsOnlyWhenCalled(unit: SourceUnit, locals: readonly string[]): boolean {
  const { facts } = unit;
  const used = locals.filter((l) => facts.valueUsedLocals.has(l));
  const inMetadata = (l: string) => unit.project.emitDecoratorMetadata && facts.metadataTypeLocals.has(l);
  return used.length > 0 && used.every((l) => !facts.loadTimeLocals.has(l) && !inMetadata(l));
}

/** TypeScript elides an import none of whose names the file refers to or exports (see `Edge.unused`). */
function neverUsed(unit: SourceUnit, locals: readonly string[]): boolean {
  if (!TYPESCRIPT_FILE.test(unit.file) || locals.length === 0) return false;
  // Most imports are referenced: the file's exports are gathered only for those that are not.
  if (locals.some((local) => unit.facts.referencedLocals.has(local))) return false;
  const exported = exportedLocalNames(unit.facts);
  return locals.every((local) => !exported.has(local));
}

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/** The file the specifier names, when the binding is declared in another (see `Edge.via`). */
function viaOf(moduleTarget: { to: string; external: boolean }, to: string): { via?: string } {
  return !moduleTarget.external && moduleTarget.to !== to ? { via: moduleTarget.to } : {};
}

interface TargetBindings {
  readonly external: boolean;
  runtime: boolean;
  readonly names: string[];
  readonly valueNames: string[];
  readonly locals: string[];
}

/** The ref's bindings grouped by the file (or package) that defines each. */
function bindingsByTarget(unit: SourceUnit, ref: ModuleRef, symbols: SymbolResolver, moduleTarget: { to: string; external: boolean }): Map<string, TargetBindings> {
  const byTarget = new Map<string, TargetBindings>();
  for (const binding of ref.bindings) {
    const definition = binding.imported === '*' ? undefined : symbols.definitionOf(symbols.resolveRef(unit, ref), binding.imported);
    const target = definition ? targetOf(definition) : moduleTarget;
    const entry = byTarget.get(target.to) ?? { external: target.external, runtime: false, names: [], valueNames: [], locals: [] };
    entry.runtime ||= isRuntimeBinding(unit, ref, binding, definition);
    entry.names.push(binding.imported);
    if (!binding.typeOnly && unit.facts.valueUsedLocals.has(binding.local)) entry.valueNames.push(binding.imported);
    entry.locals.push(binding.local);
    byTarget.set(target.to, entry);
  }
  return byTarget;
}

/** The members read on the imported names, when they are used only through members. */
function membersRead(facts: FileFacts, locals: readonly string[]): string[] | undefined {
  const used = locals.filter((l) => facts.valueUsedLocals.has(l));
  if (used.length === 0) return undefined;
  const members = new Set<string>();
  for (const local of used) {
    const read = facts.memberOnlyLocals.get(local);
    if (!read) return undefined;
    for (const member of read) members.add(member);
  }
  return [...members].sort();
}

/** How the imported names are used at run time, when all are used one way only. */
function usageOf(facts: FileFacts, locals: readonly string[]): Edge['usedAs'] {
  const used = locals.filter((l) => facts.valueUsedLocals.has(l));
  if (used.length === 0) return undefined;
  if (used.every((l) => facts.decoratorOnlyLocals.has(l))) return 'decorator';
  if (used.every((l) => facts.baseClassOnlyLocals.has(l))) return 'base-class';
  if (used.every((l) => facts.exportOnlyLocals.has(l))) return 'export';
  if (used.every((l) => facts.mountOnlyLocals.has(l))) return 'mount';
  if (used.every((l) => facts.lazyOnlyLocals.has(l))) return 'lazy';
  return undefined;
}

/**
 * `@Inject(forwardRef(() => UsersService)) users: UsersService` still names the class at load
 * time when decorator metadata is emitted (the parameter's type): Nest needs `forwardRef` because
 * that reference comes out undefined. Only a file that names them nowhere else defers them.
 */
function deferredUnlessInMetadata(unit: SourceUnit, usedAs: Edge['usedAs'], locals: readonly string[]): Edge['usedAs'] {
  if (usedAs !== 'lazy' || !unit.project.emitDecoratorMetadata) return usedAs;
  return locals.some((l) => unit.facts.metadataTypeLocals.has(l)) ? undefined : usedAs;
}

export function targetOf(definition: Definition): { to: string; external: boolean } {
  return definition.kind === 'file' ? { to: definition.file, external: false } : { to: definition.name, external: true };
}

/**
 * Whether TypeScript keeps this binding in the emitted JavaScript: JS always does; TS erases
 * bindings declared type-only or only used as types, except decorated members' types when
 * `emitDecoratorMetadata` is on (that is how NestJS constructor injection works).
 */
function isRuntimeBinding(unit: SourceUnit, ref: ModuleRef, binding: ImportBinding, definition: Definition | undefined): boolean {
  if (ref.typeOnly || binding.typeOnly) return false;
  if (ref.kind === 'require' || (isJavaScriptFile(unit.file) && !unit.facts.shape.flowTyped) || unit.project.verbatimModuleSyntax) return true;
  if (unit.facts.valueUsedLocals.has(binding.local)) return true;
  if (unit.project.emitDecoratorMetadata && unit.facts.metadataTypeLocals.has(binding.local)) {
    return !(definition?.kind === 'file' && definition.declaration === 'type');
  }
  return false;
}
