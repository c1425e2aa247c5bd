import { describe, it } from 'node:test';
import { checkRule } from '../../../helpers/project';

const RULE = 'api/missing-validation';
/** Query strings are checked only when asked (`checkQuery`). */
const QUERY_ON = JSON.stringify({ rules: { [RULE]: { options: { checkQuery: true } } } });
/** A Nest entry point that installs no pipe. */
const NEST_MAIN = `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));
`;

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
    await rooms.rename(req.body);
//                     ^^^^^^^^ api/missing-validation req.body is written to the data store without validation. It reaches Room.update in rooms.ts, line 4
  }
  res.status(204).end();
});
`,
      'src/services/rooms.ts': "import { Room } from '../models/room';\nexport const rooms = {\n  current: () => 'lobby',\n  async rename(changes: object) { return Room.update(changes); },\n};\n",
      'src/models/room.ts': 'export const Room = { update: async (r: object) => r };\n',
    });
  });

  it('leaves query strings read from the request alone by default, and still reports the body', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/routes/books.routes.ts': `import { Router } from 'express';
import { books } from '../services/books';
export const router = Router();
router.get('/v1/books', async (req, res) => {
  res.json(await books.search(req.query));
});
router.post('/v1/books', async (req, res) => {
  res.status(201).json(await books.add(req.body));
//                                     ^^^^^^^^ api/missing-validation req.body is written to the data store without validation. It reaches Book.create in books.ts, line 4
});
`,
      'src/services/books.ts': `import { Book, RecentSearch } from '../models/book';
export const books = {
  async search(query: object) { await RecentSearch.create(query); return Book.find(query); },
  async add(book: object) { return Book.create(book); },
};
`,
      'src/models/book.ts': 'export const Book = { find: async (q: object) => [q], create: async (b: object) => b };\nexport const RecentSearch = { create: async (s: object) => s };\n',
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
  //                                       ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches Order.create in orders.ts, line 3
});
router.get('/search', async (req, res) => {
  res.json(await orders.search(req.query));
  //                           ^^^^^^^^^ api/missing-validation Unvalidated input: req.query is written to the data store without validation. It reaches Search.create in orders.ts, line 4
});
`,
      'express/src/services/orders.ts':
        "import { Order, Search } from '../models/order';\nexport const orders = {\n  async create(order: unknown) { return Order.create(order); },\n  async search(query: unknown) { await Search.create(query); return Order.find(query); },\n};\n",
      'express/src/models/order.ts': 'export const Order = { create: async (o: unknown) => o, find: async (q: unknown) => [q] };\nexport const Search = { create: async (s: unknown) => s };\n',
      'koa/tsconfig.json': '{}',
      'koa/src/controllers/users.controller.ts': `import { User } from '../models/user';
export async function create(ctx: { request: { body: unknown }; body: unknown }) {
  ctx.body = await save(ctx.request.body);
  //                    ^^^^^^^^^^^^^^^^ api/missing-validation Unvalidated input: ctx.request.body is written to the data store without validation. It reaches User.create, line 6
}
async function save(fields: unknown) {
  return User.create(fields);
}
`,
      'koa/src/models/user.ts': 'export const User = { create: async (u: unknown) => u };\n',
      'nest/tsconfig.json': '{}',
      'nest/src/main.ts': NEST_MAIN,
      'nest/src/users/users.controller.ts': `import { Body, Controller, Post, Put, Query } from '@nestjs/common';
import { CreateUserDto } from './create-user.dto';
import { UsersService } from './users.service';
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}
  @Post() create(@Body() body: CreateUserDto) { return this.users.create(body); }
  //             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation no ValidationPipe is installed. Without app.useGlobalPipes(new ValidationPipe()) in main.ts, DTO decorators are not applied. It is written to the data store unchecked: it reaches User.create in users.service.ts, line 5
  @Put('settings') settings(@Query() query: Record<string, string>) { return this.users.saveSettings(query); }
  //                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation is typed Record<string, string>: nothing checks its shape. Type it with a DTO class carrying class-validator decorators. It is written to the data store unchecked: it reaches User.update in users.service.ts, line 6
  @Post('address') address(@Body('address') address: any) { return address; }
  //                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation is typed any: nothing checks the field's shape
}
`,
      'nest/src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { User } from './user.model';
@Injectable()
export class UsersService {
  create(input: object) { return User.create(input); }
  saveSettings(settings: Record<string, string>) { return User.update({ settings }); }
}
`,
      'nest/src/users/user.model.ts': 'export const User = { create: async (u: object) => u, update: async (u: object) => u };\n',
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
import { Order } from '../models/order';
const createOrder = z.object({ total: z.number() });
export const router = Router();
const controller = new OrderController();
router.post('/', async (req, res) => {
  const input = createOrder.parse(req.body);
  res.status(201).json(await Order.create(input));
});
router.put('/:id', celebrate({ body: Joi.object({ total: Joi.number() }) }), async (req, res) => {
  res.json(await Order.update(req.params.id, req.body));
});
router.post('/bulk', validate(createOrder), controller.bulk);
router.get('/', async (req, res) => {
  const page = Number(req.query.page) || 1;
  res.json({ page });
});
`,
      'express/src/controllers/order.controller.ts': `import type { Request, Response } from 'express';
import { Order } from '../models/order';
export class OrderController {
  bulk = async (req: Request, res: Response) => {
    res.json(await Order.insertMany(req.body));
  };
}
`,
      'express/src/models/order.ts': 'export const Order = { create: async (o: unknown) => o, update: async (id: string, o: unknown) => ({ id, o }), insertMany: async (rows: unknown) => rows };\n',
      'fastify/tsconfig.json': '{}',
      'fastify/src/routes/users.routes.ts': `import { Session, User } from '../models/user';
export default async function routes(server: { route(o: unknown): void; post(p: string, o: unknown, h: unknown): void }) {
  server.route({ method: 'POST', url: '/users', schema: { body: { type: 'object' } }, handler: onCreate });
  server.post('/sessions', { schema: { body: { type: 'object' } } }, async (request: { body: unknown }) => Session.create(request.body));
  async function onCreate(req: { body: unknown }) {
    return User.create(req.body);
  }
}
`,
      'fastify/src/models/user.ts': 'export const User = { create: async (u: unknown) => u };\nexport const Session = { create: async (s: unknown) => s };\n',
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
import { UsersService } from './users.service';
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}
  @Post() create(@Body() body: CreateUserDto) { return this.users.create(body); }
  @Post(':id') update(@Param('id') id: string, @Body() body: UpdateUserDto) { return this.users.update(id, body); }
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
      'nest/src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { User } from './user.model';
@Injectable()
export class UsersService {
  create(input: object) { return User.create(input); }
  update(id: string, changes: object) { return User.update(id, changes); }
}
`,
      'nest/src/users/user.model.ts': 'export const User = { create: async (u: object) => u, update: async (id: string, u: object) => ({ id, u }) };\n',
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
      'express/src/controllers/order.controller.ts': `import { Order } from '../models/order';
export class OrderController {
  create = async (req: { body: unknown }, res: { json(x: unknown): void }) => res.json(await Order.create(req.body));
}
`,
      'express/src/models/order.ts': 'export const Order = { create: async (o: unknown) => o };\n',
      'nest/tsconfig.json': '{}',
      'nest/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));
export type Unused = ValidationPipe;
`,
      'nest/src/users/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { CreateUserDto } from './create-user.dto';
import { UsersService } from './users.service';
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}
  @Post() create(@Body() body: CreateUserDto) { return this.users.create(body); }
  //             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation no ValidationPipe is installed
}
`,
      'nest/src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { User } from './user.model';
@Injectable()
export class UsersService {
  create(input: object) { return User.create(input); }
}
`,
      'nest/src/users/user.model.ts': 'export const User = { create: async (u: object) => u };\n',
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
const Account = require('../models/account');
const openAccount = catchAsync(async (req, res) => { res.status(201).send(await Account.create(req.body)); });
const closeAccount = catchAsync(async (req, res) => { res.send(await Account.update({ ...req.body, closed: true })); });
//                                                                                       ^^^^^^^^ api/missing-validation req.body is written to the data store without validation. It reaches Account.update, line 4
const logout = (req, res) => { logger.debug('logout %o', req.body); res.end(); };
const report = (req, res) => { if (req.body) { console.log('violation', req.body); } res.status(204).end(); };
const build = (req, res) => { getState().log(2, \`starting build: \${JSON.stringify(req.body || {})}\`); res.end(); };
module.exports = { openAccount, closeAccount, logout, report, build };
`,
      'src/models/account.js': 'module.exports = { create: async (row) => row, update: async (row) => row };\n',
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
      'src/invites/dto/onboarding.dto.ts': 'export class OnboardingDto { showOnboarding!: boolean; }\n',
      'src/invites/commands/update-onboarding.command.ts': `import { IsBoolean } from 'class-validator';
export class UpdateOnboardingCommand { @IsBoolean() showOnboarding!: boolean; static create(x: object) { return Object.assign(new UpdateOnboardingCommand(), x); } }
`,
      'src/invites/invites.controller.ts': `import { Body, Controller, Post, Put } from '@nestjs/common';
import { InviteDto } from './dto/invite.dto';
import { OnboardingDto } from './dto/onboarding.dto';
import { UpdateOnboardingCommand } from './commands/update-onboarding.command';
import { InviteEvent } from './invite-event.model';
@Controller({ path: 'invites', version: '1' })
export class InvitesController {
  @Post() invite(@Body() dto: InviteDto) { return dto; }
  @Put('onboarding') onboarding(@Body() body: OnboardingDto) { return UpdateOnboardingCommand.create({ showOnboarding: body.showOnboarding }); }
  @Post('track') track(@Body('event') event, @Body('name') name: string) { return InviteEvent.create({ event, name }); }
  //                   ^^^^^^^^^^^^^^^^^^^^ api/missing-validation Body('event') is untyped: nothing checks the field. Give it a type (a DTO class with class-validator decorators for an object). It is written to the data store unchecked: it reaches InviteEvent.create, line 10
}
`,
      'src/invites/invite-event.model.ts': 'export const InviteEvent = { create: async (e: object) => e };\n',
    });
  });

  it("credits a pipe on the parameter, a schema parse on the handler's first lines, and types inferred from a zod schema", () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true, "strict": true } }',
      'src/main.ts': NEST_MAIN,
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({}) export class AppModule {}\n",
      'src/shared/schemas.ts': `import { z } from 'zod';
export const renameSchema = z.object({ title: z.string().max(80) });
export type RenameInput = z.infer<typeof renameSchema>;
`,
      'src/boards/boards.controller.ts': `import { Body, Controller, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { renameSchema, type RenameInput } from '../shared/schemas';
import { Board, Note } from './board.model';
declare class SchemaPipe { constructor(schema: unknown); }
declare function assertValidEmail(email: string): void;
@Controller({ path: 'boards', version: '1' })
export class BoardsController {
  @Post(':id/rename') rename(@Param('id') id: string, @Body(new SchemaPipe(renameSchema)) input: RenameInput) { return Board.update(id, input); }
  @Post('import') load(@Body() raw: unknown) { const board = renameSchema.parse(raw); return Board.create(board); }
  @Post('invite') invite(@Body() { email }: Record<string, string>) { assertValidEmail(email); return email; }
  @Post('share') share(@Body() input: Record<string, string>) { const { email } = input; assertValidEmail(email); return email; }
  @Post('page') page(@Query('size', ParseIntPipe) size: any) { return Board.update('default', { size }); }
  @Post('search') search(@Query('q') q = '', @Query('exact') exact = false) { return [q, exact]; }
  @Post('notes') notes(@Body() note: any) { return Note.create(note); }
  //                   ^^^^^^^^^^^^^^^^^ api/missing-validation Body() is typed any: nothing checks its shape. Type it with a DTO class carrying class-validator decorators. It is written to the data store unchecked: it reaches Note.create, line 14
}
`,
      'src/boards/board.model.ts':
        'export const Board = { create: async (b: object) => b, update: async (id: string, b: object) => ({ id, b }) };\nexport const Note = { create: async (n: object) => n };\n',
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
const { Member, Question, Search } = require('../models/member');
exports.add = async (req, res) => { res.status(201).json(await Member.create(req.body)); };
exports.list = async (req, res) => { await Search.create(req.query); res.json(await Member.find()); };
//                                                       ^^^^^^^^^ api/missing-validation req.query is written to the data store without validation. It reaches Search.create, line 4
exports.rename = async (req, res) => {
  const changes = req.body;
  const { name, ...others } = changes;
  if (!name || !validator.isLength(name, { max: 60 }) || Object.keys(others).length > 0) return res.status(400).json({ error: 'name' });
  res.json(await Member.update(changes));
};
exports.ping = (req, res) => {
  req.log.info({ query: req.query }, 'ping');
  res.end();
};
exports.ask = async (req, res) => {
  const asked = req.body;
  if (!asked.question || asked.question.length > 500 || Object.keys(asked).length > 1) {
    req.flash('errors', { msg: 'Ask a question of 500 characters or fewer.' });
    return res.redirect('/ask');
  }
  res.render('answer', await Question.create(asked));
};
`,
      'src/models/member.js':
        'exports.Member = { create: async (m) => m, update: async (m) => m, find: async () => [] };\nexports.Question = { create: async (q) => q };\nexports.Search = { create: async (s) => s };\n',
    });
  });

  it('credits validation declared in a route table, a guard given the request shape, and validation one call in', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'layerguard.json': QUERY_ON,
      'src/routes/labels-controller.ts': `import { Router, type Request, type Response } from 'express';
import { Label } from '../models/records';
declare const openApi: { validPath(spec: object): (req: Request, res: Response, next: () => void) => void };
export class LabelsController {
  readonly router = Router();
  constructor() {
    this.route({ method: 'post', path: '/labels', handler: this.create, middleware: [openApi.validPath({ requestBody: 'labelSchema' })] });
    this.route({ method: 'put', path: '/labels/:id', handler: this.rename, middleware: [] });
  }
  route(spec: { method: string; path: string; handler: (req: Request, res: Response) => void; middleware: unknown[] }) { return spec; }
  async create(req: Request, res: Response) { res.json(await Label.create(req.body)); }
  async rename(req: Request, res: Response) { res.json(await Label.update(req.body)); }
//                                                                        ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches Label.update, line 12
}
`,
      'src/routes/connectors.ts': `import Router from '@koa/router';
import { Connector } from '../models/records';
declare function shapeGuard(spec: object): (ctx: unknown, next: () => Promise<void>) => Promise<void>;
export const connectors = new Router();
connectors.get('/connectors', shapeGuard({ query: { target: 'string?' } }), async (ctx, next) => {
  ctx.body = await Connector.insert(ctx.query);
  await next();
});
`,
      'src/routes/webhooks.ts': `import { Router } from 'express';
import { createWebhook } from '../webhooks/create-webhook';
export const webhooks = Router();
webhooks.post('/webhooks', async (req, res) => {
  res.status(201).json(await createWebhook(req.body));
});
`,
      'src/webhooks/create-webhook.ts': `import { Webhook } from '../models/records';
declare const webhookSchema: { parse(input: unknown): { url: string; events: string[] } };
export async function createWebhook(input: unknown) {
  const valid = webhookSchema.parse(input);
  return Webhook.create(valid);
}
`,
      'src/models/records.ts':
        'export const Label = { create: async (l: object) => l, update: async (l: object) => l };\nexport const Connector = { insert: async (c: object) => c };\nexport const Webhook = { create: async (w: object) => w };\n',
    });
  });

  it("credits the app's own validation helpers, in the handler or one call in, and not a presence check one call in", () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'routes/rest/lists.js': `const router = require('express').Router();
const lists = require('../../models/lists');
const Signup = require('../../models/signup');
const { sanitizeSignup } = require('../../lib/signup');
router.post('/lists', async (req, res) => res.json(await lists.create(req.body)));
router.post('/signups', async (req, res) => res.json(await Signup.insert(sanitizeSignup(req.body))));
router.post('/labels', async (req, res) => res.json(await lists.label(req.body)));
//                                                                    ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches db.insert in lists.js, line 4
module.exports = router;
`,
      'models/lists.js': `const db = require('./db');
function _validateAndPreprocess(entity) { if (typeof entity.name !== 'string') throw new Error('name'); return entity; }
async function create(entity) { return db.insert('lists', _validateAndPreprocess(entity)); }
async function label(entity) { if (!entity.name) throw new Error('name is required'); return db.insert('labels', entity); }
module.exports = { create, label };
`,
      'models/db.js': 'module.exports = { insert: async (table, row) => ({ table, ...row }) };\n',
      'models/signup.js': 'module.exports = { insert: async (row) => ({ id: 3, ...row }) };\n',
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
      'models/note.js': 'module.exports = { create: async (fields) => ({ id: 1, ...fields }) };\n',
    });
  });

  it('is silent when fields go only to app code the file cannot see, and still reports them built into an object', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'api/controllers/lamp.controller.js': `const Lamp = require('../../models/lamp');
module.exports = function LampController(host) {
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
    const { lampId, ...changes } = req.body;
//                                 ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches Lamp.update, line 19
    res.json(await Lamp.update({ ...changes }, { where: { id: lampId } }));
  }
  return { pair, rename, scope, move };
};
`,
      'models/lamp.js': 'module.exports = { update: async (values, options) => ({ values, options }) };\n',
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
  res.json(await forecast.remember(req.body));
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
exports.remember = async (favourite) => {
  return Favourite.create({ ...favourite, savedAt: Date.now() });
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
  const { ticketId, ...changes } = req.body;
//                                 ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches Ticket.update in tickets.js, line 5
  res.json(await tickets.retitle(ticketId, changes));
});
router.post('/v1/tickets/find', async (req, res) => {
  // Only looked up (a where: of a read): an id that is never stored is not reported.
  res.json(await Ticket.findOne({ where: { id: req.body.ticketId } }));
});
module.exports = router;
`,
      'src/services/tickets.js': `const Ticket = require('../models/ticket');
module.exports = {
  async claim(claim) { return Ticket.create(claim); },
  async close(id) { return Ticket.update({ status: 'closed' }, { where: { id } }); },
  async retitle(id, changes) { return Ticket.update(changes, { where: { id } }); },
};
`,
      'src/models/ticket.js': 'module.exports = { findOne: async (q) => q, create: async (row) => row, update: async (values, options) => ({ values, options }) };\n',
    });
  });

  it('leaves Nest inputs whose only fields used are ids or paging values handed on, and still reports one used whole or with data', () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
      'src/main.ts': NEST_MAIN,
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
//                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation no ValidationPipe is installed. Without app.useGlobalPipes(new ValidationPipe()) in main.ts, DTO decorators are not applied. It is written to the data store unchecked: it reaches Ticket.update in tickets.service.ts, line 5
    return this.tickets.retitle(body.ticketId, body);
  }
  @Post('import') import(@Body() body: { ticketId: string }) {
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation no ValidationPipe is installed. Without app.useGlobalPipes(new ValidationPipe()) in main.ts, DTO decorators are not applied. It is written to the data store unchecked: it reaches Ticket.create in tickets.service.ts, line 6
    return this.tickets.import(body);
  }
}
`,
      'src/tickets/tickets.service.ts': `import { Ticket } from './ticket.model';
export class TicketsService {
  close(id: string) { return Ticket.update({ status: 'closed' }, { where: { id } }); }
  list(owner: string | undefined, page: number, size: number) { return Ticket.findAll({ where: { owner }, offset: page * size, limit: size }); }
  retitle(id: string, changes: object) { return Ticket.update(changes, { where: { id } }); }
  import(row: object) { return Ticket.create(row); }
}
`,
      'src/tickets/ticket.model.ts': 'export const Ticket = { create: async (r: object) => r, update: async (v: object, o: object) => ({ v, o }), findAll: async (o: object) => [o] };\n',
    });
  });

  it('leaves middleware that always passes the request on, and still reports a handler that only sometimes calls next()', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'src/routes/profile.js': `const express = require('express');
const Profile = require('../models/profile');
const Audit = require('../models/audit');
const router = express.Router();
const flagNameChange = async (req, res, next) => {
  res.locals.renaming = req.body.name !== req.user.name;
  await Audit.create({ user: req.user.id, change: req.body });
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
//                                           ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches Profile.update, line 20
});
module.exports = router;
`,
      'src/models/profile.js': 'module.exports = { findById: async (id) => ({ id }), update: async (id, changes) => ({ id, ...changes }) };\n',
      'src/models/audit.js': 'module.exports = { create: async (entry) => entry };\n',
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
//            ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches Post.create, line 7
});
router.post('/drafts', async (req, res) => {
  const token = req.headers.authorization;
  validateToken(token);
  res.json(await Post.create(req.body));
//                           ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches Post.create, line 12
});
router.post('/comments', async (req, res) => {
  res.json(await Post.create({ ...req.body, text: sanitizeHtml(req.body.text) }));
//                                ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches Post.create, line 15
});
module.exports = router;
module.exports.admin = wrapAsync({ restore: async (req, res) => { res.json(await Post.insertMany(req.body)); } });
//                                                                                               ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches Post.insertMany, line 18
`,
      'src/auth/tokens.js': "exports.validateToken = (token) => { if (!token) throw new Error('no token'); };\n",
      'src/models/post.js': 'module.exports = { create: async (p) => p, insertMany: async (rows) => rows };\n',
    });
  });

  it("does not take a callback in a library call's options for a handler", () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'src/server.js': `const express = require('express');
const rateLimit = require('express-rate-limit');
const { SignupAttempt, User } = require('./models/user');
const app = express();
const signupLimiter = rateLimit({
  windowMs: 60000,
  max: 5,
  keyGenerator: (req) => {
    SignupAttempt.create({ ...req.body, ip: req.ip });
    return req.body.email || req.ip;
  },
});
app.post('/signup', signupLimiter, async (req, res) => res.json(await User.create(req.body)));
//                                                                                ^^^^^^^^ api/missing-validation Unvalidated input: req.body is written to the data store without validation. It reaches User.create, line 13
app.listen(3000);
`,
      'src/models/user.js': 'exports.SignupAttempt = { create: async (a) => a };\nexports.User = { create: async (u) => u };\n',
    });
  });

  it('leaves flags tested against a constant and fields converted by a toNumber helper alone', () => {
    checkRule(RULE, {
      'layerguard.json': QUERY_ON,
      'jsconfig.json': '{}',
      'server/controllers/shelf.controller.js': `const { toNumber } = require('../utils');
const Shelf = require('../models/shelf');
exports.list = async function list(req, res) {
  const withCounts = req.query.counts === '1';
  const page = toNumber(req.query.page, 0);
  res.json({ page, withCounts });
};
exports.rename = async function rename(req, res) {
  res.json(await Shelf.update(req.body));
//                            ^^^^^^^^ api/missing-validation req.body is written to the data store without validation. It reaches Shelf.update, line 9
};
`,
      'server/models/shelf.js': 'module.exports = { update: async (changes) => changes };\n',
      'server/utils.js': 'exports.toNumber = (value, fallback) => (Number.isFinite(Number(value)) ? Number(value) : fallback);\n',
    });
  });

  it("credits validation given to a project's own route helper (method and path as strings)", () => {
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
      'src/routes/helpers.js': 'exports.setupApiRoute = function (router, verb, path, middlewares, handler) { router[verb](path, middlewares, handler); };\n',
      'src/middleware/index.js':
        'exports.ensureLoggedIn = (req, res, next) => next();\nexports.checkRequired = (fields, req, res, next) => (fields.every((f) => req.body[f] !== undefined) ? next() : res.status(400).end());\n',
      'src/controllers/admin.js': `const Settings = require('../models/settings');
const User = require('../models/user');
const Admin = module.exports;
Admin.updateSetting = async (req, res) => { res.json(await Settings.update(req.body)); };
Admin.updateProfile = async (req, res) => { res.json(await User.update(req.body)); };
//                                                                     ^^^^^^^^ api/missing-validation req.body is written to the data store without validation. It reaches User.update, line 5
`,
      'src/models/settings.js': 'module.exports = { update: async (changes) => changes };\n',
      'src/models/user.js': 'module.exports = { update: async (changes) => changes };\n',
    });
  });
});
