import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRule, NEST_TSCONFIG } from '../../../helpers/project';

const TS = JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } });

describe('layering/cycle', () => {
  it('reports a cycle once, on the import to break, with the full loop and its other imports as related', () => {
    const result = checkRule('layering/cycle', {
      'tsconfig.json': TS,
      'src/a.ts': `import { b } from './b';
export const a = () => b();
`,
      'src/b.ts': `import { c } from './c';
export const b = () => c();
`,
      'src/c.ts': `import { a } from './a';
//                ^^^^^ layering/cycle Import cycle of 3 files: src/a.ts → src/b.ts → src/c.ts → src/a.ts. Break it here, at src/c.ts → src/a.ts
export const c = () => a;
`,
    });
    assert.deepEqual(
      result.findings[0]?.related.map((r) => r.message),
      ['src/a.ts imports src/b.ts', 'src/b.ts imports src/c.ts'],
    );
    assert.equal(result.findings[0]?.data?.['size'], '3');
  });

  it("leaves out a module's entry and the routes that read its service only when a request comes, as the app enters by the entry; reports the same shape entered elsewhere or read at load", () => {
    const module = (routes: string) => ({
      'src/modules/invoices/index.ts': `import { makeInvoiceService } from './invoice.service';
export { invoiceRoutes } from './routes';
export const invoices = makeInvoiceService();
`,
      'src/modules/invoices/invoice.service.ts': 'export const makeInvoiceService = () => ({ list: () => [] as string[] });\n',
      'src/modules/invoices/routes.ts': routes,
    });
    const handlerReads = `import { invoices } from './index';
export const invoiceRoutes = { list: () => invoices.list() };
`;
    checkRule('layering/cycle', {
      'tsconfig.json': TS,
      ...module(handlerReads),
      'src/app.ts': "import { invoiceRoutes, invoices } from './modules/invoices';\nexport const app = { routes: [invoiceRoutes], ready: () => invoices.list() };\n",
      'src/modules/invoices/routes.test.ts': "import { invoiceRoutes } from './routes';\nexport const checked = invoiceRoutes;\n",
    });
    // Another file of the app loads routes.ts first: the index it pulls in would read routes half-loaded.
    checkRule('layering/cycle', {
      'tsconfig.json': TS,
      ...module(`import { invoices } from './index';
//                       ^^^^^^^^^ layering/cycle Import cycle of 2 files: index.ts → routes.ts → index.ts.
export const invoiceRoutes = { list: () => invoices.list() };
`),
      'src/app.ts':
        "import { invoices } from './modules/invoices';\nimport { invoiceRoutes } from './modules/invoices/routes';\nexport const app = { routes: [invoiceRoutes], ready: () => invoices.list() };\n",
    });
    // The routes read the service when they load (a method handed over as it is).
    checkRule('layering/cycle', {
      'tsconfig.json': TS,
      ...module(`import { invoices } from './index';
//                       ^^^^^^^^^ layering/cycle Import cycle of 2 files: index.ts → routes.ts → index.ts.
export const invoiceRoutes = { list: invoices.list };
`),
      'src/app.ts': "import { invoiceRoutes } from './modules/invoices';\nexport const app = { routes: [invoiceRoutes] };\n",
    });
    // Two helpers calling each other, entered through one: nothing fronts them, one should not need the other.
    checkRule('layering/cycle', {
      'tsconfig.json': TS,
      'src/pricing/totals.ts': `import { round } from './rounding';
//                    ^^^^^^^^^^^^ layering/cycle Import cycle of 2 files: rounding.ts → totals.ts → rounding.ts.
export const total = (items: number[]) => round(items.reduce((a, b) => a + b, 0));
`,
      'src/pricing/rounding.ts': `import { total } from './totals';
export const round = (n: number) => Math.round(n);
export const totalOfOne = (n: number) => total([n]);
`,
      'src/orders.ts': "import { total } from './pricing/totals';\nexport const orderTotal = () => total([1, 2]);\n",
    });
  });

  it('reports a tangle as one component, with its size, its shortest loop and every import that must go to break it', () => {
    const result = checkRule('layering/cycle', {
      'tsconfig.json': TS,
      'src/a.ts': `import { b } from './b';
import { c } from './c';
export const a = () => [b, c];
`,
      'src/b.ts': `import { a } from './a';
//                ^^^^^ layering/cycle Import cycle: 3 files depend on each other (shortest loop: src/a.ts → src/b.ts → src/a.ts). Removing 2 imports breaks it: here and at src/c.ts → src/a.ts.
export const b = () => a;
`,
      'src/c.ts': `import { a } from './a';
export const c = () => a;
`,
    });
    const [finding] = result.findings;
    assert.equal(finding?.data?.['members'], 'src/a.ts, src/b.ts, src/c.ts');
    assert.equal(finding?.data?.['breaks'], '2');
    assert.deepEqual(
      finding?.related.map((r) => r.message),
      ['break here too: src/c.ts imports src/a.ts', 'src/a.ts imports src/b.ts'],
    );
  });

  it('suggests breaking the import that takes least: one name rather than three', () => {
    checkRule('layering/cycle', {
      'tsconfig.json': TS,
      'src/orders.ts': `import { tax } from './pricing';
//                  ^^^^^^^^^^^ layering/cycle Import cycle of 2 files: src/orders.ts → src/pricing.ts → src/orders.ts. Break it here, at src/orders.ts → src/pricing.ts
export const total = (n: number) => n + tax(n);
export const currency = 'EUR';
export const rounding = 2;
export const locale = 'fr';
`,
      'src/pricing.ts': `import { currency, rounding, locale } from './orders';
export const tax = (n: number) => Number((n * 0.2).toFixed(rounding)) + (currency + locale).length * 0;
`,
    });
  });

  it('ignores imports used only as types, and type-only imports, unless configured', () => {
    const files = {
      'tsconfig.json': TS,
      'src/user.ts': `import type { Order } from './order';
import { OrderStatus } from './order';
export interface User { orders: Order[]; status: OrderStatus }
export function makeUser(): User { return { orders: [], status: 'open' }; }
`,
      'src/order.ts': `import { makeUser } from './user';
export type OrderStatus = 'open' | 'paid';
export interface Order { owner: ReturnType<typeof makeUser> }
export const newOrder = () => ({ owner: makeUser() });
`,
    };
    checkRule('layering/cycle', files);
    checkRule('layering/cycle', {
      ...files,
      'layerguard.json': JSON.stringify({ rules: { 'layering/cycle': { options: { includeTypeOnly: true } } } }),
      'src/user.ts': `import type { Order } from './order';
//                         ^^^^^^^^^ layering/cycle Import cycle of 2 files
import { OrderStatus } from './order';
export interface User { orders: Order[]; status: OrderStatus }
export function makeUser(): User { return { orders: [], status: 'open' }; }
`,
    });
  });

  it('counts decorated constructor parameter types when emitDecoratorMetadata keeps them at run time', () => {
    const service = (name: string, other: string, otherFile: string) => `import { Injectable } from '@nestjs/common';
import { ${other} } from './${otherFile}';
@Injectable()
export class ${name} {
  constructor(private readonly other: ${other}) {}
}
`;
    checkRule('layering/cycle', {
      'tsconfig.json': NEST_TSCONFIG,
      'src/a.service.ts': service('AService', 'BService', 'b.service'),
      'src/b.service.ts': service('BService', 'AService', 'a.service').replace(`from './a.service';`, `from './a.service';\n//                       ^^^^^^^^^^^^^ layering/cycle`),
    });
    checkRule('layering/cycle', {
      'tsconfig.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
      'src/a.service.ts': service('AService', 'BService', 'b.service'),
      'src/b.service.ts': service('BService', 'AService', 'a.service'),
    });
  });

  it('leaves lazy import() out of cycles by default', () => {
    checkRule('layering/cycle', {
      'tsconfig.json': TS,
      'src/a.ts': `import { b } from './b';
export const a = () => b;
`,
      'src/b.ts': `export const b = async () => (await import('./a')).a;
`,
    });
  });

  it('sees cycles through require in JavaScript', () => {
    checkRule('layering/cycle', {
      'src/a.js': `const b = require('./b');
module.exports = () => b;
`,
      'src/b.js': `const a = require('./a');
//                ^^^^^ layering/cycle
module.exports = () => a;
`,
    });
  });
});

describe('layering/cycle and references the code defers', () => {
  const module = (name: string, other: string, otherFile: string, reference: string) => `import { Module, forwardRef } from '@nestjs/common';
import { ${other} } from './${otherFile}';
@Module({ imports: [${reference}] })
export class ${name} {}
`;

  it('leaves out a cycle that one side breaks with forwardRef, unless configured', () => {
    const files = {
      'tsconfig.json': NEST_TSCONFIG,
      'src/billing.module.ts': module('BillingModule', 'AccountsModule', 'accounts.module', 'forwardRef(() => AccountsModule)'),
      'src/accounts.module.ts': module('AccountsModule', 'BillingModule', 'billing.module', 'BillingModule'),
    };
    checkRule('layering/cycle', files);
    const configured = checkRule('layering/cycle', {
      ...files,
      'layerguard.json': '{ "rules": { "layering/cycle": { "options": { "includeDeferredReferences": true } } } }',
      'src/billing.module.ts': files['src/billing.module.ts'].replace("from './accounts.module';", "from './accounts.module';\n//                             ^^^^^^^^^^^^^^^^^^^ layering/cycle"),
    });
    assert.equal(configured.findings.length, 1);
  });

  it('still reports a cycle through a forwardRef injection whose parameter type decorator metadata names at load time', () => {
    checkRule('layering/cycle', {
      'tsconfig.json': NEST_TSCONFIG,
      'src/ledger.service.ts': `import { Injectable } from '@nestjs/common';
import { AuditService } from './audit.service';
//                           ^^^^^^^^^^^^^^^^^ layering/cycle
@Injectable()
export class LedgerService { constructor(private readonly audit: AuditService) {} }
`,
      'src/audit.service.ts': `import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { LedgerService } from './ledger.service';
@Injectable()
export class AuditService { constructor(@Inject(forwardRef(() => LedgerService)) private readonly ledger: LedgerService) {} }
`,
    });
  });

  it('still reports the cycle when the file also uses the name at load time', () => {
    checkRule('layering/cycle', {
      'tsconfig.json': NEST_TSCONFIG,
      'src/billing.module.ts': `import { Module, forwardRef } from '@nestjs/common';
import { AccountsModule } from './accounts.module';
//                             ^^^^^^^^^^^^^^^^^^^ layering/cycle
@Module({ imports: [forwardRef(() => AccountsModule)] })
export class BillingModule {}
export const BILLING_PARENT = AccountsModule.name;
`,
      'src/accounts.module.ts': module('AccountsModule', 'BillingModule', 'billing.module', 'BillingModule'),
    });
  });

  it("leaves out records that name each other through a codebase's own relation decorators and their options", () => {
    const record = (name: string, other: string, otherFile: string) => `import { Persisted, RelatesTo } from '../kernel/persistence';
import { ${other} } from './${otherFile}';
@Persisted({ store: () => ${other} })
export class ${name} {
  @RelatesTo(() => ${other}) partner?: { readonly id: string };
}
`;
    checkRule('layering/cycle', {
      'tsconfig.json': NEST_TSCONFIG,
      'src/kernel/persistence.ts': 'export const Persisted = (o: object) => (t: object) => [o, t];\nexport const RelatesTo = (f: () => unknown) => (t: object, k: string) => void [f, t, k];\n',
      'src/ledger/invoice.ts': record('Invoice', 'Customer', 'customer'),
      'src/ledger/customer.ts': record('Customer', 'Invoice', 'invoice'),
    });
  });
});

describe('layering/cycle and ORM entities', () => {
  it('leaves cycles made only of entities out, unless configured', () => {
    const entities = {
      'tsconfig.json': NEST_TSCONFIG,
      'src/user.entity.ts': `import { Entity, OneToMany } from 'typeorm';
import { Article } from './article.entity';
@Entity() export class User { @OneToMany(() => Article, (a) => a.author) articles!: Article[]; }
`,
      'src/article.entity.ts': `import { Entity, ManyToOne } from 'typeorm';
import { User } from './user.entity';
@Entity() export class Article { @ManyToOne(() => User) author!: User; }
`,
    };
    checkRule('layering/cycle', entities);
    const configured = checkRule('layering/cycle', {
      ...entities,
      // Relations name each other lazily, so the deferred references must count too.
      'layerguard.json': '{ "rules": { "layering/cycle": { "options": { "includeModelCycles": true, "includeDeferredReferences": true } } } }',
      'src/user.entity.ts': entities['src/user.entity.ts'].replace("from './article.entity';", "from './article.entity';\n//                      ^^^^^^^^^^^^^^^^^^ layering/cycle"),
    });
    assert.equal(configured.findings.length, 1);
  });

  it('leaves out a cycle of ORM entities the hexagonal preset files in the domain (domain/entities/), not one of plain domain classes', () => {
    const entity = (name: string, other: string, decorated: boolean) => `import { Entity, OneToOne } from 'typeorm';
import { ${other} } from './${other.toLowerCase()}.entity';
${decorated ? '@Entity() ' : ''}export class ${name} { @OneToOne(() => ${other}) ${other.toLowerCase()}!: ${other}; }
`;
    checkRule('layering/cycle', {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/entities/user.entity.ts': entity('User', 'Profile', true),
      'src/domain/entities/profile.entity.ts': entity('Profile', 'User', true),
    });
    // Plain classes of the domain importing each other at load time are a cycle to break.
    checkRule('layering/cycle', {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/entities/user.entity.ts': entity('User', 'Profile', false).replace("from './profile.entity';", "from './profile.entity';\n//                      ^^^^^^^^^^^^^^^^^^ layering/cycle"),
      'src/domain/entities/profile.entity.ts': entity('Profile', 'User', false),
    });
  });

  it('takes files that declare Drizzle tables for models: tables referencing each other lazily are no cycle to report', () => {
    checkRule('layering/cycle', {
      'tsconfig.json': TS,
      'src/db/teams.ts': `import { pgTable, text } from 'drizzle-orm/pg-core';
import { members } from './members';
export const teams = pgTable('teams', { id: text('id').primaryKey(), ownerId: text('owner_id').references(() => members.id) });
`,
      'src/db/members.ts': `import { pgTable, text } from 'drizzle-orm/pg-core';
import { teams } from './teams';
export const members = pgTable('members', { id: text('id').primaryKey(), teamId: text('team_id').references(() => teams.id) });
`,
      // The same mutual import between two files that declare no tables is a cycle.
      'src/services/a.ts': `import { b } from './b';
export const a = () => b();
`,
      'src/services/b.ts': `import { a } from './a';
//                ^^^^^ layering/cycle
export const b = () => a();
`,
    });
  });

  it('takes classes extending BaseModel (Lucid) for models, whatever their file is called', () => {
    checkRule('layering/cycle', {
      'tsconfig.json': TS,
      'app/Models/Service.ts': `import { BaseModel, hasOne } from '@ioc:Adonis/Lucid/Orm';
import Account from './Account';
export default class Service extends BaseModel {
  @hasOne(() => Account) public account: unknown;
}
`,
      'app/Models/Account.ts': `import { BaseModel, hasMany } from '@ioc:Adonis/Lucid/Orm';
import Service from './Service';
export default class Account extends BaseModel {
  @hasMany(() => Service) public services: unknown;
}
`,
    });
  });

  it('leaves out a require() inside a function, and imports a Flow file uses only in type annotations, as no load-time cycle', () => {
    checkRule('layering/cycle', {
      'jsconfig.json': '{ "compilerOptions": { "allowJs": true } }',
      'src/workers/index.js': "exports.boot = () => { const queue = require('../models/queue'); return queue.start(); };\n",
      'src/models/queue.js': "const workers = require('../workers');\nexports.start = () => workers;\n",
      'src/db/schema.js': "// @flow\nimport Database from './database';\nexport function migrate(db: Database): number { return 1; }\n",
      'src/db/database.js': "// @flow\nimport { migrate } from './schema';\nexport default class Database { run() { return migrate(this); } }\n",
    });
  });
});
