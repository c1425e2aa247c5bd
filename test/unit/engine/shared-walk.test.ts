import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SharedWalk } from '../../../server/src/engine/shared-walk';
import { ts } from '../../../server/src/engine/ts';
import type { FileNode } from '../../../server/src/engine/graph/types';

function fileOf(text: string): FileNode {
  const sourceFile = ts.createSourceFile('/p/a.ts', text, ts.ScriptTarget.Latest, true);
  return { sourceFile } as FileNode;
}

const kinds = (nodes: readonly ts.Node[]) => nodes.map((n) => ts.SyntaxKind[n.kind]);

describe('shared walk', () => {
  it('gives every visitor every node in the order of a depth-first walk; a visitor returning false skips the children for itself only', () => {
    const file = fileOf('function f() { return g(1); }\nconst x = 2;\n');
    const all: ts.Node[] = [];
    const skipping: ts.Node[] = [];
    const walk = new SharedWalk();
    walk.register(file, {}, (n) => (skipping.push(n), !ts.isFunctionDeclaration(n)));
    walk.register(file, {}, (n) => void all.push(n));
    walk.run();
    const expected: ts.Node[] = [];
    const visit = (n: ts.Node): void => {
      expected.push(n);
      ts.forEachChild(n, visit);
    };
    visit(file.sourceFile);
    assert.deepEqual(kinds(all), kinds(expected));
    assert.deepEqual(kinds(skipping), kinds(expected.filter((n) => !ts.findAncestor(n.parent, ts.isFunctionDeclaration))));
    assert.ok(skipping.some(ts.isFunctionDeclaration) && !skipping.some(ts.isReturnStatement));
  });

  it('stops calling the visitors of an owner that threw, and records the error on it', () => {
    const file = fileOf('const a = 1; const b = 2;\n');
    const owner: { crashed?: unknown } = {};
    let calls = 0;
    let others = 0;
    const walk = new SharedWalk();
    walk.register(file, owner, (n) => {
      calls++;
      if (ts.isVariableStatement(n)) throw new Error('boom');
    });
    walk.register(file, owner, () => void calls++);
    walk.register(file, {}, () => void others++);
    walk.run();
    assert.match(String(owner.crashed), /boom/);
    assert.ok(others > calls, `the other owner saw every node (${others}) while the crashed one stopped (${calls})`);
  });
});
