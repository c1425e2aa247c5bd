import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ts } from '../../../../server/src/engine/ts';
import { cognitiveComplexity } from '../../../../server/src/engine/rules/design/cognitive-complexity';
import { checkRule } from '../../../helpers/project';

const RULE = 'design/god-function';

function complexityOf(source: string): number {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const fn = sf.statements.find(ts.isFunctionDeclaration);
  assert.ok(fn?.body);
  return cognitiveComplexity(fn.body);
}

/** A function with `n` independent ifs at the top level: complexity n. */
function flatIfs(name: string, n: number): string {
  return `export function ${name}(x: number) {\n${Array.from({ length: n }, (_, i) => `  if (x === ${i}) return ${i};`).join('\n')}\n  return -1;\n}\n`;
}

describe(RULE, () => {
  it('computes cognitive complexity as SonarSource defines it', () => {
    assert.equal(
      complexityOf(`function sumOfPrimes(max: number) {
  let total = 0;
  OUT: for (let i = 1; i <= max; ++i) {
    for (let j = 2; j < i; ++j) {
      if (i % j == 0) {
        continue OUT;
      }
    }
    total += i;
  }
  return total;
}`),
      7,
    );
    assert.equal(complexityOf(`function getWords(n: number) { switch (n) { case 1: return 'one'; case 2: return 'a couple'; default: return 'lots'; } }`), 1);
    assert.equal(complexityOf(`function f(a: boolean, b: boolean, c: boolean, d: boolean) { if (a && b && c || d) { return 1; } return 0; }`), 3);
    assert.equal(complexityOf(`function f(a: boolean, b: boolean) { if (a) { return 1; } else if (b) { return 2; } else { return 3; } }`), 3);
    assert.equal(complexityOf(`function f(xs: number[]) { xs.forEach((x) => { if (x) { console.log(x); } }); }`), 2);
    assert.equal(complexityOf(`function f(a: number) { try { return a > 1 ? 1 : 0; } catch { return -1; } }`), 2);
  });

  it('flags complex and long functions on their names', () => {
    checkRule(RULE, {
      'src/orders/pricing.ts': `${flatIfs('priceFor', 16)}export const discountFor = (x: number) => {
//           ^^^^^^^^^^^ design/god-function discountFor does too much: its cognitive complexity is 16 (allowed 15)
${Array.from({ length: 16 }, (_, i) => `  if (x === ${i}) return ${i};`).join('\n')}
  return 0;
};
export class Report {
  render(lines: string[]) {
//^^^^^^ design/god-function render does too much: it is 83 lines long (allowed 80)
${Array.from({ length: 80 }, (_, i) => `    lines.push('line ${i}');`).join('\n')}
    return lines;
  }
}
`.replace('export function priceFor(x: number) {\n', 'export function priceFor(x: number) {\n//              ^^^^^^^^ design/god-function its cognitive complexity is 16\n'),
    });
  });

  it('does not flag functions within the limits, long switches, or inline callbacks on their own', () => {
    checkRule(RULE, {
      'src/database/seeds/users.seed.ts': `${flatIfs('seedUsers', 30)}`,
      'src/orders/status.ts': `${flatIfs('withinLimit', 15)}
export function label(status: string): string {
  switch (status) {
${Array.from({ length: 40 }, (_, i) => `    case 's${i}': return 'Status ${i}';`).join('\n')}
    default: return 'Unknown';
  }
}
export function routes(app: { get(path: string, h: (q: unknown) => unknown): void }) {
  app.get('/a', (q) => (q ? 1 : 0));
  app.get('/b', (q) => (q ? 2 : 0));
}
export class OrdersController {
  async create(body: { total?: number }) {
    if (!body.total) throw new Error('total is required');
    return { total: body.total };
  }
}
`,
    });
  });
});
