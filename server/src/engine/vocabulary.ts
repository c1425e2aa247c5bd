/**
 * Names the command line checks before it loads the analysis: a leaf module (no import), so that
 * `dist/cli.js`, which answers a warm start from the cache, does not carry the engine.
 */

/** The presets `layerguard.json` and `init --preset` name. */
export const PRESET_NAMES = ['layered', 'hexagonal', 'clean', 'modular-monolith', 'cqrs'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** How the architecture view groups files. `auto`: files one by one up to `maxNodes`, then by folder. */
export type ViewGrouping = 'auto' | 'files' | 'folders' | 'modules';
export const VIEW_GROUPINGS: readonly ViewGrouping[] = ['auto', 'files', 'folders', 'modules'];
