import type { SeveritySetting } from '../engine';

/** The `layerguard.*` settings of one workspace folder, coerced to safe values. */
export interface FolderSettings {
  readonly enable: boolean;
  /** Relative to the folder; empty means `layerguard.json` at its root. */
  readonly configPath: string;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
}

export const DEFAULT_SETTINGS: FolderSettings = { enable: true, configPath: '', rules: {} };

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

/**
 * Settings arrive as untyped JSON from any LSP client: keep what is valid, fall back to the
 * default for the rest, and say what was dropped.
 */
export function coerceSettings(raw: unknown, warn: (message: string) => void): FolderSettings {
  if (raw === null || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const value = raw as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  const rawRules = value['rules'];
  if (rawRules !== null && typeof rawRules === 'object') {
    for (const [id, severity] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[id] = severity as SeveritySetting;
      else warn(`layerguard.rules["${id}"]: expected "off", "info", "warning" or "error", got ${JSON.stringify(severity)}; ignored`);
    }
  }
  return {
    enable: typeof value['enable'] === 'boolean' ? value['enable'] : DEFAULT_SETTINGS.enable,
    configPath: typeof value['configPath'] === 'string' ? value['configPath'].trim() : DEFAULT_SETTINGS.configPath,
    rules,
  };
}
