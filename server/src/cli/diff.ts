import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAME,
  analyzeWorkspace,
  compareSummaries,
  diffMarkdown,
  diffSummary,
  diffText,
  introducedFindings,
  loadConfig,
  toSarif,
  type AnalysisResult,
  type ArchitectureDiff,
  type ResolvedConfig,
} from '../engine';
import type { Command } from './args';
import { emit, type Io } from './cached-run';
import { exitCodeOf, failuresOf } from './exit-code';
import { git } from './git';
import { snapshotAt, type Snapshot } from './git-snapshot';
import { formatConfigWarnings, prepare, type Prepared } from './prepare';

type DiffCommand = Extract<Command, { name: 'diff' }>;

/**
 * `layerguard diff <base-ref>`: analyzes the folder as it was at the merge base of the ref and
 * HEAD (read from git into a temporary folder) and as it is now, and reports what changed in the
 * architecture. Exit 1 when the change introduces an error (or more warnings than
 * --max-warnings), or when part of today's analysis failed; 2 when git cannot give the base.
 */
export function runDiff(command: DiffCommand, io: Io): number {
  const prepared = prepare(command, io);
  if (typeof prepared === 'number') return prepared;
  const snapshot = snapshotAt(command.base, prepared.root);
  if ('error' in snapshot) {
    io.stderr(`layerguard: diff ${command.base}: ${snapshot.error}\n`);
    return 2;
  }
  try {
    return compareWith(snapshot, prepared, command, io);
  } finally {
    snapshot.dispose();
  }
}

function compareWith(snapshot: Snapshot, prepared: Prepared, command: DiffCommand, io: Io): number {
  io.stderr(`layerguard: comparing with ${snapshot.label}\n`);
  const baseConfig = configAtBase(snapshot, prepared, command.config);
  // The base is summarized before the head is analyzed: the two analyses never share the memory.
  const base = diffSummary({ label: snapshot.label, result: analyzeWorkspace({ root: snapshot.root, config: baseConfig.config, useBaseline: false }) }, 'base', snapshot.renamed);
  const head = analyzeWorkspace({ root: prepared.root, config: prepared.config, configFile: prepared.configFile, useBaseline: false });
  const headSummary = diffSummary({ label: headLabel(prepared.root), result: head }, 'head');
  const diff = compareSummaries(base, headSummary, snapshot.renamed);
  const withNotes: ArchitectureDiff = { ...diff, notes: [...snapshot.notes, ...baseConfig.notes, ...diff.notes] };
  const introduced = introducedFindings(base, head, headSummary.prints);
  emit(renderDiff(withNotes, { ...head, findings: introduced }, command.format), command.output, io);
  io.stderr(formatConfigWarnings(head.configWarnings, io.cwd));
  const judged = { findings: introduced, problems: head.problems };
  const exitCode = exitCodeOf(command, judged);
  for (const problem of head.problems.filter((p) => p.blocking)) io.stderr(`layerguard: ${problem.message}\n`);
  if (exitCode === 1) for (const reason of failuresOf(command, judged)) io.stderr(`layerguard: ${reason}\n`);
  return exitCode;
}

/** `introduced`: today's analysis with only the findings the change introduced. */
function renderDiff(diff: ArchitectureDiff, introduced: AnalysisResult, format: DiffCommand['format']): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  if (format === 'markdown') return diffMarkdown(diff);
  // Code scanning shows what a pull request introduces: only those findings.
  if (format === 'sarif') return `${JSON.stringify(toSarif(introduced), null, 2)}\n`;
  return diffText(diff);
}

/**
 * The base is judged by its own configuration when it has one, so a change to layerguard.json
 * shows as the layers and findings it changes; without one (the change adds it) or with a broken
 * one, by today's, and the report says so.
 */
function configAtBase(snapshot: Snapshot, prepared: Prepared, configOption: string | undefined): { config: ResolvedConfig; notes: string[] } {
  const configFile = path.resolve(snapshot.root, configOption ?? CONFIG_FILE_NAME);
  if (!fs.existsSync(configFile)) {
    return { config: prepared.config, notes: fs.existsSync(prepared.configFile) ? [`the base has no ${path.basename(prepared.configFile)}; it is judged by today's`] : [] };
  }
  const loaded = loadConfig(snapshot.root, configFile);
  if (loaded.ok) return { config: loaded.config, notes: [] };
  return { config: prepared.config, notes: [`the base's ${path.basename(configFile)} is not valid (${loaded.errors[0]?.message ?? ''}); it is judged by today's`] };
}

/** `HEAD (1a2b3c4)`, or `working tree (HEAD 1a2b3c4 and uncommitted changes)`. */
function headLabel(root: string): string {
  const head = git(root, ['rev-parse', '--short=7', 'HEAD']);
  const status = git(root, ['status', '--porcelain', '--', '.']);
  const short = head.ok ? head.out.trim() : 'HEAD';
  return status.ok && status.out.trim() === '' ? `HEAD (${short})` : `working tree (HEAD ${short} and uncommitted changes)`;
}
