import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/engine/rules/registry';
import { zipEntries, zipEntryText } from '../helpers/zip-entries';

const REPO = path.join(__dirname, '../../..');
const VSIX = path.join(REPO, 'layerguard.vsix');
/** What the Marketplace accepts easily and users download in a blink; the bundled server is most of it. */
const MAX_VSIX_BYTES = 4 * 1024 * 1024;

/** The packaged extension as the Marketplace and users get it (built by npm test before the editor tests). */
describe('the packaged .vsix', () => {
  const entries = () => zipEntries(VSIX);
  const names = () => new Set(entries().map((e) => e.name));

  it('holds what the extension needs at run time, and nothing of the sources, tests or examples', () => {
    assert.ok(fs.existsSync(VSIX), 'layerguard.vsix is built by npm test before the editor tests');
    const packed = names();
    const needed = [
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/images/icon.png',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/webview/architecture.js',
      'extension/schemas/layerguard.schema.json',
      ...RULES.map((rule) => `extension/docs/rules/${rule.meta.id}.md`),
    ];
    for (const file of needed) assert.ok(packed.has(file), `${file} is packed`);
    const stray = [...packed].filter((name) => /^extension\/(?:server|client|webview\/src|test|out|examples|bench|scripts|node_modules)\/|\.ts$|\.map$/.test(name));
    assert.deepEqual(stray, []);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { icon: string; contributes: { walkthroughs: { steps: { media: { markdown?: string } }[] }[] } };
    assert.ok(packed.has(`extension/${pkg.icon}`), 'the icon package.json names is packed');
    for (const step of pkg.contributes.walkthroughs.flatMap((w) => w.steps)) assert.ok(packed.has(`extension/${step.media.markdown ?? ''}`), `${step.media.markdown} is packed`);
  });

  it(`stays under ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
    const size = fs.statSync(VSIX).size;
    assert.ok(size < MAX_VSIX_BYTES, `${(size / 1024 / 1024).toFixed(2)} MB`);
  });

  it("has the users' README, not the contributors', with every image it shows packed", () => {
    const readme = zipEntryText(VSIX, 'extension/readme.md');
    assert.doesNotMatch(readme, /npm install && npm start/, 'the contributors’ set-up is not on the details page');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    assert.ok(images.length >= 3, `screenshots on the details page: ${images.join(', ')}`);
    const packed = names();
    for (const image of images) {
      const file = image.replace(/^https:\/\/github\.com\/[^/]+\/[^/]+\/raw\/HEAD\//, '');
      assert.ok(packed.has(`extension/${file}`), `${file} (shown on the details page) is packed`);
      assert.ok(fs.existsSync(path.join(REPO, file)), `${file} is committed`);
    }
  });
});
