import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toSarif } from '../../../../server/src/engine';
import { checkRule, NEST_TSCONFIG } from '../../../helpers/project';

const RULE = 'layering/contract';

const config = (contracts: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ ...extra, contracts });

describe(RULE, () => {
  it('layers: a lower level depending on a higher one is reported, naming the contract', () => {
    const result = checkRule(RULE, {
      'layerguard.json': config([{ type: 'layers', name: 'api over core', layers: ['src/api', 'src/core'] }]),
      'src/api/routes.ts': `import { total } from '../core/pricing';
export const price = () => total([1, 2]);
`,
      'src/core/pricing.ts': `import { price } from '../api/routes';
//                    ^^^^^^^^^^^^^^^ layering/contract "src/core" must not depend on "src/api", a level above it: it imports routes.ts. This breaks the contract "api over core"
export const total = (items: number[]) => items.reduce((a, b) => a + b, 0);
export const again = () => price();
`,
    });
    const finding = result.findings[0]!;
    assert.equal(finding.data?.['contract'], 'api over core');
    assert.equal(finding.data?.['contractType'], 'layers');
  });

  it('layers: independent siblings written as a list must not depend on each other', () => {
    checkRule(RULE, {
      'layerguard.json': config([{ type: 'layers', layers: ['src/app', ['src/billing', 'src/orders'], 'src/shared'] }]),
      'src/shared/money.ts': `export const cents = (n: number) => Math.round(n * 100);
`,
      'src/billing/invoice.ts': `import { cents } from '../shared/money';
import { orderTotal } from '../orders/total';
//                         ^^^^^^^^^^^^^^^^^ layering/contract layers contract #1
export const invoice = () => cents(orderTotal());
`,
      'src/orders/total.ts': `import { cents } from '../shared/money';
export const orderTotal = () => cents(3);
`,
    });
  });

  it('independence: one module per folder of a wildcard glob; within a module anything goes', () => {
    checkRule(RULE, {
      'layerguard.json': config([{ type: 'independence', name: 'features stay apart', modules: ['src/features/*'] }]),
      'src/features/cart/cart.ts': `import { stock } from '../stock/stock';
//                    ^^^^^^^^^^^^^^^^ layering/contract "cart" and "stock" must not depend on each other
import { line } from './line';
export const cart = () => [stock(), line()];
`,
      'src/features/cart/line.ts': `export const line = () => 1;
`,
      'src/features/stock/stock.ts': `export const stock = () => 2;
`,
    });
  });

  it('forbidden: a package and a folder; type-only imports count unless the contract allows them', () => {
    checkRule(RULE, {
      'layerguard.json': config([
        { type: 'forbidden', name: 'domain is pure', from: ['src/domain'], to: ['package:typeorm', 'src/infrastructure'] },
        { type: 'forbidden', name: 'types are fine here', from: ['src/app'], to: ['src/infrastructure'], allowTypeOnly: true },
      ]),
      'src/domain/order.ts': `import type { OrderRow } from '../infrastructure/order-row';
//                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract "src/domain" must not depend on "src/infrastructure"
import { DataSource } from 'typeorm';
//                         ^^^^^^^^^ layering/contract "src/domain" must not depend on "typeorm"
export const toOrder = (row: OrderRow, source: DataSource) => ({ id: row.id, source });
`,
      'src/infrastructure/order-row.ts': `export interface OrderRow { id: string }
`,
      'src/app/place-order.ts': `import type { OrderRow } from '../infrastructure/order-row';
export const place = (row: OrderRow) => row.id;
`,
    });
  });

  it('public-api: a deep import into another module is reported; its index, its Nest module and the providers it exports are public', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': config([{ type: 'public-api', name: 'modules talk through their public API', modules: ['src/modules/*'] }]),
      'src/modules/billing/index.ts': `export { InvoiceService } from './invoice.service';
`,
      'src/modules/billing/invoice.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class InvoiceService {
  issue(orderId: string) { return { orderId }; }
}
`,
      'src/modules/billing/tax.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class TaxService {
  rate() { return 0.2; }
}
`,
      'src/modules/billing/internal/rounding.ts': `export const round = (n: number) => Math.round(n);
`,
      'src/modules/billing/billing.module.ts': `import { Module } from '@nestjs/common';
import { InvoiceService } from './invoice.service';
import { TaxService } from './tax.service';
@Module({ providers: [InvoiceService, TaxService], exports: [TaxService] })
export class BillingModule {}
`,
      'src/modules/orders/orders.module.ts': `import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module';
import { OrdersService } from './orders.service';
@Module({ imports: [BillingModule], providers: [OrdersService] })
export class OrdersModule {}
`,
      'src/modules/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { InvoiceService } from '../billing';
import { TaxService } from '../billing/tax.service';
import { round } from '../billing/internal/rounding';
//                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract internal/rounding.ts is internal to module "billing", and "orders" may use only its public API
@Injectable()
export class OrdersService {
  constructor(private readonly invoices: InvoiceService, private readonly taxes: TaxService) {}
  place(id: string) { return [this.invoices.issue(id), round(this.taxes.rate())]; }
}
`,
    });
  });

  it('public-api: what a global Nest module exports from a constant list (read facades gathered in one module) is public, however deep its path', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': config([{ type: 'public-api', modules: ['src/modules/*'] }]),
      'src/modules/billing/billing-read.facade.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class BillingReadFacade {
  balance(accountId: string) { return accountId.length; }
}
`,
      'src/modules/billing/ledger/ledger.repository.ts': `export const ledger = new Map<string, number>();
`,
      'src/modules/billing/billing.module.ts': `import { Module } from '@nestjs/common';
@Module({})
export class BillingModule {}
`,
      'src/common/read-facades.module.ts': `import { Global, Module } from '@nestjs/common';
import { BillingReadFacade } from '../modules/billing/billing-read.facade';
const FACADES = [BillingReadFacade] as const;
@Global()
@Module({ providers: [...FACADES], exports: FACADES })
export class ReadFacadesModule {}
`,
      'src/modules/reports/reports.service.ts': `import { Injectable } from '@nestjs/common';
import { BillingReadFacade } from '../billing/billing-read.facade';
import { ledger } from '../billing/ledger/ledger.repository';
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract ledger/ledger.repository.ts is internal to module "billing"
@Injectable()
export class ReportsService {
  constructor(private readonly billing: BillingReadFacade) {}
  total(id: string) { return this.billing.balance(id) + (ledger.get(id) ?? 0); }
}
`,
    });
  });

  it('public-api: workspace libraries are used through their package name, src/index or src/*.module; a path below the name is a deep import, reported once', () => {
    checkRule(RULE, {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { baseUrl: '.', paths: { '@shop/catalog': ['libs/catalog/src/index.ts'], '@shop/catalog/*': ['libs/catalog/src/*'], '@shop/pricing': ['libs/pricing/src/main.ts'] } },
      }),
      'layerguard.json': config([{ type: 'public-api', modules: ['libs/*'] }]),
      'libs/catalog/src/index.ts': `export { listProducts } from './lib/products';
`,
      'libs/catalog/src/catalog.module.ts': `export const catalogModule = { name: 'catalog' };
`,
      'libs/catalog/src/lib/products.ts': `export const listProducts = () => ['tea'];
`,
      'libs/catalog/src/lib/stock-cache.ts': `export const cached = new Map<string, number>();
`,
      'libs/catalog/src/lib/stock.ts': `export { cached } from './stock-cache';
`,
      'libs/pricing/src/main.ts': `export const priceOf = (name: string) => name.length;
`,
      'libs/cart/src/index.ts': `export { cartTotal } from './lib/cart';
`,
      'libs/cart/src/lib/cart.ts': `import { listProducts } from '@shop/catalog';
import { priceOf } from '@shop/pricing';
import { catalogModule } from '@shop/catalog/catalog.module';
import { cached } from '@shop/catalog/lib/stock';
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract "cart" reaches into module "catalog": it imports stock.ts. src/lib/stock.ts is internal to module "catalog", and "cart" may use only its public API.
import { listProducts as again } from '../../../catalog/src';
export const cartTotal = () => [catalogModule.name, ...listProducts(), ...again()].reduce((sum, name) => sum + priceOf(name) + (cached.get(name) ?? 0), 0);
`,
    });
  });

  it("public-api and acyclic: a module's public/ folder is its API, and the shared kernel among the modules (common/, platform/) and a folder of helpers (utils/) are no modules", () => {
    checkRule(RULE, {
      'layerguard.json': config([
        { type: 'public-api', modules: ['src/modules/*'] },
        { type: 'acyclic', modules: ['src/modules/*'] },
      ]),
      // The platform the modules run on (the database client, metrics) is theirs to use.
      'src/modules/platform/metrics/counter.ts': `export const count = (name: string) => name.length;
`,
      'src/modules/bookings/booking-metrics.ts': `import { count } from '../platform/metrics/counter';
export const booked = () => count('booked');
`,
      'src/modules/utils/dates/format-day.ts': `export const formatDay = (at: Date) => at.toISOString().slice(0, 10);
`,
      'src/modules/bookings/booking-day.ts': `import { formatDay } from '../utils/dates/format-day';
export const bookingDay = (at: Date) => formatDay(at);
`,
      'src/modules/common/domain/entity.ts': `export abstract class BaseEntity { constructor(readonly id: string) {} }
`,
      'src/modules/common/logging.ts': `import { isMember } from '../members/public/membership';
export const log = (id: string) => (isMember(id) ? 'member' : 'guest');
`,
      'src/modules/members/public/membership.ts': `export const isMember = (id: string) => id.length > 3;
`,
      'src/modules/members/domain/member.ts': `import { BaseEntity } from '../../common/domain/entity';
import { log } from '../../common/logging';
export class Member extends BaseEntity { describe() { return log(this.id); } }
`,
      'src/modules/bookings/booking.ts': `import { BaseEntity } from '../common/domain/entity';
import { isMember } from '../members/public/membership';
import { Member } from '../members/domain/member';
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract domain/member.ts is internal to module "members"
export class Booking extends BaseEntity { by(member: Member) { return isMember(member.id); } }
`,
    });
    const named = checkRule(RULE, {
      'layerguard.json': config([{ type: 'public-api', modules: ['src/modules/common', 'src/modules/members'] }]),
      'src/modules/common/domain/entity.ts': `import { newId } from './id';
export abstract class BaseEntity { constructor(readonly id: string = newId()) {} }
`,
      'src/modules/common/domain/id.ts': `export const newId = () => Math.random().toString(36).slice(2);
`,
      'src/modules/common/index.ts': "export { newId } from './domain/id';\n",
      'src/modules/members/member.ts': `import { BaseEntity } from '../common/domain/entity';
//                         ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract domain/entity.ts is internal to module "common"
export class Member extends BaseEntity {}
`,
    });
    assert.equal(named.findings.length, 1);
  });

  it('public-api: a module of one file (its tests aside) has nothing internal; a module of several keeps its files', () => {
    checkRule(RULE, {
      'layerguard.json': config([{ type: 'public-api', modules: ['src/modules/*'] }]),
      'src/modules/user-roles/user-role.repository.ts': "export const hasRole = (userId: string, role: string) => userId.length > 0 && role === 'admin';\n",
      'src/modules/user-roles/user-role.repository.test.ts': "import { hasRole } from './user-role.repository';\nexport const checked = hasRole('u1', 'admin');\n",
      'src/modules/venues/index.ts': "export { venueRouter } from './venue.routes';\n",
      'src/modules/venues/venue.routes.ts': "import { findVenue } from './venue.repository';\nexport const venueRouter = { get: (id: string) => findVenue(id) };\n",
      'src/modules/venues/venue.repository.ts': 'export const findVenue = (id: string) => ({ id });\n',
      'src/modules/devices/device.service.ts': `import { hasRole } from '../user-roles/user-role.repository';
import { findVenue } from '../venues/venue.repository';
//                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract venue.repository.ts is internal to module "venues"
export const register = (userId: string, venueId: string) => (hasRole(userId, 'admin') ? findVenue(venueId) : undefined);
`,
    });
  });

  it('public-api: a module that declares no API for the others (its index only hands the app its router, no Nest exports) is not judged; one whose index hands out more is', () => {
    const result = checkRule(RULE, {
      'layerguard.json': config([{ type: 'public-api', modules: ['src/modules/*'] }]),
      'src/server.ts': `import { catalogRouter } from './modules/catalog';
import { billingRouter } from './modules/billing';
export const routes = [catalogRouter, billingRouter];
`,
      'src/modules/catalog/index.ts': "export { catalogRouter } from './catalog.routes';\n",
      'src/modules/catalog/catalog.routes.ts': "import { priceOf } from './pricing.service';\nexport const catalogRouter = { get: priceOf };\n",
      'src/modules/catalog/pricing.service.ts': 'export const priceOf = (sku: string) => sku.length * 100;\n',
      'src/modules/billing/index.ts': "export { billingRouter } from './billing.routes';\nexport { invoiceTotal } from './invoice.service';\n",
      'src/modules/billing/billing.routes.ts': "import { invoiceTotal } from './invoice.service';\nexport const billingRouter = { get: invoiceTotal };\n",
      'src/modules/billing/invoice.service.ts': "import { taxRate } from './tax-table';\nexport const invoiceTotal = (cents: number) => cents * (1 + taxRate('EU'));\n",
      'src/modules/billing/tax-table.ts': "export const taxRate = (region: string) => (region === 'EU' ? 0.2 : 0.1);\n",
      'src/modules/orders/order.service.ts': `import { priceOf } from '../catalog/pricing.service';
import { taxRate } from '../billing/tax-table';
//                      ^^^^^^^^^^^^^^^^^^^^^^ layering/contract tax-table.ts is internal to module "billing"
export const quote = (sku: string) => priceOf(sku) * (1 + taxRate('EU'));
`,
    });
    assert.equal(result.findings.length, 1);
  });

  it("public-api: the types of the app's GraphQL schema (object types, registered enums, unions) are every module's API; other files of the module stay internal", () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': config([{ type: 'public-api', modules: ['src/modules/*'] }]),
      'src/modules/vehicles/car.model.ts': `import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
export enum Transmission { Manual = 'manual', Automatic = 'automatic' }
registerEnumType(Transmission, { name: 'Transmission' });
@ObjectType()
export class CarModel {
  @Field() vin!: string;
  @Field(() => Transmission) transmission!: Transmission;
}
`,
      'src/modules/vehicles/vin.ts': 'export const normalizeVin = (vin: string) => vin.trim().toUpperCase();\n',
      'src/modules/vehicles/car.service.ts': "import { normalizeVin } from './vin';\nexport class CarService { find(vin: string) { return { vin: normalizeVin(vin) }; } }\n",
      'src/modules/vehicles/vehicles.module.ts':
        "import { Module } from '@nestjs/common';\nimport { CarService } from './car.service';\nimport { CarModel } from './car.model';\n@Module({ providers: [CarService], exports: [CarService] })\nexport class VehiclesModule { model = CarModel; }\n",
      'src/modules/people/person.model.ts': "import { Field, ObjectType } from '@nestjs/graphql';\n@ObjectType()\nexport class PersonModel { @Field() name!: string; }\n",
      'src/modules/people/payer.union.ts': `import { createUnionType } from '@nestjs/graphql';
import { PersonModel } from './person.model';
export const PayerUnion = createUnionType({ name: 'Payer', types: () => [PersonModel] as const });
`,
      'src/modules/orders/order.model.ts': `import { Field, ObjectType } from '@nestjs/graphql';
import { CarModel, Transmission } from '../vehicles/car.model';
import { PayerUnion } from '../people/payer.union';
import { normalizeVin } from '../vehicles/vin';
//                           ^^^^^^^^^^^^^^^^^ layering/contract vin.ts is internal to module "vehicles"
@ObjectType()
export class OrderModel {
  @Field(() => CarModel) car!: CarModel;
  @Field(() => Transmission) gearbox!: Transmission;
  @Field(() => PayerUnion) payer!: typeof PayerUnion;
  label() { return normalizeVin(this.car.vin); }
}
`,
    });
  });

  it('public-api: what a dynamic Nest module (forRoot) exports is public too', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': config([{ type: 'public-api', modules: ['src/modules/*'] }]),
      'src/modules/tenancy/can-leave.query.ts': `export class CanLeaveQuery { constructor(readonly userId: string) {} }
`,
      'src/modules/tenancy/seat.counter.ts': `export class SeatCounter { count() { return 3; } }
`,
      'src/modules/tenancy/tenancy.module.ts': `import { DynamicModule, Module } from '@nestjs/common';
import { CanLeaveQuery } from './can-leave.query';
import { SeatCounter } from './seat.counter';
@Module({})
export class TenancyModule {
  static forRoot(): DynamicModule {
    return { module: TenancyModule, providers: [CanLeaveQuery, SeatCounter], exports: [CanLeaveQuery] };
  }
}
`,
      'src/modules/users/leave.command.ts': `import { CanLeaveQuery } from '../tenancy/can-leave.query';
import { SeatCounter } from '../tenancy/seat.counter';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract seat.counter.ts is internal to module "tenancy"
export const leave = (id: string) => [new CanLeaveQuery(id), new SeatCounter().count()];
`,
    });
  });

  it('public-api: a deep path to a name the module hands out anyway is no breach; a name it keeps is', () => {
    checkRule(RULE, {
      'layerguard.json': config([{ type: 'public-api', modules: ['src/modules/*'] }]),
      'src/modules/exams/index.ts': `export * from './grades';
export { examStatus } from './exam.constants';
`,
      'src/modules/exams/exam.constants.ts': `export const examStatus = ['draft', 'final'] as const;
export const maxAttempts = 3;
`,
      'src/modules/exams/grades/index.ts': `export { gradeOf } from './grade.service';
`,
      'src/modules/exams/grades/grade.service.ts': `export const gradeOf = (score: number) => (score > 50 ? 'pass' : 'fail');
`,
      'src/modules/reports/report.service.ts': `import { gradeOf } from '../exams/grades';
import { examStatus } from '../exams/exam.constants';
import { maxAttempts } from '../exams/exam.constants';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract exam.constants.ts is internal to module "exams"
export const report = (score: number) => [gradeOf(score), examStatus.length, maxAttempts];
`,
    });
  });

  it('public-api: a default export (or a renamed import) the entry hands out under a name of its own is handed out too; what the entry leaves out is not', () => {
    checkRule(RULE, {
      'layerguard.json': config([{ type: 'public-api', modules: ['src/modules/*'] }]),
      'src/modules/crews/index.ts': `import crewRoutes from './crews.routes';
import { rosterOf as crewRoster } from './crews.roster';
export { crewRoutes, crewRoster };
`,
      'src/modules/crews/crews.routes.ts': `const routes = { path: '/v1/crews' };
export default routes;
`,
      'src/modules/crews/crews.roster.ts': `export const rosterOf = (crew: string) => [crew];
export const benchOf = (crew: string) => [crew, 'bench'];
`,
      'src/modules/shifts/shifts.routes.ts': `import crewRoutes from '../crews/crews.routes';
import { rosterOf } from '../crews/crews.roster';
import { benchOf } from '../crews/crews.roster';
//                      ^^^^^^^^^^^^^^^^^^^^^^^ layering/contract crews.roster.ts is internal to module "crews"
export const mounted = [crewRoutes.path, rosterOf('a'), benchOf('b')];
`,
    });
  });

  it("public-api: what a workspace package's manifest declares (its main, the subpaths and patterns of its exports) is public", () => {
    checkRule(RULE, {
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
      'package.json': JSON.stringify({ name: 'acme', private: true }),
      'layerguard.json': config([{ type: 'public-api', modules: ['packages/*'] }]),
      'packages/db/package.json': JSON.stringify({
        name: '@acme/db',
        main: './src/db-entry.ts',
        exports: { '.': './src/db-entry.ts', './queries': './src/queries/index.ts', './lib/*': './src/lib/*.ts' },
      }),
      'packages/db/src/db-entry.ts': `export const connect = () => 'db';
`,
      'packages/db/src/queries/index.ts': `export const listUsers = () => ['ada'];
`,
      'packages/db/src/lib/acl.ts': `export const canRead = (user: string) => user.length > 0;
`,
      'packages/db/src/internal/pool.ts': `export const pool = { size: 4 };
`,
      'packages/api/package.json': JSON.stringify({ name: '@acme/api', main: './src/index.ts' }),
      'packages/api/src/index.ts': `import { connect } from '@acme/db';
import { listUsers } from '@acme/db/queries';
import { canRead } from '@acme/db/lib/acl';
import { pool } from '@acme/db/src/internal/pool';
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract src/internal/pool.ts is internal to module "db"
export const users = () => [connect(), ...listUsers().filter(canRead), pool.size];
`,
    });
  });

  it('public-api: a package without an exports map that the others import by paths inside it is open; one they import by its entry is not', () => {
    const workspace = {
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
      'package.json': JSON.stringify({ name: 'acme', private: true }),
      'layerguard.json': config([{ type: 'public-api', modules: ['packages/*'] }]),
      'packages/store/package.json': JSON.stringify({ name: '@acme/store', main: 'src/index.ts' }),
      'packages/store/src/index.ts': `export * from './orders/read';
`,
      'packages/store/src/orders/read.ts': `export const findOrder = (id: string) => ({ id });
`,
      'packages/store/src/orders/write.ts': `export const saveOrder = (id: string) => id.length;
`,
      'packages/store/src/refunds/write.ts': `export const saveRefund = (id: string) => id.length > 1;
`,
    };
    const consumer = (name: string, source: string) => ({
      [`packages/${name}/package.json`]: JSON.stringify({ name: `@acme/${name}`, main: 'src/index.ts' }),
      [`packages/${name}/src/index.ts`]: source,
    });
    const byEntry = (name: string) => consumer(name, `import { findOrder } from '@acme/store';\nexport const ${name} = (id: string) => findOrder(id);\n`);
    // Two importers go by paths inside the store, one by its entry: paths are how it is used.
    checkRule(RULE, {
      ...workspace,
      ...consumer('billing', `import { saveOrder } from '@acme/store/src/orders/write';\nexport const bill = (id: string) => saveOrder(id);\n`),
      ...consumer('refunds', `import { saveRefund } from '@acme/store/src/refunds/write';\nexport const refund = (id: string) => saveRefund(id);\n`),
      ...byEntry('reports'),
    });
    // Two importers go by the entry, one reaches inside: the entry is the convention it breaks.
    checkRule(RULE, {
      ...workspace,
      ...consumer(
        'billing',
        `import { saveOrder } from '@acme/store/src/orders/write';
//                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract src/orders/write.ts is internal to module "store"
export const bill = (id: string) => saveOrder(id);
`,
      ),
      ...byEntry('refunds'),
      ...byEntry('reports'),
    });
  });

  it('public-api: the public globs the contract names replace the defaults', () => {
    checkRule(RULE, {
      'layerguard.json': config([{ type: 'public-api', modules: ['src/modules/*'], public: ['api/**'] }]),
      'src/modules/users/api/find-user.ts': `export const findUser = (id: string) => ({ id });
`,
      'src/modules/users/index.ts': `export const internalCount = 1;
`,
      'src/modules/teams/team.ts': `import { findUser } from '../users/api/find-user';
import { internalCount } from '../users';
//                            ^^^^^^^^^^ layering/contract index.ts is internal to module "users"
export const team = () => [findUser('1'), internalCount];
`,
    });
  });

  it('acyclic: a cycle of three modules is reported once, on its weakest link, naming every member', () => {
    const result = checkRule(RULE, {
      'layerguard.json': config([{ type: 'acyclic', modules: ['src/modules/*'] }]),
      'src/modules/a/one.ts': `import { two } from '../b/two';
export const one = () => two();
`,
      'src/modules/a/uno.ts': `import { two } from '../b/two';
export const uno = () => two();
`,
      'src/modules/b/two.ts': `import { three } from '../c/three';
export const two = () => three();
`,
      'src/modules/b/dos.ts': `import { three } from '../c/three';
export const dos = () => three();
`,
      'src/modules/c/three.ts': `import { helper } from '../a/helper';
//                     ^^^^^^^^^^^^^ layering/contract Modules "a", "b", "c" depend on each other in a cycle, and "c" → "a" is its weakest link (1 file)
export const three = () => helper();
`,
      'src/modules/a/helper.ts': `export const helper = () => 3;
`,
    });
    assert.equal(result.findings[0]?.related.length, 2, 'the other links are related locations');
  });

  it('acyclic: entities of two modules related both ways (an ORM mapping one schema) close no cycle; a service of one calling the other back still does', () => {
    const entities = {
      'layerguard.json': config([{ type: 'acyclic', modules: ['src/modules/*'] }]),
      'src/modules/teams/team.entity.ts': `import { Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { Player } from '../players/player.entity';
@Entity()
export class Team {
  @PrimaryColumn() id!: string;
  @OneToMany(() => Player, (player) => player.team) players!: Player[];
}
`,
      'src/modules/players/player.entity.ts': `import { Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { Team } from '../teams/team.entity';
@Entity()
export class Player {
  @PrimaryColumn() id!: string;
  @ManyToOne(() => Team, (team) => team.players) team!: Team;
}
`,
    };
    checkRule(RULE, entities);
    checkRule(RULE, {
      ...entities,
      'src/modules/teams/roster.service.ts': `import { draft } from '../players/draft.service';
export const roster = (id: string) => draft(id);
`,
      'src/modules/players/draft.service.ts': `import { roster } from '../teams/roster.service';
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract Modules "players", "teams" depend on each other in a cycle, and "players" → "teams" is its weakest link (1 file)
export const draft = (id: string): string => (id ? id : String(roster('x')));
`,
    });
  });

  it('violations carry the contract into SARIF', () => {
    const result = checkRule(RULE, {
      'layerguard.json': config([{ type: 'forbidden', name: 'no infra in core', from: ['src/core'], to: ['src/infra'] }]),
      'src/infra/db.ts': `export const connect = () => 'db';
`,
      'src/core/use.ts': `import { connect } from '../infra/db';
//                      ^^^^^^^^^^^^^ layering/contract no infra in core
export const use = () => connect();
`,
    });
    const sarif = JSON.stringify(toSarif(result));
    assert.ok(sarif.includes('"contract":"no infra in core"'), sarif);
  });

  it('reports nothing without contracts', () => {
    checkRule(RULE, {
      'src/a.ts': `import { b } from './b';
export const a = () => b();
`,
      'src/b.ts': `export const b = () => 1;
`,
    });
  });
});
