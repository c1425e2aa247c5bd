import * as vscode from 'vscode';
import { AnalyzeWorkspaceRequest } from '../../server/src/protocol';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What the commands need from the client (declared here so commands do not import the client). */
export interface ClientControls {
  readonly languageClient: LanguageClient | undefined;
  restart(): Promise<void>;
  showOutput(): void;
}

// The editor validates this file with the bundled schema (contributes.jsonValidation).
const CONFIG_TEMPLATE = `{
  // Layers are found without configuration; add patterns, layers or policy changes here.
  "layers": {},
  "dependencies": {},
  "rules": {}
}
`;

/** The palette commands (category "Layerguard", declared in package.json). */
export function registerCommands(context: vscode.ExtensionContext, client: ClientControls): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('layerguard.analyzeWorkspace', () => analyzeWorkspace(client)),
    vscode.commands.registerCommand('layerguard.restartServer', () => client.restart()),
    vscode.commands.registerCommand('layerguard.showOutput', () => client.showOutput()),
    vscode.commands.registerCommand('layerguard.openConfiguration', () => openConfiguration()),
  );
}

async function analyzeWorkspace(client: ClientControls): Promise<void> {
  const languageClient = client.languageClient;
  if (!languageClient?.isRunning()) {
    void vscode.window.showWarningMessage('The Layerguard server is not running. Run "Layerguard: Restart Server".');
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Layerguard: analyzing workspace' },
    () => languageClient.sendRequest<AnalyzeWorkspaceRequest.Result>(AnalyzeWorkspaceRequest.method),
  );
  void vscode.window.showInformationMessage(`Layerguard: ${result.findings} finding(s) in ${result.files} files (${(result.durationMs / 1000).toFixed(1)} s).`);
}

/** Opens the folder's layerguard.json (or the configured path), offering to create it. */
async function openConfiguration(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Open a folder to configure Layerguard.');
    return;
  }
  const configured = vscode.workspace.getConfiguration('layerguard', folder.uri).get<string>('configPath') || 'layerguard.json';
  const uri = vscode.Uri.joinPath(folder.uri, configured);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false, // not found: offer to create it below
  );
  if (!exists) {
    const create = await vscode.window.showInformationMessage(`${configured} does not exist. Create it?`, 'Create');
    if (create !== 'Create') return;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG_TEMPLATE));
  }
  await vscode.window.showTextDocument(uri);
}
