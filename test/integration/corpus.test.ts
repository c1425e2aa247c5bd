import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '../../..');
const RUN = path.join(ROOT, 'scripts/corpus/run.mjs');

/** A corpus of one tiny backend, checked out as the checkout script would leave it. */
function corpus(labels: readonly object[]): { dir: string; manifest: string; labels: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-corpus-')));
  const app = path.join(dir, 'shop');
  fs.mkdirSync(path.join(app, 'src'), { recursive: true });
  fs.writeFileSync(path.join(app, 'tsconfig.json'), '{}');
  // The backend's own configuration counts, as it would for its team: errors column and an opt-in rule.
  fs.writeFileSync(path.join(app, 'layerguard.json'), JSON.stringify({ rules: { 'layering/forbidden-dependency': 'error', 'naming/ambiguous-name': 'info' } }));
  fs.writeFileSync(path.join(app, 'src/users.repository.ts'), "import knex from 'knex';\nexport class UsersRepository { all() { return knex('users'); } }\n");
  fs.writeFileSync(
    path.join(app, 'src/users.controller.ts'),
    "import { UsersRepository } from './users.repository';\nexport const list = (req: unknown, res: unknown) => [req, res, new UsersRepository()];\nexport async function stuff(job: () => Promise<void>) { try { await job(); } catch {} }\nexport const session = { secret: 'pink-elephant-42' };\n",
  );
  const manifest = path.join(dir, 'manifest.json');
  fs.writeFileSync(manifest, JSON.stringify({ repos: [{ id: 'shop', repo: 'example/shop', commit: 'a'.repeat(40), path: '', split: 'dev', testedIn: 'test-v1', styles: [] }] }));
  const labelFile = path.join(dir, 'labels.jsonl');
  fs.writeFileSync(labelFile, labels.map((l) => JSON.stringify(l)).join('\n'));
  return { dir, manifest, labels: labelFile };
}

function run(c: { dir: string; manifest: string; labels: string }, extra: string[] = []) {
  return spawnSync(process.execPath, [RUN, c.dir, '--manifest', c.manifest, '--labels', c.labels, ...extra], { encoding: 'utf8' });
}

describe('npm run corpus', () => {
  it('measures precision over labelled findings and recall over known problems, and lists what is left to label', () => {
    const c = corpus([
      { repo: 'shop', file: 'src/users.controller.ts', line: 2, rule: 'layering/forbidden-dependency', verdict: 'true', reason: 'the controller builds the repository' },
      { repo: 'shop', file: 'src/users.controller.ts', line: 3, rule: 'naming/ambiguous-name', verdict: 'false', reason: 'a test of a false label' },
      { repo: 'shop', file: 'src/users.repository.ts', line: 2, rule: 'data/n-plus-one', verdict: 'miss', reason: 'a problem the rule does not see' },
    ]);
    const result = run(c, ['--todo', path.join(c.dir, 'todo.jsonl')]);
    assert.equal(result.status, 0, result.stderr);
    const row = (rule: string) =>
      result.stdout
        .split('\n')
        .find((l) => l.startsWith(rule))
        ?.split(/\s{2,}/);
    assert.deepEqual(row('layering/forbidden-dependency')?.slice(1), ['1', '1', '1', '0', '0', '0 (0)', '100%', '0/0', '100% (1/1)']);
    assert.deepEqual(row('naming/ambiguous-name')?.slice(1), ['1', '0', '0', '1', '0', '0 (0)', '0%', '0/0', '–']);
    assert.deepEqual(row('data/n-plus-one')?.slice(1), ['0', '0', '0', '0', '0', '0 (0)', '–', '0/1', '0% (0/1)']);
    const todo = fs
      .readFileSync(path.join(c.dir, 'todo.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { rule: string; code: string });
    assert.deepEqual(
      todo.map((t) => t.rule),
      ['security/hardcoded-secret'],
    );
    assert.match(todo[0]?.code ?? '', />\s+4 export const session/);
  });

  it('refuses a label file it cannot trust, naming the line', () => {
    const c = corpus([
      { repo: 'shop', file: 'src/a.ts', line: 1, rule: 'x/y', verdict: 'true', reason: 'once' },
      { repo: 'shop', file: 'src/a.ts', line: 1, rule: 'x/y', verdict: 'false', reason: 'and the opposite' },
    ]);
    const result = run(c);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /labels\.jsonl:2: shop\|src\/a\.ts\|1\|x\/y is labelled both true and false/);
  });

  it('selects the repositories of a past test measurement, and says so when there are none', () => {
    const c = corpus([]);
    const selected = run(c, ['--tested-in', 'test-v1']);
    assert.equal(selected.status, 0, selected.stderr);
    assert.match(selected.stdout, /^shop\s+\d+\s+\d+/m, 'the repository of test-v1 is analyzed');
    const none = run(c, ['--tested-in', 'test-v9']);
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /no corpus repository has testedIn "test-v9"/);
  });
});
