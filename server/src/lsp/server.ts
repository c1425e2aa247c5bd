import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CompletionList,
  type Diagnostic,
  type Connection,
  type Hover,
  type Position,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { architectureView, installedPackages, RULES, VIEW_GROUPINGS, BASELINE_FILE_NAME, CONFIG_FILE_NAME, ENGINE_VERSION, toGraphJson, type AnalysisResult, type Fix } from '../engine';
import {
  AnalyzeWorkspaceRequest,
  Commands,
  StatusNotification,
  type ConfigureArchitectureArgs,
  type ConfigureArchitectureResult,
  type FixCommandArgs,
  type ArchitectureViewRequest,
  type GraphRequest,
  type GenerateResourceArgs,
  type GenerateResourceResult,
  type InitializationOptions,
  type RefactorArgs,
} from '../protocol';
import { ArchitectureSetup } from './architecture';
import { CodeActions, FIX_ALL_KIND } from './code-actions';
import { commandArgument } from './command-args';
import { explanationOf, hoverAt } from './explain';
import { REFACTOR_KINDS } from './refactors';
import { snippetCompletions } from './snippets';
import { fileToUri, ruleDocLink, uriToFile } from './convert';
import { PullChannel, PushChannel, type DiagnosticsChannel } from './diagnostics-channel';
import { configFileOf, FolderAnalyzer, type AnalysisOutcome } from './folder-analyzer';
import { PersistedResults } from './persisted-results';
import { fixSummary, spansFiles } from './versioned-edit';
import { coerceSettings, DEFAULT_SETTINGS, type FolderSettings } from './settings';
import { errorDetail, errorMessage } from '../engine/errors';

/**
 * How long an edit waits before its analysis starts. None: an edit re-checks only what it can
 * change (~20 ms on a 1,000-file backend, ~80 ms at 5,000), so waiting would be most of the
 * latency. Bursts are still batched: changes that arrived together are applied before the timer
 * fires, and changes that arrive while an analysis runs make its result stale (it is not
 * published) and schedule the next one, which sees them all.
 */
export const EDIT_DEBOUNCE_MS = 0;
const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/i;
/** Files that change which projects, packages or layers there are: tsconfigs, package manifests, workspace lists. */
const PROJECT_FILE = /^(?:(?:tsconfig.*|jsconfig|package)\.json|pnpm-workspace\.yaml)$/i;

export class LayerguardServer {
  readonly pull: PullChannel;
  private channel: DiagnosticsChannel;
  private folders: FolderAnalyzer[] = [];
  /** The progress shown while the whole workspace is analyzed, which reading files reports to. */
  private progress: WorkDoneProgressServerReporter | undefined;
  /** The client watches the workspace's files for us (registered in `initialized`). */
  private watchesFiles = false;
  private folderRoots: string[] = [];
  private capabilities: ClientCapabilities = {};
  private trusted = true;
  private promptsForReason = false;
  private storagePath: string | undefined;
  readonly codeActions: CodeActions;
  private readonly architecture = new ArchitectureSetup();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    this.pull = new PullChannel(connection);
    this.channel = new PushChannel(connection);
    this.codeActions = new CodeActions({
      resultFor: (file) => this.folderOf(file)?.result,
      document: (uri) => this.documents.get(uri),
      promptsForReason: () => this.promptsForReason,
      confirmsEdits: () => this.capabilities.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
      log: (message) => connection.console.warn(message),
    });
  }

  /** The server's commands; an error is logged and shown to the user, and the server keeps serving. */
  async executeCommand(command: string, args: readonly unknown[]): Promise<unknown> {
    try {
      return await this.runCommand(command, args);
    } catch (error) {
      this.connection.console.error(`Layerguard ${command} failed: ${errorDetail(error)}`);
      void this.connection.window.showErrorMessage(`Layerguard: ${command} failed: ${errorMessage(error)}`);
    }
    return undefined;
  }

  private runCommand(command: string, args: readonly unknown[]): unknown {
    switch (command) {
      case Commands.createBaseline:
        commandArgument(command, 'createBaseline', args);
        return this.createBaseline();
      case Commands.applyFix:
        return this.applyFix(commandArgument(command, 'fix', args));
      case Commands.addToBaseline:
        return void this.connection.window.showInformationMessage(`Layerguard: ${this.codeActions.addToBaseline(commandArgument(command, 'findingRef', args))}`);
      case Commands.refactorChoices:
        return this.codeActions.refactors.choices(commandArgument(command, 'refactor', args));
      case Commands.applyRefactor:
        return this.applyRefactor(commandArgument(command, 'refactor', args));
      case Commands.generateResource:
        return this.generateResource(commandArgument(command, 'generate', args));
      case Commands.configureArchitecture:
        return this.configureArchitecture(commandArgument(command, 'architecture', args));
      case Commands.showDocumentation:
        return this.showDocumentation(commandArgument(command, 'docs', args).ruleId);
      case Commands.fixAllSafe:
        return this.fixAllSafe(commandArgument(command, 'fixAll', args).uri);
      default:
        throw new Error(`unknown command ${command}`);
    }
  }

  /** The page opens in the client: a web page in the browser, the shipped Markdown as the client shows files (VS Code's client renders it). */
  private async showDocumentation(ruleId: string): Promise<void> {
    if (!RULES.some((rule) => rule.meta.id === ruleId)) throw new Error(`unknown rule "${ruleId}"`);
    const uri = ruleDocLink(ruleId);
    const shown = this.capabilities.window?.showDocument?.support === true && (await this.connection.window.showDocument({ uri, external: !uri.startsWith('file:') })).success;
    if (!shown) void this.connection.window.showInformationMessage(`Layerguard: the documentation of ${ruleId} is at ${uri}`);
  }

  /** Every safe fix of a file, or of the workspace, applied in one edit; says what it did. */
  private async fixAllSafe(uri: string | undefined): Promise<string> {
    const file = uri !== undefined ? uriToFile(uri) : undefined;
    if (uri !== undefined && file === undefined) throw new Error(`not a file: ${uri}`);
    const results = file !== undefined ? [this.folderOf(file)?.result] : this.folders.map((f) => f.result);
    const outcome = this.codeActions.fixAllSafe(
      results.filter((r): r is AnalysisResult => r !== undefined),
      file,
    );
    const where = file !== undefined ? path.basename(file) : 'the workspace';
    if (!outcome) return `Layerguard: no safe fix to apply in ${where}.`;
    if ('error' in outcome) return `Layerguard: ${outcome.error}`;
    const applied = await this.connection.workspace.applyEdit({ label: 'Fix all safe problems', edit: outcome.edit });
    if (!applied.applied) return `Layerguard: the editor did not apply the fixes${applied.failureReason ? `: ${applied.failureReason}` : ''}.`;
    return `Layerguard: ${outcome.fixes} safe fix(es) applied in ${outcome.files} file(s) of ${where}.`;
  }

  private createBaseline(): string {
    const recorded = this.folders.reduce((sum, folder) => sum + folder.writeBaseline(), 0);
    return `${recorded} finding(s) recorded in ${BASELINE_FILE_NAME}; only new findings are reported from now on.`;
  }

  private async applyFix(args: FixCommandArgs): Promise<void> {
    const outcome = this.codeActions.editFor(args);
    if ('error' in outcome) return void this.connection.window.showWarningMessage(`Layerguard: ${outcome.error}`);
    const applied = await this.connection.workspace.applyEdit({ label: args.title, edit: outcome.edit });
    if (applied.applied) await this.announceApplied(outcome.fix);
  }

  private async applyRefactor(args: RefactorArgs): Promise<{ applied: string } | { error: string }> {
    const outcome = this.codeActions.refactors.editFor(args);
    if ('error' in outcome) return outcome;
    const applied = await this.connection.workspace.applyEdit({ label: outcome.fix.title, edit: outcome.edit });
    if (!applied.applied) return { error: applied.failureReason ?? 'The editor did not apply the change (or the preview was cancelled).' };
    await this.announceApplied(outcome.fix);
    return { applied: outcome.fix.title };
  }

  /** After a change of several files: one line saying what changed, and the files it created, opened. */
  private async announceApplied(fix: Fix): Promise<void> {
    if (!spansFiles(fix)) return;
    void this.connection.window.showInformationMessage(`Layerguard: ${fixSummary(fix)}`);
    if (this.capabilities.window?.showDocument?.support !== true) return;
    for (const [i, created] of (fix.createFiles ?? []).entries()) await this.connection.window.showDocument({ uri: fileToUri(created.file), takeFocus: i === 0 });
  }

  private async generateResource(args: GenerateResourceArgs): Promise<GenerateResourceResult> {
    const root = URI.parse(args.folderUri).fsPath.replace(/\\/g, '/');
    const folder = this.folders.find((f) => f.root === root);
    const result = folder?.result;
    if (!result) return { error: 'The folder has not been analyzed yet; wait for the analysis to finish.' };
    const outcome = this.codeActions.refactors.generate(result, args.name);
    if ('error' in outcome) return outcome;
    if (args.preview === true) return { files: outcome.files, changed: outcome.changed };
    const applied = await this.connection.workspace.applyEdit({ label: `Generate ${args.name}`, edit: outcome.edit });
    return applied.applied ? { files: outcome.files, changed: outcome.changed } : { error: applied.failureReason ?? 'The editor did not create the files.' };
  }

  /** Configure Architecture…: propose, or write the chosen configuration and open it. */
  private async configureArchitecture(args: ConfigureArchitectureArgs): Promise<ConfigureArchitectureResult> {
    const root = URI.parse(args.folderUri).fsPath.replace(/\\/g, '/');
    if (!this.folders.some((f) => f.root === root)) return { error: 'That folder is not open in the editor.' };
    if (args.write === undefined) return this.proposeArchitecture(root);
    const outcome = this.architecture.write(root, args.write, args.replace === true);
    if ('written' in outcome && this.capabilities.window?.showDocument?.support === true) await this.connection.window.showDocument({ uri: fileToUri(outcome.written), takeFocus: true });
    return outcome;
  }

  /** The proposal, with the analyses it runs shown as work-done progress when the client can show it. */
  private async proposeArchitecture(root: string): Promise<ConfigureArchitectureResult> {
    if (this.capabilities.window?.workDoneProgress !== true) return this.architecture.propose(root);
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('Layerguard: inspecting the architecture', 0, 'analyzing the code');
    try {
      return await this.architecture.propose(root, (done, total) => progress.report(Math.round((100 * done) / total), `${done} of at most ${total} analyses`));
    } finally {
      progress.done();
    }
  }

  /** A hover on an import, an injection or a class name: the layer and its evidence. */
  hover(uri: string, position: Position): Hover | null {
    const document = this.documents.get(uri);
    const file = uriToFile(uri);
    const result = file ? this.folderOf(file)?.result : undefined;
    if (!document || !file || !result) return null;
    return hoverAt(result, file, document.getText(), document.offsetAt(position));
  }

  /** The snippets as completions, for the packages the file's project installs (its folder's, when outside every project). */
  completion(uri: string, position: Position): CompletionList | null {
    const document = this.documents.get(uri);
    const file = uriToFile(uri);
    if (!document || !file) return null;
    const linePrefix = document.getText({ start: { line: position.line, character: 0 }, end: position });
    const root = this.folderOf(file)?.root ?? path.dirname(file);
    return snippetCompletions(document.languageId, linePrefix, position, () => installedPackages(file, root));
  }

  /** `layerguard/explainFile`: the whole explanation of a file's layer, as Markdown. */
  explainFile(uri: string): string | null {
    const file = uriToFile(uri);
    const result = file ? this.folderOf(file)?.result : undefined;
    return file && result ? explanationOf(result, file) : null;
  }

  /** `layerguard/graph`: the analyzed graph of the workspace folder holding the URI, findings on its edges. */
  graphOf(uri: string): GraphRequest.Result {
    const analyzed = this.analyzedFolderOf(uri);
    return analyzed ? { root: analyzed.root, ...toGraphJson(analyzed.result.graph, analyzed.result.findings) } : null;
  }

  /** `layerguard/architectureView`: what the architecture view draws for the folder holding the URI. */
  architectureViewOf(uri: string, groupBy?: ArchitectureViewRequest.Params['groupBy']): ArchitectureViewRequest.Result | null {
    const analyzed = this.analyzedFolderOf(uri);
    if (!analyzed) return null;
    // Another client may send anything: an unknown grouping is the default.
    const known = VIEW_GROUPINGS.find((g) => g === groupBy);
    const options = { baselined: analyzed.result.baselinedFindings, ...(known ? { groupBy: known } : {}) };
    return { root: analyzed.root, view: architectureView(analyzed.result.graph, analyzed.result.findings, options) };
  }

  /** The workspace folder holding the URI (as a URI) and its last analysis, when there is one. */
  private analyzedFolderOf(uri: string): { root: string; result: AnalysisResult } | undefined {
    const file = uriToFile(uri);
    const folder = file ? this.folderOf(file) : undefined;
    const result = folder?.result;
    return folder && result ? { root: URI.file(folder.root).toString(), result } : undefined;
  }

  initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const pullSupported = params.capabilities.textDocument?.diagnostic !== undefined && params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    if (pullSupported) this.channel = this.pull;
    const options = params.initializationOptions as InitializationOptions | undefined;
    this.trusted = options?.trusted !== false;
    this.promptsForReason = options?.promptsForReason === true;
    this.storagePath = typeof options?.storagePath === 'string' && options.storagePath !== '' ? options.storagePath : undefined;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folderRoots = uris.map((u) => URI.parse(u).fsPath.replace(/\\/g, '/'));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        // `-` asks again inside a prefix (`lg-`), where the word the editor sees starts over.
        completionProvider: { triggerCharacters: ['-'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ...Object.values(REFACTOR_KINDS), FIX_ALL_KIND] },
        executeCommandProvider: {
          commands: [
            Commands.applyFix,
            Commands.addToBaseline,
            Commands.createBaseline,
            Commands.refactorChoices,
            Commands.applyRefactor,
            Commands.generateResource,
            Commands.configureArchitecture,
            Commands.showDocumentation,
            Commands.fixAllSafe,
          ],
        },
        ...(pullSupported ? { diagnosticProvider: { identifier: 'layerguard', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'layerguard', version: ENGINE_VERSION },
    };
  }

  async initialized(): Promise<void> {
    if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      this.watchesFiles = true;
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: `**/${CONFIG_FILE_NAME}` },
          { globPattern: `**/${BASELINE_FILE_NAME}` },
          { globPattern: '**/{tsconfig*.json,jsconfig.json,package.json,pnpm-workspace.yaml}' },
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
    for (const folder of this.folders) folder.restore();
    await this.withProgress('Analyzing workspace', () => this.analyzeAll());
  }

  /** The editor is closing: results waiting to be saved for the next start are saved now. */
  async shutdown(): Promise<void> {
    for (const folder of this.folders) await folder.flush();
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
      filesRead: (read: number, total: number) => this.progress?.report(Math.min(99, Math.round((100 * read) / Math.max(1, total))), `${read}/${total} files`),
    };
    const storage = this.storagePath;
    const trusted = this.trusted;
    const persistence = storage ? (current: FolderSettings) => PersistedResults.in(storage, root, { settings: current, trusted }, configFileOf(root, current, trusted)) : undefined;
    return new FolderAnalyzer(root, settings, this.trusted, sink, (outcome) => this.reportStatus(outcome), this.watchesFiles, persistence);
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
    else this.sendStatus({ state: 'ready', findings: this.totalFindings(), ...this.statusDetails() });
  }

  private sendStatus(params: StatusNotification.Params): void {
    void this.connection.sendNotification(StatusNotification.method, params);
  }

  /** What the status bar's menu shows: counts by severity, the baselined, the first config error. */
  private statusDetails(): Partial<StatusNotification.Params> {
    const results = this.folders.flatMap((f) => (f.result ? [f.result] : []));
    const count = (severity: string) => results.reduce((sum, r) => sum + r.findings.filter((f) => f.severity === severity).length, 0);
    const configError = results.flatMap((r) => r.configErrors)[0];
    return {
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      baselined: results.reduce((sum, r) => sum + r.stats.baselined, 0),
      filesWithFindings: results.reduce((sum, r) => sum + new Set(r.findings.map((f) => f.file)).size, 0),
      files: results.reduce((sum, r) => sum + r.stats.files, 0),
      ...(configError ? { configError: { uri: fileToUri(configError.file), line: configError.start?.line ?? 0, message: configError.message } } : {}),
    };
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
    progress.begin(`Layerguard: ${title}`, 0, `${this.folders.length} folder(s)`);
    this.progress = progress;
    try {
      return await run();
    } finally {
      if (this.progress === progress) this.progress = undefined;
      progress.done();
    }
  }
}
