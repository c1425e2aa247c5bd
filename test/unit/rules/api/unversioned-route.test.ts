import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRule, project } from '../../../helpers/project';
import { ruleById } from '../../../../server/src/engine';

const RULE = 'api/unversioned-route';

/** An app that issues API keys to machine clients: the evidence that its API has outside clients. */
const API_KEY_GUARD = 'export const requirePartnerKey = (key: string | undefined) => key !== undefined && key === process.env.PARTNER_KEY;\n';

describe(RULE, () => {
  it('flags Nest controllers without a version, and unversioned mounts in Express, Fastify and Koa', () => {
    checkRule(RULE, {
      'nest/tsconfig.json': '{}',
      'express/tsconfig.json': '{}',
      'fastify/tsconfig.json': '{}',
      'koa/tsconfig.json': '{}',
      'nest/src/auth/api-key.guard.ts': API_KEY_GUARD,
      'express/src/middleware/api-keys.ts': API_KEY_GUARD,
      'fastify/src/personal-access-tokens/tokens.ts': API_KEY_GUARD,
      'koa/src/auth.ts': "export const readKey = (headers: Record<string, string>) => headers['x-api-key'];\n",
      'nest/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));
`,
      'nest/src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
  @Controller('users')
//^^^^^^^^^^^^^^^^^^^^ api/unversioned-route Unversioned API: the UsersController routes have no version
export class UsersController { @Get() list() { return []; } }
`,
      'nest/src/orders/orders.controller.ts': `import { Controller, Get } from '@nestjs/common';
  @Controller({ path: 'orders' })
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/unversioned-route
export class OrdersController { @Get() list() { return []; } }
`,
      'express/src/app.ts': `import express from 'express';
import { usersRouter } from './routes/users.routes';
export const app = express();
app.use(express.json());
app.use('/api/users', usersRouter);
//      ^^^^^^^^^^^^ api/unversioned-route "/api/users" is mounted without a version
`,
      'fastify/src/server.ts': `import Fastify from 'fastify';
import { routes } from './routes/orders.routes';
const server = Fastify();
void server.register(routes, { prefix: '/orders' });
//                                     ^^^^^^^^^ api/unversioned-route
`,
      'koa/src/routes/users.routes.ts': `import Router from '@koa/router';
export const router = new Router({ prefix: '/users' });
//                                         ^^^^^^^^ api/unversioned-route
`,
    });
  });

  it('does not flag versioned paths, declared versions, global versioning, health and static endpoints', () => {
    checkRule(RULE, {
      'nest/tsconfig.json': '{}',
      'other/tsconfig.json': '{}',
      'express/tsconfig.json': '{}',
      // Each app has outside clients, so what is not reported is left alone for its own reason.
      'nest/src/auth/api-key.guard.ts': API_KEY_GUARD,
      'other/src/auth/api-key.guard.ts': API_KEY_GUARD,
      'express/src/auth/api-key.guard.ts': API_KEY_GUARD,
      'nest/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { VersioningType } from '@nestjs/common';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => {
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  return app.listen(3000);
});
`,
      'nest/src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
@Controller('users')
export class UsersController { @Get() list() { return []; } }
`,
      'other/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));
`,
      'other/src/books/books.controller.ts': `import { Controller, Get, Version } from '@nestjs/common';
@Controller({ path: 'books', version: '1' })
export class BooksController { @Get() list() { return []; } }
@Controller('authors')
export class AuthorsController { @Version('2') @Get() list() { return []; } }
@Controller('v1/reviews')
export class ReviewsController { @Get() list() { return []; } }
@Controller('health')
export class HealthController { @Get() check() { return { ok: true }; } }
@Controller()
export class HomeController { @Get() info() { return { name: 'books' }; } }
`,
      'express/src/app.ts': `import express from 'express';
import { apiRouter } from './routes';
export const app = express();
app.use('/api/v1', apiRouter);
app.use('/healthz', (_req, res) => res.send('ok'));
app.use('/static', express.static('public'));
app.use('/metrics', (_req, res) => res.send(''));
app.use('/api/auth/*', (_req, res) => res.end());
app.use('/trpc', (_req, res) => res.end());
app.use('/*', (_req, res) => res.sendFile('index.html'));
`,
      'express/src/routes/index.ts': `import { Router } from 'express';
import { usersRouter } from './users.routes';
export const apiRouter = Router();
apiRouter.use('/users', usersRouter);
`,
    });
  });

  it('leaves message-only controllers, webhooks, proxies, probes and root mounts alone, and reads paths given as constants', () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
      'src/api-keys/api-keys.service.ts': API_KEY_GUARD,
      'src/events/events.controller.ts': `import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
@Controller()
export class EventsController { @EventPattern('user.created') onUserCreated() { return 1; } }
@Controller('audit')
export class AuditController { @EventPattern('audit.logged') onLogged() { return 1; } }
`,
      'src/billing/billing-webhook.controller.ts': `import { Controller, Post } from '@nestjs/common';
@Controller('billing/webhooks')
export class BillingWebhookController { @Post() receive() { return 1; } }
`,
      'src/health/health.controller.ts': `import { Controller, Get } from '@nestjs/common';
@Controller('_health')
export class HealthController { @Get('live') live() { return 1; } }
`,
      'src/routes.ts': "export enum Routes { Orders = 'orders', Reports = 'v2/reports' }\n",
      'src/orders/orders.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { Routes } from '../routes';
  @Controller(Routes.Orders)
//^^^^^^^^^^^^^^^^^^^^^^^^^^ api/unversioned-route the OrdersController routes have no version
export class OrdersController { @Get() list() { return []; } }
@Controller(Routes.Reports)
export class ReportsController { @Get() list() { return []; } }
`,
      'src/app.ts': `import express from 'express';
import { api } from './api';
const app = express();
app.use('/', api);
app.listen(3000);
`,
      'src/api.ts': "import { Router } from 'express';\nexport const api = Router();\napi.get('/ping', (_req, res) => res.end());\n",
    });
  });

  it('sees RouterModule versions, private API folders, static mounts and versioned aliases (every unversioned route reported)', () => {
    checkRule(RULE, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { onlyWhereNothingIsVersioned: false } } } }),
      'src/auth/personal-access-token.strategy.ts': API_KEY_GUARD,
      'src/app.module.ts': `import { Module } from '@nestjs/common';
import { RouterModule, type Routes } from '@nestjs/core';
import { PublicApiModule } from './api/public/public-api.module';
export const PUBLIC_PREFIX = '/api/v3';
const routes: Routes = [{ path: PUBLIC_PREFIX, module: PublicApiModule }];
@Module({ imports: [RouterModule.register(routes), PublicApiModule] })
export class AppModule {}
`,
      'src/api/public/public-api.module.ts': `import { Module } from '@nestjs/common';
import { NotesController } from './notes.controller';
@Module({ controllers: [NotesController] })
export class PublicApiModule {}
`,
      'src/api/public/notes.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('notes')\nexport class NotesController { @Get() list() { return []; } }\n",
      'src/api/private/settings.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('settings')\nexport class SettingsController { @Get() show() { return {}; } }\n",
      'src/reports/reports.controller.ts': `import { Controller, Get } from '@nestjs/common';
  @Controller('reports')
//^^^^^^^^^^^^^^^^^^^^^^ api/unversioned-route Unversioned API: the ReportsController routes have no version
export class ReportsController { @Get() list() { return []; } }
`,
      'src/main.ts': `import express from 'express';
import { api } from './http/api';
const app = express();
app.use('/images', express.static('uploads'));
app.use('/api/v2', api);
app.use('/api', api);
app.listen(3000);
`,
      'src/http/api.ts': "import { Router } from 'express';\nexport const api = Router();\napi.get('/links', (req, res) => res.json([]));\n",
    });
  });

  it('takes a path with a version parameter for versioned, middleware mounted over versioned APIs for what they share, and reports an unversioned path once', () => {
    checkRule(RULE, {
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { onlyWhereNothingIsVersioned: false, onlyWithOutsideClients: false } } } }),
      'src/server.ts': `import express from 'express';
import { v1, v2, reports } from './graph/servers';
const limiter = (req: unknown, res: unknown, next: () => void) => next();
const app = express();
app.use('/graph{/:version}', limiter);
app.use('/graph', limiter);
app.use('/graph/v1', v1);
app.use('/graph/v2', v2);
app.use('/reports', reports);
//      ^^^^^^^^^^ api/unversioned-route Unversioned API: "/reports" is mounted without a version
app.use('/reports', limiter);
app.use('/locales', tagged(express.static('locales')));
app.listen(3000);
function tagged<T>(handler: T): T { return handler; }
`,
      'tsconfig.json': '{}',
      'src/graph/servers.ts':
        "import { Router } from 'express';\nexport const v1 = Router();\nexport const v2 = Router();\nexport const reports = Router();\nreports.get('/daily', (req, res) => res.json([]));\nv1.get('/q', (req, res) => res.json([]));\nv2.get('/q', (req, res) => res.json([]));\n",
    });
  });

  it('leaves middleware mounted over a path, and routers whose own paths are versioned or probes, alone', () => {
    checkRule(RULE, {
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { onlyWhereNothingIsVersioned: false, onlyWithOutsideClients: false } } } }),
      'tsconfig.json': '{}',
      'src/app.ts': `import express from 'express';
import { directory } from './directory/directory.router';
import { probes } from './probes.router';
import { billing } from './billing/billing.router';
import { buildReportsRouter } from './reports/reports.router';
const app = express();
const userIdMiddleware = (req: unknown, res: unknown, next: () => void) => next();
app.use('/api', userIdMiddleware);
app.use('/api', rateLimit({ max: 100 }));
app.use('/api/directory', directory);
app.use('/api', probes);
app.use('/api/billing', billing);
//      ^^^^^^^^^^^^^^ api/unversioned-route Unversioned API: "/api/billing" is mounted without a version
const reports = process.env.REPORTS === 'on' ? buildReportsRouter() : express.Router();
app.use('/api/reports', reports);
app.use('/api', (req, res) => res.status(404).json({ error: 'not found' }));
app.listen(3000);
declare function rateLimit(options: object): (req: unknown, res: unknown, next: () => void) => void;
`,
      'src/directory/directory.router.ts':
        "import { Router } from 'express';\nconst v2 = Router();\nexport const directory = Router();\ndirectory.use('/v2', v2);\nv2.get('/v2/users', (req, res) => res.json([]));\n",
      'src/probes.router.ts': "import { Router } from 'express';\nexport const probes = Router();\nprobes.get('/health', (req, res) => res.end());\nprobes.get('/ready', (req, res) => res.end());\n",
      'src/reports/reports.router.ts':
        "import { Router } from 'express';\nexport function buildReportsRouter() {\n  const reports = Router();\n  reports.get('/v3/daily', (req, res) => res.json([]));\n  return reports;\n}\n",
      'src/billing/billing.router.ts': "import { Router } from 'express';\nexport const billing = Router();\nbilling.get('/invoices', (req, res) => res.json([]));\n",
    });
  });

  it("is silent in an app that versions part of its API: the routes it left unversioned are its own front end's", () => {
    const files = {
      'tsconfig.json': '{}',
      'src/middleware/api-keys.ts': API_KEY_GUARD,
      'src/app.ts': `import express from 'express';
import { publicApi } from './routes/public.routes';
import { settingsRouter } from './routes/settings.routes';
export const app = express();
app.use('/api/v1', publicApi);
app.use('/settings', settingsRouter);
`,
      'src/routes/public.routes.ts': "import { Router } from 'express';\nexport const publicApi = Router();\npublicApi.get('/links', (req, res) => res.json([]));\n",
      'src/routes/settings.routes.ts': "import { Router } from 'express';\nexport const settingsRouter = Router();\nsettingsRouter.get('/', (req, res) => res.json({}));\n",
    };
    assert.equal(
      project(files)
        .analyze()
        .findings.filter((f) => f.ruleId === RULE).length,
      0,
    );
    const everything = { ...files, 'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { onlyWhereNothingIsVersioned: false } } } }) };
    assert.equal(
      project(everything)
        .analyze()
        .findings.filter((f) => f.ruleId === RULE).length,
      1,
    );
  });

  it('changes its workspace key when a project trades outside clients for a versioned route (incremental results are rechecked)', () => {
    const app = (mount: string) => `import express from 'express';\nimport { api } from './api';\nexport const app = express();\napp.use('${mount}', api);\n`;
    const api = "import { Router } from 'express';\nexport const api = Router();\napi.get('/links', (req, res) => res.json([]));\n";
    const withClients = project({ 'tsconfig.json': '{}', 'src/middleware/api-keys.ts': API_KEY_GUARD, 'src/app.ts': app('/links'), 'src/api.ts': api }).analyze().graph;
    const versioned = project({ 'tsconfig.json': '{}', 'src/app.ts': app('/v1'), 'src/api.ts': api }).analyze().graph;
    const perFile = ruleById(RULE)?.perFile;
    assert.ok(perFile);
    assert.notEqual(perFile(withClients).replace(withClients.root, 'ROOT'), perFile(versioned).replace(versioned.root, 'ROOT'));
  });

  it('is silent for an app whose only client is its own front end (a token it sends elsewhere or its login sessions are no sign), judged per app; onlyWithOutsideClients: false reports every API', () => {
    const controller = "import { Controller, Get } from '@nestjs/common';\n@Controller('users')\nexport class UsersController { @Get() list() { return []; } }\n";
    const apps = {
      'shop/tsconfig.json': '{}',
      'shop/src/users/users.controller.ts': controller,
      'shop/src/auth/access-token.entity.ts': 'export class AccessToken { value = ""; expiresAt = new Date(); userId = 0; }\n',
      'shop/src/git/github.ts': 'export const auth = () => ({ Authorization: `token ${process.env.GITHUB_PERSONAL_ACCESS_TOKEN}` });\n',
      'partners/tsconfig.json': '{}',
      'partners/src/users/users.controller.ts': controller,
      'partners/src/auth/guards.ts': 'export class PartnerApiKeyGuard { canActivate() { return true; } }\n',
    };
    const reported = (config?: object) =>
      project({ ...apps, ...(config ? { 'layerguard.json': JSON.stringify(config) } : {}) })
        .analyze()
        .findings.filter((f) => f.ruleId === RULE)
        .map((f) => f.file.split('/').slice(-4)[0])
        .sort();
    assert.deepEqual(reported(), ['partners']);
    assert.deepEqual(reported({ rules: { [RULE]: { severity: 'info', options: { onlyWithOutsideClients: false } } } }), ['partners', 'shop']);
  });
});
