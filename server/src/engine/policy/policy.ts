import type { LayerId } from '../classify/layers';

export interface DependencyRule {
  /** When set, the only layers allowed as targets. */
  readonly allow?: ReadonlySet<LayerId>;
  readonly forbid: ReadonlySet<LayerId>;
  /** Imports used only as types count too (a domain must not know infrastructure's types either). */
  readonly includeTypeOnly?: boolean;
  /** Where the rule comes from, named in violations: `the hexagonal preset`, `layerguard.json`. */
  readonly source?: string;
}

/** One layer's entry as presets and `layerguard.json` write it. */
export interface PolicyEntry {
  readonly allow?: readonly LayerId[];
  readonly forbid?: readonly LayerId[];
  readonly includeTypeOnly?: boolean;
}

export type LayerPolicy = ReadonlyMap<LayerId, DependencyRule>;

export type Verdict = { readonly allowed: true } | { readonly allowed: false; readonly because: 'not-allowed' | 'forbidden' };

/**
 * The default policy names only the dependencies that break the layering itself: an entry point
 * (controller, router) reaching past the service layer to the data, and any layer depending on one
 * above it. (A service's data access is judged with the ORM standing in for the repository layer:
 * see forbidden-dependency's `requireOwnRepositories`.) Everything else is allowed. A controller importing a sibling controller, a service
 * importing the composition root or a module class are couplings a team may or may not accept; on
 * real backends nobody here had tuned on they were mostly deliberate, so they are reported only
 * under a policy the team writes (`dependencies` in `layerguard.json`, with `allow` lists).
 */
export const DEFAULT_POLICY: Readonly<Record<LayerId, PolicyEntry>> = {
  controller: { forbid: ['repository', 'data-access'] },
  router: { forbid: ['repository', 'data-access'] },
  service: { forbid: ['controller', 'router', 'data-access'] },
  repository: { forbid: ['controller', 'router', 'service'] },
  middleware: { forbid: ['controller', 'router', 'data-access'] },
  model: { forbid: ['controller', 'router'] },
  dto: { forbid: ['controller', 'router', 'data-access'] },
  config: { forbid: ['controller', 'router'] },
  'data-access': { forbid: ['controller', 'router', 'service'] },
};

/** Policy entries, each with the source it came from; later sources replace earlier entries of the same layer. */
export function toLayerPolicy(...sources: readonly { readonly entries: Readonly<Record<LayerId, PolicyEntry>>; readonly source?: string }[]): LayerPolicy {
  const policy = new Map<LayerId, DependencyRule>();
  for (const { entries, source } of sources) {
    for (const [layer, entry] of Object.entries(entries)) {
      policy.set(layer, {
        ...(entry.allow ? { allow: new Set(entry.allow) } : {}),
        forbid: new Set(entry.forbid ?? []),
        ...(entry.includeTypeOnly ? { includeTypeOnly: true } : {}),
        ...(source ? { source } : {}),
      });
    }
  }
  return policy;
}

/** Same-layer dependencies inside a layer that has no allow-list are always fine. */
export function judge(policy: LayerPolicy, from: LayerId, to: LayerId): Verdict {
  const rule = policy.get(from);
  if (!rule) return { allowed: true };
  if (rule.forbid.has(to)) return { allowed: false, because: 'forbidden' };
  if (rule.allow && !rule.allow.has(to)) return { allowed: false, because: 'not-allowed' };
  return { allowed: true };
}
