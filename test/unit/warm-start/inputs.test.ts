import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, mock } from 'node:test';
import { inputsDigest, inputsDigestInSlices } from '../../../server/src/warm-start/inputs';
import { project } from '../../helpers/project';

describe('input digests (warm starts)', () => {
  it("change with a file's content, not with files that are not inputs", () => {
    const p = project({ 'src/a.ts': 'export const a = 1;\n', 'README.md': '# x\n' });
    const before = inputsDigest(p.root);
    p.write('README.md', '# changed\n');
    assert.equal(inputsDigest(p.root), before);
    p.write('src/a.ts', 'export const a = 2;\n');
    assert.notEqual(inputsDigest(p.root), before);
  });

  it('hash a folder that cannot be listed as such instead of throwing (a vanished build output, a volume owned by root)', () => {
    const p = project({ 'src/a.ts': 'export const a = 1;\n', 'data/volume/x.json': '{}' });
    const locked = path.join(p.root, 'data/volume');
    const unlocked = inputsDigest(p.root);
    // The module object itself (not an import namespace), as the code under test sees it.
    const realFs = require('node:fs') as typeof fs;
    const original = realFs.readdirSync.bind(realFs) as (folder: fs.PathLike, options: { withFileTypes: true }) => fs.Dirent[];
    const readdir = mock.method(realFs, 'readdirSync', (folder: fs.PathLike, options: { withFileTypes: true }) => {
      if (String(folder) === locked) throw Object.assign(new Error(`EACCES: permission denied, scandir '${locked}'`), { code: 'EACCES' });
      return original(folder, options);
    });
    try {
      const digest = inputsDigest(p.root);
      assert.match(digest, /^[0-9a-f]{64}$/);
      assert.notEqual(digest, unlocked, 'a folder that cannot be listed is part of the digest');
    } finally {
      readdir.mock.restore();
    }
  });

  it('in slices: the same digest, or none when told to stop', async () => {
    const p = project(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`src/f${i}.ts`, `export const f${i} = ${i};\n`])));
    assert.equal(await inputsDigestInSlices(p.root, undefined, undefined, () => false, 0), inputsDigest(p.root));
    assert.equal(await inputsDigestInSlices(p.root, undefined, undefined, () => true, 0), undefined);
  });

  it('follow symbolic links to folders, once, as the analysis does (a change there is a change; a link loop ends)', () => {
    const p = project({ 'src/a.ts': 'export const a = 1;\n' });
    const outside = project({ 'lib.ts': 'export const lib = 1;\n' });
    fs.symlinkSync(outside.root, path.join(p.root, 'src/shared'), 'dir');
    fs.symlinkSync(p.root, path.join(outside.root, 'loop'), 'dir');
    const before = inputsDigest(p.root);
    outside.write('lib.ts', 'export const lib = 2;\n');
    assert.notEqual(inputsDigest(p.root), before, 'a file reached through a linked folder is an input');
  });
});
