import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWorkspace, generateResource, type AnalysisResult } from '../../../server/src/engine';
import { applyToDisk, textsAfter } from '../../helpers/fixes';
import { FIXTURE_PACKAGES } from '../../helpers/package-types';
import { FixTypeChecker } from '../../helpers/type-check';
import { NEST_TSCONFIG, project } from '../../helpers/project';

const nestApp = {
  'tsconfig.json': NEST_TSCONFIG,
  'package.json': JSON.stringify({ devDependencies: { jest: '^29.0.0' } }),
  'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { ValidationPipe, VersioningType } from '@nestjs/common';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => {
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));
  return app.listen(process.env.PORT ?? 3000);
});
`,
  'src/app.module.ts': `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DATABASE_URL }),
    UsersModule,
  ],
})
export class AppModule {}
`,
  'src/users/users.module.ts': `import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
@Module({ controllers: [UsersController] })
export class UsersModule {}
`,
  'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
@Controller({ path: 'users', version: '1' })
export class UsersController {
  @Get() list() { return []; }
}
`,
};

const keys = (result: AnalysisResult) => result.findings.map((f) => `${f.ruleId} ${path.posix.relative(result.root, f.file)}`).sort();

/** Generates, writes the files as the editor would, and analyzes again. */
function generateInto(files: Record<string, string>, name: string) {
  const p = project(files);
  const before = p.analyze();
  const generated = generateResource(before.graph, before.root, name);
  assert.ok(generated.ok, generated.ok ? '' : generated.error);
  applyToDisk(generated.fix, before);
  const after = analyzeWorkspace({ root: p.root });
  const read = (file: string) => fs.readFileSync(path.join(p.root, file), 'utf8');
  return { before, after, generated, read, relative: generated.files.map((f) => path.posix.relative(before.root, f)) };
}

describe('Generate Resource', () => {
  it('writes a NestJS + TypeORM feature folder in the project style, registers the module, and adds no finding', () => {
    const { before, after, read, relative } = generateInto(nestApp, 'order-items');
    assert.deepEqual(relative, [
      'src/order-items/order-items.controller.ts',
      'src/order-items/order-items.service.ts',
      'src/order-items/order-items.repository.ts',
      'src/order-items/dto/create-order-item.dto.ts',
      'src/order-items/entities/order-item.entity.ts',
      'src/order-items/order-items.module.ts',
      'src/order-items/order-items.service.spec.ts',
    ]);
    assert.deepEqual(
      after.problems.filter((x) => x.kind === 'syntax'),
      [],
    );
    assert.deepEqual(keys(after), keys(before), 'no new finding');
    const layers = (file: string) => after.graph.files.get(path.posix.join(after.root, file))?.layer;
    assert.deepEqual(
      ['controller', 'service', 'repository'].map((part) => layers(`src/order-items/order-items.${part}.ts`)),
      ['controller', 'service', 'repository'],
    );
    assert.equal(
      read('src/app.module.ts'),
      `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from './users/users.module';
import { OrderItemsModule } from './order-items/order-items.module';

@Module({
  imports: [
    TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DATABASE_URL }),
    UsersModule,
    OrderItemsModule,
  ],
})
export class AppModule {}
`,
    );
    const controller = read('src/order-items/order-items.controller.ts');
    assert.match(controller, /^  constructor\(private readonly orderItemsService: OrderItemsService\) \{\}$/m, 'two-space indent like the project');
    assert.match(controller, /@Controller\(\{ path: 'order-items', version: '1' \}\)/);
    assert.match(read('src/order-items/order-items.repository.ts'), /@InjectRepository\(OrderItem\) private readonly orderItems: Repository<OrderItem>/);
    assert.match(read('src/order-items/order-items.service.spec.ts'), /expect\(await service\.findById\(created\.id\)\)\.toEqual\(created\);/, 'jest, as package.json says');
  });

  it("follows the project's conventions: integer ids with ParseIntPipe, entities beside the module, the app's default version, and it type-checks", () => {
    const conventions = {
      ...nestApp,
      'src/main.ts': nestApp['src/main.ts'].replace('{ type: VersioningType.URI }', "{ type: VersioningType.URI, defaultVersion: '1' }"),
      'src/users/user.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column() email!: string;
}
`,
      'src/users/users.controller.ts': `import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
@Controller('users')
export class UsersController {
  @Get(':id') one(@Param('id', ParseIntPipe) id: number) { return { id }; }
}
`,
    };
    const p = project(conventions);
    const before = p.analyze();
    const generated = generateResource(before.graph, before.root, 'orders');
    assert.ok(generated.ok, generated.ok ? '' : generated.error);
    const text = (file: string) => generated.fix.createFiles?.find((c) => c.file === path.posix.join(before.root, file))?.text ?? '';
    assert.ok(text('src/orders/order.entity.ts').includes('@PrimaryGeneratedColumn()\n  id!: number;'), 'the entity beside the module, keyed by an integer');
    const controller = text('src/orders/orders.controller.ts');
    assert.match(controller, /@Controller\('orders'\)/, 'the app versions every route: no version of its own');
    assert.match(controller, /@Param\('id', ParseIntPipe\) id: number/);
    assert.doesNotMatch(controller, /ParseUUIDPipe|version:/);
    assert.deepEqual(new FixTypeChecker(before.root, FIXTURE_PACKAGES).addedDiagnostics(textsAfter(generated.fix)), [], 'the generated files type-check');
  });

  it('versions the path when the app does not enable versioning: a version option would change no URL', () => {
    const p = project({ ...nestApp, 'src/main.ts': nestApp['src/main.ts'].replace(/  app\.enableVersioning\(.*\);\n/, '') });
    const before = p.analyze();
    const generated = generateResource(before.graph, before.root, 'orders');
    assert.ok(generated.ok, generated.ok ? '' : generated.error);
    const controller = generated.fix.createFiles?.find((c) => c.file.endsWith('orders.controller.ts'))?.text ?? '';
    assert.match(controller, /@Controller\('v1\/orders'\)/);
  });

  it('writes an Express resource into the layer folders the project uses, with node:test when there is no runner', () => {
    const { before, after, read, relative } = generateInto(
      {
        'tsconfig.json': '{}',
        'src/controllers/users.controller.ts': `import type { Request, Response } from 'express';
export class UsersController {
    list = async (_req: Request, res: Response): Promise<void> => {
        res.json([]);
    };
}
`,
      },
      'orders',
    );
    assert.deepEqual(relative, [
      'src/controllers/orders.controller.ts',
      'src/routes/orders.router.ts',
      'src/services/orders.service.ts',
      'src/repositories/orders.repository.ts',
      'src/dto/create-order.dto.ts',
      'src/entities/order.entity.ts',
      'src/services/orders.service.spec.ts',
    ]);
    assert.deepEqual(
      after.problems.filter((x) => x.kind === 'syntax'),
      [],
    );
    assert.deepEqual(keys(after), keys(before), 'no new finding');
    const controller = read('src/controllers/orders.controller.ts');
    assert.match(controller, /^import type \{ OrdersService \} from '\.\.\/services\/orders\.service';$/m);
    assert.match(controller, /^    constructor\(private readonly ordersService: OrdersService\) \{\}$/m, 'four-space indent like the project');
    assert.match(read('src/services/orders.service.spec.ts'), /^import \{ describe, it \} from 'node:test';$/m);
    assert.match(read('src/repositories/orders.repository.ts'), /new Map<string, Order>\(\)/, 'in memory: the project has no ORM');
  });

  it('refuses a name that is taken or not a resource name, writing nothing', () => {
    const p = project(nestApp);
    const result = p.analyze();
    const taken = generateResource(result.graph, result.root, 'users');
    assert.deepEqual(taken, { ok: false, error: 'src/users/users.controller.ts already exists; pick another name.' });
    const bad = generateResource(result.graph, result.root, 'Order Items');
    assert.equal(bad.ok, false);
  });
});
