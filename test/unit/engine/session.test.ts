import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdit } from '../../helpers/edits';
import { AnalysisSession, type AnalysisResult } from '../../../server/src/engine';
import { project } from '../../helpers/project';

const base = {
  'tsconfig.json': '{ "compilerOptions": { "strict": true } }',
  'src/users.repository.ts': 'export class UsersRepository { all() { return []; } }\n',
  'src/users.service.ts': `import { UsersRepository } from './users.repository';\nexport class UsersService { list() { return new UsersRepository().all(); } }\n`,
  'src/users.controller.ts': `import { UsersService } from './users.service';\nexport class UsersController { list(req: unknown, res: { json(b: unknown): void }) { res.json(new UsersService().list()); } }\n`,
};

function summary(result: AnalysisResult): string[] {
  return result.findings.map((f) => `${path.basename(f.file)}:${f.start.line + 1}:${f.start.character + 1} ${f.ruleId}`);
}

describe('AnalysisSession', () => {
  it('analyzes unsaved editor text and reuses the facts of unchanged files', () => {
    const p = project(base);
    const session = new AnalysisSession({ root: p.root });
    const first = session.analyze();
    assert.deepEqual(summary(first), []);
    assert.equal(first.stats.parsed, 3);
    assert.equal(session.analyze().stats.parsed, 0, 'nothing changed, nothing parsed');

    const controller = path.join(p.root, 'src/users.controller.ts');
    session.setOverlay(controller, `import { UsersRepository } from './users.repository';\nexport const c = new UsersRepository();\n`);
    const edited = session.analyze();
    assert.equal(edited.stats.parsed, 1);
    assert.deepEqual(summary(edited), ['users.controller.ts:2:18 layering/forbidden-dependency']);

    session.setOverlay(controller, undefined);
    assert.deepEqual(summary(session.analyze()), [], 'closing the buffer goes back to the disk');
  });

  it('sees files changed on disk, new files and config changes when told', () => {
    const p = project(base);
    const session = new AnalysisSession({ root: p.root });
    session.analyze();
    p.write('src/users.service.ts', `import { UsersController } from './users.controller';\nexport const s = UsersController;\n`);
    session.fileChanged(path.join(p.root, 'src/users.service.ts'));
    // One finding for the cycle, on the import that runs against the layers.
    assert.deepEqual(summary(session.analyze()), ['users.service.ts:1:33 layering/cycle', 'users.service.ts:1:33 layering/forbidden-dependency']);
    p.write('layerguard.json', '{ "rules": { "layering/cycle": "off" } }');
    session.configChanged();
    assert.deepEqual(summary(session.analyze()), ['users.service.ts:1:33 layering/forbidden-dependency']);
    p.write('src/orders.controller.ts', `import { UsersRepository } from './users.repository';\nexport const o = new UsersRepository();\n`);
    session.structureChanged();
    assert.equal(session.analyze().findings.length, 2);
  });

  for (const watchesFiles of [false, true])
    it(`gives the same findings as a fresh analysis after any sequence of edits (property${watchesFiles ? ', files watched by the caller' : ''})`, () => {
      const p = project(base);
      const files = Object.keys(base).filter((f) => f.endsWith('.ts'));
      const variants = [
        (name: string) => `export class ${name} {}\n`,
        () => `import { UsersRepository } from './users.repository';\nexport const r = new UsersRepository();\n`,
        () => `import { UsersController } from './users.controller';\nexport const c = UsersController;\n`,
        () => `import { UsersService } from './users.service';\nexport const s = new UsersService();\n`,
        () => 'export const broken = ;\n',
      ];
      const classNames: Record<string, string> = { 'src/users.repository.ts': 'UsersRepository', 'src/users.service.ts': 'UsersService', 'src/users.controller.ts': 'UsersController' };
      const edit = fc.record({ file: fc.constantFrom(...files), variant: fc.nat(variants.length - 1), where: fc.constantFrom('overlay', 'disk', 'close') });
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
          for (const [file, text] of Object.entries(base)) p.write(file, text);
          const session = new AnalysisSession({ root: p.root, watchesFiles });
          const overlays = new Map<string, string>();
          session.analyze();
          for (const e of edits) {
            const full = path.join(p.root, e.file);
            const text = variants[e.variant]!(classNames[e.file]!);
            applyEdit(session, overlays, full, e.where, text);
            const incremental = summary(session.analyze());
            const fresh = new AnalysisSession({ root: p.root });
            for (const [file, text] of overlays) fresh.setOverlay(file, text);
            assert.deepEqual(incremental, summary(fresh.analyze()));
          }
        }),
        { numRuns: 40 },
      );
    });
});

describe('analysis in slices (analyzeUnlessStale)', () => {
  const many = Object.fromEntries(
    Array.from({ length: 60 }, (_, i) => [
      `src/m${i}.service.ts`,
      `import { m${(i + 1) % 60} } from './m${(i + 1) % 60}.service';\nexport const m${i} = () => m${(i + 1) % 60};\ntry { m${i}(); } catch {}\n`,
    ]),
  );

  it('gives the same result as analyze() when nothing changes meanwhile', async () => {
    const p = project(many);
    const sliced = await new AnalysisSession({ root: p.root }).analyzeUnlessStale(() => false, 0);
    const whole = new AnalysisSession({ root: p.root }).analyze();
    assert.ok(sliced);
    assert.deepEqual(sliced.findings, whole.findings);
  });

  it('stops at the first pause after a change and keeps what it read for the next analysis', async () => {
    const p = project(many);
    const session = new AnalysisSession({ root: p.root });
    let pauses = 0;
    const stopped = await session.analyzeUnlessStale(() => ++pauses >= 10, 0);
    assert.equal(stopped, undefined);
    const next = session.analyze();
    assert.ok(next.stats.parsed > 0 && next.stats.parsed < 60, `files read before the stop are not read again: ${next.stats.parsed} parsed`);
    assert.deepEqual(next.findings, new AnalysisSession({ root: p.root }).analyze().findings);
  });
});
