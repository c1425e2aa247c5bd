import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestLspClient } from '../../helpers/lsp-client';

const EXAMPLE = path.join(__dirname, '../../../../examples/nest-shop');
const FILE = 'src/orders/order-events.ts';
const SWALLOWING = `export async function publishOrderPlaced(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {}
}
`;

function applyLocally(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.ts', 'typescript', 1, text), [...edits]);
}

describe('code actions over stdio', () => {
  const clients: TestLspClient[] = [];
  const roots: string[] = [];
  after(async () => {
    for (const client of clients) await client.stop().catch(() => undefined);
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  async function withSwallowedError(config?: object, options: { previews?: boolean } = {}): Promise<{ client: TestLspClient; diagnostic: Diagnostic }> {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-actions-')));
    fs.cpSync(EXAMPLE, root, { recursive: true });
    fs.writeFileSync(path.join(root, FILE), SWALLOWING);
    // The rule is opt-in: every fixture turns it on, beside the settings under test.
    const rules = { 'errors/swallowed-error': 'warning', ...((config as { rules?: object } | undefined)?.rules ?? {}) };
    fs.writeFileSync(path.join(root, 'layerguard.json'), JSON.stringify({ ...config, rules }));
    roots.push(root);
    const client = new TestLspClient({ root, ...options });
    clients.push(client);
    await client.start();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    await client.open(FILE, SWALLOWING);
    await client.waitFor('the swallowed error', () => client.diagnosticsOf(FILE).some((d) => d.code === 'errors/swallowed-error'));
    const diagnostic = client.diagnosticsOf(FILE).find((d) => d.code === 'errors/swallowed-error')!;
    return { client, diagnostic };
  }

  /** The document changes of the n-th edit the server asked the client to apply. */
  const appliedChanges = (client: TestLspClient, index: number) => (client.appliedEdits[index] as { documentChanges: TextDocumentEdit[] }).documentChanges;

  /** Applies the swallowed error's fix by command, with a reason, as the editor does after asking; returns the fixed text. */
  async function fixedByCommand(client: TestLspClient, diagnostic: Diagnostic, fix: { fixId: string; title: string; reason: string }): Promise<string> {
    const data = diagnostic.data as { ruleId: string; start: number; end: number };
    await client.request('workspace/executeCommand', { command: 'layerguard.applyFix', arguments: [{ uri: client.uri(FILE), version: client.versionOf(FILE), ...data, ...fix }] });
    await client.waitFor('an applied edit', () => client.appliedEdits.length > 0);
    return applyLocally(SWALLOWING, appliedChanges(client, 0)[0]!.edits as TextEdit[]);
  }

  const codeActions = (client: TestLspClient, diagnostic: Diagnostic, only?: string[]) =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: client.uri(FILE) }, range: diagnostic.range, context: { diagnostics: [diagnostic], ...(only ? { only } : {}) } });

  it('offers quick fixes as edits pinned to the analyzed document version; applying one removes the diagnostic', async () => {
    const { client, diagnostic } = await withSwallowedError();
    const actions = await codeActions(client, diagnostic);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Log and rethrow the error',
        'Rethrow the error',
        'Mark as intentionally ignored (with a reason)',
        'Ignore errors/swallowed-error on this line (with a reason)',
        'Ignore errors/swallowed-error in this file (with a reason)',
        'Add this errors/swallowed-error finding to the baseline',
        'Show documentation for errors/swallowed-error',
      ],
    );
    const preferred = actions.find((a) => a.isPreferred);
    assert.equal(preferred?.kind, 'quickfix');
    const change = preferred?.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: client.uri(FILE), version: client.versionOf(FILE) });
    const fixed = applyLocally(SWALLOWING, change.edits as TextEdit[]);
    assert.match(fixed, /\} catch \(err\) \{\n    console\.error\('publishOrderPlaced failed', err\);\n    throw err;\n  \}/);
    await client.change(FILE, fixed);
    await client.waitFor('the diagnostic to go', () => !client.diagnosticsOf(FILE).some((d) => d.code === 'errors/swallowed-error'));
  });

  it('offers nothing for a text the server has not analyzed yet, and refuses a fix for an older version', async () => {
    const { client, diagnostic } = await withSwallowedError();
    const actions = await codeActions(client, diagnostic);
    const version = client.versionOf(FILE);
    await client.change(FILE, `// a new first line\n${SWALLOWING}`);
    assert.deepEqual(await codeActions(client, diagnostic), [], 'no fix computed against the older analysis');
    const data = diagnostic.data as { ruleId: string; start: number; end: number };
    await client.request('workspace/executeCommand', { command: 'layerguard.applyFix', arguments: [{ uri: client.uri(FILE), version, ...data, fixId: 'rethrow', title: 'Rethrow the error' }] });
    await client.waitFor('a warning', () => client.shownMessages.length > 0);
    assert.match(client.shownMessages[0]?.message ?? '', /changed since this fix was offered/);
    assert.equal(client.appliedEdits.length, 0, 'nothing was applied');
    assert.ok(actions.length > 0);
  });

  it('applies a fix by command (with a reason) through workspace/applyEdit', async () => {
    const { client, diagnostic } = await withSwallowedError();
    const fixed = await fixedByCommand(client, diagnostic, { fixId: 'explain', title: 'Mark as intentionally ignored', reason: 'subscribers retry on their own' });
    assert.match(fixed, /catch \(err\) \{\n    \/\/ Intentionally ignored: subscribers retry on their own\n  \}/);
  });

  it('ignores a rule in the whole file by command, with the reason at the top, after which the file has no finding of it', async () => {
    const { client, diagnostic } = await withSwallowedError();
    const ignored = await fixedByCommand(client, diagnostic, { fixId: 'ignore-file', title: 'Ignore in this file', reason: 'publishing is best effort here' });
    assert.equal(ignored, `// layerguard-ignore-file errors/swallowed-error -- publishing is best effort here\n${SWALLOWING}`);
    await client.change(FILE, ignored);
    await client.waitFor('the diagnostic to go', () => !client.diagnosticsOf(FILE).some((d) => d.code === 'errors/swallowed-error'));
  });

  it("shows a rule's documentation by command: the page shipped with the server", async () => {
    const { client, diagnostic } = await withSwallowedError(undefined, { previews: true });
    const show = (await codeActions(client, diagnostic)).find((a) => a.title === 'Show documentation for errors/swallowed-error');
    assert.ok(show?.command, 'the action is offered');
    await client.request('workspace/executeCommand', { command: show.command.command, arguments: show.command.arguments });
    await client.waitFor('a document shown', () => client.shownDocuments.length > 0);
    assert.match(client.shownDocuments[0]!.uri, /^file:\/\/.*\/docs\/rules\/errors\/swallowed-error\.md$/);
    await client.request('workspace/executeCommand', { command: show.command.command, arguments: [{ ruleId: 'errors/no-such-rule' }] });
    await client.waitFor('an error', () => client.shownMessages.some((m) => /unknown rule "errors\/no-such-rule"/.test(m.message)));
  });

  it('adds a finding to the baseline by command, after which it is no longer reported', async () => {
    const { client } = await withSwallowedError();
    const controller = 'src/orders/orders.controller.ts';
    await client.waitFor('controller diagnostics', () => client.diagnosticsOf(controller).length > 0);
    const diagnostic = client.diagnosticsOf(controller)[0]!;
    const data = diagnostic.data as { ruleId: string; start: number; end: number };
    await client.request('workspace/executeCommand', { command: 'layerguard.addToBaseline', arguments: [{ uri: client.uri(controller), version: null, ...data }] });
    const baseline = JSON.parse(fs.readFileSync(path.join(client.root, '.layerguard-baseline.json'), 'utf8')) as { findings: { file: string; ruleId: string }[] };
    assert.deepEqual(
      baseline.findings.map((f) => `${f.ruleId} ${f.file}`),
      ['layering/forbidden-dependency src/orders/orders.controller.ts'],
    );
    await client.filesChanged([{ relative: '.layerguard-baseline.json', type: 1 }]);
    await client.waitFor('the baselined finding to go', () => client.diagnosticsOf(controller).length === 0);
  });

  it('writes a baseline of every finding only with the confirmation token a client sends after asking its user, and refuses bad arguments', async () => {
    const { client } = await withSwallowedError();
    const controller = 'src/orders/orders.controller.ts';
    await client.waitFor('controller diagnostics', () => client.diagnosticsOf(controller).length > 0);
    const baselineFile = path.join(client.root, '.layerguard-baseline.json');
    for (const args of [[], [42, 'x'], ['x'.repeat(100_000)], [{ confirmation: 'yes' }]]) {
      const answer = await client.request('workspace/executeCommand', { command: 'layerguard.server.createBaseline', arguments: args });
      assert.equal(answer, null, `nothing is done for ${JSON.stringify(args).slice(0, 40)}`);
      assert.equal(fs.existsSync(baselineFile), false);
    }
    assert.ok(client.shownMessages.some((m) => /bad arguments for layerguard\.server\.createBaseline: expected one argument, got 2/.test(m.message)));
    assert.ok(client.shownMessages.some((m) => /bad arguments for layerguard\.server\.createBaseline at confirmation/.test(m.message)));
    const confirmed = await client.request('workspace/executeCommand', {
      command: 'layerguard.server.createBaseline',
      arguments: [{ confirmation: 'user-confirmed-recording-every-current-finding' }],
    });
    assert.match(String(confirmed), /finding\(s\) recorded in \.layerguard-baseline\.json/);
    assert.equal(fs.existsSync(baselineFile), true);
  });

  it('fixes all safe problems of a file for source.fixAll', async () => {
    // Renames are the safe fixes; their rule is off by default and turned on here as a team would.
    const { client } = await withSwallowedError({ rules: { 'naming/ambiguous-name': 'info' } });
    const text = `interface Price { amount: number }\nexport function totalOf(stuff: Price[]): number {\n  if (stuff.length === 0) return 0;\n  const amounts = stuff.map((p) => p.amount);\n  const sum = amounts.reduce((a, b) => a + b, 0);\n  return Math.round(sum);\n}\n`;
    await client.change(FILE, text);
    await client.waitFor('the ambiguous name', () => client.diagnosticsOf(FILE).some((d) => d.code === 'naming/ambiguous-name'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: client.uri(FILE) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]?.kind, 'source.fixAll.layerguard');
    const change = actions[0]?.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.equal(applyLocally(text, change.edits as TextEdit[]), text.replace(/\bstuff\b/g, 'prices'));
  });

  it('fixes all safe problems of a file, or of the workspace, by command, and says what it did', async () => {
    const { client } = await withSwallowedError({ rules: { 'naming/ambiguous-name': 'info' } });
    const text = `interface Price { amount: number }\nexport function totalOf(stuff: Price[]): number {\n  if (stuff.length === 0) return 0;\n  const amounts = stuff.map((p) => p.amount);\n  const sum = amounts.reduce((a, b) => a + b, 0);\n  return Math.round(sum);\n}\n`;
    const other = 'src/orders/order-totals.ts';
    const otherText = text.replace('totalOf', 'grandTotalOf');
    fs.writeFileSync(path.join(client.root, other), otherText);
    await client.filesChanged([{ relative: other, type: 1 }]);
    await client.change(FILE, text);
    await client.waitFor(
      'both ambiguous names',
      () => client.diagnosticsOf(FILE).some((d) => d.code === 'naming/ambiguous-name') && client.diagnosticsOf(other).some((d) => d.code === 'naming/ambiguous-name'),
    );
    const inFile = await client.request('workspace/executeCommand', { command: 'layerguard.server.fixAllSafe', arguments: [{ uri: client.uri(FILE) }] });
    assert.match(String(inFile), /^Layerguard: 1 safe fix\(es\) applied in 1 file\(s\) of order-events\.ts\.$/);
    const fileEdit = appliedChanges(client, 0);
    assert.deepEqual(
      fileEdit.map((c) => c.textDocument.uri),
      [client.uri(FILE)],
    );
    assert.equal(applyLocally(text, fileEdit[0]!.edits as TextEdit[]), text.replace(/\bstuff\b/g, 'prices'));
    const inWorkspace = await client.request('workspace/executeCommand', { command: 'layerguard.server.fixAllSafe', arguments: [{}] });
    assert.match(String(inWorkspace), /^Layerguard: 2 safe fix\(es\) applied in 2 file\(s\) of the workspace\.$/);
    const workspaceEdit = appliedChanges(client, 1);
    const otherChange = workspaceEdit.find((c) => c.textDocument.uri === client.uri(other));
    assert.equal(applyLocally(otherText, otherChange!.edits as TextEdit[]), otherText.replace(/\bstuff\b/g, 'prices'));
  });
});
