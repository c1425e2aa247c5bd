import * as vscode from 'vscode';
import type { StatusNotification } from '../../server/src/protocol';

/** The status bar item: analyzing / N problems / error; a click opens the output. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('layerguard.status', vscode.StatusBarAlignment.Left, 0);

  constructor() {
    this.item.name = 'Layerguard';
    this.item.command = 'layerguard.showOutput';
    this.item.show();
  }

  analyzing(): void {
    this.set('$(sync~spin) Layerguard', 'Layerguard is analyzing the workspace', undefined);
  }

  update(params: StatusNotification.Params): void {
    if (params.state === 'analyzing') this.analyzing();
    else if (params.state === 'error') this.failed(params.message ?? 'Analysis failed');
    else this.set(`$(layers) Layerguard: ${params.findings}`, `Layerguard: ${params.findings} architecture finding(s). Click to show the output.`, undefined);
  }

  failed(message: string): void {
    this.set('$(error) Layerguard', message, new vscode.ThemeColor('statusBarItem.errorBackground'));
  }

  dispose(): void {
    this.item.dispose();
  }

  private set(text: string, tooltip: string, background: vscode.ThemeColor | undefined): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background;
  }
}
