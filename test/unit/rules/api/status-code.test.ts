import { describe, it } from 'node:test';
import { checkRule } from '../../../helpers/project';

const RULE = 'api/status-code';

describe(RULE, () => {
  it('flags 2xx on error paths, a creating POST answering 200, 204 with a body, and 2xx exceptions, in an API whose own habit says otherwise', () => {
    checkRule(RULE, {
      'src/routes/teams.routes.ts': `import { Router } from 'express';
import { teams } from '../services/teams';
export const router = Router();
router.post('/', async (req, res) => {
  if (!req.body.name) return res.status(400).json({ error: 'name is required' });
  res.status(201).json(await teams.create(req.body));
});
router.get('/:id', async (req, res) => {
  const team = await teams.find(req.params.id);
  if (!team) return res.status(404).json({ error: 'not found' });
  res.json(team);
});
router.put('/:id', async (req, res) => {
  if (!req.body.name) return res.status(422).json({ error: 'name is required' });
  res.json(await teams.rename(req.params.id, req.body.name));
});
`,
      'src/routes/users.routes.ts': `import { Router } from 'express';
import { users } from '../services/users';
export const router = Router();
router.get('/:id', async (req, res) => {
  try {
    const user = await users.find(req.params.id);
    if (!user) return res.status(200).json({ error: 'not found' });
    //                ^^^^^^^^^^^^^^^ api/status-code Status 200 when something is missing
    res.json(user);
  } catch (err) {
    res.status(200).json({ error: String(err) });
//  ^^^^^^^^^^^^^^^ api/status-code Status 200 in a catch block
  }
});
router.post('/', async (req, res) => {
  const user = await users.create(req.body);
  res.status(200).json(user);
//^^^^^^^^^^^^^^^ api/status-code A POST that creates answers 200
});
router.delete('/:id', async (req, res) => {
  await users.remove(req.params.id);
  res.status(204).json({ deleted: true });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/status-code Status 204 No Content with a body
});
`,
      'src/users/users.controller.ts': `import { Controller, HttpCode, HttpException, HttpStatus, Post, Delete, Body, Param } from '@nestjs/common';
import { UsersService } from './users.service';
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}
  @Post()
  @HttpCode(200)
  create(@Body() body: { email: string }) {
    return this.users.create(body);
  }
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/status-code @HttpCode(204) on a handler that returns a body
  async remove(@Param('id') id: string): Promise<{ deleted: boolean }> {
    if (!id) throw new HttpException('missing id', HttpStatus.OK);
    //             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/status-code An exception with status 200
    await this.users.remove(id);
    return { deleted: true };
  }
}
`,
    });
  });

  it('does not flag correct statuses or the framework defaults', () => {
    checkRule(RULE, {
      'src/routes/orders.routes.ts': `import { Router } from 'express';
import { orders } from '../services/orders';
export const router = Router();
router.get('/:id', async (req, res, next) => {
  try {
    const order = await orders.find(req.params.id);
    if (!order) return res.status(404).json({ message: 'Order not found' });
    res.status(200).json(order);
  } catch (err) {
    next(err);
  }
});
router.post('/', async (req, res) => {
  res.status(201).json(await orders.create(req.body));
});
router.get('/cached/:id', async (req, res) => {
  const cached = cache.get(req.params.id);
  if (!cached) {
    const fresh = await orders.find(req.params.id);
    return res.status(200).json(fresh);
  }
  res.status(200).json(cached);
});
declare const cache: Map<string, unknown>;
router.post('/search', async (req, res) => {
  res.status(200).json(await orders.search(req.body));
});
router.delete('/:id', async (req, res) => {
  await orders.remove(req.params.id);
  res.status(204).end();
});
router.get('/', async (_req, res) => {
  try {
    res.status(200).json(await orders.list());
  } catch {
    res.status(503).json({ message: 'Orders are unavailable' });
  }
});
`,
      'src/orders/orders.controller.ts': `import { Controller, Post, Delete, HttpCode, HttpStatus, Body, Param, NotFoundException } from '@nestjs/common';
import { OrdersService } from './orders.service';
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}
  @Post()
  create(@Body() body: { total: number }) {
    return this.orders.create(body);
  }
  @Post('login')
  @HttpCode(HttpStatus.OK)
  login(@Body() body: { email: string }) {
    return this.orders.token(body.email);
  }
  @Post('confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  confirm(@Body() body: { hash: string }): Promise<void> {
    return this.orders.confirm(body.hash);
  }
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    const found = await this.orders.find(id);
    if (!found) throw new NotFoundException();
    await this.orders.remove(id);
  }
}
`,
    });
  });

  it('flags success in a not-found branch that answers and then returns', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/controllers/order.controller.ts': `export async function show(req: { params: { id: string } }, res: { status(c: number): { json(b: unknown): void } }) {
  const order = await find(req.params.id);
  if (!order) {
    res.status(200).json({ message: 'not found' });
//  ^^^^^^^^^^^^^^^ api/status-code when something is missing
    return;
  }
  res.status(200).json(order);
}
declare function find(id: string): Promise<unknown>;
`,
    });
  });

  it('does not take flags, truthiness tests or action POSTs for missing values and creations', () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
      'src/auth/auth.controller.ts': `import { Body, Controller, HttpCode, Post } from '@nestjs/common';
declare class SwitchWorkspaceCommand { static create(x: unknown): SwitchWorkspaceCommand }
declare class RemoveItemsCommand { static create(x: unknown): RemoveItemsCommand }
@Controller('auth')
export class AuthController {
  constructor(private readonly workspaces: { execute(c: unknown): Promise<string> }) {}
  @Post('/workspaces/:id/switch')
  @HttpCode(200)
  async workspaceSwitch(@Body() body: { id: string }) {
    return this.workspaces.execute(SwitchWorkspaceCommand.create({ id: body.id }));
  }
  @Post('/items/bulk/delete')
  @HttpCode(200)
  async removeItems(@Body() body: { ids: string[] }) {
    return this.workspaces.execute(RemoveItemsCommand.create({ ids: body.ids }));
  }
}
export function finish(res: { status(c: number): { send(): void } }, redirect: boolean, dto?: object) {
  if (!redirect) {
    return res.status(200).send();
  }
  if (!!dto) {
    return res.status(200).send();
  }
  return res.status(302).send();
}
`,
    });
  });

  it('does not take an explicit null for a body, or a coupon redeemed for a resource created', () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
      'src/tasks/tasks.routes.ts': `export function register(app: { delete(p: string, h: (req: unknown, reply: { code(c: number): { send(b?: unknown): void } }) => void): void }) {
  app.delete('/v1/tasks/:id', (req, reply) => reply.code(204).send(null));
  app.delete('/v1/tasks/:id/image', (req, reply) => reply.code(204).send({ message: 'gone' }));
  //                                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ api/status-code
}
`,
      'src/billing/coupons.controller.ts': `import { Body, Controller, HttpCode, Post } from '@nestjs/common';
@Controller({ path: 'coupons', version: '1' })
export class CouponsController {
  constructor(private readonly subscriptions: { createSubscription(code: string): Promise<void> }) {}
  @Post('redeem')
  @HttpCode(200)
  async redeemCoupon(@Body() body: { code: string }) {
    await this.subscriptions.createSubscription(body.code);
    return { message: 'redeemed' };
  }
}
`,
    });
  });

  it("follows the API's own conventions: no 201 anywhere, or errors answered 200 { success: false } throughout", () => {
    checkRule(RULE, {
      'src/routes/workspaces.routes.ts': `import { Router } from 'express';
import { workspaces } from '../services/workspaces';
export const router = Router();
router.post('/new', async (req, res) => {
  const workspace = await workspaces.create(req.body);
  res.status(200).json({ workspace, success: true });
});
router.get('/:slug', async (req, res) => {
  const workspace = await workspaces.find(req.params.slug);
  if (!workspace) return res.status(200).json({ success: false, error: 'No workspace' });
  res.status(200).json({ workspace, success: true });
});
router.post('/:slug/invite', async (req, res) => {
  const invite = await workspaces.invite(req.params.slug);
  if (!invite) return res.status(200).json({ success: false, error: 'Invite failed' });
  res.status(200).json({ invite, success: true });
});
`,
    });
  });
});
