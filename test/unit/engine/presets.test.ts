import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/engine';
import { checkRules, NEST_TSCONFIG } from '../../helpers/project';

const LAYERING = ['layering/forbidden-dependency', 'layering/contract'];

/** A small ports-and-adapters Nest app, the way the textbook writes it: every file here is allowed. */
const hexagonalApp: Record<string, string> = {
  'tsconfig.json': NEST_TSCONFIG,
  'src/orders/domain/order.ts': `export class Order {
  constructor(readonly id: string, readonly total: number) {}
  isLarge() { return this.total > 1000; }
}
`,
  'src/orders/domain/order.repository.ts': `import { Order } from './order';
export const ORDER_REPOSITORY = Symbol('ORDER_REPOSITORY');
export interface OrderRepository {
  save(order: Order): Promise<void>;
  byId(id: string): Promise<Order | undefined>;
}
`,
  'src/orders/application/place-order.service.ts': `import { Inject, Injectable } from '@nestjs/common';
import { Order } from '../domain/order';
import { ORDER_REPOSITORY, OrderRepository } from '../domain/order.repository';

@Injectable()
export class PlaceOrderService {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}
  async place(id: string, total: number) {
    const order = new Order(id, total);
    await this.orders.save(order);
    return order;
  }
}
`,
  'src/orders/infrastructure/order.entity.ts': `import { Column, Entity, PrimaryColumn } from 'typeorm';
@Entity('orders')
export class OrderEntity {
  @PrimaryColumn() id!: string;
  @Column() total!: number;
}
`,
  'src/orders/infrastructure/typeorm-order.repository.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order } from '../domain/order';
import { OrderRepository } from '../domain/order.repository';
import { OrderEntity } from './order.entity';

@Injectable()
export class TypeOrmOrderRepository implements OrderRepository {
  constructor(@InjectRepository(OrderEntity) private readonly rows: Repository<OrderEntity>) {}
  async save(order: Order) { await this.rows.save({ id: order.id, total: order.total }); }
  async byId(id: string) {
    const row = await this.rows.findOneBy({ id });
    return row ? new Order(row.id, row.total) : undefined;
  }
}
`,
  'src/orders/infrastructure/orders.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { PlaceOrderService } from '../application/place-order.service';

@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly placeOrder: PlaceOrderService) {}
  @Post() place(@Body() body: { id: string; total: number }) { return this.placeOrder.place(body.id, body.total); }
}
`,
  'src/orders/orders.module.ts': `import { Module } from '@nestjs/common';
import { PlaceOrderService } from './application/place-order.service';
import { ORDER_REPOSITORY } from './domain/order.repository';
import { OrdersController } from './infrastructure/orders.controller';
import { TypeOrmOrderRepository } from './infrastructure/typeorm-order.repository';
import { SmtpMailer } from './infrastructure/smtp-mailer';

@Module({
  controllers: [OrdersController],
  providers: [PlaceOrderService, { provide: ORDER_REPOSITORY, useClass: TypeOrmOrderRepository }, { provide: 'MAILER', useClass: SmtpMailer }],
})
export class OrdersModule {}
`,
  'src/orders/infrastructure/smtp-mailer.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class SmtpMailer {
  send(to: string, text: string) { return { to, text }; }
}
`,
};

describe('presets', () => {
  it('hexagonal: a use case injecting its repository port by token is the pattern, not data access', () => {
    const result = checkRules(LAYERING, { ...hexagonalApp, 'layerguard.json': JSON.stringify({ preset: 'hexagonal' }) });
    assert.equal(result.findings.length, 0);
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('domain/order.ts'), 'domain');
    assert.equal(layerOf('application/place-order.service.ts'), 'application');
    assert.equal(layerOf('infrastructure/orders.controller.ts'), 'controller', 'a controller in infrastructure/ stays a controller');
    assert.equal(layerOf('infrastructure/smtp-mailer.ts'), 'adapter');
  });

  it('hexagonal: the use case that takes the adapter itself, and a domain that knows the ORM even as a type, are reported with the preset named', () => {
    const result = checkRules(LAYERING, {
      ...hexagonalApp,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/orders/application/cancel-order.service.ts': `import { Injectable } from '@nestjs/common';
import { TypeOrmOrderRepository } from '../infrastructure/typeorm-order.repository';

@Injectable()
export class CancelOrderService {
  constructor(private readonly orders: TypeOrmOrderRepository) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency An application must not depend on the adapter layer: it injects TypeOrmOrderRepository
  cancel(id: string) { return this.orders.byId(id); }
}
`,
      'src/orders/domain/order-snapshot.ts': `import type { OrderEntity } from '../infrastructure/order.entity';
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the model layer: it imports order.entity.ts (only as a type)
export const snapshot = (row: OrderEntity) => ({ id: row.id });
`,
    });
    // The headline names the layers and the dependency; the explanation names the preset the rule comes from.
    for (const finding of result.findings) assert.match(finding.detail ?? '', /This comes from the hexagonal preset\./, finding.message);
  });

  it('hexagonal: a class of static getters under config/ that builds each controller with its use cases and repositories composes the app; a config that only builds a controller does not', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/ports/out/LockerRepositoryPort.ts': `export interface LockerRepositoryPort { free(): Promise<number[]> }
`,
      'src/application/usecases/ListFreeLockers.ts': `import type { LockerRepositoryPort } from '../../domain/ports/out/LockerRepositoryPort';
export class ListFreeLockers { constructor(private readonly lockers: LockerRepositoryPort) {} run() { return this.lockers.free(); } }
`,
      'src/repositories/InMemoryLockerRepository.ts': `import type { LockerRepositoryPort } from '../domain/ports/out/LockerRepositoryPort';
export class InMemoryLockerRepository implements LockerRepositoryPort { async free() { return [1, 2]; } }
`,
      'src/controllers/LockerController.ts': `import type { Request, Response } from 'express';
import type { ListFreeLockers } from '../application/usecases/ListFreeLockers';
export class LockerController {
  constructor(private readonly listFree: ListFreeLockers) {}
  async list(_req: Request, res: Response) { res.json(await this.listFree.run()); }
}
`,
      'src/config/Wiring.ts': `import { InMemoryLockerRepository } from '../repositories/InMemoryLockerRepository';
import { ListFreeLockers } from '../application/usecases/ListFreeLockers';
import { LockerController } from '../controllers/LockerController';
export class Wiring {
  static lockerController(): LockerController {
    const lockers = new InMemoryLockerRepository();
    return new LockerController(new ListFreeLockers(lockers));
  }
}
`,
      'src/config/Defaults.ts': `import { LockerController } from '../controllers/LockerController';
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A config must not depend on the controller layer
export const pageSize = 20;
export const controllerName = LockerController.name;
`,
    });
  });

  it('hexagonal: a domain/ folder under dto/ sorts DTOs, it is not the domain: its commands may carry persistence rows', () => {
    checkRules(LAYERING, {
      ...hexagonalApp,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/orders/dto/domain/archive-order.command.ts': `import type { OrderEntity } from '../../infrastructure/order.entity';
export class ArchiveOrderCommand { constructor(readonly row: OrderEntity) {} }
`,
    });
  });

  it("hexagonal: a model is the persistence's when it uses a database client or a schema library, not when it is a plain shape", () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/models/invoice.model.ts': `import { ObjectId } from 'mongodb';
export interface InvoiceDocument { _id: ObjectId; total: number }
`,
      'src/models/coupon.model.ts': `import { prop } from '@typegoose/typegoose';
export class Coupon { @prop() code!: string; }
`,
      'src/models/money.model.ts': `export interface Money { amount: number; currency: string }
`,
      // Only the row type the schema-generated client declares: the same data, no tie to the database.
      'src/models/outbox.model.ts': `import type { OutboxRow } from '@prisma/client';
export class OutboxRecord implements OutboxRow {
  id = 0;
  sent = false;
  markSent() { this.sent = true; }
}
`,
      'src/models/ledger.model.ts': `import { PrismaClient } from '@prisma/client';
export class LedgerRecord { constructor(private readonly db: PrismaClient) {} count() { return this.db.$connect(); } }
`,
      'src/billing/domain/invoice-events.ts': `import { OutboxRecord } from '../../models/outbox.model';
import { LedgerRecord } from '../../models/ledger.model';
//                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the model layer
export const pending = () => new OutboxRecord();
export const ledgerOf = (record: LedgerRecord) => record.count();
`,
      'src/billing/domain/invoice.ts': `import type { InvoiceDocument } from '../../models/invoice.model';
//                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the model layer: it imports invoice.model.ts (only as a type)
import { Coupon } from '../../models/coupon.model';
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the model layer
import type { Money } from '../../models/money.model';
export const totalOf = (doc: InvoiceDocument, coupon: Coupon, money: Money) => [doc.total, coupon.code, money.amount];
`,
      'src/billing/domain/invoice-policy.ts': `export const maxTotal = 1000;
`,
      'src/billing/domain/invoice-rules.ts': `export const minTotal = 1;
`,
    });
  });

  it('hexagonal: an Express controller that handles requests inside application/ is a controller, and its guard middleware is no violation', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/middleware/role.middleware.ts': `import type { NextFunction, Request, Response } from 'express';
export const requireRole = (role: string) => (req: Request, _res: Response, next: NextFunction) => next(req.headers['x-role'] === role ? undefined : new Error('forbidden'));
`,
      'src/reports/domain/report.ts': `export class Report { constructor(readonly id: string) {} }
`,
      'src/reports/domain/report-rules.ts': `export const isPublic = (id: string) => id.startsWith('p');
`,
      'src/reports/domain/report-names.ts': `export const nameOf = (id: string) => 'report ' + id;
`,
      'src/reports/application/admin/reports-admin.controller.ts': `import type { Request, Response } from 'express';
import { Router } from 'express';
import { requireRole } from '../../../middleware/role.middleware';
import { Report } from '../../domain/report';
export class ReportsAdminController {
  readonly router = Router();
  constructor() { this.router.get('/v1/admin/reports/:id', requireRole('admin'), (req, res) => this.show(req, res)); }
  show(req: Request, res: Response) { res.json(new Report(String(req.params['id']))); }
}
`,
    });
    const node = [...result.graph.files.values()].find((n) => n.file.endsWith('reports-admin.controller.ts'));
    assert.equal(node?.layer, 'controller', node?.layerReason);
  });

  it('hexagonal: request handlers of the request alone, handed to a wrapper that answers, are a controller inside application/', () => {
    const files = {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shared/infrastructure/http/handler.ts': `import type { Request, Response, NextFunction } from 'express';
type Reply = { status?: number; body?: unknown };
export const handle = (fn: (req: Request) => Promise<Reply>) => (req: Request, res: Response, next: NextFunction) => fn(req).then((r) => res.status(r.status ?? 200).json(r.body)).catch(next);
`,
      'src/shared/infrastructure/db.ts': `import { Pool } from 'pg';
export const pool = new Pool();
`,
      'src/tickets/domain/ticket.ts': `export class Ticket { constructor(readonly id: string, readonly title: string) {} }
`,
      'src/tickets/domain/ticket-rules.ts': `export const isOpen = (t: { title: string }) => t.title.length > 0;
`,
      'src/tickets/domain/ticket-names.ts': `export const label = (t: { id: string }) => 'ticket ' + t.id;
`,
      'src/tickets/application/ticketsAdapter.ts': `import { handle } from '../../shared/infrastructure/http/handler';
import { Ticket } from '../domain/ticket';
export const TicketsAdapter = (find: (id: string) => Promise<Ticket>) => ({
  retrieve: handle(async (req) => ({ body: await find(String(req.params['id'])) })),
  create: handle(async (request) => ({ status: 201, body: new Ticket('t1', String(request.body['title'])) })),
});
`,
      'src/tickets/application/summary.ts': `import { pool } from '../../shared/infrastructure/db';
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency
export const summarize = (reqs: { id: string }[]) => pool.query('select 1').then(() => reqs.map((req) => req.id));
`,
    };
    const result = checkRules(LAYERING, files);
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix));
    assert.equal(layerOf('ticketsAdapter.ts')?.layer, 'controller', layerOf('ticketsAdapter.ts')?.layerReason);
    assert.notEqual(layerOf('summary.ts')?.layer, 'controller', 'a callback of a value named req that reads no request input is no handler');
  });

  it('hexagonal: a domain service injecting an adapter by token alone (no import of it) is reported on the parameter', () => {
    checkRules(LAYERING, {
      ...hexagonalApp,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/orders/domain/order-notifier.ts': `import { Inject, Injectable } from '@nestjs/common';

@Injectable()
export class OrderNotifier {
  constructor(@Inject('MAILER') private readonly mailer: { send(to: string, text: string): unknown }) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency injects SmtpMailer through @Inject('MAILER')
  notify(to: string) { return this.mailer.send(to, 'placed'); }
}
`,
    });
  });

  it('hexagonal: a token other injections type with a port stands for that port: a parameter of it typed inline depends on the port, not on the adapter the module binds', () => {
    checkRules(LAYERING, {
      ...hexagonalApp,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/orders/application/order-lookup.service.ts': `import { Inject, Injectable } from '@nestjs/common';
import { ORDER_REPOSITORY } from '../domain/order.repository';

@Injectable()
export class OrderLookupService {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: { byId(id: string): Promise<unknown> }) {}
  find(id: string) { return this.orders.byId(id); }
}
`,
    });
  });

  it('hexagonal: a use case injecting by token a port it declares itself depends on its port, not on the adapter the module binds', () => {
    checkRules(LAYERING, {
      ...hexagonalApp,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/orders/application/archive-orders.service.ts': `import { Inject, Injectable } from '@nestjs/common';
import { Order } from '../domain/order';

export const ARCHIVE = Symbol('ARCHIVE');
export interface OrderArchive { byId(id: string): Promise<Order | undefined> }

@Injectable()
export class ArchiveOrdersService {
  constructor(@Inject(ARCHIVE) private readonly archive: OrderArchive) {}
  async restore(id: string) { return this.archive.byId(id); }
}
`,
      'src/orders/orders.module.ts': `import { Module } from '@nestjs/common';
import { ARCHIVE, ArchiveOrdersService } from './application/archive-orders.service';
import { PlaceOrderService } from './application/place-order.service';
import { ORDER_REPOSITORY } from './domain/order.repository';
import { OrdersController } from './infrastructure/orders.controller';
import { TypeOrmOrderRepository } from './infrastructure/typeorm-order.repository';

@Module({
  controllers: [OrdersController],
  providers: [PlaceOrderService, ArchiveOrdersService, TypeOrmOrderRepository, { provide: ORDER_REPOSITORY, useExisting: TypeOrmOrderRepository }, { provide: ARCHIVE, useExisting: TypeOrmOrderRepository }],
})
export class OrdersModule {}
`,
    });
  });

  it('hexagonal: an optional injection typed `Port | undefined` depends on the port, not on the adapter the module binds to its token', () => {
    checkRules(LAYERING, {
      ...hexagonalApp,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/orders/application/reorder.service.ts': `import { Inject, Injectable, Optional } from '@nestjs/common';
import { ORDER_REPOSITORY, OrderRepository } from '../domain/order.repository';

@Injectable()
export class ReorderService {
  constructor(@Optional() @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository | undefined) {}
  async again(id: string) { return this.orders?.byId(id); }
}
`,
    });
  });

  it('hexagonal: a query object with no code of its own hands an ORM type on to its base as data; a class holding handlers uses the client it keeps', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/order.ts': `export class Order { constructor(readonly id: string, readonly total: number) {} }
`,
      'src/domain/order-rules.ts': `export const isLarge = (total: number) => total > 1000;
`,
      'src/application/page.query.ts': `export class PageQuery {
  constructor(readonly page: number, readonly direction?: 'asc' | 'desc') {}
}
`,
      'src/application/list-orders.query.ts': `import { OrderByDirection } from 'objection';
import { PageQuery } from './page.query';
export class ListOrdersQuery extends PageQuery {
  status?: string;
  constructor(page: number, direction?: OrderByDirection, status?: string) {
    super(page, direction);
    this.status = status;
  }
}
`,
      'src/application/order-totals.ts': `import { Knex } from 'knex';
import { ListOrdersQuery } from './list-orders.query';
export class OrderTotals {
  constructor(private readonly db: Knex) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency injects Knex
  sum = async (query: ListOrdersQuery) => this.db('orders').orderBy('total', query.direction).sum('total');
}
`,
    });
  });

  it('hexagonal: a record that shows its constructor parameters as public fields takes data, an ORM enum included; one that keeps a client private depends on it', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      // An entity with behaviour keeping a generated enum as a field holds data: only the client reaches the database.
      'src/domain/member.ts': `import { Plan } from '@prisma/client';
export class Member {
  constructor(readonly email: string, private readonly plan: Plan) {}
  isPaying() { return this.plan !== Plan.FREE; }
}
`,
      'src/application/join.input.ts': `import { Plan } from '@prisma/client';
export class JoinInput {
  constructor(
    public readonly email: string,
    readonly plan?: Plan,
  ) {}
}
`,
      'src/application/join-mailbox.ts': `import { PrismaClient } from '@prisma/client';
export class JoinMailbox {
  constructor(private readonly prisma: PrismaClient) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency injects PrismaClient
}
`,
    });
  });

  it('hexagonal: a resolver that takes implementations of a port and hands one out behind it (a public method returns the port) is wiring; a service that picks one privately to call it, or takes an adapter of another port, uses them', () => {
    it("hexagonal: an entity's field typed with a JSON or decimal type of the Prisma namespace holds data; the namespace's transaction client is data access", () => {
      checkRules(LAYERING, {
        'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
        'src/domain/shipment.ts': `import { Prisma } from '@prisma/client';
export class Shipment {
  constructor(
    readonly id: string,
    public labels: Prisma.JsonValue | null,
    private readonly weight: Prisma.Decimal,
  ) {}
  isHeavy() { return this.weight.greaterThan(30); }
}
`,
        'src/domain/shipment-ledger.ts': `import { Prisma } from '@prisma/client';
export class ShipmentLedger {
  constructor(private readonly tx: Prisma.TransactionClient) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency injects Prisma.TransactionClient
  record(id: string) { return this.tx.shipment.update({ where: { id }, data: { posted: true } }); }
}
`,
      });
    });
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/ports/translator.port.ts': `export interface TranslatorPort { translate(text: string, to: string): Promise<string> }
export const TRANSLATOR = Symbol('TRANSLATOR');
`,
      'src/domain/ports/glossary.port.ts': `export interface GlossaryPort { termsFor(team: string): Promise<string[]> }
`,
      'src/infrastructure/translation/deepl-translator.ts': `import { Injectable } from '@nestjs/common';
import type { TranslatorPort } from '../../domain/ports/translator.port';
@Injectable()
export class DeeplTranslator implements TranslatorPort {
  async translate(text: string, to: string) { const reply = await fetch('https://deepl.example/' + to, { method: 'POST', body: text }); return reply.text(); }
}
`,
      'src/infrastructure/translation/local-translator.ts': `import { Injectable } from '@nestjs/common';
import type { TranslatorPort } from '../../domain/ports/translator.port';
@Injectable()
export class LocalTranslator implements TranslatorPort {
  async translate(text: string, to: string) { const reply = await fetch('http://localhost:5000/' + to, { method: 'POST', body: text }); return reply.text(); }
}
`,
      'src/infrastructure/glossary/sheet-glossary.ts': `import { Injectable } from '@nestjs/common';
import type { GlossaryPort } from '../../domain/ports/glossary.port';
@Injectable()
export class SheetGlossary implements GlossaryPort {
  async termsFor(team: string) { const reply = await fetch('https://sheets.example/' + team); return (await reply.text()).split(','); }
}
`,
      'src/application/translator-resolver.service.ts': `import { Injectable } from '@nestjs/common';
import type { TranslatorPort } from '../domain/ports/translator.port';
import { DeeplTranslator } from '../infrastructure/translation/deepl-translator';
import { LocalTranslator } from '../infrastructure/translation/local-translator';
@Injectable()
export class TranslatorResolver {
  constructor(private readonly deepl: DeeplTranslator, private readonly local: LocalTranslator) {}
  forTeam(onPremises: boolean): TranslatorPort { return onPremises ? this.local : this.deepl; }
}
`,
      'src/application/translate-note.service.ts': `import { Injectable } from '@nestjs/common';
import type { TranslatorPort } from '../domain/ports/translator.port';
import { DeeplTranslator } from '../infrastructure/translation/deepl-translator';
import { SheetGlossary } from '../infrastructure/glossary/sheet-glossary';
@Injectable()
export class TranslateNote {
  constructor(
    private readonly deepl: DeeplTranslator,
//  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency must not depend on the adapter layer: it injects DeeplTranslator
    private readonly glossary: SheetGlossary,
//  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency must not depend on the adapter layer: it injects SheetGlossary
  ) {}
  private pick(): TranslatorPort { return this.deepl; }
  async run(text: string, team: string): Promise<string> { return this.pick().translate(text + (await this.glossary.termsFor(team)).join(' '), 'de'); }
}
`,
    });
  });

  it('hexagonal: a factory in the application that builds adapters, or the controllers the router takes, or a `*-deps.ts` that builds them, is wiring; a service that builds an adapter is not', () => {
    const shipping = {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shipping/domain/parcel.ts': `export class Parcel { constructor(readonly weightKg: number) {} }
`,
      'src/shipping/domain/ports/carrier.port.ts': `import type { Parcel } from '../parcel';
export interface CarrierPort { quote(parcel: Parcel): Promise<number> }
`,
      'src/shipping/infrastructure/adapters/courier-http.adapter.ts': `import type { CarrierPort } from '../../domain/ports/carrier.port';
import type { Parcel } from '../../domain/parcel';
export class CourierHttpAdapter implements CarrierPort {
  constructor(private readonly baseUrl: string) {}
  async quote(parcel: Parcel) { const r = await fetch(this.baseUrl + '/quote?kg=' + parcel.weightKg); return Number(await r.text()); }
}
`,
    };
    checkRules(LAYERING, {
      ...shipping,
      'src/shipping/application/carrier-adapter.factory.ts': `import type { CarrierPort } from '../domain/ports/carrier.port';
import { CourierHttpAdapter } from '../infrastructure/adapters/courier-http.adapter';
export class CarrierAdapterFactory {
  create(settings: { url: string }): CarrierPort { return new CourierHttpAdapter(settings.url); }
}
`,
      'src/shipping/http/quotes.controller.ts': `import type { Request, Response } from 'express';
import type { CarrierPort } from '../domain/ports/carrier.port';
import { Parcel } from '../domain/parcel';
export class QuotesController {
  constructor(private readonly carrier: CarrierPort) {}
  async quote(req: Request, res: Response) { res.json(await this.carrier.quote(new Parcel(Number(req.query['kg'])))); }
}
`,
      'src/shipping/application/factories/quotes-controller.factory.ts': `import { CourierHttpAdapter } from '../../infrastructure/adapters/courier-http.adapter';
import { QuotesController } from '../../http/quotes.controller';
export const makeQuotesController = () => new QuotesController(new CourierHttpAdapter('https://courier.example'));
`,
      // A file named for the dependencies it builds wires them as much as a factory, repositories included.
      'src/shipping/application/shipping-deps.ts': `import type { CarrierPort } from '../domain/ports/carrier.port';
import type { ParcelStore } from '../domain/ports/parcel-store.port';
import { CourierHttpAdapter } from '../infrastructure/adapters/courier-http.adapter';
import { SqlParcelRepository } from '../repositories/sql-parcel.repository';
export interface ShippingDeps { carrier: CarrierPort; parcels: ParcelStore }
export const makeShippingDeps = (url: string): ShippingDeps => ({ carrier: new CourierHttpAdapter(url), parcels: new SqlParcelRepository() });
`,
      'src/shipping/domain/ports/parcel-store.port.ts': `import type { Parcel } from '../parcel';
export interface ParcelStore { save(parcel: Parcel): Promise<void> }
`,
      'src/shipping/repositories/sql-parcel.repository.ts': `import { Pool } from 'pg';
import type { Parcel } from '../domain/parcel';
import type { ParcelStore } from '../domain/ports/parcel-store.port';
const pool = new Pool();
export class SqlParcelRepository implements ParcelStore {
  async save(parcel: Parcel) { await pool.query('insert into parcels (kg) values ($1)', [parcel.weightKg]); }
}
`,
    });
    checkRules(LAYERING, {
      ...shipping,
      'src/shipping/application/quote-parcel.use-case.ts': `import { Parcel } from '../domain/parcel';
import { CourierHttpAdapter } from '../infrastructure/adapters/courier-http.adapter';
export class QuoteParcel {
  run(kg: number) { return new CourierHttpAdapter('https://courier.example').quote(new Parcel(kg)); }
  //                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency creates CourierHttpAdapter with new
}
`,
    });
  });

  it("hexagonal: one port implemented once per technology, each beside that technology's adapters: the implementation is the adapter, and may use its own technology's client", () => {
    const gateway = (name: string, client: string, from: string, mark = '') => `import { Injectable } from '@nestjs/common';
import type { ChargeGateway } from '../../ports/charge-gateway';
import { ${client} } from '${from}';
@Injectable()
export class ${name} implements ChargeGateway {
  constructor(private readonly api: ${client}) {}
${mark}  charge(cents: number) { return this.api.post('/charges', { cents }); }
}
`;
    const adapter = (client: string) => `export class ${client} {
  async post(path: string, body: object) { const r = await fetch('https://pay.example' + path, { method: 'POST', body: JSON.stringify(body) }); return r.ok; }
}
`;
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/billing/providers/ports/charge-gateway.ts': `export interface ChargeGateway { charge(cents: number): Promise<boolean> }
`,
      'src/billing/providers/stripe/adapters/stripe-api.adapter.ts': adapter('StripeApiAdapter'),
      'src/billing/providers/stripe/services/stripe-charges.service.ts': gateway('StripeCharges', 'StripeApiAdapter', '../adapters/stripe-api.adapter'),
      'src/billing/providers/paypal/adapters/paypal-api.adapter.ts': adapter('PaypalApiAdapter'),
      'src/billing/providers/paypal/services/paypal-charges.service.ts': gateway('PaypalCharges', 'PaypalApiAdapter', '../adapters/paypal-api.adapter'),
      // Reaching into another technology's client is no part of being this technology's adapter.
      'src/billing/providers/adyen/services/adyen-charges.service.ts': gateway(
        'AdyenCharges',
        'StripeApiAdapter',
        '../../stripe/adapters/stripe-api.adapter',
        `  //          ${'^'.repeat('private readonly api: StripeApiAdapter'.length)} layering/forbidden-dependency injects StripeApiAdapter\n`,
      ),
      // A port with one implementation is a service's interface: the service still goes through ports.
      'src/billing/refunds/refund-policy.ts': `export interface RefundPolicy { refund(cents: number): Promise<boolean> }
`,
      'src/billing/refunds/services/refunds.service.ts': `import type { RefundPolicy } from '../refund-policy';
import { StripeApiAdapter } from '../../providers/stripe/adapters/stripe-api.adapter';
export class RefundsService implements RefundPolicy {
  constructor(private readonly api: StripeApiAdapter) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency injects StripeApiAdapter
  refund(cents: number) { return this.api.post('/refunds', { cents }); }
}
`,
    });
  });

  it('hexagonal: use cases of two modules implementing one generic interface are still use cases: each reaching its own infrastructure is reported', () => {
    const useCase = (module: string, name: string) => `import type { UseCase } from '../../../shared/use-case';
import { ${name}Store } from '../infrastructure/${module}.store';
export class Archive${name} implements UseCase<string, void> {
  constructor(private readonly store: ${name}Store) {}
  //          ${'^'.repeat(`private readonly store: ${name}Store`.length)} layering/forbidden-dependency injects ${name}Store
  execute(id: string) { return this.store.archive(id); }
}
`;
    const store = (name: string) => `import { Pool } from 'pg';
export class ${name}Store {
  constructor(private readonly pool: Pool) {}
  async archive(id: string) { await this.pool.query('update t set archived = true where id = $1', [id]); }
}
`;
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shared/use-case.ts': `export interface UseCase<In, Out> { execute(input: In): Promise<Out> }
`,
      'src/modules/users/domain/user.ts': `export class User { constructor(readonly id: string) {} }
`,
      'src/modules/users/application/archive-user.ts': useCase('users', 'User'),
      'src/modules/users/infrastructure/users.store.ts': store('User'),
      'src/modules/orders/domain/order.ts': `export class Order { constructor(readonly id: string) {} }
`,
      'src/modules/orders/application/archive-order.ts': useCase('orders', 'Order'),
      'src/modules/orders/infrastructure/orders.store.ts': store('Order'),
    });
  });

  it('hexagonal: a module with rings but no port stacks them as layers while other modules keep ports: its services may take their repositories; a module with ports, and the domain anywhere, may not', () => {
    /** profiles' service taking its concrete repository, with the expected finding's marker line when one is expected. */
    const profileService = (mark: string) => `import { ProfileRepository } from '../infrastructure/profile.repository';
export class ProfileService {
  constructor(private readonly profiles: ProfileRepository) {}
${mark}  show(id: string) { return this.profiles.byId(id); }
}
`;
    const pgRepository = (name: string) => `import { Pool } from 'pg';
const pool = new Pool();
export class ${name}Repository {
  byId(id: string) { return pool.query('select * from ${name.toLowerCase()}s where id = $1', [id]); }
}
`;
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      // billing follows ports and adapters: its use case takes the port; a service that takes the card client itself is a lapse.
      'src/modules/billing/domain/invoice.ts': 'export class Invoice { constructor(readonly id: string, readonly cents: number) {} }\n',
      'src/modules/billing/domain/invoice-store.ts': "import type { Invoice } from './invoice';\nexport interface InvoiceStore { save(invoice: Invoice): Promise<void> }\n",
      'src/modules/billing/infrastructure/sql-invoice-store.ts': `import { Pool } from 'pg';
import type { Invoice } from '../domain/invoice';
import type { InvoiceStore } from '../domain/invoice-store';
const pool = new Pool();
export class SqlInvoiceStore implements InvoiceStore {
  async save(invoice: Invoice) { await pool.query('insert into invoices values ($1, $2)', [invoice.id, invoice.cents]); }
}
`,
      'src/modules/billing/infrastructure/card-client.ts':
        "export class CardClient { charge(cents: number) { return fetch('https://cards.example/charge', { method: 'POST', body: String(cents) }); } }\n",
      'src/modules/billing/application/issue-invoice.ts': `import { Invoice } from '../domain/invoice';
import type { InvoiceStore } from '../domain/invoice-store';
export class IssueInvoice {
  constructor(private readonly store: InvoiceStore) {}
  run(id: string, cents: number) { return this.store.save(new Invoice(id, cents)); }
}
`,
      'src/modules/billing/application/charge.service.ts': `import { CardClient } from '../infrastructure/card-client';
export class ChargeService {
  constructor(private readonly cards: CardClient) {}
  //          ${'^'.repeat('private readonly cards: CardClient'.length)} layering/forbidden-dependency injects CardClient
  charge(cents: number) { return this.cards.charge(cents); }
}
`,
      // profiles names its rings but declares no port: the application sits on the infrastructure, as in classic DDD layering.
      'src/modules/profiles/domain/profile.ts': 'export class Profile { constructor(readonly id: string, readonly name: string) {} }\n',
      'src/modules/profiles/infrastructure/profile.repository.ts': pgRepository('Profile'),
      'src/modules/profiles/application/profile.service.ts': profileService(''),
      // The domain stays below everything, stacked or not.
      'src/modules/profiles/domain/profile-lookup.ts': `import { ProfileRepository } from '../infrastructure/profile.repository';
export const lookUp = (id: string) => new ProfileRepository().byId(id);
//                                    ^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency creates ProfileRepository with new
`,
    });
    // An app with no port anywhere, configured for ports and adapters, is told where its ports belong.
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/modules/profiles/domain/profile.ts': 'export class Profile { constructor(readonly id: string) {} }\n',
      'src/modules/profiles/infrastructure/profile.repository.ts': pgRepository('Profile'),
      'src/modules/profiles/application/profile.service.ts': profileService(
        `  //          ${'^'.repeat('private readonly profiles: ProfileRepository'.length)} layering/forbidden-dependency injects ProfileRepository\n`,
      ),
    });
  });

  it('hexagonal: a module of flat files beside modules with rings, some keeping ports, stacks its files as layers; beside a single ringed module it is judged by the preset', () => {
    const ledger = {
      'src/modules/ledger/domain/entry.ts': 'export class Entry { constructor(readonly id: string) {} }\n',
      'src/modules/ledger/domain/entry-store.ts': "import type { Entry } from './entry';\nexport interface EntryStore { add(entry: Entry): Promise<void> }\n",
      'src/modules/ledger/infrastructure/sql-entry-store.ts': `import { Pool } from 'pg';
import type { Entry } from '../domain/entry';
import type { EntryStore } from '../domain/entry-store';
const pool = new Pool();
export class SqlEntryStore implements EntryStore {
  async add(entry: Entry) { await pool.query('insert into entries values ($1)', [entry.id]); }
}
`,
      'src/modules/ledger/application/post-entry.ts': `import { Entry } from '../domain/entry';
import type { EntryStore } from '../domain/entry-store';
export class PostEntry {
  constructor(private readonly store: EntryStore) {}
  run(id: string) { return this.store.add(new Entry(id)); }
}
`,
    };
    // digest has no rings but its presentation/; its service sends mail through the app's client in infrastructure/.
    const digest = (mark: string) => ({
      'src/modules/digest/presentation/digest.controller.ts': `import { DigestService } from '../digest.service';
export class DigestController {
  constructor(private readonly digests: DigestService) {}
  post(to: string) { return this.digests.send(to); }
}
`,
      'src/infrastructure/mail-client.ts': "export class MailClient { send(to: string) { return fetch('https://mail.example/send', { method: 'POST', body: to }); } }\n",
      'src/modules/digest/digest.service.ts': `import { MailClient } from '../../infrastructure/mail-client';
export class DigestService {
  constructor(private readonly mail: MailClient) {}
${mark}  send(to: string) { return this.mail.send(to); }
}
`,
    });
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      ...ledger,
      // A second ringed module, keeping no port: the modules folder is one of modules with rings.
      'src/modules/tags/domain/tag.ts': 'export class Tag { constructor(readonly name: string) {} }\n',
      'src/modules/tags/infrastructure/tag.repository.ts': "import { Tag } from '../domain/tag';\nexport class TagRepository { all(): Tag[] { return []; } }\n",
      'src/modules/tags/application/tag.service.ts':
        "import { TagRepository } from '../infrastructure/tag.repository';\nexport class TagService { constructor(private readonly tags: TagRepository) {} all() { return this.tags.all(); } }\n",
      // Stacked or not, the application does not query the database itself.
      'src/modules/tags/application/tag-count.service.ts': `import { Pool } from 'pg';
export class TagCountService {
  constructor(private readonly pool: Pool) {}
  //          ${'^'.repeat('private readonly pool: Pool'.length)} layering/forbidden-dependency injects Pool
  count() { return this.pool.query('select count(*) from tags'); }
}
`,
      // tags keeps its repository by name alone; digest, as the team chose there, has no rings: both sit on what is below them.
      ...digest(''),
    });
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      ...ledger,
      ...digest(`  //          ${'^'.repeat('private readonly mail: MailClient'.length)} layering/forbidden-dependency injects MailClient\n`),
    });
  });

  it('hexagonal: an abstract repository of abstract members in infrastructure/ is a port the service may depend on; its implementation is an adapter', () => {
    const result = checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/users/domain/user.ts': `export class User {
  constructor(readonly id: string) {}
}
`,
      'src/users/infrastructure/persistence/user.repository.ts': `import { User } from '../../domain/user';
export abstract class UserRepository {
  abstract findById(id: string): Promise<User | null>;
}
`,
      'src/users/infrastructure/persistence/relational/relational-user.repository.ts': `import { Injectable } from '@nestjs/common';
import { User } from '../../../domain/user';
import { UserRepository } from '../user.repository';
@Injectable()
export class RelationalUserRepository implements UserRepository {
  async findById(id: string) { return new User(id); }
}
`,
      'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { UserRepository } from './infrastructure/persistence/user.repository';
@Injectable()
export class UsersService {
  constructor(private readonly users: UserRepository) {}
  find(id: string) { return this.users.findById(id); }
}
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('persistence/user.repository.ts'), undefined);
    assert.equal(layerOf('relational-user.repository.ts'), 'adapter');
  });

  it('hexagonal: what a file does at the edge outranks its folder; data and aspects are no dependencies on adapters', () => {
    const result = checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/billing/domain/invoice.ts': `export class Invoice {
  constructor(readonly id: string, readonly cents: number) {}
}
`,
      'src/billing/domain/invoice-draft.dto.ts': `import { Invoice } from './invoice';
export interface InvoiceDraftDto { readonly lines: readonly Invoice[] }
`,
      'src/billing/domain/invoice-totals.ts': `import type { InvoiceDraftDto } from './invoice-draft.dto';
import type { IssueInvoiceBody } from '../infrastructure/http/issue-invoice.body';
//                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the dto layer
export const total = (draft: InvoiceDraftDto) => draft.lines.reduce((sum, line) => sum + line.cents, 0);
export const fromBody = (body: IssueInvoiceBody) => body.customerId;
`,
      'src/billing/infrastructure/http/issue-invoice.body.ts': `import { IsString } from 'class-validator';
export class IssueInvoiceBodyDto { @IsString() customerId!: string; }
export type IssueInvoiceBody = IssueInvoiceBodyDto;
`,
      'src/billing/infrastructure/events/invoice-issued.event.ts': `export class InvoiceIssuedEvent {
  constructor(readonly invoiceId: string, readonly at: Date) {}
}
`,
      'src/billing/infrastructure/http/amount.pipe.ts': `import { Injectable, PipeTransform } from '@nestjs/common';
@Injectable()
export class AmountPipe implements PipeTransform {
  transform(value: string) { return Number(value); }
}
`,
      'src/billing/infrastructure/http/invoice-issued.socket-handler.ts': `import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { InvoiceIssuedEvent } from '../events/invoice-issued.event';
@EventsHandler(InvoiceIssuedEvent)
export class InvoiceIssuedSocketHandler implements IEventHandler<InvoiceIssuedEvent> {
  handle(event: InvoiceIssuedEvent) { return event.invoiceId; }
}
`,
      'src/billing/application/issue-invoice.handler.ts': `import { Injectable } from '@nestjs/common';
import { InvoiceIssuedEvent } from '../infrastructure/events/invoice-issued.event';
@Injectable()
export class IssueInvoiceHandler {
  handle(id: string) { return new InvoiceIssuedEvent(id, new Date()); }
}
`,
      'src/billing/application/invoices.controller.ts': `import { Controller, Post, UsePipes } from '@nestjs/common';
import { AmountPipe } from '../infrastructure/http/amount.pipe';
import { IssueInvoiceHandler } from './issue-invoice.handler';
@Controller('v1/invoices')
export class InvoicesController {
  constructor(private readonly issue: IssueInvoiceHandler) {}
  @Post() @UsePipes(new AmountPipe()) create() { return this.issue.handle('1'); }
}
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('application/invoices.controller.ts'), 'controller', 'a controller in application/ is a controller');
    assert.equal(layerOf('http/invoice-issued.socket-handler.ts'), 'adapter', 'an event handler in infrastructure/ is the adapter it feeds');
    assert.equal(layerOf('events/invoice-issued.event.ts'), undefined, 'an event of fields in infrastructure/ adapts nothing');
    assert.equal(layerOf('application/issue-invoice.handler.ts'), 'application');
  });

  it("hexagonal: the domain's own entity base class and a configuration reader in infrastructure/ break nothing", () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shared/entity/Entity.ts': `export abstract class Entity<Id> {
  constructor(protected readonly id: Id) {}
  equals(other: Entity<Id>) { return other.id === this.id; }
}
`,
      'src/catalog/domain/product.ts': `import { Entity } from '../../shared/entity/Entity';
export class Product extends Entity<string> {
  rename(name: string) { return name.trim(); }
}
`,
      'src/catalog/infrastructure/config/env.service.ts': `import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
@Injectable()
export class EnvService {
  constructor(private readonly config: ConfigService) {}
  get currency() { return this.config.get<string>('CURRENCY') ?? 'EUR'; }
}
`,
      'src/catalog/infrastructure/config/appConfig.ts': `import 'dotenv/config';
export const appConfig = { lowStock: Number(process.env.LOW_STOCK ?? 5) };
`,
      'src/catalog/application/low-stock.ts': `import { appConfig } from '../infrastructure/config/appConfig';
export const isLow = (units: number) => units < appConfig.lowStock;
`,
      'src/catalog/application/price-product.ts': `import { Injectable } from '@nestjs/common';
import { EnvService } from '../infrastructure/config/env.service';
@Injectable()
export class PriceProduct {
  constructor(private readonly env: EnvService) {}
  run(cents: number) { return \`\${cents} \${this.env.currency}\`; }
}
`,
      // Settings the app stores (a shop's own currency, in its table) are its data: their repository is an adapter.
      'src/catalog/infrastructure/persistence/shop-settings-repo.ts': `import { Pool } from 'pg';
const pool = new Pool();
export const shopCurrency = async (shopId: string) => (await pool.query('select currency from shop_settings where id = $1', [shopId])).rows[0]?.currency;
`,
      'src/catalog/application/price-for-shop.ts': `import { shopCurrency } from '../infrastructure/persistence/shop-settings-repo';
//                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency An application must not depend on the adapter layer
export const priceForShop = async (shopId: string, cents: number) => \`\${cents} \${await shopCurrency(shopId)}\`;
`,
    });
  });

  it('hexagonal: an application/ folder away from the domain is the outside of the app, not the use cases', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/core/domain/post.ts': `export class Post { constructor(readonly title: string) {} }
`,
      'src/application/api/posts-feed.ts': `import { Post } from '../../core/domain/post';
import { PostgresPosts } from '../../infrastructure/postgres-posts';
export const feed = () => new PostgresPosts(new Post('first')).save();
`,
      'src/infrastructure/postgres-posts.ts': `import type { Post } from '../core/domain/post';
export class PostgresPosts { constructor(readonly seed: Post) {} save() { return this.seed.title; } }
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('application/api/posts-feed.ts'), undefined, 'no area, no name: no layer');
    assert.equal(layerOf('core/domain/post.ts'), 'domain');
  });

  it('hexagonal: a controller filed in an inner area whose base class takes the request is a controller; one whose base handles nothing is left to its area', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shared/http/http-controller.ts': `import type { Request, Response } from 'express';
export abstract class HttpController<T> {
  readonly handle = async (req: Request, res: Response) => { res.json(await this.run(this.read(req))); };
  protected abstract read(req: Request): T;
  protected abstract run(input: T): Promise<unknown>;
}
`,
      'src/shared/steps/step.ts': `export abstract class Step { abstract go(): number; }
`,
      'src/albums/core/use-cases/rename-album.ts': `export const renameAlbum = async (id: string, name: string) => ({ id, name });
`,
      'src/albums/core/api/controllers/rename-album.controller.ts': `import type { Request } from 'express';
import { HttpController } from '../../../../shared/http/http-controller';
import { renameAlbum } from '../../use-cases/rename-album';
export class RenameAlbumController extends HttpController<{ id: string; name: string }> {
  protected read(req: Request) { return { id: String(req.params.id), name: String(req.body.name) }; }
  protected run(input: { id: string; name: string }) { return renameAlbum(input.id, input.name); }
}
`,
      'src/albums/core/api/controllers/count.controller.ts': `import { Step } from '../../../../shared/steps/step';
export class CountController extends Step { go() { return 1; } }
`,
      // core/ beside adapters/: the rings of the hexagon, core the inside.
      'src/albums/adapters/primary/albums.router.ts': `import { Router } from 'express';
import { RenameAlbumController } from '../../core/api/controllers/rename-album.controller';
export const albumsRouter = Router().patch('/albums/:id', new RenameAlbumController().handle);
`,
      'src/albums/adapters/secondary/albums-table.ts': `import { Pool } from 'pg';
export const albums = (pool: Pool) => pool.query('select * from albums');
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('rename-album.controller.ts'), 'controller');
    assert.equal(layerOf('count.controller.ts'), 'application');
  });

  it('hexagonal: areas named in French or Spanish are the same areas (domaine/, adaptateurs/, dominio/, infraestructura/)', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domaine/demande.ts': `import { EntrepotDemandes } from '../adaptateurs/entrepot-demandes';
export class Demande { constructor(readonly id: string) {} }
export const sauver = (d: Demande) => new EntrepotDemandes().sauver(d.id);
//                                    ^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the adapter layer
`,
      'src/adaptateurs/entrepot-demandes.ts': `export class EntrepotDemandes {
  private readonly lignes = new Map<string, string>();
  sauver(id: string) { this.lignes.set(id, id); return id; }
}
`,
      'src/pedidos/dominio/pedido.ts': `export class Pedido { constructor(readonly id: string) {} }
`,
      'src/pedidos/aplicacion/crear-pedido.ts': `import { Pedido } from '../dominio/pedido';
export const crearPedido = (id: string) => new Pedido(id);
`,
      'src/pedidos/infraestructura/pedidos-sql.ts': `import { crearPedido } from '../aplicacion/crear-pedido';
export const guardar = (id: string) => crearPedido(id).id;
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('dominio/pedido.ts'), 'domain');
    assert.equal(layerOf('aplicacion/crear-pedido.ts'), 'application');
    assert.equal(layerOf('infraestructura/pedidos-sql.ts'), 'adapter');
  });

  it('hexagonal: a domain/ folder that groups bounded contexts with their own areas is no area: their folders decide', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/billing/domain/invoice.ts': `export class Invoice { constructor(readonly id: string) {} }
`,
      'src/domain/billing/domain/ports/invoices.port.ts': `import type { Invoice } from '../invoice';
export interface InvoicesPort { save(invoice: Invoice): Promise<void> }
`,
      'src/domain/billing/application/issue-invoice.ts': `import { Invoice } from '../domain/invoice';
import type { InvoicesPort } from '../domain/ports/invoices.port';
import { SqlInvoices } from '../infrastructure/sql-invoices';
export const issueInvoice = (port: InvoicesPort, id: string) => port.save(new Invoice(id));
export const issueNow = (id: string) => new SqlInvoices().save(new Invoice(id));
//                                      ^^^^^^^^^^^^^^^^^ layering/forbidden-dependency An application must not depend on the adapter layer
`,
      'src/domain/billing/infrastructure/sql-invoices.ts': `import type { Invoice } from '../domain/invoice';
import type { InvoicesPort } from '../domain/ports/invoices.port';
import { issueInvoice } from '../application/issue-invoice';
export class SqlInvoices implements InvoicesPort { async save(invoice: Invoice) { void invoice; } }
export const reissue = () => issueInvoice(new SqlInvoices(), 'again');
`,
      'src/domain/shipping/rules.ts': `export const maxWeight = 30;
`,
      'src/domain/billing/presenters/invoice-view.ts': `import { issueInvoice } from '../application/issue-invoice';
export const issueFromView = issueInvoice;
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('billing/domain/invoice.ts'), 'domain');
    assert.equal(layerOf('billing/domain/ports/invoices.port.ts'), 'domain', "the domain's ports stay the domain's");
    assert.equal(layerOf('billing/application/issue-invoice.ts'), 'application');
    assert.equal(layerOf('billing/infrastructure/sql-invoices.ts'), 'adapter');
    assert.equal(layerOf('shipping/rules.ts'), 'domain', 'a context with no areas of its own is in the domain/ above it');
    assert.equal(layerOf('billing/presenters/invoice-view.ts'), undefined, "a folder of a context that holds its own areas is the context's, not the domain");
  });

  it("hexagonal: domain/adapters/ among the domain's concepts is a concept of the domain, not its adapters; a domain/ holding two rings groups them", () => {
    const concept = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/adapters/adapter-registration.ts': `import type { ProviderId } from '../primitives/ids';
export interface AdapterRegistration { readonly provider: ProviderId; readonly capabilities: readonly string[] }
export const parseRegistration = (raw: { provider: string; capabilities: string[] }): AdapterRegistration => ({ provider: raw.provider as ProviderId, capabilities: raw.capabilities });
`,
      'src/domain/primitives/ids.ts': `export type ProviderId = string & { readonly brand: 'provider' };
`,
      'src/domain/ports/registry.port.ts': `import type { AdapterRegistration } from '../adapters/adapter-registration';
export interface RegistryPort { all(): Promise<readonly AdapterRegistration[]> }
`,
      'src/domain/services/provider-selection.ts': `import type { AdapterRegistration } from '../adapters/adapter-registration';
export const pick = (all: readonly AdapterRegistration[], capability: string) => all.find((r) => r.capabilities.includes(capability));
`,
      'src/application/select-provider.ts': `import type { RegistryPort } from '../domain/ports/registry.port';
import { pick } from '../domain/services/provider-selection';
export const selectProvider = async (registry: RegistryPort, capability: string) => pick(await registry.all(), capability);
`,
      'src/infrastructure/pg-registry.ts': `import type { RegistryPort } from '../domain/ports/registry.port';
export class PgRegistry implements RegistryPort { async all() { return []; } }
`,
    });
    const conceptLayer = [...concept.graph.files.values()].find((n) => n.file.endsWith('domain/adapters/adapter-registration.ts'));
    assert.equal(conceptLayer?.layer, 'domain', conceptLayer?.layerReason);

    const rings = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/model/order.ts': `export class Order { constructor(readonly id: string) {} }
`,
      'src/domain/application/place-order.ts': `import { Order } from '../model/order';
export const placeOrder = (id: string) => new Order(id);
`,
      'src/domain/infrastructure/orders-table.ts': `import { Pool } from 'pg';
export const pool = new Pool();
export const insert = (id: string) => pool.query('insert into orders values ($1)', [id]);
`,
    });
    const ringLayer = [...rings.graph.files.values()].find((n) => n.file.endsWith('domain/infrastructure/orders-table.ts'));
    assert.equal(ringLayer?.layer, 'adapter', ringLayer?.layerReason);
  });

  it('hexagonal: a feature named like a layer (features/service/) that holds the rings is a feature; its composition is no service', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/features/service/domain/service.ts': 'export class Offer { constructor(readonly id: string) {} }\n',
      'src/features/service/application/ports.ts': "import type { Offer } from '../domain/service';\nexport interface OfferStore { byId(id: string): Promise<Offer | undefined> }\n",
      'src/features/service/application/service.use-cases.ts': "import type { OfferStore } from './ports';\nexport const findOffer = (store: OfferStore, id: string) => store.byId(id);\n",
      'src/features/service/adapters/repository.ts':
        "import type { OfferStore } from '../application/ports';\nexport const createOfferRepository = (db: { find(id: string): unknown }): OfferStore => ({ byId: async (id) => db.find(id) as never });\n",
      'src/features/service/composition.ts':
        "import { findOffer } from './application/service.use-cases';\nimport { createOfferRepository } from './adapters/repository';\nexport const composeOffer = (db: { find(id: string): unknown }) => { const store = createOfferRepository(db); return (id: string) => findOffer(store, id); };\n",
      'src/features/booking/domain/booking.ts': 'export class Booking { constructor(readonly id: string) {} }\n',
      'src/features/booking/application/ports.ts': "import type { Booking } from '../domain/booking';\nexport interface BookingStore { byId(id: string): Promise<Booking | undefined> }\n",
      'src/features/booking/application/booking.use-cases.ts': "import type { BookingStore } from './ports';\nexport const findBooking = (store: BookingStore, id: string) => store.byId(id);\n",
      'src/features/booking/adapters/repository.ts':
        "import type { BookingStore } from '../application/ports';\nexport const createBookingRepository = (db: { find(id: string): unknown }): BookingStore => ({ byId: async (id) => db.find(id) as never });\n",
      'src/features/booking/composition.ts':
        "import { findBooking } from './application/booking.use-cases';\nimport { createBookingRepository } from './adapters/repository';\nexport const composeBooking = (db: { find(id: string): unknown }) => { const store = createBookingRepository(db); return (id: string) => findBooking(store, id); };\n",
    });
    const composition = [...result.graph.files.values()].find((n) => n.file.endsWith('features/service/composition.ts'));
    assert.notEqual(composition?.layer, 'service', composition?.layerReason);
  });

  it('hexagonal: utilities and the configuration under infrastructure/ are no adapters; an application service that builds the use cases wires their adapters', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/logger.ts': `export const log = (line: string) => console.log(line);
`,
      'src/infrastructure/common/pagination.util.ts': `import { log } from '../../logger';
export const page = <T>(items: T[], size: number) => (log('page'), items.slice(0, size));
`,
      'src/infrastructure/env/index.ts': `export const env = { databaseUrl: process.env.DATABASE_URL ?? '' };
`,
      'src/infrastructure/http/mailer.ts': `export const send = (to: string) => fetch('https://mail.example/' + to);
`,
      'src/billing/domain/invoice.ts': `export class Invoice { constructor(readonly id: string) {} }
`,
      'src/billing/domain/invoices.ts': `import type { Invoice } from './invoice';
export interface Invoices { save(invoice: Invoice): Promise<void> }
`,
      'src/billing/usecase/IssueInvoice.ts': `import { Invoice } from '../domain/invoice';
import type { Invoices } from '../domain/invoices';
import { page } from '../../infrastructure/common/pagination.util';
import { env } from '../../infrastructure/env';
export class IssueInvoice {
  constructor(private readonly invoices: Invoices) {}
  execute(id: string) { return this.invoices.save(new Invoice(id + page([env.databaseUrl], 1).join())); }
}
`,
      'src/billing/infrastructure/SqlInvoices.ts': `import type { Invoice } from '../domain/invoice';
import type { Invoices } from '../domain/invoices';
export class SqlInvoices implements Invoices { async save(invoice: Invoice) { void invoice; } }
`,
      'src/billing/application/BillingApplicationService.ts': `import { IssueInvoice } from '../usecase/IssueInvoice';
import { SqlInvoices } from '../infrastructure/SqlInvoices';
export class BillingApplicationService {
  constructor(private readonly invoices: SqlInvoices) {}
  issue(id: string) { return new IssueInvoice(this.invoices).execute(id); }
}
`,
      'src/billing/application/RemindCustomer.ts': `import { send } from '../../infrastructure/http/mailer';
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency An application must not depend on the adapter layer
export const remind = (to: string) => send(to);
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('common/pagination.util.ts'), undefined);
    assert.equal(layerOf('infrastructure/env/index.ts'), undefined);
    assert.equal(layerOf('infrastructure/http/mailer.ts'), 'adapter');
  });

  it('hexagonal: code under adapters/ that only computes with libraries every layer uses is no adapter; one implementing a port, or reaching a client, is', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shared/adapters/entity-urn.ts': `import { v4 } from 'uuid';
export class EntityUrn { static next(kind: string) { return 'urn:' + kind + ':' + v4(); } }
`,
      // Time-ordered ids from uuidv7 are ids as much as uuid's.
      'src/shared/infrastructure/new-id.ts': `import { uuidv7 } from 'uuidv7';
export const newId = (): string => uuidv7();
`,
      'src/shared/adapters/uuid-ids.ts': `import { v4 } from 'uuid';
import type { IdSource } from '../../domain/id-source';
export class UuidIds implements IdSource { next() { return v4(); } }
`,
      'src/shared/adapters/redis-ids.ts': `import Redis from 'ioredis';
const redis = new Redis();
export class RedisIds { next() { return redis.incr('ids'); } }
`,
      'src/domain/id-source.ts': `export interface IdSource { next(): string | Promise<number> }
`,
      'src/domain/invoice.ts': `import { EntityUrn } from '../shared/adapters/entity-urn';
import { UuidIds } from '../shared/adapters/uuid-ids';
import { RedisIds } from '../shared/adapters/redis-ids';
import { newId } from '../shared/infrastructure/new-id';
export class Invoice {
  readonly ref = newId();
  readonly urn = EntityUrn.next('invoice');
  readonly id = new UuidIds().next();
  //            ^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the adapter layer: it creates UuidIds with new
  readonly seq = new RedisIds().next();
  //             ^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the adapter layer: it creates RedisIds with new
}
`,
      'src/domain/invoice-rules.ts': `export const isDue = (days: number) => days > 30;
`,
    });
  });

  it("hexagonal: a mapper of static methods under infrastructure/ naming the domain's types only in signatures computes alone; one calling the domain's code does not", () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/users/domain/user.entity.ts':
        'export class UserEntity { constructor(readonly email: string, readonly passwordHash: string) {} static normalize(email: string) { return email.trim().toLowerCase(); } }\n',
      'src/users/domain/user.types.ts': 'export interface SafeUser { email: string }\n',
      'src/users/infrastructure/safe-user.mapper.ts': `import { UserEntity } from '../domain/user.entity';
import { SafeUser } from '../domain/user.types';
export class SafeUserMapper {
  static toSafe(user: UserEntity): SafeUser { return { email: user.email }; }
}
`,
      'src/users/infrastructure/email.mapper.ts': `import { UserEntity } from '../domain/user.entity';
export class EmailMapper {
  static toKey(email: string) { return UserEntity.normalize(email); }
}
`,
      'src/users/application/sign-in.use-case.ts': `import { SafeUserMapper } from '../infrastructure/safe-user.mapper';
import { EmailMapper } from '../infrastructure/email.mapper';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency imports email.mapper.ts
import type { UserEntity } from '../domain/user.entity';
export class SignIn {
  run(user: UserEntity) { return { key: EmailMapper.toKey(user.email), user: SafeUserMapper.toSafe(user) }; }
}
`,
    });
  });

  it('hexagonal: an injected class under infrastructure/ whose instances remember nothing and that uses only compute-only built-ins is no adapter; one that keeps a set is', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/catalog/infrastructure/text/slug-maker.ts': `import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
@Injectable()
export class SlugMaker {
  private readonly separator = '-';
  make(title: string): string {
    const words = title.toLowerCase().split(/\\s+/).join(this.separator);
    return words + this.separator + createHash('md5').update(title).digest('hex').slice(0, 6);
  }
}
`,
      'src/catalog/infrastructure/text/slug-memory.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class SlugMemory {
  private readonly taken = new Set<string>();
  claim(slug: string): boolean {
    if (this.taken.has(slug)) return false;
    this.taken.add(slug);
    return true;
  }
}
`,
      'src/catalog/application/publish-title.use-case.ts': `import { Injectable } from '@nestjs/common';
import { SlugMaker } from '../infrastructure/text/slug-maker';
import { SlugMemory } from '../infrastructure/text/slug-memory';
@Injectable()
export class PublishTitle {
  constructor(
    private readonly slugs: SlugMaker,
    private readonly memory: SlugMemory,
//  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency must not depend on the adapter layer: it injects SlugMemory
  ) {}
  run(title: string) {
    const slug = this.slugs.make(title);
    return this.memory.claim(slug) ? slug : undefined;
  }
}
`,
    });
  });

  it('hexagonal: functions under infrastructure/ that compute alone (no import of the app, no state, no network global) are no adapter; fetch, state or a client make one', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shared/infrastructure/time/local-midnight.ts': `const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export function localMidnight(day: string, zone: string): Date {
  if (!ISO_DAY.test(day)) throw new RangeError(day);
  const probe = new Date(day + 'T00:00:00Z');
  const shown = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(probe);
  return new Date(probe.getTime() - Number(shown) * 3_600_000);
}
`,
      // A framework's exception is what every layer may throw.
      'src/shared/infrastructure/files/sniff-type.ts': `import { BadRequestException } from '@nestjs/common';
export const assertPdf = (head: Uint8Array) => {
  if (head[0] !== 0x25 || head[1] !== 0x50) throw new BadRequestException('not a PDF');
};
`,
      'src/shared/infrastructure/rates/fetch-rate.ts': `export async function fetchRate(code: string): Promise<number> {
  const reply = await fetch('https://rates.example/' + code);
  return Number(await reply.text());
}
`,
      'src/shared/infrastructure/rates/rate-memo.ts': `const seen = new Map<string, number>();
export const remember = (code: string, rate: number) => seen.set(code, rate);
`,
      // A class of static methods alone is a namespace of functions; one that remembers is a store.
      'src/shared/infrastructure/auth/password-rules.ts': `export class PasswordRules {
  static readonly MIN = 8;
  static validate(password: string) { return password.length >= PasswordRules.MIN && /\\d/.test(password); }
}
`,
      'src/shared/infrastructure/auth/attempts.ts': `export class Attempts {
  static failures = 0;
  static fail() { return ++Attempts.failures; }
}
`,
      // Node's crypto computes in the process; its file system does not.
      'src/shared/infrastructure/auth/token-maker.ts': `import { randomBytes, createHash } from 'node:crypto';
export class TokenMaker {
  static token() { return randomBytes(16).toString('hex'); }
  static digest(text: string) { return createHash('sha256').update(text).digest('hex'); }
}
`,
      // The domain's own errors, thrown on a refused input, are what every layer may use.
      'src/shared/domain/invalid-input.error.ts': `export class InvalidInputError extends Error {}
`,
      'src/shared/infrastructure/storage/object-keys.ts': `import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../domain/invalid-input.error';
export function receiptKey(tenant: string, ext: string): string {
  if (tenant.includes('..')) throw new InvalidInputError('tenant');
  return 'tenants/' + tenant + '/receipts/' + randomUUID() + ext;
}
`,
      'src/shared/infrastructure/storage/object-names.ts': `import { InvalidInputError } from '../../domain/invalid-input.error';
import { receiptKey } from './object-keys';
export const receiptName = (tenant: string) => (tenant ? receiptKey(tenant, '.pdf') : String(new InvalidInputError('tenant')));
`,
      'src/shared/infrastructure/auth/key-file.ts': `import { readFileSync } from 'node:fs';
export const signingKey = (file: string) => readFileSync(file, 'utf8').trim();
`,
      // Pure, but named for its technology: it holds Postgres's error codes.
      'src/shared/infrastructure/db/postgres-errors.ts': `export const isForeignKeyViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: string }).code === '23503';
`,
      'src/billing/application/close-day.use-case.ts': `import { localMidnight } from '../../shared/infrastructure/time/local-midnight';
import { assertPdf } from '../../shared/infrastructure/files/sniff-type';
import { fetchRate } from '../../shared/infrastructure/rates/fetch-rate';
//                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency must not depend on the adapter layer
import { remember } from '../../shared/infrastructure/rates/rate-memo';
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency must not depend on the adapter layer
import { isForeignKeyViolation } from '../../shared/infrastructure/db/postgres-errors';
//                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency must not depend on the adapter layer
import { PasswordRules } from '../../shared/infrastructure/auth/password-rules';
import { Attempts } from '../../shared/infrastructure/auth/attempts';
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency must not depend on the adapter layer
import { TokenMaker } from '../../shared/infrastructure/auth/token-maker';
import { receiptKey } from '../../shared/infrastructure/storage/object-keys';
import { receiptName } from '../../shared/infrastructure/storage/object-names';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency must not depend on the adapter layer
import { signingKey } from '../../shared/infrastructure/auth/key-file';
//                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency must not depend on the adapter layer
export const newToken = () => TokenMaker.token() + TokenMaker.digest(signingKey('key.pem')) + receiptKey('t', '.pdf') + receiptName('t');
export const isTaken = (error: unknown) => isForeignKeyViolation(error);
export const checkPassword = (password: string) => PasswordRules.validate(password) || Attempts.fail() > 3;
export async function closeDay(day: string, zone: string, pdf: Uint8Array) {
  assertPdf(pdf);
  const rate = await fetchRate('EUR');
  remember('EUR', rate);
  return { from: localMidnight(day, zone), rate };
}
`,
    });
  });

  it('hexagonal: an in-process event bus under infrastructure/ that computes with uuid and reaches only the logger (through an alias) is no adapter; one publishing to a broker is', () => {
    checkRules(LAYERING, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shared/logger.ts': `export const logger = { info: (text: string) => process.stdout.write(text + '\\n') };
`,
      'src/infrastructure/events/event-bus.ts': `import { v4 } from 'uuid';
import { logger } from '@/shared/logger';
type Handler = (payload: unknown, id: string) => void;
export class EventBus {
  private readonly handlers = new Map<string, Handler[]>();
  on(name: string, handler: Handler) { this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]); }
  emit(name: string, payload: unknown) { const id = v4(); logger.info(name + ' ' + id); for (const h of this.handlers.get(name) ?? []) h(payload, id); }
}
export const eventBus = new EventBus();
`,
      'src/infrastructure/events/broker-bus.ts': `import { connect } from 'amqplib';
export class BrokerBus {
  async emit(name: string, payload: unknown) { const c = await connect('amqp://broker'); const ch = await c.createChannel(); ch.publish('events', name, Buffer.from(JSON.stringify(payload))); }
}
`,
      'src/domain/order.ts': `export class Order { constructor(readonly id: string) {} }
`,
      'src/application/place-order.ts': `import { Order } from '../domain/order';
import { eventBus } from '../infrastructure/events/event-bus';
import { BrokerBus } from '../infrastructure/events/broker-bus';
export class PlaceOrder {
  private readonly broker = new BrokerBus();
  //                        ^^^^^^^^^^^^^^^ layering/forbidden-dependency An application must not depend on the adapter layer: it creates BrokerBus with new
  run(id: string) { const order = new Order(id); eventBus.emit('order.placed', order); return this.broker.emit('order.placed', order); }
}
`,
    });
  });

  it('hexagonal: the file that builds the dependency-injection container is the composition root, in config/ as anywhere', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/basket.ts': `export class Basket { constructor(readonly id: string) {} }
`,
      'src/domain/basket-rules.ts': `export const isEmpty = (items: number) => items === 0;
`,
      'src/domain/basket-store.ts': `import type { Basket } from './basket';
export interface BasketStore { byId(id: string): Promise<Basket | undefined> }
`,
      'src/application/show-basket.ts': `import type { BasketStore } from '../domain/basket-store';
export class ShowBasket { constructor(private readonly store: BasketStore) {} run(id: string) { return this.store.byId(id); } }
`,
      'src/infrastructure/mongo-basket-store.ts': `import { MongoClient } from 'mongodb';
import { Basket } from '../domain/basket';
export class MongoBasketStore { private readonly db = new MongoClient('mongodb://db').db(); async byId(id: string) { const row = await this.db.collection('baskets').findOne({ id }); return row ? new Basket(id) : undefined; } }
`,
      'src/api/basket.controller.ts': `import type { Request, Response } from 'express';
import { ShowBasket } from '../application/show-basket';
export class BasketController { constructor(private readonly show: ShowBasket) {} get = async (req: Request, res: Response) => { res.json(await this.show.run(String(req.params['id']))); }; }
`,
      'src/config/container.ts': `import { Container } from 'inversify';
import { ShowBasket } from '../application/show-basket';
import { MongoBasketStore } from '../infrastructure/mongo-basket-store';
import { BasketController } from '../api/basket.controller';
export const container = new Container();
container.bind('BasketStore').to(MongoBasketStore);
container.bind(ShowBasket).toSelf();
container.bind(BasketController).toSelf();
`,
    });
    const node = [...result.graph.files.values()].find((n) => n.file.endsWith('config/container.ts'));
    assert.equal(node?.layer, 'composition-root', node?.layerReason);
  });

  it("hexagonal: a file that fills the app's own container class (new DIContainer()) is the composition root too; one creating a domain's Container is not", () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/rental.js': `class Rental { constructor(id) { this.id = id; } }
module.exports = Rental;
`,
      'src/domain/rental-rules.js': `module.exports = { isLate: (days) => days > 30 };
`,
      'src/domain/container.js': `class Container { constructor(code) { this.code = code; } }
module.exports = Container;
`,
      'src/application/list-rentals.js': `class ListRentals { constructor(store) { this.store = store; } run() { return this.store.all(); } }
module.exports = ListRentals;
`,
      'src/infrastructure/pg-rental-store.js': `const { Pool } = require('pg');
class PgRentalStore { constructor() { this.pool = new Pool(); } all() { return this.pool.query('select * from rentals'); } }
module.exports = PgRentalStore;
`,
      'src/interfaces/http/rentals-controller.js': `class RentalsController { constructor(container) { this.list = container.resolve('listRentals'); } index(req, res) { return this.list.run().then((rows) => res.json(rows)); } }
module.exports = RentalsController;
`,
      'src/infrastructure/config/di-container.js': `class DIContainer { constructor() { this.made = new Map(); } registerSingleton(name, make) { this.made.set(name, make); } resolve(name) { return this.made.get(name)(this); } }
module.exports = DIContainer;
`,
      'src/infrastructure/config/index.js': `const DIContainer = require('./di-container');
const PgRentalStore = require('../pg-rental-store');
const ListRentals = require('../../application/list-rentals');
const RentalsController = require('../../interfaces/http/rentals-controller');
const container = new DIContainer();
container.registerSingleton('listRentals', () => new ListRentals(new PgRentalStore()));
container.registerSingleton('rentalsController', (c) => new RentalsController(c));
module.exports = { container, port: Number(process.env.PORT || 3000) };
`,
      'src/application/ship-rentals.js': `const Container = require('../domain/container');
module.exports = { box: (code) => new Container(code) };
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix));
    const root = layerOf('config/index.js');
    assert.equal(root?.layer, 'composition-root', root?.layerReason);
    assert.notEqual(layerOf('application/ship-rentals.js')?.layer, 'composition-root');
  });

  it('hexagonal: an injectable class under infrastructure/ that only extends an adapter is that adapter, not a service or data', () => {
    const result = checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/billing/domain/invoice-mailer.port.ts': `export interface InvoiceMailer { send(to: string, pdf: Uint8Array): Promise<void> }
`,
      'src/shared/infrastructure/mail/smtp-invoice-mailer.base.ts': `import { createTransport } from 'nodemailer';
import type { InvoiceMailer } from '../../../billing/domain/invoice-mailer.port';
export class SmtpInvoiceMailer implements InvoiceMailer {
  private readonly smtp = createTransport({ host: 'localhost' });
  async send(to: string, pdf: Uint8Array) { await this.smtp.sendMail({ to, attachments: [{ content: Buffer.from(pdf) }] }); }
}
`,
      // The container registers the vendor's adapter under the app's name: no code of its own, all of the adapter's.
      'src/billing/infrastructure/mail/invoice-mail-service.ts': `import { Injectable } from '@nestjs/common';
import { SmtpInvoiceMailer } from '../../../shared/infrastructure/mail/smtp-invoice-mailer.base';
@Injectable()
export class InvoiceMailService extends SmtpInvoiceMailer {}
`,
      // A message of fields under infrastructure/ is still data.
      'src/billing/infrastructure/messages/invoice-sent.message.ts': `export class InvoiceSentMessage { constructor(readonly invoiceId: string) {} }
`,
      'src/billing/application/send-invoice.use-case.ts': `import { Injectable } from '@nestjs/common';
import { InvoiceMailService } from '../infrastructure/mail/invoice-mail-service';
import { InvoiceSentMessage } from '../infrastructure/messages/invoice-sent.message';
@Injectable()
export class SendInvoice {
  constructor(private readonly mail: InvoiceMailService) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency An application must not depend on the adapter layer
  async run(id: string, to: string) { await this.mail.send(to, new Uint8Array()); return new InvoiceSentMessage(id); }
}
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('mail/invoice-mail-service.ts'), 'adapter');
    assert.equal(layerOf('messages/invoice-sent.message.ts'), undefined);
  });

  it('hexagonal: a domain port may take the plain interfaces of a file that also declares a validated DTO; the DTO itself stays outside the domain', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/common/paging/paging.ts': `import { IsInt, Min } from 'class-validator';
export interface PageRequest { page: number; size: number }
export type Page<T> = { items: T[]; total: number };
export class PageQueryDto {
  @IsInt() @Min(1) page = 1;
  @IsInt() @Min(1) size = 20;
}
`,
      'src/catalog/domain/product.ts': `export class Product { constructor(readonly sku: string) {} }
`,
      'src/catalog/domain/product-store.ts': `import type { Page, PageRequest } from '../../common/paging/paging';
import type { Product } from './product';
export interface ProductStore { list(request: PageRequest): Promise<Page<Product>> }
`,
      // A file the team named for its DTOs declares DTOs, interfaces included.
      'src/common/paging/paging.dto.ts': `import { z } from 'zod';
export const sortOrderSchema = z.object({ field: z.string(), descending: z.boolean() });
export interface SortOrder { field: string; descending: boolean }
`,
      'src/catalog/domain/product-sorting.ts': `import type { SortOrder } from '../../common/paging/paging.dto';
//                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the dto layer
export const byName: SortOrder = { field: 'name', descending: false };
`,
      'src/catalog/domain/product-search.ts': `import type { PageQueryDto } from '../../common/paging/paging';
//                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the dto layer
export interface ProductSearch { search(query: PageQueryDto): Promise<string[]> }
`,
    });
  });

  it('hexagonal: a table of constants under infrastructure/ is no adapter; a client built from a package is one', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shared/infrastructure/tables/status-codes.ts': `export const statusCodes = { notFound: { code: 404, text: 'Not Found' }, conflict: { code: 409, text: 'Conflict' } } as const;
`,
      'src/shared/infrastructure/cache/redis-client.ts': `import { createClient } from 'redis';
export const cache = createClient();
`,
      'src/orders/domain/order-not-found.error.ts': `import { statusCodes } from '../../shared/infrastructure/tables/status-codes';
export class OrderNotFound extends Error { readonly status = statusCodes.notFound.code; }
`,
      'src/orders/domain/order-lock.ts': `import { cache } from '../../shared/infrastructure/cache/redis-client';
//                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the adapter layer
export const lock = (id: string) => cache.set(id, '1');
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('tables/status-codes.ts'), undefined);
    assert.equal(layerOf('cache/redis-client.ts'), 'adapter');
  });

  it('hexagonal: the logger is what every layer may use, a service class or a concrete logger under infrastructure/ alike; a mailer there is an adapter', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/shared/logging/logger.service.ts': `import pino from 'pino';
export class LoggerService { private readonly log = pino(); info(message: string) { this.log.info(message); } }
`,
      'src/shared/infrastructure/pino-logger.ts': `import pino from 'pino';
export const logger = pino({ level: 'info' });
`,
      'src/shared/infrastructure/mail/smtp-mailer.ts': `import nodemailer from 'nodemailer';
export const mailer = nodemailer.createTransport({});
`,
      'src/payments/domain/refund-policy.ts': `import { LoggerService } from '../../shared/logging/logger.service';
import { logger } from '../../shared/infrastructure/pino-logger';
export class RefundPolicy {
  constructor(private readonly log: LoggerService) {}
  allows(days: number) { logger.debug('refund asked'); this.log.info('checking'); return days <= 30; }
}
`,
      'src/payments/domain/refund-notice.ts': `import { mailer } from '../../shared/infrastructure/mail/smtp-mailer';
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the adapter layer
export const notify = (to: string) => mailer.sendMail({ to });
`,
    });
    // Its own dependencies are judged like any file's: only as what others use is it everyone's.
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('infrastructure/pino-logger.ts'), 'adapter');
  });

  it('hexagonal: a core/ that holds the domain and the use cases groups them; its other folders are a shared kernel in no area', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'core/exceptions/BusinessException.ts': `export class BusinessException extends Error {}
`,
      'core/domain/Recipe.ts': `import { BusinessException } from '../exceptions/BusinessException';
export class Recipe { constructor(readonly name: string) { if (!name) throw new BusinessException('name'); } }
`,
      'core/usecases/CreateRecipe.ts': `import { Recipe } from '../domain/Recipe';
export const createRecipe = (name: string) => new Recipe(name);
`,
      'adapters/secondaries/RecipeStore.ts': `import { createRecipe } from '../../core/usecases/CreateRecipe';
export const seed = () => createRecipe('bread');
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('core/exceptions/BusinessException.ts'), undefined);
    assert.equal(layerOf('core/domain/Recipe.ts'), 'domain');
    assert.equal(layerOf('core/usecases/CreateRecipe.ts'), 'application');
  });

  it('hexagonal: a core/ facing an infra/ is the inside of the hexagon; a core/ alone, or beside the domain/, is a kernel of helpers', () => {
    const result = checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/billing/core/invoice.gateway.ts': `export interface InvoiceGateway { save(id: string): Promise<void> }
`,
      'src/billing/core/issue-invoice.ts': `import type { InvoiceGateway } from './invoice.gateway';
import { SqlInvoices } from '../infra/sql-invoices';
export const issueInvoice = (gateway: InvoiceGateway, id: string) => gateway.save(id);
export const issueDirectly = (id: string) => new SqlInvoices().save(id);
//                                           ^^^^^^^^^^^^^^^^^ layering/forbidden-dependency An application must not depend on the adapter layer
`,
      'src/billing/infra/sql-invoices.ts': `import type { InvoiceGateway } from '../core/invoice.gateway';
export class SqlInvoices implements InvoiceGateway { async save(id: string) { void id; } }
`,
      'src/core/retry.ts': `export const retry = <T>(run: () => T) => run();
`,
      // The kernel the rings share: a core/ beside the domain/ and the infra/.
      'src/shared/core/outcome.ts': `export class Outcome<T> { private constructor(readonly value?: T, readonly error?: string) {}
  static ok<T>(value: T) { return new Outcome(value); }
  static fail<T>(error: string) { return new Outcome<T>(undefined, error); }
}
`,
      'src/shared/domain/entity.ts': `export abstract class Entity { constructor(readonly id: string) {} }
`,
      'src/shared/infra/db.ts': `export const rows = new Map<string, unknown>();
`,
      'src/pets/domain/pet.ts': `import { Outcome } from '../../shared/core/outcome';
import { Entity } from '../../shared/domain/entity';
export class Pet extends Entity { static named(name: string) { return name ? Outcome.ok(new Pet(name)) : Outcome.fail<Pet>('no name'); } }
`,
    });
    const layerOf = (suffix: string) => [...result.graph.files.values()].find((n) => n.file.endsWith(suffix))?.layer;
    assert.equal(layerOf('billing/core/issue-invoice.ts'), 'application');
    assert.equal(layerOf('src/core/retry.ts'), undefined, 'a core/ with no outside beside it is no area');
    assert.equal(layerOf('shared/core/outcome.ts'), undefined, 'a core/ beside the domain/ is the kernel both use');
  });

  it('clean: dependencies point inward; the entities know nothing outside them, not even types', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'clean' }),
      'src/domain/entities/user.ts': `import type { RegisterUserInput } from '../../application/use-cases/register-user';
//                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency Code in the entities layer must not depend on the use-cases layer
export class User {
  constructor(readonly email: string) {}
  static from(input: RegisterUserInput) { return new User(input.email); }
}
`,
      'src/application/use-cases/register-user.ts': `import { User } from '../../domain/entities/user';
import { saveUser } from '../../infrastructure/db/user-store';
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency Code in the use-cases layer must not depend on the frameworks layer
export interface RegisterUserInput { email: string }
export const registerUser = (input: RegisterUserInput) => saveUser(new User(input.email));
`,
      'src/adapters/presenters/user-presenter.ts': `import { registerUser } from '../../application/use-cases/register-user';
export const present = (email: string) => ({ created: registerUser({ email }) });
`,
      'src/infrastructure/db/user-store.ts': `import { present } from '../../adapters/presenters/user-presenter';
export const saveUser = (user: { email: string }) => user.email;
export const again = () => present('x');
`,
    });
  });

  it('modular-monolith: deep imports into another module and cycles between modules are reported', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/catalog/index.ts': `export { price } from './pricing/price';
`,
      'src/modules/catalog/pricing/price.ts': `export const price = (sku: string) => sku.length;
`,
      'src/modules/catalog/pricing/discount.ts': `import { cartSize } from '../../cart';
//                       ^^^^^^^^^^^^ layering/contract Modules "cart", "catalog" depend on each other in a cycle, and "catalog" → "cart" is its weakest link
export const discount = () => cartSize() > 3;
`,
      'src/modules/cart/index.ts': `import { price } from '../catalog';
import { discount } from '../catalog/pricing/discount';
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract pricing/discount.ts is internal to module "catalog"
export const cartSize = () => 2;
export const total = () => price('a') * (discount() ? 0.9 : 1);
`,
      'src/modules/cart/checkout.ts': `import { price } from '../catalog';
export const checkout = () => price('b');
`,
    });
  });

  it("modular-monolith: the types of a file the module's index re-exports from are its contract; the types of a file it hands nothing out of are internal", () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/agents/index.ts': `export { ModelAdapter } from './contracts/model-adapter';
`,
      'src/modules/agents/contracts/model-adapter.ts': `export interface CompletionRequest { prompt: string }
export class ModelAdapter { complete(request: CompletionRequest) { return request.prompt; } }
`,
      'src/modules/agents/internal/token-budget.ts': `export interface TokenBudget { limit: number }
`,
      'src/modules/pricing/suggest-price.ts': `import { ModelAdapter } from '../agents';
import type { CompletionRequest } from '../agents/contracts/model-adapter';
import type { TokenBudget } from '../agents/internal/token-budget';
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract internal/token-budget.ts is internal to module "agents"
export const suggest = (budget: TokenBudget) => {
  const request: CompletionRequest = { prompt: String(budget.limit) };
  return new ModelAdapter().complete(request);
};
`,
    });
  });

  it('modular-monolith: types the file behind a public service builds its signatures from are its contract, the types they are made of included; its values stay internal', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/assistant/index.ts': `export * from './assistant.service';
`,
      'src/modules/assistant/assistant.service.ts': `import type { AskOptions } from './clients/llm-client';
import { sendToModel } from './clients/llm-client';
export class AssistantService { ask(options: AskOptions) { return sendToModel(options); } }
`,
      'src/modules/assistant/clients/llm-client.ts': `export type ToolCall = { name: string; run(input: string): Promise<string> };
export interface AskOptions { prompt: string; tools: ToolCall[] }
export const sendToModel = async (options: AskOptions) => options.prompt + options.tools.length;
`,
      // ToolCall is what AskOptions, the public service's parameter, is made of.
      'src/modules/inbox/inbox.service.ts': `import { AssistantService } from '../assistant';
import type { ToolCall } from '../assistant/clients/llm-client';
const lookUp: ToolCall = { name: 'look-up', run: async (q) => q };
export const reply = (text: string) => new AssistantService().ask({ prompt: text, tools: [lookUp] });
`,
      'src/modules/inbox/raw-reply.ts': `import { sendToModel } from '../assistant/clients/llm-client';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract clients/llm-client.ts is internal to module "assistant"
export const raw = (text: string) => sendToModel({ prompt: text, tools: [] });
`,
    });
  });

  it("modular-monolith: an entry file at a module's root that fronts its folders for the other modules is public; a file the module uses itself is not", () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/quotes/index.ts': `export { draftQuote } from './application/draft-quote';
`,
      'src/modules/quotes/application/draft-quote.ts': `import { quoteTotals } from '../data/quote.store';
export const draftQuote = (id: string) => quoteTotals(id);
`,
      'src/modules/quotes/data/quote.store.ts': `export const quoteTotals = (id: string) => id.length;
export const quoteNumbers = () => [1, 2];
`,
      'src/modules/quotes/lookups.ts': `export { quoteNumbers } from './data/quote.store';
`,
      'src/modules/quotes/money.ts': `export const round = (n: number) => Math.round(n);
`,
      'src/modules/quotes/application/price-quote.ts': `import { round } from '../money';
export const priceQuote = (n: number) => round(n);
`,
      'src/modules/invoices/create-invoice.ts': `import { quoteNumbers } from '../quotes/lookups';
import { round } from '../quotes/money';
//                    ^^^^^^^^^^^^^^^^^ layering/contract money.ts is internal to module "quotes"
import { quoteTotals } from '../quotes/data/quote.store';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract data/quote.store.ts is internal to module "quotes"
export const createInvoice = () => round(quoteNumbers().length + quoteTotals('q'));
`,
    });
  });

  it("modular-monolith: a module's file named public (visits_public.ts, rooms.public-api.ts) is its API, even when the module uses it itself", () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/visits/visits_public.ts': `export { bookVisit } from './application/book-visit';
`,
      'src/modules/visits/application/book-visit.ts': `import { slotsOf } from '../internal/slots';
export const bookVisit = (day: string) => slotsOf(day)[0];
`,
      'src/modules/visits/internal/slots.ts': `export const slotsOf = (day: string) => [day + 'T09', day + 'T10'];
`,
      'src/modules/visits/jobs/remind.job.ts': `import { bookVisit } from '../visits_public';
export const remind = () => bookVisit('mon');
`,
      'src/modules/rooms/rooms.public-api.ts': `export { freeRoom } from './internal/rooms';
`,
      'src/modules/rooms/internal/rooms.ts': `export const freeRoom = (day: string) => 'room-' + day;
`,
      'src/modules/rooms/jobs/release.job.ts': `import { freeRoom } from '../rooms.public-api';
export const release = () => freeRoom('sun');
`,
      'src/modules/patients/admit.ts': `import { bookVisit } from '../visits/visits_public';
import { freeRoom } from '../rooms/rooms.public-api';
import { slotsOf } from '../visits/internal/slots';
//                      ^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract internal/slots.ts is internal to module "visits"
export const admit = () => [bookVisit('tue'), slotsOf('wed'), freeRoom('thu')];
`,
    });
  });

  it('modular-monolith: the DTOs and types an exported Nest service takes or returns are part of its contract; a DTO no public file uses, a function beside the type, or an entity a signature shows but the entry leaves out, is internal', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      // The entry lists what the module offers: the entity is not among it.
      'src/modules/orders/index.ts': `export { OrdersModule } from './orders.module';
export { OrdersService } from './orders.service';
`,
      'src/modules/orders/orders.module.ts': `import { Module } from '@nestjs/common';
import { OrdersService } from './orders.service';
@Module({ providers: [OrdersService], exports: [OrdersService] })
export class OrdersModule {}
`,
      'src/modules/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { CreateLineDto } from './dto/create-line.dto';
import { priceOf, type PriceQuote } from './pricing/price-table';
import { OrderStatus, type OrderEntity } from './entities/order.entity';
@Injectable()
export class OrdersService {
  addLine(line: CreateLineDto) { return line.sku; }
  quote(sku: string): PriceQuote { return priceOf(sku); }
  latest(): OrderEntity | undefined { return undefined; }
  count(status: OrderStatus = OrderStatus.Open) { return status.length; }
}
`,
      'src/modules/orders/entities/order.entity.ts': `export enum OrderStatus { Open = 'open', Paid = 'paid' }
export class OrderEntity { id!: string; total!: number; status!: OrderStatus; }
`,
      // The enum declared beside the entity is what the exported service's count() takes.
      'src/modules/receipts/receipt-status.ts': `import { OrderStatus } from '../orders/entities/order.entity';
export const paidOnly = (status: OrderStatus) => status === OrderStatus.Paid;
`,
      'src/modules/orders/pricing/price-table.ts': `export type PriceQuote = { sku: string; cents: number };
export const priceOf = (sku: string): PriceQuote => ({ sku, cents: sku.length * 100 });
export const discountOf = (quote: PriceQuote) => Math.round(quote.cents * 0.9);
`,
      'src/modules/receipts/receipt-line.ts': `import type { PriceQuote } from '../orders/pricing/price-table';
export const lineOf = (quote: PriceQuote) => quote.sku + ' ' + quote.cents;
`,
      'src/modules/receipts/receipt-total.ts': `import type { OrderEntity } from '../orders/entities/order.entity';
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract entities/order.entity.ts is internal to module "orders"
export const totalOf = (order: OrderEntity) => order.total;
`,
      'src/modules/receipts/receipt-discount.ts': `import { discountOf } from '../orders/pricing/price-table';
//                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract pricing/price-table.ts is internal to module "orders"
export const discounted = (cents: number) => discountOf({ sku: '', cents });
`,
      'src/modules/orders/dto/create-line.dto.ts': `export class CreateLineDto { sku!: string; quantity!: number; }
`,
      'src/modules/orders/dto/order-row.dto.ts': `export class OrderRow { id!: string; }
`,
      'src/modules/orders/orders.repository.ts': `import { OrderRow } from './dto/order-row.dto';
export class OrdersRepository { rows(): OrderRow[] { return []; } }
`,
      'src/modules/storefront/storefront.service.ts': `import { Injectable } from '@nestjs/common';
import { OrdersService } from '../orders/orders.service';
import { CreateLineDto } from '../orders/dto/create-line.dto';
import { OrderRow } from '../orders/dto/order-row.dto';
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract dto/order-row.dto.ts is internal to module "orders"
@Injectable()
export class StorefrontService {
  constructor(private readonly orders: OrdersService) {}
  buy(sku: string): [string, OrderRow | undefined] { const line = new CreateLineDto(); line.sku = sku; return [this.orders.addLine(line), undefined]; }
}
`,
    });
  });

  it("modular-monolith: the DTOs a contract's DTO is built of, and the enums it takes, are the contract too (whoever builds the outer one builds them); a DTO nothing public reaches, or a constant beside the enum, stays internal", () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/venues/venues.module.ts': `import { Module } from '@nestjs/common';
import { VenuesService } from './venues.service';
@Module({ providers: [VenuesService], exports: [VenuesService] })
export class VenuesModule {}
`,
      'src/modules/venues/venues.service.ts': `import { Injectable } from '@nestjs/common';
import { OpenVenueDto } from './dto/open-venue.dto';
@Injectable()
export class VenuesService {
  open(input: OpenVenueDto) { return input.name + input.hours.from; }
}
`,
      'src/modules/venues/dto/open-venue.dto.ts': `import { OpeningHoursDto } from './opening-hours.dto';
import { VenueKind } from '../constants/venue-kind.enum';
export class OpenVenueDto { name!: string; hours!: OpeningHoursDto; kind!: VenueKind; }
`,
      'src/modules/venues/constants/venue-kind.enum.ts': `export enum VenueKind { Hall = 'hall', Garden = 'garden' }
export const DEFAULT_CAPACITY = 80;
`,
      'src/modules/venues/dto/opening-hours.dto.ts': `export class OpeningHoursDto { from!: string; to!: string; }
`,
      'src/modules/venues/dto/venue-audit.dto.ts': `export class VenueAuditDto { by!: string; }
`,
      'src/modules/events/events.service.ts': `import { Injectable } from '@nestjs/common';
import { VenuesService } from '../venues/venues.service';
import { OpeningHoursDto } from '../venues/dto/opening-hours.dto';
import { VenueKind } from '../venues/constants/venue-kind.enum';
import { DEFAULT_CAPACITY } from '../venues/constants/venue-kind.enum';
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract constants/venue-kind.enum.ts is internal to module "venues"
import { VenueAuditDto } from '../venues/dto/venue-audit.dto';
//                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract dto/venue-audit.dto.ts is internal to module "venues"
@Injectable()
export class EventsService {
  constructor(private readonly venues: VenuesService) {}
  host(name: string, audit: VenueAuditDto) {
    const hours = new OpeningHoursDto();
    hours.from = '09:00';
    hours.to = audit.by;
    return this.venues.open({ name, hours, kind: VenueKind.Hall }) + DEFAULT_CAPACITY;
  }
}
`,
    });
  });

  it('modular-monolith: in a module whose API is only the providers its Nest module exports, the entities they name only as types are what they hand out; building one is still a reach inside', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/members/members.module.ts': `import { Module } from '@nestjs/common';
import { MemberStore } from './domain/member.store';
import { SqlMemberStore } from './infrastructure/sql-member.store';
@Module({ providers: [{ provide: MemberStore, useClass: SqlMemberStore }], exports: [MemberStore] })
export class MembersModule {}
`,
      'src/modules/members/domain/member.store.ts': `import { Member } from './member.entity';
export abstract class MemberStore {
  abstract byId(id: string): Promise<Member | null>;
}
`,
      'src/modules/members/domain/member.entity.ts': `export class Member {
  constructor(readonly id: string, readonly email: string) {}
}
`,
      'src/modules/members/infrastructure/sql-member.store.ts': `import { Member } from '../domain/member.entity';
import { MemberStore } from '../domain/member.store';
export class SqlMemberStore extends MemberStore {
  async byId(id: string) { return new Member(id, id + '@example.org'); }
}
`,
      'src/modules/mailing/greeting.service.ts': `import { Injectable } from '@nestjs/common';
import type { Member } from '../members/domain/member.entity';
import { MemberStore } from '../members/domain/member.store';
@Injectable()
export class GreetingService {
  constructor(private readonly members: MemberStore) {}
  async greet(id: string) { const member: Member | null = await this.members.byId(id); return member ? 'Hi ' + member.email : ''; }
}
`,
      'src/modules/mailing/guest.factory.ts': `import { Member } from '../members/domain/member.entity';
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract domain/member.entity.ts is internal to module "members"
export const guest = () => new Member('guest', 'guest@example.org');
`,
    });
  });

  it('modular-monolith: a constant object of literals beside an entity that the file types as an enum (`(typeof X)[keyof typeof X]`) and an exported service takes is a value of its contract; an object of literals not typed so stays internal', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/stock/stock.module.ts': `import { Module } from '@nestjs/common';
import { BatchService } from './domain/batch.service';
@Module({ providers: [BatchService], exports: [BatchService] })
export class StockModule {}
`,
      'src/modules/stock/domain/batch.service.ts': `import { Injectable } from '@nestjs/common';
import { BatchOrigin, BatchState, type PickedSlice, shelfLifeDays } from './batch.entity';
@Injectable()
export class BatchService {
  open(origin: (typeof BatchOrigin)[keyof typeof BatchOrigin] = BatchOrigin.Purchase): string { return origin + BatchState.Open + shelfLifeDays.milk; }
  pick(count: number): PickedSlice[] { return [{ batch: 'b1', count }]; }
}
`,
      'src/modules/stock/domain/batch.entity.ts': `export const BatchOrigin = { Purchase: 'purchase', Return: 'return' } as const;
export type BatchOriginValue = (typeof BatchOrigin)[keyof typeof BatchOrigin];
export const BatchState = Object.freeze({ Open: 'open', Empty: 'empty' });
export type BatchStateName = keyof typeof BatchState;
export const shelfLifeDays = { milk: 7, cheese: 30 } as const;
export type PickedSlice = { batch: string; count: number };
export class Batch { id!: string; origin!: string; }
`,
      // The values the exported open() takes, and the type pick() returns, imported together.
      'src/modules/sales/sale-restock.ts': `import { BatchOrigin, BatchState, PickedSlice } from '../stock/domain/batch.entity';
export const restock = (slices: PickedSlice[]) => slices.map((s) => [BatchOrigin.Return, BatchState.Open, s.count]);
`,
      'src/modules/sales/sale-expiry.ts': `import { shelfLifeDays } from '../stock/domain/batch.entity';
//                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract domain/batch.entity.ts is internal to module "stock"
export const expiresIn = () => shelfLifeDays.cheese;
`,
    });
  });

  it("modular-monolith: types the public API's results are made of, however many files away, are its contract; values and types nothing public depends on stay internal", () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/lookup/index.ts': `export * from './lookup.service';
`,
      'src/modules/lookup/lookup.service.ts': `import { engineFor } from './engines/engine-for';
export class LookupService { engine(kind: string) { return engineFor(kind); } }
`,
      'src/modules/lookup/engines/engine-for.ts': `import { WebEngine } from './web-engine';
export const engineFor = (kind: string) => new WebEngine(kind);
`,
      'src/modules/lookup/engines/web-engine.ts': `import type { Match } from './engine';
import { Engine } from './engine';
export class WebEngine extends Engine { constructor(readonly kind: string) { super(); } async find(q: string): Promise<Match[]> { return [{ title: q, score: 1 }]; } }
`,
      'src/modules/lookup/engines/engine.ts': `export interface Match { title: string; score: number }
export abstract class Engine { abstract find(q: string): Promise<Match[]>; }
export const MAX_MATCHES = 10;
`,
      'src/modules/lookup/engines/tuning.ts': `export type Weights = { title: number; body: number };
`,
      // Match is what the engine the public service hands out returns: naming it reaches nothing internal.
      'src/modules/chat/answer.ts': `import { LookupService } from '../lookup';
import type { Match } from '../lookup/engines/engine';
import type { Weights } from '../lookup/engines/tuning';
//                           ^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract engines/tuning.ts is internal to module "lookup"
export const best = (matches: Match[], weights: Weights) => matches.length * weights.title;
export const engine = () => new LookupService().engine('web');
`,
      'src/modules/chat/limit.ts': `import { MAX_MATCHES } from '../lookup/engines/engine';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract engines/engine.ts is internal to module "lookup"
export const limit = (n: number) => Math.min(n, MAX_MATCHES);
`,
    });
  });

  it('modular-monolith: a file name most modules carry at their top and the others import them by (contract.ts) is their way in; files beside it stay internal in a module that declares an API, and a module entered by the convention alone is not judged', () => {
    const moduleWithContract = (name: string) => ({
      [`src/modules/${name}/contract.ts`]: `export interface ${name}Summary { total: number }
export const summarize${name} = (): ${name}Summary => ({ total: ${name.length} });
`,
      [`src/modules/${name}/service.ts`]: `import { summarize${name} } from './contract';
export const recompute${name} = () => summarize${name}().total + 1;
`,
    });
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      ...moduleWithContract('billing'),
      ...moduleWithContract('worktime'),
      ...moduleWithContract('preferences'),
      'src/modules/billing/index.ts': "export type { billingSummary } from './contract';\n",
      'src/modules/planner/planner.ts': `import { summarizebilling } from '../billing/contract';
import { summarizeworktime } from '../worktime/contract';
export const plan = () => summarizebilling().total + summarizeworktime().total;
`,
      'src/modules/assistant/assistant.ts': `import { summarizebilling } from '../billing/contract';
import { summarizepreferences } from '../preferences/contract';
import { recomputebilling } from '../billing/service';
//                               ^^^^^^^^^^^^^^^^^^^^ layering/contract service.ts is internal to module "billing"
import { recomputeworktime } from '../worktime/service';
export const advise = () => summarizebilling().total + summarizepreferences().total + recomputebilling() + recomputeworktime();
`,
    });
  });

  it("modular-monolith: a team's own ORM wrapper registered with forFeature and exported hands out its entities as TypeOrmModule does; not exported, it hands out nothing", () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/database/scoped-db.module.ts': `import { DynamicModule, Module } from '@nestjs/common';
@Module({})
export class ScopedDbModule {
  static forFeature(entities: Function[]): DynamicModule { return { module: ScopedDbModule, providers: entities.map((e) => ({ provide: e.name + 'Repo', useValue: e })) }; }
}
`,
      'src/modules/vouchers/vouchers.module.ts': `import { Module } from '@nestjs/common';
import { ScopedDbModule } from '../../database/scoped-db.module';
import { Voucher } from './voucher.entity';
@Module({ imports: [ScopedDbModule.forFeature([Voucher])], exports: [ScopedDbModule] })
export class VouchersModule {}
`,
      'src/modules/vouchers/voucher.entity.ts': `export class Voucher { code!: string; cents!: number; }
`,
      'src/modules/refunds/refunds.module.ts': `import { Module } from '@nestjs/common';
import { ScopedDbModule } from '../../database/scoped-db.module';
import { Refund } from './refund.entity';
@Module({ imports: [ScopedDbModule.forFeature([Refund])] })
export class RefundsModule {}
`,
      'src/modules/refunds/refund.entity.ts': `export class Refund { id!: string; }
`,
      'src/modules/checkout/checkout.service.ts': `import { Voucher } from '../vouchers/voucher.entity';
import { Refund } from '../refunds/refund.entity';
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract refund.entity.ts is internal to module "refunds"
export const redeem = (voucher: Voucher, refund: Refund) => [voucher.code, refund.id].join(':') + String(new Voucher().cents);
`,
    });
  });

  it("modular-monolith: a controller another module's @Module registers works for that module wherever its file sits; a service another module provides again stays its folder's", () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/plans/plans.module.ts': `import { Module } from '@nestjs/common';
import { PlansController } from './plans.controller';
import { BackofficePlansController } from '../backoffice/backoffice-plans.controller';
@Module({ controllers: [PlansController, BackofficePlansController] })
export class PlansModule {}
`,
      'src/modules/plans/plans.controller.ts': `import { Controller, Get } from '@nestjs/common';
@Controller('v1/plans')
export class PlansController { @Get() list() { return []; } }
`,
      'src/modules/plans/dto/grant-plan.dto.ts': `export class GrantPlanDto { tier!: string; }
`,
      'src/modules/plans/pricing.helper.ts': `export const cents = (tier: string) => tier.length * 100;
`,
      // Filed under backoffice/ to keep the two modules out of a cycle; PlansModule runs it.
      'src/modules/backoffice/backoffice-plans.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { GrantPlanDto } from '../plans/dto/grant-plan.dto';
@Controller('v1/backoffice/plans')
export class BackofficePlansController { @Post() grant(@Body() dto: GrantPlanDto) { return dto.tier; } }
`,
      'src/modules/backoffice/backoffice.module.ts': `import { Module } from '@nestjs/common';
import { BackofficeService } from './backoffice.service';
import { AuditTrail } from '../audit/audit-trail';
//                         ^^^^^^^^^^^^^^^^^^^^^^ layering/contract audit-trail.ts is internal to module "audit"
@Module({ providers: [BackofficeService, AuditTrail] })
export class BackofficeModule {}
`,
      'src/modules/backoffice/backoffice.service.ts': `import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-trail';
//                         ^^^^^^^^^^^^^^^^^^^^^^ layering/contract audit-trail.ts is internal to module "audit"
import { cents } from '../plans/pricing.helper';
//                    ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract pricing.helper.ts is internal to module "plans"
@Injectable()
export class BackofficeService {
  constructor(private readonly audit: AuditTrail) {}
  charge(tier: string) { return this.audit.note(String(cents(tier))); }
}
`,
      'src/modules/audit/audit.module.ts': `import { Module } from '@nestjs/common';
import { AuditTrail } from './audit-trail';
@Module({ providers: [AuditTrail] })
export class AuditModule {}
`,
      'src/modules/audit/audit-trail.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class AuditTrail { note(text: string) { return text; } }
`,
    });
  });

  it('modular-monolith: a Nest module that registers queues and exports BullModule hands out their names (injecting a queue takes its name); not exported, the names stay internal', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/jobs/jobs.constants.ts': `export const RECEIPTS_QUEUE = 'receipts';
export const CLEANUP_QUEUE = 'cleanup';
`,
      'src/modules/jobs/jobs.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { RECEIPTS_QUEUE } from './jobs.constants';
@Module({ imports: [BullModule.registerQueue({ name: RECEIPTS_QUEUE })], exports: [BullModule] })
export class JobsModule {}
`,
      'src/modules/reports/reports.constants.ts': `export const DIGEST_QUEUE = 'digest';
`,
      'src/modules/reports/reports.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { DIGEST_QUEUE } from './reports.constants';
@Module({ imports: [BullModule.registerQueue({ name: DIGEST_QUEUE })] })
export class ReportsModule {}
`,
      'src/modules/billing/billing.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { RECEIPTS_QUEUE } from '../jobs/jobs.constants';
import { DIGEST_QUEUE } from '../reports/reports.constants';
//                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract reports.constants.ts is internal to module "reports"
@Injectable()
export class BillingService {
  constructor(@InjectQueue(RECEIPTS_QUEUE) private readonly receipts: Queue) {}
  send(id: string) { return this.receipts.add(DIGEST_QUEUE, { id }); }
}
`,
    });
  });

  it("modular-monolith: a Nest module exporting TypeOrmModule hands out the repositories of the entities it registers; another module's entity stays internal", () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/stock/stock.module.ts': `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StockLevel } from './entities/stock-level.entity';
import { StockService } from './stock.service';
@Module({ imports: [TypeOrmModule.forFeature([StockLevel])], providers: [StockService], exports: [StockService, TypeOrmModule] })
export class StockModule {}
`,
      'src/modules/stock/stock.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class StockService { levels() { return 1; } }
`,
      'src/modules/stock/entities/stock-level.entity.ts': `import { Entity, PrimaryColumn, Column } from 'typeorm';
@Entity()
export class StockLevel { @PrimaryColumn() sku!: string; @Column() units!: number; }
`,
      'src/modules/sales/sales.module.ts': `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Sale } from './entities/sale.entity';
import { SalesService } from './sales.service';
@Module({ imports: [TypeOrmModule.forFeature([Sale])], providers: [SalesService], exports: [SalesService] })
export class SalesModule {}
`,
      // Registering another module's entity and exporting TypeOrmModule hands out nothing of that module.
      'src/modules/ledger/ledger.module.ts': `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Sale } from '../sales/entities/sale.entity';
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract entities/sale.entity.ts is internal to module "sales"
@Module({ imports: [TypeOrmModule.forFeature([Sale])], exports: [TypeOrmModule] })
export class LedgerModule {}
`,
      'src/modules/sales/sales.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class SalesService { count() { return 0; } }
`,
      'src/modules/sales/entities/sale.entity.ts': `import { Entity, PrimaryColumn } from 'typeorm';
@Entity()
export class Sale { @PrimaryColumn() id!: string; }
`,
      'src/modules/audit/audit.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { StockLevel } from '../stock/entities/stock-level.entity';
import { Sale } from '../sales/entities/sale.entity';
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract entities/sale.entity.ts is internal to module "sales"
@Injectable()
export class AuditService {
  constructor(@InjectRepository(StockLevel) private readonly levels: Repository<StockLevel>, @InjectRepository(Sale) private readonly sales: Repository<Sale>) {}
  check() { return [this.levels, this.sales].length; }
}
`,
    });
  });

  it('modular-monolith: names an entity file only passes on from a shared package or the shared kernel reach nothing of its module; a name the module keeps does', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/shared/truck-colors.ts': `export enum TruckColor { Red = 'red', Blue = 'blue' }
`,
      'src/modules/fleet/index.ts': `export { Truck } from './entities/truck.entity';
`,
      'src/modules/fleet/entities/truck.entity.ts': `import { TruckState } from '@acme/shared';
import { TruckColor } from '../../../shared/truck-colors';
export { TruckState, TruckColor };
export enum TruckSize { Small = 'small', Large = 'large' }
export class Truck { state: TruckState = TruckState.Idle; size: TruckSize = TruckSize.Small; }
`,
      'src/modules/dispatch/dispatch.ts': `import { Truck, TruckState } from '../fleet/entities/truck.entity';
export const idle = (trucks: Truck[]) => trucks.filter((t) => t.state === TruckState.Idle);
`,
      'src/modules/dispatch/paint.ts': `import { Truck, TruckColor } from '../fleet/entities/truck.entity';
export const red = (truck: Truck) => (truck.size ? TruckColor.Red : TruckColor.Blue);
`,
      'src/modules/dispatch/sizing.ts': `import { Truck, TruckSize } from '../fleet/entities/truck.entity';
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract entities/truck.entity.ts is internal to module "fleet"
export const large = (trucks: Truck[]) => trucks.filter((t) => t.size === TruckSize.Large);
`,
    });
  });

  it('modular-monolith: a file of validation schemas that a public service takes its input in is part of its contract, used at run time too; files of functions or of event names beside it are not', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/auth/index.ts': `export * from './auth.service';
`,
      'src/modules/auth/auth.service.ts': `import { signInSchema, type SignInInput } from './auth.schemas';
import { pinDigits } from './auth.helpers';
import { AUTH_EVENTS } from './auth.events';
export class AuthService { signIn(body: unknown): SignInInput { const input = signInSchema.parse(body); return { ...input, pin: pinDigits(input.pin), event: AUTH_EVENTS.SIGNED_IN }; } }
`,
      // Event names and payload types are no validation schemas: the module keeps them.
      'src/modules/auth/auth.events.ts': `export const AUTH_EVENTS = { SIGNED_IN: 'auth.signed-in' } as const;
export interface SignedInEvent { email: string }
`,
      'src/modules/auth/auth.schemas.ts': `import { z } from 'zod';
export const signInSchema = z.object({ email: z.string().email(), pin: z.string().min(4) });
export type SignInInput = z.infer<typeof signInSchema>;
`,
      'src/modules/auth/auth.helpers.ts': `export const pinDigits = (pin: string) => pin.replace(/\\D/g, '');
`,
      'src/modules/backoffice/staff.controller.ts': `import { AuthService } from '../auth';
import { signInSchema } from '../auth/auth.schemas';
import { pinDigits } from '../auth/auth.helpers';
//                        ^^^^^^^^^^^^^^^^^^^^^^ layering/contract auth.helpers.ts is internal to module "auth"
export const staffSignIn = (body: unknown) => new AuthService().signIn(signInSchema.parse(body));
export const digitsOf = (pin: string) => pinDigits(pin);
`,
      'src/modules/backoffice/audit.listener.ts': `import { AUTH_EVENTS } from '../auth/auth.events';
//                          ^^^^^^^^^^^^^^^^^^^^^ layering/contract auth.events.ts is internal to module "auth"
export const listensTo = AUTH_EVENTS.SIGNED_IN;
`,
    });
  });

  it('modular-monolith and hexagonal: an import the file never refers to (or `import {} from`) is dead code the compiler drops, not a dependency; one it names, even in a type, or imports for its side effects, is', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: ['modular-monolith', 'hexagonal'], modules: ['src/modules/*'] }),
      'src/modules/auth/index.ts': `export const signIn = (email: string) => email.length > 3;
`,
      'src/modules/auth/decorators/current-user.ts': `export const CurrentUser = () => (target: object, key: string | symbol | undefined, index: number) => [target, key, index];
export interface SessionUser { id: string }
`,
      'src/modules/listings/domain/listing.ts': `import { PgListings } from '../infrastructure/pg-listings';
import type { PgRow } from '../infrastructure/pg-listings';
//                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the adapter layer
export class Listing { constructor(readonly id: string) {} static fromRow(row: PgRow) { return new Listing(row.id); } }
`,
      // Braces naming nothing are dropped as well; an import for its side effects is not.
      'src/modules/listings/domain/listing-rules.ts': `import {} from '../infrastructure/pg-listings';
export const maxTitle = 80;
`,
      'src/modules/listings/domain/listing-setup.ts': `import '../infrastructure/pg-listings';
//     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A domain must not depend on the adapter layer
export const ready = true;
`,
      'src/modules/listings/infrastructure/pg-listings.ts': `import { Pool } from 'pg';
export interface PgRow { id: string }
export class PgListings { private readonly pool = new Pool(); all() { return this.pool.query('select id from listings'); } }
`,
      'src/modules/listings/listings.routes.ts': `import { CurrentUser } from '../auth/decorators/current-user';
import type { SessionUser } from '../auth/decorators/current-user';
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract decorators/current-user.ts is internal to module "auth"
export const ownerOf = (user: SessionUser) => user.id;
`,
    });
  });

  it('modular-monolith: a file whose own documentation names the importing class, or calls itself the single place to import from, is used as designed; an undocumented internal, or a comment naming a mere word, is not', () => {
    checkRules(LAYERING, {
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/membership/index.ts': `export { joinPlan } from './join-plan';
`,
      'src/modules/membership/join-plan.ts': `export const joinPlan = (plan: string) => plan.trim();
`,
      'src/modules/membership/grant-seat.ts': `/**
 * Pure seat-granting step, kept apart so SupportDeskService and the billing webhooks reuse it.
 */
export const grantSeat = (seats: number) => seats + 1;
`,
      'src/modules/membership/reserved-handles.ts': `// Handles nobody may register. The single source of truth: every module that checks a handle imports from here.
export const RESERVED_HANDLES: readonly string[] = ['admin', 'root'];
`,
      'src/modules/membership/plan-codes.ts': `/**
 * Plan codes. Every consumer of plan codes must import from this file.
 */
export const PLAN_CODES = ['free', 'team'] as const;
`,
      'src/modules/membership/seat-limits.ts': `import { PLAN_CODES } from './plan-codes';

/**
 * Shared seat-limit helper for the support and billing modules.
 */

export const TEAM = PLAN_CODES[1];
export const seatLimit = (plan: string) => (plan === TEAM ? 10 : 1);
`,
      // The same phrase in the team's own language (Spanish, Russian) says as much.
      'src/modules/membership/plan-tiers.ts': `/** Única fuente de verdad de los niveles de plan. */
export const PLAN_TIERS = ['basic', 'pro'] as const;
`,
      'src/modules/membership/seat-kinds.ts': `/** Виды мест — единственный источник правды для всех модулей. */
export const SEAT_KINDS = ['owner', 'member'] as const;
`,
      'src/modules/membership/seat-math.ts': `/** Seat arithmetic for the support desk. */
export const freeSeats = (total: number, used: number) => total - used;
`,
      // A comment right above a statement is that statement's, not the file's.
      'src/modules/membership/renewal-window.ts': `import { PLAN_CODES } from './plan-codes';
// Kept for old callers (other files import it from here)
export { PLAN_CODES };
export const renewalDays = 30;
`,
      'src/modules/support/support-desk.service.ts': `import { joinPlan } from '../membership';
import { grantSeat } from '../membership/grant-seat';
import { RESERVED_HANDLES } from '../membership/reserved-handles';
import { PLAN_CODES } from '../membership/plan-codes';
import { seatLimit } from '../membership/seat-limits';
import { PLAN_TIERS } from '../membership/plan-tiers';
import { SEAT_KINDS } from '../membership/seat-kinds';
import { freeSeats } from '../membership/seat-math';
//                        ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract seat-math.ts is internal to module "membership"
import { renewalDays } from '../membership/renewal-window';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract renewal-window.ts is internal to module "membership"
export class SupportDeskService {
  open(handle: string, plan: string, seats: number) {
    if (RESERVED_HANDLES.includes(handle)) return undefined;
    const known = PLAN_CODES.some((code) => code === plan);
    const tiered = PLAN_TIERS.some((tier) => tier === plan) && SEAT_KINDS.length > 0;
    return { plan: joinPlan(plan), known, tiered, seats: grantSeat(seats), free: freeSeats(seatLimit(plan), seats), days: renewalDays };
  }
}
`,
    });
  });

  it("modular-monolith: another module's event names, emitted or listened to, are the events' contract; the same constants used otherwise reach inside", () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/ledger/ledger.module.ts': `import { Module } from '@nestjs/common';
import { LedgerService } from './ledger.service';
@Module({ providers: [LedgerService], exports: [LedgerService] })
export class LedgerModule {}
`,
      'src/modules/ledger/ledger.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class LedgerService { balance() { return 0; } }
`,
      'src/modules/ledger/ledger.events.ts': `export const ENTRY_POSTED = 'ledger.entry-posted';
export enum LedgerEvent { Closed = 'ledger.closed' }
`,
      'src/modules/ledger/ledger-limits.ts': `export const DAILY_CAP = 1000;
`,
      'src/modules/payouts/payouts.service.ts': `import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { ENTRY_POSTED, LedgerEvent } from '../ledger/ledger.events';
@Injectable()
export class PayoutsService {
  constructor(private readonly events: EventEmitter2) {}
  pay(cents: number) { this.events.emit(ENTRY_POSTED, { cents }); }
  @OnEvent(LedgerEvent.Closed) settle() { return 'settled'; }
}
`,
      'src/modules/payouts/payout-report.ts': `import { ENTRY_POSTED } from '../ledger/ledger.events';
//                           ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract ledger.events.ts is internal to module "ledger"
import { DAILY_CAP } from '../ledger/ledger-limits';
//                        ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract ledger-limits.ts is internal to module "ledger"
export const reportLine = (cents: number) => ENTRY_POSTED + ': ' + Math.min(cents, DAILY_CAP);
`,
    });
  });

  it('modular-monolith: a Nest module nested in a folder that groups several is public like one at the top; its other files are not', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/clinicians/clinicians.module.ts': `import { Module } from '@nestjs/common';
import { ScheduleModule } from './schedule/schedule.module';
@Module({ imports: [ScheduleModule] })
export class CliniciansModule {}
`,
      'src/modules/clinicians/schedule/schedule.module.ts': `import { Module } from '@nestjs/common';
import { ScheduleService } from './schedule.service';
@Module({ providers: [ScheduleService], exports: [ScheduleService] })
export class ScheduleModule {}
`,
      'src/modules/clinicians/schedule/schedule.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class ScheduleService { freeSlots() { return ['09:00']; } }
`,
      'src/modules/clinicians/schedule/slot-rules.ts': `export const slotMinutes = 30;
`,
      'src/modules/visits/visits.module.ts': `import { Module } from '@nestjs/common';
import { ScheduleModule } from '../clinicians/schedule/schedule.module';
@Module({ imports: [ScheduleModule] })
export class VisitsModule {}
`,
      'src/modules/visits/visit-length.ts': `import { slotMinutes } from '../clinicians/schedule/slot-rules';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract schedule/slot-rules.ts is internal to module "clinicians"
export const visitLength = (slots: number) => slots * slotMinutes;
`,
    });
  });

  it('modular-monolith: a token injection typed with a shared contract ties the module to the contract, not to the module providing it', () => {
    const files = {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/common/contracts/quota.contract.ts': `export const QUOTA = Symbol('QUOTA');
export interface QuotaPort { remaining(tenant: string): number }
`,
      'src/modules/users/users.module.ts': `import { Module } from '@nestjs/common';
import { UsersService } from './users.service';
@Module({ providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
`,
      'src/modules/users/users.service.ts': `import { Inject, Injectable } from '@nestjs/common';
import { QUOTA, QuotaPort } from '../../common/contracts/quota.contract';
@Injectable()
export class UsersService {
  constructor(@Inject(QUOTA) private readonly quota: QuotaPort) {}
  invite(tenant: string) { return this.quota.remaining(tenant) > 0; }
}
`,
      'src/modules/tenants/tenants.module.ts': `import { Module } from '@nestjs/common';
import { QUOTA } from '../../common/contracts/quota.contract';
import { UsersModule } from '../users/users.module';
import { TenantQuotaService } from './tenant-quota.service';
@Module({ imports: [UsersModule], providers: [{ provide: QUOTA, useClass: TenantQuotaService }], exports: [QUOTA] })
export class TenantsModule {}
`,
      'src/modules/tenants/tenant-quota.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersService } from '../users/users.service';
import type { QuotaPort } from '../../common/contracts/quota.contract';
@Injectable()
export class TenantQuotaService implements QuotaPort {
  constructor(private readonly users: UsersService) {}
  remaining(tenant: string) { return tenant.length + (this.users ? 1 : 0); }
}
`,
    };
    const findings = checkRules(LAYERING, files).findings.filter((f) => f.ruleId === 'layering/contract');
    assert.deepEqual(findings, [], 'users depends on the shared contract; tenants provides it');
  });

  it('modular-monolith: a decorator another module declares, applied as one, reaches into nothing; a guard it hands to a decorator, or its internals called, do', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/identity/index.ts': `export { IdentityModule } from './identity.module';
`,
      'src/modules/identity/identity.module.ts': `import { Module } from '@nestjs/common';
@Module({})
export class IdentityModule {}
`,
      'src/modules/identity/decorators/needs-role.decorator.ts': `import { SetMetadata } from '@nestjs/common';
export const NeedsRole = (role: string) => SetMetadata('role', role);
`,
      'src/modules/identity/internal/role-table.ts': `export const rolesOf = (user: string) => (user === 'root' ? ['admin'] : []);
`,
      'src/modules/identity/guards/staff.guard.ts': `export class StaffGuard { canActivate() { return true; } }
`,
      'src/modules/invoices/invoices.controller.ts': `import { Controller, Get, UseGuards } from '@nestjs/common';
import { NeedsRole } from '../identity/decorators/needs-role.decorator';
import { StaffGuard } from '../identity/guards/staff.guard';
//                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract guards/staff.guard.ts is internal to module "identity"
import { rolesOf } from '../identity/internal/role-table';
//                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract internal/role-table.ts is internal to module "identity"
@Controller('v1/invoices')
@UseGuards(StaffGuard)
export class InvoicesController {
  @Get() @NeedsRole('accountant') list() { return rolesOf('root'); }
}
`,
    });
  });

  it("modular-monolith: the type a decorator's file declares for what it hands the parameter is the aspect's too, named beside the decorator or alone; a type of a file used otherwise is not", () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/identity/identity.module.ts': `import { Module } from '@nestjs/common';
@Module({})
export class IdentityModule {}
`,
      'src/modules/identity/signed-in.decorator.ts': `import { createParamDecorator } from '@nestjs/common';
export interface SignedInUser { id: string; tenant: string }
export const SignedIn = createParamDecorator((_data: unknown, ctx: { user?: SignedInUser }): SignedInUser | undefined => ctx.user);
`,
      'src/modules/identity/session-store.ts': `export interface SessionRow { token: string }
export const findSession = (token: string): SessionRow => ({ token });
`,
      'src/modules/identity/sessions.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { findSession } from './session-store';
@Controller('v1/sessions')
export class SessionsController { @Get() current() { return findSession('t'); } }
`,
      'src/modules/notes/notes.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { SignedIn, SignedInUser } from '../identity/signed-in.decorator';
@Controller('v1/notes')
export class NotesController {
  @Get() mine(@SignedIn() user: SignedInUser) { return user.id; }
}
`,
      'src/modules/notes/notes-audit.ts': `import type { SignedInUser } from '../identity/signed-in.decorator';
import type { SessionRow } from '../identity/session-store';
//                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract session-store.ts is internal to module "identity"
export const auditLine = (user: SignedInUser, session: SessionRow) => user.id + ':' + session.token;
`,
    });
  });

  it('modular-monolith: what a dynamic import takes is judged like a static import; guards and decorators close no cycle between modules', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/reports/index.ts': `export { monthly } from './charts/monthly';
`,
      'src/modules/reports/charts/monthly.ts': `export const monthly = () => 'm';
export const yearly = () => 'y';
`,
      'src/modules/dashboard/load.ts': `export async function load() {
  const { monthly } = await import('../reports/charts/monthly');
  const { yearly } = await import('../reports/charts/monthly');
  //                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract charts/monthly.ts is internal to module "reports"
  return monthly() + yearly();
}
`,
      // Several imports awaited together are read one by one.
      'src/modules/dashboard/load-both.ts': `export async function loadBoth() {
  const [{ monthly }, { yearly }] = await Promise.all([
    import('../reports/charts/monthly'),
    import('../reports/charts/monthly'),
    //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract charts/monthly.ts is internal to module "reports"
  ]);
  return monthly() + yearly();
}
`,
      'src/modules/access/index.ts': `export { AccessGuard } from './access.guard';
export { AccessModule } from './access.module';
`,
      'src/modules/access/access.guard.ts': `import { Injectable } from '@nestjs/common';
import { MembersService } from '../members';
@Injectable()
export class AccessGuard { constructor(private readonly members: MembersService) {} canActivate() { return this.members.exists(); } }
`,
      'src/modules/access/access.module.ts': `import { Module } from '@nestjs/common';
import { AccessGuard } from './access.guard';
@Module({ providers: [AccessGuard], exports: [AccessGuard] })
export class AccessModule {}
`,
      'src/modules/members/index.ts': `export { MembersService } from './members.service';
`,
      'src/modules/members/members.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class MembersService { exists() { return true; } }
`,
      'src/modules/members/members.controller.ts': `import { Controller, Get, UseGuards } from '@nestjs/common';
import { AccessGuard } from '../access';
@Controller('v1/members')
@UseGuards(AccessGuard)
export class MembersController { @Get() list() { return []; } }
`,
    });
  });

  it("modular-monolith: what a Nest module's metadata names (imports, inject) links modules, decorator or not", () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'modular-monolith' }),
      'src/modules/access/index.ts': `export { AccessModule } from './access.module';
`,
      'src/modules/access/access.module.ts': `import { Module } from '@nestjs/common';
import { MembersModule } from '../members';
//                            ^^^^^^^^^^^^ layering/contract Modules "access", "members" depend on each other in a cycle
@Module({ imports: [MembersModule] })
export class AccessModule {}
`,
      'src/modules/members/index.ts': `export { MembersModule } from './members.module';
`,
      'src/modules/members/members.module.ts': `import { Module } from '@nestjs/common';
import { AccessModule } from '../access';
@Module({ imports: [AccessModule] })
export class MembersModule {}
`,
    });
  });

  it('cqrs: a query handler that writes or depends on a command handler is reported; a command handler may write', () => {
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({ preset: 'cqrs' }),
      'src/orders/orders.repository.ts': `import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Injectable()
export class OrdersRepository {
  constructor(private readonly db: DataSource) {}
  save(order: { id: string }) { return this.db.query('insert into orders values ($1)', [order.id]); }
  find(id: string) { return this.db.query('select * from orders where id = $1', [id]); }
}
`,
      'src/orders/place-order.handler.ts': `import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrdersRepository } from './orders.repository';
export class PlaceOrder { constructor(readonly id: string) {} }
@CommandHandler(PlaceOrder)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrder> {
  constructor(private readonly orders: OrdersRepository) {}
  execute(command: PlaceOrder) { return this.orders.save({ id: command.id }); }
}
`,
      'src/orders/get-order.handler.ts': `import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrdersRepository } from './orders.repository';
import { PlaceOrderHandler } from './place-order.handler';
//                                ^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A query must not depend on the command layer
export class GetOrder { constructor(readonly id: string) {} }
@QueryHandler(GetOrder)
export class GetOrderHandler implements IQueryHandler<GetOrder> {
  private readonly seen = new Map<string, number>();
  constructor(private readonly orders: OrdersRepository) {}
  async execute(query: GetOrder) {
    this.seen.delete(query.id);
    await this.orders.save({ id: query.id });
    //    ^^^^^^^^^^^^^^^^ layering/contract a query must not write data (it calls this.orders.save())
    return [this.orders.find(query.id), PlaceOrderHandler.name];
  }
}
`,
    });
  });

  it('monorepo: each workspace package can have its own preset; packages can be layers of a contract', () => {
    const useCase = `import { Injectable } from '@nestjs/common';
import { SmtpMailer } from '../infrastructure/smtp-mailer';
@Injectable()
export class SendWelcome {
  constructor(private readonly mailer: SmtpMailer) {}
  run(to: string) { return this.mailer.send(to); }
}
`;
    const mailer = `import { Injectable } from '@nestjs/common';
@Injectable()
export class SmtpMailer { send(to: string) { return to; } }
`;
    checkRules(LAYERING, {
      'tsconfig.json': NEST_TSCONFIG,
      'layerguard.json': JSON.stringify({
        packages: { 'apps/api': { preset: 'hexagonal' } },
        contracts: [{ type: 'layers', name: 'apps over libs', layers: ['apps/*', 'libs/*'] }],
      }),
      'apps/api/src/application/send-welcome.ts': useCase.replace(
        'constructor(private readonly mailer: SmtpMailer) {}',
        `constructor(private readonly mailer: SmtpMailer) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency An application must not depend on the adapter layer`,
      ),
      'apps/api/src/infrastructure/smtp-mailer.ts': mailer,
      'apps/api/src/domain/welcome.ts': `export const welcomeText = (name: string) => \`welcome, \${name}\`;
`,
      // The same code in a package without a preset: the layered default sees no layers to break.
      'apps/worker/src/application/send-welcome.ts': useCase,
      'apps/worker/src/infrastructure/smtp-mailer.ts': mailer,
      'libs/text/src/greeting.ts': `import { SendWelcome } from '../../../apps/worker/src/application/send-welcome';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/contract "libs/text" must not depend on "apps/worker", a level above it
export const greeting = (name: string) => \`hello \${name} \${SendWelcome.name}\`;
`,
    });
  });

  it('an unknown preset is a configuration error that names the presets', () => {
    const loaded = parseConfig('/w/layerguard.json', JSON.stringify({ preset: 'onion' }));
    assert.equal(loaded.ok, false);
    assert.match(loaded.ok ? '' : (loaded.errors[0]?.message ?? ''), /preset.*"layered"\s*\|\s*"hexagonal"/);
  });

  it('layers and dependencies written in the file add to the preset and replace its entries', () => {
    const loaded = parseConfig(
      '/w/layerguard.json',
      JSON.stringify({ preset: 'hexagonal', dependencies: { application: { forbid: ['adapter'] } }, layers: { gateway: { patterns: ['src/gateways/**'] } } }),
    );
    assert.ok(loaded.ok);
    assert.deepEqual([...(loaded.config.policy.get('application')?.forbid ?? [])], ['adapter']);
    assert.equal(loaded.config.policy.get('application')?.source, 'layerguard.json');
    assert.equal(loaded.config.policy.get('domain')?.source, 'the hexagonal preset');
    assert.ok(loaded.config.layers.some((l) => l.id === 'gateway') && loaded.config.layers.some((l) => l.id === 'domain'));
  });
});
