import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../../server/src/engine';
import { yamlList } from '../../../server/src/engine/workspace/packages';
import { project } from '../../helpers/project';

const APP_TSCONFIG = JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, strict: true } });

/** A pnpm monorepo: the API opened in the editor, its repositories in a library that is not built. */
function shopMonorepo(extra: Record<string, string> = {}) {
  return project({
    'pnpm-workspace.yaml': "packages:\n  # apps and libraries\n  - 'apps/*'\n  - \"libs/*\"\n  - '!libs/legacy'\n",
    'libs/store/package.json': JSON.stringify({ name: '@shop/store', main: 'dist/index.js', types: 'dist/index.d.ts' }),
    'libs/store/tsconfig.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
    'libs/store/src/index.ts': "export * from './repositories/carts.repository';\nexport * from './logging/audit.repository';\n",
    'libs/store/src/repositories/base.repository.ts': `import { Model } from 'mongoose';
export class BaseRepository<T> { constructor(protected readonly model: Model<T>) {} findById(id: string) { return this.model.findById(id); } }
`,
    'libs/store/src/repositories/carts.repository.ts': `import { BaseRepository } from './base.repository';
export class CartsRepository extends BaseRepository<unknown> {}
`,
    'libs/store/src/logging/audit.repository.ts': `import pino from 'pino';
export class AuditRepository { private readonly log = pino(); write(line: string) { this.log.info(line); } }
`,
    'apps/api/package.json': JSON.stringify({ name: '@shop/api' }),
    'apps/api/tsconfig.json': APP_TSCONFIG,
    'apps/api/src/carts/carts.controller.ts': `import { CartsRepository, AuditRepository } from '@shop/store';
@Controller('carts')
export class CartsController {
  constructor(private readonly carts: CartsRepository, private readonly audit: AuditRepository) {}
  @Get(':id') find(id: string) { this.audit.write(id); return this.carts.findById(id); }
}
`,
    ...extra,
  });
}

describe('monorepos: workspace packages resolve to their sources', () => {
  it('classifies repositories of an unbuilt workspace library and reports a controller that injects one', () => {
    const p = shopMonorepo();
    const result = analyzeWorkspace({ root: path.join(p.root, 'apps/api'), severityOverrides: { 'api/unversioned-route': 'off' } });
    const findings = result.findings.map((f) => `${path.posix.relative(result.root, f.file)}:${f.start.line + 1} ${f.ruleId}`);
    assert.deepEqual(findings, ['src/carts/carts.controller.ts:4 layering/forbidden-dependency'], 'the logger named like a repository is not one');
    assert.match(result.findings[0]?.message ?? '', /injects CartsRepository\.$/);
    assert.match(result.findings[0]?.detail ?? '', /^carts\.repository\.ts is in the repository layer\./);
    assert.equal(result.stats.files, 1, 'only the opened folder counts as analyzed');
    assert.ok(result.stats.outsideFiles >= 3, 'the library files it imports were read');
    const outside = [...result.graph.files.values()].filter((n) => n.exempt !== undefined).map((n) => path.posix.relative(p.root, n.file));
    assert.ok(outside.includes('libs/store/src/repositories/carts.repository.ts'));
  });

  it('reports a workspace package without sources and a path alias that points nowhere, instead of dropping them', () => {
    const p = shopMonorepo({
      'libs/billing/package.json': JSON.stringify({ name: '@shop/billing', main: 'dist/index.js' }),
      'apps/api/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@shared/*': ['../../libs/shared/src/*'] } } }),
      'apps/api/src/billing.service.ts': "import { Invoice } from '@shop/billing';\nimport { money } from '@shared/money';\nexport const invoice = () => [Invoice, money];\n",
      'apps/api/src/mail/templates.ts': "import '@shared/styles/mail.css';\nimport logo from '@shared/assets/logo.svg';\nexport const header = () => logo;\n",
    });
    const result = analyzeWorkspace({ root: path.join(p.root, 'apps/api') });
    const messages = result.problems.map((x) => x.message);
    // A stylesheet or an image is a bundler's asset: there is no code to miss.
    assert.ok(!messages.some((m) => /mail\.css|logo\.svg/.test(m)), messages.join('\n'));
    assert.ok(
      messages.some((m) => /^'@shop\/billing' is the workspace package @shop\/billing \(libs\/billing\/\), but no source file was found for it/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^'@shared\/money' matches a tsconfig "paths" alias, but no file exists where it points/.test(m)),
      messages.join('\n'),
    );
  });

  it('follows tsconfig paths that point outside the opened folder', () => {
    const p = project({
      'api/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@data/*': ['../data/*'] } } }),
      'api/src/orders.controller.ts': "import { ordersDb } from '@data/orders.repository';\nexport const list = (req: unknown, res: { json(x: unknown): void }) => res.json(ordersDb.all());\n",
      'data/orders.repository.ts': "import knex from 'knex';\nexport const ordersDb = { all: () => knex('orders') };\n",
      'api/src/orders.service.ts': 'export class OrdersService { total() { return 1; } }\n',
    });
    const result = analyzeWorkspace({ root: path.join(p.root, 'api') });
    const layering = result.findings.filter((f) => f.ruleId === 'layering/forbidden-dependency');
    assert.deepEqual(
      layering.map((f) => path.posix.relative(result.root, f.file)),
      ['src/orders.controller.ts'],
    );
  });

  it('reports nothing in sibling packages that the tsconfig references or includes, while still reading what is imported', () => {
    const p = project({
      'server/tsconfig.json': JSON.stringify({ include: ['src', '../shared/src'], references: [{ path: '../tools/tsconfig.json' }] }),
      'server/src/accounts.controller.ts':
        "import { accountsDb } from '../../tools/accounts.repository';\nexport const list = (req: unknown, res: { json(x: unknown): void }) => res.json(accountsDb.all());\n",
      'server/src/accounts.service.ts': 'export class AccountsService { count() { return 1; } }\n',
      'tools/tsconfig.json': JSON.stringify({ include: ['.'] }),
      'tools/accounts.repository.ts': "import knex from 'knex';\nexport const accountsDb = { all: () => knex('accounts') };\n",
      'tools/seed-runner.ts': "const password = 'correct-horse-battery-staple-1';\nexport const run = () => password;\n",
      'shared/src/names.ts': 'export function f(data: unknown) { const x = data; return x; }\n',
    });
    const result = analyzeWorkspace({ root: path.join(p.root, 'server') });
    const reported = [...new Set(result.findings.map((f) => path.posix.relative(result.root, f.file)))];
    assert.deepEqual(reported, ['src/accounts.controller.ts'], 'only the opened folder is reported on');
    assert.equal(result.stats.files, 2);
    assert.ok(result.stats.outsideFiles >= 1, 'the imported repository was still read for its layer');
  });

  it('reports a broken config of a sibling package once, not once per file it covers', () => {
    const p = project({
      'server/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@kit/*': ['../kit/src/*'] } } }),
      'server/src/index.ts': "import { a } from '@kit/a';\nimport { b } from '@kit/b';\nimport { c } from '@kit/c';\nexport const all = [a, b, c];\n",
      'kit/tsconfig.json': JSON.stringify({ extends: '@missing/base-config/tsconfig.json' }),
      'kit/src/a.ts': 'export const a = 1;\n',
      'kit/src/b.ts': 'export const b = 2;\n',
      'kit/src/c.ts': 'export const c = 3;\n',
    });
    const result = analyzeWorkspace({ root: path.join(p.root, 'server') });
    const broken = result.problems.filter((x) => /@missing\/base-config/.test(x.message));
    assert.equal(broken.length, 1, broken.map((x) => x.message).join('\n'));
    assert.equal(result.stats.outsideFiles, 3);
  });

  it('analyzes the folder when its tsconfig includes no file, instead of passing on nothing', () => {
    const p = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, files: [] }),
      'server/routes.js': "const db = require('./db');\nexports.list = async (req, res) => res.json(await db.all());\n",
      'server/db.js': "const knex = require('knex')({ client: 'pg' });\nexports.all = () => knex('monitors');\n",
    });
    const result = analyzeWorkspace({ root: p.root });
    assert.equal(result.stats.files, 2);
    assert.ok(result.problems.some((x) => /tsconfig\.json includes no source file: analyzing all 2 files/.test(x.message)));
  });

  it('says where the sources its tsconfig leaves out are, when it covers only a corner of the folder', () => {
    const server = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`lib/handlers/h${i}.js`, `exports.h${i} = (req, res) => res.json(${i});\n`]));
    const p = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src/**/*'] }),
      'src/editor.ts': 'export const mode = "rich";\n',
      'server.js': "require('./lib/handlers/h0');\n",
      ...server,
    });
    const result = analyzeWorkspace({ root: p.root });
    assert.equal(result.stats.files, 1, 'the project is what its tsconfig includes, as tsc sees it');
    const note = result.problems.find((x) => /tsconfig\.json covers 1 files; 13 more source files/.test(x.message));
    assert.ok(note, result.problems.map((x) => x.message).join('\n'));
    assert.match(note.message, /most in lib\/ \(12\), the folder itself \(1\)/);
    const covered = project({ 'tsconfig.json': JSON.stringify({ include: ['src/**/*'] }), 'src/a.ts': 'export const a = 1;\n', 'scripts/seed.js': 'exports.seed = 1;\n' });
    assert.ok(!analyzeWorkspace({ root: covered.root }).problems.some((x) => /more source files/.test(x.message)), 'a stray script is no corner');
  });

  it('reads the package list of pnpm-workspace.yaml with comments and quotes', () => {
    assert.deepEqual(yamlList('packages:\n  - \'apps/*\' # the apps\n  - "libs/*"\n  - !excluded\nother:\n  - nope\n', 'packages'), ['apps/*', 'libs/*', '!excluded']);
  });

  it('reads a config that extends a shared config package of the workspace when node_modules is absent', () => {
    const p = shopMonorepo({
      'libs/tsconfig/package.json': JSON.stringify({ name: '@shop/tsconfig', files: ['node.json'] }),
      'libs/tsconfig/node.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true, baseUrl: '.', paths: { '@app/*': ['src/*'] } } }),
      'apps/api/tsconfig.json': JSON.stringify({ extends: '@shop/tsconfig/node.json', compilerOptions: { baseUrl: '.' }, include: ['src'] }),
      'apps/api/src/carts/carts.service.ts': "import { CartsController } from '@app/carts/carts.controller';\nexport const controllers = () => [CartsController];\n",
    });
    const result = analyzeWorkspace({ root: path.join(p.root, 'apps/api') });
    assert.deepEqual(
      result.problems.filter((x) => /not found/.test(x.message)).map((x) => x.message),
      [],
      'the shared config is found in its package',
    );
    const service = [...result.graph.files.values()].find((n) => n.file.endsWith('carts/carts.service.ts'));
    assert.ok(service, 'the service is analyzed');
    const targets = result.graph
      .outgoing(service.file)
      .filter((e) => !e.external)
      .map((e) => path.posix.basename(e.to));
    assert.deepEqual(targets, ['carts.controller.ts'], "the shared config's paths alias resolves");
  });
});
