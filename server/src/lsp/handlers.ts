import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalyzeWorkspaceRequest, ArchitectureViewRequest, ExplainFileRequest, GraphRequest } from '../protocol';
import { errorDetail } from '../engine/errors';
import { LayerguardServer } from './server';

/**
 * Adapts LSP requests and notifications to one `FolderAnalyzer` per workspace folder. Diagnostics
 * are pulled by clients that support it (with refresh), pushed to the others.
 */
export function registerHandlers(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const server = new LayerguardServer(connection, documents);

  connection.onInitialize((params) => server.initialize(params));
  connection.onInitialized(() => guard(connection, 'initialization', () => server.initialized()));
  connection.onShutdown(() => server.shutdown().catch((error: unknown) => connection.console.error(`Layerguard shutdown failed: ${errorDetail(error)}`)));
  connection.onDidChangeConfiguration(() => void guard(connection, 'settings change', () => server.reloadSettings()));
  connection.onDidChangeWatchedFiles((params) => guard(connection, 'watched files', () => server.filesChanged(params.changes)));
  connection.onRequest(AnalyzeWorkspaceRequest.method, () => server.analyzeWorkspace());
  connection.onRequest(ExplainFileRequest.method, (params: ExplainFileRequest.Params) => guardValue(connection, 'explain', null, () => server.explainFile(params.uri)));
  connection.onRequest(GraphRequest.method, (params: GraphRequest.Params) => guardValue(connection, 'graph', null, () => server.graphOf(params.uri)));
  connection.onRequest(ArchitectureViewRequest.method, (params: ArchitectureViewRequest.Params) =>
    guardValue(connection, 'architecture view', null, () => server.architectureViewOf(params.uri, params.groupBy)),
  );
  connection.onCompletion((params) => guardValue(connection, 'completion', null, () => server.completion(params.textDocument.uri, params.position)));
  connection.onHover((params) => guardValue(connection, 'hover', null, () => server.hover(params.textDocument.uri, params.position)));
  connection.languages.diagnostics.on((params) => server.pull.document(params));
  connection.languages.diagnostics.onWorkspace((params, token) => server.pull.workspace(params, token));
  connection.onCodeAction((params) => guardValue(connection, 'code actions', [], () => server.codeActions.provide(params)));
  connection.onExecuteCommand((params) => server.executeCommand(params.command, params.arguments ?? []));
  documents.onDidChangeContent((event) => guard(connection, 'edit', () => server.documentChanged(event.document.uri, event.document.getText())));
  documents.onDidClose((event) => guard(connection, 'close', () => server.documentChanged(event.document.uri, undefined)));
  documents.listen(connection);
}

/** Runs a handler so that an exception is logged and the server keeps serving. */
function guard(connection: Connection, what: string, run: () => unknown): void {
  try {
    const result = run();
    if (result instanceof Promise) result.catch((error: unknown) => connection.console.error(`Layerguard ${what} failed: ${errorDetail(error)}`));
  } catch (error) {
    connection.console.error(`Layerguard ${what} failed: ${errorDetail(error)}`);
  }
}

/** Like `guard`, for requests that answer: a failure is logged and answered with `fallback`. */
function guardValue<T>(connection: Connection, what: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    connection.console.error(`Layerguard ${what} failed: ${errorDetail(error)}`);
    return fallback;
  }
}
