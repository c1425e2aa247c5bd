import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { messageText, TestLspClient } from '../../helpers/lsp-client';

const EXAMPLE = path.join(__dirname, '../../../../examples/nest-shop');
const RESTORED = /showing (\d+) diagnostics saved at .* while the first analysis runs/;

function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Every published diagnostic, by file: what the editor shows. */
function shown(client: TestLspClient): string[] {
  return [...client.diagnostics].flatMap(([uri, list]) => list.map((d) => `${path.basename(uri)}:${d.range.start.line} ${messageText(d).slice(0, 50)}`)).sort();
}

describe('results kept between editor sessions (storagePath)', () => {
  const clients: TestLspClient[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const client of clients) await client.stop().catch(() => undefined);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the example backend, and an empty storage folder for the server. */
  function workspaceWithStorage(): { root: string; storage: string } {
    const root = tempDir('layerguard-persist-');
    const storage = tempDir('layerguard-storage-');
    dirs.push(root, storage);
    fs.cpSync(EXAMPLE, root, { recursive: true });
    return { root, storage };
  }

  async function session(root: string, storagePath: string): Promise<TestLspClient> {
    const client = new TestLspClient({ root, storagePath });
    clients.push(client);
    await client.start();
    await client.waitFor('the first analysis', () => client.statuses.some((s) => s.state === 'ready'));
    return client;
  }

  it('shows the saved diagnostics at once when no input changed, and analyzes again when one did or the file is corrupt', async () => {
    const { root, storage } = workspaceWithStorage();

    const first = await session(root, storage);
    assert.ok(!first.logs.some((l) => RESTORED.test(l)), 'nothing to restore on the very first start');
    const analyzed = shown(first);
    assert.ok(analyzed.length > 0);
    // Saved in the background once analyses pause (hashed in slices), without waiting for shutdown.
    const deadline = Date.now() + 15000;
    while (!fs.readdirSync(storage).some((f) => f.startsWith('results-')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await first.stop();
    const saved = fs.readdirSync(storage).filter((f) => f.startsWith('results-') && f.endsWith('.json'));
    assert.equal(saved.length, 1);

    const second = await session(root, storage);
    const restoredLine = second.logs.find((l) => RESTORED.test(l));
    assert.ok(restoredLine, `restored: ${second.logs.join('\n')}`);
    assert.equal(Number(RESTORED.exec(restoredLine)![1]), analyzed.length);
    const readyAt = second.logs.findIndex((l) => / findings in \d+ files/.test(l));
    assert.ok(second.logs.indexOf(restoredLine) < readyAt, 'restored before the first analysis finished');
    assert.deepEqual(shown(second), analyzed, 'the analysis confirms what was restored');
    await second.stop();

    // An input changed on disk: the saved results are not shown.
    fs.appendFileSync(path.join(root, 'src/users/users.service.ts'), '\nexport const added = 1;\n');
    const third = await session(root, storage);
    assert.ok(!third.logs.some((l) => RESTORED.test(l)), 'a changed file invalidates the saved results');
    await third.stop();

    // A corrupt file is ignored (the server analyzes as usual) and replaced by a valid one.
    fs.writeFileSync(path.join(storage, saved[0]!), '{ not json');
    const fourth = await session(root, storage);
    assert.ok(!fourth.logs.some((l) => RESTORED.test(l)));
    assert.deepEqual(shown(fourth).length > 0, true);
    await fourth.stop();
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(path.join(storage, saved[0]!), 'utf8')));
  });

  it('does not save results computed from an unsaved buffer', async () => {
    const { root, storage } = workspaceWithStorage();
    const client = await session(root, storage);
    await client.stop();
    const file = fs.readdirSync(storage).find((f) => f.startsWith('results-'))!;
    const before = fs.readFileSync(path.join(storage, file), 'utf8');

    const editing = await session(root, storage);
    const service = 'src/users/users.service.ts';
    const text = fs.readFileSync(path.join(root, service), 'utf8');
    await editing.open(service, text);
    await editing.change(service, `${text}\nconst apiKey = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';\nexport { apiKey };\n`);
    await editing.waitFor('the unsaved secret flagged', () => editing.diagnosticsOf(service).some((d) => String(d.code) === 'security/hardcoded-secret'));
    await editing.stop();
    const after = JSON.parse(fs.readFileSync(path.join(storage, file), 'utf8')) as { diagnostics: [string, unknown[]][] };
    assert.ok(!JSON.stringify(after.diagnostics).includes('hardcoded-secret'), 'the unsaved finding was not saved');
    assert.equal(JSON.parse(before).inputs, (after as unknown as { inputs: string }).inputs);
  });

  it('saves results of an open file whose disk text has a byte order mark the editor dropped', async () => {
    const { root, storage } = workspaceWithStorage();
    const service = 'src/users/users.service.ts';
    const text = fs.readFileSync(path.join(root, service), 'utf8');
    fs.writeFileSync(path.join(root, service), `\uFEFF${text}`);
    const client = await session(root, storage);
    await client.open(service, text);
    await client.waitFor('the analysis after opening', () => client.statuses.filter((s) => s.state === 'ready').length >= 2);
    await client.stop();
    assert.equal(fs.readdirSync(storage).filter((f) => f.startsWith('results-')).length, 1, 'saved although the buffer has no byte order mark');
  });
});
