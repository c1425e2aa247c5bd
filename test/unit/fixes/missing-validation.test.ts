import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixesFor } from '../../../server/src/engine/fixes';
import { checkFix } from '../../helpers/fixes';
import { NEST_TSCONFIG, project } from '../../helpers/project';

const RULE = 'api/missing-validation';
const JS_TSCONFIG = JSON.stringify({ compilerOptions: { allowJs: true } });
/**
 * The zod fix builds its schema from the fields a handler reads, and fields read from the input
 * count as stored input only when asked (`checkFields`); query strings are checked only when asked
 * too (`checkQuery`).
 */
const FIELDS_ON = JSON.stringify({ rules: { [RULE]: { options: { checkFields: true } } } });
const QUERY_AND_FIELDS_ON = JSON.stringify({ rules: { [RULE]: { options: { checkQuery: true, checkFields: true } } } });

/** The ids of the rule's fixes offered for each of its findings in a project. */
function offered(files: Readonly<Record<string, string>>): string[][] {
  const result = project(files).analyze();
  const findings = result.findings.filter((f) => f.ruleId === RULE);
  assert.ok(findings.length > 0, 'the case has a finding to fix');
  return findings.map((f) =>
    fixesFor(result.graph, f)
      .fixes.map((fix) => fix.id)
      .filter((id) => id !== 'ignore-line' && id !== 'ignore-file'),
  );
}

/** A service that stores what it is given through the app's models: a new user, and each search made. */
const usersService = `import { Search, User } from '../models/user';

export const users = {
  async create(user: { name: string; email: string; age: number }) { return User.create(user); },
  async search(text: string | undefined, offset: number) {
    await Search.create({ text });
    return User.find({ text, offset });
  },
};
`;
const userModel = `export const User = { create: async (u: object) => u, find: async (q: object) => [q] };
export const Search = { create: async (s: object) => s };
`;

describe('fixes: api/missing-validation (zod)', () => {
  it('builds a schema from a destructured Express body, parses it at the entry and answers 400', () => {
    checkFix({
      files: {
        'layerguard.json': FIELDS_ON,
        'tsconfig.json': '{}',
        'src/services/users.service.ts': usersService,
        'src/models/user.ts': userModel,
        'src/routes/users.routes.ts': `import { Router } from 'express';
import { users } from '../services/users.service';

export const router = Router();

router.post('/users', async (req, res) => {
  const { name, email, age } = req.body;
  //                           ^^^^^^^^ api/missing-validation
  if (age < 18) return res.status(403).json({ message: 'too young' });
  res.status(201).json(await users.create({ name: name.trim(), email, age }));
});
`,
      },
      fixId: 'zod-schema',
      expect: {
        'src/routes/users.routes.ts': `import { Router } from 'express';
import { users } from '../services/users.service';
import { z } from 'zod';

export const router = Router();

const createUserBody = z.object({ name: z.string(), email: z.string().email(), age: z.number() });
router.post('/users', async (req, res) => {
  const parsedBody = createUserBody.safeParse(req.body);
  if (!parsedBody.success) return res.status(400).json({ errors: parsedBody.error.issues });
  const body = parsedBody.data;
  const { name, email, age } = body;
  if (age < 18) return res.status(403).json({ message: 'too young' });
  res.status(201).json(await users.create({ name: name.trim(), email, age }));
});
`,
      },
    });
  });

  it('replaces req.body.x reads in a controller method returning Promise<void>, with a block that returns', () => {
    checkFix({
      files: {
        'layerguard.json': FIELDS_ON,
        'tsconfig.json': '{}',
        'src/services/orders.service.ts': `import { Order } from '../models/order';

export const orders = {
  async cancel(id: string, reason: string, refund: boolean) { return Order.update(id, { status: 'cancelled', reason, refund }); },
};
`,
        'src/models/order.ts': 'export const Order = { update: async (id: string, changes: object) => ({ id, ...changes }) };\n',
        'src/controllers/order.controller.ts': `import type { Request, Response } from 'express';
import { z } from 'zod';
import { orders } from '../services/orders.service';

export class OrderController {
  /** Cancelling is allowed until the order ships. */
  async cancel(req: Request, res: Response): Promise<void> {
    const refund = req.body.refund === true;
    await orders.cancel(req.params.id, req.body.reason.trim(), refund);
    //                                 ^^^^^^^^ api/missing-validation
    res.status(204).end();
  }
}
`,
      },
      fixId: 'zod-schema',
      expect: {
        'src/controllers/order.controller.ts': `import type { Request, Response } from 'express';
import { z } from 'zod';
import { orders } from '../services/orders.service';

const cancelOrderBody = z.object({ refund: z.boolean(), reason: z.string() });
export class OrderController {
  /** Cancelling is allowed until the order ships. */
  async cancel(req: Request, res: Response): Promise<void> {
    const parsedBody = cancelOrderBody.safeParse(req.body);
    if (!parsedBody.success) {
      res.status(400).json({ errors: parsedBody.error.issues });
      return;
    }
    const body = parsedBody.data;
    const refund = body.refund === true;
    await orders.cancel(req.params.id, body.reason.trim(), refund);
    res.status(204).end();
  }
}
`,
      },
    });
  });

  it('coerces a numeric query field, makes query fields optional and keeps the page default', () => {
    checkFix({
      files: {
        'layerguard.json': QUERY_AND_FIELDS_ON,
        'tsconfig.json': '{}',
        'src/services/users.service.ts': usersService,
        'src/models/user.ts': userModel,
        'src/routes/users.routes.ts': `import { Router } from 'express';
import { users } from '../services/users.service';

export const router = Router();

router.get('/search', async (req, res) => {
  const page = req.query.page || 1;
  res.json(await users.search(req.query.q as string | undefined, (page - 1) * 20));
  //                          ^^^^^^^^^ api/missing-validation
});
`,
      },
      fixId: 'zod-schema',
      expect: {
        'src/routes/users.routes.ts': `import { Router } from 'express';
import { users } from '../services/users.service';
import { z } from 'zod';

export const router = Router();

const getSearchQuery = z.object({ page: z.coerce.number().optional(), q: z.string().optional() });
router.get('/search', async (req, res) => {
  const parsedQuery = getSearchQuery.safeParse(req.query);
  if (!parsedQuery.success) return res.status(400).json({ errors: parsedQuery.error.issues });
  const query = parsedQuery.data;
  const page = query.page || 1;
  res.json(await users.search(query.q as string | undefined, (page - 1) * 20));
});
`,
      },
    });
  });

  it('requires zod in a CommonJS file, in its quotes and without semicolons, above the route and its comment', () => {
    checkFix({
      files: {
        'layerguard.json': FIELDS_ON,
        'tsconfig.json': JS_TSCONFIG,
        'src/services/products.js': `const Product = require("../models/product")

exports.products = {
  async create(name, cents) { return Product.create({ name, cents }) },
}
`,
        'src/models/product.js': 'module.exports = { create: async (row) => row }\n',
        'src/routes/products.js': `"use strict"
const express = require("express")
const { products } = require("../services/products")

const router = express.Router()

// Products are created by the back office only.
router.post("/products", async (req, res) => {
  const product = await products.create(req.body.name, req.body.price * 100)
  //                                    ^^^^^^^^ api/missing-validation
  res.status(201).json(product)
})

module.exports = router
`,
      },
      fixId: 'zod-schema',
      expect: {
        'src/routes/products.js': `"use strict"
const express = require("express")
const { products } = require("../services/products")
const { z } = require("zod")

const router = express.Router()

const createProductBody = z.object({ name: z.string(), price: z.number() })
// Products are created by the back office only.
router.post("/products", async (req, res) => {
  const parsedBody = createProductBody.safeParse(req.body)
  if (!parsedBody.success) return res.status(400).json({ errors: parsedBody.error.issues })
  const body = parsedBody.data
  const product = await products.create(body.name, body.price * 100)
  res.status(201).json(product)
})

module.exports = router
`,
      },
    });
  });

  it('gives an expression-bodied handler a block that returns what it returned, with CRLF line endings', () => {
    checkFix({
      files: {
        'layerguard.json': QUERY_AND_FIELDS_ON,
        'tsconfig.json': '{}',
        'src/services/orders.service.ts': `import { OrderView } from '../models/order';\r
\r
export const orders = {\r
  find(id: string, expand: boolean, fields?: string) {\r
    OrderView.create({ orderId: id, fields });\r
    return { id, expand, fields };\r
  },\r
};\r
`,
        'src/models/order.ts': 'export const OrderView = { create: (view: object) => view };\r\n',
        'src/controllers/order.controller.ts': `import type { Request, Response } from 'express';\r
import { orders } from '../services/orders.service';\r
\r
export class OrderController {\r
  show = (req: Request, res: Response) => res.json(orders.find(req.params.id, req.query.expand === 'items', req.query.fields));\r
  //                                                                                                        ^^^^^^^^^ api/missing-validation\r
}\r
`,
      },
      fixId: 'zod-schema',
      expect: {
        'src/controllers/order.controller.ts': `import type { Request, Response } from 'express';\r
import { orders } from '../services/orders.service';\r
import { z } from 'zod';\r
\r
const showOrderQuery = z.object({ expand: z.string().optional(), fields: z.string().optional() });\r
export class OrderController {\r
  show = (req: Request, res: Response) => {\r
    const parsedQuery = showOrderQuery.safeParse(req.query);\r
    if (!parsedQuery.success) return res.status(400).json({ errors: parsedQuery.error.issues });\r
    const query = parsedQuery.data;\r
    return res.json(orders.find(req.params.id, query.expand === 'items', query.fields));\r
  };\r
}\r
`,
      },
    });
  });

  it('answers 400 through ctx in Koa, reading ctx.request.body', () => {
    checkFix({
      files: {
        'layerguard.json': FIELDS_ON,
        'tsconfig.json': '{}',
        'src/controllers/users.controller.ts': `import type { Context } from 'koa';
import { save } from '../services/users.service';

export async function create(ctx: Context) {
  ctx.body = await save(ctx.request.body.email, ctx.request.body.newsletter ?? false);
  //                    ^^^^^^^^^^^^^^^^ api/missing-validation
}
`,
        'src/services/users.service.ts': `import { db } from '../db';
export async function save(email: string, newsletter: boolean) { return db.users.insert({ email, newsletter }); }
`,
        'src/db.ts': 'export const db = { users: { insert: async (row: object) => row } };\n',
      },
      fixId: 'zod-schema',
      expect: {
        'src/controllers/users.controller.ts': `import type { Context } from 'koa';
import { save } from '../services/users.service';
import { z } from 'zod';

const createUserBody = z.object({ email: z.string().email(), newsletter: z.boolean().optional() });
export async function create(ctx: Context) {
  const parsedBody = createUserBody.safeParse(ctx.request.body);
  if (!parsedBody.success) {
    ctx.status = 400;
    ctx.body = { errors: parsedBody.error.issues };
    return;
  }
  const body = parsedBody.data;
  ctx.body = await save(body.email, body.newsletter ?? false);
}
`,
      },
    });
  });

  it('answers through reply.code(400).send in Fastify, with the schema at module level, split over lines when long', () => {
    checkFix({
      files: {
        'layerguard.json': FIELDS_ON,
        'tsconfig.json': '{}',
        'src/routes/sessions.routes.ts': `import type { FastifyInstance } from 'fastify';
import { open } from '../services/sessions.service';

export default async function routes(server: FastifyInstance) {
  server.post('/sessions', async (request, reply) => {
    const { login, password, remember = false } = request.body as { login: string; password: string; remember?: boolean };
    //                                            ^^^^^^^^^^^^ api/missing-validation
    return reply.code(201).send(await open(login, password, remember));
  });
}
`,
        'src/services/sessions.service.ts': `import { Session } from '../models/session';

export async function open(login: string, password: string, remember: boolean) {
  if (!password) throw new Error('a password is required');
  return Session.create({ login, remember });
}
`,
        'src/models/session.ts': 'export const Session = { create: async (s: object) => s };\n',
      },
      fixId: 'zod-schema',
      expect: {
        'src/routes/sessions.routes.ts': `import type { FastifyInstance } from 'fastify';
import { open } from '../services/sessions.service';
import { z } from 'zod';

const createSessionBody = z.object({
  login: z.string(),
  password: z.string(),
  remember: z.boolean().optional(),
});
export default async function routes(server: FastifyInstance) {
  server.post('/sessions', async (request, reply) => {
    const parsedBody = createSessionBody.safeParse(request.body);
    if (!parsedBody.success) return reply.code(400).send({ errors: parsedBody.error.issues });
    const body = parsedBody.data;
    const { login, password, remember = false } = body as { login: string; password: string; remember?: boolean };
    return reply.code(201).send(await open(login, password, remember));
  });
}
`,
      },
    });
  });

  it('opens a handler written on one line, one statement a line', () => {
    checkFix({
      files: {
        'layerguard.json': QUERY_AND_FIELDS_ON,
        'tsconfig.json': '{}',
        'src/services/orders.service.ts': `import { Order } from '../models/order';

export const orders = {
  async remove(id: string, reason?: string) { return Order.update(id, { deletedAt: new Date(), deleteReason: reason }); },
};
`,
        'src/models/order.ts': 'export const Order = { update: async (id: string, changes: object) => ({ id, ...changes }) };\n',
        'src/routes/orders.routes.ts': `import { Router } from 'express';
import { orders } from '../services/orders.service';
export const router = Router();
router.delete('/orders/:id', async (req, res) => { res.json(await orders.remove(req.params.id, req.query.reason)); });
//                                                                                             ^^^^^^^^^ api/missing-validation
`,
      },
      fixId: 'zod-schema',
      expect: {
        'src/routes/orders.routes.ts': `import { Router } from 'express';
import { orders } from '../services/orders.service';
import { z } from 'zod';
export const router = Router();
const deleteOrderQuery = z.object({ reason: z.string().optional() });
router.delete('/orders/:id', async (req, res) => {
  const parsedQuery = deleteOrderQuery.safeParse(req.query);
  if (!parsedQuery.success) return res.status(400).json({ errors: parsedQuery.error.issues });
  const query = parsedQuery.data;
  res.json(await orders.remove(req.params.id, query.reason));
});
`,
      },
    });
  });

  it('validates body and query together, reusing an existing zod import and avoiding taken names', () => {
    checkFix({
      files: {
        'layerguard.json': FIELDS_ON,
        'tsconfig.json': '{}',
        'src/services/users.service.ts': `import { User } from '../models/user';

export const users = {
  async update(id: string, name: string, notify: boolean) { return User.update(id, { name, notify }); },
};
`,
        'src/models/user.ts': 'export const User = { update: async (id: string, changes: object) => ({ id, ...changes }) };\n',
        'src/routes/users.routes.ts': `import { Router } from 'express';
import { z as zod } from 'zod';
import { users } from '../services/users.service';

export const router = Router();
export const updateUserBody = zod.object({ name: zod.string() });

router.patch('/users/:id', async (req, res) => {
  const body = req.body.name;
  //           ^^^^^^^^ api/missing-validation
  res.json(await users.update(req.params.id, body, req.query.notify === 'yes'));
});
`,
      },
      fixId: 'zod-schema',
      expect: {
        'src/routes/users.routes.ts': `import { Router } from 'express';
import { z as zod } from 'zod';
import { users } from '../services/users.service';

export const router = Router();
export const updateUserBody = zod.object({ name: zod.string() });

const updateUserBodySchema = zod.object({ name: zod.string() });
const updateUserQuery = zod.object({ notify: zod.string().optional() });
router.patch('/users/:id', async (req, res) => {
  const parsedBody = updateUserBodySchema.safeParse(req.body);
  if (!parsedBody.success) return res.status(400).json({ errors: parsedBody.error.issues });
  const validBody = parsedBody.data;
  const parsedQuery = updateUserQuery.safeParse(req.query);
  if (!parsedQuery.success) return res.status(400).json({ errors: parsedQuery.error.issues });
  const query = parsedQuery.data;
  const body = validBody.name;
  res.json(await users.update(req.params.id, body, query.notify === 'yes'));
});
`,
      },
    });
  });
});

describe('fixes: api/missing-validation (NestJS)', () => {
  const nestMain = (pipe: boolean) => `import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => {
  ${pipe ? 'app.useGlobalPipes(new ValidationPipe());' : 'app.enableShutdownHooks();'}
  return app.listen(process.env.PORT ?? 3000);
});
`;
  /** Stores new users, and the searches made (a role a client filters by is written as sent). */
  const usersServiceNest = `import { Injectable } from '@nestjs/common';
import { SearchesRepository, UsersRepository } from './users.repository';
@Injectable()
export class UsersService {
  constructor(private readonly usersRepository: UsersRepository, private readonly searchesRepository: SearchesRepository) {}
  create(email: string, name: string, adult: boolean) { return this.usersRepository.save({ email, name, adult }); }
  async list(offset: number, role?: string) {
    await this.searchesRepository.save({ role });
    return this.usersRepository.find({ skip: offset, where: { role } });
  }
}
`;
  const usersRepositoryNest = `export class UsersRepository {
  async save(user: object) { return user; }
  async find(options: object) { return [options]; }
}
export class SearchesRepository {
  async save(search: object) { return search; }
}
`;

  it('generates a DTO for @Body() body: any and validates it with a ValidationPipe when none is installed', () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/main.ts': nestMain(false),
        'src/users/users.service.ts': usersServiceNest,
        'src/users/users.repository.ts': usersRepositoryNest,
        'src/users/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() body: any) {
  //     ^^^^^^^^^^^^^^^^^ api/missing-validation is typed any
    return this.users.create(body.email, body.name, body.age >= 18);
  }
}
`,
      },
      fixId: 'nest-dto',
      expect: {
        'src/users/users.controller.ts': `import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';
import { UsersService } from './users.service';
import { CreateUserDto } from './dto/create-user.dto';

@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body(new ValidationPipe()) body: CreateUserDto) {
    return this.users.create(body.email, body.name, body.age >= 18);
  }
}
`,
        'src/users/dto/create-user.dto.ts': `import { IsEmail, IsInt, IsString } from 'class-validator';

export class CreateUserDto {
  @IsEmail()
  email!: string;

  @IsString()
  name!: string;

  @IsInt()
  age!: number;
}
`,
      },
    });
  });

  it('imports the DTO with .js where the controller writes its relative imports so (nodenext ES modules)', () => {
    checkFix({
      files: {
        'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', experimentalDecorators: true, strict: true } }),
        'package.json': JSON.stringify({ type: 'module' }),
        'src/main.ts': nestMain(true).replace("'./app.module'", "'./app.module.js'"),
        'src/users/users.service.ts': `export class UsersService {\n  create(email: string) { return { email }; }\n}\n`,
        'src/users/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { UsersService } from './users.service.js';

@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() body: any) {
  //     ^^^^^^^^^^^^^^^^^ api/missing-validation is typed any
    return this.users.create(body.email);
  }
}
`,
      },
      fixId: 'nest-dto',
      expect: {
        'src/users/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { UsersService } from './users.service.js';
import { CreateUserDto } from './dto/create-user.dto.js';

@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() body: CreateUserDto) {
    return this.users.create(body.email);
  }
}
`,
      },
    });
  });

  it('generates a query DTO (strings, optional) when a global ValidationPipe is installed, leaving the decorator alone', () => {
    checkFix({
      files: {
        'layerguard.json': FIELDS_ON,
        'tsconfig.json': NEST_TSCONFIG,
        'src/main.ts': nestMain(true),
        'src/users/users.service.ts': usersServiceNest,
        'src/users/users.repository.ts': usersRepositoryNest,
        'src/users/controllers/users.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';
import { UsersService } from '../users.service';

@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() { page, role }: Record<string, string>) {
  //   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation
    return this.users.list((Number(page) - 1) * 20, role);
  }
}
`,
      },
      fixId: 'nest-dto',
      expect: {
        'src/users/controllers/users.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';
import { UsersService } from '../users.service';
import { ListUsersQueryDto } from '../dto/list-users-query.dto';

@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() { page, role }: ListUsersQueryDto) {
    return this.users.list((Number(page) - 1) * 20, role);
  }
}
`,
        'src/users/dto/list-users-query.dto.ts': `import { IsOptional, IsString } from 'class-validator';

export class ListUsersQueryDto {
  @IsOptional()
  @IsString()
  page?: string;

  @IsOptional()
  @IsString()
  role?: string;
}
`,
      },
    });
  });

  it('generates a DTO for one body field typed any, adding the pipe after the field name', () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/main.ts': nestMain(false),
        'src/users/users.controller.ts': `import { Body, Controller, Put } from "@nestjs/common"

@Controller({ path: "users", version: "1" })
export class UsersController {
  @Put(":id/address")
  moveTo(@Body("address") address: any) {
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation
    return { city: address.city.toUpperCase(), floor: address.floor + 1 }
  }
}
`,
      },
      fixId: 'nest-dto',
      expect: {
        'src/users/users.controller.ts': `import { Body, Controller, Put, ValidationPipe } from "@nestjs/common"
import { AddressDto } from "./dto/address.dto"

@Controller({ path: "users", version: "1" })
export class UsersController {
  @Put(":id/address")
  moveTo(@Body("address", new ValidationPipe()) address: AddressDto) {
    return { city: address.city.toUpperCase(), floor: address.floor + 1 }
  }
}
`,
        'src/users/dto/address.dto.ts': `import { IsNumber, IsString } from "class-validator"

export class AddressDto {
  @IsString()
  city!: string

  @IsNumber()
  floor!: number
}
`,
      },
    });
  });

  it('adds no Nest pipe in routing-controllers, which validates DTOs through its own option', () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/controllers/orders.controller.ts': `import { Body, JsonController, Post } from 'routing-controllers';

@JsonController('/v1/orders')
export class OrdersController {
  @Post()
  place(@Body() order: object) {
  //    ^^^^^^^^^^^^^^^^^^^^^ api/missing-validation
    const { sku, quantity } = order as { sku: string; quantity: number };
    return { sku, total: quantity * 3 };
  }
}
`,
      },
      fixId: 'nest-dto',
      expect: {
        'src/controllers/orders.controller.ts': `import { Body, JsonController, Post } from 'routing-controllers';
import { PlaceOrderDto } from '../dto/place-order.dto';

@JsonController('/v1/orders')
export class OrdersController {
  @Post()
  place(@Body() order: PlaceOrderDto) {
    const { sku, quantity } = order as { sku: string; quantity: number };
    return { sku, total: quantity * 3 };
  }
}
`,
        'src/dto/place-order.dto.ts': `import { IsInt, IsString } from 'class-validator';

export class PlaceOrderDto {
  @IsString()
  sku!: string;

  @IsInt()
  quantity!: number;
}
`,
      },
    });
  });

  it('puts a ValidationPipe on a DTO parameter when the project installs none', () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/main.ts': nestMain(false).replace("import { ValidationPipe } from '@nestjs/common';\n", ''),
        'src/orders/orders.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { CreateOrderDto } from './dto/create-order.dto';
import { OrdersService } from './orders.service';

@Controller({ path: 'orders', version: '1' })
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  create(@Body() order: CreateOrderDto) {
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/missing-validation no ValidationPipe is installed
    return this.orders.create(order);
  }
}
`,
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { OrdersRepository } from './orders.repository';
@Injectable()
export class OrdersService {
  constructor(private readonly ordersRepository: OrdersRepository) {}
  create(order: object) { return this.ordersRepository.save(order); }
}
`,
        'src/orders/orders.repository.ts': 'export class OrdersRepository { async save(order: object) { return order; } }\n',
        'src/orders/dto/create-order.dto.ts': `import { IsInt } from 'class-validator';
export class CreateOrderDto { @IsInt() quantity!: number; }
`,
      },
      fixId: 'validation-pipe',
      expect: {
        'src/orders/orders.controller.ts': `import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';
import { CreateOrderDto } from './dto/create-order.dto';
import { OrdersService } from './orders.service';

@Controller({ path: 'orders', version: '1' })
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  create(@Body(new ValidationPipe()) order: CreateOrderDto) {
    return this.orders.create(order);
  }
}
`,
      },
    });
  });
});

describe('fixes: api/missing-validation offers nothing it cannot infer', () => {
  const route = (handler: string) => ({
    'layerguard.json': FIELDS_ON,
    'tsconfig.json': '{}',
    'src/services/orders.service.ts': `import { Order } from '../models/order';
export const orders = {
  async create(o: unknown) { return Order.create(o); },
};
`,
    'src/models/order.ts': 'export const Order = { create: async (o: unknown) => o };\n',
    'src/routes/orders.routes.ts': `import { Router } from 'express';
import { orders } from '../services/orders.service';
export const router = Router();
router.post('/orders', ${handler});
`,
  });

  it('when the body is passed whole, spread, rest-destructured or has fields used as objects', () => {
    for (const handler of [
      'async (req, res) => { res.status(201).json(await orders.create(req.body)); }',
      'async (req, res) => { res.status(201).json(await orders.create({ ...req.body, at: Date.now() })); }',
      'async (req, res) => { const { id, ...rest } = req.body; res.status(201).json(await orders.create([id, rest])); }',
      'async (req, res) => { res.status(201).json(await orders.create(req.body.items.map((i: { sku: string }) => i.sku))); }',
      'async (req, res) => { req.body.createdAt = new Date(); res.status(201).json(await orders.create(req.body.createdAt)); }',
    ]) {
      assert.deepEqual(offered(route(handler)), [[]], handler);
    }
  });

  it('when z already names something else, or the handler has no response to answer 400 with', () => {
    const taken = route('async (req, res) => { res.status(201).json(await orders.create(req.body.sku)); }');
    taken['src/routes/orders.routes.ts'] += 'export const z = 1;\n';
    assert.deepEqual(offered(taken), [[]]);
    assert.deepEqual(offered(route('async (req) => orders.create(req.body.sku)')), [[]]);
  });

  it('when validating would make the handler validate, query and shape its answer all at once', () => {
    const handler = (answer: string) => ({
      'tsconfig.json': '{}',
      'layerguard.json': QUERY_AND_FIELDS_ON,
      'src/repositories/orders.repository.ts': `import { Order, OrderSearch } from '../models/order';
export const ordersRepository = {
  async find(customer: string) {
    await OrderSearch.create({ customer });
    return Order.find({ where: { customer } });
  },
};
`,
      'src/models/order.ts': `export const Order = { find: async (q: object) => [{ id: 1, total: 2, q }] };
export const OrderSearch = { create: async (s: object) => s };
`,
      'src/routes/orders.routes.ts': `import { Router } from 'express';
import { ordersRepository } from '../repositories/orders.repository';
export const router = Router();
router.get('/orders', async (req, res) => {
  const found = await ordersRepository.find(req.query.customer as string);
  res.json(${answer});
});
`,
    });
    assert.deepEqual(offered(handler('{ orders: found, count: found.length, customer: req.query.customer }')), [[]]);
    // Wrapping the answer is not shaping it: there the handler may validate.
    assert.deepEqual(offered(handler('{ orders: found, customer: req.query.customer }')), [['zod-schema']]);
  });

  it("when validating would push the handler over design/god-function's limits as the team set them", () => {
    const files = (limits: object) => ({
      'tsconfig.json': '{}',
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { checkQuery: true, checkFields: true } }, 'design/god-function': { options: limits } } }),
      'src/models/order.ts': 'export const Order = { create: async (o: object) => o };\n',
      'src/routes/orders.routes.ts': `import { Router } from 'express';
import { Order } from '../models/order';
export const router = Router();
router.post('/orders', async (req, res) => {
  const order = await Order.create({ customer: req.body.customer });
  res.status(order ? 201 : 204).json(order);
});
`,
    });
    const offeredWithConfig = (limits: object) => {
      const result = project(files(limits)).analyze();
      return result.findings
        .filter((f) => f.ruleId === RULE)
        .map((f) =>
          fixesFor(result.graph, f, { config: result.config })
            .fixes.map((fix) => fix.id)
            .filter((id) => id !== 'ignore-line' && id !== 'ignore-file'),
        );
    };
    assert.deepEqual(offeredWithConfig({}), [['zod-schema']]);
    assert.deepEqual(offeredWithConfig({ maxComplexity: 1, minLinesForComplexity: 1 }), [[]], 'the 400 branch would take the handler from a score of 1 to 2, over a limit of 1');
  });

  it('for a Nest body used whole, or when the DTO file already exists', () => {
    const controller = (body: string) => `import { Body, Controller, Post } from '@nestjs/common';
@Controller({ path: 'users', version: '1' })
export class UsersController {
  @Post()
  create(@Body() body: any) {
    ${body}
  }
}
`;
    assert.deepEqual(offered({ 'tsconfig.json': NEST_TSCONFIG, 'src/users/users.controller.ts': controller('return body;') }), [[]]);
    // A field that fills a property of an object typed right there takes that type (an enum, a union), which a string field may not satisfy.
    assert.deepEqual(
      offered({
        'tsconfig.json': NEST_TSCONFIG,
        'src/users/users.controller.ts': controller("const input: { status: 'active' | 'banned' } = { status: body.status };\n    return input;"),
      }),
      [[]],
    );
    // A field defaulting to a list or an object is no flat value: its declared type could not be told.
    assert.deepEqual(offered({ 'tsconfig.json': NEST_TSCONFIG, 'src/users/users.controller.ts': controller('const { ids = [], name } = body;\n    return [ids, name];') }), [[]]);
    assert.deepEqual(
      offered({
        'tsconfig.json': NEST_TSCONFIG,
        'src/users/users.controller.ts': controller('return body.email;'),
        'src/users/dto/create-user.dto.ts': 'export class CreateUserDto {}\n',
      }),
      [[]],
    );
  });

  it('for a DTO without validation decorators (the DTO itself needs them)', () => {
    assert.deepEqual(
      offered({
        'tsconfig.json': NEST_TSCONFIG,
        'src/main.ts': `import { ValidationPipe } from '@nestjs/common';
export const pipe = new ValidationPipe();
`,
        'src/users/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { CreateUserDto } from './create-user.dto';
@Controller({ path: 'users', version: '1' })
export class UsersController {
  @Post() create(@Body() body: CreateUserDto) { return body; }
}
`,
        'src/users/create-user.dto.ts': 'export class CreateUserDto { email!: string; }\n',
      }),
      [[]],
    );
  });
});
