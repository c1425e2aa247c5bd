import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorDetail, errorMessage } from '../../../server/src/engine/errors';

describe('error text (one helper for every message that reports a failure)', () => {
  it('gives an Error its message, and anything else thrown as text', () => {
    assert.equal(errorMessage(new TypeError('bad input')), 'bad input');
    assert.equal(errorMessage('plain string'), 'plain string');
    assert.equal(errorMessage(42), '42');
    assert.equal(errorMessage(undefined), 'undefined');
  });

  it('keeps the stack for logs, and falls back to the message when there is none', () => {
    const withStack = new Error('disk full');
    assert.match(errorDetail(withStack), /^Error: disk full\n\s+at /);
    const withoutStack = new Error('no trace');
    withoutStack.stack = undefined;
    assert.equal(errorDetail(withoutStack), 'no trace');
    assert.equal(errorDetail({ toString: () => 'odd object' }), 'odd object');
  });
});
