import * as path from 'node:path';
import { z } from 'zod';
import { findCycles, type Cycle, type EdgeWeight } from '../../graph/cycles';
import { judge, type LayerPolicy } from '../../policy/policy';
import type { DependencyGraph, Edge } from '../../graph/types';
import { HEADLINE_LENGTH } from '../../text/headline';
import { isOrmModel } from './orm-models';
import { defineRule, type RuleRelatedLocation } from '../types';

const options = z
  .object({
    /** Count imports that are erased at run time (type-only) as part of cycles. */
    includeTypeOnly: z.boolean().default(false),
    /** Count `import()` and `require()` inside functions: lazy loading is the usual way to break a cycle, so it is off by default. */
    includeDynamicImports: z.boolean().default(false),
    /**
     * Report cycles made only of models. ORM entities reference each other both ways by design
     * (`@OneToMany(() => Order)` / `@ManyToOne(() => User)`) and ORMs resolve relations lazily.
     */
    includeModelCycles: z.boolean().default(false),
    /**
     * Count imports whose names are only read by a function handed to a call
     * (`forwardRef(() => UsersModule)`, `@ManyToOne(() => User)`): the code already defers them, the
     * way Nest and the ORMs document to break a cycle on purpose. Also off: a cycle the app enters
     * through one file that the others read only inside functions (see `enteredSafely`).
     */
    includeDeferredReferences: z.boolean().default(false),
  })
  .strict();

const MODULE_KINDS: ReadonlySet<Edge['kind']> = new Set(['import', 'require', 're-export', 'dynamic-import', 'type-import']);

export const cycle = defineRule({
  meta: {
    id: 'layering/cycle',
    description: 'Files import each other in a cycle, so load order decides which one sees the other half-initialized.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  options,
  check(context) {
    const { graph } = context;
    const { includeTypeOnly, includeDynamicImports, includeDeferredReferences } = context.options;
    const include = (edge: Edge): boolean =>
      MODULE_KINDS.has(edge.kind) &&
      (edge.runtime || includeTypeOnly) &&
      ((edge.kind !== 'dynamic-import' && !edge.deferred) || includeDynamicImports) &&
      (edge.usedAs !== 'lazy' || includeDeferredReferences);
    const isModelOnly = (files: readonly string[]) => files.every((f) => isOrmModel(graph.files.get(f)));
    const weight = breakWeight(graph, context.policy);
    const cycles = findCycles(graph, include, JSON.stringify([includeTypeOnly, includeDynamicImports, includeDeferredReferences]), weight);
    const entering = cycles.length > 0 ? edgesEntering(graph, cycles, include) : new Map<string, Edge[]>();
    for (const found of cycles) {
      if (!context.options.includeModelCycles && isModelOnly(found.members)) continue;
      if (!includeDeferredReferences && enteredSafely(graph, found, include, entering)) continue;
      // A component is reported once, where it can be broken: on its weakest break in a file the rules are for.
      const isChecked = (edge: Edge) => graph.files.get(edge.from)?.exempt === undefined;
      const at = found.breaks.find(isChecked) ?? found.edges.find(isChecked);
      if (!at) continue;
      context.report({
        file: at.from,
        range: at.range,
        message: cycleHeadline(found, at),
        detail: cycleMessage(graph.root, found, at),
        data: cycleData(graph.root, found),
        related: cycleRelated(graph.root, found, at),
      });
    }
  },
});

/**
 * Which import to suggest breaking: one that runs against the layers (a repository importing a
 * service) before any that runs with them, then the one taking fewest names.
 */
function breakWeight(graph: DependencyGraph, policy: LayerPolicy): EdgeWeight {
  const layerOf = (file: string) => graph.files.get(file)?.layer;
  return (edge) => {
    const from = layerOf(edge.from);
    const to = layerOf(edge.to);
    const wrongWay = from !== undefined && to !== undefined && !judge(policy, from, to).allowed;
    return (wrongWay ? 0 : AGAINST_LAYERS_FIRST) + Math.min(edge.names.length, AGAINST_LAYERS_FIRST - 1);
  };
}

/** The file an edge makes load first: the one its specifier names (a barrel), not where the names are declared. */
const loadedBy = (edge: Edge): string => edge.via ?? edge.to;

/** The edges from files outside the cycles into their members, by the cycle's member they load. */
function edgesEntering(graph: DependencyGraph, cycles: readonly Cycle[], include: (edge: Edge) => boolean): Map<string, Edge[]> {
  const members = new Map<string, ReadonlySet<string>>();
  for (const found of cycles) for (const m of found.members) members.set(m, new Set(found.members));
  const entering = new Map<string, Edge[]>();
  for (const edge of graph.edges) {
    const target = loadedBy(edge);
    const component = members.get(target);
    // Tests and other unchecked files load what they test directly; the app's load order is the question.
    if (!component || component.has(edge.from) || !include(edge) || graph.files.get(edge.from)?.exempt !== undefined) continue;
    entering.set(target, [...(entering.get(target) ?? []), edge]);
  }
  return entering;
}

/**
 * A module's entry and the files it fronts, in a cycle no load order can trip: the rest of the app
 * enters through the entry only (the `index` of the folder holding every file of the cycle), the
 * others read it only inside functions (routes reading the service the index builds, when a
 * request comes), and without those reads nothing in it is circular. The entry always loads
 * first, and what it loads needs nothing of it while they load. Two files of a folder calling each
 * other stay reported: nothing fronts them, and one of them should not need the other.
 */
function enteredSafely(graph: DependencyGraph, found: Cycle, include: (edge: Edge) => boolean, entering: ReadonlyMap<string, readonly Edge[]>): boolean {
  const entries = found.members.filter((m) => (entering.get(m)?.length ?? 0) > 0);
  const entry = entries[0];
  if (entries.length !== 1 || entry === undefined || !frontsTheOthers(entry, found.members)) return false;
  const members = new Set(found.members);
  const inside = (m: string) => graph.outgoing(m).filter((e) => include(e) && members.has(loadedBy(e)));
  if (found.members.some((m) => inside(m).some((e) => loadedBy(e) === entry && e.readsWhenCalled !== true))) return false;
  return isAcyclic(found.members, (m) =>
    inside(m)
      .map(loadedBy)
      .filter((to) => to !== entry),
  );
}

/** `orders/index.ts` fronts `orders/routes.ts` and `orders/http/list.ts`: every other file is in its folder. */
function frontsTheOthers(entry: string, members: readonly string[]): boolean {
  if (!/^index\.[cm]?[jt]sx?$/.test(path.posix.basename(entry))) return false;
  const folder = `${path.posix.dirname(entry)}/`;
  return members.every((m) => m === entry || m.startsWith(folder));
}

/** Depth-first, with a stack of its own: a tangle of thousands of files must not exhaust the call stack. */
function isAcyclic(nodes: readonly string[], next: (node: string) => readonly string[]): boolean {
  const state = new Map<string, 'open' | 'done'>();
  for (const start of nodes) {
    if (state.has(start)) continue;
    const stack: { node: string; targets: readonly string[]; at: number }[] = [{ node: start, targets: next(start), at: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const target = top.targets[top.at++];
      if (target === undefined) {
        state.set(top.node, 'done');
        stack.pop();
      } else if (state.get(target) === 'open') {
        return false;
      } else if (!state.has(target)) {
        state.set(target, 'open');
        stack.push({ node: target, targets: next(target), at: 0 });
      }
    }
  }
  return true;
}

/** Weight added to an import that runs with the layers: more than any count of names below it. */
const AGAINST_LAYERS_FIRST = 100;

/** Break suggestions listed in a message; the rest are in the related locations. */
const LISTED_BREAKS = 3;

/** The loop by file names (a folder added where two share a name); the paths are in the detail. */
function cycleHeadline(found: Cycle, at: Edge): string {
  const names = shortNames(found.files);
  const loop = [...found.files, found.files[0]!].map((f) => names.get(f) ?? f).join(' → ');
  const headline = `Import cycle of ${found.members.length} files: ${loop}.`;
  return headline.length <= HEADLINE_LENGTH ? headline : `Import cycle of ${found.members.length} files: this import of ${names.get(at.to) ?? path.posix.basename(at.to)} leads back here.`;
}

/** Each file by its name, or by its folder and name when another file of the list has the same name (`users/index.ts`). */
function shortNames(files: readonly string[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const f of files) count.set(path.posix.basename(f), (count.get(path.posix.basename(f)) ?? 0) + 1);
  return new Map(files.map((f) => [f, (count.get(path.posix.basename(f)) ?? 0) > 1 ? f.split('/').slice(-2).join('/') : path.posix.basename(f)]));
}

function cycleMessage(root: string, found: Cycle, at: Edge): string {
  const loop = [...found.files, found.files[0]!].map((f) => relative(root, f)).join(' → ');
  const advice = 'Move what both sides need into a third file, or depend on an interface.';
  const arrow = (e: Edge) => `${relative(root, e.from)} → ${relative(root, e.to)}`;
  if (found.members.length === found.files.length && found.breaks.length <= 1) {
    return `Import cycle of ${found.files.length} files: ${loop}. Break it here, at ${arrow(at)}: ${advice.charAt(0).toLowerCase()}${advice.slice(1)}`;
  }
  const others = found.breaks.filter((e) => e !== at);
  const listed = others.slice(0, LISTED_BREAKS).map(arrow);
  const more = others.length > LISTED_BREAKS ? ` and ${others.length - LISTED_BREAKS} more` : '';
  const rest = others.length === 0 ? '' : ` and at ${listed.join(', ')}${more}`;
  return `Import cycle: ${found.members.length} files depend on each other (shortest loop: ${loop}). Removing ${found.breaks.length} import${found.breaks.length === 1 ? '' : 's'} breaks it: here${rest}. ${advice}`;
}

function cycleData(root: string, found: Cycle): Record<string, string> {
  return { size: String(found.members.length), breaks: String(found.breaks.length), members: found.members.map((f) => relative(root, f)).join(', ') };
}

/** The other suggested breaks first (what the view highlights), then the rest of the shortest loop. */
function cycleRelated(root: string, found: Cycle, at: Edge): RuleRelatedLocation[] {
  const breaks = found.breaks.filter((e) => e !== at);
  const loop = found.edges.filter((e) => e !== at && !breaks.includes(e));
  return [
    ...breaks.map((e) => ({ file: e.from, range: e.range, message: `break here too: ${relative(root, e.from)} imports ${relative(root, e.to)}` })),
    ...loop.map((e) => ({ file: e.from, range: e.range, message: `${relative(root, e.from)} imports ${relative(root, e.to)}` })),
  ];
}

function relative(root: string, file: string): string {
  return path.posix.relative(root, file);
}
