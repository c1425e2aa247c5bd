// Start-up benchmark (issue 18): how long after the extension activates its first diagnostics
// arrive, from the client's point of view, on a generated Nest backend in VS Code (code-server
// 1.100.3, the packaged extension, Chromium). First on a fresh profile (the whole analysis), then
// after restarting the editor with the same profile, where the results saved by the last session
// are shown while the fresh analysis runs. The client logs the time itself
// ("first diagnostics N ms after activation", in its output channel's log).
//
//   node scripts/bench/activation.mjs [--files 1000] [--restarts 3] [--out <dir>] [--write]
//
// Needs what the e2e needs: `bash scripts/e2e/setup.sh`, `npm run compile-tests` and
// layerguard.vsix (`npm run package`). --write puts the table into bench/RESULTS.md (section
// "Start-up in VS Code"). Run it alone: the figures are wall times.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GENERATOR_VERSION } from './generate.mjs';
import { generatedNest, writeResultsSection } from './view-shared.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const SECTION = '## Start-up in VS Code';
const VSIX = path.join(REPO, 'layerguard.vsix');
const TIMING = /first diagnostics (\d+) ms after activation/g;
/** Longer than the server waits before saving results for the next start (PERSIST_DELAY_MS), with the hashing. */
const SAVE_WAIT_MS = 10000;

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000' },
    restarts: { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(os.tmpdir(), 'layerguard-bench-activation') },
    write: { type: 'boolean', default: false },
  },
});

for (const [file, how] of [
  [VSIX, 'run `npm run package`'],
  [path.join(REPO, 'out', 'test', 'e2e', 'code-server.js'), 'run `npm run compile-tests`'],
]) {
  if (!fs.existsSync(file)) {
    console.error(`activation: ${path.relative(REPO, file)} is missing: ${how}`);
    process.exit(2);
  }
}
const { CodeServer } = require(path.join(REPO, 'out', 'test', 'e2e', 'code-server.js'));
const { Workbench } = require(path.join(REPO, 'out', 'test', 'e2e', 'workbench.js'));

/** Opens the workbench and waits for the client to log its first diagnostics of this window; returns the milliseconds it logged. */
async function firstDiagnostics(server, seen) {
  const workbench = await Workbench.open(server.url);
  try {
    const deadline = Date.now() + 600000;
    while (Date.now() < deadline) {
      const timings = [...server.extensionLog('Layerguard').matchAll(TIMING)].map((m) => Number(m[1]));
      if (timings.length > seen) return timings[timings.length - 1];
      await workbench.page.waitForTimeout(250);
    }
    throw new Error('no diagnostics within 10 minutes');
  } finally {
    // Let the server save this session's results, as a user's editor would before being closed.
    await workbench.page.waitForTimeout(SAVE_WAIT_MS);
    await workbench.close();
  }
}

const files = Number(values.files);
const dir = generatedNest(values.out, files);
const server = await CodeServer.create(dir);
const measured = [];
try {
  server.installExtension(VSIX);
  await server.start();
  measured.push(await firstDiagnostics(server, 0));
  console.error(`fresh profile: ${measured[0]} ms`);
  for (let i = 0; i < Number(values.restarts); i++) {
    await server.restart();
    measured.push(await firstDiagnostics(server, measured.length));
    console.error(`restart ${i + 1}: ${measured[measured.length - 1]} ms`);
  }
} finally {
  server.stop();
}

const [fresh, ...restarts] = measured;
const sorted = [...restarts].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const table = [
  SECTION,
  '',
  `A generated Nest backend of ${files} files (generator v${GENERATOR_VERSION}), \`node scripts/bench/activation.mjs\` on ${os.cpus().length} cores, ${new Date().toISOString()}: the packaged extension in code-server 1.100.3, driven in headless Chromium. The client logs how long after its activation the first diagnostics arrive. Fresh profile: nothing saved, the whole analysis runs first. Restart: the editor reopened with the same profile, where the last session's results are saved (shown while the fresh analysis runs).`,
  '',
  '| files | fresh profile (ms) | restart, median of ' + restarts.length + ' (ms) | restarts (ms) |',
  '|---:|---:|---:|---|',
  `| ${files} | ${fresh} | ${median ?? '–'} | ${restarts.join(', ')} |`,
  '',
].join('\n');
console.log(table);
if (values.write) writeResultsSection(REPO, table);
