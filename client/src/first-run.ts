import * as vscode from 'vscode';
import type { StatusNotification } from '../../server/src/protocol';

/** Set in the workspace once its summary was shown; in the user's profile by "Don't Show Again". */
const SHOWN_IN_WORKSPACE = 'layerguard.firstRunSummaryShown';
const NEVER_SHOW = 'layerguard.firstRunSummaryNever';

const OPEN_PROBLEMS = 'Open Problems';
const CREATE_BASELINE = 'Create Baseline';
const CONFIGURE = 'Configure Architecture';
const NEVER = "Don't Show Again";

/**
 * Once per workspace, after its first complete analysis: how much Layerguard found, and the three
 * things a team does next. Never again once the user says so.
 */
export class FirstRunSummary {
  private pending = true;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Hears every status; acts on the first `ready` one of a workspace that has not seen it. */
  onStatus(params: StatusNotification.Params, log: (message: string) => void): void {
    if (!this.pending || params.state !== 'ready') return;
    this.pending = false;
    if (this.context.globalState.get<boolean>(NEVER_SHOW) === true || this.context.workspaceState.get<boolean>(SHOWN_IN_WORKSPACE) === true) return;
    this.show(params).catch((error: unknown) => log(`The first-run summary failed: ${String(error)}`));
  }

  private async show(params: StatusNotification.Params): Promise<void> {
    await this.context.workspaceState.update(SHOWN_IN_WORKSPACE, true);
    const choice = await vscode.window.showInformationMessage(summaryText(params), OPEN_PROBLEMS, CREATE_BASELINE, CONFIGURE, NEVER);
    if (choice === OPEN_PROBLEMS) await vscode.commands.executeCommand('workbench.actions.view.problems');
    else if (choice === CREATE_BASELINE) await vscode.commands.executeCommand('layerguard.createBaseline');
    else if (choice === CONFIGURE) await vscode.commands.executeCommand('layerguard.configureArchitecture');
    else if (choice === NEVER) await this.context.globalState.update(NEVER_SHOW, true);
  }
}

/** `Layerguard: 12 findings (2 errors) in 7 of 340 files.` */
export function summaryText(params: StatusNotification.Params): string {
  const findings = `${params.findings} finding${params.findings === 1 ? '' : 's'}`;
  const errors = params.errors ? ` (${params.errors} error${params.errors === 1 ? '' : 's'})` : '';
  const files = params.files !== undefined ? ` in ${params.filesWithFindings ?? 0} of ${params.files} files` : '';
  const config = params.configError ? ' layerguard.json has an error, so the defaults were used.' : '';
  return `Layerguard: ${findings}${errors}${files}.${config}`;
}
