import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixesFor } from '../../../server/src/engine/fixes';
import type { FixProvider } from '../../../server/src/engine/fixes/types';
import { project } from '../../helpers/project';

const RULE = 'errors/swallowed-error';

function swallowedFinding() {
  const result = project({
    'layerguard.json': JSON.stringify({ rules: { [RULE]: 'warning' } }),
    'src/jobs/sync.ts': `export async function sync(store: { save(): Promise<void> }): Promise<void> {
  try {
    await store.save();
  } catch {}
}
`,
  }).analyze();
  const finding = result.findings.find((f) => f.ruleId === RULE);
  assert.ok(finding, 'the fixture has a swallowed error');
  return { graph: result.graph, finding };
}

describe('fixesFor', () => {
  it('leaves out a fix whose edits do not apply, says why, and still offers its siblings', () => {
    const { graph, finding } = swallowedFinding();
    const start = finding.range.start;
    const provider: FixProvider = () => [
      { id: 'clean', title: 'Log it', safe: false, edits: [{ file: finding.file, range: { start, end: start }, newText: '/* logged */' }] },
      {
        id: 'overlapping',
        title: 'Broken',
        safe: false,
        edits: [
          { file: finding.file, range: { start, end: start + 4 }, newText: 'a' },
          { file: finding.file, range: { start: start + 2, end: start + 6 }, newText: 'b' },
        ],
      },
    ];
    const result = fixesFor(graph, finding, {}, new Map([[RULE, provider]]));
    assert.deepEqual(
      result.fixes.map((f) => f.id),
      ['clean', 'ignore-line', 'ignore-file'],
    );
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /the fix "Broken" of errors\/swallowed-error was left out: overlapping edits/);
  });

  it('returns the error of a provider that throws with the fixes that remain', () => {
    const { graph, finding } = swallowedFinding();
    const provider: FixProvider = () => {
      throw new Error('no catch clause here');
    };
    const result = fixesFor(graph, finding, {}, new Map([[RULE, provider]]));
    assert.deepEqual(
      result.fixes.map((f) => f.id),
      ['ignore-line', 'ignore-file'],
    );
    assert.match(result.ok ? '' : result.error, /computing fixes for errors\/swallowed-error failed: no catch clause here/);
  });
});
