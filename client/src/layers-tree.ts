import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExplainFileRequest, GraphRequest } from '../../server/src/protocol';

/** What a row of the Layers view stands for. */
type LayersNode =
  | { readonly kind: 'layer'; readonly layer: string; readonly files: readonly vscode.Uri[] }
  | { readonly kind: 'file'; readonly uri: vscode.Uri; readonly layer: string }
  | { readonly kind: 'finding'; readonly uri: vscode.Uri; readonly diagnostic: vscode.Diagnostic };

/** Files the analysis put in no layer. */
const NO_LAYER = '(no layer)';

/**
 * The Layers view (Explorer): layers → files → findings, with counts. A file's tooltip is the
 * server's account of why it is in its layer (`layerguard/explainFile`), asked when it is shown.
 */
export class LayersTree implements vscode.TreeDataProvider<LayersNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LayersNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private layers = new Map<string, vscode.Uri[]>();
  private readonly listening: vscode.Disposable;

  constructor(private readonly languageClient: () => LanguageClient | undefined) {
    // Findings come from the diagnostics the editor already holds: the tree follows them as they change.
    this.listening = vscode.languages.onDidChangeDiagnostics(() => this.changed.fire(undefined));
  }

  /** Asks the server for each folder's files and layers (after every analysis). */
  async refresh(): Promise<void> {
    const client = this.languageClient();
    if (!client?.isRunning()) return;
    const layers = new Map<string, vscode.Uri[]>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const params: GraphRequest.Params = { uri: client.code2ProtocolConverter.asUri(folder.uri) };
      const graph = await client.sendRequest<GraphRequest.Result>(GraphRequest.method, params);
      if (!graph) continue;
      const root = client.protocol2CodeConverter.asUri(graph.root);
      for (const node of graph.nodes) {
        if (node.external) continue;
        const layer = node.layer ?? NO_LAYER;
        layers.set(layer, [...(layers.get(layer) ?? []), vscode.Uri.joinPath(root, node.file)]);
      }
    }
    this.layers = layers;
    this.changed.fire(undefined);
  }

  getChildren(node?: LayersNode): LayersNode[] {
    if (!node) {
      const named = [...this.layers].sort(([a], [b]) => (a === NO_LAYER ? 1 : b === NO_LAYER ? -1 : a.localeCompare(b)));
      return named.map(([layer, files]) => ({ kind: 'layer', layer, files }));
    }
    if (node.kind === 'layer') {
      const counts = new Map(node.files.map((uri) => [uri, findingsOf(uri).length]));
      const byFindings = [...node.files].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.path.localeCompare(b.path));
      return byFindings.map((uri) => ({ kind: 'file', uri, layer: node.layer }));
    }
    if (node.kind === 'file') return findingsOf(node.uri).map((diagnostic) => ({ kind: 'finding', uri: node.uri, diagnostic }));
    return [];
  }

  getTreeItem(node: LayersNode): vscode.TreeItem {
    if (node.kind === 'layer') {
      const findings = node.files.reduce((sum, uri) => sum + findingsOf(uri).length, 0);
      const item = new vscode.TreeItem(node.layer, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `layer:${node.layer}`;
      item.description = `${node.files.length} file(s)${findings > 0 ? ` · ${findings} finding(s)` : ''}`;
      item.contextValue = 'layer';
      return item;
    }
    if (node.kind === 'file') {
      const findings = findingsOf(node.uri).length;
      const item = new vscode.TreeItem(node.uri, findings > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `file:${node.uri.toString()}`;
      const folder = vscode.workspace.asRelativePath(vscode.Uri.file(path.dirname(node.uri.fsPath)));
      item.description = findings > 0 ? `${folder} · ${findings}` : folder;
      item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri] };
      return item;
    }
    const item = new vscode.TreeItem(node.diagnostic.message, vscode.TreeItemCollapsibleState.None);
    item.description = typeof node.diagnostic.code === 'object' ? String(node.diagnostic.code.value) : String(node.diagnostic.code ?? '');
    item.iconPath = new vscode.ThemeIcon(node.diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : node.diagnostic.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'info');
    item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri, { selection: node.diagnostic.range }] };
    return item;
  }

  /** A file's tooltip: why it is in its layer, in the server's words. */
  async resolveTreeItem(item: vscode.TreeItem, node: LayersNode): Promise<vscode.TreeItem> {
    const client = this.languageClient();
    if (node.kind !== 'file' || !client?.isRunning()) return item;
    const params: ExplainFileRequest.Params = { uri: client.code2ProtocolConverter.asUri(node.uri) };
    const markdown = await client.sendRequest<ExplainFileRequest.Result>(ExplainFileRequest.method, params);
    item.tooltip = new vscode.MarkdownString(markdown ?? `Layer: ${node.layer}`);
    return item;
  }

  dispose(): void {
    this.listening.dispose();
    this.changed.dispose();
  }
}

function findingsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'layerguard');
}
