// Benchmark runner: Layerguard against the floor and dependency-cruiser, on generated backends or
// on any directory.
//
//   node scripts/bench/run.mjs                      nest + express at 1k and 5k files, nest at 20k
//   node scripts/bench/run.mjs --quick              nest + express at 1k only
//   node scripts/bench/run.mjs --sizes 1000,5000    both styles at these sizes (--styles nest,express)
//   node scripts/bench/run.mjs <dir> [--write]      an existing directory instead
//   node scripts/bench/run.mjs --from <results.json> [--write]   re-render a saved run
//   node scripts/bench/run.mjs --resume             keep the targets <out>/last-results.json has
//                                                   (same build, same options), run the others
//   options: --reps 3  --lsp-reps 1  --dc-reps <reps>  --edits 100  --edit-budget 120 (s of edits)
//            --timeout 600 (s; a step running longer is killed and reported as timed out)
//            --repeat-budget 180 (s; a step whose run took longer is not repeated)
//            --steps floor,cold,warm,lsp,depcruise,depcruise-ts   --out <dir for generated trees>
//
// Every step runs as its own child process; wall time and peak RSS come from /usr/bin/time when
// present, else from a preloaded hook (rss-hook.cjs). Medians over the repetitions are reported.
// dist/ is copied aside first and the copy is measured, so a rebuild meanwhile cannot mix builds.
// Raw results are saved after every target in <out>/last-results.json (and bench/RESULTS.json
// with the report); on SIGINT/SIGTERM the partial report is printed.
// The markdown report goes to stdout, and to bench/RESULTS.md for the default generated set (or
// with --write).
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate, GENERATOR_VERSION, MANIFEST } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const DIST = path.join(REPO, 'dist');
// Set by snapshotDist(): the copies that are measured.
let CLI = path.join(DIST, 'cli.js');
let SERVER = path.join(DIST, 'server.js');
const FLOOR = path.join(HERE, 'floor.mjs');
const LSP_EDIT = path.join(HERE, 'lsp-edit.mjs');
const RSS_HOOK = path.join(HERE, 'rss-hook.cjs');
const DEPCRUISE = path.join(REPO, 'node_modules/.bin/depcruise');
const RESULTS = path.join(REPO, 'bench/RESULTS.md');
// What follows this line in RESULTS.md is hand-written and survives a rewrite by this script.
const NOTES_MARKER = '<!-- Notes below this line are kept when scripts/bench/run.mjs rewrites this file. -->';
const TIME = '/usr/bin/time';
// wall s, peak RSS KB, user CPU s, system CPU s (rss-hook.cjs writes the same line)
const TIME_FORMAT = '%e %M %U %S';

const DEFAULT_TARGETS = [
  ['nest', 1000],
  ['express', 1000],
  ['nest', 5000],
  ['express', 5000],
  ['nest', 20000],
];
const ALL_STEPS = ['floor', 'cold', 'warm', 'lsp', 'depcruise', 'depcruise-ts'];

const STEP_LABELS = {
  floor: 'floor (parse + resolve)',
  cold: 'Layerguard CLI cold',
  warm: 'Layerguard CLI warm',
  'lsp-initial': 'LSP initial analysis',
  'lsp-edit': 'LSP edit → diagnostics',
  depcruise: 'dependency-cruiser',
  'depcruise-ts': 'dependency-cruiser --ts-pre-compilation-deps',
};

// Targets from PERFORMANCE-NOTES / the brief.
const GOALS = {
  coldVsFloor: 1.5,
  depcruiseVsCold: 5,
  warmVsCold: 0.3,
  rssVsFloor: 2,
  editMs: { 1000: 50, 5000: 100 },
};

// ---------------------------------------------------------------------------------------------
// Command line

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      sizes: { type: 'string' },
      styles: { type: 'string', default: 'nest,express' },
      reps: { type: 'string', default: '3' },
      'lsp-reps': { type: 'string', default: '1' },
      'dc-reps': { type: 'string' },
      edits: { type: 'string', default: '100' },
      'edit-budget': { type: 'string', default: '120' },
      timeout: { type: 'string', default: '600' },
      'repeat-budget': { type: 'string', default: '180' },
      steps: { type: 'string', default: ALL_STEPS.join(',') },
      out: { type: 'string', default: path.join(os.tmpdir(), 'layerguard-bench') },
      quick: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      from: { type: 'string' },
      resume: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    // The usage is the header comment of this file.
    const source = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
    console.log(source.slice(0, source.findIndex((line) => line.startsWith('import'))).join('\n'));
    process.exit(0);
  }
  const steps = values.steps.split(',');
  for (const step of steps) if (!ALL_STEPS.includes(step)) throw new Error(`unknown step ${step}; known: ${ALL_STEPS.join(', ')}`);
  const reps = Number(values.reps);
  const defaultSet = positionals.length === 0 && !values.from && !values.sizes && !values.quick && values.styles === 'nest,express';
  return {
    dir: positionals[0] ? path.resolve(positionals[0]) : undefined,
    targets: targetList(values),
    reps,
    lspReps: Number(values['lsp-reps']),
    dcReps: values['dc-reps'] ? Number(values['dc-reps']) : reps,
    edits: Number(values.edits),
    editBudgetMs: Number(values['edit-budget']) * 1000,
    timeoutMs: Number(values.timeout) * 1000,
    repeatBudgetMs: Number(values['repeat-budget']) * 1000,
    steps,
    out: path.resolve(values.out),
    write: values.write || (defaultSet && steps.length === ALL_STEPS.length),
    defaultSet,
    argv: process.argv.slice(2).join(' '),
    from: values.from ? path.resolve(values.from) : undefined,
    resume: values.resume,
  };
}

function targetList(values) {
  const styles = values.styles.split(',');
  if (values.quick) return styles.map((s) => [s, 1000]);
  if (values.sizes) return values.sizes.split(',').flatMap((n) => styles.map((s) => [s, Number(n)]));
  return DEFAULT_TARGETS.filter(([s]) => styles.includes(s));
}

// ---------------------------------------------------------------------------------------------
// Measuring one child process

let haveTime = (() => {
  if (process.env.LAYERGUARD_BENCH_NO_TIME) return false; // to exercise the fallback
  try {
    execFileSync(TIME, ['-f', TIME_FORMAT, 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Runs `node <args>` in its own process group; resolves with wall ms, peak RSS MB, CPU s (user +
 * system: less sensitive than wall time to other processes on a shared machine), exit code and
 * stdout. A run longer than `timeoutMs` is killed (the whole group) and marked timedOut.
 */
function measure(args, { cwd = REPO, timeoutMs, scratch }) {
  const rssFile = path.join(scratch, 'time.txt');
  fs.rmSync(rssFile, { force: true });
  const command = haveTime ? TIME : process.execPath;
  const commandArgs = haveTime ? ['-f', TIME_FORMAT, '-o', rssFile, process.execPath, ...args] : args;
  const env = haveTime ? process.env : { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${RSS_HOOK}`, LAYERGUARD_BENCH_RSS_FILE: rssFile };
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    state.child = child;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      state.child = undefined;
      const wallMs = performance.now() - started;
      // time prints "Command exited with non-zero status" first when the exit code is not 0.
      const [, rssKb, user, sys] = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [];
      resolve({ code, timedOut, wallMs, rssMb: rssKb / 1024, cpuS: user + sys, stdout, stderr });
    });
  });
}

/** Kills a measured child and everything it started (it leads its own process group). */
function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// ---------------------------------------------------------------------------------------------
// Steps: how to run each, and what it reports besides time and memory

function cacheDir(dir) {
  return path.join(dir, 'node_modules/.cache/layerguard');
}

/** What depcruise should cruise: src/ when there is one, the tsconfig when there is one. */
function depcruiseArgs(target, scratch, extra) {
  const hasSrc = fs.existsSync(path.join(target.dir, 'src'));
  const tsconfig = fs.existsSync(path.join(target.dir, 'tsconfig.json'));
  return [
    DEPCRUISE,
    '--no-config', // no .dependency-cruiser.js in the target; v17 refuses to run without this flag
    ...(tsconfig ? ['--ts-config', 'tsconfig.json'] : []),
    ...extra,
    '--exclude',
    '(^|/)(node_modules|dist)/',
    '--output-type',
    'json',
    '--output-to',
    path.join(scratch, 'depcruise.json'),
    hasSrc ? 'src' : '.',
  ];
}

/** Local file → local file edges of a depcruise JSON report (packages and unresolved dropped). */
function depcruiseDetail(scratch) {
  const report = JSON.parse(fs.readFileSync(path.join(scratch, 'depcruise.json'), 'utf8'));
  const edges = new Set();
  let modules = 0;
  for (const module of report.modules) {
    if (module.coreModule || module.couldNotResolve || module.source.includes('node_modules')) continue;
    modules++;
    for (const dep of module.dependencies) {
      if (dep.couldNotResolve || dep.coreModule || dep.resolved.includes('node_modules')) continue;
      edges.add(`${module.source}\0${dep.resolved}`);
    }
  }
  fs.rmSync(path.join(scratch, 'depcruise.json'), { force: true }); // can be 100+ MB at 20k files
  return { files: modules, edges: edges.size };
}

function layerguardDetail(scratch) {
  const report = JSON.parse(fs.readFileSync(path.join(scratch, 'layerguard.json'), 'utf8'));
  return { files: report.summary.files, edges: report.summary.edges, findings: report.findings.length, problems: report.summary.problems, inProcessMs: report.summary.durationMs };
}

const STEP_RUNNERS = {
  floor: (t) => ({ args: [FLOOR, t.dir], detail: (r) => JSON.parse(r.stdout) }),
  cold: (t, ctx) => ({
    before: () => fs.rmSync(cacheDir(t.dir), { recursive: true, force: true }),
    args: [CLI, 'check', t.dir, '--format', 'json', '--no-color', '--output', path.join(ctx.scratch, 'layerguard.json')],
    // Exit code 1 only says that error-severity findings exist.
    ok: (r) => r.code === 0 || r.code === 1,
    detail: () => layerguardDetail(ctx.scratch),
  }),
  warm: (t, ctx) => ({ ...STEP_RUNNERS.cold(t, ctx), before: undefined }),
  depcruise: (t, ctx) => ({ cwd: t.dir, args: depcruiseArgs(t, ctx.scratch, []), detail: () => depcruiseDetail(ctx.scratch) }),
  // Parses TypeScript itself instead of transpiling first: keeps type-only imports, the floor's graph.
  'depcruise-ts': (t, ctx) => ({ cwd: t.dir, args: depcruiseArgs(t, ctx.scratch, ['--ts-pre-compilation-deps']), detail: () => depcruiseDetail(ctx.scratch) }),
  lsp: (t, ctx) => ({
    args: [LSP_EDIT, t.dir, '--server', SERVER, '--edits', String(ctx.edits), '--budget-ms', String(ctx.editBudgetMs), '--timeout-ms', String(ctx.timeoutMs)],
    detail: (r) => JSON.parse(r.stdout.trim().split('\n').pop()),
  }),
};

/** Runs one step `reps` times; stops repeating after a failure or a timeout. */
async function runStep(step, target, reps, ctx) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const spec = STEP_RUNNERS[step](target, ctx);
    spec.before?.();
    const result = await measure(spec.args, { cwd: spec.cwd, timeoutMs: ctx.timeoutMs, scratch: ctx.scratch });
    const ok = !result.timedOut && (spec.ok ? spec.ok(result) : result.code === 0);
    if (!ok) {
      const why = result.timedOut ? `timed out after ${ctx.timeoutMs / 1000} s` : `exit ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`;
      log(`  ${step} #${i + 1}: FAILED (${why})`);
      runs.push({ failed: why, timedOutS: result.timedOut ? ctx.timeoutMs / 1000 : undefined });
      break;
    }
    let detail;
    try {
      detail = spec.detail?.(result);
    } catch (error) {
      detail = { error: String(error) };
    }
    runs.push({ wallMs: result.wallMs, rssMb: result.rssMb, cpuS: result.cpuS, detail });
    log(`  ${step} #${i + 1}: ${(result.wallMs / 1000).toFixed(2)} s (CPU ${result.cpuS.toFixed(2)} s), ${Math.round(result.rssMb)} MB${detail ? ` ${JSON.stringify(detail)}` : ''}`);
    // Long steps are not repeated: one run of several minutes says enough and the noise is relative.
    if (result.wallMs > ctx.repeatBudgetMs && i + 1 < reps) {
      log(`  ${step}: took over ${ctx.repeatBudgetMs / 1000} s, not repeated`);
      break;
    }
  }
  return runs;
}

async function benchTarget(target, opts) {
  const ctx = { scratch: opts.work, timeoutMs: opts.timeoutMs, repeatBudgetMs: opts.repeatBudgetMs, edits: opts.edits, editBudgetMs: opts.editBudgetMs };
  const has = (s) => opts.steps.includes(s);
  const runs = Object.fromEntries(ALL_STEPS.map((s) => [s, []]));
  state.current = { target, runs };
  // Floor, cold and warm interleave per repetition, so that warm always follows a cold run.
  for (let i = 0; i < opts.reps; i++) {
    for (const step of ['floor', 'cold', 'warm']) if (has(step) && !runs[step].some((r) => r.failed)) runs[step].push(...(await runStep(step, target, 1, ctx)));
  }
  if (has('lsp')) runs.lsp = await runStep('lsp', target, opts.lspReps, ctx);
  if (has('depcruise')) runs.depcruise = await runStep('depcruise', target, opts.dcReps, ctx);
  if (has('depcruise-ts')) runs['depcruise-ts'] = await runStep('depcruise-ts', target, opts.dcReps, ctx);
  state.current = undefined;
  return summarize(target, runs);
}

// ---------------------------------------------------------------------------------------------
// Statistics

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Per step: median wall and RSS over the successful runs, the last run's detail, failures. */
function summarize(target, runs) {
  const steps = {};
  for (const [step, list] of Object.entries(runs)) {
    if (list.length === 0) continue;
    const good = list.filter((r) => !r.failed);
    const timedOutS = good.length === 0 ? list.find((r) => r.timedOutS)?.timedOutS : undefined;
    if (timedOutS) {
      steps[step] = { n: 0, wallS: timedOutS, lowerBound: true, failed: list[0].failed };
      continue;
    }
    steps[step] = {
      n: good.length,
      wallS: median(good.map((r) => r.wallMs / 1000)),
      cpuS: median(good.map((r) => r.cpuS)),
      rssMb: median(good.map((r) => r.rssMb)),
      detail: good.at(-1)?.detail,
      failed: list.find((r) => r.failed)?.failed,
    };
  }
  // The LSP step reports two rows: the initial analysis and the edits, from its own JSON.
  const lsp = steps.lsp;
  if (lsp) {
    const details = runs.lsp.filter((r) => !r.failed).map((r) => r.detail);
    steps['lsp-initial'] = { n: details.length, wallS: median(details.map((d) => d.initialMs / 1000)), rssMb: median(details.map((d) => d.serverPeakRssMb)), detail: details.at(-1), failed: lsp.failed };
    steps['lsp-edit'] = {
      n: details.length,
      editMedianMs: median(details.map((d) => d.editMedianMs)),
      editP95Ms: median(details.map((d) => d.editP95Ms)),
      analysisMedianMs: median(details.map((d) => d.analysisMedianMs)),
      detail: details.at(-1),
      failed: lsp.failed,
    };
    delete steps.lsp;
  }
  // A directory given on the command line has as many files as the floor or Layerguard found.
  return { ...target, files: target.files ?? steps.floor?.detail?.files ?? steps.cold?.detail?.files, steps };
}

const ratio = (a, b) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
/** Time ratio of two steps; `atLeast` when the numerator only timed out (its timeout is a lower bound). */
function timeRatio(a, b) {
  const value = ratio(a?.wallS, b?.wallS);
  return { value, atLeast: a?.lowerBound === true && !b?.lowerBound, cpu: a?.lowerBound || b?.lowerBound ? undefined : ratio(a?.cpuS, b?.cpuS) };
}

/** Each target check: value, goal, MET / NOT MET (or n/a when a step is missing). */
function checks(result) {
  const s = result.steps;
  const list = [
    { name: 'Layerguard cold / floor (time)', ...timeRatio(s.cold, s.floor), goal: GOALS.coldVsFloor, le: true, unit: '×' },
    { name: 'dependency-cruiser / Layerguard cold (time)', ...timeRatio(s.depcruise, s.cold), goal: GOALS.depcruiseVsCold, le: false, unit: '×' },
    { name: 'dependency-cruiser --ts-pre-compilation-deps / Layerguard cold (time)', ...timeRatio(s['depcruise-ts'], s.cold), goal: GOALS.depcruiseVsCold, le: false, unit: '×' },
    { name: 'Layerguard warm / cold (time)', ...timeRatio(s.warm, s.cold), goal: GOALS.warmVsCold, le: true, unit: '×' },
    { name: 'LSP edit → diagnostics, median', value: s['lsp-edit']?.editMedianMs, goal: GOALS.editMs[result.files], le: true, unit: ' ms' },
    { name: 'Layerguard cold RSS / floor RSS', value: ratio(s.cold?.rssMb, s.floor?.rssMb), goal: GOALS.rssVsFloor, le: true, unit: '×' },
  ];
  return list.map((c) => ({
    ...c,
    // A lower bound decides only a "≥" goal it already reaches.
    status: c.value === undefined ? 'n/a' : c.goal === undefined ? 'no target' : (c.le ? c.value <= c.goal && !c.atLeast : c.value >= c.goal) ? 'MET' : c.atLeast ? 'unknown (timed out)' : 'NOT MET',
  }));
}

/**
 * Scaling of a style over its sizes: per-file cost at each size, and the marginal cost per 1k
 * files between consecutive sizes. Linear when the marginal costs agree within 25% (fixed costs
 * such as loading TypeScript make the per-file cost of small sizes look higher).
 */
function scaling(results) {
  const rows = [];
  const byStyle = new Map();
  for (const r of results) if (r.style) byStyle.set(r.style, [...(byStyle.get(r.style) ?? []), r]);
  for (const [style, list] of byStyle) {
    const sorted = [...list].sort((a, b) => a.files - b.files);
    if (sorted.length < 2) continue;
    for (const step of ['floor', 'cold', 'warm', 'depcruise']) {
      for (const [metric, key, unit] of [['wall time', 'wallS', 's'], ['CPU time', 'cpuS', 's'], ['memory', 'rssMb', 'MB']]) {
        const points = sorted.filter((r) => !r.steps[step]?.lowerBound).map((r) => ({ files: r.files, value: r.steps[step]?.[key] })).filter((p) => p.value !== undefined);
        if (points.length < 2) continue;
        const slopes = [];
        for (let i = 1; i < points.length; i++) slopes.push(((points[i].value - points[i - 1].value) / (points[i].files - points[i - 1].files)) * 1000);
        rows.push({
          style,
          step,
          metric,
          unit,
          // ms per file for time, KB per file for memory
          perFile: points.map((p) => `${((p.value * (unit === 's' ? 1000 : 1024)) / p.files).toFixed(unit === 's' ? 2 : 0)} @${p.files / 1000}k`),
          slopes: slopes.map((v) => v.toFixed(unit === 's' ? 2 : 0)),
          overall: ((points.at(-1).value - points[0].value) / (points.at(-1).files - points[0].files)) * 1000,
          linear: shape(slopes, points, unit),
        });
      }
    }
  }
  return rows;
}

/**
 * Linear when the marginal costs agree within 25%; else whether they grow or fall with size.
 * Differences below the measurement noise (a second, 50 MB) say nothing about the shape.
 */
function shape(slopes, points, unit) {
  if (slopes.length < 2) return 'n/a (2 sizes)';
  const values = points.map((p) => p.value);
  if (Math.max(...values) - Math.min(...values) < (unit === 's' ? 1 : 50)) return 'too small to tell';
  const spread = Math.max(...slopes) / Math.min(...slopes);
  if (spread <= 1.25 && Math.min(...slopes) > 0) return 'linear';
  return slopes.at(-1) > slopes[0] ? `superlinear: marginal cost grows ${spread.toFixed(2)}×` : `sublinear: marginal cost falls ${spread.toFixed(2)}×`;
}

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (v, digits = 2) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));

function detailText(step, st) {
  const d = st.detail;
  if (st.failed && st.n === 0) return `FAILED: ${st.failed}`;
  if (!d) return '';
  const parts = [];
  if (step === 'floor') parts.push(`${d.files} files, ${d.edges} edges (${d.specifiers} specifiers)`);
  if (step === 'cold') parts.push(`${d.files} files, ${d.edges} edges, ${d.findings} findings, in-process ${fmt(d.inProcessMs / 1000)} s (last run)`);
  // A cached report repeats the duration of the run that produced it: not shown for warm.
  if (step === 'warm') parts.push(`${d.files} files, ${d.edges} edges, ${d.findings} findings`);
  if (step.startsWith('depcruise')) parts.push(`${d.files} files, ${d.edges} edges`);
  if (step === 'lsp-initial') {
    parts.push(`server peak RSS (VmHWM, whole session); in-server analysis ${fmt(d.initialAnalysisMs / 1000)} s`);
    if (d.restartFirstDiagnosticsMs !== undefined) parts.push(`restarted server: first diagnostics after ${fmt(d.restartFirstDiagnosticsMs / 1000)} s${d.restartRestored ? ' (restored from storage)' : ''}, first analysis done after ${fmt(d.restartReadyMs / 1000)} s`);
  }
  if (step === 'lsp-edit') parts.push(`p95 ${fmt(st.editP95Ms, 0)} ms; in-server analysis median ${fmt(st.analysisMedianMs, 0)} ms; ${d.edits} edits of ${d.file} (until ${d.signal})`);
  if (st.failed) parts.push(`(a later run failed: ${st.failed})`);
  return parts.join('; ');
}

function resultsTable(results) {
  const lines = ['| target | files | step | runs | median wall (s) | median CPU (s) | max RSS (MB) | detail |', '|---|---:|---|---:|---:|---:|---:|---|'];
  for (const r of results) {
    let first = true;
    for (const step of ['floor', 'cold', 'warm', 'lsp-initial', 'lsp-edit', 'depcruise', 'depcruise-ts']) {
      const st = r.steps[step];
      if (!st) continue;
      const wall = step === 'lsp-edit' ? `${fmt(st.editMedianMs, 0)} ms` : `${st.lowerBound ? '> ' : ''}${fmt(st.wallS)}`;
      const rss = step === 'lsp-edit' ? '' : fmt(st.rssMb, 0);
      lines.push(`| ${first ? r.name : ''} | ${first ? r.files : ''} | ${STEP_LABELS[step]} | ${st.n} | ${wall} | ${fmt(st.cpuS)} | ${rss} | ${detailText(step, st)} |`);
      first = false;
    }
  }
  return lines.join('\n');
}

function checksTable(results) {
  const lines = ['| target | check | measured (wall) | goal | status | same ratio by CPU time |', '|---|---|---:|---:|---|---:|'];
  for (const r of results) {
    for (const c of checks(r)) {
      if (c.status === 'n/a') continue;
      const goal = c.goal === undefined ? '—' : `${c.le ? '≤' : '≥'} ${c.goal}${c.unit.trim() === 'ms' ? ' ms' : ''}`;
      const cpu = c.cpu === undefined ? '' : `${fmt(c.cpu)}×`;
      lines.push(`| ${r.name} | ${c.name} | ${c.atLeast ? '≥ ' : ''}${fmt(c.value, c.unit === ' ms' ? 0 : 2)}${c.unit} | ${goal} | ${c.status} | ${cpu} |`);
    }
  }
  return lines.join('\n');
}

function scalingTable(results) {
  const rows = scaling(results);
  if (rows.length === 0) return '';
  const lines = [
    '| style | step | metric | per file at each size | slope per 1k files between sizes | overall slope per 1k files | shape |',
    '|---|---|---|---|---|---:|---|',
  ];
  for (const r of rows) {
    const perFileUnit = r.unit === 's' ? 'ms/file' : 'KB/file';
    lines.push(`| ${r.style} | ${STEP_LABELS[r.step]} | ${r.metric} | ${r.perFile.join(', ')} ${perFileUnit} | ${r.slopes.join(' → ')} ${r.unit} | ${fmt(r.overall, r.unit === 's' ? 2 : 0)} ${r.unit} | ${r.linear} |`);
  }
  return lines.join('\n');
}

function machine() {
  const nproc = (() => {
    try {
      return execFileSync('nproc', { encoding: 'utf8' }).trim();
    } catch {
      return String(os.availableParallelism());
    }
  })();
  return { nproc, cpu: os.cpus()[0]?.model ?? 'unknown', memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
}

/** The server's edit debounce, read from its source so the report states what was measured. */
function debounceMs() {
  try {
    const source = fs.readFileSync(path.join(REPO, 'server/src/lsp/server.ts'), 'utf8');
    return /EDIT_DEBOUNCE_MS\s*=\s*(\d+)/.exec(source)?.[1];
  } catch {
    return undefined;
  }
}

function report(results, opts, elapsedS, interrupted = false) {
  const m = opts.machine ?? machine(); // older saved runs lack it
  const debounce = debounceMs();
  const targets = results.map((r) => `${r.name}${r.manifest ? ` (${r.manifest.sourceFiles} .ts files + ${r.manifest.configFiles} config files, ${r.manifest.lines} lines, ${r.manifest.planted.length} planted violations)` : ''}`);
  return [
    '# Layerguard benchmark',
    '',
    ...(interrupted ? ['**Interrupted: partial results** (the last target may lack steps).', ''] : []),
    `- date: ${opts.date ?? 'unknown'}`,
    `- machine: ${m.nproc} cores (nproc), ${m.cpu}, ${m.memGb} GB RAM, ${m.platform}; Node ${m.node}`,
    `- command: \`node scripts/bench/run.mjs${opts.argv ? ` ${opts.argv}` : ''}\` (${opts.reps} repetitions, medians; LSP ${opts.lspReps} session(s) of up to ${opts.edits} edits; dependency-cruiser ${opts.dcReps} run(s); a step whose run took over ${opts.repeatBudgetMs / 1000} s is not repeated, one over ${opts.timeoutMs / 1000} s is killed); total ${fmt(elapsedS / 60, 1)} min`,
    `- build: ${opts.build}`,
    `- load average (1 min) at start / end: ${opts.loadStart} / ${opts.loadEnd} — other processes on this machine add noise; ${m.nproc} cores are shared`,
    `- wall time, CPU time (user + system) and peak RSS per child process via ${haveTime ? `\`/usr/bin/time -f "${TIME_FORMAT}"\`` : '`process.resourceUsage()` (rss-hook.cjs)'}`,
    `- targets: ${targets.join('; ')}`,
    '',
    '## Results',
    '',
    resultsTable(results),
    '',
    '## Targets',
    '',
    checksTable(results),
    '',
    ...(scalingTable(results) ? ['## Scaling', '', scalingTable(results), ''] : []),
    '## How it is measured',
    '',
    '- **floor**: `scripts/bench/floor.mjs` — every .ts/.js file read, `ts.createSourceFile`, import/export/require/import() specifiers, `ts.resolveModuleName` with one shared `ModuleResolutionCache` and the root tsconfig\'s options; includes loading TypeScript. Edges are unique local file pairs.',
    '- **Layerguard CLI cold**: `<dir>/node_modules/.cache/layerguard` deleted, then `node dist/cli.js check <dir> --format json`. **Warm**: the same command right after, cache kept. "edges" is Layerguard\'s own count (imports, re-exports and DI/`new` edges), not unique file pairs, so it is larger than the floor\'s.',
    `- **LSP**: \`node dist/server.js --stdio\` with the directory as workspace folder (push diagnostics); initial analysis = initialize → first \`layerguard/status\` "ready"; then one service file is opened and changed (full text, alternately adding and removing \`const benchEditN = N;\`), timed from \`didChange\` to the next \`publishDiagnostics\` of that file. The server waits ${opts.debounceMs ?? debounce ?? '?'} ms after an edit before analyzing (\`EDIT_DEBOUNCE_MS\` in server/src/lsp/server.ts), included in the latency; then the server is restarted on the same storage folder (\`initializationOptions.storagePath\`) and the time to its first diagnostics (restored) and to the end of its first analysis are recorded; "in-server analysis" is the duration the server logs for each analysis. At most ${opts.edits} edits, fewer when they took over ${opts.editBudgetMs / 1000} s in total.`,
    '- **dependency-cruiser 17**: `depcruise --no-config --ts-config tsconfig.json --output-type json src` in the target directory (default settings: TypeScript is transpiled first, so type-only imports are dropped and its graph has fewer edges). The `--ts-pre-compilation-deps` row parses TypeScript directly and keeps them: the same graph as the floor.',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Driver

function log(message) {
  process.stderr.write(`${message}\n`);
}

/**
 * Copies dist/ aside and measures the copy: a rebuild during a long run (others work in this
 * repository) must not mix two builds in one report. Returns a short identity of the build.
 */
function snapshotDist(work) {
  const snapshot = path.join(work, 'dist');
  fs.mkdirSync(snapshot, { recursive: true });
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(DIST).sort()) {
    if (!/\.(?:c?js|map)$/.test(name)) continue;
    const content = fs.readFileSync(path.join(DIST, name));
    fs.writeFileSync(path.join(snapshot, name), content);
    if (!name.endsWith('.map')) hash.update(name).update(content);
  }
  CLI = path.join(snapshot, 'cli.js');
  SERVER = path.join(snapshot, 'server.js');
  return hash.digest('hex').slice(0, 12);
}

/** `git describe --always --dirty` of the repository, for the report; reading only. */
function gitState() {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Generates the tree unless an identical one (same generator version, style, size) is there. */
function ensureGenerated(style, files, out) {
  const dir = path.join(out, `${style}-${files}`);
  const manifestFile = path.join(dir, MANIFEST);
  if (fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    if (manifest.generatorVersion === GENERATOR_VERSION && manifest.style === style && manifest.requestedFiles === files) return { dir, manifest };
  }
  log(`generating ${style} with ${files} files in ${dir}`);
  // Generated aside and renamed: another runner may be reading the same tree.
  const temporary = `${dir}.tmp-${process.pid}`;
  const manifest = generate({ style, files, outDir: temporary });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(temporary, dir);
  return { dir, manifest };
}

/** What a signal handler needs: the run so far and the child being measured. */
const state = { opts: undefined, results: [], current: undefined, child: undefined, started: performance.now() };

function saveRaw(file, elapsedS, interrupted) {
  const { opts, results } = state;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ opts, results, elapsedS, interrupted }, null, 1)}\n`);
}

function finish(interrupted, { rerendered = false } = {}) {
  const { opts } = state;
  const results = [...state.results];
  if (interrupted && state.current) results.push(summarize(state.current.target, state.current.runs));
  const elapsedS = (performance.now() - state.started) / 1000;
  opts.loadEnd ??= os.loadavg()[0].toFixed(2);
  if (!rerendered) saveRaw(path.join(opts.out, 'last-results.json'), elapsedS, interrupted);
  const text = report(results, opts, elapsedS, interrupted);
  console.log(text);
  // A partial run never replaces the committed results.
  if (opts.write && !interrupted) {
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${text}\n${keptNotes()}`);
    saveRaw(RESULTS.replace(/\.md$/, '.json'), elapsedS, false);
    log(`written to ${path.relative(REPO, RESULTS)} and RESULTS.json`);
  }
}

/** The hand-written part of the current RESULTS.md: the marker and what follows it. */
function keptNotes() {
  const current = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '';
  const at = current.indexOf(NOTES_MARKER);
  return at >= 0 ? current.slice(at) : `${NOTES_MARKER}\n`;
}

/** `--from <results.json>`: the report of a saved run, without running anything. */
function rerender(file, write) {
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  state.opts = { ...saved.opts, write: write && !saved.interrupted };
  state.results = saved.results;
  state.started = performance.now() - saved.elapsedS * 1000;
  haveTime = saved.opts.haveTime ?? haveTime;
  finish(saved.interrupted === true, { rerendered: true });
}

/**
 * `--resume`: results of an interrupted run are kept when they measured the same build with the
 * same options; its elapsed time is carried over. Anything else starts from scratch.
 */
function resume(targets) {
  const file = path.join(state.opts.out, 'last-results.json');
  if (!fs.existsSync(file)) return log('--resume: no saved results, starting from scratch');
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  // The dist hash, not the commit: commits that do not change the bundles do not matter.
  const same = ['distHash', 'reps', 'lspReps', 'dcReps', 'edits', 'editBudgetMs', 'timeoutMs', 'repeatBudgetMs'].every((k) => saved.opts[k] === state.opts[k]) && saved.opts.steps.join() === state.opts.steps.join();
  if (!same) return log(`--resume: ${file} has another build or other options, starting from scratch`);
  const names = new Set(targets.map((t) => t.name));
  state.results = saved.results.filter((r) => names.has(r.name) && ALL_STEPS.every((step) => !state.opts.steps.includes(step) || r.steps[step] || (step === 'lsp' && r.steps['lsp-edit'])));
  state.started -= saved.elapsedS * 1000;
  Object.assign(state.opts, { date: saved.opts.date, loadStart: saved.opts.loadStart });
  log(`--resume: kept ${state.results.map((r) => r.name).join(', ') || 'nothing'}`);
}

async function main() {
  const opts = options();
  if (opts.from) return rerender(opts.from, opts.write);
  for (const file of [CLI, SERVER]) if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO, file)} is missing: run \`npm run build\` first`);
  fs.mkdirSync(opts.out, { recursive: true });
  // Per-run work directory (dist copy, outputs): several runners may share --out.
  opts.work = fs.mkdtempSync(path.join(opts.out, '.run-'));
  process.on('exit', () => fs.rmSync(opts.work, { recursive: true, force: true }));
  opts.distHash = snapshotDist(opts.work);
  opts.build = `commit ${gitState()}, dist/ ${opts.distHash} (sha256 of the .js bundles, measured from a copy)`;
  opts.haveTime = haveTime;
  if (!fs.existsSync(DEPCRUISE)) opts.steps = opts.steps.filter((s) => !s.startsWith('depcruise'));
  opts.loadStart = os.loadavg()[0].toFixed(2);
  opts.date = new Date().toISOString();
  opts.debounceMs = debounceMs(); // from the source when the run starts, like the dist copy
  opts.machine = machine();
  state.opts = opts;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping, partial report follows`);
      if (state.child) killGroup(state.child);
      finish(true);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  const targets = opts.dir
    ? [{ name: path.basename(opts.dir), dir: opts.dir, files: undefined }]
    : opts.targets.map(([style, files]) => ({ name: `${style}-${files}`, style, files, ...ensureGenerated(style, files, opts.out) }));
  if (opts.resume) resume(targets);
  for (const target of targets) {
    if (state.results.some((r) => r.name === target.name)) continue;
    log(`== ${target.name} (${target.dir})`);
    const result = await benchTarget(target, opts);
    state.results.push(result);
    saveRaw(path.join(opts.out, 'last-results.json'), (performance.now() - state.started) / 1000, true);
  }
  finish(false);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
