import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const REPO = path.join(__dirname, '../../..');
const SERVER = path.join(REPO, 'dist/server.js');

/** The same Lua a user puts in their config (see the README), plus reporting for the test. */
const LUA = `
local root, server, file, out = os.getenv('LG_ROOT'), os.getenv('LG_SERVER'), os.getenv('LG_FILE'), os.getenv('LG_OUT')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'layerguard',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
})
vim.lsp.buf_attach_client(bufnr, client_id)
local ok = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 100)
local found = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, { lnum = d.lnum, col = d.col, message = d.message, source = d.source, code = lsp.code })
end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode({ ok = ok, version = vim.version().minor, diagnostics = found }))
f:close()
vim.cmd('qa!')
`;

describe('Neovim (built-in LSP client, headless)', () => {
  it('receives the layering diagnostics of an example file from the server over stdio', () => {
    const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-nvim-')));
    try {
      const root = path.join(work, 'nest-shop');
      fs.cpSync(path.join(REPO, 'examples/nest-shop'), root, { recursive: true });
      const script = path.join(work, 'layerguard.lua');
      const out = path.join(work, 'out.json');
      fs.writeFileSync(script, LUA);
      const nvim = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], {
        env: { ...process.env, LG_ROOT: root, LG_SERVER: SERVER, LG_FILE: path.join(root, 'src/orders/orders.controller.ts'), LG_OUT: out, XDG_STATE_HOME: work, XDG_DATA_HOME: work },
        encoding: 'utf8',
        timeout: 60000,
      });
      assert.equal(nvim.error, undefined, `nvim could not run (installed by scripts/e2e/setup.sh): ${String(nvim.error)}`);
      assert.ok(fs.existsSync(out), `nvim wrote no result; stderr: ${nvim.stderr}`);
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { ok: boolean; diagnostics: { lnum: number; col: number; message: string; source: string; code: string }[] };
      assert.equal(result.ok, true, 'diagnostics arrived before the deadline');
      assert.deepEqual(
        result.diagnostics.map((d) => ({ lnum: d.lnum, col: d.col, source: d.source, code: d.code })),
        [{ lnum: 13, col: 4, source: 'layerguard', code: 'layering/forbidden-dependency' }],
      );
      assert.match(result.diagnostics[0]?.message ?? '', /injects the TypeORM repository of Order/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
