import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const REPO = path.join(__dirname, '../../..');
/** The budget: the CLI's package downloads in a blink. */
const MAX_TARBALL_BYTES = 3 * 1024 * 1024;

function npm(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npm', [...args], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The npm package as a CI job gets it: packed from the built bundles, installed into an empty project, run. */
describe('the npm package (the command line)', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-npm-'));
  let tarball = '';

  it('packs the bundles, the schema and the docs, nothing of the sources, under 3 MB, with no run-time dependency', () => {
    const packed = npm(['pack', '--json', '--pack-destination', work], REPO);
    assert.equal(packed.status, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as { filename: string; size: number; files: { path: string }[] }[];
    assert.ok(info, 'npm pack describes the tarball');
    tarball = path.join(work, info.filename);
    const files = info.files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'dist/cli.js', 'dist/cli-engine.js', 'schemas/layerguard.schema.json', 'docs/rules/layering/forbidden-dependency.md', 'docs/ci.md'])
      assert.ok(files.includes(needed), `${needed} is packed`);
    const stray = files.filter((f) => /^(?:server|client|test|out|examples|bench|scripts|snippets|webview\/src)\/|\.ts$|\.map$|^dist\/(?:server|extension)\.js$/.test(f));
    assert.deepEqual(stray, []);
    assert.ok(info.size < MAX_TARBALL_BYTES, `the tarball is ${(info.size / 1024 / 1024).toFixed(2)} MB`);
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { private?: boolean; dependencies?: Record<string, string>; bin?: Record<string, string> };
    assert.notEqual(manifest.private, true, 'publishable');
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), [], 'the bundles carry what they need');
    assert.equal(manifest.bin?.['layerguard'], 'dist/cli.js');
  });

  it('installs into an empty project without the registry, and runs --version, --help and check', () => {
    assert.ok(tarball, 'packed by the previous test');
    const app = path.join(work, 'app');
    fs.mkdirSync(path.join(app, 'src/orders'), { recursive: true });
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    fs.writeFileSync(path.join(app, 'src/orders/orders.repository.ts'), 'export class OrdersRepository { all() { return []; } }\n');
    fs.writeFileSync(
      path.join(app, 'src/orders/orders.controller.ts'),
      "import type { Request, Response } from 'express';\nimport { OrdersRepository } from './orders.repository';\nexport const listOrders = (req: Request, res: Response) => res.json(new OrdersRepository().all());\n",
    );
    const installed = npm(['install', '--offline', '--no-save', tarball], app);
    assert.equal(installed.status, 0, installed.stderr);
    const bin = path.join(app, 'node_modules/.bin/layerguard');
    const run = (args: string[]) => spawnSync(bin, args, { cwd: app, encoding: 'utf8' });
    assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
    assert.match(run(['--help']).stdout, /^Usage:\n {2}layerguard check/);
    const check = run(['check', '--format', 'json', '--no-cache']);
    assert.equal(check.status, 0, check.stderr);
    const report = JSON.parse(check.stdout) as { findings: { ruleId: string; file: string }[] };
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.file}`),
      ['layering/forbidden-dependency src/orders/orders.controller.ts'],
    );

    // A pull request in the project's repository: the installed CLI comments its diff and writes GitLab's report.
    const git = (...args: string[]) =>
      assert.equal(spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: app, encoding: 'utf8' }).status, 0, `git ${args.join(' ')}`);
    fs.writeFileSync(path.join(app, '.gitignore'), 'node_modules/\n');
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'orders');
    git('checkout', '-q', '-b', 'fix');
    fs.writeFileSync(
      path.join(app, 'src/orders/orders.service.ts'),
      "import { OrdersRepository } from './orders.repository';\nexport class OrdersService { all() { return new OrdersRepository().all(); } }\n",
    );
    fs.writeFileSync(
      path.join(app, 'src/orders/orders.controller.ts'),
      "import type { Request, Response } from 'express';\nimport { OrdersService } from './orders.service';\nexport const listOrders = (req: Request, res: Response) => res.json(new OrdersService().all());\n",
    );
    const diff = run(['diff', 'main', '--format', 'markdown']);
    assert.equal(diff.status, 0, diff.stderr);
    assert.match(diff.stdout, /^\| Findings \| 0 \| 1 \|$/m);
    assert.match(diff.stdout, /^```mermaid\nflowchart LR\n/m);
    const gitlab = run(['check', '--format', 'gitlab', '--no-cache']);
    assert.deepEqual(JSON.parse(gitlab.stdout), [], 'the fix leaves GitLab nothing to report');
  });
});
