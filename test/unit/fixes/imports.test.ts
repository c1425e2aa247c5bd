import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Project } from 'ts-morph';
import { ensureNamedImport, relativeExtensionOf, removeUnusedImports, specifierFor } from '../../../server/src/engine/fixes/imports';

const sourceFile = (text: string) => new Project({ useInMemoryFileSystem: true }).createSourceFile('/app/src/users/users.controller.ts', text);

describe('fix imports', () => {
  it('removes only the imports among the names that nothing uses any more, after any number of import lines', () => {
    const file = sourceFile(`import { A } from './a';\nimport { B } from './b';\nimport { C, D } from './c';\nexport class X { m(x: C): D | undefined { return undefined; } }\n`);
    removeUnusedImports(file, new Set(['A', 'B', 'C']));
    assert.equal(file.getFullText(), `import { C, D } from './c';\nexport class X { m(x: C): D | undefined { return undefined; } }\n`);
  });

  it('writes a new relative import with .js where the file writes its relative imports so', () => {
    assert.equal(relativeExtensionOf(`import { a } from './a.js';\nimport { b } from '../b.js';\nimport x from 'pkg';\n`), '.js');
    assert.equal(relativeExtensionOf(`import { a } from './a';\nimport { b } from '../b.js';\nimport { c } from './c';\n`), '');
    const esm = sourceFile(`import { A } from './a.js';\nexport const a = A;\n`);
    ensureNamedImport(esm, 'UsersService', '/app/src/users/users.service.ts');
    assert.match(esm.getFullText(), /import \{ UsersService \} from ["']\.\/users\.service\.js["'];/);
    assert.equal(specifierFor('../dto/a.dto.js', '/app/src/users/users.controller.ts', '/app/src/users/services/users.service.ts'), '../../dto/a.dto.js');
    assert.equal(specifierFor('@nestjs/common', '/app/src/a.ts', '/app/src/b/c.ts'), '@nestjs/common');
  });
});
