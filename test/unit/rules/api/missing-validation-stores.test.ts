import { describe, it } from 'node:test';
import { checkRule } from '../../../helpers/project';

const RULE = 'api/missing-validation';

describe(`${RULE}: input written as the client sent it`, () => {
  it('reports one body field that is itself the object written, and not fields picked into a new object', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/models/account.ts': 'export const Account = { findOneAndUpdate: async (q: unknown, u: unknown) => [q, u], create: async (a: unknown) => a };\n',
      'src/routes/accounts.routes.ts': `import { Router } from 'express';
import { Account } from '../models/account';
export const accounts = Router();
accounts.put('/v1/accounts/me', async (req: { user: { id: string }; body: { settings: unknown } }, res: { json(x: unknown): void }) => {
  res.json(await Account.findOneAndUpdate({ owner: req.user.id }, req.body.settings));
  //                                                              ^^^^^^^^ api/missing-validation req.body is written to the data store without validation. It reaches Account.findOneAndUpdate, line 5
});
accounts.put('/v1/accounts/me/billing', async (req: { user: { id: string }; body: { billing: unknown } }, res: { json(x: unknown): void }) => {
  const changes = req.body.billing;
  //              ^^^^^^^^ api/missing-validation req.body is written to the data store without validation. It reaches Account.findOneAndUpdate, line 9
  res.json(await Account.findOneAndUpdate({ owner: req.user.id }, changes));
});
accounts.post('/v1/accounts', async (req: { body: { title: string; plan: string } }, res: { json(x: unknown): void }) => {
  res.json(await Account.create({ title: req.body.title, plan: req.body.plan }));
});
`,
    });
  });

  it("credits the app's own check of a Nest input's field where it enters, and still reports the unchecked twin", () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
      'src/main.ts':
        "import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nvoid NestFactory.create({}).then((app) => app.useGlobalPipes(new ValidationPipe()));\n",
      'src/stats/stats.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';
@Controller({ path: 'stats', version: '1' })
export class StatsController {
  @Get('checked') checked(@Query() query: any) { this.validateSiteRef(query.site); return { site: query.site }; }
  @Get('unchecked') unchecked(@Query() query: any) { return { site: query.site }; }
  //                          ^^^^^^^^^^^^^^^^^^^ api/missing-validation is typed any
  private validateSiteRef(site: unknown) { if (typeof site !== 'string') throw new Error('bad site'); }
}
`,
    });
  });
  it('reports an untyped Nest input only where it is written to the data store, and an explicit any wherever it is used', () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
      'src/main.ts':
        "import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nvoid NestFactory.create({}).then((app) => app.useGlobalPipes(new ValidationPipe()));\n",
      'src/notes/notes.controller.ts': `import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
@Controller({ path: 'notes', version: '1' })
export class NotesController {
  @Get('search') search(@Query() filters) { return prisma.note.findMany({ where: { title: String(filters.title ?? '') } }); }
  @Post() create(@Body() note) { return prisma.note.create({ data: note }); }
  //             ^^^^^^^^^^^^ api/missing-validation is typed implicitly: nothing checks its shape. Type it with a DTO class carrying class-validator decorators. It is written to the data store unchecked
  @Post('preview') preview(@Body() draft: any) { return { preview: draft }; }
  //                       ^^^^^^^^^^^^^^^^^^ api/missing-validation is typed any
}
`,
    });
  });

  it('leaves a webhook whose handler checks the signature of the payload, and still reports an unsigned one', () => {
    checkRule(RULE, {
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
      'src/main.ts':
        "import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nvoid NestFactory.create({}).then((app) => app.useGlobalPipes(new ValidationPipe()));\n",
      'src/models/delivery.ts': 'export const Delivery = { create: async (d: unknown) => d };\n',
      'src/routes/deliveries.routes.ts': `import { Router } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Delivery } from '../models/delivery';
export const deliveries = Router();
deliveries.post('/v1/deliveries/events', async (req: { body: unknown; headers: Record<string, string> }, res: { sendStatus(code: number): void }) => {
  const expected = createHmac('sha256', 'key').update(JSON.stringify(req.body)).digest();
  if (!timingSafeEqual(expected, Buffer.from(req.headers['x-courier-mac'] ?? ''))) return res.sendStatus(401);
  await Delivery.create(req.body);
  res.sendStatus(204);
});
deliveries.post('/v1/deliveries/unsigned', async (req: { body: unknown }, res: { sendStatus(code: number): void }) => {
  await Delivery.create(req.body);
  //                    ^^^^^^^^ api/missing-validation req.body is written to the data store without validation
  res.sendStatus(204);
});
`,
      'src/billing/billing-events.controller.ts': `import { Body, Controller, Headers, Post } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
@Controller({ path: 'billing-events', version: '1' })
export class BillingEventsController {
  @Post('signed') signed(@Headers('x-payments-signature') proof: string, @Body() event: any) { return prisma.event.create({ data: { proof, event } }); }
  @Post('unsigned') unsigned(@Body() event: any) { return prisma.event.create({ data: { event } }); }
  //                         ^^^^^^^^^^^^^^^^^^ api/missing-validation is typed any
}
`,
    });
  });
});
