import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURE_PACKAGES } from '../../helpers/package-types';
import { NEST_TSCONFIG, project } from '../../helpers/project';
import { FixTypeChecker } from '../../helpers/type-check';

/** The type-check bar itself: fix tests and the corpus harness trust it to catch a broken build. */
describe('the type-check bar of fixes', () => {
  it('reports an argument a strict build rejects: an environment read where a string is needed', () => {
    const p = project({ 'tsconfig.json': NEST_TSCONFIG, 'src/github.ts': `export const load = () => fetch('https://api.example.test');\n` });
    const file = path.join(p.root, 'src/github.ts');
    const added = new FixTypeChecker(p.root).addedDiagnostics(new Map([[file, `export const load = () => fetch(process.env.GITHUB_URL);\n`]]));
    assert.equal(added.length, 1, added.join('\n'));
    assert.match(added[0]!, /^src\/github\.ts TS2769: .*Argument of type 'string \| undefined' is not assignable/);
  });

  it('leaves out what was wrong before the change, wherever the change moves it', () => {
    const p = project({ 'src/a.ts': `const n: number = 'one';\nexport const x = n;\n` });
    const file = path.join(p.root, 'src/a.ts');
    assert.deepEqual(new FixTypeChecker(p.root).addedDiagnostics(new Map([[file, `// moved down\n\nconst n: number = 'one';\nexport const x = n;\n`]])), []);
  });

  it('counts a syntax error and a relative import that does not resolve, not a package the checkout lacks', () => {
    const p = project({ 'src/a.ts': `export const a = 1;\n` });
    const created = path.join(p.root, 'src/b.ts');
    const added = new FixTypeChecker(p.root).addedDiagnostics(
      new Map([
        [path.join(p.root, 'src/a.ts'), `export const a = (1;\n`],
        [created, `import { z } from 'zod';\nimport { missing } from './nowhere';\nexport const b = [z, missing];\n`],
      ]),
    );
    assert.deepEqual(
      added.map((line) => line.replace(/: .*/, '')),
      ['src/a.ts TS1005', 'src/b.ts TS2307'],
    );
  });

  it('resolves a created file the changed file imports, in a folder that does not exist yet', () => {
    const p = project({ 'src/a.ts': `export const a = 1;\n` });
    const added = new FixTypeChecker(p.root).addedDiagnostics(
      new Map([
        [path.join(p.root, 'src/a.ts'), `import { b } from './new/b';\nexport const a: number = b;\n`],
        [path.join(p.root, 'src/new/b.ts'), `export const b = 2;\n`],
      ]),
    );
    assert.deepEqual(added, []);
  });

  it('types the fixtures’ packages, so a misuse of what a repository returns is caught', () => {
    const p = project({
      'tsconfig.json': NEST_TSCONFIG,
      'src/user.ts': `export class User { id!: number; name!: string; }\n`,
      'src/users.ts': `import { Repository } from 'typeorm';\nimport { User } from './user';\nexport const names = async (users: Repository<User>) => (await users.find()).map((u) => u.name);\n`,
    });
    const file = path.join(p.root, 'src/users.ts');
    const after = `import { Repository } from 'typeorm';\nimport { User } from './user';\nexport const names = async (users: Repository<User>) => (await users.findBy({ id: 1 })).map((u) => u.title);\n`;
    const added = new FixTypeChecker(p.root, FIXTURE_PACKAGES).addedDiagnostics(new Map([[file, after]]));
    assert.deepEqual(added, [`src/users.ts TS2339: Property 'title' does not exist on type 'User'.`]);
  });
});
