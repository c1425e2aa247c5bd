import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { camelCase, kebabCase, lowerFirst, pascalCase, pluralOf, singularIfPlural, singularOf, snakeToCamel, upperFirst } from '../../../server/src/engine/text/words';

describe('the one vocabulary (text/words.ts)', () => {
  it('turns plurals into singulars, and leaves words that are no plural alone', () => {
    const cases: [string, string][] = [
      ['users', 'user'],
      ['categories', 'category'],
      ['addresses', 'address'],
      ['boxes', 'box'],
      ['matches', 'match'],
      ['status', 'status'],
      ['class', 'class'],
      ['analysis', 'analysis'],
      ['user', 'user'],
    ];
    for (const [word, one] of cases) assert.equal(singularOf(word), one, word);
    assert.equal(singularIfPlural('addresses'), 'address');
    assert.equal(singularIfPlural('status'), undefined);
    assert.equal(singularIfPlural('user'), undefined);
  });

  it('makes plurals the way the singulars are undone', () => {
    for (const word of ['user', 'category', 'address', 'box', 'match', 'key']) assert.equal(singularOf(pluralOf(word)), word, word);
    assert.equal(pluralOf('key'), 'keys');
  });

  it('changes case: first letters (acronyms as a whole), snake_case, and word lists', () => {
    assert.equal(lowerFirst('Invoice'), 'invoice');
    assert.equal(lowerFirst('HTTPRequest'), 'httpRequest');
    assert.equal(lowerFirst('MST'), 'mst');
    assert.equal(upperFirst('invoice'), 'Invoice');
    assert.equal(snakeToCamel('user_id'), 'userId');
    assert.equal(pascalCase('order-items'), 'OrderItems');
    assert.equal(camelCase('OrderItems'), 'orderItems');
    assert.equal(kebabCase('orderItems'), 'order-items');
  });
});
