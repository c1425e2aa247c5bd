import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProposedCandidate } from './propose';

/** The schema as the npm package installs it, relative to the folder of `layerguard.json`. */
export const INSTALLED_SCHEMA = './node_modules/layerguard/schemas/layerguard.schema.json';

/** Where the docs of each preset live, relative to the package. */
const PRESET_DOCS = 'docs/presets';

/**
 * The `layerguard.json` that `init` writes: JSON with comments that say what was chosen and why,
 * so that a reader of the file later knows what the preset means and what else it can hold.
 */
/** Whether the folder has the npm package installed, whose schema `$schema` can then name. */
export function schemaInstalledIn(root: string): boolean {
  return fs.existsSync(path.join(root, INSTALLED_SCHEMA));
}

export function configFileText(candidate: ProposedCandidate, date: string, schemaInstalled: boolean): string {
  const presets = candidate.presets.join(' + ');
  const lines = [
    `// Layerguard configuration (JSON with comments), written by \`layerguard init\` on ${date}.`,
    `// Architecture: ${presets} (fit ${candidate.fit.toFixed(2)}), because:`,
    ...candidate.reasons.map((reason) => `//   - ${reason}`),
    ...(candidate.preview ? [`// With it, the layering rules report ${candidate.preview.findings} finding(s) in ${candidate.preview.files} file(s) today.`] : []),
    `// What each preset checks: ${candidate.presets.map((p) => `${PRESET_DOCS}/${p}.md`).join(', ')}.`,
    '{',
    // A `$schema` that does not resolve is an error in editors: VS Code's extension brings the
    // schema itself, and the npm package's copy is named only when it is installed.
    schemaInstalled ? `  "$schema": "${INSTALLED_SCHEMA}",` : `  // With the npm package installed, other editors validate this file against "${INSTALLED_SCHEMA}" (as "$schema").`,
    '  // The architecture the code follows: layered, hexagonal, clean, modular-monolith, cqrs (several compose).',
    `  "preset": ${JSON.stringify(candidate.config.preset)},`,
  ];
  if (candidate.config.modules) {
    lines.push('  // Feature modules, one folder each: other modules may use only their public API, with no cycles between them.');
    lines.push(`  "modules": ${JSON.stringify(candidate.config.modules)},`);
  }
  lines.push(
    '  // More rules of your own: layers, independence, forbidden, public-api, acyclic, read-only (docs/rules/layering/contract.md).',
    '  "contracts": [],',
    '  // Severity ("off", "info", "warning", "error") and options per rule id.',
    '  "rules": {}',
    '}',
    '',
  );
  return lines.join('\n');
}
