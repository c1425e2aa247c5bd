// Benchmark of the architecture view inside VS Code (issue 17): on generated Nest backends, the
// packaged extension in code-server 1.100.3, driven in Debian's Chromium: how long the first
// analysis takes from the window opening, how long from "Open Architecture View" until the drawing
// in the webview is interactive, how long the server takes to draw it again grouped by Nest module,
// and the frame times inside the webview while the drawing scrolls.
//
//   node scripts/bench/view-editor.mjs [--sizes 1000,5000] [--out <dir>] [--write]
//
// Needs what the e2e needs: `bash scripts/e2e/setup.sh`, the compiled tests (`npm run
// compile-tests`) and layerguard.vsix (`npm run package`). --write puts the table into
// bench/RESULTS.md (section "Architecture view in VS Code"). Run it alone: the figures are wall times.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { GENERATOR_VERSION } from './generate.mjs';
import { frameQuantiles, generatedNest, recordFrameIntervals, writeResultsSection } from './view-shared.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const SECTION = '## Architecture view in VS Code';
const VSIX = path.join(REPO, 'layerguard.vsix');

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '1000,5000' }, out: { type: 'string', default: path.join(os.tmpdir(), 'layerguard-bench-view-editor') }, write: { type: 'boolean', default: false } },
});
const sizes = values.sizes.split(',').map(Number);

function need(file, how) {
  if (!fs.existsSync(file)) {
    console.error(`view-editor: ${path.relative(REPO, file)} is missing: ${how}`);
    process.exit(2);
  }
}
need(VSIX, 'run `npm run package`');
need(path.join(REPO, 'out', 'test', 'e2e', 'code-server.js'), 'run `npm run compile-tests`');
const { CodeServer } = require(path.join(REPO, 'out', 'test', 'e2e', 'code-server.js'));
const { Workbench } = require(path.join(REPO, 'out', 'test', 'e2e', 'workbench.js'));

/** Waits until the status bar item shows the analysis' count (`Layerguard: 12`). */
async function analysisReady(workbench, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await workbench.statusBarTexts()).some((t) => /Layerguard: \d+/.test(t))) return;
    await workbench.page.waitForTimeout(250);
  }
  throw new Error('the analysis did not finish in time');
}

/** requestAnimationFrame intervals inside the webview while the wheel scrolls its drawing. */
async function frameTimes(workbench, view) {
  const graph = view.locator('#graph');
  const frames = graph.evaluate(recordFrameIntervals);
  await graph.hover();
  for (let i = 0; i < 20; i++) await workbench.page.mouse.wheel(0, 120);
  return frames;
}

async function measure(dir) {
  const server = await CodeServer.create(dir);
  server.installExtension(VSIX);
  await server.start();
  const opened = performance.now();
  const workbench = await Workbench.open(server.url);
  try {
    await analysisReady(workbench, 600000);
    const analysis = (performance.now() - opened) / 1000;
    const started = performance.now();
    await workbench.runCommand('Layerguard: Open Architecture View');
    const view = workbench.webview();
    await view.locator('#graph[data-ready]').waitFor({ timeout: 600000 });
    const interactive = (performance.now() - started) / 1000;
    const nodes = await view.locator('g.node').count();
    const before = await view.locator('#graph').getAttribute('data-ready');
    const regroupStarted = performance.now();
    await view.locator('#group-by').selectOption('modules');
    await view.locator(`#graph[data-ready]:not([data-ready="${before}"])`).waitFor({ timeout: 600000 });
    const regroup = (performance.now() - regroupStarted) / 1000;
    const modules = await view.locator('g.node.module').count();
    const frames = frameQuantiles(await frameTimes(workbench, view));
    const rssMb = server.serverPids().reduce((sum, pid) => sum + residentMb(pid), 0);
    return { analysis, interactive, nodes, regroup, modules, ...frames, rssMb };
  } finally {
    await workbench.close();
    server.stop();
  }
}

/** The language server's resident memory, from /proc. */
function residentMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

const rows = [];
for (const files of sizes) {
  const row = { files, ...(await measure(generatedNest(values.out, files))) };
  rows.push(row);
  console.error(`nest-${files}: ${JSON.stringify(row)}`);
}

const table = [
  SECTION,
  '',
  `Generated Nest backends (generator v${GENERATOR_VERSION}), \`node scripts/bench/view-editor.mjs\` on ${os.cpus().length} cores, ${new Date().toISOString()}: the packaged extension in code-server 1.100.3, driven in headless Chromium (software rendering). First analysis: from the window opening to the status bar's count. Time to interactive: from Open Architecture View to the drawing laid out and clickable in the webview. Grouped by Nest module: from choosing Group → modules to the new drawing (the server draws the view again). Frame times: requestAnimationFrame intervals inside the webview while its drawing scrolls. Server memory: the language server's resident set after all of it.`,
  '',
  '| files | first analysis (s) | time to interactive (s) | drawn nodes | grouped by Nest module (s) | module nodes | frame time median / p95 (ms) | server memory (MB) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.files} | ${r.analysis.toFixed(1)} | ${r.interactive.toFixed(2)} | ${r.nodes} | ${r.regroup.toFixed(2)} | ${r.modules} | ${r.frameMedian.toFixed(1)} / ${r.frameP95.toFixed(1)} | ${r.rssMb.toFixed(0)} |`,
  ),
  '',
].join('\n');
console.log(table);
if (values.write) writeResultsSection(REPO, table);
