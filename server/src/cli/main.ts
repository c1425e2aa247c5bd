import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AnalysisSession,
  analyzeWorkspace,
  applyTextEdits,
  decodeSource,
  encodeSource,
  encodingOf,
  planSafeFixes,
  type TextEdit,
  BASELINE_FILE_NAME,
  againstBaseline,
  loadBaseline,
  toBaseline,
  type ResolvedConfig,
  configJsonSchema,
  ENGINE_VERSION,
  explainFile,
  explanationText,
  architectureView,
  type ViewGrouping,
  toArchitectureHtml,
  toDot,
  toGraphJson,
  toJsonReport,
  toMermaid,
  toSarif,
  toGitlabCodeQuality,
  toText,
  type AnalysisResult,
  type ViewerAssets,
} from '../engine';
import { runInit } from './init';
import { parseCommand, USAGE, UsageError, type Command, type GraphFormat } from './args';
import { changedSince } from './affected';
import { runDiff } from './diff';
import { exitCodeOf, failuresOf } from './exit-code';
import { formatConfigWarnings, prepare } from './prepare';
import { emit, tryCache, type CacheOutcome, type Io } from './cached-run';
import type { OutputCache } from './output-cache';

export type { Io } from './cached-run';
export { exitCodeOf } from './exit-code';

/**
 * Runs one CLI invocation and returns the exit code: 0 clean, 1 error findings, 2 usage/config
 * error. `cached`: the cache lookup the caller already made for this command (a miss).
 */
export function runCli(argv: readonly string[], io: Io, cached?: CacheOutcome): number {
  let command: Command;
  try {
    command = parseCommand(argv, io.colorByDefault);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`layerguard: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  switch (command.name) {
    case 'help':
      io.stdout(`${USAGE}\n`);
      return 0;
    case 'version':
      io.stdout(`${ENGINE_VERSION}\n`);
      return 0;
    case 'schema':
      io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
      return 0;
    case 'check': {
      const outcome = cached ?? tryCache(command, io);
      return 'served' in outcome ? outcome.served : runAnalysis(command, io, outcome.cache);
    }
    case 'graph':
      if (command.format === 'html' && viewerDir() === undefined) {
        io.stderr(`layerguard: the architecture viewer is missing (looked in ${VIEWER_DIRS.join(', ')}); build it with npm run build\n`);
        return 2;
      }
      return runAnalysis(command, io, undefined);
    case 'baseline':
      return writeBaseline(command, io);
    case 'explain':
      return explain(command, io);
    case 'init':
      return runInit(command, io);
    case 'diff':
      return runDiff(command, io);
  }
}

/** `layerguard explain <file>`: the evidence behind a file's layer and how its dependencies are judged. */
function explain(command: Extract<Command, { name: 'explain' }>, io: Io): number {
  const prepared = prepare(command, io);
  if (typeof prepared === 'number') return prepared;
  const result = analyzeWorkspace({ root: prepared.root, config: prepared.config });
  // The file as given from here, or inside the analyzed folder.
  const candidates = [path.resolve(io.cwd, command.file), path.resolve(prepared.root, command.file)].map((f) => f.replace(/\\/g, '/'));
  const explanation = candidates.map((f) => explainFile(result, f)).find((e) => e !== undefined);
  if (!explanation) {
    io.stderr(`layerguard: ${command.file} is not among the files analyzed under ${command.dir} (tests, ignored and build files are not analyzed; is it in the folder?)\n`);
    return 2;
  }
  io.stdout(command.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : explanationText(explanation));
  return 0;
}

/** `layerguard baseline`: records today's findings so that only new ones are reported. */
function writeBaseline(command: Extract<Command, { name: 'baseline' }>, io: Io): number {
  const prepared = prepare(command, io);
  if (typeof prepared === 'number') return prepared;
  if (command.prune) return pruneBaseline(prepared.root, prepared.config, io);
  const result = analyzeWorkspace({ root: prepared.root, config: prepared.config, useBaseline: false });
  const baseline = toBaseline(result.findings, result.root, (file) => result.graph.files.get(file)?.text);
  const file = path.join(prepared.root, BASELINE_FILE_NAME);
  fs.writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
  io.stdout(`layerguard: ${baseline.findings.length} finding(s) written to ${path.relative(io.cwd, file) || file}; from now on only new findings are reported.\n`);
  return 0;
}

/**
 * `layerguard baseline --prune`: removes the entries no finding matches any more, and adds none.
 * Refused when part of the analysis failed: the findings it lost would look fixed.
 */
function pruneBaseline(root: string, config: ResolvedConfig, io: Io): number {
  const loaded = loadBaseline(root);
  if (loaded.kind !== 'loaded') {
    io.stderr(`layerguard: ${loaded.kind === 'none' ? `there is no ${BASELINE_FILE_NAME} to prune; "layerguard baseline" writes one` : loaded.message}\n`);
    return 2;
  }
  const result = analyzeWorkspace({ root, config, useBaseline: false });
  const lost = result.problems.filter((p) => p.lost).length;
  if (lost > 0) {
    io.stderr(`layerguard: ${lost} part(s) of the analysis failed, so their findings would look fixed; the baseline is left as it is.\n`);
    return 1;
  }
  const stale = new Set(againstBaseline(result.findings, loaded, root, (file) => result.graph.files.get(file)?.text).stale);
  const kept = loaded.entries.filter((e) => !stale.has(e));
  const file = path.join(root, BASELINE_FILE_NAME);
  if (stale.size > 0) fs.writeFileSync(file, `${JSON.stringify({ version: 1, findings: kept }, null, 2)}\n`);
  io.stdout(`layerguard: ${stale.size} fixed finding(s) removed from ${path.relative(io.cwd, file) || file}; ${kept.length} remain.\n`);
  return 0;
}

function runAnalysis(command: Extract<Command, { name: 'check' | 'graph' }>, io: Io, cache: OutputCache | undefined): number {
  const prepared = prepare(command, io);
  if (typeof prepared === 'number') return prepared;
  const analyzed = command.name === 'check' && command.fix ? fixSafely(prepared, io) : analyzeWorkspace({ root: prepared.root, config: prepared.config, configFile: prepared.configFile });
  const result = command.name === 'check' && command.affected !== undefined ? onlyAffected(analyzed, command.affected, io) : analyzed;
  const output = command.name === 'graph' ? renderGraph(result, command.format, command.groupBy) : renderCheck(result, command);
  const exitCode = exitCodeOf(command, result);
  const unwritten = cache?.write(output, exitCode);
  if (unwritten) io.stderr(`layerguard: could not write the cache (${unwritten}); the next run analyzes again.\n`);
  emit(output, command.output, io);
  io.stderr(formatConfigWarnings(result.configWarnings, io.cwd));
  for (const problem of result.problems.filter((p) => p.blocking)) io.stderr(`layerguard: ${problem.message}\n`);
  if (exitCode === 1) for (const reason of failuresOf(command, result)) io.stderr(`layerguard: ${reason}\n`);
  return exitCode;
}

/**
 * `check --affected <ref>`: the findings of the files changed since the ref and of the files that
 * import them (their dependencies changed), from a graph built whole. When the changes cannot be
 * known (a shallow clone without the ref, no git), every file is reported on, and stderr says why.
 */
function onlyAffected(result: AnalysisResult, ref: string, io: Io): AnalysisResult {
  const changed = changedSince(ref, result.root);
  if ('unknown' in changed) {
    io.stderr(`layerguard: --affected ${ref}: ${changed.unknown}; checking every file instead.\n`);
    return result;
  }
  const affected = new Set(changed.files);
  for (const edge of result.graph.edges) if (changed.files.has(edge.to) || (edge.via !== undefined && changed.files.has(edge.via))) affected.add(edge.from);
  const analyzed = [...affected].filter((f) => result.graph.files.has(f));
  io.stderr(`layerguard: --affected ${ref}: reporting on ${analyzed.length} of ${result.stats.files} files (changed since ${ref}, or importing what changed).\n`);
  return { ...result, findings: result.findings.filter((f) => affected.has(f.file)) };
}

/** Passes over the workspace before giving up: each pass applies the fixes that do not overlap. */
const MAX_FIX_PASSES = 10;

/** `check --fix`: applies the safe fixes pass by pass, then returns the analysis of the result. */
function fixSafely(prepared: { root: string; config: ResolvedConfig; configFile: string }, io: Io): AnalysisResult {
  const session = new AnalysisSession({ root: prepared.root, config: prepared.config, configFile: prepared.configFile });
  let result = session.analyze();
  const changed = new Set<string>();
  let applied = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const plan = planSafeFixes(result);
    for (const error of plan.errors) io.stderr(`layerguard: ${error}\n`);
    const written = writeFixes(plan.edits, result, io);
    if (written.length === 0) break;
    for (const file of written) {
      changed.add(file);
      session.fileChanged(file);
    }
    applied += plan.fixed.filter((f) => f.fix.edits.every((e) => written.includes(e.file))).length;
    result = session.analyze();
  }
  io.stderr(`layerguard: applied ${applied} fix(es) in ${changed.size} file(s)\n`);
  return result;
}

/** Writes each file's edits if the file still holds the text that was analyzed. */
function writeFixes(edits: ReadonlyMap<string, readonly TextEdit[]>, result: AnalysisResult, io: Io): string[] {
  const written: string[] = [];
  for (const [file, fileEdits] of edits) {
    const analyzed = result.graph.files.get(file)?.text;
    const bytes = fs.readFileSync(file);
    const current = decodeSource(bytes);
    if (analyzed === undefined || !current.ok || current.text !== analyzed) {
      io.stderr(`layerguard: ${path.relative(io.cwd, file)} changed during the analysis; not fixed\n`);
      continue;
    }
    // Written back in the encoding it was read in (a byte-order mark, UTF-16), never re-encoded.
    fs.writeFileSync(file, encodeSource(applyTextEdits(current.text, fileEdits), encodingOf(bytes)));
    written.push(file);
  }
  return written;
}

function renderGraph(result: AnalysisResult, format: GraphFormat, groupBy: ViewGrouping | undefined): string {
  if (format === 'html') return toArchitectureHtml(architectureView(result.graph, result.findings, { baselined: result.baselinedFindings, ...(groupBy ? { groupBy } : {}) }), viewerAssets());
  if (format === 'dot') return toDot(result.graph);
  if (format === 'mermaid') return toMermaid(result.graph);
  return `${JSON.stringify(toGraphJson(result.graph, result.findings), null, 2)}\n`;
}

/**
 * Where the architecture viewer is built: beside the CLI (`dist/webview/`), or, run from the
 * compiled sources (the tests), the build's copy.
 */
const VIEWER_DIRS = [path.join(__dirname, 'webview'), path.join(__dirname, '..', '..', '..', '..', 'dist', 'webview')];

function viewerDir(): string | undefined {
  return VIEWER_DIRS.find((dir) => fs.existsSync(path.join(dir, 'architecture.js')) && fs.existsSync(path.join(dir, 'architecture.css')));
}

function viewerAssets(): ViewerAssets {
  const dir = viewerDir();
  if (dir === undefined) throw new Error(`the architecture viewer is missing (looked in ${VIEWER_DIRS.join(', ')})`);
  return { script: fs.readFileSync(path.join(dir, 'architecture.js'), 'utf8'), style: fs.readFileSync(path.join(dir, 'architecture.css'), 'utf8') };
}

function renderCheck(result: AnalysisResult, command: Extract<Command, { name: 'check' }>): string {
  if (command.format === 'json') return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
  if (command.format === 'sarif') return `${JSON.stringify(toSarif(result), null, 2)}\n`;
  if (command.format === 'gitlab') return `${JSON.stringify(toGitlabCodeQuality(result, repositoryFolder(result.root)), null, 2)}\n`;
  return toText(result, { color: command.color && !command.output });
}

/**
 * The folder holding `.git` at or above the analyzed one (GitLab reads report paths from the
 * repository's top), or the analyzed folder outside a repository.
 */
function repositoryFolder(root: string): string {
  for (let dir = root; ; dir = path.posix.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.posix.dirname(dir) === dir) return root;
  }
}
