import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { caseArbitrary, fuzzRunner } from '../../helpers/fuzz';

describe('hostile sources (fuzz)', () => {
  it('survives 2,000 mutated sources of an example: no crash, every file analyzed or named by a problem', () => {
    const { files, run, tally } = fuzzRunner('nest-shop');
    fc.assert(
      fc.property(caseArbitrary(files.length), (c) => {
        const before = { crashes: tally.crashes, dropped: tally.dropped };
        run(c);
        return tally.crashes === before.crashes && tally.dropped === before.dropped;
      }),
      { numRuns: 2000, seed: 14, endOnFailure: true },
    );
    assert.deepEqual({ crashes: tally.crashes, dropped: tally.dropped, failures: tally.failures.slice(0, 3) }, { crashes: 0, dropped: 0, failures: [] });
    assert.equal(tally.cases >= 2000, true);
  });
});
