import type { LayerId } from '../classify/layers';

export interface DependencyRule {
  /** When set, the only layers allowed as targets. */
  readonly allow?: ReadonlySet<LayerId>;
  readonly forbid: ReadonlySet<LayerId>;
}

export type LayerPolicy = ReadonlyMap<LayerId, DependencyRule>;

export type Verdict = { readonly allowed: true } | { readonly allowed: false; readonly because: 'not-allowed' | 'forbidden' };

/**
 * The default policy: controllers talk to services, services to repositories, repositories to the
 * database. Layers without an entry may depend on anything; composition roots and modules wire
 * everything.
 */
export const DEFAULT_POLICY: Readonly<Record<LayerId, { allow?: readonly LayerId[]; forbid?: readonly LayerId[] }>> = {
  controller: { allow: ['service', 'dto', 'model', 'middleware', 'config'] },
  router: { allow: ['router', 'controller', 'service', 'dto', 'model', 'middleware', 'config'] },
  // Middleware is allowed: services use helpers that live beside guards (`verifyToken` in
  // `auth.middleware.ts`) too often for the edge alone to mean a mixed concern.
  service: { allow: ['service', 'repository', 'model', 'dto', 'config', 'middleware'] },
  repository: { allow: ['repository', 'model', 'data-access', 'config'] },
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
