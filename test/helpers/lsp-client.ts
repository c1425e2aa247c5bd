import type { StatusNotification } from '../../server/src/protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

const SERVER = path.join(__dirname, '../../../dist/server.js');

export interface TestClientOptions {
  readonly root: string;
  /** `layerguard.*` settings returned to `workspace/configuration`. */
  settings?: Record<string, unknown>;
  readonly trusted?: boolean;
  /** Declare pull-diagnostics support (LSP 3.17), as VS Code does. */
  readonly pull?: boolean;
  /** `initializationOptions.storagePath`: where the server keeps results between sessions. */
  readonly storagePath?: string;
  /** Declare what VS Code declares for previews and opening files: change annotations and `window/showDocument`. */
  readonly previews?: boolean;
}

/**
 * A minimal LSP client speaking to the bundled server over stdio, as any editor would: it answers
 * the server's requests (configuration, registrations, progress) and records what it publishes.
 */
export class TestLspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly statuses: StatusNotification.Params[] = [];
  readonly logs: string[] = [];
  refreshes = 0;
  /** Edits the server asked to apply (`workspace/applyEdit`), and the messages it showed. */
  readonly appliedEdits: unknown[] = [];
  readonly shownMessages: { type: number; message: string }[] = [];
  /** Documents the server asked to show (`window/showDocument`). */
  readonly shownDocuments: { uri: string; takeFocus?: boolean }[] = [];
  private readonly process: ChildProcess;
  private readonly connection: ProtocolConnection;
  private readonly waiters = new Set<() => void>();
  private versions = new Map<string, number>();
  /** What the server registered dynamically (file watchers, configuration). */
  readonly registrations: unknown[] = [];
  /** The `$/progress` values the server reported (begin, report, end). */
  readonly progress: { kind: string; title?: string; message?: string; percentage?: number }[] = [];

  constructor(private readonly options: TestClientOptions) {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.notify();
    });
    this.connection.onNotification('layerguard/status', (params: StatusNotification.Params) => {
      this.statuses.push(params);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.options.settings ?? {}));
    this.connection.onRequest('client/registerCapability', (params: { registrations: unknown[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest('workspace/applyEdit', (params: { edit: unknown }) => {
      this.appliedEdits.push(params.edit);
      this.notify();
      return { applied: true };
    });
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.shownMessages.push(params);
      this.notify();
    });
    this.connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
      this.shownMessages.push(params);
      this.notify();
      return null;
    });
    this.connection.onRequest('window/showDocument', (params: { uri: string; takeFocus?: boolean }) => {
      this.shownDocuments.push(params);
      this.notify();
      return { success: true };
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (params: { value: { kind: string; title?: string; message?: string; percentage?: number } }) => {
      this.progress.push(params.value);
      this.notify();
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.notify();
      return null;
    });
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get root(): string {
    return this.options.root;
  }

  uri(relative: string): string {
    return URI.file(path.join(this.options.root, relative)).toString();
  }

  async start(): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: URI.file(this.options.root).toString(),
      workspaceFolders: [{ uri: URI.file(this.options.root).toString(), name: path.basename(this.options.root) }],
      capabilities: {
        workspace: {
          configuration: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'], ...(this.options.previews ? { changeAnnotationSupport: { groupsOnLabel: true } } : {}) },
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          ...(this.options.pull ? { diagnostics: { refreshSupport: true } } : {}),
        },
        window: { workDoneProgress: true, ...(this.options.previews ? { showDocument: { support: true } } : {}) },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
          ...(this.options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
      initializationOptions: { trusted: this.options.trusted ?? true, ...(this.options.storagePath ? { storagePath: this.options.storagePath } : {}) },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(relative: string, text: string): Promise<void> {
    this.versions.set(relative, 1);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(relative), languageId: 'typescript', version: 1, text } });
  }

  change(relative: string, text: string): Promise<void> {
    const version = (this.versions.get(relative) ?? 1) + 1;
    this.versions.set(relative, version);
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(relative), version }, contentChanges: [{ text }] });
  }

  /** The version of an open document, as last sent. */
  versionOf(relative: string): number | undefined {
    return this.versions.get(relative);
  }

  close(relative: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(relative) } });
  }

  filesChanged(changes: { relative: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: this.uri(c.relative), type: c.type })) });
  }

  changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.options.settings = settings;
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  diagnosticsOf(relative: string): Diagnostic[] {
    return this.diagnostics.get(this.uri(relative)) ?? [];
  }

  /** Waits until `check` holds after some message arrived; fails with `what` after the deadline. */
  async waitFor(what: string, check: () => boolean, timeoutMs = 15000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify([...this.diagnostics].map(([u, d]) => [path.basename(u), d.map((x) => messageText(x).slice(0, 60))]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(remaining, 200));
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }
}

/** LSP 3.18 allows markup in diagnostic messages; the server sends plain strings. */
export function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
