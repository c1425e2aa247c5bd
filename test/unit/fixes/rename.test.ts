import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace, applyTextEdits, fixesFor, refactorChoices } from '../../../server/src/engine';
import { checkFix } from '../../helpers/fixes';
import { project } from '../../helpers/project';

describe('fixes: naming/ambiguous-name', () => {
  it('renames after the repository method, at every reference, keeping shorthand properties', () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        'src/users/users.service.ts': `export class UsersService {
  constructor(private readonly users: { findByEmail(email: string): Promise<{ id: number }> }) {}
  async profile(email: string) {
    const data = await this.users.findByEmail(email);
//        ^^^^ naming/ambiguous-name
    if (!data) throw new Error('missing');
    const entry = { data, id: data.id };
    audit(entry);
    return data.id;
  }
}
declare function audit(entry: object): void;
`,
      },
      fixId: 'rename:user',
      expect: {
        'src/users/users.service.ts': `export class UsersService {
  constructor(private readonly users: { findByEmail(email: string): Promise<{ id: number }> }) {}
  async profile(email: string) {
    const user = await this.users.findByEmail(email);
    if (!user) throw new Error('missing');
    const entry = { data: user, id: user.id };
    audit(entry);
    return user.id;
  }
}
declare function audit(entry: object): void;
`,
      },
    });
  });

  it('renames a parameter after its array type', () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        'src/catalog/pricing.ts': `interface Product { price: number }
export function total(stuff: Product[]): number {
//                    ^^^^^ naming/ambiguous-name
  if (stuff.length === 0) return 0;
  const prices = stuff.map((p) => p.price);
  const sum = prices.reduce((a, b) => a + b, 0);
  return Math.round(sum * 100) / 100;
}
`,
      },
      fixId: 'rename:products',
      expect: {
        'src/catalog/pricing.ts': `interface Product { price: number }
export function total(products: Product[]): number {
  if (products.length === 0) return 0;
  const prices = products.map((p) => p.price);
  const sum = prices.reduce((a, b) => a + b, 0);
  return Math.round(sum * 100) / 100;
}
`,
      },
    });
  });

  it('renames a local after the entity its lookup returns though other methods use that name for their own', () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        'src/users/users.service.ts': `interface User { id: number; email: string; active: boolean }
export class UsersService {
  constructor(private readonly users: { findById(id: number): Promise<User | null>; save(user: User): Promise<void> }) {}
  async deactivate(id: number) {
    const temp = await this.users.findById(id);
//        ^^^^ naming/ambiguous-name
    if (!temp) throw new Error('no such user');
    temp.active = false;
    await this.users.save(temp);
    return temp.email;
  }
  async activate(user: User) {
    user.active = true;
    await this.users.save(user);
  }
}
`,
      },
      fixId: 'rename:user',
      expect: {
        'src/users/users.service.ts': `interface User { id: number; email: string; active: boolean }
export class UsersService {
  constructor(private readonly users: { findById(id: number): Promise<User | null>; save(user: User): Promise<void> }) {}
  async deactivate(id: number) {
    const user = await this.users.findById(id);
    if (!user) throw new Error('no such user');
    user.active = false;
    await this.users.save(user);
    return user.email;
  }
  async activate(user: User) {
    user.active = true;
    await this.users.save(user);
  }
}
`,
      },
    });
  });

  it('renames what a fetch function returns after the function: fetchOrders() → orders', () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        'src/reports/weekly.ts': `interface Order { total: number }
declare function fetchOrders(week: number): Promise<Order[]>;
export async function weeklyTotal(week: number) {
  const data = await fetchOrders(week);
//      ^^^^ naming/ambiguous-name
  let sum = 0;
  for (const order of data) sum += order.total;
  console.log('week', week, data.length);
  return sum;
}
export const count = (orders: Order[]) => orders.length;
`,
      },
      fixId: 'rename:orders',
      expect: {
        'src/reports/weekly.ts': `interface Order { total: number }
declare function fetchOrders(week: number): Promise<Order[]>;
export async function weeklyTotal(week: number) {
  const orders = await fetchOrders(week);
  let sum = 0;
  for (const order of orders) sum += order.total;
  console.log('week', week, orders.length);
  return sum;
}
export const count = (orders: Order[]) => orders.length;
`,
      },
    });
  });

  it('offers no rename for exported names, names without a better suggestion, or taken names', () => {
    const p = project({
      'tsconfig.json': '{}',
      'src/a.ts': `export const data = 1;
export function f(user: string) {
  const tmp = user.trim();
  const res = new Map<string, number>();
  const data2 = 0;
  const obj = new Invoice();
  const user2 = obj;
  const val = getUser();
  const temp = findExport();
  return [tmp, res, data2, user2, val, temp];
}
class Invoice {}
declare function getUser(): string;
declare function findExport(): string;
`,
    });
    const result = analyzeWorkspace({ root: p.root, severityOverrides: { 'naming/ambiguous-name': 'info' } });
    const offered = result.findings
      .filter((f) => f.ruleId === 'naming/ambiguous-name')
      .map((f) =>
        fixesFor(result.graph, f)
          .fixes.filter((x) => x.id.startsWith('rename:'))
          .map((x) => x.id),
      );
    // Only names whose code says what they hold, with a name still free, are reported: obj → invoice (val → user is taken; findExport() would say "export", a reserved word).
    assert.deepEqual(offered, [['rename:invoice']]);
  });

  it('offers the rename as a refactor at the cursor where the rule stays silent: temp in a method of three statements', () => {
    const text = `interface User { id: number }
export class UsersService {
  constructor(private readonly users: { findById(id: number): Promise<User | null> }) {}
  async get(id: number) {
    const temp = await this.users.findById(id);
    if (!temp) throw new Error('missing');
    return temp;
  }
}
`;
    const p = project({ 'tsconfig.json': '{}', 'src/users.service.ts': text });
    const result = analyzeWorkspace({ root: p.root, severityOverrides: { 'naming/ambiguous-name': 'info' } });
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === 'naming/ambiguous-name'),
      [],
      'a function this short is left alone by the rule',
    );
    const file = [...result.graph.files.keys()].find((f) => f.endsWith('users.service.ts'))!;
    const choices = refactorChoices(result, file, text.indexOf('temp =') + 2, 'renameVariable');
    assert.deepEqual(
      choices.map((c) => c.fix.title),
      ['Rename to user'],
    );
    assert.equal(applyTextEdits(text, choices[0]!.fix.edits), text.replace(/temp/g, 'user'));
    assert.deepEqual(refactorChoices(result, file, text.indexOf('users:') + 1, 'renameVariable'), [], 'only generic names are offered');
  });
});
