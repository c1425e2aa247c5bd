// The hostile inputs of issue 14, timed: each must finish well within a budget (the unit tests
// check what each produces; speed is measured here, never in a unit test).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { analyzeWorkspace, loadConfig } = require('../../out/server/src/engine/index.js');

const CONTROLLER = "import { UsersRepository } from './users.repository';\nexport class UsersController { constructor(private readonly users: UsersRepository) {} }\n";

function workspace(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-hostile-'));
  for (const [name, text] of Object.entries({ 'src/users.repository.ts': 'export class UsersRepository {}\n', 'src/users.controller.ts': CONTROLLER, ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const CASES = [
  [
    '16,000 suppression comments in one file',
    () =>
      workspace({
        'src/tokens.ts': Array.from(
          { length: 16_000 },
          (_, i) => `// layerguard-ignore-next-line security/hardcoded-secret -- fixture ${i}\nexport class V${i} { private readonly token = 'tok_live_9f8a7b6c5d4e3f2a${i}'; }`,
        ).join('\n'),
      }),
  ],
  [
    'SQL built from 2,000 + operands',
    () =>
      workspace({
        'src/report.repository.ts': `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function run(req: { query: { id: string } }) { return pool.query('select 1' ${Array.from({ length: 2000 }, () => "+ ' and x = ' + req.query.id").join(' ')}); }\n`,
      }),
  ],
  ['a tsconfig nested 50,000 deep', () => workspace({ 'tsconfig.json': `{ "x": ${'['.repeat(50_000)}${']'.repeat(50_000)} }` })],
  [
    'a link to / inside src, with a tsconfig including src',
    () => {
      const root = workspace({ 'tsconfig.json': '{ "include": ["src"] }' });
      fs.symlinkSync('/', path.join(root, 'src', 'rootlink'));
      return root;
    },
  ],
  [
    'a named pipe as layerguard.json (read with the config loader)',
    () => {
      const root = workspace({});
      execFileSync('mkfifo', [path.join(root, 'layerguard.json')]);
      return root;
    },
    (root) => loadConfig(root),
  ],
  [
    'a 2.4 MB layerguard.json of 120,000 ignore globs',
    () => workspace({ 'layerguard.json': `{ "ignore": [${Array.from({ length: 120_000 }, (_, i) => `"generated/${i}/**"`).join(',')}] }` }),
    (root) => loadConfig(root),
  ],
];

/** Runs every case; returns rows of [name, ms]. */
export function timeReproductions() {
  const rows = [];
  for (const [name, make, run = (root) => analyzeWorkspace({ root })] of CASES) {
    const root = make();
    const started = performance.now();
    run(root);
    rows.push([name, Math.round(performance.now() - started)]);
    fs.rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
