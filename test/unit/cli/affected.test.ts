import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { git, runCaptured as run } from '../../helpers/cli';
import { project } from '../../helpers/project';

/** Two features, each with a controller that builds its repository itself: a finding in each. */
const feature = (name: string) => ({
  [`src/${name}/${name}.repository.ts`]: `export class ${name[0]?.toUpperCase()}${name.slice(1)}Repository { all() { return [] as string[]; } }\n`,
  [`src/${name}/${name}.controller.ts`]: `import type { Request, Response } from 'express';
import { ${name[0]?.toUpperCase()}${name.slice(1)}Repository } from './${name}.repository';
export const list = (req: Request, res: Response) => res.json(new ${name[0]?.toUpperCase()}${name.slice(1)}Repository().all());
`,
});

function findingFiles(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: { file: string }[] }).findings.map((f) => f.file).sort();
}

describe('layerguard check --affected', () => {
  it('reports on the files changed since the ref (commits, edits, new files) and those importing them, from the whole graph', () => {
    const p = project({ 'tsconfig.json': '{}', ...feature('orders'), ...feature('users') });
    git(p.root, 'init', '-q');
    git(p.root, 'add', '.');
    git(p.root, 'commit', '-q', '-m', 'base');
    git(p.root, 'tag', 'base');
    assert.deepEqual(findingFiles(run(['check', '--format', 'json'], p.root).stdout), ['src/orders/orders.controller.ts', 'src/users/users.controller.ts']);

    // A commit on the users' repository: its controller imports it, so its dependencies changed.
    git(p.root, 'checkout', '-q', '-b', 'feature');
    p.write('src/users/users.repository.ts', 'export class UsersRepository { all() { return ["ada"]; } }\n');
    git(p.root, 'commit', '-q', '-am', 'users');
    const affected = run(['check', '--format', 'json', '--affected', 'base'], p.root);
    assert.deepEqual(findingFiles(affected.stdout), ['src/users/users.controller.ts']);
    assert.match(affected.stderr, /^layerguard: --affected base: reporting on 2 of 4 files \(changed since base, or importing what changed\)\.$/m);
    assert.equal(affected.code, 0);

    // A new file not yet committed is a change too; what it does wrong is reported.
    p.write('src/billing/billing.controller.ts', feature('orders')['src/orders/orders.controller.ts']!.replace('./orders.repository', '../orders/orders.repository'));
    assert.deepEqual(findingFiles(run(['check', '--format', 'json', '--affected', 'base'], p.root).stdout), ['src/billing/billing.controller.ts', 'src/users/users.controller.ts']);
    // Nothing changed since HEAD but the new file.
    assert.deepEqual(findingFiles(run(['check', '--format', 'json', '--affected', 'HEAD'], p.root).stdout), ['src/billing/billing.controller.ts']);
  });

  it('checks every file, saying why, in a shallow clone without the ref and outside git; refuses a ref that reads as an option', () => {
    const origin = project({ 'tsconfig.json': '{}', ...feature('orders') });
    git(origin.root, 'init', '-q');
    git(origin.root, 'add', '.');
    git(origin.root, 'commit', '-q', '-m', 'one');
    git(origin.root, 'tag', 'base');
    origin.write('src/orders/orders.repository.ts', 'export class OrdersRepository { all() { return ["x"]; } }\n');
    git(origin.root, 'commit', '-q', '-am', 'two');
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-shallow-'));
    git(clone, 'clone', '-q', '--depth', '1', '--no-tags', `file://${origin.root}`, 'repo');
    const shallow = run(['check', '--format', 'json', '--affected', 'base'], path.join(clone, 'repo'));
    assert.match(shallow.stderr, /^layerguard: --affected base: base is not in this shallow clone \(fetch more history, e\.g\. fetch-depth: 0 in actions\/checkout\); checking every file instead\.$/m);
    assert.deepEqual(findingFiles(shallow.stdout), ['src/orders/orders.controller.ts']);

    const outside = project({ 'tsconfig.json': '{}', ...feature('orders') });
    const plain = run(['check', '--format', 'json', '--affected', 'main'], outside.root);
    assert.match(plain.stderr, /^layerguard: --affected main: .* is not in a git repository .*; checking every file instead\.$/m);
    assert.deepEqual(findingFiles(plain.stdout), ['src/orders/orders.controller.ts']);

    const option = run(['check', '--affected=--all'], outside.root);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /--affected needs a git ref \(a branch, tag or commit\), got "--all"/);
  });
});
