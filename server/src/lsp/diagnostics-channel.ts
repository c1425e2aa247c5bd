import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';

/** Where a folder analyzer's diagnostics go: pushed to the client, or kept for it to pull. */
export interface DiagnosticsChannel {
  set(uri: string, diagnostics: Diagnostic[]): void;
  /** One analysis finished setting its diagnostics. */
  flush(): void;
}

/** `textDocument/publishDiagnostics`: for clients without pull diagnostics (Neovim 0.7…). */
export class PushChannel implements DiagnosticsChannel {
  constructor(private readonly connection: Connection) {}

  set(uri: string, diagnostics: Diagnostic[]): void {
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  flush(): void {
    // Pushed diagnostics are delivered by set(); nothing is batched.
  }
}

interface Entry {
  readonly resultId: string;
  readonly items: Diagnostic[];
}

/**
 * Pull diagnostics (LSP 3.17): keeps the latest diagnostics per document with a result id. The
 * client pulls open documents (`textDocument/diagnostic`) and the workspace
 * (`workspace/diagnostic`, answered as a long poll: it returns when something changed); after each
 * analysis the client is asked to pull again (`workspace/diagnostic/refresh`).
 */
export class PullChannel implements DiagnosticsChannel {
  private readonly store = new Map<string, Entry>();
  private generation = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly connection: Connection) {}

  set(uri: string, diagnostics: Diagnostic[]): void {
    const previous = this.store.get(uri);
    if (previous && JSON.stringify(previous.items) === JSON.stringify(diagnostics)) return;
    // Cleared documents stay in the store with no items, so the next workspace report clears them.
    this.store.set(uri, { resultId: `${this.generation + 1}:${uri}`, items: diagnostics });
  }

  flush(): void {
    this.generation++;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
    void this.connection.languages.diagnostics.refresh().catch((error: unknown) => this.connection.console.log(`diagnostic refresh not delivered: ${String(error)}`));
  }

  document(params: DocumentDiagnosticParams): DocumentDiagnosticReport {
    const entry = this.store.get(params.textDocument.uri);
    if (!entry) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (params.previousResultId === entry.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: entry.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: entry.resultId, items: entry.items };
  }

  async workspace(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const known = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    let changed = this.changedSince(known);
    while (changed.length === 0 && !token.isCancellationRequested) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
      changed = this.changedSince(known);
    }
    return { items: changed };
  }

  private changedSince(known: ReadonlyMap<string, string>): WorkspaceDocumentDiagnosticReport[] {
    const reports: WorkspaceDocumentDiagnosticReport[] = [];
    for (const [uri, entry] of this.store) {
      if (known.get(uri) === entry.resultId) continue;
      reports.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: entry.resultId, items: entry.items });
    }
    return reports;
  }
}
