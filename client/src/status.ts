import * as vscode from 'vscode';
import type { StatusNotification } from '../../server/src/protocol';

/** The status bar item: analyzing / N problems / a config error / a failure; a click opens its menu. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('layerguard.status', vscode.StatusBarAlignment.Left, 0);
  private last: StatusNotification.Params | undefined;
  private failure: string | undefined;

  constructor() {
    this.item.name = 'Layerguard';
    this.item.command = 'layerguard.statusMenu';
    this.item.show();
  }

  analyzing(): void {
    this.set('$(sync~spin) Layerguard', 'Layerguard is analyzing the workspace', undefined);
  }

  update(params: StatusNotification.Params): void {
    if (params.state === 'analyzing') return this.analyzing();
    if (params.state === 'error') return this.failed(params.message ?? 'Analysis failed');
    this.last = params;
    this.failure = undefined;
    this.item.command = 'layerguard.statusMenu';
    if (params.configError) {
      // The error state links to the file, at the error's line.
      this.item.command = openAtError(params.configError);
      this.set(
        `$(error) Layerguard: ${params.findings}`,
        `layerguard.json has an error, so the defaults are used: ${params.configError.message}. Click to open it.`,
        new vscode.ThemeColor('statusBarItem.errorBackground'),
      );
      return;
    }
    const baselined = params.baselined ? ` (${params.baselined} baselined)` : '';
    this.set(`$(layers) Layerguard: ${params.findings}`, `Layerguard: ${countsText(params)}${baselined}. Click for the menu.`, undefined);
  }

  failed(message: string): void {
    this.failure = message;
    this.item.command = 'layerguard.statusMenu';
    this.set('$(error) Layerguard', message, new vscode.ThemeColor('statusBarItem.errorBackground'));
  }

  /** The status bar's menu: what the counts are, what is wrong, and what to do next. */
  async showMenu(): Promise<void> {
    const entries = menuEntries(this.last, this.failure);
    const picked = await vscode.window.showQuickPick(entries, { title: 'Layerguard', placeHolder: this.last ? countsText(this.last) : 'Layerguard' });
    if (!picked?.run) return;
    await picked.run();
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

interface MenuEntry extends vscode.QuickPickItem {
  readonly run?: () => Thenable<unknown>;
}

function countsText(params: StatusNotification.Params): string {
  const parts = [`${params.errors ?? 0} error(s)`, `${params.warnings ?? 0} warning(s)`, `${params.infos ?? 0} info`];
  return `${params.findings} finding(s): ${parts.join(', ')}`;
}

function menuEntries(last: StatusNotification.Params | undefined, failure: string | undefined): MenuEntry[] {
  const entries: MenuEntry[] = [];
  if (failure) entries.push({ label: '$(error) The analysis failed', detail: failure, run: () => vscode.commands.executeCommand('layerguard.showOutput') });
  const error = last?.configError;
  if (error) {
    const open = openAtError(error);
    entries.push({ label: '$(warning) layerguard.json has an error', detail: error.message, run: () => vscode.commands.executeCommand(open.command, ...(open.arguments ?? [])) });
  }
  if (last) {
    entries.push({ label: `$(list-flat) ${countsText(last)}`, description: 'Problems panel', run: () => vscode.commands.executeCommand('workbench.actions.view.problems') });
    entries.push({ label: `$(archive) ${last.baselined ?? 0} baselined`, description: 'hidden: listed in .layerguard-baseline.json' });
  }
  entries.push(
    { label: '$(type-hierarchy) Open Architecture View', run: () => vscode.commands.executeCommand('layerguard.openArchitectureView') },
    { label: '$(refresh) Analyze Workspace', run: () => vscode.commands.executeCommand('layerguard.analyzeWorkspace') },
    { label: '$(archive) Create Baseline', run: () => vscode.commands.executeCommand('layerguard.createBaseline') },
    { label: '$(output) Show Output', run: () => vscode.commands.executeCommand('layerguard.showOutput') },
  );
  return entries;
}

/** Opens layerguard.json with the cursor at the error's line: the status item's click in the error state, and its menu entry. */
function openAtError(error: NonNullable<StatusNotification.Params['configError']>): vscode.Command {
  const at = new vscode.Range(error.line, 0, error.line, 0);
  return { title: 'Open layerguard.json', command: 'vscode.open', arguments: [vscode.Uri.parse(error.uri), { selection: at }] };
}
