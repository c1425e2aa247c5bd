import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { toGraphJson } from '../../../server/src/engine';
import { project } from '../../helpers/project';

function edgesOf(files: Record<string, string>): string[] {
  const result = project(files).analyze();
  assert.deepEqual(result.problems, []);
  return toGraphJson(result.graph).edges.map((e) => `${e.from} -${e.kind}-> ${e.to}:${e.line}`);
}

describe('dependency graph', () => {
  it('marks in JSON the edges erased at run time and the rules that report an edge, with the place it is written', () => {
    const result = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
      'src/repositories/users.repository.ts': `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const findUsers = () => pool.query('select 1');\n`,
      'src/services/users.service.ts': `import { findUsers } from '../repositories/users.repository';\nexport const listUsers = () => findUsers();\n`,
      'src/controllers/users.controller.ts': `import { Router } from 'express';\nimport type { Request } from 'express';\nimport { listUsers } from '../services/users.service';\nimport { findUsers } from '../repositories/users.repository';\nexport const users = Router();\nusers.get('/v1/users', async (req: Request, res) => { res.json([await listUsers(), await findUsers(), req.path]); });\n`,
    }).analyze();
    const edges = toGraphJson(result.graph, result.findings).edges.filter((e) => e.from === 'src/controllers/users.controller.ts');
    const toRepository = edges.find((e) => e.to === 'src/repositories/users.repository.ts');
    assert.deepEqual(toRepository && { line: toRepository.line, character: toRepository.character, runtime: toRepository.runtime, findings: toRepository.findings }, {
      line: 4,
      character: 26,
      runtime: true,
      findings: ['layering/forbidden-dependency'],
    });
    assert.equal(edges.find((e) => e.to === 'src/services/users.service.ts')?.findings, undefined);
    assert.equal(edges.find((e) => e.kind === 'type-import')?.runtime, false);
  });

  it('labels every kind of edge, with the line it is written on', () => {
    const edges = edgesOf({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs' } }),
      'src/a.ts': `import type { T } from './t';
import { v } from './v';
import { onlyType } from './v2';
import './side-effect';
export { w } from './w';
export * from './star';
import fs = require('node:fs');
import { S } from './s';
export const a = async (): Promise<T> => { await import('./lazy'); new S(); return v as unknown as onlyType & T; };
export const b = fs;
`,
      'src/t.ts': 'export type T = number;\n',
      'src/v.ts': 'export const v = 1;\n',
      'src/v2.ts': 'export type onlyType = number;\n',
      'src/side-effect.ts': 'console.log(1);\n',
      'src/w.ts': 'export const w = 1;\n',
      'src/star.ts': 'export const s = 1;\n',
      'src/lazy.ts': 'export const l = 1;\n',
      'src/s.ts': 'export class S {}\n',
    });
    assert.deepEqual(
      edges.filter((e) => e.startsWith('src/a.ts')),
      [
        'src/a.ts -type-import-> src/t.ts:1',
        'src/a.ts -import-> src/v.ts:2',
        'src/a.ts -type-import-> src/v2.ts:3',
        'src/a.ts -import-> src/side-effect.ts:4',
        'src/a.ts -re-export-> src/w.ts:5',
        'src/a.ts -re-export-> src/star.ts:6',
        'src/a.ts -require-> node:fs:7',
        'src/a.ts -import-> src/s.ts:8',
        'src/a.ts -dynamic-import-> src/lazy.ts:9',
        'src/a.ts -instantiation-> src/s.ts:9',
      ],
    );
  });

  it('reads tsconfig extends (paths from the base) and solution-style references', () => {
    const edges = edgesOf({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './apps/api' }, { path: './libs/shared' }] }),
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@shared/*': ['libs/shared/src/*'] } } }),
      'apps/api/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }),
      'apps/api/src/users.controller.ts': `import { clock } from '@shared/clock';\nexport const now = clock();\n`,
      'libs/shared/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }),
      'libs/shared/src/clock.ts': 'export const clock = () => Date.now();\n',
    });
    assert.deepEqual(edges, ['apps/api/src/users.controller.ts -import-> libs/shared/src/clock.ts:1']);
  });

  it('resolves node16 ".js" specifiers to ".ts" sources and finds projects in sub-folders', () => {
    const result = project({
      'one/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16' } }),
      'one/package.json': '{ "type": "module" }',
      'one/src/a.ts': `import { b } from './b.js';\nexport const a = b;\n`,
      'one/src/b.ts': 'export const b = 1;\n',
      'two/jsconfig.json': '{}',
      'two/lib/c.js': `const { d } = require('./d');\nmodule.exports = { c: d };\n`,
      'two/lib/d.js': 'exports.d = 1;\n',
    }).analyze();
    const edges = toGraphJson(result.graph).edges.map((e) => `${e.from} -> ${e.to}`);
    assert.deepEqual(edges, ['one/src/a.ts -> one/src/b.ts', 'two/lib/c.js -> two/lib/d.js']);
    assert.deepEqual(result.problems, []);
  });

  it("analyzes a server whose tsconfig the root one (the front end's) does not include, and not a folder the root one excludes", () => {
    const result = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve', baseUrl: 'src' }, include: ['src/**/*.ts', 'src/**/*.tsx'], exclude: ['node_modules', 'examples'] }),
      'src/pages/home.tsx': 'export const Home = () => null;\n',
      'server/tsconfig.json': JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { baseUrl: '.' }, include: ['**/*.ts'] }),
      'server/routes/users.ts': "import { usersRepository } from '../repositories/users';\nexport const list = () => usersRepository.all();\n",
      'server/repositories/users.ts': 'export const usersRepository = { all: () => [] as string[] };\n',
      'examples/demo/tsconfig.json': '{}',
      'examples/demo/app.ts': 'export const demo = 1;\n',
    }).analyze();
    const files = [...result.graph.files.keys()].map((f) => path.posix.relative(result.root, f)).sort();
    assert.deepEqual(files, ['server/repositories/users.ts', 'server/routes/users.ts', 'src/pages/home.tsx']);
    assert.deepEqual(
      toGraphJson(result.graph).edges.map((e) => `${e.from} -> ${e.to}`),
      ['server/routes/users.ts -> server/repositories/users.ts'],
    );
  });

  it("analyzes a JavaScript server with no config beside a front end that has its own, and not a monorepo root's few scripts", () => {
    const server: Record<string, string> = {
      'portal/tsconfig.json': JSON.stringify({ include: ['src'] }),
      'portal/src/app.tsx': 'export const App = () => null;\n',
      'index.js': "const { router } = require('./src/routes');\nmodule.exports = router;\n",
    };
    for (let i = 0; i < 12; i++) server[`src/routes/r${i}.js`] = `exports.r${i} = ${i};\n`;
    server['src/routes/index.js'] = "exports.router = require('./r0');\n";
    const result = project(server).analyze();
    const files = [...result.graph.files.keys()].map((f) => path.posix.relative(result.root, f));
    assert.ok(files.includes('index.js') && files.includes('src/routes/r11.js') && files.includes('portal/src/app.tsx'), `the server and the portal are analyzed: ${files.join(', ')}`);
    assert.ok(
      result.problems.some((p) => /analyzing the 14 files outside the nested projects/.test(p.message)),
      'the user is told how the server was read',
    );

    const monorepo: Record<string, string> = { 'scripts/release.js': 'exports.release = 1;\n' };
    for (let i = 0; i < 12; i++) monorepo[`packages/api/src/m${i}.ts`] = `export const m${i} = ${i};\n`;
    monorepo['packages/api/tsconfig.json'] = '{}';
    const root = project(monorepo).analyze();
    const rootFiles = [...root.graph.files.keys()].map((f) => path.posix.relative(root.root, f));
    assert.ok(!rootFiles.includes('scripts/release.js') && rootFiles.includes('packages/api/src/m0.ts'), `only the package: ${rootFiles.join(', ')}`);
  });
});
