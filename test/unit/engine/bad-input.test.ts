import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { registerRule, RULES } from '../../../server/src/engine';
import { ts } from '../../../server/src/engine/ts';
import { project } from '../../helpers/project';

const controllerImportingRepository = `import { UsersRepository } from './users.repository';
export class UsersController { constructor(private readonly users: UsersRepository) {} }
`;

/** errors/swallowed-error is opt-in: fixtures that use it as a vehicle turn it on. */
const SWALLOWED_ON = JSON.stringify({ rules: { 'errors/swallowed-error': 'warning' } });

describe('bad input never stops the analysis', () => {
  it('keeps analyzing a file with syntax errors and the rest of the workspace, with a clear note', () => {
    const p = project({
      'tsconfig.json': '{}',
      'src/users.repository.ts': 'export class UsersRepository {}\n',
      'src/users.controller.ts': `${controllerImportingRepository}export const broken = ;\nexport class Other {}\n`,
      'src/orders.controller.ts': controllerImportingRepository,
    });
    const result = p.analyze();
    const syntax = result.problems.filter((x) => x.kind === 'syntax');
    assert.equal(syntax.length, 1);
    assert.match(syntax[0]!.message, /^syntax error: .+; the readable parts were still analyzed$/);
    assert.ok(syntax[0]!.file?.endsWith('users.controller.ts'));
    assert.equal(syntax[0]!.start?.line, 2, 'points at the line of the error');
    const flagged = result.findings.map((f) => path.basename(f.file)).sort();
    assert.deepEqual(flagged, ['orders.controller.ts', 'users.controller.ts']);
  });

  it('accepts empty files and skips binary and oversized ones with a reason', () => {
    const p = project({ 'tsconfig.json': '{}', 'src/empty.ts': '', 'src/users.repository.ts': 'export class UsersRepository {}\n', 'src/users.controller.ts': controllerImportingRepository });
    p.write('src/blob.ts', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    const huge = path.join(p.root, 'src/huge.ts');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 17 * 1024 * 1024);
    const result = p.analyze();
    const reasons = Object.fromEntries(result.problems.filter((x) => x.kind === 'read').map((x) => [path.basename(x.file ?? ''), x.message]));
    assert.equal(reasons['blob.ts'], 'skipped: binary content (NUL bytes)');
    assert.match(reasons['huge.ts'] ?? '', /^skipped: 17\.0 MB is over the 16 MB limit/);
    assert.equal(reasons['empty.ts'], undefined);
    assert.equal(result.findings.length, 1, 'the rest is still analyzed');
  });

  it('analyzes a folder without tsconfig (src/ with default resolution) and says so', () => {
    const p = project({ 'src/users.repository.ts': 'export class UsersRepository {}\n', 'src/users.controller.ts': controllerImportingRepository, 'scripts/seed.ts': controllerImportingRepository });
    const result = p.analyze();
    const note = result.problems.find((x) => x.kind === 'project');
    assert.match(note?.message ?? '', /^No tsconfig\.json or jsconfig\.json found: analyzing 2 files under src\/ with default Node module resolution/);
    assert.equal(result.findings.length, 1);
  });

  it('reports a broken tsconfig and still analyzes what it can', () => {
    const p = project({
      'tsconfig.json': '{ "extends": "./missing-base.json", "compilerOptions": { "strict": true } }',
      'src/users.repository.ts': 'export class UsersRepository {}\n',
      'src/users.controller.ts': controllerImportingRepository,
    });
    const result = p.analyze();
    assert.ok(
      result.problems.some((x) => x.kind === 'project' && /tsconfig\.json: .*missing-base\.json/.test(x.message)),
      JSON.stringify(result.problems),
    );
    assert.equal(result.findings.length, 1);
  });

  it('reports a tsconfig cut short where its JSON ends, as tsc does (its path aliases are lost)', () => {
    const p = project({
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] }',
      'src/users.repository.ts': 'export class UsersRepository {}\n',
      'src/users.controller.ts': controllerImportingRepository,
    });
    const result = p.analyze();
    const cut = result.problems.find((x) => x.kind === 'project' && /tsconfig\.json: '}' expected/.test(x.message));
    assert.ok(cut, JSON.stringify(result.problems));
    assert.deepEqual(cut.start, { line: 0, character: 71 }, 'at the end of the text, where the closing brace is missing');
  });

  it('says there is nothing to analyze when a tsconfig lists only files outside the folder', () => {
    const result = project({ 'tsconfig.json': JSON.stringify({ files: ['/etc/hostname'] }), 'README.md': '# notes\n' }).analyze();
    assert.equal(result.graph.files.size, 0);
    assert.deepEqual(
      result.problems.map((x) => x.message),
      ['Nothing to analyze: no TypeScript or JavaScript source file was found in this folder (tests, build output and ignored files are left out).'],
    );
  });

  it('ends symlink loops and skips dangling links', () => {
    const p = project({ 'src/users.repository.ts': 'export class UsersRepository {}\n', 'src/users.controller.ts': controllerImportingRepository });
    fs.symlinkSync(path.join(p.root, 'src'), path.join(p.root, 'src', 'loop'));
    fs.symlinkSync(path.join(p.root, 'nowhere'), path.join(p.root, 'src', 'dangling'));
    const result = p.analyze();
    assert.equal(result.stats.files, 2);
    assert.equal(result.findings.length, 1);
  });

  it('falls back to the defaults when layerguard.json is broken, with the error located', () => {
    const p = project({
      'layerguard.json': '{\n  "rules": { "layering/cycle": "warn" }\n}\n',
      'src/users.repository.ts': 'export class UsersRepository {}\n',
      'src/users.controller.ts': controllerImportingRepository,
    });
    const result = p.analyze();
    assert.equal(result.configErrors.length, 1);
    assert.equal(result.configErrors[0]?.start?.line, 1);
    assert.equal(result.findings.length, 1, 'defaults keep working');
  });

  it('does not crash on decorators in odd places, JS without types and generated code', () => {
    const p = project({
      'src/odd.controller.ts': `@Controller() export default class {}\nconst x = @dec class {};\nfunction f(@Inject() a) {}\nnew (class {})();\nexport = 5;\n`,
      'src/gen.service.js': `"use strict";\nvar __decorate = this.__decorate;\nexports.UserService = void 0;\nlet UserService = class UserService {};\nexports.UserService = UserService;\nconst r = require(process.env.X);\n`,
    });
    const result = p.analyze();
    assert.equal(result.problems.filter((x) => x.kind === 'rule').length, 0);
    assert.equal(result.stats.files, 2);
  });
});

describe('rules are isolated and robust', () => {
  it('reports a crashing rule as a problem and still runs the others', () => {
    const crashing = registerRule({
      meta: { id: 'test/crashes', description: 'Always throws.', defaultSeverity: 'error', fixable: false },
      options: z.object({}),
      check() {
        throw new Error('boom');
      },
    });
    const p = project({ 'src/users.repository.ts': 'export class UsersRepository {}\n', 'src/users.controller.ts': controllerImportingRepository });
    const result = p.analyze({ rules: [crashing, ...RULES] });
    assert.deepEqual(
      result.problems.filter((x) => x.kind === 'rule').map((x) => x.message),
      ['rule test/crashes crashed and was skipped: boom'],
    );
    assert.ok(
      result.problems.filter((x) => x.kind === 'rule').every((x) => x.lost),
      'the lost findings are marked, so a check cannot pass on them',
    );
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      ['layering/forbidden-dependency'],
    );
  });

  it('keeps a file whose expression nests thousands deep: every walk over syntax is iterative, and the finding stays', () => {
    const operands = Array.from({ length: 3000 }, () => "'a'").join(' + ');
    const p = project({
      'tsconfig.json': '{}',
      'layerguard.json': JSON.stringify({ rules: { 'security/sql-injection': 'error' } }),
      'src/reports/report.service.ts': `declare const db: { query(sql: string): Promise<unknown> };
export class ReportService {
  run(id: string) {
    return db.query("SELECT * FROM reports WHERE id = '" + id + "' AND tag = " + ${operands});
  }
}
`,
    });
    const result = p.analyze();
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${f.severity}`),
      ['security/sql-injection error'],
    );
  });

  it('fails a rule that reports a message id it does not declare, visibly, and keeps the ids it declares on its findings', () => {
    const sloppy = registerRule({
      meta: { id: 'test/undeclared-id', description: 'Names a situation it never declared.', defaultSeverity: 'error', fixable: false, messages: { 'a-class': 'A class.' } },
      options: z.object({}),
      check(context) {
        for (const node of context.graph.files.values()) context.report({ file: node.file, range: { start: 0, end: 1 }, messageId: 'a-klass', message: 'a class' });
      },
    });
    const careful = registerRule({
      meta: { id: 'test/declared-id', description: 'Names a situation it declared.', defaultSeverity: 'error', fixable: false, messages: { 'a-class': 'A class.' } },
      options: z.object({}),
      check(context) {
        for (const node of context.graph.files.values()) context.report({ file: node.file, range: { start: 0, end: 1 }, messageId: 'a-class', data: { name: 'UsersRepository' }, message: 'a class' });
      },
    });
    const p = project({ 'src/users.repository.ts': 'export class UsersRepository {}\n' });
    const result = p.analyze({ rules: [sloppy, careful] });
    assert.deepEqual(
      result.problems.filter((x) => x.kind === 'rule').map((x) => x.message),
      ["rule test/undeclared-id crashed and was skipped: reported message id 'a-klass', which test/undeclared-id does not declare in meta.messages"],
    );
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.messageId, f.data]),
      [['test/declared-id', 'a-class', { name: 'UsersRepository' }]],
    );
  });

  it('drops the reports of a rule whose node visitor crashes in the shared walk; the other rules and visitors go on', () => {
    const crashesLate = registerRule({
      meta: { id: 'test/crashes-in-visitor', description: 'Reports every class, then throws on a return statement.', defaultSeverity: 'error', fixable: false },
      options: z.object({}),
      check(context) {
        for (const node of context.graph.files.values()) {
          context.walkFile(node, (n) => {
            if (ts.isClassDeclaration(n)) context.report({ file: node.file, range: { start: n.pos, end: n.end }, message: 'a class' });
            if (ts.isReturnStatement(n)) throw new Error('visitor boom');
          });
        }
      },
    });
    const p = project({
      'layerguard.json': SWALLOWED_ON,
      'src/users.repository.ts': 'export class UsersRepository {}\n',
      'src/users.controller.ts': controllerImportingRepository,
      'src/a.service.ts': 'export async function f(job: () => Promise<number>) { try { return await job(); } catch {} }\n',
    });
    const result = p.analyze({ rules: [crashesLate, ...RULES] });
    assert.deepEqual(
      result.problems.filter((x) => x.kind === 'rule').map((x) => x.message),
      ['rule test/crashes-in-visitor crashed and was skipped: visitor boom'],
    );
    assert.deepEqual(result.findings.map((f) => f.ruleId).sort(), ['errors/swallowed-error', 'layering/forbidden-dependency']);
  });

  it('runs every rule over a 10 MB generated file without failing', () => {
    const chunk = `export async function handler{{i}}(req: { body: { id?: string } }, res: { status(n: number): { json(x: unknown): void } }) {
  try {
    const data = await fetch('https://api.example.io/items/' + req.body.id);
    if (!data) return res.status(200).json({ error: 'missing' });
    return res.status(201).json(await data.json());
  } catch {}
}
`;
    const body = Array.from({ length: Math.ceil((10 * 1024 * 1024) / chunk.length) }, (_, i) => chunk.replace('{{i}}', String(i))).join('');
    // The opt-in rules too: every rule walks the file.
    const p = project({
      'layerguard.json': JSON.stringify({ rules: { 'errors/swallowed-error': 'warning', 'api/status-code': 'warning', 'naming/ambiguous-name': 'warning' } }),
      'src/generated/handlers.controller.ts': body,
    });
    const result = p.analyze();
    assert.deepEqual(
      result.problems.filter((x) => x.kind === 'rule'),
      [],
    );
    assert.ok(result.findings.length > 1000, `findings from every rule on the big file: ${result.findings.length}`);
  });
});
