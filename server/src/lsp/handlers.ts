import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Diagnostic,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { BASELINE_FILE_NAME, CONFIG_FILE_NAME, ENGINE_VERSION } from '../engine';
import { AnalyzeWorkspaceRequest, StatusNotification, type InitializationOptions } from '../protocol';
import { uriToFile } from './convert';
import { PullChannel, PushChannel, type DiagnosticsChannel } from './diagnostics-channel';
import { FolderAnalyzer, type AnalysisOutcome } from './folder-analyzer';
import { coerceSettings, DEFAULT_SETTINGS, type FolderSettings } from './settings';

/** Typing pauses shorter than this do not start an analysis. */
export const EDIT_DEBOUNCE_MS = 120;
const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/i;
const PROJECT_FILE = /^(?:tsconfig.*|jsconfig)\.json$/i;

/**
 * Adapts LSP requests and notifications to one `FolderAnalyzer` per workspace folder. Diagnostics
 * are pulled by clients that support it (with refresh), pushed to the others.
 */
export function registerHandlers(connection: Connection): void {
  const server = new LayerguardServer(connection);
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize((params) => server.initialize(params));
  connection.onInitialized(() => void server.initialized());
  connection.onDidChangeConfiguration(() => void guard(connection, 'settings change', () => server.reloadSettings()));
  connection.onDidChangeWatchedFiles((params) => guard(connection, 'watched files', () => server.filesChanged(params.changes)));
  connection.onRequest(AnalyzeWorkspaceRequest.method, () => server.analyzeWorkspace());
  connection.languages.diagnostics.on((params) => server.pull.document(params));
  connection.languages.diagnostics.onWorkspace((params, token) => server.pull.workspace(params, token));
  documents.onDidChangeContent((event) => guard(connection, 'edit', () => server.documentChanged(event.document.uri, event.document.getText())));
  documents.onDidClose((event) => guard(connection, 'close', () => server.documentChanged(event.document.uri, undefined)));
  documents.listen(connection);
}

/** Runs a handler so that an exception is logged and the server keeps serving. */
function guard(connection: Connection, what: string, run: () => unknown): void {
  try {
    const result = run();
    if (result instanceof Promise) result.catch((error: unknown) => connection.console.error(`Layerguard ${what} failed: ${describe(error)}`));
  } catch (error) {
    connection.console.error(`Layerguard ${what} failed: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

class LayerguardServer {
  readonly pull: PullChannel;
  private channel: DiagnosticsChannel;
  private folders: FolderAnalyzer[] = [];
  private folderRoots: string[] = [];
  private capabilities: ClientCapabilities = {};
  private trusted = true;

  constructor(private readonly connection: Connection) {
    this.pull = new PullChannel(connection);
    this.channel = new PushChannel(connection);
  }

  initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const pullSupported = params.capabilities.textDocument?.diagnostic !== undefined && params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    if (pullSupported) this.channel = this.pull;
    this.trusted = (params.initializationOptions as InitializationOptions | undefined)?.trusted !== false;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folderRoots = uris.map((u) => URI.parse(u).fsPath.replace(/\\/g, '/'));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pullSupported ? { diagnosticProvider: { identifier: 'layerguard', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'layerguard', version: ENGINE_VERSION },
    };
  }

  async initialized(): Promise<void> {
    if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: `**/${CONFIG_FILE_NAME}` },
          { globPattern: `**/${BASELINE_FILE_NAME}` },
          { globPattern: '**/{tsconfig*.json,jsconfig.json}' },
          { globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' },
        ],
      });
    }
    if (this.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'layerguard' });
    }
    if (!this.trusted) this.connection.console.info('Untrusted workspace: layerguard.json and layerguard.configPath are ignored; defaults apply.');
    const settings = await Promise.all(this.folderRoots.map((root) => this.settingsFor(root)));
    this.folders = this.folderRoots.map((root, i) => this.createFolder(root, settings[i] ?? DEFAULT_SETTINGS));
    await this.withProgress('Analyzing workspace', () => this.analyzeAll());
  }

  async reloadSettings(): Promise<void> {
    for (const folder of this.folders) folder.updateSettings(await this.settingsFor(folder.root));
    await this.analyzeAll();
  }

  documentChanged(uri: string, text: string | undefined): void {
    const file = uriToFile(uri);
    const folder = file ? this.folderOf(file) : undefined;
    if (!file || !folder || !SOURCE_FILE.test(file)) return;
    folder.setOverlay(file, text);
    folder.schedule(EDIT_DEBOUNCE_MS);
  }

  filesChanged(changes: readonly FileEvent[]): void {
    const touched = new Set<FolderAnalyzer>();
    for (const change of changes) {
      const file = uriToFile(change.uri);
      const folder = file ? this.folderOf(file) : undefined;
      if (!file || !folder) continue;
      const name = path.basename(file);
      if (file === folder.configFile || name === CONFIG_FILE_NAME || name === BASELINE_FILE_NAME) folder.configChanged();
      else if (PROJECT_FILE.test(name) || change.type !== FileChangeType.Changed) folder.structureChanged();
      else if (SOURCE_FILE.test(name)) folder.fileChanged(file);
      else continue;
      touched.add(folder);
    }
    for (const folder of touched) folder.schedule(EDIT_DEBOUNCE_MS);
  }

  async analyzeWorkspace(): Promise<AnalyzeWorkspaceRequest.Result> {
    const started = performance.now();
    for (const folder of this.folders) folder.configChanged();
    const outcomes = await this.withProgress('Analyzing workspace', () => this.analyzeAll());
    let files = 0;
    for (const outcome of outcomes) if (outcome.kind === 'published') files += outcome.result.stats.files;
    return { folders: this.folders.length, files, findings: this.totalFindings(), durationMs: Math.round(performance.now() - started) };
  }

  private createFolder(root: string, settings: FolderSettings): FolderAnalyzer {
    const channel = this.channel;
    const sink = {
      set: (uri: string, diagnostics: Diagnostic[]) => channel.set(uri, diagnostics),
      flush: () => channel.flush(),
      log: (message: string) => this.connection.console.log(message),
    };
    return new FolderAnalyzer(root, settings, this.trusted, sink, (outcome) => this.reportStatus(outcome));
  }

  private async analyzeAll(): Promise<AnalysisOutcome[]> {
    this.sendStatus({ state: 'analyzing', findings: this.totalFindings() });
    const outcomes: AnalysisOutcome[] = [];
    for (const folder of this.folders) outcomes.push(await folder.analyzeNow());
    return outcomes;
  }

  private reportStatus(outcome: AnalysisOutcome): void {
    if (outcome.kind === 'stale') return;
    if (outcome.kind === 'failed') this.sendStatus({ state: 'error', findings: this.totalFindings(), message: outcome.error });
    else this.sendStatus({ state: 'ready', findings: this.totalFindings() });
  }

  private sendStatus(params: StatusNotification.Params): void {
    void this.connection.sendNotification(StatusNotification.method, params);
  }

  private totalFindings(): number {
    return this.folders.reduce((sum, f) => sum + f.findings, 0);
  }

  /** The innermost workspace folder containing the file. */
  private folderOf(file: string): FolderAnalyzer | undefined {
    return this.folders.filter((f) => f.contains(file)).sort((a, b) => b.root.length - a.root.length)[0];
  }

  private async settingsFor(root: string): Promise<FolderSettings> {
    if (!this.capabilities.workspace?.configuration) return DEFAULT_SETTINGS;
    const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: URI.file(root).toString(), section: 'layerguard' });
    return coerceSettings(raw, (message) => this.connection.console.warn(message));
  }

  private async withProgress<T>(title: string, run: () => Promise<T>): Promise<T> {
    if (!this.capabilities.window?.workDoneProgress) return run();
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin(`Layerguard: ${title}`, undefined, `${this.folders.length} folder(s)`);
    try {
      return await run();
    } finally {
      progress.done();
    }
  }
}
