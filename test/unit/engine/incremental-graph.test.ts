import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AnalysisSession, type AnalysisResult } from '../../../server/src/engine';
import { applyEdit } from '../../helpers/edits';
import { NEST_TSCONFIG, project } from '../../helpers/project';

/**
 * The session's graph keeps the nodes and edges of files whose inputs did not change. Each file
 * below has variants that change what *other* files' edges resolve to: a barrel that stops
 * re-exporting a name, a declaration that becomes a type or a re-export, an `@Inject` token that
 * another module now provides, a file that becomes unreadable (binary) and so leaves the graph.
 * A dependency missing from the incremental graph's bookkeeping shows up as a difference from a
 * fresh analysis.
 */
const SERVICE_IMPORTS = `import { Inject, Injectable } from '@nestjs/common';\n`;
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  'src/shared/index.ts': [
    `export * from './tokens';\nexport { UsersService } from '../users/users.service';\n`,
    `export { USERS_REPOSITORY } from './tokens';\n`,
    `export * from './tokens';\nexport * from '../users/pg-users.repository';\nexport { UsersService as Users } from '../users/users.service';\n`,
    'binary\0\0\0content',
  ],
  'src/shared/tokens.ts': [
    `export const USERS_REPOSITORY = 'USERS_REPOSITORY';\nexport const CLOCK = Symbol('clock');\n`,
    `export const USERS_REPOSITORY = Symbol('users');\n`,
    `export { CLOCK as USERS_REPOSITORY } from './clock';\nexport const CLOCK = 'CLOCK';\n`,
  ],
  'src/users/users.module.ts': [
    `import { Module } from '@nestjs/common';\nimport { USERS_REPOSITORY } from '../shared';\nimport { PgUsersRepository } from './pg-users.repository';\nimport { UsersService } from './users.service';\n@Module({ providers: [UsersService, { provide: USERS_REPOSITORY, useClass: PgUsersRepository }] })\nexport class UsersModule {}\n`,
    `import { Module } from '@nestjs/common';\nimport { USERS_REPOSITORY } from '../shared/tokens';\nimport { MemoryUsersRepository } from './memory-users.repository';\n@Module({ providers: [{ provide: USERS_REPOSITORY, useExisting: MemoryUsersRepository }, { provide: 'CLOCK', useClass: MemoryUsersRepository }] })\nexport class UsersModule {}\n`,
    `export const notAModule = 1;\n`,
  ],
  'src/users/pg-users.repository.ts': [
    `import { Injectable } from '@nestjs/common';\nimport { Pool } from 'pg';\n@Injectable()\nexport class PgUsersRepository {\n  constructor(private readonly pool: Pool) {}\n}\n`,
    `export type PgUsersRepository = { readonly id: string };\nexport class Unrelated {}\n`,
    `export { MemoryUsersRepository as PgUsersRepository } from './memory-users.repository';\n`,
  ],
  'src/users/memory-users.repository.ts': [
    `export class MemoryUsersRepository {}\n`,
    `import { UsersService } from '../shared';\nexport class MemoryUsersRepository {\n  constructor(private readonly users: UsersService) {}\n}\n`,
  ],
  'src/users/users.service.ts': [
    `${SERVICE_IMPORTS}import { USERS_REPOSITORY } from '../shared';\n@Injectable()\nexport class UsersService {\n  constructor(@Inject(USERS_REPOSITORY) private readonly repo: unknown) {}\n}\n`,
    `${SERVICE_IMPORTS}import { CLOCK, USERS_REPOSITORY } from '../shared/tokens';\n@Injectable()\nexport class UsersService {\n  constructor(@Inject(USERS_REPOSITORY) private readonly repo: unknown, @Inject('CLOCK') private readonly clock: unknown, @Inject(CLOCK) private readonly c2: unknown) {}\n}\n`,
    `import { PgUsersRepository } from '../shared';\nexport class UsersService {\n  private readonly repo = new PgUsersRepository();\n}\n`,
  ],
  'src/users/users.controller.ts': [
    `import { Controller, Get } from '@nestjs/common';\nimport { UsersService } from '../shared';\n@Controller('v1/users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Get() all() { return []; }\n}\n`,
    `import { Controller, Get } from '@nestjs/common';\nimport { PgUsersRepository } from './pg-users.repository';\n@Controller('v1/users')\nexport class UsersController {\n  constructor(private readonly repo: PgUsersRepository) {}\n  @Get() all() { return []; }\n}\n`,
  ],
};

const FIXED = { 'tsconfig.json': NEST_TSCONFIG, 'src/shared/clock.ts': `export const CLOCK = 'CLOCK';\n` };

/** Everything the graph says, in its own order: nodes with their layer and every edge field. */
function graphOf(result: AnalysisResult): unknown {
  const rel = (file: string) => path.posix.relative(result.root, file);
  return {
    nodes: [...result.graph.files.values()].map((n) => `${rel(n.file)} ${n.layer ?? '-'} ${n.layerReason}`),
    edges: result.graph.edges.map((e) => ({ ...e, from: rel(e.from), to: e.external ? e.to : rel(e.to), target: result.graph.targetLayer(e) })),
    findings: result.findings.map((f) => `${rel(f.file)} ${f.range.start}-${f.range.end} ${f.ruleId} ${f.message}`),
  };
}

describe('incremental graph', () => {
  it('equals a fresh analysis after any sequence of edits to barrels, declarations, tokens and modules (property)', () => {
    const files = Object.keys(VARIANTS);
    const initial = Object.fromEntries(files.map((f) => [f, VARIANTS[f]![0]!]));
    const p = project({ ...FIXED, ...initial });
    const edit = fc.record({ file: fc.constantFrom(...files), variant: fc.nat(3), where: fc.constantFrom('overlay', 'disk', 'close') });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), (edits) => {
        for (const [file, text] of Object.entries(initial)) p.write(file, text);
        const session = new AnalysisSession({ root: p.root, watchesFiles: true });
        const overlays = new Map<string, string>();
        session.analyze();
        for (const e of edits) {
          const full = path.join(p.root, e.file);
          const variants = VARIANTS[e.file]!;
          const text = variants[e.variant % variants.length]!;
          // A binary text only ever comes from the disk; an editor buffer is text.
          applyEdit(session, overlays, full, e.where === 'overlay' && text.includes('\0') ? 'disk' : e.where, text);
          const fresh = new AnalysisSession({ root: p.root, once: true });
          for (const [file, overlay] of overlays) fresh.setOverlay(file, overlay);
          assert.deepEqual(graphOf(session.analyze()), graphOf(fresh.analyze()));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('sees a file leave the graph (unreadable) and come back: its importers resolve through it again', () => {
    const initial = Object.fromEntries(Object.entries(VARIANTS).map(([f, v]) => [f, v[0]!]));
    const p = project({ ...FIXED, ...initial });
    const session = new AnalysisSession({ root: p.root, watchesFiles: true });
    const barrel = path.join(p.root, 'src/shared/index.ts');
    const steps = [VARIANTS['src/shared/index.ts']![3]!, initial['src/shared/index.ts']!];
    session.analyze();
    for (const text of steps) {
      fs.writeFileSync(barrel, text);
      session.fileChanged(barrel);
      assert.deepEqual(graphOf(session.analyze()), graphOf(new AnalysisSession({ root: p.root, once: true }).analyze()));
    }
    const controller = path.join(p.root, 'src/users/users.controller.ts');
    assert.ok(
      session
        .analyze()
        .graph.outgoing(controller)
        .some((e) => e.to.endsWith('users.service.ts')),
      'the controller injects the service through the barrel again',
    );
  });

  it('resolves again only the edited file and the files that resolve names through it', () => {
    const p = project({ ...FIXED, ...Object.fromEntries(Object.entries(VARIANTS).map(([f, v]) => [f, v[0]!])) });
    const session = new AnalysisSession({ root: p.root, watchesFiles: true });
    const before = session.analyze().graph;
    session.setOverlay(path.join(p.root, 'src/users/users.controller.ts'), VARIANTS['src/users/users.controller.ts']![1]!);
    const after = session.analyze().graph;
    const kept = [...after.files.keys()].filter((file) => after.outgoing(file) === before.outgoing(file)).map((f) => path.posix.relative(p.root, f));
    assert.deepEqual(
      kept.sort(),
      Object.keys({ ...FIXED, ...VARIANTS })
        .filter((f) => f.endsWith('.ts') && f !== 'src/users/users.controller.ts')
        .sort(),
    );
    assert.ok(
      after.outgoing(path.join(p.root, 'src/users/users.controller.ts')).some((e) => e.to.endsWith('pg-users.repository.ts')),
      'the edit is seen',
    );
  });
});
