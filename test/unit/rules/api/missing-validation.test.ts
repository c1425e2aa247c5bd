import { describe, it } from 'node:test';
import { checkRule } from '../../../helpers/project';

const RULE = 'api/missing-validation';
/** Query strings are checked only when asked (`checkQuery`). */
const QUERY_ON = JSON.stringify({ rules: { [RULE]: { options: { checkQuery: true } } } });

describe(RULE, () => {
  it('leaves input that is only compared, tested for presence or looked up in a set, and reports the first read used as data', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/routes/rooms.routes.ts': `import { Router } from 'express';
import { rooms } from '../services/rooms';
export const router = Router();
const open = new Set<string>();
router.post('/v1/rooms/check', (req, res) => {
  if (!req.body.room) return res.status(404).end();
  res.json({ open: open.has(req.body.room), mine: req.body.owner === rooms.current() });
});
router.post('/v1/rooms/rename', async (req, res) => {
  if (req.body.name !== undefined && req.body.name !== rooms.current()) {
    await rooms.rename(req.body.name);
//                     ^^^^^^^^ api/missing-validation req.body is used without validation
  }
  res.status(204).end();
});
`,
      'src/services/rooms.ts': "export const rooms = { current: () => 'lobby', rename: async (name: string) => name };\n",
    });
  });

  it('leaves query strings read from the request alone by default, and still reports the body', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/routes/books.routes.ts': `import { Router } from 'express';
import { books } from '../services/books';
export const router = Router();
router.get('/v1/books', async (req, res) => {
  res.json(await books.search(req.query.title as string, req.query.shelf as string));
});
router.post('/v1/books', async (req, res) => {
  res.status(201).json(await books.add(req.body.title, req.body.author));
//                                     ^^^^^^^^ api/missing-validation req.body is used without validation
});
`,
      'src/services/books.ts': 'export const books = { search: async (t: string, s: string) => [t, s], add: async (t: string, a: string) => ({ t, a }) };\n',
    });
  });

  it('flags handlers that use body or query without validation, and loose or unvalidated Nest inputs', () => {
    checkRule(RULE, {
      'layerguard.json': QUERY_ON,
      'express/tsconfig.json': '{}',
      'express/src/routes/orders.routes.ts': `import { Router } from 'express';
import { orders } from '../services/orders';
export const router = Router();
router.post('/', async (req, res) => {
  res.status(201).json(await orders.create(req.body));
  //                                       ^^^^^^^^ api/missing-validation Unvalidated input: req.body is used without validation at the entry
});
router.get('/search', async (req, res) => {
  res.json(await orders.search(req.query));
  //                           ^^^^^^^^^ api/missing-validation req.query
});
`,
      'express/src/services/orders.ts': "import { Order } from '../models/order';\nexport const orders = {\n  async create(order: unknown) { return Order.create(order); },\n  async search(query: unknown) { return Order.find(query); },\n};\n",
      'express/src/models/order.ts': 'export const Order = { create: async (o: unknown) => o, find: async (q: unknown) => [q] };\n',
      'koa/tsconfig.json': '{}',
      'koa/src/controllers/users.controller.ts': `export async function create(ctx: { request: { body: unknown }; body: unknown }) {
  ctx.body = await save(ctx.request.body);
  //                    ^^^^^^^^^^^^^^^^ api/missing-validation
}
declare function save(x: unknown): Promise<unknown>;
`,
      'nest/tsconfig.json': '{}',
      'nest/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));
`,
      'nest/src/users/users.controller.ts': `import { Body, Controller, Post, Query, Get } from '@nestjs/common';
import { CreateUserDto } from './create-user.dto';
@Controller({ path: 'users', version: '1' })
export class UsersController {
  @Post() create(@Body() body: CreateUserDto) { return body; }
  //             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation no ValidationPipe is installed
  @Get() list(@Query() query: Record<string, string>) { return query; }
  //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation is typed Record<string, string>
  @Post('address') address(@Body('address') address: any) { return address; }
  //                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation is typed any: nothing checks the field's shape
}
`,
      'nest/src/users/create-user.dto.ts': `import { IsEmail } from 'class-validator';
export class CreateUserDto { @IsEmail() email!: string; }
`,
    });
  });

  it('does not flag schema parsing, validation middleware, route schemas, validated DTOs or coerced fields', () => {
    checkRule(RULE, {
      'express/tsconfig.json': '{}',
      'express/src/routes/orders.routes.ts': `import { Router } from 'express';
import { z } from 'zod';
import { celebrate, Joi } from 'celebrate';
import { validate } from '../middleware/validate';
import { OrderController } from '../controllers/order.controller';
const createOrder = z.object({ total: z.number() });
export const router = Router();
const controller = new OrderController();
router.post('/', async (req, res) => {
  const input = createOrder.parse(req.body);
  res.status(201).json(input);
});
router.put('/:id', celebrate({ body: Joi.object({ total: Joi.number() }) }), async (req, res) => {
  res.json(req.body);
});
router.post('/bulk', validate(createOrder), controller.bulk);
router.get('/', async (req, res) => {
  const page = Number(req.query.page) || 1;
  res.json({ page });
});
`,
      'express/src/controllers/order.controller.ts': `import type { Request, Response } from 'express';
export class OrderController {
  bulk = async (req: Request, res: Response) => {
    res.json(req.body);
  };
}
`,
      'fastify/tsconfig.json': '{}',
      'fastify/src/routes/users.routes.ts': `export default async function routes(server: { route(o: unknown): void; post(p: string, o: unknown, h: unknown): void }) {
  server.route({ method: 'POST', url: '/users', schema: { body: { type: 'object' } }, handler: onCreate });
  server.post('/sessions', { schema: { body: { type: 'object' } } }, async (request: { body: unknown }) => request.body);
  async function onCreate(req: { body: unknown }) {
    return req.body;
  }
}
`,
      'nest/tsconfig.json': '{}',
      'nest/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => {
  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));
  return app.listen(3000);
});
`,
      'nest/src/users/users.controller.ts': `import { Body, Controller, Get, Param, ParseArrayPipe, Post, Query } from '@nestjs/common';
import { CreateUserDto } from './create-user.dto';
import { UpdateUserDto } from './update-user.dto';
@Controller({ path: 'users', version: '1' })
export class UsersController {
  @Post() create(@Body() body: CreateUserDto) { return body; }
  @Post(':id') update(@Param('id') id: string, @Body() body: UpdateUserDto) { return { id, body }; }
  @Get() list(@Query('page') page: string, @Query('tags', ParseArrayPipe) tags: string[], @Body('note') note?: string) { return [page, tags, note]; }
}
`,
      'nest/src/users/create-user.dto.ts': `import { IsEmail } from 'class-validator';
export class CreateUserDto { @IsEmail() email!: string; }
`,
      'nest/src/users/update-user.dto.ts': `import { PartialType } from '@nestjs/mapped-types';
import { CreateUserDto } from './create-user.dto';
export class UpdateUserDto extends PartialType(CreateUserDto) {}
`,
    });
  });

  it('sees validation in front of a wrapped handler, and a ValidationPipe that is only imported is none', () => {
    checkRule(RULE, {
      'express/tsconfig.json': '{}',
      'express/src/routes/orders.routes.ts': `import { Router } from 'express';
import { validate } from '../middleware/validate';
import { asyncHandler } from '../middleware/async-handler';
import { OrderController } from '../controllers/order.controller';
const controller = new OrderController();
export const router = Router();
router.post('/v1/orders', validate(createOrder), asyncHandler(controller.create));
declare const createOrder: unknown;
`,
      'express/src/controllers/order.controller.ts': `export class OrderController {
  create = async (req: { body: unknown }, res: { json(x: unknown): void }) => res.json(req.body);
}
`,
      'nest/tsconfig.json': '{}',
      'nest/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));
export type Unused = ValidationPipe;
`,
      'nest/src/users/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { CreateUserDto } from './create-user.dto';
@Controller({ path: 'users', version: '1' })
export class UsersController {
  @Post() create(@Body() body: CreateUserDto) { return body; }
  //             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation no ValidationPipe is installed
}
`,
      'nest/src/users/create-user.dto.ts': `import { IsEmail } from 'class-validator';
export class CreateUserDto { @IsEmail() email!: string; }
`,
    });
  });

  it('sees middleware of chained routes in front of wrapped handlers, and does not count logged input', () => {
    checkRule(RULE, {
      'jsconfig.json': '{ "compilerOptions": { "allowJs": true } }',
      'src/routes/accounts.route.js': `const express = require('express');
const validate = require('../middlewares/validate');
const accountValidation = require('../validations/account.validation');
const accountController = require('../controllers/account.controller');
const router = express.Router();
router.route('/').post(validate(accountValidation.open), accountController.openAccount);
router.post('/close', accountController.closeAccount);
module.exports = router;
`,
      'src/controllers/account.controller.js': `const catchAsync = require('../utils/catchAsync');
const openAccount = catchAsync(async (req, res) => { res.status(201).send({ owner: req.body.owner }); });
const closeAccount = catchAsync(async (req, res) => { res.send({ closed: req.body.id }); });
//                                                                       ^^^^^^^^ api/missing-validation req.body
const logout = (req, res) => { logger.debug('logout %o', req.body); res.end(); };
const report = (req, res) => { if (req.body) { console.log('violation', req.body); } res.status(204).end(); };
const build = (req, res) => { getState().log(2, \`starting build: \${JSON.stringify(req.body || {})}\`); res.end(); };
module.exports = { openAccount, closeAccount, logout, report, build };
`,
    });
  });

  it('credits any global pipe, validators composed with applyDecorators, and commands that validate themselves; flags untyped fields', () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true, "strict": true } }',
      'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => { app.useGlobalPipes(new AppValidationPipe()); return app.listen(3000); });
declare class AppValidationPipe {}
`,
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({}) export class AppModule {}\n",
      'src/common/decorators/email-field.ts': `import { applyDecorators } from '@nestjs/common';
import { IsEmail, MaxLength } from 'class-validator';
export const EmailField = () => applyDecorators(IsEmail(), MaxLength(200));
`,
      'src/invites/dto/invite.dto.ts': "import { EmailField } from '../../common/decorators/email-field';\nexport class InviteDto { @EmailField() email!: string; }\n",
      'src/invites/dto/onboarding.dto.ts': "export class OnboardingDto { showOnboarding!: boolean; }\n",
      'src/invites/commands/update-onboarding.command.ts': `import { IsBoolean } from 'class-validator';
export class UpdateOnboardingCommand { @IsBoolean() showOnboarding!: boolean; static create(x: object) { return Object.assign(new UpdateOnboardingCommand(), x); } }
`,
      'src/invites/invites.controller.ts': `import { Body, Controller, Post, Put } from '@nestjs/common';
import { InviteDto } from './dto/invite.dto';
import { OnboardingDto } from './dto/onboarding.dto';
import { UpdateOnboardingCommand } from './commands/update-onboarding.command';
@Controller({ path: 'invites', version: '1' })
export class InvitesController {
  @Post() invite(@Body() dto: InviteDto) { return dto; }
  @Put('onboarding') onboarding(@Body() body: OnboardingDto) { return UpdateOnboardingCommand.create({ showOnboarding: body.showOnboarding }); }
  @Post('track') track(@Body('event') event, @Body('name') name: string) { return [event, name]; }
  //                   ^^^^^^^^^^^^^^^^^^^^ api/missing-validation Body('event') is untyped
}
`,
    });
  });

  it('credits a pipe on the parameter, a schema parse on the handler\'s first lines, and types inferred from a zod schema', () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true, "strict": true } }',
      'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));
`,
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({}) export class AppModule {}\n",
      'src/shared/schemas.ts': `import { z } from 'zod';
export const renameSchema = z.object({ title: z.string().max(80) });
export type RenameInput = z.infer<typeof renameSchema>;
`,
      'src/boards/boards.controller.ts': `import { Body, Controller, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { renameSchema, type RenameInput } from '../shared/schemas';
declare class SchemaPipe { constructor(schema: unknown); }
declare function assertValidEmail(email: string): void;
@Controller({ path: 'boards', version: '1' })
export class BoardsController {
  @Post(':id/rename') rename(@Param('id') id: string, @Body(new SchemaPipe(renameSchema)) input: RenameInput) { return [id, input.title]; }
  @Post('import') load(@Body() raw: unknown) { const board = renameSchema.parse(raw); return board; }
  @Post('invite') invite(@Body() { email }: Record<string, string>) { assertValidEmail(email); return email; }
  @Post('share') share(@Body() input: Record<string, string>) { const { email } = input; assertValidEmail(email); return email; }
  @Post('page') page(@Query('size', ParseIntPipe) size: any) { return size; }
  @Post('search') search(@Query('q') q = '', @Query('exact') exact = false) { return [q, exact]; }
  @Post('notes') notes(@Body() note: any) { return note.text; }
  //                   ^^^^^^^^^^^^^^^^^ api/missing-validation Body() is typed any
}
`,
    });
  });

  it('credits checks written by hand that turn bad input away, and CommonJS handlers behind chained validation', () => {
    checkRule(RULE, {
      'layerguard.json': QUERY_ON,
      'jsconfig.json': '{ "compilerOptions": { "allowJs": true } }',
      'src/routes/members.route.js': `const router = require('express').Router();
const validate = require('../middlewares/validate');
const members = require('../controllers/members.controller');
router.route('/').get(members.list).post(validate({ body: {} }), members.add);
module.exports = router;
`,
      'src/controllers/members.controller.js': `const validator = require('validator');
exports.add = async (req, res) => { res.status(201).json({ name: req.body.name }); };
exports.list = async (req, res) => { res.json({ page: req.query.page }); };
//                                                    ^^^^^^^^^ api/missing-validation req.query
exports.rename = async (req, res) => {
  const { name } = req.body;
  if (!name || !validator.isLength(name, { max: 60 })) return res.status(400).json({ error: 'name' });
  res.json({ name });
};
exports.ping = (req, res) => {
  req.log.info({ query: req.query }, 'ping');
  res.end();
};
exports.ask = (req, res) => {
  const question = req.body.question;
  if (!question || question.length > 500) {
    req.flash('errors', { msg: 'Ask a question of 500 characters or fewer.' });
    return res.redirect('/ask');
  }
  res.render('answer', { question });
};
`,
    });
  });

  it('credits validation declared in a route table, a guard given the request shape, and validation one call in', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/routes/labels-controller.ts': `import { Router, type Request, type Response } from 'express';
declare const openApi: { validPath(spec: object): (req: Request, res: Response, next: () => void) => void };
export class LabelsController {
  readonly router = Router();
  constructor() {
    this.route({ method: 'post', path: '/labels', handler: this.create, middleware: [openApi.validPath({ requestBody: 'labelSchema' })] });
    this.route({ method: 'put', path: '/labels/:id', handler: this.rename, middleware: [] });
  }
  route(spec: { method: string; path: string; handler: (req: Request, res: Response) => void; middleware: unknown[] }) { return spec; }
  create(req: Request, res: Response) { res.json({ name: req.body.name }); }
  rename(req: Request, res: Response) { res.json({ name: req.body.name }); }
//                                                       ^^^^^^^^ api/missing-validation Unvalidated input: req.body
}
`,
      'src/routes/connectors.ts': `import Router from '@koa/router';
declare function shapeGuard(spec: object): (ctx: unknown, next: () => Promise<void>) => Promise<void>;
export const connectors = new Router();
connectors.get('/connectors', shapeGuard({ query: { target: 'string?' } }), async (ctx, next) => {
  ctx.body = { target: ctx.query.target };
  await next();
});
`,
      'src/routes/webhooks.ts': `import { Router } from 'express';
import { createWebhook } from '../webhooks/create-webhook';
export const webhooks = Router();
webhooks.post('/webhooks', async (req, res) => {
  const { url, events } = req.body;
  res.status(201).json(await createWebhook({ url, events }));
});
`,
      'src/webhooks/create-webhook.ts': `declare const webhookSchema: { parse(input: unknown): { url: string; events: string[] } };
export async function createWebhook(input: unknown) {
  const valid = webhookSchema.parse(input);
  return { id: 1, ...valid };
}
`,
    });
  });

  it('credits the app\'s own validation helpers, in the handler or one call in, and not a presence check one call in', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'routes/rest/lists.js': `const router = require('express').Router();
const lists = require('../../models/lists');
const { sanitizeSignup } = require('../../lib/signup');
router.post('/lists', async (req, res) => res.json(await lists.create(req.body)));
router.post('/signups', async (req, res) => res.json(sanitizeSignup(req.body)));
router.post('/labels', async (req, res) => res.json(await lists.label(req.body)));
//                                                                    ^^^^^^^^ api/missing-validation Unvalidated input: req.body
module.exports = router;
`,
      'models/lists.js': `function _validateAndPreprocess(entity) { if (typeof entity.name !== 'string') throw new Error('name'); return entity; }
async function create(entity) { return { id: 1, ..._validateAndPreprocess(entity) }; }
async function label(entity) { if (!entity.name) throw new Error('name is required'); return { id: 2, ...entity }; }
module.exports = { create, label };
`,
      'lib/signup.js': "exports.sanitizeSignup = (raw) => ({ email: String(raw.email || '') });\n",
    });
  });

  it('is silent when the whole input goes to app code the file cannot see, and still reports it written to a model', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'api/controllers/scene.controller.js': `module.exports = function SceneController(host) {
  async function create(req, res) {
    const scene = await host.scene.create(req.user.id, req.body);
    res.status(201).json(scene);
  }
  return { 'post /api/v1/scene': { controller: create } };
};
`,
      'api/controllers/note.controller.js': `const Note = require('../../models/note');
exports.create = async function create(req, res) {
  res.status(201).json(await Note.create(req.body));
//                                       ^^^^^^^^ api/missing-validation Unvalidated input: req.body
};
`,
      'models/note.js': "module.exports = { create: async (fields) => ({ id: 1, ...fields }) };\n",
    });
  });

  it('is silent when fields go only to app code the file cannot see, and still reports them built into an object', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'api/controllers/lamp.controller.js': `module.exports = function LampController(host) {
  async function pair(req, res) {
    await host.lamps.pair(req.body.pairingCode);
    res.status(204).end();
  }
  async function rename(req, res) {
    const { lampId, label } = req.body;
    if (!lampId) return res.status(404).end();
    logger.info(\`renaming \${req.body.lampId}\`);
    res.json(await host.lamps.rename(lampId, label));
  }
  async function scope(req, res) {
    const wanted = req.body.scope || ['read'];
    res.json(await host.sessions.open(req.user.id, wanted));
  }
  async function move(req, res) {
    const { lampId, room } = req.body;
//                           ^^^^^^^^ api/missing-validation Unvalidated input: req.body
    res.json(await host.lamps.move({ lampId, room }));
  }
  return { pair, rename, scope, move };
};
`,
    });
  });

  it('is silent when the app function the input goes to only forwards it, and reports input a callee stores', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'src/routes/weather.js': `const express = require('express');
const forecast = require('../services/forecast');
const router = express.Router();
router.post('/v1/forecast', async (req, res) => {
  res.json(await forecast.lookup(req.body.city, req.body.days));
});
router.post('/v1/forecast/radar', async (req, res) => {
  res.json(await forecast.radar(req.body.region));
});
router.post('/v1/forecast/favourites', async (req, res) => {
  res.json(await forecast.remember(req.body.city));
//                                 ^^^^^^^^ api/missing-validation Unvalidated input: req.body
});
router.post('/v1/forecast/alerts', async (req, res) => {
  res.json(await forecast.subscribe(req.body));
//                                  ^^^^^^^^ api/missing-validation Unvalidated input: req.body
});
module.exports = router;
`,
      'src/services/forecast.js': `const { fetchJson } = require('../clients/http');
const Favourite = require('../models/favourite');
const radarClient = require('radar-sdk');
const alerts = require('../repositories/alerts');
exports.lookup = async (city, days) => {
  return fetchJson(\`https://weather.example/\${encodeURIComponent(city)}?days=\${Number(days)}\`);
};
// A namesake method of an outside client, not a call of itself.
exports.radar = async (region) => {
  return radarClient.radar(region);
};
exports.remember = async (city) => {
  return Favourite.create({ city, savedAt: Date.now() });
};
exports.subscribe = async function subscribe(alert) { return alerts.insert(alert); };
`,
      'src/clients/http.js': 'exports.fetchJson = async (url) => ({ url });\n',
      'src/models/favourite.js': 'module.exports = { create: async (row) => row };\n',
      'src/repositories/alerts.js': "const knex = require('knex');\nconst db = knex({ client: 'pg' });\nexports.insert = async (row) => db('alerts').insert(row);\n",
    });
  });

  it('leaves identifiers handed on as lookup keys, and still reports them beside data or written into a model', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'src/routes/tickets.js': `const express = require('express');
const tickets = require('../services/tickets');
const Ticket = require('../models/ticket');
const router = express.Router();
router.post('/v1/tickets/claim', async (req, res) => {
  const { ticketId } = req.body;
  const ticket = await tickets.claim({ ticketId, agent: req.user.id });
  res.json(ticket);
});
router.post('/v1/tickets/close', async (req, res) => {
  res.json(await tickets.close(req.body.ticket_id));
});
router.post('/v1/tickets/retitle', async (req, res) => {
  const { ticketId, title } = req.body;
//                            ^^^^^^^^ api/missing-validation Unvalidated input: req.body
  res.json(await tickets.retitle(ticketId, title));
});
router.post('/v1/tickets/find', async (req, res) => {
  res.json(await Ticket.findOne({ where: { id: req.body.ticketId } }));
//                                             ^^^^^^^^ api/missing-validation Unvalidated input: req.body
});
module.exports = router;
`,
      'src/services/tickets.js': 'module.exports = { claim: async (q) => q, close: async (id) => id, retitle: async (id, title) => ({ id, title }) };\n',
      'src/models/ticket.js': 'module.exports = { findOne: async (q) => q };\n',
    });
  });

  it('leaves Nest inputs whose only fields used are ids or paging values handed on, and still reports one used whole or with data', () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
      'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));
`,
      'src/tickets/tickets.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { TicketsService } from './tickets.service';
@Controller({ path: 'tickets', version: '1' })
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}
  @Post('close') close(@Body() body: { ticketId: string }) {
    if (!body.ticketId) throw new Error('ticketId is required');
    return this.tickets.close(body.ticketId);
  }
  @Post('list') list(@Body() query: { page: number; pageSize: number; ownerId?: string }) {
    const { page, pageSize } = query;
    return this.tickets.list(query.ownerId, Number(page), pageSize);
  }
  @Post('retitle') retitle(@Body() body: { ticketId: string; title: string }) {
//                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation no ValidationPipe is installed
    return this.tickets.retitle(body.ticketId, body.title);
  }
  @Post('import') import(@Body() body: { ticketId: string }) {
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation no ValidationPipe is installed
    return this.tickets.import(body);
  }
}
`,
      'src/tickets/tickets.service.ts': `export class TicketsService {
  close(id: string) { return id; }
  list(owner: string | undefined, page: number, size: number) { return [owner, page, size]; }
  retitle(id: string, title: string) { return { id, title }; }
  import(row: object) { return row; }
}
`,
    });
  });

  it('leaves middleware that always passes the request on, and still reports a handler that only sometimes calls next()', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'src/routes/profile.js': `const express = require('express');
const Profile = require('../models/profile');
const router = express.Router();
const flagNameChange = (req, res, next) => {
  res.locals.renaming = req.body.name !== req.user.name;
  audit.note(req.body.name);
  next();
};
const requireReauth = async (req, res, next) => {
  if (req.body.email) {
    await reauth(req, res, next);
  } else {
    next();
  }
};
router.put('/me', flagNameChange, requireReauth, async (req, res, next) => {
  const profile = await Profile.findById(req.user.id);
  if (!profile) return next();
  res.json(await Profile.update(req.user.id, req.body));
//                                           ^^^^^^^^ api/missing-validation Unvalidated input: req.body
});
module.exports = router;
`,
    });
  });

  it('still reports handlers that forward errors with .catch(next), check something else with a helper, or sit in a map of handlers', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'src/routes/posts.js': `const express = require('express');
const sanitizeHtml = require('sanitize-html');
const Post = require('../models/post');
const { validateToken } = require('../auth/tokens');
const router = express.Router();
router.post('/posts', (req, res, next) => {
  Post.create(req.body).then((post) => res.json(post)).catch(next);
//            ^^^^^^^^ api/missing-validation Unvalidated input: req.body
});
router.post('/drafts', async (req, res) => {
  const token = req.headers.authorization;
  validateToken(token);
  res.json(await Post.create(req.body));
//                           ^^^^^^^^ api/missing-validation Unvalidated input: req.body
});
router.post('/comments', async (req, res) => {
  const text = sanitizeHtml(req.body.text);
//                          ^^^^^^^^ api/missing-validation Unvalidated input: req.body
  res.json(await Post.comment(text));
});
module.exports = router;
module.exports.admin = wrapAsync({ remove: async (req, res) => { res.json(await Post.remove(req.body)); } });
//                                                                                          ^^^^^^^^ api/missing-validation Unvalidated input: req.body
`,
      'src/auth/tokens.js': "exports.validateToken = (token) => { if (!token) throw new Error('no token'); };\n",
      'src/models/post.js': 'module.exports = { create: async (p) => p, comment: async (t) => t, remove: async (p) => p };\n',
    });
  });

  it('does not take a callback in a library call\'s options for a handler', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'src/server.js': `const express = require('express');
const rateLimit = require('express-rate-limit');
const app = express();
const loginLimiter = rateLimit({ windowMs: 60000, max: 5, keyGenerator: (req) => req.body.username || req.ip });
app.post('/login', loginLimiter, (req, res) => res.json({ user: req.body.username }));
//                                                              ^^^^^^^^ api/missing-validation Unvalidated input: req.body
app.listen(3000);
`,
    });
  });

  it('leaves flags tested against a constant and fields converted by a toNumber helper alone', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'server/controllers/shelf.controller.js': `const { toNumber } = require('../utils');
exports.list = async function list(req, res) {
  const withCounts = req.query.counts === '1';
  const page = toNumber(req.query.page, 0);
  res.json({ page, withCounts });
};
exports.rename = async function rename(req, res) {
  res.json({ name: req.body.name });
//                 ^^^^^^^^ api/missing-validation
};
`,
      'server/utils.js': 'exports.toNumber = (value, fallback) => (Number.isFinite(Number(value)) ? Number(value) : fallback);\n',
    });
  });

  it('credits validation given to a project\'s own route helper (method and path as strings)', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'src/routes/admin.js': `const { setupApiRoute } = require('./helpers');
const middleware = require('../middleware');
const admin = require('../controllers/admin');
module.exports = function (router) {
  setupApiRoute(router, 'put', '/settings/:setting', [middleware.ensureLoggedIn, middleware.checkRequired.bind(null, ['value'])], admin.updateSetting);
  setupApiRoute(router, 'put', '/profile', [middleware.ensureLoggedIn], admin.updateProfile);
};
`,
      'src/routes/helpers.js': "exports.setupApiRoute = function (router, verb, path, middlewares, handler) { router[verb](path, middlewares, handler); };\n",
      'src/middleware/index.js': "exports.ensureLoggedIn = (req, res, next) => next();\nexports.checkRequired = (fields, req, res, next) => (fields.every((f) => req.body[f] !== undefined) ? next() : res.status(400).end());\n",
      'src/controllers/admin.js': `const Admin = module.exports;
Admin.updateSetting = async (req, res) => { res.json({ value: req.body.value }); };
Admin.updateProfile = async (req, res) => { res.json({ bio: req.body.bio }); };
//                                                          ^^^^^^^^ api/missing-validation
`,
    });
  });
});
