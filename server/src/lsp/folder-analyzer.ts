import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { AnalysisSession, BASELINE_FILE_NAME, CONFIG_FILE_NAME, toBaseline, type AnalysisResult, type SessionOptions } from '../engine';
import { configErrorToDiagnostic, configWarningToDiagnostic, fileToUri, toDiagnostic } from './convert';
import type { DiagnosticsChannel } from './diagnostics-channel';
import type { PersistedResults } from './persisted-results';
import type { FolderSettings } from './settings';
import { errorDetail, errorMessage } from '../engine/errors';

/** How long after a published analysis its diagnostics are saved for the next start (quiet typing pauses are longer). */
export const PERSIST_DELAY_MS = 1500;

/** What a folder analyzer needs from the connection: narrow, so tests can fake it. */
export interface DiagnosticsSink extends DiagnosticsChannel {
  log(message: string): void;
  /** How far reading the folder's files got: `312/544 files`. */
  filesRead?(read: number, total: number): void;
}

export type AnalysisOutcome =
  { readonly kind: 'published'; readonly result: AnalysisResult } | { readonly kind: 'stale' } | { readonly kind: 'disabled' } | { readonly kind: 'failed'; readonly error: string };

/**
 * One workspace folder: its analysis session, its settings, and the diagnostics it published.
 * Analyses are numbered; a result is published only if no edit arrived while it ran, so stale
 * results never replace newer ones.
 */
export class FolderAnalyzer {
  private session: AnalysisSession;
  private readonly published = new Set<string>();
  private revision = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastResult: AnalysisResult | undefined;
  /** What is on screen, as published: what gets saved for the next start. */
  private shown = new Map<string, Diagnostic[]>();
  private saveTimer: NodeJS.Timeout | undefined;
  private pendingSave: ((inSlices: boolean) => Promise<void>) | undefined;
  /** A save hashing in the background (it never rejects). */
  private saving: Promise<void> | undefined;
  /** The analysis running (settled when none), and the one queued after it. */
  private current: Promise<unknown> = Promise.resolve();
  private next: Promise<AnalysisOutcome> | undefined;

  constructor(
    readonly root: string,
    private settings: FolderSettings,
    private readonly trusted: boolean,
    private readonly sink: DiagnosticsSink,
    private readonly onAnalyzed: (outcome: AnalysisOutcome) => void,
    /** The client reports file changes on disk: the session need not stat every file per analysis. */
    private readonly watchesFiles = false,
    /** Where results are kept between editor sessions (none: not kept). */
    private readonly persistence?: (settings: FolderSettings) => PersistedResults,
  ) {
    this.session = this.createSession();
  }

  get findings(): number {
    return this.lastResult?.findings.length ?? 0;
  }

  /** The last published analysis: what the diagnostics on screen come from. */
  get result(): AnalysisResult | undefined {
    return this.lastResult;
  }

  /** True when `file` is inside this folder. */
  contains(file: string): boolean {
    const relative = path.relative(this.root, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  }

  /** The config file this folder reads (absolute). */
  get configFile(): string {
    return configFileOf(this.root, this.settings, this.trusted);
  }

  updateSettings(settings: FolderSettings): void {
    this.settings = settings;
    this.session = this.createSession();
    this.revision++;
  }

  setOverlay(file: string, text: string | undefined): void {
    this.session.setOverlay(file, text);
    this.revision++;
  }

  fileChanged(file: string): void {
    this.session.fileChanged(file);
    this.revision++;
  }

  structureChanged(): void {
    this.session.structureChanged();
    this.revision++;
  }

  configChanged(): void {
    this.session.configChanged();
    this.revision++;
  }

  /** Debounced analysis: the last call within `delayMs` wins. */
  schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.analyzeNow();
    }, delayMs);
  }

  /**
   * Analyzes and publishes, unless an edit arrives meanwhile (then a newer run is pending). Runs
   * one at a time: a call while one runs waits for it (which a newer edit makes stop early), and
   * calls made meanwhile share the next run.
   */
  analyzeNow(): Promise<AnalysisOutcome> {
    if (this.next) return this.next;
    const next = this.current.then(async () => {
      this.next = undefined;
      const outcome = await this.run();
      this.onAnalyzed(outcome);
      return outcome;
    });
    this.next = next;
    this.current = next.catch(() => {
      // Only waiting for the run to settle: its failure reaches whoever called analyzeNow.
    });
    return next;
  }

  /**
   * Shows the diagnostics an earlier editor session saved, when no input changed since (content
   * of every file, settings, server build). The first analysis replaces them. True if it did.
   */
  restore(): boolean {
    if (!this.settings.enable || !this.persistence) return false;
    try {
      const persisted = this.persistence(this.settings);
      const restored = persisted.load(persisted.inputsNow());
      if (!restored) return false;
      this.publishAll(restored.diagnostics);
      const count = [...restored.diagnostics.values()].reduce((sum, list) => sum + list.length, 0);
      this.sink.log(`${this.root}: showing ${count} diagnostics saved at ${restored.savedAt} (no input changed since) while the first analysis runs`);
      return true;
    } catch (error) {
      // A warm start is an optimization: the analysis runs anyway.
      this.sink.log(`${this.root}: saved results not restored: ${errorMessage(error)}`);
      return false;
    }
  }

  /** Saves a pending result now, in one go (the server is shutting down). */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const save = this.pendingSave;
    this.pendingSave = undefined;
    await this.saving;
    await save?.(false);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    void this.flush();
    this.publishAll(new Map());
  }

  private async run(): Promise<AnalysisOutcome> {
    if (!this.settings.enable) {
      this.publishAll(new Map());
      return { kind: 'disabled' };
    }
    const revision = this.revision;
    let result: AnalysisResult | undefined;
    try {
      result = await this.session.analyzeUnlessStale(
        () => revision !== this.revision,
        undefined,
        (read, total) => this.sink.filesRead?.(read, total),
      );
    } catch (error) {
      // An engine bug must not leave diagnostics of an older state behind: clear them, report it.
      const message = errorDetail(error);
      this.sink.log(`Analysis of ${this.root} failed: ${message}`);
      this.publishAll(new Map());
      return { kind: 'failed', error: errorMessage(error) };
    }
    // Let queued edits (didChange) arrive before deciding whether this result is still current.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!result) {
      this.sink.log(`${this.root}: analysis stopped: a newer change arrived`);
      return { kind: 'stale' };
    }
    if (revision !== this.revision) return { kind: 'stale' };
    this.lastResult = result;
    for (const problem of result.problems) this.sink.log(`${problem.file ? `${problem.file}: ` : ''}${problem.message}`);
    this.publishAll(diagnosticsByUri(result));
    this.sink.log(`${this.root}: ${result.findings.length} findings in ${result.stats.files} files (${result.stats.parsed} parsed) in ${Math.round(result.stats.durationMs)} ms`);
    this.saveSoon(revision, result);
    return { kind: 'published', result };
  }

  /**
   * Saves the published diagnostics for the next start once analyses pause, hashing the inputs
   * in slices so that edits are still answered (a newer analysis stops it).
   */
  private saveSoon(revision: number, result: AnalysisResult): void {
    if (!this.persistence) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const persisted = this.persistence(this.settings);
    const shown = this.shown;
    const save = async (inSlices: boolean): Promise<void> => {
      // Only results of the files as they are on disk are worth keeping: no edit since, no unsaved buffer.
      if (revision !== this.revision) return;
      try {
        const outcome = await persisted.save(shown, (file) => result.graph.files.get(file)?.text, inSlices ? () => revision !== this.revision : undefined);
        if (outcome?.kind === 'failed') this.sink.log(`${this.root}: results not saved for the next start: ${outcome.error}`);
      } catch (error) {
        this.sink.log(`${this.root}: results not saved for the next start: ${errorMessage(error)}`);
      }
    };
    this.pendingSave = save;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      if (this.pendingSave !== save) return;
      this.pendingSave = undefined;
      this.saving = save(true);
    }, PERSIST_DELAY_MS);
    this.saveTimer.unref();
  }

  private publishAll(byUri: ReadonlyMap<string, Diagnostic[]>): void {
    this.shown = new Map(byUri);
    for (const uri of this.published) if (!byUri.has(uri)) this.sink.set(uri, []);
    this.published.clear();
    for (const [uri, diagnostics] of byUri) {
      this.sink.set(uri, diagnostics);
      this.published.add(uri);
    }
    this.sink.flush();
  }

  /**
   * Records every current finding (of the files on disk) in the baseline file and re-analyzes:
   * from now on only new findings are shown. Returns how many were recorded.
   */
  writeBaseline(): number {
    const result = new AnalysisSession({ ...this.sessionOptions(), useBaseline: false }).analyze();
    const baseline = toBaseline(result.findings, result.root, (file) => result.graph.files.get(file)?.text);
    fs.writeFileSync(path.join(this.root, BASELINE_FILE_NAME), `${JSON.stringify(baseline, null, 2)}\n`);
    this.configChanged();
    this.schedule(0);
    return baseline.findings.length;
  }

  private createSession(): AnalysisSession {
    return new AnalysisSession(this.sessionOptions());
  }

  private sessionOptions(): SessionOptions {
    return {
      root: this.root,
      ...(this.trusted ? (this.settings.configPath ? { configPath: this.settings.configPath } : {}) : { ignoreConfigFile: true }),
      severityOverrides: this.settings.rules,
      watchesFiles: this.watchesFiles,
    };
  }
}

/** The config file a folder reads (absolute): `layerguard.configPath` in a trusted workspace, else `layerguard.json`. */
export function configFileOf(root: string, settings: FolderSettings, trusted: boolean): string {
  return path.resolve(root, trusted && settings.configPath ? settings.configPath : CONFIG_FILE_NAME).replace(/\\/g, '/');
}

function diagnosticsByUri(result: AnalysisResult): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  const add = (uri: string, diagnostic: Diagnostic) => {
    const list = byUri.get(uri);
    if (list) list.push(diagnostic);
    else byUri.set(uri, [diagnostic]);
  };
  for (const error of result.configErrors) add(fileToUri(error.file), configErrorToDiagnostic(error));
  for (const warning of result.configWarnings) add(fileToUri(warning.file), configWarningToDiagnostic(warning));
  for (const finding of result.findings) add(fileToUri(finding.file), toDiagnostic(finding));
  return byUri;
}
