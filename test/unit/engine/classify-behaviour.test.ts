import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkRule, project } from '../../helpers/project';

const NEST = '{ "compilerOptions": { "experimentalDecorators": true, "emitDecoratorMetadata": true, "allowJs": true } }';

function classify(files: Record<string, string>): Record<string, string | null> {
  const result = project({ 'tsconfig.json': NEST, ...files }).analyze();
  return Object.fromEntries([...result.graph.files.values()].map((n) => [path.posix.relative(result.root, n.file), n.layer ?? null]));
}

describe('classification: what a file does wins over what it is called', () => {
  it('gives a container.ts of DI key names no layer, and keeps a container that creates and binds', () => {
    const keys = {
      'src/shared/container.ts': "export const ServiceKeys = { orders: 'ordersService', mailer: 'mailer' } as const;\nexport type ServiceKey = keyof typeof ServiceKeys;\n",
      'src/http/orders.routes.ts': `import { Router } from 'express';
import { ServiceKeys } from '../shared/container';
export const ordersRouter = Router();
ordersRouter.get('/v1/orders', (req: { scope: { resolve(k: string): { list(): unknown } } }, res: { json(x: unknown): void }) => res.json(req.scope.resolve(ServiceKeys.orders).list()));
`,
    };
    const layers = classify({
      ...keys,
      'src/ioc/container.ts': "import { Container } from 'inversify';\nimport { Mailer } from '../mail/mailer';\nexport const container = new Container();\ncontainer.bind(Mailer).toSelf();\n",
      'src/mail/mailer.ts': 'export class Mailer { send(to: string) { return to; } }\n',
    });
    assert.equal(layers['src/shared/container.ts'], null, 'only key names: it wires nothing');
    assert.equal(layers['src/ioc/container.ts'], 'composition-root');
    // Registering the app's classes in an awilix container created elsewhere wires them as much.
    const registered = classify({
      'src/configuration/container.ts': "import { createContainer } from 'awilix';\nexport const container = createContainer();\n",
      'src/configuration/registrations.ts': `import { asClass, asValue, type AwilixContainer } from 'awilix';
import { OrdersController } from '../http/orders.controller';
export function registerDependencies(container: AwilixContainer, db: unknown) {
  container.register({ db: asValue(db), ordersController: asClass(OrdersController).singleton() });
}
`,
      'src/configuration/limits.ts': "import { asValue } from 'awilix';\nexport const limits = asValue({ perPage: 20 });\n",
      'src/http/orders.controller.ts': 'export class OrdersController { list(req: unknown, res: { json(x: unknown): void }) { res.json([req]); } }\n',
    });
    assert.equal(registered['src/configuration/container.ts'], 'composition-root');
    assert.equal(registered['src/configuration/registrations.ts'], 'composition-root', 'asClass registrations');
    assert.equal(registered['src/configuration/limits.ts'], 'config', 'a value alone registers none of the app’s classes');
    // tsyringe's global container is filled where classes are registered with it, not where they are resolved.
    const tsyringe = classify({
      'src/config/container.ts': `import 'reflect-metadata';
import { container } from 'tsyringe';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LedgerController } from '../ledger/ledger.controller';
container.registerSingleton(LedgerRepository);
container.registerSingleton(LedgerController);
`,
      'src/config/resolve.ts':
        "import { container } from 'tsyringe';\nimport { LedgerController } from '../ledger/ledger.controller';\nexport const ledger = () => container.resolve(LedgerController);\n",
      'src/ledger/ledger.repository.ts': 'export class LedgerRepository { rows() { return []; } }\n',
      'src/ledger/ledger.controller.ts': 'export class LedgerController { list(req: unknown, res: { json(x: unknown): void }) { res.json([req]); } }\n',
    });
    assert.equal(tsyringe['src/config/container.ts'], 'composition-root', 'registerSingleton fills the container');
    assert.equal(tsyringe['src/config/resolve.ts'], 'config', 'resolving from the container wires nothing');
    checkRule('layering/forbidden-dependency', { 'tsconfig.json': NEST, ...keys });
  });

  it('gives no layer to wiring files: registries, CommonJS barrels, per-feature composition, module metadata', () => {
    const layers = classify({
      'src/handlers/orders.controller.ts': '@Controller("orders") export class OrdersController {}\n',
      'src/handlers/invoices.controller.ts': '@Controller("invoices") export class InvoicesController {}\n',
      'src/handlers/index.ts': `import { OrdersController } from './orders.controller';
import { InvoicesController } from './invoices.controller';
export const allControllers = [OrdersController, InvoicesController];
`,
      'src/legacy/controllers/index.js': `module.exports.orderController = require('./order.controller');
module.exports.invoiceController = require('./invoice.controller');
`,
      'src/legacy/controllers/order.controller.js': 'exports.list = (req, res) => res.json([]);\n',
      'src/legacy/controllers/invoice.controller.js': 'exports.list = (req, res) => res.json([]);\n',
      'src/legacy/services/index.js': `const billing = require('./billing.service');
const mailing = require('./mailing.service');
module.exports = { billing, mailing };
`,
      'src/legacy/services/billing.service.js': 'exports.bill = () => 1;\n',
      'src/legacy/services/mailing.service.js': 'exports.send = () => 1;\n',
      'src/features/useCases/openAccount/index.ts': `import { OpenAccountUseCase } from './OpenAccountUseCase';
import { OpenAccountController } from './OpenAccountController';
import { accountStore } from '../../stores';
const openAccount = new OpenAccountUseCase(accountStore);
export const openAccountController = new OpenAccountController(openAccount);
`,
      'src/features/useCases/openAccount/OpenAccountUseCase.ts': 'export class OpenAccountUseCase { constructor(private readonly store: unknown) {} run() { return this.store; } }\n',
      'src/features/useCases/openAccount/OpenAccountController.ts':
        'export class OpenAccountController { constructor(private readonly useCase: unknown) {} handle(req: unknown, res: unknown) { return [req, res, this.useCase]; } }\n',
      'src/features/stores.ts': 'export const accountStore = {};\n',
      'src/billing/billing.module.config.ts': `import { InvoicesController } from '../handlers/invoices.controller';
export const billingModuleMetadata = () => ({ controllers: [InvoicesController] });
`,
    });
    assert.equal(layers['src/handlers/index.ts'], null);
    assert.equal(layers['src/legacy/controllers/index.js'], null);
    assert.equal(layers['src/legacy/services/index.js'], null);
    assert.equal(layers['src/features/useCases/openAccount/index.ts'], null);
    assert.equal(layers['src/billing/billing.module.config.ts'], 'module');
    assert.equal(layers['src/legacy/controllers/order.controller.js'], 'controller', 'the files they list keep their layers');
  });

  it('does not report a registry of controllers as a controller depending on controllers', () => {
    checkRule('layering/forbidden-dependency', {
      'tsconfig.json': NEST,
      'src/web/controllers/reports.controller.ts': '@Controller("reports") export class ReportsController {}\n',
      'src/web/controllers/health.controller.ts': '@Controller("health") export class HealthController {}\n',
      'src/web/controllers/index.ts': `import { ReportsController } from './reports.controller';
import { HealthController } from './health.controller';
export default [ReportsController, HealthController];
`,
    });
  });

  it('checks names against behaviour: a controller answers requests, a router registers routes, a DTO holds shapes', () => {
    const layers = classify({
      'src/docs/openapi.controller.ts': `import { DocumentBuilder } from '@nestjs/swagger';
export const publishDocs = (app: unknown) => new DocumentBuilder().build();
function hide(doc: unknown) { return doc; }
export const hidden = hide;
`,
      'src/web/users.controller.ts': 'export const list = async (req: unknown, res: unknown) => [req, res];\n',
      'src/web/routes/app.routes.ts': "export const ROUTES = { users: '/users', orders: '/orders' };\n",
      'src/web/routes/users.ts': `import { Router } from 'express';
export const usersRouter = Router();
usersRouter.get('/', (_req, res) => res.json([]));
`,
      'src/web/routes/auth/token.utils.ts': 'export function readBearer(header: string) { return header.slice(7); }\n',
      'src/shared/validation.ts': 'export function isUuid(value: string) { return /^[0-9a-f-]{36}$/.test(value); }\n',
      'src/accounts/dto/open-account.dto.ts': 'export class OpenAccountDto { owner!: string }\n',
      // A class named Router that routes store calls by a context of its own is no HTTP router; a Koa handler uses Koa's context.
      'src/records/catalog/router.ts': `interface RoutingContext { tenant: string }
export class StoreRouter {
  resolve(ctx: RoutingContext) { return ctx.tenant; }
}
`,
      'src/koa/routes/health.router.ts': 'export async function health(ctx: { body: unknown }) { ctx.body = { ok: true }; }\n',
      // The browser's router maps URLs to screens: a table of links the back end may build, no route served.
      'src/links/routes.ts': `import { createRouter, defineRoute } from 'type-route';
export const { routes } = createRouter({ home: defineRoute('/'), invoice: defineRoute('/invoices') });
export const absolute = (base: string) => base + routes.home().href;
`,
      'src/api/routes.ts': `import { createRouter } from 'h3';
export const apiRouter = createRouter();
apiRouter.get('/v1/health', () => 'ok');
`,
    });
    assert.equal(layers['src/links/routes.ts'], null, "type-route's createRouter serves no request");
    assert.equal(layers['src/api/routes.ts'], 'router', 'a server router made by createRouter');
    assert.equal(layers['src/records/catalog/router.ts'], null, 'a store router taking a context of its own');
    assert.equal(layers['src/koa/routes/health.router.ts'], 'router', 'a Koa handler answers through ctx.body');
    assert.equal(layers['src/docs/openapi.controller.ts'], null);
    assert.equal(layers['src/web/users.controller.ts'], 'controller');
    assert.equal(layers['src/web/routes/app.routes.ts'], null, 'path constants are not a router');
    assert.equal(layers['src/web/routes/users.ts'], 'router');
    assert.equal(layers['src/web/routes/auth/token.utils.ts'], null, 'a helper in routes/ is not a router');
    assert.equal(layers['src/shared/validation.ts'], null, 'validation helpers are not DTOs');
    assert.equal(layers['src/accounts/dto/open-account.dto.ts'], 'dto');
  });

  it('reads `routes.<topic>.ts` that registers routes as a router, and a folder of such routers beside a repository as a feature, not a layer', () => {
    const register = (path: string) => `import type { FastifyInstance } from 'fastify';
export async function register(app: FastifyInstance) {
  app.get('${path}', async () => ({ ok: true }));
}
`;
    const files = {
      'src/modules/auth/routes.login.ts': register('/auth/login'),
      'src/modules/auth/routes.paths.ts': "export const LOGIN_PATH = '/auth/login';\n",
      'src/modules/settings/routes.core.ts': register('/settings'),
      'src/modules/settings/repo.ts': `import { db } from '../../db/client';
export const readSettings = () => db.query('select * from settings');
`,
      'src/modules/settings/index.ts': `import type { FastifyInstance } from 'fastify';
import { register } from './routes.core';
export async function settingsRoutes(app: FastifyInstance) { await register(app); }
export { readSettings } from './repo';
`,
      'src/db/client.ts': "import { Pool } from 'pg';\nexport const db = new Pool();\n",
    };
    const layers = classify(files);
    assert.equal(layers['src/modules/auth/routes.login.ts'], 'router', 'the kind first, the topic after');
    assert.equal(layers['src/modules/auth/routes.paths.ts'], null, 'paths only: it registers no route');
    assert.equal(layers['src/modules/settings/routes.core.ts'], 'router');
    assert.equal(layers['src/modules/settings/index.ts'], null, 'settings/ holding routes and a repository is a feature, not configuration');
  });

  it('reads a guards/ file of type guards and assertions as no request guard; a guard taking the request stays middleware', () => {
    const layers = classify({
      'src/realtime/lib/guards/is-player.ts': `interface Entity { type: string }
interface Player extends Entity { type: 'player'; name: string }
export const isPlayer = (entity: Entity): entity is Player => entity.type === 'player';
`,
      'src/realtime/lib/guards/assert-not-null.guard.ts': `export function assertNotNull<T>(value: T): asserts value is NonNullable<T> {
  if (value === null || value === undefined) throw new Error('missing value');
}
`,
      'src/http/guards/api-key.guard.ts': `export const apiKeyGuard = (req: { headers: Record<string, string> }, res: { status(code: number): { end(): void } }, next: () => void) => {
  if (req.headers['x-api-key'] === undefined) return res.status(401).end();
  next();
};
`,
    });
    assert.equal(layers['src/realtime/lib/guards/is-player.ts'], null);
    assert.equal(layers['src/realtime/lib/guards/assert-not-null.guard.ts'], null);
    assert.equal(layers['src/http/guards/api-key.guard.ts'], 'middleware');
  });

  it('treats ports (interfaces, pure abstract classes, tokens) as no layer, and CQRS messages as DTOs', () => {
    const layers = classify({
      'src/accounts/database/account.repository.port.ts': `export const ACCOUNT_STORE = Symbol('ACCOUNT_STORE');
export interface AccountRepositoryPort { findById(id: string): Promise<unknown> }
`,
      'src/accounts/database/ledger.repository.ts': 'export abstract class LedgerRepository { abstract append(entry: unknown): Promise<void>; }\n',
      'src/accounts/usecases/close-account/close-account.command.ts': 'export class CloseAccountCommand { constructor(readonly accountId: string) {} }\n',
      'src/accounts/usecases/close-account/close-account.handler.ts': '@CommandHandler(CloseAccountCommand) export class CloseAccountHandler { execute() { return 1; } }\n',
    });
    assert.equal(layers['src/accounts/database/account.repository.port.ts'], null);
    assert.equal(layers['src/accounts/database/ledger.repository.ts'], null);
    assert.equal(layers['src/accounts/usecases/close-account/close-account.command.ts'], 'dto');
    assert.equal(layers['src/accounts/usecases/close-account/close-account.handler.ts'], 'service');
  });

  it('reads implemented framework interfaces: a guard named like a service is middleware', () => {
    const layers = classify({
      'src/auth/tenant-guard.service.ts': `import { CanActivate } from '@nestjs/common';
@Injectable() export class TenantGuardService implements CanActivate { canActivate() { return true; } }
`,
      'src/events/events.gateway.ts': '@WebSocketGateway() export class EventsGateway { emit(x: unknown) { return x; } }\n',
    });
    assert.equal(layers['src/auth/tenant-guard.service.ts'], 'middleware');
    assert.equal(layers['src/events/events.gateway.ts'], null, 'a WebSocket gateway is not an HTTP controller');
  });

  it('confirms a repository by its data access, through base classes; one that wraps a logger or a broker is no repository', () => {
    const layers = classify({
      'src/dal/base.repository.ts': `import { Model } from 'mongoose';
export class BaseRepository<T> { constructor(protected readonly model: Model<T>) {} find() { return this.model.find(); } }
`,
      'src/dal/accounts/account.repository.ts': `import { BaseRepository } from '../base.repository';
export class AccountRepository extends BaseRepository<unknown> {}
`,
      'src/dal/audit/audit-log.repository.ts': `import * as winston from 'winston';
export class AuditLogRepository { private readonly log = winston.createLogger(); write(line: string) { this.log.info(line); } }
`,
      'src/dal/events/event-bus.repository.ts': `import { Kafka } from 'kafkajs';
export class EventBusRepository { private readonly kafka = new Kafka({ brokers: [] }); publish() { return this.kafka.producer(); } }
`,
      'src/dal/drafts/draft.repository.ts': 'export class DraftRepository { all() { return []; } }\n',
    });
    assert.equal(layers['src/dal/accounts/account.repository.ts'], 'repository', 'reaches mongoose through its base class');
    assert.equal(layers['src/dal/audit/audit-log.repository.ts'], null);
    assert.equal(layers['src/dal/events/event-bus.repository.ts'], null);
    assert.equal(layers['src/dal/drafts/draft.repository.ts'], 'repository', 'nothing contradicts a new repository');
  });

  it('confirms data-access files by a database client; helpers named database are not data access', () => {
    const layers = classify({
      'src/db.ts': "import knex from 'knex';\nexport const db = knex({ client: 'pg' });\n",
      'src/platform/database.ts': "export function isUniqueViolation(error: { code?: string }) { return error.code === '23505'; }\n",
    });
    assert.equal(layers['src/db.ts'], 'data-access');
    assert.equal(layers['src/platform/database.ts'], null);
  });

  it('gives no layer to a service that only wraps infrastructure, and keeps business services', () => {
    const layers = classify({
      'src/logging/logger.service.ts': "import pino from 'pino';\nexport class LoggerService { private readonly log = pino(); info(m: string) { this.log.info(m); } }\n",
      'src/pricing/pricing.service.ts': 'export class PricingService { total(items: number[]) { return items.reduce((a, b) => a + b, 0); } }\n',
      'src/orders/orders.service.ts': `import pino from 'pino';
import { OrdersRepository } from './orders.repository';
export class OrdersService { constructor(private readonly orders: OrdersRepository) {} list() { pino().info('x'); return this.orders.all(); } }
`,
      'src/orders/orders.repository.ts': "import knex from 'knex';\nexport class OrdersRepository { all() { return knex('orders'); } }\n",
    });
    assert.equal(layers['src/logging/logger.service.ts'], null);
    assert.equal(layers['src/pricing/pricing.service.ts'], 'service');
    assert.equal(layers['src/orders/orders.service.ts'], 'service');
  });

  it('takes a file that creates the application for the composition root, wherever it is', () => {
    const layers = classify({
      'src/services/web.ts': `import Koa from 'koa';
export function start() { const app = new Koa(); return app; }
`,
    });
    assert.equal(layers['src/services/web.ts'], 'composition-root');
  });

  it('takes a WebSocket server attached to the HTTP server for an adapter, not the composition root', () => {
    const layers = classify({
      'src/infrastructure/realtime/notifier.ts': `import { Server } from 'socket.io';
import type { Server as HttpServer } from 'node:http';
export class Notifier {
  private io?: Server;
  attach(http: HttpServer) { this.io = new Server(http, { cors: { origin: '*' } }); }
  shipmentMoved(id: string) { this.io?.emit('shipment', id); }
}
`,
      'src/infrastructure/hapi/server.ts': "import { Server } from '@hapi/hapi';\nexport const server = new Server({ port: 3000 });\n",
    });
    assert.notEqual(layers['src/infrastructure/realtime/notifier.ts'], 'composition-root');
    assert.equal(layers['src/infrastructure/hapi/server.ts'], 'composition-root', "hapi's Server is the app");
  });

  it('counts folder names from a package of its own: its name counts, the folders grouping packages do not', () => {
    const layers = classify({
      'services/orders/package.json': '{ "name": "orders" }',
      'services/orders/start.ts': "import { boot } from './boot';\nexport const started = boot();\n",
      'services/orders/boot.ts': 'export const boot = () => true;\n',
      'services/orders/services/pricing.ts': 'export const price = (n: number) => n * 2;\n',
      'libs/services/package.json': '{ "name": "services" }',
      'libs/services/src/discounts.ts': 'export const discount = (n: number) => n / 2;\n',
    });
    assert.equal(layers['services/orders/start.ts'], null);
    assert.equal(layers['services/orders/services/pricing.ts'], 'service');
    assert.equal(layers['libs/services/src/discounts.ts'], 'service');
  });

  it("takes only Node's createServer for a server, and a bare filter.ts or pipe.ts for a helper", () => {
    const layers = classify({
      'src/pages/pages.service.ts': `import { createServer } from 'vite';
export class PagesService { renderer = createServer({ mode: 'ssr' }); }
`,
      'src/server/listen.ts': `import { createServer } from 'node:http';
export const server = createServer((req, res) => res.end());
`,
      'src/server/legacy.js': "const { createServer } = require('http');\nmodule.exports = createServer(() => undefined);\n",
      'src/query/filter.ts': 'export function toWhere(filter: { field: string }) { return { [filter.field]: true }; }\n',
      'src/common/http-exception.filter.ts': '@Catch() export class HttpExceptionFilter { catch(error: unknown) { return error; } }\n',
      'src/env.ts': 'export const port = Number(process.env.PORT ?? 3000);\n',
    });
    assert.notEqual(layers['src/pages/pages.service.ts'], 'composition-root', 'a dev server of another package does not start this app');
    assert.equal(layers['src/server/listen.ts'], 'composition-root');
    assert.equal(layers['src/server/legacy.js'], 'composition-root');
    assert.equal(layers['src/query/filter.ts'], null);
    assert.equal(layers['src/common/http-exception.filter.ts'], 'middleware');
    assert.equal(layers['src/env.ts'], 'config');
  });

  it('explains each classification: the deciding evidence and what was overruled', () => {
    const result = project({
      'tsconfig.json': NEST,
      'src/docs/swagger.controller.ts': 'export function setupDocs(app: unknown) { return app; }\n',
    }).analyze();
    const node = [...result.graph.files.values()].find((n) => n.file.endsWith('swagger.controller.ts'));
    assert.deepEqual(node?.layerEvidence, [{ layer: 'controller', evidence: 'file name swagger.controller.ts', verdict: 'overruled', why: 'its functions and methods handle no route or request' }]);
  });
});

describe('scope: what the backend rules leave alone', () => {
  it('skips e2e suites in every spelling, integration suites, test helpers and testing modules', () => {
    const secret = "export const jwtSecret = 'k7Rx-93fLm-Qq20';\n";
    const result = project({
      'tsconfig.json': '{}',
      'src/auth/login.e2e.ts': secret,
      'src/auth/login.e2e-ee.ts': secret,
      'src/auth/login.integ.ts': secret,
      'src/auth/login.http.int-spec.ts': secret,
      'src/auth/login.integration-spec.ts': secret,
      'src/auth/e2e/signup.ts': secret,
      'src/testing/seed-users.ts': secret,
      'src/shared/test-utils/accounts.ts': secret,
      'src/auth/config.ts': secret,
    }).analyze();
    assert.deepEqual(
      result.findings.map((f) => path.posix.relative(result.root, f.file)),
      ['src/auth/config.ts'],
    );
  });

  it('leaves the front end of a full-stack repository, vendored code and browser assets alone', () => {
    const empty = 'export async function poll(job: () => Promise<void>) { try { await job(); } catch {} }\n';
    const result = project({
      'layerguard.json': JSON.stringify({ rules: { 'errors/swallowed-error': 'warning' } }),
      'tsconfig.json': '{ "compilerOptions": { "jsx": "react-jsx", "allowJs": true } }',
      'web/App.tsx': "import React from 'react';\nexport const App = () => null;\n",
      'web/Menu.tsx': "import React from 'react';\nexport const Menu = () => null;\n",
      'web/Footer.tsx': "import React from 'react';\nexport const Footer = () => null;\n",
      'web/stores/session.ts': empty,
      'server/jobs/poll.ts': empty,
      'server/lib/diff.ts': `/*
 * Copyright (c) Someone Else. Licensed under the MIT license.
 */
/* eslint-disable */
${empty}`,
      'server/public/js/widget.js': 'async function poll(job) { try { await job(); } catch (e) {} }\n',
      'server/media/js/client.js': '(function (window) { window.poll = async function (job) { try { await job(); } catch (e) {} }; })(window);\n',
      'server/proto/billing.ts': `/* eslint-disable */\nimport { Reader, Writer } from 'protobufjs/minimal';\nexport const decode = (r: Reader, w: Writer) => [r, w];\n${empty}`,
      'server/jobs/lint-free.ts': `/* eslint-disable */\nimport { Reader } from './reader';\nexport const read = (r: Reader) => r;\n${empty}`,
      'server/jobs/reader.ts': 'export class Reader {}\n',
      // Prose about data in the team's own header names no origin of the code.
      'server/intake-currency.ts': `/**
 * WHY the currency is read from the account rather than taken from a query parameter: the client could pick any.
 */
${empty}`,
      'server/libs/fuzzy/index.js': `/**
 * Source: https://example.org/fuzzy/dist/fuzzy.min.js
 */
/**
 * Fuzzy v2 - Copyright (c) Someone Else, Apache License 2.0
 */
${empty}`,
      'server/shared/reading-position.ts': `export async function restore(id: string, job: () => Promise<void>) {
  const el = document.getElementById(id);
  window.scrollTo(0, el ? el.offsetTop : 0);
  document.body.classList.add('restored');
  try { await job(); } catch {}
}
`,
      'server/jobs/scrape.ts': `import type { Page } from 'playwright-core';
export async function titleOf(page: Page, job: () => Promise<void>) {
  const title = await page.evaluate(() => document.title + document.body.innerText.length + window.location.href);
  try { await job(); } catch {}
  return title;
}
`,
      'server/report/day-chart.js': `const d3 = require('d3');
exports.draw = async function draw(rows, job) { d3.select('#chart').data(rows); try { await job(); } catch {} };
`,
      'server/client/resize.js': `const render = require('./render');
exports.watch = async function watch(job) {
  $(window).on('resize', render);
  $(document).ready(render);
  const width = window.innerWidth + document.body.clientWidth + window.devicePixelRatio;
  try { await job(width); } catch {}
};
`,
      'server/client/bolus-form.js': `exports.init = function init(client, $) {
  const amount = $('#bolus-amount');
  $('#bolus-save').on('click', () => client.save(amount.val()));
  $('.bolus-row').each(function () { $(this).toggle(); });
};
`,
      'server/jobs/headlines.ts': `import { load } from 'cheerio';
export async function headlines(html: string, job: () => Promise<void>) {
  const $ = load(html);
  const titles = [$('#top').text(), $('.lead').text(), $('.more').text()];
  try { await job(); } catch {}
  return titles;
}
`,
      'server/jobs/window-report.ts': `export async function slide(window: { start: number }, job: () => Promise<void>) {
  const span = window.start + window.start + window.start;
  document.title; document.title; document.title;
  try { await job(); } catch {}
  return span;
}
`,
      'server/libs/fast-sort/LICENSE': 'MIT License\n',
      'server/libs/fast-sort/index.ts': empty,
      'server/ee/LICENSE': 'Enterprise licence of this product\n',
      'server/billing/license.ts': "export const seats = (plan: string) => (plan === 'pro' ? 10 : 1);\n",
      'server/billing/checkout.ts': empty,
      'server/ee/audit.ts': empty,
      // A feature module named license/ is a folder, not a licence file: its parent is the app's own code.
      'server/license/license.module.ts': "export const LICENSE_MODULE = 'license';\n",
      'server/intake.ts': empty,
    }).analyze();
    assert.deepEqual(result.findings.map((f) => path.posix.relative(result.root, f.file)).sort(), [
      'server/billing/checkout.ts',
      'server/ee/audit.ts',
      'server/intake-currency.ts',
      'server/intake.ts',
      'server/jobs/headlines.ts',
      'server/jobs/lint-free.ts',
      'server/jobs/poll.ts',
      'server/jobs/scrape.ts',
      'server/jobs/window-report.ts',
    ]);
    const exempt = Object.fromEntries([...result.graph.files.values()].map((n) => [path.posix.relative(result.root, n.file), n.exempt ?? null]));
    assert.equal(exempt['web/stores/session.ts'], 'front-end code (web/ holds the front end)');
    assert.equal(exempt['server/lib/diff.ts'], 'vendored third-party code');
    assert.equal(exempt['server/libs/fuzzy/index.js'], 'vendored third-party code');
    assert.equal(exempt['server/public/js/widget.js'], 'a browser asset');
    assert.equal(exempt['server/shared/reading-position.ts'], "front-end code (it uses the browser's document or window)");
    assert.equal(exempt['server/media/js/client.js'], 'a browser asset');
    assert.equal(exempt['server/report/day-chart.js'], 'front-end code (JSX or a UI framework)');
    assert.equal(exempt['server/client/resize.js'], "front-end code (it uses the browser's document or window)");
    assert.equal(exempt['server/client/bolus-form.js'], "front-end code (it uses the browser's document or window)");
    assert.equal(exempt['server/libs/fast-sort/index.ts'], 'vendored third-party code (server/libs/fast-sort/ carries its own licence)');
    assert.equal(exempt['server/proto/billing.ts'], 'generated code (its header or a generator runtime says a tool wrote it)');
  });

  it('checks the server code inside a Next.js front end: route handlers, API pages, server actions and server-only modules', () => {
    const page = "import { Button } from '@acme/ui';\nexport default function Page() { return null; }\nexport const b = Button;\n";
    const files: Record<string, string> = {
      'tsconfig.json': '{}',
      'app/api/users/route.ts': "import { NextResponse } from 'next/server';\nexport async function GET() { return NextResponse.json([]); }\n",
      'pages/api/health.ts': "import type { NextApiRequest, NextApiResponse } from 'next';\nexport default function handler(req: NextApiRequest, res: NextApiResponse) { res.status(200).end(); }\n",
      'app/actions/save.ts': "'use server';\nimport { revalidatePath } from 'next/cache';\nexport async function save() { revalidatePath('/'); }\n",
      'app/lib/session.ts': "import 'server-only';\nimport { cookies } from 'next/headers';\nexport const session = () => cookies();\n",
      'app/lib/links.ts': "import Link from 'next/link';\nexport const home = Link;\n",
    };
    for (let i = 0; i < 6; i++) files[`app/pages/p${i}.tsx`] = page;
    const result = project(files).analyze();
    const exempt = Object.fromEntries([...result.graph.files.values()].map((n) => [path.posix.relative(result.root, n.file), n.exempt ?? null]));
    assert.equal(exempt['app/api/users/route.ts'], null);
    assert.equal(exempt['pages/api/health.ts'], null);
    assert.equal(exempt['app/actions/save.ts'], null);
    assert.equal(exempt['app/lib/session.ts'], null);
    assert.equal(exempt['app/lib/links.ts'], 'front-end code (JSX or a UI framework)');
    assert.equal(exempt['app/pages/p0.tsx'], 'front-end code (JSX or a UI framework)');
  });
});
