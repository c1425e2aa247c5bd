// Measures Layerguard on the corpus: `npm run corpus -- <checkouts dir> [options]`
//   --split dev|test|all   which half (default all; each half is reported on its own)
//   --tested-in test-vN    only the repositories of that past test measurement (now in the dev half)
//   --only id,id           only these repositories
//   --reuse                read the last run's results from <checkouts dir>/.results/ (no analysis)
//   --sample N             findings to label per rule and half, chosen with a fixed seed (default 30);
//                          every error-severity finding is always in the sample
//   --seed S               the sampling seed (default "layerguard")
//   --todo FILE            write the sampled findings that have no label yet as JSON lines, with
//                          the code around them, for labelling
//   --markdown FILE        also write the tables as Markdown
//   --manifest FILE, --labels FILE   another manifest or label file (default: bench/corpus/)
// Checkouts come from scripts/corpus/checkout.mjs. Labels are bench/corpus/labels.jsonl: one
// judged finding a line, {repo, file, line, rule, verdict: true|false|debatable|miss, reason};
// `miss` records a real problem the rule should report (for recall). A finding matches a label
// with the same repo, file (relative to the analyzed folder), line and rule.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, loadManifest, parseCorpusArgs } from './manifest.mjs';
import { loadLabels, labelKey } from './labels.mjs';
import { markdownTables, textTables } from './tables.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

const args = parseCorpusArgs(process.argv.slice(2), { reuse: 'boolean', sample: 'string', seed: 'string', todo: 'string', markdown: 'string', manifest: 'string', labels: 'string' });
const sampleSize = Number(args.sample ?? 30);
const seed = args.seed ?? 'layerguard';
const manifest = loadManifest(args.manifest ? path.resolve(args.manifest) : undefined);
const labels = loadLabels(args.labels ? path.resolve(args.labels) : path.join(CORPUS_DIR, 'labels.jsonl'));
const resultsDir = path.join(args.dir, '.results');
fs.mkdirSync(resultsDir, { recursive: true });

if (!args.reuse && !fs.existsSync(CLI)) {
  console.error('corpus: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}

const runs = [];
for (const repo of manifest.select(args)) {
  const run = args.reuse ? readRun(repo) : analyze(repo);
  runs.push(run);
  console.error(`${repo.id} (${repo.split}): ${run.summary.files} files, ${run.findings.length} findings, exit ${run.exitCode}, ${(run.ms / 1000).toFixed(1)} s`);
}

const findings = runs.flatMap((run) => run.findings.map((f) => ({ ...f, repo: run.repo.id, split: run.repo.split })));
const sampled = sample(findings);
const report = { runs, findings, sampled, labels };
console.log(textTables(report, manifest));
if (args.markdown) fs.writeFileSync(args.markdown, markdownTables(report, manifest));
const todo = sampled.filter((f) => !labels.byKey.has(labelKey(f)));
if (args.todo) {
  fs.writeFileSync(args.todo, todo.map((f) => JSON.stringify({ ...pick(f), code: codeAround(f) })).join('\n') + (todo.length ? '\n' : ''));
  console.log(`\n${todo.length} sampled findings without a label written to ${args.todo}`);
} else if (todo.length > 0) {
  console.log(`\nSampled findings without a label (${todo.length}):`);
  for (const f of todo) console.log(`  ${f.split} ${f.repo} ${f.file}:${f.line} ${f.ruleId} [${f.severity}] ${f.message.slice(0, 140)}`);
}

function analyze(repo) {
  const dir = analyzedDir(repo);
  if (!fs.existsSync(dir)) {
    console.error(`corpus: ${dir} is missing; run scripts/corpus/checkout.mjs ${args.dir} first`);
    process.exit(2);
  }
  const started = Date.now();
  const child = spawnSync(process.execPath, [CLI, 'check', dir, '--format', 'json', '--no-cache'], { maxBuffer: 2 ** 30, encoding: 'utf8' });
  const ms = Date.now() - started;
  if (child.status !== 0 && child.status !== 1) {
    console.error(`corpus: layerguard exited ${child.status ?? child.signal} on ${repo.id}:\n${child.stderr}`);
    process.exit(2);
  }
  const output = JSON.parse(child.stdout);
  const run = { repo, exitCode: child.status, ms, summary: output.summary, problems: output.problems, findings: output.findings };
  fs.writeFileSync(path.join(resultsDir, `${repo.id}.json`), JSON.stringify(run));
  return run;
}

function readRun(repo) {
  const file = path.join(resultsDir, `${repo.id}.json`);
  if (!fs.existsSync(file)) {
    console.error(`corpus: no saved results for ${repo.id} (${file}); run without --reuse`);
    process.exit(2);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function analyzedDir(repo) {
  return path.join(args.dir, repo.id, repo.path);
}

/** Every error, plus `sampleSize` findings per rule and half in the seeded order. */
function sample(all) {
  const order = (f) =>
    createHash('sha1')
      .update(`${seed}|${labelKey(f)}|${f.column}`)
      .digest('hex');
  const chosen = new Set(all.filter((f) => f.severity === 'error'));
  const groups = new Map();
  for (const f of all) {
    const key = `${f.split}|${f.ruleId}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const group of groups.values()) {
    for (const f of [...group].sort((a, b) => order(a).localeCompare(order(b))).slice(0, sampleSize)) chosen.add(f);
  }
  return all.filter((f) => chosen.has(f));
}

function pick(f) {
  return { repo: f.repo, split: f.split, file: f.file, line: f.line, column: f.column, rule: f.ruleId, severity: f.severity, message: f.message, related: f.related };
}

function codeAround(f) {
  const repo = manifest.repos.find((r) => r.id === f.repo);
  try {
    const lines = fs.readFileSync(path.join(analyzedDir(repo), f.file), 'utf8').split('\n');
    const from = Math.max(0, f.line - 6);
    return lines
      .slice(from, f.line + 5)
      .map((text, i) => `${from + i + 1 === f.line ? '>' : ' '}${String(from + i + 1).padStart(5)} ${text}`)
      .join('\n');
  } catch (error) {
    return `(could not read: ${error instanceof Error ? error.message : String(error)})`;
  }
}
