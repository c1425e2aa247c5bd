import * as vscode from 'vscode';
import { AnalyzeWorkspaceRequest, Commands, type FixCommandArgs } from '../../server/src/protocol';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

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
    vscode.commands.registerCommand('layerguard.createBaseline', () => createBaseline(client)),
    vscode.commands.registerCommand(Commands.fixWithReason, (args: FixCommandArgs) => fixWithReason(client, args)),
  );
}

function runningClient(client: ClientControls): LanguageClient | undefined {
  const languageClient = client.languageClient;
  if (languageClient?.isRunning()) return languageClient;
  void vscode.window.showWarningMessage('The Layerguard server is not running. Run "Layerguard: Restart Server".');
  return undefined;
}

/** Asks why the finding is acceptable, then lets the server apply the fix with that reason. */
async function fixWithReason(client: ClientControls, args: FixCommandArgs): Promise<void> {
  const reason = await vscode.window.showInputBox({
    title: args.title,
    prompt: 'Why is this acceptable here? The reason is written next to the code.',
    placeHolder: 'e.g. the cache is optional; requests fall back to the database',
    validateInput: (value) => (value.trim() === '' ? 'A reason is required: it tells the next reader why.' : undefined),
  });
  if (reason === undefined) return;
  const languageClient = runningClient(client);
  await languageClient?.sendRequest(ExecuteCommandRequest.type, { command: Commands.applyFix, arguments: [{ ...args, reason }] });
}

/** Records every current finding so that only new ones are reported from now on. */
async function createBaseline(client: ClientControls): Promise<void> {
  const languageClient = runningClient(client);
  if (!languageClient) return;
  const answer = await vscode.window.showWarningMessage('Record every current Layerguard finding in .layerguard-baseline.json? Only new findings will be reported afterwards.', { modal: true }, 'Create Baseline');
  if (answer !== 'Create Baseline') return;
  const message: unknown = await languageClient.sendRequest(ExecuteCommandRequest.type, { command: Commands.createBaseline, arguments: [] });
  void vscode.window.showInformationMessage(`Layerguard: ${typeof message === 'string' ? message : 'baseline written.'}`);
}

async function analyzeWorkspace(client: ClientControls): Promise<void> {
  const languageClient = runningClient(client);
  if (!languageClient) return;
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
