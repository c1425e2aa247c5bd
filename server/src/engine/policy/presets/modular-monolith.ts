import type { Preset } from './preset';

/** Where feature modules live when the configuration does not say. */
export const DEFAULT_MODULE_FOLDERS: readonly string[] = ['**/modules/*'];

/**
 * Feature modules inside one deployable: each talks to the others only through their public API,
 * and no two depend on each other in a cycle. Inside a module, the layered policy holds.
 */
export const MODULAR_MONOLITH: Preset = {
  name: 'modular-monolith',
  summary: 'Feature modules in one deployable: a module uses another only through its public API (index, Nest module exports), and modules depend on each other without cycles.',
  layers: [],
  dependencies: {},
  contracts: (modules) => {
    const folders = modules && modules.length > 0 ? [...modules] : [...DEFAULT_MODULE_FOLDERS];
    return [
      { type: 'public-api', name: 'modules talk through their public API', modules: folders },
      { type: 'acyclic', name: 'no cycles between modules', modules: folders },
    ];
  },
  injectedPortsByType: false,
};
