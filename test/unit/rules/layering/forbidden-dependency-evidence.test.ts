import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../../../server/src/engine';
import { checkRule, NEST_TSCONFIG, project } from '../../../helpers/project';

const RULE = 'layering/forbidden-dependency';

/** A team's own policy, stricter than the default: controllers may use services and shapes only, services no module class. */
const TEAM_POLICY = JSON.stringify({
  dependencies: {
    controller: { allow: ['service', 'dto', 'model', 'middleware', 'config'] },
    service: { allow: ['service', 'repository', 'model', 'dto', 'config', 'middleware'] },
  },
});

/** A Nest app whose users go controller → service → repository → Prisma: the layering the checked controllers are measured against. */
const PRISMA_BEHIND_A_SERVICE: Record<string, string> = {
  'src/prisma/prisma.service.ts': "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n",
  'src/users/users.repository.ts':
    "import { Injectable } from '@nestjs/common';\nimport { PrismaService } from '../prisma/prisma.service';\n@Injectable()\nexport class UsersRepository { constructor(private readonly prisma: PrismaService) {} all() { return this.prisma.user.findMany(); } }\n",
  'src/users/users.service.ts':
    "import { Injectable } from '@nestjs/common';\nimport { UsersRepository } from './users.repository';\n@Injectable()\nexport class UsersService { constructor(private readonly users: UsersRepository) {} all() { return this.users.all(); } }\n",
  'src/users/users.controller.ts':
    "import { Controller, Get } from '@nestjs/common';\nimport { UsersService } from './users.service';\n@Controller('users')\nexport class UsersController { constructor(private readonly users: UsersService) {} @Get() all() { return this.users.all(); } }\n",
};

/** Patterns measured false on unseen backends (corpus test-v2): behaviour must beat names and folders. */
describe(`${RULE}: what the code does, not where it lives`, () => {
  it('does not report a controller that mounts another controller’s routes under its path', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/routes/base-controller.ts': `import { Router } from 'express';
export class BaseController {
  readonly router = Router();
  use(path: string, child: Router) { this.router.use(path, child); }
  get(path: string, handler: (req: unknown, res: { json(b: unknown): void }) => void) { this.router.get(path, handler); }
}
`,
      'src/routes/invoices-controller.ts': `import { BaseController } from './base-controller';
export class InvoicesController extends BaseController {
  constructor() { super(); this.get('/', (req, res) => res.json([])); }
}
`,
      'src/routes/billing-controller.ts': `import { BaseController } from './base-controller';
import { InvoicesController } from './invoices-controller';
export class BillingController extends BaseController {
  constructor() {
    super();
    this.use('/invoices', new InvoicesController().router);
    this.get('/', (req, res) => res.json({ ok: true }));
  }
}
`,
    });
  });

  it('by default reports only a layer skipped or depended on from below, not the couplings a team may choose', () => {
    const result = project({
      'jsconfig.json': '{ "compilerOptions": { "allowJs": true } }',
      'src/app.js': "const express = require('express');\nconst app = express();\napp.locals.mailer = { send: (to) => to };\nmodule.exports = app;\n",
      'src/controllers/exports.js': 'exports.purge = async (userId) => userId;\nexports.list = (req, res) => res.json([]);\n',
      'src/controllers/account.js': "const exportsController = require('./exports');\nexports.remove = async (req, res) => { await exportsController.purge(req.user.id); res.sendStatus(204); };\n",
      'src/services/notify.service.js': "const app = require('../app');\nexports.notify = (to) => app.locals.mailer.send(to);\n",
      'src/models/invite.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('Invite', new mongoose.Schema({ email: String }));\n",
      'src/routes/invites.js': `const express = require('express');
const mongoose = require('mongoose');
const router = express.Router();
router.get('/invites/:id', async (req, res) => res.json(await mongoose.model('Invite').findById(req.params.id)));
module.exports = router;
`,
      'src/routes/tags.js': `const express = require('express');
const mongoose = require('mongoose');
const router = express.Router();
router.delete('/tags', async (req, res) => res.json(await mongoose.connection.db.collection('tags').deleteMany({})));
module.exports = router;
`,
      'src/routes/ids.js': `const express = require('express');
const ObjectId = require('mongoose').Types.ObjectId;
const router = express.Router();
router.get('/ids/:id', (req, res) => res.json({ id: new ObjectId(req.params.id) }));
module.exports = router;
`,
      'src/routes/users.js':
        "const express = require('express');\nconst notify = require('../services/notify.service');\nconst router = express.Router();\nrouter.post('/users/:id/ping', (req, res) => res.json(notify.notify(req.params.id)));\nmodule.exports = router;\n",
    }).analyze();
    const flagged = result.findings.filter((f) => f.ruleId === RULE).map((f) => `${f.file.split('/').slice(-2).join('/')}: ${f.message.split(':')[0]}`);
    // A sibling controller's helper, the app object, a model looked up by name and an id type read off
    // the client's require (`require('mongoose').Types.ObjectId`) are the team's
    // choice; the router on the raw collection reaches past every layer.
    assert.deepEqual(flagged, ['routes/tags.js: A router must not depend on the data-access layer']);
  });

  it('reports a controller that calls into another controller under a team policy that allows it only services', () => {
    checkRule(RULE, {
      'layerguard.json': TEAM_POLICY,
      'jsconfig.json': '{ "compilerOptions": { "allowJs": true } }',
      'src/controllers/exports.js': 'exports.purgeExports = async (userId) => userId;\nexports.list = (req, res) => res.json([]);\n',
      'src/controllers/account.js': `const exportsController = require('./exports');
//                                ^^^^^^^^^^^ layering/forbidden-dependency A controller must not depend on the controller layer
exports.remove = async (req, res) => { await exportsController.purgeExports(req.user.id); res.sendStatus(204); };
`,
    });
  });

  it('does not take a DTO in a database/ folder, or helper functions in a repos/ folder, for data access', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/database/paging/page-request.ts': `import { IsInt, IsOptional } from 'class-validator';
export class PageRequest { @IsOptional() @IsInt() size?: number; @IsOptional() after?: string; }
`,
      'src/database/repos/team/roles.ts': "export function strongestRole(roles: string[]): string | undefined { return roles.includes('owner') ? 'owner' : roles[0]; }\n",
      'src/teams/teams.service.ts': 'export class TeamsService { list(size?: number) { return [size]; } }\n',
      'src/teams/teams.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { PageRequest } from '../database/paging/page-request';
import { strongestRole } from '../database/repos/team/roles';
import { TeamsService } from './teams.service';
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}
  @Post('list') list(@Body() page: PageRequest) { return { items: this.teams.list(page.size), role: strongestRole(['member']) }; }
}
`,
    });
  });

  it('lets services use the ORM’s repositories, and reports it when the team requires its own repositories that wrap them', () => {
    const orm = {
      'tsconfig.json': NEST_TSCONFIG,
      'src/labels/label.entity.ts': "import { Entity, PrimaryKey } from '@mikro-orm/core';\n@Entity() export class Label { @PrimaryKey() id!: number; }\n",
      'src/labels/labels.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@mikro-orm/nestjs';
import { EntityManager, EntityRepository } from '@mikro-orm/core';
import { Label } from './label.entity';
@Injectable()
export class LabelsService {
  constructor(@InjectRepository(Label) private readonly labels: EntityRepository<Label>, private readonly em: EntityManager) {}
  async rename(id: number) { const label = await this.labels.findOneOrFail(id); await this.em.flush(); return label; }
}
`,
    };
    checkRule(RULE, {
      ...orm,
      'src/people/person.repository.ts': "import { EntityRepository } from '@mikro-orm/core';\nexport class PersonRepository extends EntityRepository<object> {}\n",
    });
    const wrapped = project({
      ...orm,
      'src/people/person.repository.ts': `import { EntityManager } from '@mikro-orm/core';
export class PersonRepository { constructor(private readonly em: EntityManager) {} byName(name: string) { return this.em.find('Person', { name }); } }
`,
    }).analyze();
    assert.ok(!wrapped.findings.some((f) => f.ruleId === RULE), 'the ORM’s repository is a repository: by default a service may use it beside the app’s own');
    const required = project({
      ...orm,
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { requireOwnRepositories: true } } } }),
      'src/people/person.repository.ts': `import { EntityManager } from '@mikro-orm/core';
export class PersonRepository { constructor(private readonly em: EntityManager) {} byName(name: string) { return this.em.find('Person', { name }); } }
`,
    }).analyze();
    assert.ok(
      required.findings.some((f) => f.ruleId === RULE && f.file.endsWith('labels.service.ts')),
      'with requireOwnRepositories, a service bypassing the app’s own repositories is reported',
    );
  });

  it('does not send a client of another kind of store through the app’s repositories', () => {
    checkRule(RULE, {
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { requireOwnRepositories: true } } } }),
      'jsconfig.json': '{ "compilerOptions": { "allowJs": true } }',
      'src/models/user.model.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({ name: String }));\n",
      'src/repositories/users.repository.js': "const User = require('../models/user.model');\nexports.byId = (id) => User.findById(id);\n",
      'src/services/warehouse.service.js': `const { Client } = require('pg');
exports.runCustomerQuery = async (connection, sql) => { const client = new Client(connection); await client.connect(); try { return await client.query(sql); } finally { await client.end(); } };
`,
      'src/services/cleanup.service.js': `const mongoose = require('mongoose');
//                       ^^^^^^^^^^ layering/forbidden-dependency A service must not depend on the data-access layer
exports.dropOld = () => mongoose.connection.db.collection('users').deleteMany({ old: true });
`,
    });
  });

  it('puts a file named after what it configures but registering routes in the router layer', () => {
    const p = project({
      'tsconfig.json': '{}',
      'src/routes/sso/login-page-config.ts': "import { Router } from 'express';\nexport const loginPage = Router();\nloginPage.get('/sso/login-page', (req, res) => res.json({}));\n",
    });
    const result = analyzeWorkspace({ root: p.root });
    const node = result.graph.files.get(path.posix.join(p.root, 'src/routes/sso/login-page-config.ts'));
    assert.equal(node?.layer, 'router');
  });

  it('treats a lone service outside the request path as no service layer, and controllers mostly on models as layered', () => {
    const routers = {
      'jsconfig.json': '{ "compilerOptions": { "allowJs": true } }',
      'src/routers/status-router.js': "const { R } = require('redbean-node');\nexports.status = async (req, res) => res.json(await R.find('monitor'));\n",
      'src/routers/api-router.js': "const { R } = require('redbean-node');\nexports.list = async (req, res) => res.json(await R.find('heartbeat'));\n",
      'src/monitor-types/disk-service.js': 'exports.check = (path) => ({ path, ok: true });\n',
    };
    checkRule(RULE, routers);
    const activeRecord = project({
      'jsconfig.json': '{ "compilerOptions": { "allowJs": true } }',
      'src/models/user.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({}));\n",
      'src/controllers/users.js': "const User = require('../models/user');\nexports.list = async (req, res) => res.json(await User.find());\n",
      'src/controllers/profile.js': "const User = require('../models/user');\nexports.show = async (req, res) => res.json(await User.findById(req.params.id));\n",
      'src/controllers/admin.js': "const User = require('../models/user');\nexports.count = async (req, res) => res.json(await User.countDocuments());\n",
      'src/controllers/search.js':
        "const { MongoClient } = require('mongodb');\nexports.find = async (req, res) => { const c = new MongoClient(process.env.URL); res.json(await c.db().collection('users').find().toArray()); };\n",
      'src/controllers/export.js':
        "const { MongoClient } = require('mongodb');\nexports.dump = async (req, res) => { const c = new MongoClient(process.env.URL); res.json(await c.db().collection('users').find().toArray()); };\n",
    }).analyze();
    const flagged = activeRecord.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => path.posix.basename(f.file))
      .sort();
    assert.deepEqual(flagged, ['export.js', 'search.js'], 'the controllers that bypass the models are shortcuts');
  });

  it('gives no layer to a class named like a controller whose methods, and base class, handle no request', () => {
    const p = project({
      'tsconfig.json': '{}',
      'src/Controllers/AdaptableController.ts': 'export class AdaptableController { constructor(protected readonly adapter: object) {} }\n',
      'src/Controllers/AuditController.ts':
        "import { AdaptableController } from './AdaptableController';\nexport class AuditController extends AdaptableController { record(entry: string) { return entry.length; } }\n",
      'src/http/BaseController.ts':
        'export abstract class BaseController { execute(req: unknown, res: unknown) { return this.run(req, res); } protected abstract run(req: unknown, res: unknown): unknown; }\n',
      'src/http/ShowInvoiceController.ts': "import { BaseController } from './BaseController';\nexport class ShowInvoiceController extends BaseController { protected run() { return { id: 1 }; } }\n",
    });
    const layers = Object.fromEntries([...analyzeWorkspace({ root: p.root }).graph.files.values()].map((n) => [path.posix.basename(n.file), n.layer ?? null]));
    assert.equal(layers['AuditController.ts'], null);
    assert.equal(layers['ShowInvoiceController.ts'], 'controller', 'its base class takes the request');
  });

  it('does not take a workspace package’s seeds/ module, imported by the app, for a script', () => {
    const p = project({
      'packages/schemas/package.json': '{ "name": "@acme/schemas", "main": "src/index.ts" }',
      'packages/schemas/src/index.ts': "export * from './seeds/tenant';\n",
      'packages/schemas/src/seeds/tenant.ts': "export const adminTenantId = 'admin';\n",
      'apps/api/tsconfig.json': '{ "compilerOptions": { "paths": { "@acme/schemas": ["../../packages/schemas/src/index.ts"] } } }',
      'apps/api/src/routes/tenants.ts':
        "import { Router } from 'express';\nimport { adminTenantId } from '@acme/schemas';\nexport const tenants = Router();\ntenants.get('/tenants/admin', (req, res) => res.json({ id: adminTenantId }));\n",
    });
    const result = analyzeWorkspace({ root: path.posix.join(p.root, 'apps/api') });
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === RULE).map((f) => f.message),
      [],
    );
    const seed = result.graph.files.get(path.posix.join(p.root, 'packages/schemas/src/seeds/tenant.ts'));
    assert.notEqual(seed?.layer, 'tooling');
  });

  it("accepts controllers that reach repositories themselves by the app's design, and still reports the exception in a layered app", () => {
    const repositories: Record<string, string> = {};
    const controllers: Record<string, string> = {};
    for (const name of ['samples', 'plans', 'regions', 'users']) {
      repositories[`src/repositories/${name}Repository.ts`] = `import { db } from '../db';\nexport const ${name}Repository = { all: () => db.selectFrom('${name}').selectAll().execute() };\n`;
      controllers[`src/controllers/${name}Controller.ts`] =
        `import { ${name}Repository } from '../repositories/${name}Repository';\nexport const list = async (req: unknown, res: { json(b: unknown): void }) => res.json(await ${name}Repository.all());\n`;
    }
    const app = {
      'tsconfig.json': '{}',
      'src/db.ts': "import { Kysely } from 'kysely';\nexport const db = new Kysely<any>({} as never);\n",
      'src/services/mailService.ts': 'export const mailService = { send: async (to: string) => to };\n',
      ...repositories,
      ...controllers,
    };
    checkRule(RULE, app);
    const layered: Record<string, string> = { ...app };
    for (const name of ['samples', 'plans', 'regions']) {
      layered[`src/services/${name}Service.ts`] = `import { ${name}Repository } from '../repositories/${name}Repository';\nexport const ${name}Service = { all: () => ${name}Repository.all() };\n`;
      layered[`src/controllers/${name}Controller.ts`] =
        `import { ${name}Service } from '../services/${name}Service';\nexport const list = async (req: unknown, res: { json(b: unknown): void }) => res.json(await ${name}Service.all());\n`;
    }
    const flagged = project(layered)
      .analyze()
      .findings.filter((f) => f.ruleId === RULE)
      .map((f) => path.posix.basename(f.file));
    assert.deepEqual(flagged, ['usersController.ts'], 'in a layered app the one controller on a repository is the exception');
  });

  it('judges that design per app: two small apps opened side by side do not add up to one', () => {
    const workspace: Record<string, string> = {};
    for (const app of ['shop', 'billing']) {
      workspace[`${app}/tsconfig.json`] = '{}';
      workspace[`${app}/src/db.ts`] = "import { Kysely } from 'kysely';\nexport const db = new Kysely<any>({} as never);\n";
      for (const name of ['orders', 'invoices']) {
        workspace[`${app}/src/repositories/${name}Repository.ts`] = `import { db } from '../db';\nexport const ${name}Repository = { all: () => db.selectFrom('${name}').selectAll().execute() };\n`;
        workspace[`${app}/src/controllers/${name}Controller.ts`] =
          `import { ${name}Repository } from '../repositories/${name}Repository';\nexport const list = async (req: unknown, res: { json(b: unknown): void }) => res.json(await ${name}Repository.all());\n`;
      }
    }
    const flagged = project(workspace)
      .analyze()
      .findings.filter((f) => f.ruleId === RULE)
      .map((f) => f.file.split('/').slice(-4).join('/'))
      .sort();
    assert.deepEqual(flagged, [
      'billing/src/controllers/invoicesController.ts',
      'billing/src/controllers/ordersController.ts',
      'shop/src/controllers/invoicesController.ts',
      'shop/src/controllers/ordersController.ts',
    ]);
  });

  it('does not take ORM find operators or names used only as types for data access, and still reports what runs a query', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/db.ts': "import { DataSource } from 'typeorm';\nexport const db = new DataSource({ type: 'postgres' });\n",
      'src/repositories/invoice.repository.ts':
        "import { type FindOptionsWhere } from 'typeorm';\nimport { db } from '../db';\nexport const invoiceRepository = { find: (where: FindOptionsWhere<object>) => db.getRepository('invoice').find({ where }) };\n",
      'src/services/invoice.service.ts':
        "import { invoiceRepository } from '../repositories/invoice.repository';\nexport const invoiceService = { list: (where: object) => invoiceRepository.find(where) };\n",
      'src/controllers/invoice.controller.ts': `import { Between, In, IsNull, type DataSource } from 'typeorm';
import { invoiceService } from '../services/invoice.service';
export type Source = DataSource;
export const list = async (req: { query: { ids: string[] } }, res: { json(b: unknown): void }) =>
  res.json(await invoiceService.list({ id: In(req.query.ids), paidAt: IsNull(), total: Between(1, 9) }));
`,
      'src/controllers/report.controller.ts': `import { getManager } from 'typeorm';
//                         ^^^^^^^^^ layering/forbidden-dependency it imports 'typeorm'
export const totals = async (req: unknown, res: { json(b: unknown): void }) => res.json(await getManager().query('select 1'));
`,
    });
  });

  it("does not take mongoose's id check, taken apart from the default import, for data access, and still reports the connection taken the same way", () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/models/product.model.ts': "import { Schema, model } from 'mongoose';\nexport const Product = model('Product', new Schema({ name: String }));\n",
      'src/repositories/product.repository.ts': "import { Product } from '../models/product.model';\nexport const productRepository = { byId: (id: string) => Product.findById(id) };\n",
      'src/services/product.service.ts':
        "import { productRepository } from '../repositories/product.repository';\nexport const productService = { show: (id: string) => productRepository.byId(id) };\n",
      'src/controllers/product.controller.ts': `import mongoose from 'mongoose';
import { productService } from '../services/product.service';
const { isValidObjectId } = mongoose;
export const show = async (req: { params: { id: string } }, res: { status(c: number): { json(b: unknown): void } }) =>
  isValidObjectId(req.params.id) ? res.status(200).json(await productService.show(req.params.id)) : res.status(400).json({ error: 'bad id' });
`,
      'src/controllers/stats.controller.ts': `import mongoose from 'mongoose';
//                   ^^^^^^^^^^ layering/forbidden-dependency it imports 'mongoose'
const { connection } = mongoose;
export const stats = async (_req: unknown, res: { json(b: unknown): void }) => res.json(await connection.db?.stats());
`,
    });
  });

  it('does not take ORM names a decorated Nest handler uses only as types (emitted as metadata) for data access', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/notes/notes.service.ts':
        "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class NotesService { count(where: object) { return Promise.resolve(Object.keys(where).length); } }\n",
      'src/notes/notes.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';
import { FindOptionsWhere, UpdateResult } from 'typeorm';
import { NotesService } from './notes.service';
@Controller('notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}
  @Get('count') count(@Query() where: FindOptionsWhere<object>): Promise<number> { return this.notes.count(where); }
  @Get('touch') touch(): Promise<UpdateResult | undefined> { return Promise.resolve(undefined); }
}
`,
      'src/notes/raw.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { DataSource, FindOptionsWhere } from 'typeorm';
const source = new DataSource({ type: 'postgres' });
//             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A controller must not depend on the data-access layer
@Controller('raw')
export class RawController {
  @Get() all(where: FindOptionsWhere<object>) { return source.query('select 1', [where]); }
}
`,
    });
  });

  it('leaves a plugin handing its controller to the host and a combined resolver registry alone, and reports a service calling a controller', () => {
    const controller = (name: string) => `module.exports = function ${name}Controller(host) {
  async function show(req, res) { res.json(await host.read('${name}', req.params.id)); }
  return { 'get /api/v1/${name}/:id': { controller: show } };
};
`;
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'services/weather/api/weather.controller.js': controller('Weather'),
      'services/weather/index.js': `const WeatherController = require('./api/weather.controller');
module.exports = function WeatherService(host) {
  const start = async () => host.log('weather started');
  return Object.freeze({ start, controllers: WeatherController(host) });
};
`,
      'services/alerts/api/alerts.controller.js': controller('Alerts'),
      'services/alerts/index.js': `const AlertsController = require('./api/alerts.controller');
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A service must not depend on the controller layer
module.exports = function AlertsService(host) {
  const routes = AlertsController(host);
  return { start: async () => routes['get /api/v1/Alerts/:id'].controller({ params: { id: 'all' } }, { json: host.log }) };
};
`,
      'src/resolvers/users.js': 'module.exports = { Query: { users: (parent, args, ctx) => ctx.db.users.findAll() } };\n',
      'src/resolvers/posts.js': 'module.exports = { Query: { posts: (parent, args, ctx) => ctx.db.posts.findAll() } };\n',
      'src/resolvers/index.js': "'use strict';\nconst { mergeResolvers } = require('@graphql-tools/merge');\nmodule.exports = mergeResolvers([require('./users'), require('./posts')]);\n",
    });
  });

  it('leaves a controller that injects the database only for its health route, and reports one that also queries it elsewhere', () => {
    const controller = (name: string, extra: string) => `import { Controller, Get } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
@Controller()
export class ${name} {
  constructor(private readonly prisma: PrismaService) {}
  @Get('health')
  async health() { await this.prisma.$queryRaw\`SELECT 1\`; return 'OK'; }
${extra}}
`;
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      ...PRISMA_BEHIND_A_SERVICE,
      'src/app/app.controller.ts': controller('AppController', ''),
      'src/status/status.controller.ts': controller('StatusController', "  @Get('users')\n  users() { return this.prisma.user.findMany(); }\n").replace(
        '  constructor(private readonly prisma: PrismaService) {}',
        '  constructor(private readonly prisma: PrismaService) {}\n//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency',
      ),
    });
  });

  it('leaves an Express routes file that imports the database only for its readiness route, and reports one that also queries it elsewhere', () => {
    const dbFile = "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const db = { ping: () => pool.query('select 1'), users: () => pool.query('select * from users') };\n";
    checkRule(RULE, {
      ...PRISMA_BEHIND_A_SERVICE,
      'src/database/db.ts': dbFile,
      'src/app/routes.ts': `import { Router } from 'express';
import { db } from '../database/db';
export const createRoutes = () => {
  const router = Router();
  router.get('/health/ready', async (_req, res) => { await db.ping(); res.status(200).end(); });
  router.get('/', (_req, res) => { res.json({ name: 'api' }); });
  return router;
};
`,
      'src/status/routes.ts': `import { Router } from 'express';
import { db } from '../database/db';
//                 ^^^^^^^^^^^^^^^^ layering/forbidden-dependency
export const statusRoutes = () => {
  const router = Router();
  router.get('/health/ready', async (_req, res) => { await db.ping(); res.status(200).end(); });
  router.get('/users', async (_req, res) => { res.json(await db.users()); });
  return router;
};
`,
    });
  });

  it('leaves a controller that takes only an error code from a repository file, and reports one that also calls the repository', () => {
    const repository = `import { Pool } from 'pg';
const pool = new Pool();
export const DUPLICATE_PHONE_CODE = 'PHONE_TAKEN';
export const MAX_PHONES = 5;
export class PhonesRepository {
  async add(contact: string, phone: string) {
    const taken = await pool.query('select 1 from phones where phone = $1', [phone]);
    if (taken.rowCount) throw Object.assign(new Error('taken'), { code: DUPLICATE_PHONE_CODE });
    return pool.query('insert into phones (contact, phone) values ($1, $2)', [contact, phone]);
  }
}
`;
    const useCase = `import { PhonesRepository } from '../repositories/phones.repository';
export class PhonesService {
  constructor(private readonly phones = new PhonesRepository()) {}
  add(contact: string, phone: string) { return this.phones.add(contact, phone); }
}
`;
    checkRule(RULE, {
      'src/repositories/phones.repository.ts': repository,
      'src/services/phones.service.ts': useCase,
      'src/controllers/phones.controller.ts': `import type { Request, Response } from 'express';
import { DUPLICATE_PHONE_CODE, MAX_PHONES } from '../repositories/phones.repository';
import { PhonesService } from '../services/phones.service';
const service = new PhonesService();
export async function addPhone(req: Request, res: Response) {
  try { res.status(201).json(await service.add(req.params.id ?? '', String(req.body.phone).slice(0, MAX_PHONES * 4))); }
  catch (error) { if ((error as { code?: string }).code === DUPLICATE_PHONE_CODE) res.status(409).end(); else throw error; }
}
`,
      'src/controllers/admin-phones.controller.ts': `import type { Request, Response } from 'express';
import { DUPLICATE_PHONE_CODE, PhonesRepository } from '../repositories/phones.repository';
const phones = new PhonesRepository();
//             ^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency
export async function forceAdd(req: Request, res: Response) {
  try { res.status(201).json(await phones.add(req.params.id ?? '', String(req.body.phone))); }
  catch (error) { if ((error as { code?: string }).code === DUPLICATE_PHONE_CODE) res.status(409).end(); else throw error; }
}
`,
    });
  });

  it("checks a marketplace's vendors/ feature, whose files import the app's own code, and leaves copied code in a vendor/ folder alone", () => {
    const result = checkRule(RULE, {
      'src/utils/respond.ts': "import type { Response } from 'express';\nexport const ok = (res: Response, body: unknown) => res.status(200).json(body);\n",
      'src/features/vendors/models/vendor.model.ts': "import { Schema, model } from 'mongoose';\nexport const Vendor = model('Vendor', new Schema({ name: String }));\n",
      'src/features/vendors/repository/vendors.repo.ts': `import { Vendor } from '../models/vendor.model';
export class VendorsRepository { byId(id: string) { return Vendor.findById(id); } }
export const vendorsRepo = new VendorsRepository();
`,
      'src/features/vendors/services/vendors.service.ts': `import { vendorsRepo } from '../repository/vendors.repo';
export const vendorsService = { profile: (id: string) => vendorsRepo.byId(id) };
`,
      'src/features/vendors/controllers/vendors.controller.ts': `import type { Request, Response } from 'express';
import { ok } from '../../../utils/respond';
import { vendorsRepo } from '../repository/vendors.repo';
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency
export const showVendor = async (req: Request, res: Response) => ok(res, await vendorsRepo.byId(req.params.id ?? ''));
`,
      'src/features/vendors/controllers/vendor-profile.controller.ts': `import type { Request, Response } from 'express';
import { vendorsService } from '../services/vendors.service';
export const profile = async (req: Request, res: Response) => res.json(await vendorsService.profile(req.params.id ?? ''));
`,
      'src/lib/vendor/slugify/index.ts': "import { strip } from './strip';\nexport const slugify = (text: string) => strip(text).toLowerCase().replace(/\\s+/g, '-');\n",
      'src/lib/vendor/slugify/strip.ts': "export const strip = (text: string) => text.normalize('NFKD').replace(/[^\\w\\s-]/g, '');\n",
    });
    const exempt = Object.fromEntries([...result.graph.files.values()].map((n) => [path.posix.relative(result.root, n.file), n.exempt ?? null]));
    assert.equal(exempt['src/features/vendors/repository/vendors.repo.ts'], null, "the app's own feature");
    assert.equal(exempt['src/lib/vendor/slugify/index.ts'], 'vendored third-party code');
  });

  it('leaves a controller on the read side of a read/write split that only reads its projection, and reports one that writes or has no write side beside it', () => {
    const readingController = (route: string, body: string) => `import { Controller, Get, Param } from '@nestjs/common';
import { PrismaService } from '../../../prisma/prisma.service';
@Controller('${route}')
export class ${route[0]!.toUpperCase() + route.slice(1)}Controller {
  constructor(private readonly prisma: PrismaService) {}
  @Get(':id')
  async one(@Param('id') id: string) { ${body} }
}
`;
    const caret = '//                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency';
    const reported = (text: string) =>
      text.replace('  constructor(private readonly prisma: PrismaService) {}', `  constructor(private readonly prisma: PrismaService) {}\n${caret.replace('//                 ', '//            ')}`);
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      ...PRISMA_BEHIND_A_SERVICE,
      'src/cqrs/write/enrolment/enrolment.handler.ts': `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../prisma/prisma.service';
@Injectable()
export class EnrolmentHandler { constructor(private readonly prisma: PrismaService) {} enrol(id: string) { return this.prisma.enrolment.create({ data: { id } }); } }
`,
      'src/cqrs/read/progress/progress.controller.ts': readingController('progress', 'return this.prisma.progressView.findUnique({ where: { id } });'),
      'src/cqrs/read/badges/badges.controller.ts': reported(readingController('badges', 'return this.prisma.badgeView.upsert({ where: { id }, create: { id }, update: {} });')),
      'src/catalog/read/titles/titles.controller.ts': reported(readingController('titles', 'return this.prisma.title.findUnique({ where: { id } });')),
    });
  });

  it('leaves CommonJS indexes that pass sub-controllers on and the helpers a layer shares alone, and reports a controller calling another under a team policy', () => {
    const handler = (name: string) => `const helpers = require('./helpers');\nexports.get = async function (req, res) { helpers.send(res, { page: '${name}' }); };\n`;
    checkRule(RULE, {
      'layerguard.json': TEAM_POLICY,
      'jsconfig.json': '{}',
      'src/controllers/helpers.js': "exports.send = function (res, body) { res.json(body); };\nexports.notAllowed = function (req, res) { res.status(403).json({ error: 'not-allowed' }); };\n",
      'src/controllers/ping.js': handler('ping'),
      'src/controllers/well-known.js': handler('well-known'),
      'src/controllers/admin/users.js': handler('users'),
      'src/controllers/admin/logs.js': handler('logs'),
      'src/controllers/index.js': `const helpers = require('./helpers');
const Controllers = module.exports;
Controllers.ping = require('./ping');
Controllers['well-known'] = require('./well-known');
Controllers.home = async function (req, res) { helpers.send(res, { page: 'home' }); };
`,
      'src/controllers/admin.js': `const admin = {
  users: require('./admin/users'),
  extend: { logs: require('./admin/logs') },
};
admin.index = async function (req, res) { res.redirect('/admin/users'); };
module.exports = admin;
`,
      'src/controllers/popular.js': `const ping = require('./ping');
//                   ^^^^^^^^ layering/forbidden-dependency A controller must not depend on the controller layer
exports.get = async function (req, res) { await ping.get(req, res); };
`,
    });
  });

  it('does not take a provider injected from the file of its module for a dependency on the module, and reports importing a module under a team policy', () => {
    checkRule(RULE, {
      'layerguard.json': TEAM_POLICY,
      'tsconfig.json': NEST_TSCONFIG,
      'src/events/index.ts': `import { Global, Injectable, Module } from '@nestjs/common';
@Injectable()
export class EventBus { emit(name: string) { return name; } }
@Global()
@Module({ providers: [EventBus], exports: [EventBus] })
export class EventsModule {}
`,
      'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { EventBus } from '../events';
@Injectable()
export class UsersService {
  constructor(private readonly events: EventBus) {}
  rename(id: string) { return this.events.emit(\`user.renamed.\${id}\`); }
}
`,
      'src/billing/billing.service.ts': `import { Injectable } from '@nestjs/common';
import { EventsModule } from '../events';
//                           ^^^^^^^^^^^ layering/forbidden-dependency A service must not depend on the module layer
@Injectable()
export class BillingService { modules() { return [EventsModule]; } }
`,
    });
  });

  it('does not take a BSON id value from the MongoDB driver for data access', () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/tenants/tenants.repository.ts':
        "import { Collection } from 'mongodb';\nexport class TenantsRepository { constructor(private readonly tenants: Collection) {} byId(id: unknown) { return this.tenants.findOne({ _id: id }); } }\n",
      'src/tenants/tenants.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';
import { ObjectID } from 'mongodb';
import { TenantsService } from './tenants.service';
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}
  @Get(':id') show(@Param('id') id: string) { return this.tenants.find(new ObjectID(id)); }
}
`,
      'src/tenants/tenants.service.ts':
        "import { TenantsRepository } from './tenants.repository';\nexport class TenantsService { constructor(private readonly repo: TenantsRepository) {} find(id: unknown) { return this.repo.byId(id); } }\n",
    });
  });
});
