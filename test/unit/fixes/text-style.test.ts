import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eolOf, indentUnitOf, quoteOf, usesSemicolons } from '../../../server/src/engine/fixes/text';
import { ts } from '../../../server/src/engine/ts';

const parse = (text: string) => ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);

describe('fixes write code the way the file does (one style vocabulary for every fix)', () => {
  it('follows the semicolons most statements use, nested ones included, and defaults to them', () => {
    assert.equal(usesSemicolons(parse("import a from 'a';\nexport const b = a;\n")), true);
    assert.equal(usesSemicolons(parse("import a from 'a'\nexport function f() {\n  const x = a\n  return x\n}\n")), false);
    // One top-level import with a semicolon does not outvote a body written without them.
    assert.equal(usesSemicolons(parse("import a from 'a';\nexport function f() {\n  const x = a\n  const y = x\n  return y\n}\n")), false);
    assert.equal(usesSemicolons(parse('export class Empty {}\n')), true);
  });

  it('keeps the line ending, the quotes of the imports and the indentation step', () => {
    assert.equal(eolOf('a\r\nb\r\n'), '\r\n');
    assert.equal(eolOf('a\nb\n'), '\n');
    assert.equal(quoteOf('import { a } from "a";\n'), '"');
    assert.equal(quoteOf("import { a } from 'a';\n"), "'");
    assert.equal(indentUnitOf('function f() {\n\treturn 1;\n}\n'), '\t');
    assert.equal(indentUnitOf('function f() {\n    if (x) {\n        return 1;\n    }\n}\n'), '    ');
  });
});
