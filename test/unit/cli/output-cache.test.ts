import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import { CACHE_FOLDER } from '../../../server/src/cli/output-cache';
import { project } from '../../helpers/project';

const REPO_ROOT = path.join(__dirname, '../../../..');
const SERVED = /no input changed since the last run; results from .*node_modules\/\.cache\/layerguard/;

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, colorByDefault: false });
  return { code, stdout, stderr };
}

/** The layering rule raised to error, as a team failing CI on it would: the exit code tells the verdict. */
const app = () =>
  project({
    'layerguard.json': JSON.stringify({ rules: { 'layering/forbidden-dependency': 'error' } }),
    'tsconfig.json': '{}',
    'src/controllers/orders.controller.ts': `import { OrdersRepository } from '../repositories/orders.repository';
export class OrdersController {
  constructor(private readonly orders: OrdersRepository) {}
  list(req: unknown, res: { json(body: unknown): void }) { res.json(this.orders.all()); }
}
`,
    'src/repositories/orders.repository.ts': `export class OrdersRepository {
  all() { return []; }
}
`,
  });

describe('layerguard check: the output cache (warm start)', () => {
  it('answers an unchanged workspace from node_modules/.cache/layerguard with the same output and exit code', () => {
    const p = app();
    const cold = run(['check', '.', '--format', 'json'], p.root);
    assert.equal(cold.code, 1);
    assert.doesNotMatch(cold.stderr, SERVED);
    const warm = run(['check', '.', '--format', 'json'], p.root);
    assert.match(warm.stderr, SERVED);
    assert.equal(warm.code, cold.code);
    assert.equal(warm.stdout, cold.stdout);
    assert.ok(fs.readdirSync(path.join(p.root, CACHE_FOLDER)).some((f) => f.startsWith('check-')));
  });

  it('analyzes again when a source file, a new file or the options change', () => {
    const p = app();
    run(['check', '.'], p.root);
    p.write('src/controllers/orders.controller.ts', `export class OrdersController {}\n`);
    const edited = run(['check', '.'], p.root);
    assert.doesNotMatch(edited.stderr, SERVED);
    assert.equal(edited.code, 0, 'the fixed layering is seen');
    p.write('src/controllers/users.controller.ts', `import { OrdersRepository } from '../repositories/orders.repository';\nexport const users = new OrdersRepository();\n`);
    const added = run(['check', '.'], p.root);
    assert.doesNotMatch(added.stderr, SERVED);
    assert.equal(added.code, 1);
    assert.doesNotMatch(run(['check', '.', '--format', 'sarif'], p.root).stderr, SERVED, 'another format is another entry');
    assert.match(run(['check', '.', '--format', 'sarif'], p.root).stderr, SERVED);
  });

  it('ignores a corrupt cache file and rewrites it; --no-cache and --fix always analyze', () => {
    const p = app();
    run(['check', '.'], p.root);
    const folder = path.join(p.root, CACHE_FOLDER);
    for (const file of fs.readdirSync(folder)) fs.writeFileSync(path.join(folder, file), '{ not json');
    const afterCorruption = run(['check', '.'], p.root);
    assert.doesNotMatch(afterCorruption.stderr, SERVED);
    assert.equal(afterCorruption.code, 1);
    assert.match(run(['check', '.'], p.root).stderr, SERVED, 'rewritten');
    assert.doesNotMatch(run(['check', '.', '--no-cache'], p.root).stderr, SERVED);
    assert.doesNotMatch(run(['check', '.', '--fix'], p.root).stderr, SERVED);
  });

  it('does not count its own --output file inside the folder as an input', () => {
    const p = app();
    run(['check', '.', '--format', 'json', '--output', 'report.json'], p.root);
    const again = run(['check', '.', '--format', 'json', '--output', 'report.json'], p.root);
    assert.match(again.stderr, SERVED);
    assert.ok(fs.readFileSync(path.join(p.root, 'report.json'), 'utf8').includes('"findings"'));
  });

  it('the bundled bin answers from the cache without loading the analysis', () => {
    const p = app();
    const bin = path.join(REPO_ROOT, 'dist/cli.js');
    const traced = () =>
      spawnSync(process.execPath, ['--require', path.join(__dirname, '../../helpers/trace-requires.js'), bin, 'check', p.root, '--format', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, LAYERGUARD_TRACE_REQUIRES: '1' },
      });
    const cold = traced();
    assert.match(cold.stderr, /required: .*cli-engine\.js/, 'a cold run loads the engine bundle (and the trace sees it)');
    const warm = traced();
    assert.equal(warm.status, cold.status);
    assert.equal(warm.stdout, cold.stdout);
    assert.match(warm.stderr, SERVED);
    assert.doesNotMatch(warm.stderr, /required: .*cli-engine\.js/, 'the engine bundle is not loaded');
    // Nor carried by the bin itself: a module of the engine imported by the argument parser would
    // bring the analysis (and TypeScript) into cli.js, parsed on every warm start.
    const binKb = fs.statSync(bin).size / 1024;
    assert.ok(binKb < 512, `dist/cli.js is ${Math.round(binKb)} KB: something of the engine's analysis is bundled into it`);
  });
});
