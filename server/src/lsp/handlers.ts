import { TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { analyzeWorkspace } from '../engine';
import { toDiagnostic } from './convert';

/**
 * First cut of the server: analyzes each workspace folder on start and on save, publishes the
 * findings as diagnostics. In-memory (unsaved) analysis, pull diagnostics, settings and progress
 * come with the language-server issue.
 */
export function registerHandlers(connection: Connection): void {
  let folders: string[] = [];
  const published = new Set<string>();

  const analyzeAll = (): void => {
    const byUri = new Map<string, ReturnType<typeof toDiagnostic>[]>();
    for (const folder of folders) {
      const result = analyzeWorkspace({ root: folder });
      for (const problem of result.problems) connection.console.info(`${problem.file ?? ''} ${problem.message}`);
      for (const finding of result.findings) {
        const uri = URI.file(finding.file).toString();
        byUri.set(uri, [...(byUri.get(uri) ?? []), toDiagnostic(finding)]);
      }
    }
    for (const uri of published) if (!byUri.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.clear();
    for (const [uri, diagnostics] of byUri) {
      published.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
  };

  connection.onInitialize((params): InitializeResult => {
    folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (folders.length === 0 && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    return { capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.None, save: true } } };
  });
  connection.onInitialized(() => analyzeAll());
  connection.onDidSaveTextDocument(() => analyzeAll());
}
