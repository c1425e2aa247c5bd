import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { git, runCaptured as run, sarifErrors } from '../../helpers/cli';
import { project, type TempProject } from '../../helpers/project';

const capitalized = (name: string) => `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;

/** A feature whose controller builds its repository itself (a forbidden dependency), or calls its service. */
function feature(name: string, controller: 'builds-repository' | 'calls-service'): Record<string, string> {
  const type = capitalized(name);
  const uses = controller === 'builds-repository' ? { file: 'repository', value: `new ${type}Repository().all()` } : { file: 'service', value: `new ${type}Service().list()` };
  return {
    [`src/${name}/${name}.repository.ts`]: `export class ${type}Repository { all(): string[] { return []; } }\n`,
    [`src/${name}/${name}.service.ts`]: `import { ${type}Repository } from './${name}.repository';\nexport class ${type}Service { list() { return new ${type}Repository().all(); } }\n`,
    [`src/${name}/${name}.controller.ts`]: `import type { Request, Response } from 'express';
import { ${type}${capitalized(uses.file)} } from './${name}.${uses.file}';
export const list = (req: Request, res: Response) => res.json(${uses.value});
`,
  };
}

function writeAll(p: TempProject, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) p.write(file, text);
}

function tempEntries(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('layerguard-base-'));
}

/**
 * main: orders and users, both controllers building their repository, both baselined. The branch
 * fixes users and adds billing, which builds its repository. After the branch point, main adds
 * audit (another violation): the branch did not make it, so the diff must not report it.
 */
function pullRequest(): TempProject {
  const p = project({ 'tsconfig.json': '{}', ...feature('orders', 'builds-repository'), ...feature('users', 'builds-repository') });
  git(p.root, 'init', '-q');
  assert.equal(run(['baseline'], p.root).code, 0);
  git(p.root, 'add', '.');
  git(p.root, 'commit', '-q', '-m', 'orders and users');
  git(p.root, 'checkout', '-q', '-b', 'feature');
  writeAll(p, { ...feature('users', 'calls-service'), ...feature('billing', 'builds-repository') });
  git(p.root, 'add', '.');
  git(p.root, 'commit', '-q', '-m', 'users through its service; billing');
  git(p.root, 'checkout', '-q', 'main');
  writeAll(p, feature('audit', 'builds-repository'));
  git(p.root, 'add', '.');
  git(p.root, 'commit', '-q', '-m', 'audit');
  git(p.root, 'checkout', '-q', 'feature');
  return p;
}

interface DiffJson {
  base: { label: string };
  head: { label: string };
  findings: { introduced: { ruleId: string; file: string }[]; fixed: { ruleId: string; file: string }[] };
  forbidden: { added: { from: string; to: string }[]; removed: { from: string; to: string }[] };
  crossLayer: { added: { from: string; to: string }[]; removed: { from: string; to: string }[] };
}

describe('layerguard diff, check --affected and baseline --prune on a pull request', () => {
  it('reports what the branch changed since its merge base with main, in text, JSON, markdown and SARIF, leaving the repository as it was', () => {
    const p = pullRequest();
    const status = git(p.root, 'status', '--porcelain');
    const head = git(p.root, 'rev-parse', 'HEAD');
    const temps = tempEntries();

    const json = run(['diff', 'main', '--format', 'json'], p.root);
    assert.equal(json.code, 0, json.stderr);
    const diff = JSON.parse(json.stdout) as DiffJson;
    const mergeBase = git(p.root, 'merge-base', 'main', 'HEAD').trim().slice(0, 7);
    assert.equal(diff.base.label, `main (merge base ${mergeBase})`);
    assert.match(json.stderr, new RegExp(`^layerguard: comparing with main \\(merge base ${mergeBase}\\)$`, 'm'));
    assert.equal(diff.head.label, `HEAD (${head.slice(0, 7)})`);
    assert.deepEqual(
      diff.findings.introduced.map((f) => `${f.ruleId} ${f.file}`),
      ['layering/forbidden-dependency src/billing/billing.controller.ts'],
    );
    assert.deepEqual(
      diff.findings.fixed.map((f) => `${f.ruleId} ${f.file}`),
      ['layering/forbidden-dependency src/users/users.controller.ts'],
    );
    assert.deepEqual(
      diff.forbidden.added.map((d) => `${d.from} -> ${d.to}`),
      ['src/billing/billing.controller.ts -> src/billing/billing.repository.ts'],
    );
    assert.deepEqual(
      diff.forbidden.removed.map((d) => `${d.from} -> ${d.to}`),
      ['src/users/users.controller.ts -> src/users/users.repository.ts'],
    );
    assert.ok(!json.stdout.includes('audit'), 'main moved on after the branch point: not the branch’s doing');

    const text = run(['diff', 'main'], p.root);
    assert.match(text.stdout, /^Findings introduced \(1\):\n {2}\+ warning src\/billing\/billing\.controller\.ts:3 /m);
    assert.match(text.stdout, /^ {2}- src\/users\/users\.controller\.ts \(controller\) -> src\/users\/users\.repository\.ts \(repository\) {2}layering\/forbidden-dependency$/m);

    const markdown = run(['diff', 'main', '--format', 'markdown'], p.root).stdout;
    assert.match(markdown, /^\| Findings \| 1 \| 1 \|$/m);
    const mermaid = /```mermaid\n([^`]*)```/.exec(markdown)?.[1] ?? '';
    assert.match(mermaid, /n\d+ -->\|forbidden\| n\d+\n {2}linkStyle 0 stroke:#cf222e/);
    assert.match(mermaid, /\["billing\/billing\.controller\.ts"\]/);
    assert.doesNotMatch(mermaid, /orders/, 'unchanged dependencies are not drawn');

    const sarif = JSON.parse(run(['diff', 'main', '--format', 'sarif'], p.root).stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.deepEqual(sarifErrors(sarif), []);
    assert.deepEqual(
      sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri),
      ['src/billing/billing.controller.ts'],
    );

    assert.equal(git(p.root, 'status', '--porcelain'), status, 'the working tree and the index are as they were');
    assert.equal(git(p.root, 'rev-parse', 'HEAD'), head);
    assert.deepEqual(tempEntries(), temps, 'the base folder is removed');
  });

  it('fails on what the change introduces: an error, or more warnings than --max-warnings; --exit-zero reports only', () => {
    const p = pullRequest();
    const limited = run(['diff', 'main', '--max-warnings', '0'], p.root);
    assert.equal(limited.code, 1);
    assert.match(limited.stderr, /^layerguard: 1 warning\(s\), more than --max-warnings 0 allows\.$/m);
    p.write('layerguard.json', JSON.stringify({ rules: { 'layering/forbidden-dependency': 'error' } }));
    assert.equal(run(['diff', 'main'], p.root).code, 1, 'an error introduced fails');
    assert.equal(run(['diff', 'main', '--exit-zero'], p.root).code, 0);
    // The base has no layerguard.json: it is judged by today's, and the report says so.
    assert.match(run(['diff', 'main'], p.root).stdout, /^ {2}the base has no layerguard\.json; it is judged by today's$/m);
  });

  it('reports only the changed files and their importers with check --affected, and prunes the fixed finding from the baseline', () => {
    const p = pullRequest();
    const affected = run(['check', '--format', 'json', '--affected', 'main'], p.root);
    const files = (JSON.parse(affected.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    assert.deepEqual(files, ['src/billing/billing.controller.ts'], 'orders is baselined and unchanged; users was fixed');

    const check = run(['check'], p.root);
    assert.match(check.stdout, /^1 baselined finding no longer occurs: `layerguard baseline --prune` removes it from the baseline\.$/m);
    assert.equal(run(['check', '--fail-on-stale-baseline', '--exit-zero'], p.root).code, 0);
    assert.equal(run(['check', '--fail-on-stale-baseline', '--max-warnings', '-1'], p.root).code, 1);

    const pruned = run(['baseline', '--prune'], p.root);
    assert.match(pruned.stdout, /^layerguard: 1 fixed finding\(s\) removed from \.layerguard-baseline\.json; 1 remain\.$/m);
    const entries = (JSON.parse(fs.readFileSync(path.join(p.root, '.layerguard-baseline.json'), 'utf8')) as { findings: { file: string }[] }).findings;
    assert.deepEqual(
      entries.map((e) => e.file),
      ['src/orders/orders.controller.ts'],
    );
    assert.equal(run(['check', '--fail-on-stale-baseline', '--max-warnings', '-1'], p.root).code, 0);
  });

  it('follows a file the branch renamed: its findings and dependencies did not go and come back', () => {
    const p = project({ 'tsconfig.json': '{}', ...feature('orders', 'builds-repository') });
    git(p.root, 'init', '-q');
    git(p.root, 'add', '.');
    git(p.root, 'commit', '-q', '-m', 'orders');
    git(p.root, 'mv', 'src/orders/orders.controller.ts', 'src/orders/orders.routes.controller.ts');
    const diff = JSON.parse(run(['diff', 'HEAD', '--format', 'json'], p.root).stdout) as DiffJson & { layerChanges: unknown[] };
    assert.deepEqual(
      [diff.findings.introduced, diff.findings.fixed, diff.forbidden.added, diff.forbidden.removed, diff.crossLayer.added, diff.crossLayer.removed, diff.layerChanges],
      [[], [], [], [], [], [], []],
    );
    assert.match(run(['diff', 'HEAD'], p.root).stdout, /^No architectural change against HEAD \([0-9a-f]{7}\)\.$/m);
  });

  it('treats a folder new on the branch as empty at the base', () => {
    const p = project({ 'README.md': 'monorepo\n' });
    git(p.root, 'init', '-q');
    git(p.root, 'add', '.');
    git(p.root, 'commit', '-q', '-m', 'empty');
    writeAll(p, Object.fromEntries(Object.entries({ 'tsconfig.json': '{}', ...feature('orders', 'builds-repository') }).map(([file, text]) => [`packages/api/${file}`, text])));
    const diff = JSON.parse(run(['diff', 'HEAD', 'packages/api', '--format', 'json'], p.root).stdout) as DiffJson;
    assert.deepEqual(
      diff.findings.introduced.map((f) => f.file),
      ['src/orders/orders.controller.ts'],
    );
    assert.match(diff.head.label, /^working tree \(HEAD [0-9a-f]{7} and uncommitted changes\)$/);
  });

  it('says why it cannot compare: an unknown ref, a shallow clone, no git, no ref given', () => {
    const p = pullRequest();
    const unknown = run(['diff', 'no-such-branch'], p.root);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'layerguard: diff no-such-branch: no-such-branch names no commit of this repository\n');

    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-shallow-'));
    git(clone, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${p.root}`, 'repo');
    git(path.join(clone, 'repo'), 'fetch', '-q', '--depth', '1', 'origin', 'main:main');
    const shallow = run(['diff', 'main'], path.join(clone, 'repo'));
    assert.equal(shallow.code, 2);
    assert.match(shallow.stderr, /^layerguard: diff main: the merge base of main and HEAD is not in this shallow clone \(fetch more history, e\.g\. fetch-depth: 0 in actions\/checkout\)$/m);
    fs.rmSync(clone, { recursive: true, force: true });

    const outside = project({ 'tsconfig.json': '{}' });
    assert.match(run(['diff', 'main'], outside.root).stderr, /^layerguard: diff main: .* is not in a git repository/m);
    const usage = run(['diff'], outside.root);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^layerguard: diff needs the git ref to compare with: layerguard diff <base-ref> \[dir\], e\.g\. layerguard diff origin\/main$/m);
    assert.match(run(['diff', '--', '--all'], outside.root).stderr, /diff needs a git ref/);
  });
});
