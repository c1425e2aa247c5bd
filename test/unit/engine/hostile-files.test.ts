import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import { encodeSource, type SourceEncoding } from '../../../server/src/engine';
import { loadConfig } from '../../../server/src/engine/config/load';
import { project, type TempProject } from '../../helpers/project';

const controller = `import { UsersRepository } from './users.repository';
export class UsersController { constructor(private readonly users: UsersRepository) {} }
`;

function app(extra: Record<string, string> = {}): TempProject {
  return project({ 'src/users.repository.ts': 'export class UsersRepository {}\n', 'src/users.controller.ts': controller, ...extra });
}

function check(root: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(['check', '--no-cache'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: root, colorByDefault: false });
  return { code, stdout, stderr };
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

describe('hostile files: configuration', () => {
  it('refuses a layerguard.json that is a named pipe or a link to a device, instead of hanging, and exits 2', () => {
    const fifo = app();
    mkfifo(path.join(fifo.root, 'layerguard.json'));
    const fromPipe = check(fifo.root);
    assert.equal(fromPipe.code, 2);
    assert.match(fromPipe.stderr, /cannot read configuration: not a regular file but a named pipe \(FIFO\)/);
    const device = app();
    fs.symlinkSync('/dev/zero', path.join(device.root, 'layerguard.json'));
    const load = loadConfig(device.root);
    assert.equal(load.ok, false);
    assert.match(!load.ok ? (load.errors[0]?.message ?? '') : '', /not a regular file but a device/);
  });

  it('does not read a layerguard.json linking to /dev/zero for the cache digest either (a run with the cache on)', () => {
    const p = app();
    fs.symlinkSync('/dev/zero', path.join(p.root, 'layerguard.json'));
    let stderr = '';
    const code = runCli(['check'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: p.root, colorByDefault: false });
    assert.equal(code, 2);
    assert.match(stderr, /not a regular file but a device/);
  });

  it('says a layerguard.json linking to nothing is broken rather than quietly using the defaults', () => {
    const p = app();
    fs.symlinkSync(path.join(p.root, 'gone.json'), path.join(p.root, 'layerguard.json'));
    const result = check(p.root);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /a symbolic link to .*gone\.json, which does not exist/);
  });

  it('refuses a layerguard.json over 1 MB, and reads one that starts with a byte-order mark', () => {
    const huge = app({ 'layerguard.json': `{ "ignore": [${Array.from({ length: 120_000 }, (_, i) => `"generated/${i}/**"`).join(',')}] }` });
    assert.match(check(huge.root).stderr, /MB is over the 1 MB limit for configuration files/);
    const bom = app({ 'layerguard.json': '\uFEFF{ "rules": { "layering/forbidden-dependency": "error" } }' });
    const result = check(bom.root);
    assert.equal(result.code, 1, 'the configuration applies: the finding is an error');
    assert.match(result.stdout, /forbidden-dependency/);
  });

  it('exits 2 with one line for a tsconfig nested thousands deep or that is a named pipe', () => {
    const deep = app({ 'tsconfig.json': `{ "compilerOptions": {}, "x": ${'['.repeat(50_000)}${']'.repeat(50_000)} }` });
    const fromDeep = check(deep.root);
    assert.equal(fromDeep.code, 2);
    assert.match(fromDeep.stderr, /^layerguard: tsconfig\.json: cannot use it: nested more than 100 levels deep/m);
    const pipe = app();
    mkfifo(path.join(pipe.root, 'tsconfig.json'));
    const fromPipe = check(pipe.root);
    assert.equal(fromPipe.code, 2);
    assert.match(fromPipe.stderr, /tsconfig\.json: cannot use it: not a regular file but a named pipe/);
  });
});

describe('hostile files: sources', () => {
  for (const withTsconfig of [false, true]) {
    const how = withTsconfig ? 'with a tsconfig including src' : 'without a tsconfig';
    it(`does not follow a link to / out of the folder, ${how}, and says so`, () => {
      const p = app(withTsconfig ? { 'tsconfig.json': JSON.stringify({ include: ['src'] }) } : {});
      fs.symlinkSync('/', path.join(p.root, 'src', 'rootlink'));
      const result = p.analyze();
      assert.equal(result.stats.files, 2);
      assert.ok(result.problems.some((x) => /rootlink$/.test(x.file ?? '') && /a link leading outside the analyzed folder \(to \/\), not followed/.test(x.message)));
      assert.equal(result.findings.length, 1);
    });

    it(`says which source-named entries are no files (a named pipe, a loop of links), ${how}, and analyzes a linked source file`, () => {
      const p = app(withTsconfig ? { 'tsconfig.json': JSON.stringify({ include: ['src'] }) } : {});
      mkfifo(path.join(p.root, 'src', 'pipe.ts'));
      fs.symlinkSync(path.join(p.root, 'src', 'b.ts'), path.join(p.root, 'src', 'a.ts'));
      fs.symlinkSync(path.join(p.root, 'src', 'a.ts'), path.join(p.root, 'src', 'b.ts'));
      fs.mkdirSync(path.join(p.root, 'shared'));
      fs.writeFileSync(path.join(p.root, 'shared', 'money.ts'), 'export const cents = (n: number) => Math.round(n * 100);\n');
      fs.symlinkSync(path.join(p.root, 'shared', 'money.ts'), path.join(p.root, 'src', 'money.ts'));
      const result = p.analyze();
      const said = (name: string) => result.problems.find((x) => x.file?.endsWith(`src/${name}`))?.message;
      assert.equal(said('pipe.ts'), 'skipped: not a regular file but a named pipe (FIFO)');
      assert.equal(said('a.ts'), 'skipped: a loop of symbolic links');
      assert.ok(
        [...result.graph.files.keys()].some((f) => f.endsWith('src/money.ts')),
        'a link to a source file inside the folder is analyzed',
      );
    });
  }
});

describe('hostile files: the resource budget', () => {
  it('analyzes at most maxFiles source files, the first by path, and fails the check on the rest with one problem', () => {
    const p = app({ 'src/zz-a.ts': 'export const a = 1;\n', 'src/zz-b.ts': 'export const b = 2;\n' });
    const result = p.analyze({ maxFiles: 2 });
    assert.deepEqual([...result.graph.files.keys()].map((f) => path.basename(f)).sort(), ['users.controller.ts', 'users.repository.ts']);
    const budget = result.problems.filter((x) => /more than the 2 one analysis takes/.test(x.message));
    assert.equal(budget.length, 1);
    assert.equal(budget[0]?.lost, true);
    assert.match(budget[0]?.message ?? '', /^4 source files found, .*: 2 were not analyzed \(from .*src\/zz-a\.ts\)/);
  });
});

describe('hostile files: encodings', () => {
  const service = `export class OrdersService {
  constructor(private readonly orders: { findAll(): Promise<{ total: number }[]> }) {}
  async sum() {
    const data = await this.orders.findAll();
    let total = 0;
    for (const o of data) total += o.total;
    return total;
  }
}
`;

  it('analyzes UTF-16 sources with a byte-order mark, as tsc reads them', () => {
    const p = app();
    fs.writeFileSync(path.join(p.root, 'src', 'users.controller.ts'), encodeSource(controller, 'utf16le'));
    fs.writeFileSync(path.join(p.root, 'src', 'users.repository.ts'), encodeSource('export class UsersRepository {}\n', 'utf16be'));
    const result = p.analyze();
    assert.deepEqual(
      result.problems.filter((x) => x.kind === 'read'),
      [],
    );
    assert.equal(result.findings.filter((f) => f.ruleId === 'layering/forbidden-dependency').length, 1);
  });

  for (const encoding of ['utf8-bom', 'utf16le'] as SourceEncoding[]) {
    it(`applies a fix to a ${encoding} file and writes it back in the same encoding`, () => {
      const p = project({ 'layerguard.json': JSON.stringify({ rules: { 'naming/ambiguous-name': 'info' } }), 'tsconfig.json': '{}' });
      const file = path.join(p.root, 'src', 'orders', 'orders.service.ts');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, encodeSource(service, encoding));
      let stderr = '';
      runCli(['check', '--fix', '--no-cache'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: p.root, colorByDefault: false });
      assert.equal(stderr, 'layerguard: applied 1 fix(es) in 1 file(s)\n');
      assert.deepEqual(fs.readFileSync(file), encodeSource(service.replace(/\bdata\b/g, 'orders'), encoding));
    });
  }
});
