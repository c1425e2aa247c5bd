// Writes the per-rule severity settings of package.json from the rule registry (compiled in out/).
// The consistency test fails until this has been run after adding or changing a rule.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { RULES } = require('../out/server/src/engine/index.js');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const rules = pkg.contributes.configuration.properties['layerguard.rules'];
rules.properties = Object.fromEntries(RULES.map((r) => [r.meta.id, { enum: ['off', 'info', 'warning', 'error'], default: r.meta.defaultSeverity, description: r.meta.description }]));
writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`package.json: ${RULES.length} rule settings`);
