import type { LayerId } from '../classify/layers';

export interface DependencyRule {
  /** When set, the only layers allowed as targets. */
  readonly allow?: ReadonlySet<LayerId>;
  readonly forbid: ReadonlySet<LayerId>;
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
export const DEFAULT_POLICY: Readonly<Record<LayerId, { allow?: readonly LayerId[]; forbid?: readonly LayerId[] }>> = {
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

export function toLayerPolicy(entries: Readonly<Record<LayerId, { allow?: readonly LayerId[]; forbid?: readonly LayerId[] }>>): LayerPolicy {
  const policy = new Map<LayerId, DependencyRule>();
  for (const [layer, entry] of Object.entries(entries)) {
    policy.set(layer, {
      ...(entry.allow ? { allow: new Set(entry.allow) } : {}),
      forbid: new Set(entry.forbid ?? []),
    });
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
