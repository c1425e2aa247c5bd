import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkRule, NEST_TSCONFIG, project } from '../../../helpers/project';

const RULE = 'layering/forbidden-dependency';

const userEntity = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column() email!: string;
}
`;

/** `src/repositories/<name>.repository.ts`: a repository class over a Knex table. */
function knexRepository(name: string, table: string): Record<string, string> {
  return {
    [`src/repositories/${name.toLowerCase()}.repository.ts`]: `import type { Knex } from 'knex';
export class ${name}Repository {
  constructor(private readonly db: Knex) {}
  all() { return this.db('${table}'); }
}
`,
  };
}

describe(RULE, () => {
  it('flags a Nest controller that imports and injects a repository, on the constructor parameter', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/users/user.entity.ts': userEntity,
      'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class UsersRepository {
  findAll() { return []; }
}
`,
      'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersRepository) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A controller must not depend on the repository layer: it injects UsersRepository. users.repository.ts is in the

  @Get() list() { return this.users.findAll(); }
}
`,
    });
  });

  it('flags @InjectRepository in a controller although no repository file is imported', () => {
    const result = checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/users/user.entity.ts': userEntity,
      'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency injects the TypeORM repository of User. Injected with @InjectRepository

  @Get() list() { return this.repo.find(); }
}
`,
    });
    assert.equal(result.findings[0]?.severity, 'warning');
  });

  it('lets services use @InjectRepository when the app has no repository layer (the ORM is the repository)', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/users/user.entity.ts': userEntity,
      'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}
  find(id: number) { return this.repo.findOneBy({ id }); }
}
`,
    });
  });

  it('flags a service that bypasses an existing repository layer when the team requires its own repositories', () => {
    checkRule(RULE, {
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { requireOwnRepositories: true } } } }),
      'tsconfig.json': NEST_TSCONFIG,
      'src/users/user.entity.ts': userEntity,
      'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}
}
`,
      'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from '../users/user.entity';
@Injectable()
export class OrdersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A service must not depend on the data-access layer
}
`,
    });
  });

  it('flags a repository that injects a service over repositories', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/pricing/pricing.service.ts': `import { Injectable } from '@nestjs/common';
import { RatesRepository } from './rates.repository';
@Injectable()
export class PricingService {
  constructor(private readonly rates: RatesRepository) {}
  withTax(p: number) { return p * this.rates.vat(); }
}
`,
      'src/pricing/rates.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class RatesRepository { vat() { return 1.2; } }
`,
      'src/products/products.repository.ts': `import { Injectable } from '@nestjs/common';
import { PricingService } from '../pricing/pricing.service';

@Injectable()
export class ProductsRepository {
  constructor(private readonly pricing: PricingService) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A repository must not depend on the service layer
}
`,
    });
  });

  it('lets a repository use a service that is its tool (an API client, a cipher, a unit of work), not one that orchestrates repositories, itself or through another service', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/shared/unit-of-work.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { ClientSession, Connection } from 'mongoose';
@Injectable()
export class UnitOfWork {
  constructor(@InjectConnection() private readonly connection: Connection) {}
  async inTransaction<T>(work: (session: ClientSession) => Promise<T>) { const session = await this.connection.startSession(); return session.withTransaction(() => work(session)); }
}
`,
      'src/teams/teams.repository.ts': `import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../shared/unit-of-work.service';
import { AuditService } from '../audit/audit.service';
import { RatesApiService } from '../datasources/rates-api.service';
import { FieldCipherService } from '../crypto/field-cipher.service';
@Injectable()
export class TeamsRepository {
  constructor(private readonly uow: UnitOfWork, private readonly audit: AuditService, private readonly rates: RatesApiService, private readonly cipher: FieldCipherService) {}
  //                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A repository must not depend on the service layer
  rename(id: string) { return this.uow.inTransaction(async () => this.audit.record(this.cipher.seal(id + this.rates.current()))); }
}
`,
      'src/datasources/http-client.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class HttpClientService { get(url: string) { return fetch(url); } }
`,
      'src/datasources/rates-api.service.ts': `import { Injectable } from '@nestjs/common';
import { HttpClientService } from './http-client.service';
@Injectable()
export class RatesApiService {
  constructor(private readonly http: HttpClientService) {}
  current() { return String(this.http.get('https://rates.invalid/today')); }
}
`,
      'src/crypto/field-cipher.service.ts': `import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
@Injectable()
export class FieldCipherService { seal(value: string) { return createHash('sha256').update(value).digest('hex'); } }
`,
      'src/billing/invoices.repository.ts': `import { Injectable } from '@nestjs/common';
import { ReportingService } from '../reporting/reporting.service';
@Injectable()
export class InvoicesRepository {
  constructor(private readonly reporting: ReportingService) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A repository must not depend on the service layer
  total() { return this.reporting.summary(); }
}
`,
      'src/reporting/reporting.service.ts': `import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
@Injectable()
export class ReportingService {
  constructor(private readonly audit: AuditService) {}
  summary() { return this.audit.record('summary'); }
}
`,
      'src/audit/audit.repository.ts': `import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
@Injectable()
export class AuditRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}
  insert(id: string) { return this.connection.collection('audit').insertOne({ id }); }
}
`,
      'src/audit/audit.service.ts': `import { Injectable } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
@Injectable()
export class AuditService {
  constructor(private readonly audits: AuditRepository) {}
  record(id: string) { return id ? this.audits.insert(id) : undefined; }
}
`,
    });
  });

  it('lets any layer use a shared helper service that depends on no layer of the app, but not a shared service that does', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/common/pagination/services/pagination.service.ts': `import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
@Injectable()
export class PaginationService {
  constructor(private readonly config: ConfigService) {}
  offset(page: number) { return (page - 1) * 20; }
}
`,
      'src/shared/audit/audit.service.ts': `import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../../audit/audit.repository';
@Injectable()
export class AuditService { constructor(private readonly audit: AuditRepository) {} }
`,
      'src/audit/audit.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class AuditRepository { save() { return 1; } }
`,
      'src/products/products.repository.ts': `import { Injectable } from '@nestjs/common';
import { PaginationService } from '../common/pagination/services/pagination.service';
import { AuditService } from '../shared/audit/audit.service';

@Injectable()
export class ProductsRepository {
  constructor(private readonly pagination: PaginationService, private readonly audit: AuditService) {}
  //                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A repository must not depend on the service layer
}
`,
    });
  });

  it('follows tsconfig path aliases and barrels to the file that defines the class', () => {
    const result = checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/products/repositories/products.repository.ts': `export class ProductsRepository { all() { return []; } }
`,
      'src/products/repositories/index.ts': `export * from './products.repository';
`,
      'src/products/index.ts': `export { ProductsRepository } from './repositories';
`,
      'src/api/products.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { ProductsRepository } from '@app/products';

@Controller('products')
export class ProductsController {
  @Get() list() { return new ProductsRepository().all(); }
  //                     ^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency it creates ProductsRepository with new. products.repository.ts is in the
}
`,
    });
    const imported = result.graph.edges.find((e) => e.kind === 'import' && e.from.endsWith('products.controller.ts') && !e.external);
    assert.ok(imported?.to.endsWith('src/products/repositories/products.repository.ts'), `the import goes through alias and two barrels to the defining file, got ${imported?.to}`);
    assert.deepEqual(result.findings[0]?.related.find((r) => r.message.startsWith('also'))?.start, { line: 1, character: 35 });
  });

  it('reports once per pair of files, at the most telling edge, with the other edges as related locations', () => {
    const result = checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/users.repository.ts': `export class UsersRepository {}
`,
      'src/users.controller.ts': `import { Controller } from '@nestjs/common';
import { UsersRepository } from './users.repository';
@Controller()
export class UsersController {
  constructor(private readonly repo: UsersRepository) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency
}
`,
    });
    const related = result.findings[0]?.related ?? [];
    assert.ok(
      related.some((r) => r.file.endsWith('users.repository.ts') && r.message.includes('repository layer')),
      'points at the target file',
    );
    assert.ok(
      related.some((r) => r.file.endsWith('users.controller.ts') && r.start.line === 1),
      'points at the import too',
    );
  });

  it('flags Express controllers that query the database client or build a repository with new', () => {
    checkRule(RULE, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true } }),
      'src/db.ts': `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
`,
      'src/repositories/order.repository.ts': `import type { Knex } from 'knex';
export class OrderRepository {
  constructor(private readonly db: Knex) {}
  recent() { return this.db('orders').orderBy('created_at', 'desc').limit(10); }
}
`,
      'src/controllers/order.controller.ts': `import type { Request, Response } from 'express';
import { db } from '../db.js';
//                 ^^^^^^^^^^ layering/forbidden-dependency must not depend on the data-access layer: it imports db.ts
import { OrderRepository } from '../repositories/order.repository.js';

export class OrderController {
  async recent(_req: Request, res: Response) {
    const orders = await new OrderRepository(db).recent();
    //                   ^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency it creates OrderRepository with new. order.repository.ts is in the
    res.json(orders);
  }
}
`,
    });
  });

  it('takes a repository built only to be handed to a factory function of the app (as an argument, or in its options) for wiring', () => {
    checkRule(RULE, {
      'src/db.ts': `import knex from 'knex';
export const db = knex({ client: 'pg' });
`,
      ...knexRepository('Invoice', 'invoices'),
      ...knexRepository('Refund', 'refunds'),
      ...knexRepository('Export', 'exports'),
      'src/services/billing.ts': `import type { InvoiceRepository } from '../repositories/invoice.repository';
import type { RefundRepository } from '../repositories/refund.repository';
export const createBillingModule = (deps: { invoices: InvoiceRepository; refunds: RefundRepository }) => ({ list: () => deps.invoices.all(), refunds: () => deps.refunds.all() });
export const makeRefunds = (refunds: RefundRepository) => ({ list: () => refunds.all() });
`,
      'src/routes.ts': `import { Router } from 'express';
import type { Knex } from 'knex';
import { InvoiceRepository } from './repositories/invoice.repository';
import { RefundRepository } from './repositories/refund.repository';
import { ExportRepository } from './repositories/export.repository';
import { createBillingModule, makeRefunds } from './services/billing';

export function routes(db: Knex) {
  const router = Router();
  const billing = createBillingModule({ invoices: new InvoiceRepository(db), refunds: new RefundRepository(db) });
  const refunds = makeRefunds(new RefundRepository(db));
  const exportsRepository = new ExportRepository(db);
  //                        ^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A router must not depend on the repository layer: it creates ExportRepository with new
  router.get('/v1/invoices', async (_req, res) => { res.json(await billing.list()); });
  router.get('/v1/refunds', async (_req, res) => { res.json(await refunds.list()); });
  router.get('/v1/exports', async (_req, res) => { res.json(await exportsRepository.all()); });
  return router;
}
`,
    });
  });

  it('takes repositories built by their own factory functions only to be returned by a factory of the app for wiring; one the router calls is reported', () => {
    const ledgerRepository = (name: string) => `import type { Knex } from 'knex';
export const create${name}Repository = (db: Knex) => ({ all: () => db('${name.toLowerCase()}s') });
`;
    checkRule(RULE, {
      'src/repositories/ledger.repository.ts': ledgerRepository('Ledger'),
      'src/repositories/report.repository.ts': ledgerRepository('Report'),
      'src/services/billing.ts': `export const createBillingModule = (deps: { ledger: { all(): unknown } }) => ({ list: () => deps.ledger.all() });
`,
      'src/billing.routes.ts': `import { Router } from 'express';
import type { Knex } from 'knex';
import { createLedgerRepository } from './repositories/ledger.repository';
import { createBillingModule } from './services/billing';

function createBillingDeps(db: Knex) {
  return { ledger: createLedgerRepository(db) };
}

export function billingRoutes(db: Knex) {
  const router = Router();
  const billing = createBillingModule(createBillingDeps(db));
  router.get('/v1/ledger', async (_req, res) => { res.json(await billing.list()); });
  return router;
}
`,
      'src/report.routes.ts': `import { Router } from 'express';
import type { Knex } from 'knex';
import { createReportRepository } from './repositories/report.repository';
//                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A router must not depend on the repository layer

export function reportRoutes(db: Knex) {
  const router = Router();
  const reports = createReportRepository(db);
  router.get('/v1/reports', async (_req, res) => { res.json(await reports.all()); });
  return router;
}
`,
    });
  });

  it('takes a repository built only to be handed to another constructor for wiring, and still reports one the router calls', () => {
    checkRule(RULE, {
      'src/db.ts': `import knex from 'knex';
export const db = knex({ client: 'pg' });
`,
      ...knexRepository('Report', 'reports'),
      ...knexRepository('Audit', 'audits'),
      ...knexRepository('Export', 'exports'),
      'src/services/report.service.ts': `import type { ReportRepository } from '../repositories/report.repository';
export class ReportService {
  constructor(private readonly reports: ReportRepository) {}
  list() { return this.reports.all(); }
}
`,
      'src/services/audit.service.ts': `import type { AuditRepository } from '../repositories/audit.repository';
export class AuditService {
  constructor(private readonly audits: AuditRepository) {}
  list() { return this.audits.all(); }
}
`,
      'src/routes.ts': `import { Router } from 'express';
import type { Knex } from 'knex';
import { ReportRepository } from './repositories/report.repository';
import { AuditRepository } from './repositories/audit.repository';
import { ExportRepository } from './repositories/export.repository';
import { ReportService } from './services/report.service';
import { AuditService } from './services/audit.service';

export function routes(db: Knex) {
  const router = Router();
  const reports = new ReportService(new ReportRepository(db));
  const auditRepository = new AuditRepository(db);
  const audits = new AuditService(auditRepository);
  const exportsRepository = new ExportRepository(db);
  //                        ^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A router must not depend on the repository layer: it creates ExportRepository with new
  router.get('/v1/reports', async (_req, res) => { res.json(await reports.list()); });
  router.get('/v1/audits', async (_req, res) => { res.json(await audits.list()); });
  router.get('/v1/exports', async (_req, res) => { res.json(await exportsRepository.all()); });
  return router;
}
`,
    });
  });

  it('takes an adapter built only to be handed to a wrapper in the same file for wiring, though the wrapper names its own parameter the same; one the file calls is still a use', () => {
    checkRule(RULE, {
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/domain/ports/report-store.port.ts': `export interface ReportStore { all(): Promise<string[]> }
`,
      'src/infrastructure/pg-report-store.ts': `import { Pool } from 'pg';
import type { ReportStore } from '../domain/ports/report-store.port';
export class PgReportStore implements ReportStore {
  private readonly pool = new Pool();
  async all() { const r = await this.pool.query('select name from reports'); return r.rows.map((row: { name: string }) => row.name); }
}
`,
      'src/infrastructure/pg-audit-log.ts': `import { Pool } from 'pg';
export class PgAuditLog {
  private readonly pool = new Pool();
  async count() { const r = await this.pool.query('select count(*) as n from audits'); return Number(r.rows[0].n); }
}
`,
      'src/application/decorators/counting-report-store.ts': `import type { ReportStore } from '../../domain/ports/report-store.port';
import { PgReportStore } from '../../infrastructure/pg-report-store';
import { PgAuditLog } from '../../infrastructure/pg-audit-log';
class CountingReportStore implements ReportStore {
  private calls = 0;
  constructor(private readonly inner: ReportStore) {}
  all() { this.calls += 1; return this.inner.all(); }
}
const inner = new PgReportStore();
export const reportStore: ReportStore = new CountingReportStore(inner);
const audit = new PgAuditLog();
//            ^^^^^^^^^^^^^^^^ layering/forbidden-dependency An application must not depend on the adapter layer: it creates PgAuditLog with new
export const auditCount = () => audit.count();
`,
    });
  });

  it('takes a repository built from an inline require only to be handed to another constructor for wiring; one the router calls is still a use', () => {
    checkRule(RULE, {
      'src/db.ts': `import knex from 'knex';
export const db = knex({ client: 'pg' });
`,
      ...knexRepository('Report', 'reports'),
      ...knexRepository('Audit', 'audits'),
      'src/services/report.service.ts': `import type { ReportRepository } from '../repositories/report.repository';
export class ReportService {
  constructor(private readonly reports: ReportRepository) {}
  list() { return this.reports.all(); }
}
`,
      'src/routes/reports.ts': `import { Router } from 'express';
import { ReportService } from '../services/report.service';
const reportRepository = new (require('../repositories/report.repository').ReportRepository)();
const reports = new ReportService(reportRepository);
const audits = new (require('../repositories/audit.repository').AuditRepository)();
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A router must not depend on the repository layer
export const router = Router();
router.get('/v1/reports', async (_req, res) => { res.json(await reports.list()); });
router.get('/v1/audits', async (_req, res) => { res.json(await audits.all()); });
`,
    });
  });

  it("takes the query functions of a db/ folder, run through the app's own client, for a repository's work, and still reports a router on the client", () => {
    checkRule(RULE, {
      'src/jobs/db/client.ts': `import { Pool } from 'pg';
export const pool = new Pool();
`,
      'src/jobs/db/jobs.ts': `import { pool } from './client';
export async function claimJob(runner: string) { return pool.query('update jobs set runner = $1 where runner is null returning id', [runner]); }
`,
      'src/jobs/routes/claim-job.ts': `import { Router } from 'express';
import { claimJob } from '../db/jobs';
import { pool } from '../db/client';
//                   ^^^^^^^^^^^^^^ layering/forbidden-dependency A router must not depend on the data-access layer
export const claim = Router();
claim.post('/v1/jobs/claim', async (req, res) => { res.json(await claimJob(String(req.body.runner))); });
claim.get('/v1/jobs/count', async (_req, res) => { res.json(await pool.query('select count(*) from jobs')); });
`,
    });
  });

  it('sees CommonJS require in JavaScript projects', () => {
    const result = checkRule(RULE, {
      'src/services/user.service.js': `const { UserStore } = require('../repositories/user.store.repository');
class UserService { list() { return new UserStore().all(); } }
module.exports = { UserService };
`,
      'src/repositories/user.store.repository.js': `class UserStore { all() { return []; } }
module.exports = { UserStore };
`,
      'src/repositories/user.repository.js': `const { UserService } = require('../services/user.service');
class UserRepository { constructor() { this.users = new UserService(); } }
//                                                  ^^^^^^^^^^^^^^^^^ layering/forbidden-dependency it creates UserService with new. user.service.js is in the
module.exports = UserRepository;
`,
    });
    assert.ok(result.findings[0]?.related.some((r) => r.message === 'also requires it here' && r.start.line === 0 && r.start.character === 32));
  });

  it("lets a controller take a schema or a response shape declared beside a sibling's handlers, and reports taking its handler under a team policy", () => {
    checkRule(RULE, {
      'layerguard.json': JSON.stringify({ dependencies: { controller: { allow: ['service', 'dto', 'model', 'middleware', 'config'] } } }),
      'tsconfig.json': '{}',
      'src/controllers/sessions.controller.ts': `import { z } from 'zod';
export const sessionBody = z.object({ userId: z.string() });
export class SessionResponse { id!: string; expiresAt!: string }
export async function createSession(req: { body: unknown }, res: { json(x: unknown): void }) { res.json(sessionBody.parse(req.body)); }
`,
      'src/controllers/reconnect.controller.ts': `import { sessionBody, SessionResponse } from './sessions.controller';
export async function reconnect(req: { body: unknown }, res: { json(x: unknown): void }) {
  const body = sessionBody.parse(req.body);
  const answer: SessionResponse = { id: body.userId, expiresAt: '' };
  res.json(answer);
}
`,
      'src/controllers/legacy.controller.ts': `import { createSession } from './sessions.controller';
//                            ^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A controller must not depend on the controller layer
export const legacyCreate = createSession;
`,
    });
  });

  it('stays quiet on the dependencies the policy allows, and on unclassified files', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/users/user.entity.ts': userEntity,
      'src/users/dto/create-user.dto.ts': `import { IsEmail } from 'class-validator';
export class CreateUserDto { @IsEmail() email!: string; }
`,
      'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>, private readonly dataSource: DataSource) {}
}
`,
      'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { formatEmail } from '../utils/format';
import { CreateUserDto } from './dto/create-user.dto';
import { UsersRepository } from './users.repository';
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}
  create(dto: CreateUserDto) { return formatEmail(dto.email); }
}
`,
      'src/utils/format.ts': `import { UsersRepository } from '../users/users.repository';
export const formatEmail = (e: string) => e.toLowerCase();
export type Repo = UsersRepository;
`,
      'src/users/users.controller.ts': `import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '../auth/auth.guard';
import { CreateUserDto } from './dto/create-user.dto';
import { User } from './user.entity';
import { UsersService } from './users.service';
@Controller('users')
@UseGuards(AuthGuard)
export class UsersController {
  constructor(private readonly users: UsersService) {}
  @Post() create(@Body() dto: CreateUserDto): Promise<User> { return this.users.create(dto) as never; }
}
`,
      'src/auth/auth.guard.ts': `import { CanActivate, Injectable } from '@nestjs/common';
@Injectable()
export class AuthGuard implements CanActivate { canActivate() { return true; } }
`,
      'src/users/users.module.ts': `import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
@Module({ controllers: [UsersController], providers: [UsersService, UsersRepository] })
export class UsersModule {}
`,
      'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { UsersModule } from './users/users.module';
import { UsersRepository } from './users/users.repository';
void NestFactory.create(UsersModule).then((app) => { app.get(UsersRepository); return app.listen(3000); });
`,
    });
  });

  it('resolves @Inject(TOKEN) through the module providers', () => {
    const result = checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/tokens.ts': `export const USERS_REPO = Symbol('USERS_REPO');
`,
      'src/users/users.repository.ts': `export class TypeOrmUsersRepository { all() { return []; } }
`,
      'src/users/users.module.ts': `import { Module } from '@nestjs/common';
import { USERS_REPO } from '../tokens';
import { TypeOrmUsersRepository } from './users.repository';
import { UsersController } from './users.controller';
@Module({ controllers: [UsersController], providers: [{ provide: USERS_REPO, useClass: TypeOrmUsersRepository }] })
export class UsersModule {}
`,
      'src/users/users.controller.ts': `import { Controller, Inject } from '@nestjs/common';
import { USERS_REPO } from '../tokens';
@Controller('users')
export class UsersController {
  constructor(@Inject(USERS_REPO) private readonly repo: { all(): unknown[] }) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency injects TypeOrmUsersRepository through @Inject(USERS_REPO)
}
`,
    });
    assert.equal(result.findings.length, 1);
  });

  it('lets a repository use functions that sit under services/ but reach no layer, and still reports a service class or functions over models', () => {
    checkRule(RULE, {
      'src/services/paging/cursor.ts': `import { z } from 'zod';
const Cursor = z.object({ id: z.string(), at: z.number() });
export function encodeCursor(id: string, at: number) { return Buffer.from(JSON.stringify({ id, at })).toString('base64url'); }
export function decodeCursor(text: string) { return Cursor.parse(JSON.parse(Buffer.from(text, 'base64url').toString())); }
`,
      'src/models/invoice.model.ts': `import mongoose from 'mongoose';
export const Invoice = mongoose.model('Invoice', new mongoose.Schema({ total: Number }));
`,
      'src/services/invoice-totals.ts': `import { Invoice } from '../models/invoice.model';
export async function totalOf(id: string) { const invoice = await Invoice.findById(id); return invoice?.total ?? 0; }
`,
      'src/repositories/delivery.repository.ts': `import { encodeCursor } from '../services/paging/cursor';
import { totalOf } from '../services/invoice-totals';
//                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A repository must not depend on the service layer
export class DeliveryRepository {
  page(rows: { id: string; at: number }[]) { const last = rows[rows.length - 1]; return last ? encodeCursor(last.id, last.at) : undefined; }
  total(id: string) { return totalOf(id); }
}
`,
    });
  });

  it('lets a repository extend an abstract persistence base whatever its name, and still reports injecting a service', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/core/crud/crud.service.ts': `import { Repository } from 'typeorm';
export abstract class CrudService<T> {
  protected constructor(protected readonly repository: Repository<T>) {}
  findAll() { return this.repository.find(); }
}
`,
      'src/billing/billing.service.ts': `import { Injectable } from '@nestjs/common';
import { LedgerRepository } from './ledger.repository';
@Injectable()
export class BillingService {
  constructor(private readonly ledger: LedgerRepository) {}
  charge() { return this.ledger.append(1); }
}
`,
      'src/billing/ledger.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class LedgerRepository { append(n: number) { return n; } }
`,
      'src/tokens/token.repository.ts': `import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { CrudService } from '../core/crud/crud.service';
import { BillingService } from '../billing/billing.service';
class Token { id!: string }
@Injectable()
export class TokenRepository extends CrudService<Token> {
  constructor(repository: Repository<Token>, private readonly billing: BillingService) { super(repository); }
  //                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A repository must not depend on the service layer
}
`,
    });
  });

  it('allows extending a base class of the same layer (a generic base resolver, a base controller)', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/common/base.resolver.ts': `import { Resolver, Query } from '@nestjs/graphql';
export function CrudResolver<T>(entity: T) {
  @Resolver({ isAbstract: true })
  abstract class Crud { @Query() list() { return [entity]; } }
  return Crud;
}
`,
      'src/invoices/invoice.entity.ts': '@ObjectType() export class Invoice { id!: string }\n',
      'src/invoices/invoices.resolver.ts': `import { Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/base.resolver';
import { Invoice } from './invoice.entity';
@Resolver(() => Invoice)
export class InvoicesResolver extends CrudResolver(Invoice) {}
`,
      'src/core/BaseController.ts': `export abstract class BaseController {
  protected ok(res: { json(x: unknown): void }, body: unknown) { res.json(body); }
  abstract run(req: unknown, res: unknown): Promise<void>;
}
`,
      'src/billing/ChargeController.ts': `import { BaseController } from '../core/BaseController';
export class ChargeController extends BaseController { async run(req: unknown, res: { json(x: unknown): void }) { this.ok(res, req); } }
`,
    });
  });

  it('takes a seed or fixture file the app imports at run time for reference data, not a dependency on tooling', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/database/seeds/pod-sizes.seed.ts': "export const POD_SIZES = 'small: 1cpu\\nlarge: 4cpu';\n",
      'src/database/database.service.ts': `import { POD_SIZES } from './seeds/pod-sizes.seed';
export class DatabaseService {
  podSizes() { return POD_SIZES.split('\\n'); }
}
`,
    });
  });

  it('does not count decorators and re-exported names as dependencies', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/cache/cached.interceptor.ts': `export function Cached(): MethodDecorator { return () => undefined; }
export class CachedInterceptor { intercept(ctx: unknown, next: { handle(): unknown }) { return next.handle(); } }
`,
      'src/reports/reports.service.ts': `import { Cached } from '../cache/cached.interceptor';
export class ReportsService { @Cached() totals() { return 1; } }
`,
      'src/web/comments.controller.js': 'exports.list = (ctx) => { ctx.body = []; };\n',
      'src/web/articles.controller.js': `const comments = require('./comments.controller');
module.exports = { list: (ctx) => { ctx.body = []; }, comments };
`,
      'jsconfig.json': '{ "compilerOptions": { "allowJs": true, "checkJs": false } }',
    });
  });

  it('lets health checks (also Kubernetes-style readyz, livez files) ping the database, and still reports other controllers that do', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/prisma/prisma.service.ts': "import { PrismaClient } from '@prisma/client';\nexport class PrismaService extends PrismaClient {}\n",
      'src/users/users.service.ts': `import { PrismaService } from '../prisma/prisma.service';
export class UsersService { constructor(private readonly prisma: PrismaService) {} all() { return this.prisma.user.findMany(); } }
`,
      'src/health/health.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}
  @Get() check() { return this.prisma.$queryRaw\`SELECT 1\`; }
}
`,
      'src/probes/readyz.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
@Controller('probes')
export class ProbesController {
  constructor(private readonly prisma: PrismaService) {}
  @Get() ready() { return this.prisma.$queryRaw\`SELECT 1\`; }
}
`,
      'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
@Controller('users')
export class UsersController {
  constructor(private readonly prisma: PrismaService) {}
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A controller must not depend on the data-access layer
  @Get() list() { return this.prisma.user.findMany(); }
}
`,
    });
  });

  it('takes a generic controller.ts in a health/ folder for a health check: its ping of the database is the probe', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/prisma/prisma.service.ts': "import { PrismaClient } from '@prisma/client';\nexport class PrismaService extends PrismaClient {}\n",
      'src/modules/users/users.service.ts': `import { PrismaService } from '../../prisma/prisma.service';
const prisma = new PrismaService();
export const allUsers = () => prisma.user.findMany();
`,
      'src/modules/users/controller.ts': `import type { Request, Response } from 'express';
import { allUsers } from './users.service';
export async function listUsers(_req: Request, res: Response) { res.json(await allUsers()); }
`,
      'src/modules/health/controller.ts': `import type { Request, Response } from 'express';
import { PrismaService } from '../../prisma/prisma.service';
const prisma = new PrismaService();
export async function getStatus(_req: Request, res: Response) { res.json({ db: await prisma.$queryRaw\`SELECT 1\` }); }
`,
      'src/modules/invoices/controller.ts': `import type { Request, Response } from 'express';
import { PrismaService } from '../../prisma/prisma.service';
const prisma = new PrismaService();
//             ^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A controller must not depend on the data-access layer
export async function listInvoices(_req: Request, res: Response) { res.json(await prisma.invoice.findMany()); }
`,
    });
  });

  it('accepts a two-tier app (no service, no repository layer, every controller on the database) and flags the same code once controllers call a service layer', () => {
    const controllers: Record<string, string> = {};
    for (const name of ['tags', 'articles', 'profiles']) {
      controllers[`src/controllers/${name}-controller.js`] = `const db = require('../db');\nexports.list = async (ctx) => { ctx.body = await db('${name}'); };\n`;
    }
    const app = { 'jsconfig.json': '{ "compilerOptions": { "allowJs": true } }', 'src/db.js': "module.exports = require('knex')({ client: 'pg' });\n", ...controllers };
    checkRule(RULE, app);
    const layered = project({
      ...app,
      'src/services/tags.service.js': "const db = require('../db');\nexports.all = () => db('tags');\n",
      'src/controllers/tags-controller.js':
        "const db = require('../db');\nconst tags = require('../services/tags.service');\nexports.list = async (ctx) => { ctx.body = await db('tags'); };\nexports.count = async (ctx) => { ctx.body = (await tags.all()).length; };\n",
    }).analyze();
    const flagged = layered.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => path.posix.basename(f.file))
      .sort();
    assert.deepEqual(flagged, ['articles-controller.js', 'profiles-controller.js', 'tags-controller.js']);
  });

  it('does not count query-building helpers of an ORM as data access', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/routes/documents.ts': `import { Router } from 'express';
import { Sequelize } from 'sequelize';
import { Document } from '../models/document.model';
export const documents = Router();
documents.post('/:id/view', async (req, res) => { await Document.update({ views: Sequelize.literal('views + 1') }, { where: { id: req.params.id } }); res.end(); });
`,
      'src/models/document.model.ts': "import { Model } from 'sequelize';\nexport class Document extends Model {}\n",
      'src/services/paging.service.ts': `import { gt } from 'drizzle-orm';
export class PagingService { after(column: unknown, cursor: string) { return gt(column as never, cursor); } }
`,
      'src/repositories/users.repository.ts': "import { drizzle } from 'drizzle-orm/node-postgres';\nexport class UsersRepository { private readonly db = drizzle(''); }\n",
    });
  });

  it("does not count the app's database module used only for query fragments, and still counts it used to query", () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/db.ts': "import knex from 'knex';\nexport const db = knex({ client: 'pg' });\n",
      'src/models/visit.model.ts': "import { Model } from 'sequelize';\nexport class Visit extends Model {}\n",
      'src/services/report.service.ts': "import { Visit } from '../models/visit.model';\nexport class ReportService { total() { return Visit.count(); } }\n",
      'src/routes/visits.ts': `import { Router } from 'express';
import { db } from '../db';
import { Visit } from '../models/visit.model';
export const visits = Router();
visits.get('/v1/visits/open', async (_req, res) => { res.json(await Visit.findAll({ where: db.raw('opened = ?', [true]) })); });
`,
      'src/routes/counts.ts': `import { Router } from 'express';
import { db } from '../db';
//                 ^^^^^^^ layering/forbidden-dependency A router must not depend on the data-access layer
export const counts = Router();
counts.get('/v1/counts', async (_req, res) => { res.json(await db.raw('select count(*) from visits')); res.json(await db.select('*').from('visits')); });
`,
    });
  });

  it('does not count the model types and enums a schema generates as data access, only its client', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/members/members.service.ts': 'export class MembersService { find(id: string) { return { id }; } }\n',
      'src/members/members.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';
import { Member, Tier, Prisma } from '@prisma/client';
import { MembersService } from './members.service';
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}
  @Get(':tier') list(@Param('tier') tier: Tier, current: Member): Prisma.SortOrder { return tier === Tier.GOLD ? 'asc' : 'desc'; }
}
`,
      'src/members/members.resolver.ts': `import { Resolver } from '@nestjs/graphql';
import { PrismaService } from 'nestjs-prisma';
import { MembersService } from './members.service';
@Resolver()
export class MembersResolver {
  constructor(private readonly members: MembersService, private readonly prisma: PrismaService) {}
  //                                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A controller must not depend on the data-access layer: it injects PrismaService
  owner(id: string) { return this.prisma.member.findUnique({ where: { id } }); }
}
`,
    });
  });

  it('lets CQRS query handlers read the database directly, and reports command handlers that do when the team requires its own repositories', () => {
    checkRule(RULE, {
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { requireOwnRepositories: true } } } }),
      'tsconfig.json': NEST_TSCONFIG,
      'src/orders/database/orders.repository.ts':
        "import { Pool } from 'pg';\nexport class OrdersRepository { constructor(private readonly pool: Pool) {} save(o: object) { return this.pool.query('INSERT INTO orders DEFAULT VALUES', []); } }\n",
      'src/orders/queries/list-orders.query-handler.ts': `import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
export class ListOrdersQuery {}
@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler {
  constructor(private readonly pool: Pool) {}
  execute() { return this.pool.query('SELECT * FROM orders'); }
}
`,
      'src/orders/commands/place-order.service.ts': `import { Pool } from 'pg';
import { OrdersRepository } from '../database/orders.repository';
export class PlaceOrderService {
  constructor(private readonly orders: OrdersRepository, private readonly pool: Pool) {}
  //                                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A service must not depend on the data-access layer
  run() { return this.pool.query('UPDATE orders SET placed = true'); }
}
`,
    });
  });
});
