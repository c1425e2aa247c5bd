import type { ArchitectureView } from '../../../server/src/engine';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Commands } from '../../../server/src/protocol';
import { messageText, TestLspClient } from '../../helpers/lsp-client';

const EXAMPLE = path.join(__dirname, '../../../../examples/nest-shop');

function copyExample(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-lsp-')));
  fs.cpSync(EXAMPLE, root, { recursive: true });
  return root;
}

const CLEAN_CONTROLLER = fs.readFileSync(path.join(EXAMPLE, 'src/users/users.controller.ts'), 'utf8');
const VIOLATING_CONTROLLER = CLEAN_CONTROLLER.replace(
  "import { UsersService } from './users.service';",
  "import { UsersRepository } from './users.repository';\nimport { UsersService } from './users.service';",
).replace('constructor(private readonly usersService: UsersService) {}', 'constructor(private readonly usersService: UsersService, private readonly repo: UsersRepository) {}');

describe('language server over stdio', () => {
  const clients: TestLspClient[] = [];
  const roots: string[] = [];
  after(async () => {
    for (const client of clients) await client.stop().catch(() => undefined);
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });
  async function started(settings?: Record<string, unknown>): Promise<TestLspClient> {
    const root = copyExample();
    roots.push(root);
    const client = new TestLspClient({ root, ...(settings ? { settings } : {}) });
    clients.push(client);
    await client.start();
    return client;
  }

  it('publishes the workspace findings with source, code, doc link and related information', async () => {
    const client = await started();
    await client.waitFor('orders.controller diagnostics', () => client.diagnosticsOf('src/orders/orders.controller.ts').length > 0);
    const [diagnostic] = client.diagnosticsOf('src/orders/orders.controller.ts');
    assert.equal(diagnostic?.source, 'layerguard');
    assert.equal(diagnostic?.code, 'layering/forbidden-dependency');
    assert.equal(diagnostic?.severity, 2, 'a warning: no rule defaults to error');
    assert.deepEqual(diagnostic?.range, { start: { line: 13, character: 4 }, end: { line: 13, character: 80 } });
    assert.match(diagnostic?.codeDescription?.href ?? '', /docs\/rules\/layering\/forbidden-dependency\.md$/);
    await client.waitFor('a ready status', () => client.statuses.some((s) => s.state === 'ready' && s.findings === 4));
    const ready = client.statuses.find((s) => s.state === 'ready' && s.findings === 4);
    assert.deepEqual([ready?.errors, ready?.warnings, ready?.infos, ready?.baselined, ready?.configError], [0, 4, 0, 0, undefined], 'what the status bar menu shows');
    const cycle = client.diagnosticsOf('src/users/users.service.ts').find((d) => d.code === 'layering/cycle');
    assert.ok(
      cycle?.relatedInformation?.some((r) => r.location.uri.endsWith('orders/orders.service.ts')),
      'the cycle path is in relatedInformation',
    );
  });

  it('declares every server command it runs (other editors run only what is declared)', async () => {
    const root = copyExample();
    roots.push(root);
    const client = new TestLspClient({ root });
    clients.push(client);
    const { capabilities } = await client.start();
    const declared = (capabilities['executeCommandProvider'] as { commands: string[] }).commands;
    const serverCommands = Object.values(Commands).filter((command) => command !== Commands.fixWithReason);
    assert.deepEqual([...declared].sort(), [...serverCommands].sort());
  });

  it('reports how many files it has read while analyzing the workspace: "25/60 files"', async () => {
    const root = copyExample();
    roots.push(root);
    for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(root, 'src', `generated-${i}.ts`), `export const value${i} = ${i};\n`);
    const client = new TestLspClient({ root });
    clients.push(client);
    await client.start();
    await client.waitFor('the analysis to end', () => client.progress.some((p) => p.kind === 'end'));
    const counts = client.progress.flatMap((p) => (p.kind === 'report' ? [/^(\d+)\/(\d+) files$/.exec(p.message ?? '')] : [])).filter((m) => m !== null);
    assert.ok(counts.length >= 2, JSON.stringify(client.progress));
    const read = counts.map((m) => Number(m[1]));
    const totals = new Set(counts.map((m) => Number(m[2])));
    assert.deepEqual(
      read,
      [...read].sort((a, b) => a - b),
      'the count only grows',
    );
    assert.equal(totals.size, 1);
    assert.ok([...totals][0]! >= 60 && read.every((n) => n <= [...totals][0]!), JSON.stringify(counts));
  });

  it('watches package manifests: a folder that becomes a package of its own is re-classified', async () => {
    const root = copyExample();
    roots.push(root);
    const runner = 'src/services/checkout/run.ts';
    fs.mkdirSync(path.join(root, 'src/services/checkout'), { recursive: true });
    fs.writeFileSync(path.join(root, runner), "import { UsersController } from '../../users/users.controller';\nexport const describeRun = () => UsersController.name;\n");
    const client = new TestLspClient({ root });
    clients.push(client);
    await client.start();
    await client.waitFor('the service importing a controller', () => client.diagnosticsOf(runner).some((d) => d.code === 'layering/forbidden-dependency'));
    const watched = JSON.stringify(client.registrations);
    assert.match(watched, /package\.json/, 'the server asks the client to watch package manifests');
    fs.writeFileSync(path.join(root, 'src/services/checkout/package.json'), '{ "name": "checkout" }\n');
    await client.filesChanged([{ relative: 'src/services/checkout/package.json', type: 2 }]);
    await client.waitFor("the package to lose the folder's layer", () => client.diagnosticsOf(runner).length === 0);
  });

  it('updates diagnostics from unsaved text as the user types, and removes them on undo', async () => {
    const client = await started();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    await client.open('src/users/users.controller.ts', CLEAN_CONTROLLER);
    await client.change('src/users/users.controller.ts', VIOLATING_CONTROLLER);
    await client.waitFor('the new violation', () => client.diagnosticsOf('src/users/users.controller.ts').some((d) => messageText(d).includes('injects UsersRepository')));
    assert.equal(fs.readFileSync(path.join(client.root, 'src/users/users.controller.ts'), 'utf8'), CLEAN_CONTROLLER, 'nothing was saved');
    await client.change('src/users/users.controller.ts', CLEAN_CONTROLLER);
    await client.waitFor('the violation to go', () => client.diagnosticsOf('src/users/users.controller.ts').length === 0);
  });

  it('never publishes a stale result over a newer edit', async () => {
    const client = await started();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    await client.open('src/users/users.controller.ts', CLEAN_CONTROLLER);
    for (let i = 0; i < 6; i++) await client.change('src/users/users.controller.ts', i % 2 === 0 ? VIOLATING_CONTROLLER : CLEAN_CONTROLLER);
    await client.change('src/users/users.controller.ts', VIOLATING_CONTROLLER);
    await client.waitFor('the final state', () => client.diagnosticsOf('src/users/users.controller.ts').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(client.diagnosticsOf('src/users/users.controller.ts').length, 1, 'the last edit wins');
  });

  it("stops an analysis that an edit made stale, and publishes the edited text's findings", async () => {
    const root = copyExample();
    roots.push(root);
    // Enough files that the first analysis is still running when the edit arrives.
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(root, `src/filler${i}.ts`), `export const filler${i} = (n: number) => n * ${i};\n`.repeat(20));
    const client = new TestLspClient({ root });
    clients.push(client);
    await client.start();
    await client.waitFor('the first analysis to start', () => client.statuses.some((s) => s.state === 'analyzing'));
    await client.open('src/users/users.controller.ts', VIOLATING_CONTROLLER);
    await client.waitFor('the edited text analyzed', () => client.diagnosticsOf('src/users/users.controller.ts').length === 1, 60000);
    assert.ok(
      client.logs.some((l) => /analysis stopped: a newer change arrived/.test(l)),
      `logs: ${client.logs.join('\n')}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(client.diagnosticsOf('src/users/users.controller.ts').length, 1);
  });

  it('shows a broken layerguard.json on the file itself and keeps guiding with the defaults', async () => {
    const client = await started();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    const configPath = path.join(client.root, 'layerguard.json');
    fs.writeFileSync(configPath, '{\n  "rules": { "layering/cycle": "loud" }\n}\n');
    await client.filesChanged([{ relative: 'layerguard.json', type: 1 }]);
    await client.waitFor('a config diagnostic', () => client.diagnosticsOf('layerguard.json').length === 1);
    const [configDiagnostic] = client.diagnosticsOf('layerguard.json');
    assert.equal(configDiagnostic?.code, 'config');
    assert.deepEqual(configDiagnostic?.range.start, { line: 1, character: 31 });
    assert.match(
      configDiagnostic ? messageText(configDiagnostic) : '',
      /at rules\["layering\/cycle"\]: expected "off" \| "info" \| "warning" \| "error" or an object \(found "loud"\)\. Layerguard uses its defaults/,
    );
    assert.ok(client.diagnosticsOf('src/orders/orders.controller.ts').length > 0, 'findings stay, with the defaults');
    await client.waitFor('the config error in the status', () => client.statuses.some((s) => s.state === 'ready' && s.configError !== undefined));
    const status = client.statuses.filter((s) => s.configError !== undefined).at(-1);
    assert.ok(status?.configError?.uri.endsWith('/layerguard.json') && status.configError.line === 1, JSON.stringify(status));
    fs.writeFileSync(configPath, '{ "rules": { "layering/cycle": "off" } }');
    await client.filesChanged([{ relative: 'layerguard.json', type: 2 }]);
    await client.waitFor(
      'the config diagnostic to go and cycles to be off',
      () => client.diagnosticsOf('layerguard.json').length === 0 && client.diagnosticsOf('src/users/users.service.ts').length === 0,
    );
  });

  it('warns on layerguard.json about a layer pattern that matches no file, and drops the warning once it matches', async () => {
    const client = await started();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    const configPath = path.join(client.root, 'layerguard.json');
    fs.writeFileSync(configPath, '{ "layers": { "repository": { "patterns": ["src/persistence/**"] } } }');
    await client.filesChanged([{ relative: 'layerguard.json', type: 1 }]);
    await client.waitFor('a config warning', () => client.diagnosticsOf('layerguard.json').length === 1);
    const [warning] = client.diagnosticsOf('layerguard.json');
    assert.equal(warning?.severity, 2, 'a warning: the configuration is valid and used');
    assert.equal(warning?.code, 'config');
    assert.match(warning ? messageText(warning) : '', /^at layers\.repository\.patterns\[0\]: "src\/persistence\/\*\*" matches no analyzed file/);
    fs.writeFileSync(configPath, '{ "layers": { "repository": { "patterns": ["src/**/*.repository.ts"] } } }');
    await client.filesChanged([{ relative: 'layerguard.json', type: 2 }]);
    await client.waitFor('the warning to go', () => client.diagnosticsOf('layerguard.json').length === 0);
  });

  it('reads settings per folder: severity overrides and enable', async () => {
    const client = await started({ rules: { 'layering/forbidden-dependency': 'info', 'layering/cycle': 'nonsense' } });
    await client.waitFor('info diagnostics', () => client.diagnosticsOf('src/orders/orders.controller.ts')[0]?.severity === 3);
    assert.ok(client.logs.some((l) => l.includes('layerguard.rules["layering/cycle"]: expected "off", "info", "warning" or "error", got "nonsense"; ignored')));
    await client.changeSettings({ enable: false });
    await client.waitFor('diagnostics cleared when disabled', () => [...client.diagnostics.values()].every((d) => d.length === 0));
  });

  it('re-analyzes on request and survives bad input in open documents', async () => {
    const client = await started();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    await client.open('src/orders/orders.service.ts', '\u0000\u0001 export class {{{ @@@ ;;; import from ;');
    await client.open('src/users/users.module.ts', 'x'.repeat(200_000));
    const result = await client.request<{ folders: number; files: number; findings: number }>('layerguard/analyzeWorkspace');
    assert.equal(result.folders, 1);
    assert.equal(result.files, 25);
    assert.ok(
      client.logs.some((l) => /orders\.service\.ts: syntax error/.test(l)),
      'the syntax error is logged',
    );
    await client.close('src/orders/orders.service.ts');
    // The saved file's imports are back, and with them the cycle it closes (reported on users.service.ts).
    await client.waitFor('the cycle through the saved file back', () => client.diagnosticsOf('src/users/users.service.ts').some((d) => d.code === 'layering/cycle'));
  });

  it('serves pull diagnostics (document and workspace, with refresh) to clients that support them', async () => {
    const root = copyExample();
    roots.push(root);
    const client = new TestLspClient({ root, pull: true });
    clients.push(client);
    const init = await client.start();
    assert.deepEqual(init.capabilities['diagnosticProvider'], { identifier: 'layerguard', interFileDependencies: true, workspaceDiagnostics: true });
    await client.waitFor('a refresh request after the first analysis', () => client.refreshes > 0);
    assert.equal(client.diagnostics.size, 0, 'nothing is pushed to a pull client');
    type Report = { kind: string; resultId?: string; items?: { code?: string }[] };
    const controller = client.uri('src/orders/orders.controller.ts');
    const report = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri: controller } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      report.items?.map((d) => d.code),
      ['layering/forbidden-dependency'],
    );
    const again = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri: controller }, previousResultId: report.resultId });
    assert.equal(again.kind, 'unchanged');
    const workspace = await client.request<{ items: (Report & { uri: string })[] }>('workspace/diagnostic', { previousResultIds: [] });
    assert.equal(workspace.items.filter((i) => (i.items?.length ?? 0) > 0).length, 4, 'every file with findings');
    // A long poll: answered when something changes.
    const previous = workspace.items.map((i) => ({ uri: i.uri, value: i.resultId ?? '' }));
    const next = client.request<{ items: (Report & { uri: string })[] }>('workspace/diagnostic', { previousResultIds: previous });
    await client.open('src/users/users.controller.ts', CLEAN_CONTROLLER);
    await client.change('src/users/users.controller.ts', VIOLATING_CONTROLLER);
    const changed = await next;
    assert.deepEqual(
      changed.items.map((i) => i.uri),
      [client.uri('src/users/users.controller.ts')],
    );
    assert.ok(changed.items[0]?.items?.some((d) => d.code === 'layering/forbidden-dependency'));
  });

  it('ignores layerguard.json in an untrusted workspace (defaults only)', async () => {
    const root = copyExample();
    roots.push(root);
    fs.writeFileSync(path.join(root, 'layerguard.json'), '{ "rules": { "layering/forbidden-dependency": "off" } }');
    const untrusted = new TestLspClient({ root, trusted: false });
    clients.push(untrusted);
    await untrusted.start();
    await untrusted.waitFor('findings with the defaults', () => untrusted.diagnosticsOf('src/orders/orders.controller.ts').length === 1);
    const trusted = new TestLspClient({ root });
    clients.push(trusted);
    await trusted.start();
    await trusted.waitFor('the trusted analysis', () => trusted.statuses.some((s) => s.state === 'ready'));
    assert.equal(trusted.diagnosticsOf('src/orders/orders.controller.ts').length, 0, 'a trusted workspace applies its config');
  });

  it("completes the snippets for the project's packages: the Nest ones first, none it cannot run, each replacing what was typed", async () => {
    const client = await started();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    const file = 'src/orders/draft.ts';
    await client.open(file, 'export const x = 1;\nlg-ne');
    interface Item {
      label: string;
      insertTextFormat?: number;
      textEdit?: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
    }
    const list = await client.request<{ isIncomplete: boolean; items: Item[] } | null>('textDocument/completion', { textDocument: { uri: client.uri(file) }, position: { line: 1, character: 5 } });
    const labels = list?.items.map((i) => i.label) ?? [];
    assert.deepEqual(labels.slice(0, 4), ['lg-nest-controller', 'lg-nest-service', 'lg-nest-repository', 'lg-nest-module'], labels.join(', '));
    assert.ok(!labels.some((l) => /express|fastify|prisma|bullmq/.test(l)), `the example installs none of these: ${labels.join(', ')}`);
    assert.ok(!labels.includes('lg-nest-health'), 'nor @nestjs/terminus');
    const controller = list?.items[0];
    assert.equal(controller?.insertTextFormat, 2, 'a snippet');
    assert.deepEqual(controller?.textEdit?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, 'it replaces lg-ne');
    assert.match(controller?.textEdit?.newText ?? '', /^import \{ Body, Controller/);
    const elsewhere = await client.request<{ items: Item[] } | null>('textDocument/completion', { textDocument: { uri: client.uri(file) }, position: { line: 0, character: 12 } });
    assert.equal(elsewhere, null, 'nothing inside a word that cannot start lg-');
  });

  it('explains layers: a hover on an injected repository shows its layer, evidence and verdict; explainFile answers the whole account', async () => {
    const client = await started();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    const file = 'src/orders/orders.controller.ts';
    const text = fs.readFileSync(path.join(client.root, file), 'utf8');
    await client.open(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('@InjectRepository'));
    const character = text.split('\n')[line]!.indexOf('@InjectRepository') + 2;
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: client.uri(file) }, position: { line, character } });
    assert.match(hover?.contents.value ?? '', /package `typeorm` is in the \*\*data-access\*\* layer/);
    assert.match(hover?.contents.value ?? '', /\*\*Forbidden\*\* \(layering\/forbidden-dependency\)/);
    // The Problems panel shows the headline; the hover adds why, and what to do, and the layers allowed.
    const headline = String(client.diagnosticsOf(file).find((d) => d.code === 'layering/forbidden-dependency')?.message ?? '');
    assert.match(headline, /^A controller must not depend on the data-access layer: it injects the TypeORM repository of Order/);
    assert.doesNotMatch(headline, /Go through a repository/);
    assert.match(hover?.contents.value ?? '', /\*\*layering\/forbidden-dependency\*\*: .*Go through a repository: it is the only layer that touches the database client or ORM\./);
    const classLine = text.split('\n').findIndex((l) => l.includes('export class OrdersController'));
    const own = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: client.uri(file) },
      position: { line: classLine, character: text.split('\n')[classLine]!.indexOf('OrdersController') + 1 },
    });
    assert.match(own?.contents.value ?? '', /this file is in the \*\*controller\*\* layer: decorator @Controller/);
    const firstLine = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: client.uri(file) }, position: { line: 0, character: 1 } });
    assert.match(firstLine?.contents.value ?? '', /this file is in the \*\*controller\*\* layer: decorator @Controller/);
    const markdown = await client.request<string | null>('layerguard/explainFile', { uri: client.uri(file) });
    assert.match(markdown ?? '', /^# Layerguard: `src\/orders\/orders\.controller\.ts`/);
    assert.match(markdown ?? '', /- controller — decorator @Controller — \*\*decided\*\*/);
    assert.equal(await client.request<string | null>('layerguard/explainFile', { uri: client.uri('src/orders/missing.ts') }), null);
  });

  it("layerguard/graph: answers the folder's graph with layers, typed edges and the rules that report an edge; null for a folder it does not analyze", async () => {
    const client = await started();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    interface Graph {
      root: string;
      nodes: { file: string; layer: string | null }[];
      edges: { from: string; to: string; kind: string; line: number; character: number; runtime: boolean; findings?: string[] }[];
    }
    const graph = await client.request<Graph | null>('layerguard/graph', { uri: client.uri('src/orders/orders.controller.ts') });
    assert.ok(graph, 'a graph for the analyzed folder');
    assert.equal(graph.nodes.find((n) => n.file === 'src/orders/orders.controller.ts')?.layer, 'controller');
    const forbidden = graph.edges.filter((e) => e.from === 'src/orders/orders.controller.ts' && e.findings?.includes('layering/forbidden-dependency'));
    assert.ok(forbidden.length > 0, JSON.stringify(graph.edges.filter((e) => e.from === 'src/orders/orders.controller.ts')));
    const text = fs.readFileSync(path.join(client.root, 'src/orders/orders.controller.ts'), 'utf8');
    const at = forbidden[0]!;
    assert.ok((text.split('\n')[at.line - 1] ?? '').length > at.character, 'the edge points into its line');
    assert.ok(
      graph.edges.some((e) => e.kind === 'di' && e.runtime),
      'injections are edges of their own',
    );
    assert.equal(await client.request<Graph | null>('layerguard/graph', { uri: 'file:///nowhere/at/all.ts' }), null);
  });

  it('layerguard/architectureView: answers what the view draws (lanes in order, red edges, findings); null for a folder it does not analyze', async () => {
    const client = await started();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    const answer = await client.request<{ root: string; view: ArchitectureView } | null>('layerguard/architectureView', { uri: client.uri('src/orders/orders.controller.ts') });
    assert.ok(answer, 'a view for the analyzed folder');
    const lanes = answer.view.lanes.map((l) => l.layer);
    assert.ok(lanes.indexOf('controller') < lanes.indexOf('service'), lanes.join(' '));
    assert.ok(answer.view.edges.some((e) => e.from === 'src/orders/orders.controller.ts' && e.rules.includes('layering/forbidden-dependency')));
    assert.ok(answer.view.findings.some((f) => f.file === 'src/orders/orders.controller.ts'));
    assert.equal(await client.request('layerguard/architectureView', { uri: 'file:///nowhere/at/all.ts' }), null);
  });
});
