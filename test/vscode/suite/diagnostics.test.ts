/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

function layerguard(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'layerguard');
}

/** Polls with a deadline (never a fixed sleep) until the check holds. */
async function waitFor(what: string, check: () => boolean, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Layerguard in VS Code', () => {
  const root = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;

  it('publishes the example findings with code, doc link and severity', async () => {
    const controller = vscode.Uri.joinPath(root(), 'src/orders/orders.controller.ts');
    await vscode.window.showTextDocument(controller);
    await waitFor('orders.controller diagnostics', () => layerguard(controller).length > 0);
    const [diagnostic] = layerguard(controller);
    assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic?.range.start.line, 13);
    const code = diagnostic?.code as { value: string; target: vscode.Uri } | undefined;
    assert.equal(code?.value, 'layering/forbidden-dependency');
    assert.match(code?.target.toString() ?? '', /docs\/rules\/layering\/forbidden-dependency\.md$/);
  });

  it('follows unsaved edits and undo', async () => {
    const uri = vscode.Uri.joinPath(root(), 'src/users/users.controller.ts');
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), "import { UsersRepository } from './users.repository';\nexport const leak = new UsersRepository(undefined as never);\n"));
    await waitFor('the typed violation', () => layerguard(uri).some((d) => d.message.includes('creates UsersRepository')));
    await vscode.commands.executeCommand('undo');
    await waitFor('the violation to go', () => layerguard(uri).length === 0);
  });

  it('contributes the palette commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['layerguard.analyzeWorkspace', 'layerguard.restartServer', 'layerguard.showOutput', 'layerguard.openConfiguration', 'layerguard.configureArchitecture'])
      assert.ok(commands.includes(id), id);
  });
});
