// The language server under a long editing session: memory must not grow, edits must stay fast.
//
//   npm run soak [-- --edits 10000] [--every 500] [--write]
//
// Starts dist/server.js over stdio on a copy of examples/nest-shop, opens a service, and sends
// --edits full-text changes that cycle through what a developer types: an unused const, a new
// import, a function with a loop, a syntax error, and the original text. Each edit waits for the
// server to be ready again. The server's resident memory (VmRSS) is sampled every --every edits;
// growth is measured from the sample after the first 1,000 edits (caches warm) to the last.
// Exits 1 when growth is 10% or more. --write records the figures in bench/RESULTS.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, quantile } from '../bench/lsp-edit.mjs';
import { writeResultsBlock } from './results-block.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = 'src/orders/orders.service.ts';
const TIMEOUT_MS = 60_000;

const { values } = parseArgs({ options: { edits: { type: 'string', default: '10000' }, every: { type: 'string', default: '500' }, write: { type: 'boolean', default: false } } });
const edits = Number(values.edits);
const every = Number(values.every);

function variants(original) {
  return [
    (i) => `${original}\nconst soakEdit${i} = ${i};\n`,
    () => `import { OrdersRepository } from './orders.repository';\n${original}`,
    (i) =>
      `${original}\nexport async function soak${i}(ids: number[], repo: { findOne(id: number): Promise<unknown> }) {\n  const out = [];\n  for (const id of ids) out.push(await repo.findOne(id));\n  return out;\n}\n`,
    () => `${original}\nexport function broken( {\n`,
    () => original,
  ];
}

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-soak-'));
  fs.cpSync(path.join(REPO, 'examples/nest-shop'), root, { recursive: true });
  const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-soak-storage-'));
  const client = new Client(root, path.join(REPO, 'dist/server.js'), [], storagePath);
  try {
    const ready = client.waitFor('the initial analysis', (e) => e.kind === 'status' && e.state !== 'analyzing', TIMEOUT_MS);
    await client.initialize();
    await ready;
    const uri = client.uri(FILE);
    const original = fs.readFileSync(path.join(root, FILE), 'utf8');
    const opened = client.waitFor('the analysis after didOpen', (e) => e.kind === 'status' && e.state !== 'analyzing', TIMEOUT_MS);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: original } });
    await opened;
    const texts = variants(original);
    const latencies = [];
    const rss = [];
    const started = performance.now();
    for (let i = 1; i <= edits; i++) {
      const text = texts[i % texts.length](i);
      const sent = performance.now();
      const done = client.waitFor(`ready after edit ${i}`, (e) => e.kind === 'status' && e.state !== 'analyzing' && e.at >= sent, TIMEOUT_MS);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 1 }, contentChanges: [{ text }] });
      await done;
      latencies.push(performance.now() - sent);
      if (i % every === 0) {
        rss.push({ edit: i, mb: Math.round(client.rssMb() * 10) / 10 });
        if (i % (every * 4) === 0) console.error(`${i} edits, RSS ${rss.at(-1).mb} MB`);
      }
    }
    const baseline = rss.find((s) => s.edit >= 1000) ?? rss[0];
    const last = rss.at(-1);
    const growth = baseline && last ? (last.mb - baseline.mb) / baseline.mb : 0;
    const summary = {
      edits,
      minutes: Math.round(((performance.now() - started) / 60_000) * 10) / 10,
      editMedianMs: Math.round(quantile(latencies, 0.5)),
      editP95Ms: Math.round(quantile(latencies, 0.95)),
      rssAfter1000Mb: baseline?.mb,
      rssLastMb: last?.mb,
      rssGrowthPercent: Math.round(growth * 1000) / 10,
      series: rss,
    };
    console.log(JSON.stringify(summary));
    if (values.write) {
      const series = rss.map((s) => `${s.edit}: ${s.mb}`).join(', ');
      const file = writeResultsBlock(
        'soak',
        `## Long editing session (soak)

\`npm run soak -- --edits ${edits} --write\`, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}: ${edits.toLocaleString('en')} edits of \`${FILE}\` in examples/nest-shop over stdio (an unused const, an import, a function with a loop, a syntax error, the original text, in turn), each waiting for the server to be ready, in ${summary.minutes} min. Edit → ready median ${summary.editMedianMs} ms, p95 ${summary.editP95Ms} ms. **Resident memory ${summary.rssAfter1000Mb} MB after 1,000 edits, ${summary.rssLastMb} MB after ${edits.toLocaleString('en')}: ${summary.rssGrowthPercent}% growth.** RSS (MB) by edit: ${series}.`,
      );
      console.error(`written to ${file}`);
    }
    process.exitCode = growth >= 0.1 ? 1 : 0;
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(storagePath, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
