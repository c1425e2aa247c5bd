import * as path from 'node:path';
import { z } from 'zod';
import { findCycles } from '../../graph/cycles';
import type { Edge } from '../../graph/types';
import { defineRule } from '../types';

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
     * way Nest and the ORMs document to break a cycle on purpose.
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
    const isModelOnly = (files: readonly string[]) => files.every((f) => graph.files.get(f)?.layer === 'model');
    for (const found of findCycles(graph, include, JSON.stringify([includeTypeOnly, includeDynamicImports, includeDeferredReferences]))) {
      if (!context.options.includeModelCycles && isModelOnly(found.files)) continue;
      // Cycles are reported where they can be fixed: on the edges of the files the rules are for.
      if (found.files.every((f) => graph.files.get(f)?.exempt !== undefined)) continue;
      const names = found.files.map((f) => relative(graph.root, f));
      const chain = [...names, names[0]].join(' → ');
      found.edges.forEach((edge, i) => {
        if (graph.files.get(edge.from)?.exempt !== undefined) return;
        context.report({
          file: edge.from,
          range: edge.range,
          message: `Import cycle of ${found.files.length} files: ${chain}. Break it by moving what both need into a third file, or by depending on an interface.`,
          related: found.edges
            .filter((_, j) => j !== i)
            .map((other) => ({ file: other.from, range: other.range, message: `${relative(graph.root, other.from)} imports ${relative(graph.root, other.to)}` })),
        });
      });
    }
  },
});

function relative(root: string, file: string): string {
  return path.posix.relative(root, file);
}
