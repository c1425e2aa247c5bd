import * as vscode from 'vscode';
import { ArchitectureViewRequest } from '../../server/src/protocol';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What the view needs of the client: the running language client, if any. */
interface ClientControls {
  readonly languageClient: LanguageClient | undefined;
}

/** Messages the viewer sends (webview/src/main.ts). */
type ViewerMessage = { readonly type: 'ready' } | { readonly type: 'open'; readonly file: string; readonly line: number; readonly character: number } | { readonly type: 'group'; readonly by: string };

type Grouping = NonNullable<ArchitectureViewRequest.Params['groupBy']>;
const GROUPINGS: readonly Grouping[] = ['auto', 'files', 'folders', 'modules'];

/**
 * The Architecture view: the viewer of `dist/webview/` in a webview panel, fed with what the
 * server's `layerguard/architectureView` returns, redrawn after each analysis; a click on a file
 * or a dependency opens it where it is written.
 */
export class ArchitecturePanel implements vscode.Disposable {
  private static current: ArchitecturePanel | undefined;
  private root: vscode.Uri | undefined;
  /** How the viewer last asked the files to be grouped. */
  private groupBy: Grouping = 'auto';
  private readonly disposables: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, client: ClientControls): void {
    if (ArchitecturePanel.current) {
      ArchitecturePanel.current.panel.reveal();
      void ArchitecturePanel.current.refresh();
      return;
    }
    const assets = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel('layerguard.architecture', 'Layerguard: Architecture', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [assets],
    });
    ArchitecturePanel.current = new ArchitecturePanel(panel, assets, client);
  }

  /** Redraws the open view, if any (after an analysis). */
  static refreshOpen(): void {
    void ArchitecturePanel.current?.refresh();
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    assets: vscode.Uri,
    private readonly client: ClientControls,
  ) {
    panel.webview.html = pageOf(panel.webview, assets);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: ViewerMessage) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    ArchitecturePanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private receive(message: ViewerMessage): void {
    if (message.type === 'ready') void this.refresh();
    else if (message.type === 'open') void this.open(message.file, message.line, message.character);
    else if (message.type === 'group') {
      this.groupBy = GROUPINGS.find((g) => g === message.by) ?? 'auto';
      void this.refresh();
    }
  }

  /** Asks the server for the view of the active file's folder (or the first folder) and hands it to the viewer. */
  private async refresh(): Promise<void> {
    const languageClient = this.client.languageClient;
    const target = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!languageClient || !target) return;
    const params: ArchitectureViewRequest.Params = { uri: languageClient.code2ProtocolConverter.asUri(target), groupBy: this.groupBy };
    const result = await languageClient.sendRequest<ArchitectureViewRequest.Result | null>(ArchitectureViewRequest.method, params);
    if (!result) {
      await this.panel.webview.postMessage({ type: 'empty', message: 'This folder has not been analyzed yet: run Layerguard: Analyze Workspace.' });
      return;
    }
    this.root = languageClient.protocol2CodeConverter.asUri(result.root);
    await this.panel.webview.postMessage({ type: 'view', view: result.view });
  }

  private async open(file: string, line: number, character: number): Promise<void> {
    if (!this.root) return;
    const position = new vscode.Position(Math.max(0, line - 1), character);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(this.root, file), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside });
  }
}

/** The page: the viewer's script and style from the extension (it builds its own frame), nothing else allowed. */
function pageOf(webview: vscode.Webview, assets: vscode.Uri): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(assets, 'architecture.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(assets, 'architecture.css'));
  const csp = `default-src 'none'; script-src ${webview.cspSource}; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:; font-src ${webview.cspSource}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${style.toString()}">
<title>Architecture</title>
</head>
<body class="in-editor">
<div id="layerguard-app"></div>
<script src="${script.toString()}"></script>
</body>
</html>
`;
}
