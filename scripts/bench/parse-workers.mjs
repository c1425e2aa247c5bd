// Would worker threads speed up a cold analysis? Parses every source file of <dir> and extracts
// its facts, on the main thread and then split over N worker threads, and reports both times plus
// what it costs to bring the facts back (structured clone). Syntax trees cannot cross threads, so
// the rules (which walk the trees) would still need the main thread to parse every file again.
//
//   npm run compile-tests && node scripts/bench/parse-workers.mjs <dir> [--workers 2]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { extractFactsFrom, parseSource } = require(path.join(REPO, 'out/server/src/engine/facts/extract.js'));

function parseAll(files) {
  const facts = [];
  for (const file of files) facts.push(extractFactsFrom(parseSource(file, fs.readFileSync(file, 'utf8'))));
  return facts;
}

if (!isMainThread) {
  const started = performance.now();
  const facts = parseAll(workerData.files);
  parentPort.postMessage({ facts, ms: performance.now() - started });
} else {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string', default: String(Math.min(2, os.availableParallelism())) } } });
  const root = path.resolve(positionals[0] ?? '.');
  const files = [];
  const pending = [root];
  for (let dir = pending.pop(); dir; dir = pending.pop()) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (/\.[cm]?[jt]sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
    }
  }
  parseAll(files.slice(0, 50)); // warm the parser up
  let started = performance.now();
  parseAll(files);
  const mainMs = performance.now() - started;

  const count = Number(values.workers);
  started = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { files: files.filter((_, j) => j % count === i) } });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
    ),
  );
  const workersMs = performance.now() - started;
  console.log(JSON.stringify({ files: files.length, workers: count, mainThreadMs: Math.round(mainMs), workersMs: Math.round(workersMs), slowestWorkerParseMs: Math.round(Math.max(...results.map((r) => r.ms))), speedup: +(mainMs / workersMs).toFixed(2) }));
}
