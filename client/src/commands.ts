import * as vscode from 'vscode';
import {
  AnalyzeWorkspaceRequest,
  Commands,
  CREATE_BASELINE_CONFIRMATION,
  ExplainFileRequest,
  type CommandTypes,
  type FixCommandArgs,
  type RefactorArgs,
  type RefactorName,
} from '../../server/src/protocol';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { ArchitecturePanel } from './architecture-panel';

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
    vscode.commands.registerCommand('layerguard.fixAllInFile', () => fixAllSafe(client, 'file')),
    vscode.commands.registerCommand('layerguard.fixAllInWorkspace', () => fixAllSafe(client, 'workspace')),
    vscode.commands.registerCommand(Commands.fixWithReason, (args: FixCommandArgs) => fixWithReason(client, args)),
    vscode.commands.registerCommand('layerguard.routeThroughService', () =>
      runRefactor(client, 'routeThroughService', 'No controller here injects a repository whose calls can be routed through a service.'),
    ),
    vscode.commands.registerCommand('layerguard.moveLiteralToConfig', () =>
      runRefactor(client, 'moveLiteralToConfig', 'Put the cursor on a string literal (a URL, key or setting) to move it to the configuration.'),
    ),
    vscode.commands.registerCommand('layerguard.generateResource', () => generateResource(client)),
    vscode.commands.registerCommand('layerguard.configureArchitecture', () => configureArchitecture(client)),
    vscode.commands.registerCommand('layerguard.explainFile', () => explainFile(client)),
    vscode.commands.registerCommand('layerguard.openArchitectureView', () => ArchitecturePanel.show(context, client)),
  );
}

/** Shows why the active file is in its layer (its evidence, what overruled it) and how its dependencies are judged. */
async function explainFile(client: ClientControls): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const languageClient = editor ? runningClient(client) : undefined;
  if (!editor || !languageClient) {
    if (!editor) void vscode.window.showInformationMessage('Open a TypeScript or JavaScript file first.');
    return;
  }
  const params: ExplainFileRequest.Params = { uri: languageClient.code2ProtocolConverter.asUri(editor.document.uri) };
  const markdown = await languageClient.sendRequest<ExplainFileRequest.Result>(ExplainFileRequest.method, params);
  if (markdown === null) {
    void vscode.window.showInformationMessage('Layerguard has not analyzed this file (tests, ignored and build files are not analyzed).');
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
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
  if (languageClient) await executeServerCommand(languageClient, Commands.applyFix, { ...args, reason });
}

/**
 * A refactor at the cursor: the server lists the ways to do it, the user picks one when there
 * are several, and the server applies it (refusing a text that changed in between).
 */
async function runRefactor(client: ClientControls, refactor: RefactorName, nothingHere: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const languageClient = editor ? runningClient(client) : undefined;
  if (!editor || !languageClient) {
    if (!editor) void vscode.window.showInformationMessage('Open a TypeScript or JavaScript file first.');
    return;
  }
  const args: RefactorArgs = {
    uri: languageClient.code2ProtocolConverter.asUri(editor.document.uri),
    version: editor.document.version,
    offset: editor.document.offsetAt(editor.selection.active),
    refactor,
  };
  const choices = (await executeServerCommand(languageClient, Commands.refactorChoices, args)) ?? { error: 'the server could not list the choices (see its output).' };
  if ('error' in choices) return void vscode.window.showWarningMessage(`Layerguard: ${choices.error}`);
  if (choices.length === 0) return void vscode.window.showInformationMessage(`Layerguard: ${nothingHere}`);
  const picked =
    choices.length === 1
      ? choices[0]
      : await vscode.window.showQuickPick(
          choices.map((c) => ({ label: c.title, id: c.id })),
          { title: 'Layerguard: which service?', placeHolder: 'Choose how to do it' },
        );
  if (!picked) return;
  const outcome = await executeServerCommand(languageClient, Commands.applyRefactor, { ...args, choiceId: picked.id });
  if (outcome && 'error' in outcome) void vscode.window.showWarningMessage(`Layerguard: ${outcome.error}`);
}

/**
 * The workspace folder a folder-wide command acts on (the active editor's, else the first) and the
 * running client; undefined, having said why, when there is none.
 */
function folderAndClient(client: ClientControls, noFolder: string): { folder: vscode.WorkspaceFolder; languageClient: LanguageClient } | undefined {
  const folder = vscode.window.activeTextEditor ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) : vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage(noFolder);
    return undefined;
  }
  const languageClient = runningClient(client);
  return languageClient ? { folder, languageClient } : undefined;
}

/** Asks for a name, then writes a controller, service, repository, DTO, module and test in the workspace's style. */
async function generateResource(client: ClientControls): Promise<void> {
  const target = folderAndClient(client, 'Open a folder to generate a resource in.');
  if (!target) return;
  const { folder, languageClient } = target;
  const name = await vscode.window.showInputBox({
    title: 'Layerguard: Generate Resource',
    prompt: 'Name of the resource (plural, as in the URL)',
    placeHolder: 'orders',
    validateInput: (value) => (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(value.trim()) ? undefined : 'Use lowercase words separated by dashes, e.g. orders or order-items.'),
  });
  if (name === undefined) return;
  const args = { folderUri: languageClient.code2ProtocolConverter.asUri(folder.uri), name: name.trim() };
  const failed = { error: 'the server could not generate the resource (see its output).' };
  // The form says what will be written, and asks once.
  const planned = (await executeServerCommand(languageClient, Commands.generateResource, { ...args, preview: true })) ?? failed;
  if ('error' in planned) return void vscode.window.showWarningMessage(`Layerguard: ${planned.error}`);
  const relative = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
  const detail = [...planned.files.map((f) => `+ ${relative(f)}`), ...planned.changed.map((f) => `~ ${relative(f)} (imports the new module)`)].join('\n');
  const answer = await vscode.window.showInformationMessage(`Generate ${args.name}: ${planned.files.length} new file(s)?`, { modal: true, detail }, 'Generate');
  if (answer !== 'Generate') return;
  const outcome = (await executeServerCommand(languageClient, Commands.generateResource, args)) ?? failed;
  if ('error' in outcome) return void vscode.window.showWarningMessage(`Layerguard: ${outcome.error}`);
  const first = outcome.files[0];
  if (first) await vscode.window.showTextDocument(vscode.Uri.parse(first));
  void vscode.window.showInformationMessage(`Layerguard: generated ${outcome.files.length} file(s) for ${name.trim()}.`);
}

/**
 * Says which architectures the folder's code fits (with the evidence and what each would report),
 * and writes the chosen one's commented layerguard.json — asking before it replaces one.
 */
async function configureArchitecture(client: ClientControls): Promise<void> {
  const target = folderAndClient(client, 'Open a folder to configure its architecture.');
  if (!target) return;
  const { folder, languageClient } = target;
  const folderUri = languageClient.code2ProtocolConverter.asUri(folder.uri);
  const failed = { error: 'the server could not inspect the folder (see its output).' };
  const proposal =
    (await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Layerguard: inspecting the code and previewing each architecture…' }, () =>
      executeServerCommand(languageClient, Commands.configureArchitecture, { folderUri }),
    )) ?? failed;
  if (!('choices' in proposal)) return void vscode.window.showWarningMessage(`Layerguard: ${'error' in proposal ? proposal.error : 'no proposal.'}`);
  const items = proposal.choices.map((choice, index) => ({
    label: choice.label,
    description: `fit ${choice.fit.toFixed(2)}${choice.findings !== undefined ? ` · ${choice.findings} layering finding(s) in ${choice.files ?? 0} file(s)` : ''}`,
    detail: choice.reasons.join(' · '),
    index,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Layerguard: Configure Architecture', placeHolder: 'The architecture this code follows (best fit first)', matchOnDetail: true });
  if (!picked) return;
  if (proposal.configExists) {
    const answer = await vscode.window.showWarningMessage(`Replace ${folder.name}'s layerguard.json with the ${picked.label} configuration?`, { modal: true }, 'Replace');
    if (answer !== 'Replace') return;
  }
  const outcome = (await executeServerCommand(languageClient, Commands.configureArchitecture, { folderUri, write: picked.index, replace: proposal.configExists })) ?? failed;
  if ('error' in outcome) return void vscode.window.showWarningMessage(`Layerguard: ${outcome.error}`);
  void vscode.window.showInformationMessage(`Layerguard: wrote layerguard.json for the ${picked.label} architecture.`);
}

/** Records every current finding so that only new ones are reported from now on. */
async function createBaseline(client: ClientControls): Promise<void> {
  const languageClient = runningClient(client);
  if (!languageClient) return;
  const answer = await vscode.window.showWarningMessage(
    'Record every current Layerguard finding in .layerguard-baseline.json? Only new findings will be reported afterwards.',
    { modal: true },
    'Create Baseline',
  );
  if (answer !== 'Create Baseline') return;
  const message = await executeServerCommand(languageClient, Commands.createBaseline, { confirmation: CREATE_BASELINE_CONFIRMATION });
  void vscode.window.showInformationMessage(`Layerguard: ${typeof message === 'string' ? message : 'baseline written.'}`);
}

/** Every safe fix of the active file, or of the workspace, in one edit (undone with one undo per file). */
async function fixAllSafe(client: ClientControls, scope: 'file' | 'workspace'): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const languageClient = runningClient(client);
  if (!languageClient) return;
  if (scope === 'file' && !editor) {
    void vscode.window.showInformationMessage('Open a TypeScript or JavaScript file first.');
    return;
  }
  const args = scope === 'file' && editor ? { uri: languageClient.code2ProtocolConverter.asUri(editor.document.uri) } : {};
  const message = await executeServerCommand(languageClient, Commands.fixAllSafe, args);
  if (message) void vscode.window.showInformationMessage(message);
}

async function analyzeWorkspace(client: ClientControls): Promise<void> {
  const languageClient = runningClient(client);
  if (!languageClient) return;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Layerguard: analyzing workspace' }, () =>
    languageClient.sendRequest<AnalyzeWorkspaceRequest.Result>(AnalyzeWorkspaceRequest.method),
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

/** A server command with its argument and answer typed by the protocol's `CommandTypes`. */
function executeServerCommand<K extends keyof CommandTypes>(languageClient: LanguageClient, command: K, args: CommandTypes[K]['args']): Promise<CommandTypes[K]['result']> {
  return languageClient.sendRequest<CommandTypes[K]['result']>(ExecuteCommandRequest.method, { command, arguments: [args] });
}
