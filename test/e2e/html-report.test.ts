import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyzeWorkspace, BASELINE_FILE_NAME, toBaseline, type ArchitectureView } from '../../server/src/engine';

const REPO = path.resolve(__dirname, '..', '..', '..');
const RESULTS = path.join(REPO, 'test-results');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * `layerguard graph --format html` on the bundled Nest example, opened in headless Chromium with
 * every request that is not the file itself refused: the report must draw from what it carries.
 */
describe('the HTML architecture report in Chromium, offline', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-report-'));
  const report = path.join(dir, 'architecture.html');
  let browser: Browser | undefined;
  let page: Page;
  let view: ArchitectureView;
  const refused: string[] = [];
  const errors: string[] = [];

  const shop = path.join(dir, 'nest-shop');

  before(async () => {
    // The example, with one finding in its baseline: hidden until the viewer is asked to show it.
    fs.cpSync(path.join(REPO, 'examples', 'nest-shop'), shop, { recursive: true });
    const known = analyzeWorkspace({ root: shop, useBaseline: false }).findings.filter((f) => f.file.endsWith('products.controller.ts') && f.ruleId === 'layering/forbidden-dependency');
    assert.equal(known.length, 1);
    fs.writeFileSync(path.join(shop, BASELINE_FILE_NAME), JSON.stringify(toBaseline(known, shop, (file) => fs.readFileSync(file, 'utf8'))));
    const run = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'graph', shop, '--format', 'html', '--output', report, '--no-cache'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const data = /<script type="application\/json" id="layerguard-view">([\s\S]*?)<\/script>/.exec(fs.readFileSync(report, 'utf8'))?.[1];
    view = JSON.parse(data ?? 'null') as ArchitectureView;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
    await context.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : (refused.push(route.request().url()), route.abort())));
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`file://${report}`);
    await page.waitForSelector('#graph[data-ready]', { timeout: 60000 });
  });

  after(async () => {
    if (page) {
      fs.mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS, 'html-report.png'), fullPage: true }).catch(() => undefined);
    }
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('draws every file in lanes, controllers above services above repositories, without asking the network for anything', async () => {
    assert.equal(await page.locator('g.node').count(), view.nodes.length);
    const lanes = await page.$$eval('g.lane', (groups) => groups.map((g) => ({ layer: g.getAttribute('data-lane'), top: Number(g.querySelector('rect')?.getAttribute('y')) })));
    const top = (layer: string) => lanes.find((l) => l.layer === layer)?.top ?? Number.NaN;
    assert.ok(top('controller') < top('service') && top('service') < top('repository'), JSON.stringify(lanes));
    assert.deepEqual(refused, []);
    assert.deepEqual(errors, []);
  });

  it('draws the forbidden dependencies red, and a click on one says where it is written: the constructor parameter', async () => {
    const forbidden = view.edges.filter((e) => e.rules.some((r) => r !== 'layering/cycle'));
    assert.ok(forbidden.length > 0);
    assert.equal(await page.locator('g.edge.forbidden').count(), forbidden.length);
    const injected = forbidden.find((e) => e.kinds.includes('di'));
    assert.ok(injected, JSON.stringify(forbidden));
    await page.locator(`g.edge.forbidden[data-from="${injected.from}"][data-to="${injected.to}"] path.hit`).dispatchEvent('click');
    const details = await page.locator('#details').innerText();
    assert.ok(details.includes(`${injected.file}:${injected.line}:${injected.character + 1}`), details);
    assert.ok(details.includes('layering/forbidden-dependency'), details);
    const line = fs.readFileSync(path.join(shop, injected.file), 'utf8').split('\n')[injected.line - 1] ?? '';
    assert.match(line.slice(injected.character), /^(?:@InjectRepository|private|readonly|public|protected)/, line);
  });

  it('marks the import suggested to break the service cycle', async () => {
    const cycle = view.edges.filter((e) => e.rules.includes('layering/cycle'));
    assert.deepEqual(
      cycle.map((e) => `${e.from} → ${e.to}`),
      ['src/users/users.service.ts → src/orders/orders.service.ts'],
    );
    assert.equal(await page.locator('g.edge.cycle[data-from="src/users/users.service.ts"][data-to="src/orders/orders.service.ts"]').count(), 1);
  });

  it('hides the baselined finding, and shows it, marked, when asked', async () => {
    const edge = 'g.edge[data-from="src/products/products.controller.ts"][data-to="src/products/repositories/products.repository.ts"]';
    assert.equal(await page.locator(edge).count(), 1);
    assert.equal(await page.locator(`${edge}.forbidden`).count(), 0, 'baselined: not drawn as reported');
    await page.check('#show-baselined');
    await until(async () => (await page.locator(`${edge}.forbidden.baselined`).count()) === 1);
    await page.uncheck('#show-baselined');
    await until(async () => (await page.locator(`${edge}.forbidden`).count()) === 0);
  });

  it('searches, focuses a file on its neighbours, filters a layer out, and shows all again', async () => {
    await page.fill('#search', 'orders');
    assert.ok((await page.locator('g.node.match').count()) > 0);
    assert.ok((await page.locator('g.node.dim').count()) > 0);
    await page.fill('#search', '');
    const all = await page.locator('g.node').count();
    const ready = await page.getAttribute('#graph', 'data-ready');
    await page.locator('g.node[data-node="src/users/users.service.ts"]').click();
    await page.waitForSelector(`#graph:not([data-ready="${ready}"])`);
    const focused = await page.locator('g.node').count();
    assert.ok(focused > 1 && focused < all, `${focused} of ${all}`);
    assert.match(await page.locator('#details').innerText(), /Who depends on this/);
    await page.click('#show-all');
    await until(async () => (await page.locator('g.node').count()) === all);
    await page.uncheck('#layer-dto');
    await until(async () => (await page.locator('g.node[data-layer="dto"]').count()) === 0);
    assert.ok((await page.locator('g.node').count()) < all);
  });
});

/** Polls with a deadline (the page's policy forbids evaluating strings, so no waitForFunction). */
async function until(condition: () => Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the page did not reach the expected state in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
