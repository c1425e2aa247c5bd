import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/engine';
import { HEADLINE_LENGTH } from '../../server/src/engine/text/headline';

const EXAMPLES = path.join(__dirname, '../../../examples');

function findingsOf(example: string, options: { ignoreConfigFile?: boolean } = {}): string[] {
  const root = path.join(EXAMPLES, example);
  const result = analyzeWorkspace({ root, ...options });
  assert.deepEqual(result.problems, [], `${example} analyzes without problems`);
  return result.findings.map((f) => `${path.posix.relative(result.root, f.file)}:${f.start.line + 1}:${f.start.character + 1} ${f.ruleId}`);
}

/** The planted problems listed in each example's README, exactly: nothing missed, nothing extra. */
describe('bundled examples', () => {
  it('nest-shop: DI violations, an alias+barrel import and a service cycle', () => {
    assert.deepEqual(findingsOf('nest-shop'), [
      'src/orders/orders.controller.ts:14:5 layering/forbidden-dependency',
      'src/products/products.controller.ts:6:15 layering/forbidden-dependency',
      'src/products/repositories/products.repository.ts:11:5 layering/forbidden-dependency',
      'src/users/users.service.ts:2:31 layering/cycle',
    ]);
  });

  it('express-api: controller → db and new Repository, repository → service, a runtime cycle, a default password', () => {
    assert.deepEqual(findingsOf('express-api'), [
      'src/app.ts:24:5 api/unversioned-route',
      'src/config/env.ts:6:42 security/hardcoded-secret',
      'src/controllers/order.controller.ts:2:20 layering/forbidden-dependency',
      'src/controllers/order.controller.ts:47:20 layering/forbidden-dependency',
      'src/repositories/order.repository.ts:28:18 layering/forbidden-dependency',
      'src/services/pricing.ts:2:37 layering/cycle',
    ]);
  });

  it('every finding of the examples has a headline the Problems panel shows whole, and its explanation apart', () => {
    for (const example of ['nest-shop', 'express-api', 'hexagonal-orders', 'modular-shop']) {
      const result = analyzeWorkspace({ root: path.join(EXAMPLES, example) });
      assert.ok(result.findings.length > 0, `${example} has findings`);
      for (const f of result.findings) {
        assert.ok(f.message.length <= HEADLINE_LENGTH, `${example}: ${f.message.length} characters: ${f.message}`);
        assert.ok(f.detail && f.detail.length > 20, `${example}: an explanation for ${f.message}`);
      }
    }
  });

  it('clean-books: a clean layered app, composition root and modules included, has no findings', () => {
    assert.deepEqual(findingsOf('clean-books'), []);
  });

  it('clean-books: every application file gets the layer its role implies', () => {
    const result = analyzeWorkspace({ root: path.join(EXAMPLES, 'clean-books') });
    const layers = Object.fromEntries([...result.graph.files.values()].map((n) => [path.posix.relative(result.root, n.file), n.layer ?? null]));
    assert.equal(layers['src/main.ts'], 'composition-root');
    assert.equal(layers['src/app.module.ts'], 'module');
    assert.equal(layers['src/books/books.controller.ts'], 'controller');
    assert.equal(layers['src/books/books.service.ts'], 'service');
    assert.equal(layers['src/books/books.repository.ts'], 'repository');
    assert.equal(layers['src/books/entities/book.entity.ts'], 'model');
    assert.equal(layers['src/books/dto/create-book.dto.ts'], 'dto');
    assert.equal(layers['src/common/guards/api-key.guard.ts'], 'middleware');
    assert.equal(layers['src/config/database.config.ts'], 'config');
    assert.equal(layers['src/books/index.ts'], null, 'barrels are transparent');
    const viaBarrel = result.graph.edges.find((e) => e.from.endsWith('books/books.service.ts') && e.to.endsWith('authors/authors.service.ts') && e.kind === 'import');
    assert.ok(viaBarrel, 'the @app/authors alias and barrel resolve to authors.service.ts');
  });

  it('hexagonal-orders: with its hexagonal preset, a use case taking the adapter and a domain knowing the ORM row', () => {
    assert.deepEqual(findingsOf('hexagonal-orders'), [
      'src/orders/application/cancel-order.use-case.ts:7:15 layering/forbidden-dependency',
      'src/orders/domain/order-summary.ts:1:34 layering/forbidden-dependency',
    ]);
  });

  it('hexagonal-orders: under the default layered policy the textbook ports and adapters raise nothing', () => {
    assert.deepEqual(findingsOf('hexagonal-orders', { ignoreConfigFile: true }), []);
  });

  it('modular-shop: with its modular-monolith preset, a deep import into another module and a cycle between modules', () => {
    assert.deepEqual(findingsOf('modular-shop'), ['src/modules/cart/cart.routes.ts:4:29 layering/contract', 'src/modules/cart/cart.ts:2:24 layering/contract']);
  });
});
