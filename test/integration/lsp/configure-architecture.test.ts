import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { TestLspClient } from '../../helpers/lsp-client';

const EXAMPLE = path.join(__dirname, '../../../../examples/hexagonal-orders');
const USE_CASE = 'src/orders/application/cancel-order.use-case.ts';

interface Proposal {
  choices?: { label: string; fit: number; reasons: string[]; findings?: number }[];
  configExists?: boolean;
  written?: string;
  error?: string;
}

/** The hexagonal example without its layerguard.json: a team that has not configured anything yet. */
function unconfiguredCopy(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-architecture-')));
  fs.cpSync(EXAMPLE, root, { recursive: true, filter: (source) => path.basename(source) !== 'layerguard.json' });
  return root;
}

describe('Configure Architecture over stdio', () => {
  const clients: TestLspClient[] = [];
  const roots: string[] = [];
  after(async () => {
    for (const client of clients) await client.stop().catch(() => undefined);
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  const command = (client: TestLspClient, args: unknown) => client.request<Proposal>('workspace/executeCommand', { command: 'layerguard.server.configureArchitecture', arguments: [args] });

  it('proposes the architecture with its evidence, writes the chosen configuration, and the findings follow it', async () => {
    const root = unconfiguredCopy();
    roots.push(root);
    const client = new TestLspClient({ root });
    clients.push(client);
    await client.start();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    const folderUri = client.uri('.').replace(/\/\.?$/, '');
    await client.open(USE_CASE, fs.readFileSync(path.join(root, USE_CASE), 'utf8'));

    const proposal = await command(client, { folderUri });
    assert.ok(proposal, client.logs.join('\n'));
    assert.equal(proposal.configExists, false);
    const first = proposal.choices?.[0];
    assert.equal(first?.label, 'hexagonal');
    assert.equal(first?.findings, 2, 'the preview counts what the preset would report');
    assert.ok(first?.reasons.some((r) => /under domain\//.test(r)));
    assert.equal(client.diagnosticsOf(USE_CASE).length, 0, 'the default policy sees nothing wrong in ports and adapters');

    const written = await command(client, { folderUri, write: 0 });
    assert.equal(written.written, path.join(root, 'layerguard.json'));
    assert.match(fs.readFileSync(path.join(root, 'layerguard.json'), 'utf8'), /"preset": "hexagonal"/);
    await client.filesChanged([{ relative: 'layerguard.json', type: 1 }]);
    await client.waitFor('the hexagonal finding', () =>
      client.diagnosticsOf(USE_CASE).some((d) => d.code === 'layering/forbidden-dependency' && String(d.message).includes('must not depend on the adapter layer')),
    );

    const again = await command(client, { folderUri });
    assert.equal(again.configExists, true);
    const refused = await command(client, { folderUri, write: 1 });
    assert.match(refused.error ?? '', /exists; it was left as it is/);
    assert.match(fs.readFileSync(path.join(root, 'layerguard.json'), 'utf8'), /"preset": "hexagonal"/, 'nothing replaced without the user agreeing');
  });
});
