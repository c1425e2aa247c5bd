// Hostile-input fuzzing of the engine at scale (the unit test runs a few thousand of the same cases).
//
//   npm run fuzz [-- --runs 100000] [--seed 1] [--write]
//
// Mutated sources of the bundled examples (test/helpers/fuzz.ts: cut, doubled, spliced with tokens
// that open strings, comments and templates, NUL bytes, lone surrogates, nesting thousands deep,
// huge lines) are analyzed one overlay at a time in a warm session per example. Reports crashes
// (exceptions out of the engine), files neither analyzed nor named by a problem, files given up
// with a `lost` problem (a check fails on those), and cases slower than --hang-ms (10 s); then times
// the hostile inputs of issue 14 (scripts/robustness/reproductions.mjs). Exits 1 when any crash,
// dropped file or hang was seen. --write records the figures in bench/RESULTS.md.
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { timeReproductions } from './reproductions.mjs';
import { writeResultsBlock } from './results-block.mjs';

const require = createRequire(import.meta.url);
const { caseArbitrary, fuzzRunner } = require('../../out/test/helpers/fuzz.js');

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' }, 'hang-ms': { type: 'string', default: '10000' }, write: { type: 'boolean', default: false } },
});
const runs = Number(values.runs);
const hangMs = Number(values['hang-ms']);
const examples = ['nest-shop', 'express-api', 'clean-books'];
const started = Date.now();
const totals = { cases: 0, crashes: 0, dropped: 0, lost: 0, hangs: 0, slowestMs: 0, failures: [] };
for (const [i, example] of examples.entries()) {
  const { files, run, tally } = fuzzRunner(example);
  const share = Math.ceil(runs / examples.length);
  let last = 0;
  for (const c of fc.sample(caseArbitrary(files.length), { numRuns: share, seed: Number(values.seed) + i })) {
    const before = Date.now();
    run(c);
    if (Date.now() - before > hangMs) totals.hangs++;
    if (tally.cases - last >= 10_000) {
      last = tally.cases;
      console.error(`${example}: ${tally.cases} cases, ${tally.crashes} crashes, ${tally.dropped} dropped, ${tally.lost} given up`);
    }
  }
  totals.cases += tally.cases;
  totals.crashes += tally.crashes;
  totals.dropped += tally.dropped;
  totals.lost += tally.lost;
  totals.slowestMs = Math.max(totals.slowestMs, tally.slowestMs);
  totals.failures.push(...tally.failures.slice(0, 5));
}
const reproductions = timeReproductions();
const slowReproductions = reproductions.filter(([, ms]) => ms > hangMs);
const minutes = (Date.now() - started) / 60_000;
const summary = { ...totals, failures: totals.failures.slice(0, 10), reproductions: Object.fromEntries(reproductions), minutes: Math.round(minutes * 10) / 10 };
console.log(JSON.stringify(summary, null, 2));
if (values.write) {
  const file = writeResultsBlock(
    'fuzz',
    `## Hostile sources (fuzz)

\`npm run fuzz -- --runs ${runs} --seed ${values.seed} --write\`, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}: ${totals.cases.toLocaleString('en')} mutated sources of the three bundled examples in ${summary.minutes} min. **${totals.crashes} crashes, ${totals.dropped} files dropped in silence, ${totals.hangs} cases over ${hangMs / 1000} s** (slowest ${(totals.slowestMs / 1000).toFixed(1)} s). ${totals.lost.toLocaleString('en')} files were given up with a problem that fails a check (TypeScript's own parser overflows on nesting thousands deep).

The reproductions of issue 14, each analyzed once (ms): ${reproductions.map(([name, ms]) => `${name} ${ms}`).join('; ')}.`,
  );
  console.error(`written to ${file}`);
}
process.exit(totals.crashes + totals.dropped + totals.hangs + slowReproductions.length > 0 ? 1 : 0);
