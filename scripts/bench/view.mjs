// Benchmark of the architecture view (issue 17): on generated Nest backends of 1k, 5k and 20k
// files, how long `layerguard graph --format html` takes, how big the page is, and in headless
// Chromium (offline) how long until the drawing is interactive, the JS heap it holds, how long a
// redraw after a filter takes, and the frame times while the drawing is scrolled.
//
//   node scripts/bench/view.mjs [--sizes 1000,5000,20000] [--out <dir>] [--write]
//
// --write puts the table into bench/RESULTS.md (section "Architecture view"), replacing the
// previous one. Run it alone on the machine: the figures are wall times.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { GENERATOR_VERSION } from './generate.mjs';
import { frameQuantiles, generatedNest, recordFrameIntervals, writeResultsSection } from './view-shared.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SECTION = '## Architecture view';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,5000,20000' }, out: { type: 'string', default: path.join(os.tmpdir(), 'layerguard-bench-view') }, write: { type: 'boolean', default: false } } });
const sizes = values.sizes.split(',').map(Number);

function writeReport(dir) {
  const file = path.join(values.out, `${path.basename(dir)}.html`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--max-old-space-size=8000', path.join(REPO, 'dist', 'cli.js'), 'graph', dir, '--format', 'html', '--output', file, '--no-cache'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`graph --format html failed on ${dir}: ${run.stderr}`);
  return { file, seconds: (performance.now() - started) / 1000, bytes: fs.statSync(file).size };
}

/** Frame intervals while the drawing scrolls (requestAnimationFrame, recorded in the page). */
async function frameTimes(page) {
  const box = await page.locator('#graph').boundingBox();
  if (!box) return [];
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const frames = page.evaluate(recordFrameIntervals);
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 120);
  return frames;
}

async function measureView(file) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const started = performance.now();
    await page.goto(`file://${file}`, { waitUntil: 'commit', timeout: 600000 });
    await page.waitForSelector('#graph[data-ready]', { timeout: 600000 });
    const interactive = (performance.now() - started) / 1000;
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    const nodes = await page.locator('g.node').count();
    const edges = await page.locator('g.edge').count();
    const before = await page.getAttribute('#graph', 'data-ready');
    const redrawStarted = performance.now();
    await page.locator('nav input[id^="layer-"]').last().uncheck();
    await page.waitForSelector(`#graph:not([data-ready="${before}"])`, { timeout: 600000 });
    const redraw = (performance.now() - redrawStarted) / 1000;
    return { interactive, heapMb: heap / 1048576, nodes, edges, redraw, ...frameQuantiles(await frameTimes(page)) };
  } finally {
    await browser.close();
  }
}

const rows = [];
for (const files of sizes) {
  const dir = generatedNest(values.out, files);
  const report = writeReport(dir);
  const view = await measureView(report.file);
  rows.push({ files, ...report, ...view });
  console.error(`nest-${files}: ${JSON.stringify(rows.at(-1))}`);
}

const table = [
  SECTION,
  '',
  `Generated Nest backends (generator v${GENERATOR_VERSION}), \`node scripts/bench/view.mjs\` on ${os.cpus().length} cores, ${new Date().toISOString()}. The page is opened offline in headless Chromium (software rendering); time to interactive runs from navigation to the drawing being laid out (ELK) and clickable; the redraw follows unchecking a layer; frame times are requestAnimationFrame intervals while the drawing scrolls. Above 120 files the view groups files by folder within each layer (at most 120 groups).`,
  '',
  '| files | `graph --format html` (s) | page (MB) | drawn nodes / edges | time to interactive (s) | JS heap (MB) | redraw after a filter (s) | frame time median / p95 (ms) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.files} | ${r.seconds.toFixed(2)} | ${(r.bytes / 1048576).toFixed(1)} | ${r.nodes} / ${r.edges} | ${r.interactive.toFixed(2)} | ${r.heapMb.toFixed(0)} | ${r.redraw.toFixed(2)} | ${r.frameMedian.toFixed(1)} / ${r.frameP95.toFixed(1)} |`,
  ),
  '',
].join('\n');
console.log(table);
if (values.write) writeResultsSection(REPO, table);
