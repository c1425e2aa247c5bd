import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullMessage, headlineOf } from '../../../server/src/engine/text/headline';

describe('finding headlines (text/headline.ts)', () => {
  it('split a message given as one text after its first sentence: the headline, then why and what to do', () => {
    assert.deepEqual(headlineOf('Hardcoded secret: this key looks like a token. Read it from the environment.'), {
      headline: 'Hardcoded secret: this key looks like a token.',
      detail: 'Read it from the environment.',
    });
  });

  it('do not split inside a file name, a call or a version, and keep a one-sentence message whole', () => {
    assert.deepEqual(headlineOf('A controller must not depend on the data-access layer: it imports db.ts. Go through a repository.'), {
      headline: 'A controller must not depend on the data-access layer: it imports db.ts.',
      detail: 'Go through a repository.',
    });
    assert.deepEqual(headlineOf('Unversioned API: "/api" is mounted without a version (v1.2 or later).'), { headline: 'Unversioned API: "/api" is mounted without a version (v1.2 or later).' });
    assert.deepEqual(headlineOf('it calls this.orders.save() and returns'), { headline: 'it calls this.orders.save() and returns' });
  });

  it("keep a rule's own headline and detail, and drop an empty detail", () => {
    assert.deepEqual(headlineOf('Short. Still the headline.', 'The detail.'), { headline: 'Short. Still the headline.', detail: 'The detail.' });
    assert.deepEqual(headlineOf('Only a headline.', '  '), { headline: 'Only a headline.' });
  });

  it('join the headline and its detail for outputs read without a hover (SARIF, HTML)', () => {
    assert.equal(fullMessage({ message: 'Headline.', detail: 'Detail.' }), 'Headline. Detail.');
    assert.equal(fullMessage({ message: 'Headline.' }), 'Headline.');
  });
});
