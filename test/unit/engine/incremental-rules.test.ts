import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AnalysisSession, registerRule, RULES, type AnalysisResult } from '../../../server/src/engine';
import { z } from 'zod';
import { NEST_TSCONFIG, project } from '../../helpers/project';

/**
 * Per-file rules reuse their results for files whose inputs did not change. Each file below has
 * variants that change what other files' findings depend on (a DTO's decorators, an installed
 * ValidationPipe, global versioning, a validating router, which class is a repository), so that a
 * missing dependency in the reuse key shows up as a difference from a fresh analysis.
 */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  'src/main.ts': [
    `import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\nvoid NestFactory.create(AppModule).then((app) => { app.useGlobalPipes(new ValidationPipe()); app.enableVersioning({ type: 1, defaultVersion: '1' }); return app.listen(3000); });\n`,
    `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nvoid NestFactory.create(AppModule).then((app) => app.listen(3000));\n`,
  ],
  'src/users/dto/create-user.dto.ts': [`import { IsEmail } from 'class-validator';\nexport class CreateUserDto { @IsEmail() email!: string; }\n`, `export class CreateUserDto { email!: string; }\n`],
  'src/users/users.controller.ts': [
    `import { Body, Controller, Post } from '@nestjs/common';\nimport { CreateUserDto } from './dto/create-user.dto';\nimport { UsersService } from './users.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Post() create(@Body() dto: CreateUserDto) { return this.users.create(dto.email); }\n}\n`,
    `import { Body, Controller, Post } from '@nestjs/common';\nimport { UsersRepository } from './users.repository';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly repo: UsersRepository) {}\n  @Post() create(@Body() body: any) { try { return this.repo.save(body); } catch (e) {} }\n}\n`,
  ],
  'src/users/users.service.ts': [
    `import { Injectable } from '@nestjs/common';\nimport { UsersRepository } from './users.repository';\n@Injectable()\nexport class UsersService {\n  constructor(private readonly repo: UsersRepository) {}\n  create(email: string) { return this.repo.save({ email }); }\n  async all(ids: string[]) { const out = []; for (const id of ids) out.push(await this.repo.findById(id)); return out; }\n}\n`,
    `import { Injectable } from '@nestjs/common';\nconst apiKey = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';\n@Injectable()\nexport class UsersService {\n  create(email: string) { return fetch('https://api.mailer.example.net/send', { headers: { key: apiKey }, body: email }); }\n}\n`,
  ],
  'src/users/users.repository.ts': [
    `import { Injectable } from '@nestjs/common';\nimport type { Pool } from 'pg';\n@Injectable()\nexport class UsersRepository {\n  constructor(private readonly pool: Pool) {}\n  save(user: { email: string }) { return this.pool.query('INSERT INTO users(email) VALUES ($1)', [user.email]); }\n  findById(id: string) { return this.pool.query(\`SELECT * FROM users WHERE id = '\${id}'\`); }\n}\n`,
    `export class UsersRepository {\n  save(user: unknown) { return user; }\n  findById(id: string) { return id; }\n}\n`,
  ],
  'src/orders/orders.router.ts': [
    `import { Router } from 'express';\nimport { validate } from '../validate';\nimport { createOrder } from './orders.controller';\nexport const ordersRouter = Router();\nordersRouter.post('/', validate, createOrder);\n`,
    `import { Router } from 'express';\nimport { createOrder } from './orders.controller';\nexport const ordersRouter = Router();\nordersRouter.post('/orders', createOrder);\n`,
  ],
  'src/orders/orders.controller.ts': [
    `import type { Request, Response } from 'express';\nexport async function createOrder(req: Request, res: Response) { res.status(201).json({ sku: req.body.sku }); }\n`,
    `import type { Request, Response } from 'express';\nexport async function createOrder(req: Request, res: Response) { try { res.json({ sku: req.body.sku }); } catch (err) { res.status(200).json({}); } }\n`,
  ],
  // Imported as a namespace: the importer's edges never look into it, only its layer changes.
  'src/legacy/helper.ts': [`export const helper = 1;\n`, `import { Controller } from '@nestjs/common';\n@Controller('v1/helper')\nexport class HelperController {}\n`],
  // A base class: whether the billing repository reaches the database (and so is a repository,
  // which the billing controller must not inject) depends on this file only.
  'src/billing/base.repository.ts': [
    `import { getManager } from 'typeorm';\nexport class BaseRepository { protected table(name: string) { return getManager().query(name); } }\n`,
    // The same dependency in shape (a run-time import of typeorm), but only an error class: no data access.
    `import { QueryFailedError } from 'typeorm';\nexport class BaseRepository { protected table(name: unknown) { return name instanceof QueryFailedError; } }\n`,
  ],
  // Named like a service: whether it is business logic or an adapter follows what it uses.
  'src/billing/ledger.service.ts': [
    `import pino from 'pino';\nexport class LedgerService { private readonly log = pino(); write(x: string) { this.log.info(x); } }\n`,
    `import { BillingRepository } from './billing.repository';\nexport class LedgerService { constructor(private readonly billing: BillingRepository) {} write(x: string) { return [this.billing, x]; } }\n`,
  ],
  // Two steps from the repository below: whether PagingService is a shared helper depends on it.
  'src/common/paging-helper.ts': [`export const pageSize = 20;\n`, `import { Controller } from '@nestjs/common';\n@Controller('v1/paging')\nexport class PagingController {}\n`],
};

const fixed = {
  'src/billing/billing.repository.ts': `import pino from 'pino';\nimport { BaseRepository } from './base.repository';\nexport class BillingRepository extends BaseRepository { private readonly log = pino(); invoices() { this.log.info('x'); return this.table('invoices'); } }\n`,
  // Two steps from the base class: it reaches the database only through BillingRepository.
  'src/billing/invoices.repository.ts': `import pino from 'pino';\nimport { BillingRepository } from './billing.repository';\nexport class InvoicesRepository extends BillingRepository { private readonly audit = pino(); }\n`,
  'src/billing/billing.controller.ts': `import { Controller, Get } from '@nestjs/common';\nimport { BillingRepository } from './billing.repository';\nimport { InvoicesRepository } from './invoices.repository';\nimport { LedgerService } from './ledger.service';\n@Controller('v1/billing')\nexport class BillingController {\n  constructor(private readonly billing: BillingRepository, private readonly invoices: InvoicesRepository, private readonly ledger: LedgerService) {}\n  @Get() list() { return [this.billing.invoices(), this.invoices, this.ledger]; }\n}\n`,
  'src/common/paging.service.ts': `import * as helpers from './paging-helper';\nexport class PagingService {\n  page() { return helpers; }\n}\n`,
  'src/orders/orders.repository.ts': `import { PagingService } from '../common/paging.service';\nexport class OrdersRepository {\n  constructor(private readonly paging: PagingService) {}\n}\n`,
  'src/legacy/legacy.service.ts': `import * as helper from './helper';\nexport const legacy = helper;\n`,
  'tsconfig.json': NEST_TSCONFIG,
  'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users/users.controller';\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n`,
  'src/validate.ts': `import type { NextFunction, Request, Response } from 'express';\nexport function validate(req: Request, _res: Response, next: NextFunction) { next(); }\n`,
};

function everything(result: AnalysisResult): string[] {
  return result.findings.map((f) => `${path.posix.relative(result.root, f.file)} ${f.range.start}-${f.range.end} ${f.severity} ${f.ruleId} ${f.message}`);
}

describe('incremental rule results', () => {
  it('equal a fresh analysis after any sequence of edits to files other files depend on (property)', () => {
    const files = Object.keys(VARIANTS);
    const initial = Object.fromEntries(files.map((f) => [f, VARIANTS[f]![0]!]));
    const p = project({ ...fixed, ...initial });
    const edit = fc.record({ file: fc.constantFrom(...files), variant: fc.nat(1), close: fc.boolean() });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const session = new AnalysisSession({ root: p.root });
        const overlays = new Map<string, string>();
        session.analyze();
        for (const e of edits) {
          const full = path.join(p.root, e.file);
          if (e.close) overlays.delete(full);
          else overlays.set(full, VARIANTS[e.file]![e.variant]!);
          session.setOverlay(full, overlays.get(full));
          const fresh = new AnalysisSession({ root: p.root });
          for (const [file, text] of overlays) fresh.setOverlay(file, text);
          assert.deepEqual(everything(session.analyze()), everything(fresh.analyze()));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('re-checks only the edited file with the per-file rules, and its findings are the fresh ones', () => {
    const files = Object.keys(VARIANTS);
    const p = project({ ...fixed, ...Object.fromEntries(files.map((f) => [f, VARIANTS[f]![0]!])) });
    const session = new AnalysisSession({ root: p.root });
    const before = everything(session.analyze());
    const service = path.join(p.root, 'src/users/users.service.ts');
    session.setOverlay(service, VARIANTS['src/users/users.service.ts']![1]!);
    const after = everything(session.analyze());
    assert.ok(
      after.some((f) => f.startsWith('src/users/users.service.ts') && f.includes('security/hardcoded-secret')),
      'the edit is seen',
    );
    assert.ok(!after.some((f) => f.includes('data/n-plus-one')), 'the old finding of the edited file is gone');
    assert.deepEqual(
      after.filter((f) => f.startsWith('src/orders/')),
      before.filter((f) => f.startsWith('src/orders/')),
      'untouched files keep their findings',
    );
  });

  it("re-judges a module's stacked rings when another module comes to keep a port", () => {
    const p = project({
      'layerguard.json': JSON.stringify({ preset: 'hexagonal' }),
      'src/modules/profiles/domain/profile.ts': 'export class Profile { constructor(readonly id: string) {} }\n',
      'src/modules/profiles/infrastructure/profile.repository.ts':
        "import { Pool } from 'pg';\nconst pool = new Pool();\nexport class ProfileRepository { byId(id: string) { return pool.query('select 1 where $1 = $1', [id]); } }\n",
      'src/modules/profiles/application/profile.service.ts':
        "import { ProfileRepository } from '../infrastructure/profile.repository';\nexport class ProfileService { constructor(private readonly profiles: ProfileRepository) {} show(id: string) { return this.profiles.byId(id); } }\n",
      'src/modules/billing/domain/invoice-store.ts': 'export interface InvoiceStore { save(id: string): Promise<unknown> }\n',
      'src/modules/billing/infrastructure/sql-invoices.ts':
        "import { Pool } from 'pg';\nconst pool = new Pool();\nexport class SqlInvoices { save(id: string) { return pool.query('insert into invoices values ($1)', [id]); } }\n",
      'src/modules/billing/application/issue-invoice.ts':
        "import { SqlInvoices } from '../infrastructure/sql-invoices';\nexport class IssueInvoice { constructor(private readonly store: SqlInvoices) {} run(id: string) { return this.store.save(id); } }\n",
    });
    const session = new AnalysisSession({ root: p.root });
    const layering = (result: AnalysisResult) =>
      everything(result)
        .filter((f) => f.includes('layering/forbidden-dependency'))
        .map((f) => f.split(' ')[0]);
    assert.deepEqual(layering(session.analyze()), ['src/modules/billing/application/issue-invoice.ts', 'src/modules/profiles/application/profile.service.ts'], 'no port anywhere: both reported');
    // billing comes to keep a port: its store implements the interface, and its use case takes it.
    session.setOverlay(
      path.join(p.root, 'src/modules/billing/infrastructure/sql-invoices.ts'),
      "import { Pool } from 'pg';\nimport type { InvoiceStore } from '../domain/invoice-store';\nconst pool = new Pool();\nexport class SqlInvoices implements InvoiceStore { save(id: string) { return pool.query('insert into invoices values ($1)', [id]); } }\n",
    );
    session.setOverlay(
      path.join(p.root, 'src/modules/billing/application/issue-invoice.ts'),
      "import type { InvoiceStore } from '../domain/invoice-store';\nexport class IssueInvoice { constructor(private readonly store: InvoiceStore) {} run(id: string) { return this.store.save(id); } }\n",
    );
    assert.deepEqual(layering(session.analyze()), [], 'profiles, untouched, now stacks its rings beside a module with ports');
  });

  it('re-checks every file after an analysis in which the rule crashed (its results of that analysis are missing)', () => {
    const p = project({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' });
    const flagged = registerRule({
      meta: { id: 'test/flagged', description: 'Flags files that say flag.', defaultSeverity: 'warning', fixable: false },
      options: z.object({}),
      perFile: () => '',
      check(context) {
        for (const node of context.graph.files.values()) {
          if (context.checkFiles && !context.checkFiles.has(node.file)) continue;
          if (node.text.includes('CRASH')) throw new Error('crash on purpose');
          if (node.text.includes('flag')) context.report({ file: node.file, range: { start: 0, end: 1 }, message: 'flagged' });
        }
      },
    });
    const session = new AnalysisSession({ root: p.root, rules: [flagged, ...RULES] });
    const [a, b] = ['src/a.ts', 'src/b.ts'].map((f) => path.join(p.root, f)) as [string, string];
    session.analyze();
    session.setOverlay(b, 'export const flag = 1;\n');
    session.setOverlay(a, 'export const CRASH = 1;\n');
    assert.ok(session.analyze().problems.some((problem) => problem.message.includes('crash on purpose')));
    session.setOverlay(a, 'export const a = 2;\n');
    const flaggedFiles = session
      .analyze()
      .findings.filter((f) => f.ruleId === 'test/flagged')
      .map((f) => path.basename(f.file));
    assert.deepEqual(flaggedFiles, ['b.ts'], 'b.ts changed while the rule crashed: its finding must not be lost');
  });

  it('keeps import cycles right when an edit moves their edges, breaks them or closes them again', () => {
    const a = `import { b } from './b';\nexport const a = () => b;\n`;
    const b = `import { a } from './a';\nexport const b = () => a;\n`;
    const p = project({ 'src/a.ts': a, 'src/b.ts': b, 'src/c.ts': `export const c = 1;\n` });
    const session = new AnalysisSession({ root: p.root });
    const file = path.join(p.root, 'src/a.ts');
    const cycles = (result: AnalysisResult) => everything(result).filter((f) => f.includes('layering/cycle'));
    assert.equal(cycles(session.analyze()).length, 1);
    for (const text of [`// moved\n\n${a}`, `export const a = () => 1;\n`, `${a}// again\n`, `import { c } from './c';\n${a}`]) {
      session.setOverlay(file, text);
      const fresh = new AnalysisSession({ root: p.root, once: true });
      fresh.setOverlay(file, text);
      assert.deepEqual(cycles(session.analyze()), cycles(fresh.analyze()), text);
    }
  });
});
