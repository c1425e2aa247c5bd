import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFix } from '../../helpers/fixes';
import { NEST_TSCONFIG } from '../../helpers/project';

/** A team that knows its API has outside clients turns the rule on for every API. */
const VERSIONING_ON = JSON.stringify({ rules: { 'api/unversioned-route': { options: { onlyWithOutsideClients: false } } } });

const nestMain = `import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => { app.useGlobalPipes(new ValidationPipe()); return app.listen(process.env.PORT ?? 3000); });
`;

/** An app that enables URI versioning without a default version: unversioned controllers stay so. */
const nestMainVersioned = nestMain.replace('app.useGlobalPipes(new ValidationPipe());', 'app.useGlobalPipes(new ValidationPipe()); app.enableVersioning({ type: 1 });');

describe('fixes: api/unversioned-route', () => {
  it("declares version '1' on a Nest controller of an app that enables versioning", () => {
    const { fix } = checkFix({
      files: {
        'layerguard.json': VERSIONING_ON,
        'tsconfig.json': NEST_TSCONFIG,
        'src/main.ts': nestMainVersioned,
        'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
  @Controller("users")
//^^^^^^^^^^^^^^^^^^^ api/unversioned-route
export class UsersController {
  @Get() list() { return []; }
}
`,
      },
      fixId: 'nest-version',
      expect: {
        'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
  @Controller({ path: "users", version: "1" })
export class UsersController {
  @Get() list() { return []; }
}
`,
      },
    });
    assert.equal(fix.title, "Declare version '1' on this controller: changes its URLs, update clients", 'a fix that changes behaviour says so');
    assert.equal(fix.safe, false);
  });

  it("versions the controller's path where the app never enables versioning: a declared version would change no URL", () => {
    const { fix } = checkFix({
      files: {
        'layerguard.json': VERSIONING_ON,
        'tsconfig.json': NEST_TSCONFIG,
        'src/main.ts': nestMain,
        'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
  @Controller("users")
//^^^^^^^^^^^^^^^^^^^ api/unversioned-route
export class UsersController {
  @Get() list() { return []; }
}
`,
      },
      fixId: 'prefix-v1',
      expect: {
        'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
  @Controller("v1/users")
export class UsersController {
  @Get() list() { return []; }
}
`,
      },
    });
    assert.equal(fix.title, 'Prefix the path with /v1: changes the URL, update clients');
  });

  it('prefixes an Express mount path with /v1', () => {
    checkFix({
      files: {
        'layerguard.json': VERSIONING_ON,
        'tsconfig.json': '{}',
        'src/app.ts': `import express from 'express';
import { ordersRouter } from './routes/orders.routes';
export const app = express();
app.use('/orders', ordersRouter);
//      ^^^^^^^^^ api/unversioned-route
`,
        'src/routes/orders.routes.ts': `import { Router } from 'express';
export const ordersRouter = Router();
`,
      },
      fixId: 'prefix-v1',
      expect: {
        'src/app.ts': `import express from 'express';
import { ordersRouter } from './routes/orders.routes';
export const app = express();
app.use('/v1/orders', ordersRouter);
`,
      },
    });
  });
});

describe('fixes: api/status-code', () => {
  const handler = (body: string) => ({
    'tsconfig.json': '{}',
    'src/controllers/order.controller.ts': body,
  });

  it('answers 404 in a not-found branch', () => {
    const { fix } = checkFix({
      files: handler(`export async function show(req: { params: { id: string } }, res: { status(c: number): { json(b: unknown): void } }) {
  const order = await find(req.params.id);
  if (!order) return res.status(200).json({ message: 'not found' });
//                   ^^^^^^^^^^^^^^^ api/status-code
  return res.status(200).json(order);
}
declare function find(id: string): Promise<unknown>;
`),
      fixId: 'status-404',
      expect: {
        'src/controllers/order.controller.ts': `export async function show(req: { params: { id: string } }, res: { status(c: number): { json(b: unknown): void } }) {
  const order = await find(req.params.id);
  if (!order) return res.status(404).json({ message: 'not found' });
  return res.status(200).json(order);
}
declare function find(id: string): Promise<unknown>;
`,
      },
    });
    assert.equal(fix.title, 'Answer 404 Not Found: changes the response, review');
    assert.equal(fix.safe, false);
  });

  it('answers 201 for a POST that creates, keeping named constants', () => {
    checkFix({
      files: handler(`import { Router } from 'express';
import { StatusCodes } from 'http-status-codes';
export const router = Router();
router.post('/v1/orders', async (req, res) => {
  const created = await save(req.body);
  res.status(StatusCodes.OK).json(created);
//^^^^^^^^^^^^^^^^^^^^^^^^^^ api/status-code
});
router.post('/v1/teams', async (req, res) => res.status(StatusCodes.CREATED).json(await save(req.body)));
declare function save(x: unknown): Promise<unknown>;
`),
      fixId: 'status-201',
      expect: {
        'src/controllers/order.controller.ts': `import { Router } from 'express';
import { StatusCodes } from 'http-status-codes';
export const router = Router();
router.post('/v1/orders', async (req, res) => {
  const created = await save(req.body);
  res.status(StatusCodes.CREATED).json(created);
});
router.post('/v1/teams', async (req, res) => res.status(StatusCodes.CREATED).json(await save(req.body)));
declare function save(x: unknown): Promise<unknown>;
`,
      },
    });
  });
});
