import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { FirstRunSummary } from './first-run';
import { showRuleDocsRendered } from './rule-docs';
import { StatusNotification, type InitializationOptions } from '../../server/src/protocol';
import { registerCommands, type ClientControls } from './commands';
import { StatusItem } from './status';
import { ArchitecturePanel } from './architecture-panel';
import { LayersTree } from './layers-tree';

/** Restarts allowed within the window before the client gives up and says so. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Builds the language client, its error handling, status item and commands. */
export class LayerguardClient implements ClientControls {
  private client: LanguageClient | undefined;
  private readonly output = vscode.window.createOutputChannel('Layerguard', { log: true });
  private readonly status = new StatusItem();
  private readonly firstRun: FirstRunSummary;
  private readonly activatedAt = performance.now();
  private readonly layers = new LayersTree(() => this.client);
  private readonly restarts: number[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.firstRun = new FirstRunSummary(context);
    context.subscriptions.push(this.output, this.status, this.timeFirstDiagnostics());
    registerCommands(context, this);
    context.subscriptions.push(vscode.commands.registerCommand('layerguard.statusMenu', () => this.status.showMenu()));
    context.subscriptions.push(this.layers, vscode.window.registerTreeDataProvider('layerguard.layers', this.layers));
    // A workspace that becomes trusted may now use its layerguard.json: restart with it.
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()));
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  showOutput(): void {
    this.output.show(true);
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    // The workspace's own storage: results saved there let the next start show diagnostics at once.
    const storagePath = this.context.storageUri?.fsPath;
    const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted, promptsForReason: true, ...(storagePath ? { storagePath } : {}) };
    const clientOptions: LanguageClientOptions = {
      documentSelector: ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'].map((language) => ({ scheme: 'file', language })),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions,
      errorHandler: this.errorHandler(),
      middleware: { window: { showDocument: showRuleDocsRendered } },
    };
    this.client = new LanguageClient('layerguard', 'Layerguard', serverOptions, clientOptions);
    this.status.analyzing();
    this.client.onNotification(StatusNotification.method, (params: StatusNotification.Params) => {
      this.status.update(params);
      this.firstRun.onStatus(params, (message) => this.output.appendLine(message));
      if (params.state !== 'ready') return;
      ArchitecturePanel.refreshOpen();
      this.layers.refresh().catch((error: unknown) => this.output.appendLine(`The Layers view could not be refreshed: ${String(error)}`));
    });
    try {
      await this.client.start();
    } catch (error) {
      this.status.failed(`The Layerguard server did not start: ${String(error)}`);
      this.output.appendLine(`Start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  /**
   * Logs once how long after activation the first diagnostics were shown (pushed or pulled): the
   * start-up benchmark (`scripts/bench/activation.mjs`) reads it from the output channel's log.
   */
  private timeFirstDiagnostics(): vscode.Disposable {
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      const shown = event.uris.some((uri) => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'layerguard'));
      if (!shown) return;
      listener.dispose();
      this.output.info(`first diagnostics ${Math.round(performance.now() - this.activatedAt)} ms after activation`);
    });
    return listener;
  }

  async restart(): Promise<void> {
    await this.client?.stop().catch((error: unknown) => this.output.appendLine(`Stop failed: ${String(error)}`));
    this.client = undefined;
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.client?.stop();
    this.client = undefined;
  }

  /** Restart a crashed server a few times; then stop, say so, and point at the output. */
  private errorHandler(): ErrorHandler {
    return {
      error: () => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        this.restarts.push(now);
        while (this.restarts.length > 0 && now - (this.restarts[0] ?? now) > RESTART_WINDOW_MS) this.restarts.shift();
        if (this.restarts.length <= MAX_RESTARTS) {
          this.output.appendLine(`The Layerguard server stopped; restarting (${this.restarts.length}/${MAX_RESTARTS}).`);
          this.status.analyzing();
          return { action: CloseAction.Restart };
        }
        const message = `The Layerguard server crashed ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted. See the output, then run "Layerguard: Restart Server".`;
        this.status.failed(message);
        return { action: CloseAction.DoNotRestart, message };
      },
    };
  }
}
