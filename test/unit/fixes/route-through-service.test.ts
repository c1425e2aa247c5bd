import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixesFor } from '../../../server/src/engine/fixes';
import { checkFix } from '../../helpers/fixes';
import { NEST_TSCONFIG, project } from '../../helpers/project';

const userEntity = `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column() email!: string;
}
`;

const usersRepository = `import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UsersRepository extends Repository<User> {
  constructor(dataSource: DataSource) { super(User, dataSource.createEntityManager()); }
}
`;

const usersModule = (providers: string) => `import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
${providers.includes('UsersService') ? "import { UsersService } from './users.service';\n" : ''}import { UsersRepository } from './users.repository';

@Module({
  controllers: [UsersController],
  providers: [${providers}],
})
export class UsersModule {}
`;

describe('fixes: layering/forbidden-dependency — route through service (NestJS)', () => {
  it('reuses the service that holds the repository: a domain method takes the query, the controller passes the id, unused import removed', () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/users/user.entity.ts': userEntity,
        'src/users/users.repository.ts': usersRepository,
        'src/users/users.module.ts': usersModule('UsersService, UsersRepository'),
        'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(private readonly usersRepository: UsersRepository) {}

  count() {
    return this.usersRepository.count();
  }
}
`,
        'src/users/users.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly usersService: UsersService,
    private readonly usersRepository: UsersRepository,
//  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency
  ) {}

  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.usersRepository.findOneBy({ id: Number(id) });
  }

  @Get('count')
  count() {
    return this.usersService.count();
  }
}
`,
      },
      fixId: 'route-through-service:UsersService',
      expect: {
        'src/users/users.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly usersService: UsersService
  ) {}

  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.usersService.findUserById(id);
  }

  @Get('count')
  count() {
    return this.usersService.count();
  }
}
`,
        'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(private readonly usersRepository: UsersRepository) {}

  count() {
    return this.usersRepository.count();
  }

  findUserById(id: string) {
    return this.usersRepository.findOneBy({ id: Number(id) });
  }
}
`,
      },
    });
  });

  it('creates the service for an @InjectRepository controller, registers it in the module and injects it', () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/users/user.entity.ts': userEntity,
        'src/users/users.module.ts': `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersController } from './users.controller';
import { User } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [UsersController],
})
export class UsersModule {}
`,
        'src/users/users.controller.ts': `import { Body, Controller, Get, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
import { CreateUserDto } from './create-user.dto';

@Controller('v1/users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency

  @Get()
  list() {
    return this.users.find();
  }

  @Post()
  create(@Body() dto: CreateUserDto) {
    return this.users.save(dto);
  }
}
`,
        'src/users/create-user.dto.ts': `import { IsEmail } from 'class-validator';
export class CreateUserDto {
  @IsEmail() email!: string;
}
`,
        'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import { UsersModule } from './users/users.module';
void NestFactory.create(UsersModule).then((app) => { app.useGlobalPipes(new ValidationPipe()); return app.listen(process.env.PORT ?? 3000); });
`,
      },
      fixId: 'route-through-service:UsersService',
      expect: {
        'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
import { CreateUserDto } from './create-user.dto';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findUsers() {
    return this.users.find();
  }

  saveUser(dto: CreateUserDto) {
    return this.users.save(dto);
  }
}
`,
        'src/users/users.controller.ts': `import { Body, Controller, Get, Post } from '@nestjs/common';
import { CreateUserDto } from './create-user.dto';
import { UsersService } from './users.service';

@Controller('v1/users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get()
  list() {
    return this.usersService.findUsers();
  }

  @Post()
  create(@Body() dto: CreateUserDto) {
    return this.usersService.saveUser(dto);
  }
}
`,
        'src/users/users.module.ts': `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersController } from './users.controller';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {}
`,
      },
    });
  });
});

const pgUsersRepository = `import type { Pool } from 'pg';

export class UsersRepository {
  constructor(private readonly pool: Pool) {}

  async findById(id: string) {
    const { rows } = await this.pool.query('SELECT id, email FROM users WHERE id = $1', [id]);
    return rows[0];
  }
}
`;

const expressController = `import type { Request, Response } from 'express';
import { UsersRepository } from '../repositories/users.repository';

export class UsersController {
  constructor(private readonly users: UsersRepository) {}
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency

  show = async (request: Request, response: Response) => {
    const user = await this.users.findById(String(request.params.id));
    response.json(user);
  };
}
`;

/** The controller after the fix, calling the service's method of that name. */
const rewiredExpressController = (method: string) => `import type { Request, Response } from 'express';
import { UsersService } from '../services/users.service';

export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  show = async (request: Request, response: Response) => {
    const user = await this.usersService.${method}(String(request.params.id));
    response.json(user);
  };
}
`;

describe('fixes: layering/forbidden-dependency — route through service (NestJS sibling service)', () => {
  it('injects the repository into the sibling service that does not hold it yet', () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/users/user.entity.ts': userEntity,
        'src/users/users.repository.ts': usersRepository,
        'src/users/users.module.ts': usersModule('UsersService, UsersRepository'),
        'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';

@Injectable()
export class UsersService {
  greet(name: string) {
    return \`Hello \${name}\`;
  }
}
`,
        'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Controller('v1/users')
export class UsersController {
  constructor(private readonly usersRepository: UsersRepository) {}
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency

  @Get()
  list() {
    return this.usersRepository.find();
  }
}
`,
      },
      fixId: 'route-through-service:UsersService',
      expect: {
        'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(private readonly usersRepository: UsersRepository) {}

  greet(name: string) {
    return \`Hello \${name}\`;
  }

  findUsers() {
    return this.usersRepository.find();
  }
}
`,
        'src/users/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('v1/users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get()
  list() {
    return this.usersService.findUsers();
  }
}
`,
      },
    });
  });
});

describe('fixes: layering/forbidden-dependency — route through service (Express)', () => {
  it('creates the service in services/ and builds it in the composition root from the same repository', () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        'src/repositories/users.repository.ts': pgUsersRepository,
        'src/controllers/users.controller.ts': expressController,
        'src/app.ts': `import express from 'express';
import { Pool } from 'pg';
import { UsersController } from './controllers/users.controller';
import { UsersRepository } from './repositories/users.repository';

const pool = new Pool();
const usersController = new UsersController(new UsersRepository(pool));

export const app = express();
app.get('/v1/users/:id', usersController.show);
`,
      },
      fixId: 'route-through-service:UsersService',
      expect: {
        'src/services/users.service.ts': `import { UsersRepository } from '../repositories/users.repository';

export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  findUserById(id: string) {
    return this.users.findById(id);
  }
}
`,
        'src/controllers/users.controller.ts': rewiredExpressController('findUserById'),
        'src/app.ts': `import express from 'express';
import { Pool } from 'pg';
import { UsersController } from './controllers/users.controller';
import { UsersRepository } from './repositories/users.repository';
import { UsersService } from './services/users.service';

const pool = new Pool();
const usersController = new UsersController(new UsersService(new UsersRepository(pool)));

export const app = express();
app.get('/v1/users/:id', usersController.show);
`,
      },
    });
  });

  it("passes the composition root's existing service instance and reuses its method that makes the same call", () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        'src/repositories/users.repository.ts': pgUsersRepository,
        'src/services/users.service.ts': `import { UsersRepository } from '../repositories/users.repository';

export class UsersService {
  constructor(private readonly repository: UsersRepository) {}

  findById(id: string) {
    return this.repository.findById(id);
  }
}
`,
        'src/controllers/users.controller.ts': expressController,
        'src/app.ts': `import express from 'express';
import { Pool } from 'pg';
import { UsersController } from './controllers/users.controller';
import { UsersRepository } from './repositories/users.repository';
import { UsersService } from './services/users.service';

const usersRepository = new UsersRepository(new Pool());
const usersService = new UsersService(usersRepository);
const usersController = new UsersController(usersRepository);

export const app = express();
app.get('/v1/users/:id', usersController.show);
`,
      },
      fixId: 'route-through-service:UsersService',
      expect: {
        'src/controllers/users.controller.ts': rewiredExpressController('findById'),
        'src/app.ts': `import express from 'express';
import { Pool } from 'pg';
import { UsersController } from './controllers/users.controller';
import { UsersRepository } from './repositories/users.repository';
import { UsersService } from './services/users.service';

const usersRepository = new UsersRepository(new Pool());
const usersService = new UsersService(usersRepository);
const usersController = new UsersController(usersService);

export const app = express();
app.get('/v1/users/:id', usersController.show);
`,
      },
    });
  });
});

describe('fixes: layering/forbidden-dependency — when routing through a service is not offered as one fix', () => {
  const nestController = (body: string) => `import { Controller, Get } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Controller('v1/users')
export class UsersController {
  constructor(private readonly usersRepository: UsersRepository) {}
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency
${body}
}
`;
  const routeFixes = (files: Record<string, string>) => {
    const p = project(files);
    const result = p.analyze();
    const finding = result.findings.find((f) => f.ruleId === 'layering/forbidden-dependency');
    assert.ok(finding, 'the controller is reported');
    return fixesFor(result.graph, finding).fixes.filter((f) => f.id.startsWith('route-through-service:'));
  };
  const holdingService = (name: string) => `import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository';
@Injectable()
export class ${name} {
  constructor(private readonly usersRepository: UsersRepository) {}
}
`;

  it('offers one fix per service of the module that holds the repository, none preferred (the editor asks which)', () => {
    const fixes = routeFixes({
      'tsconfig.json': NEST_TSCONFIG,
      'src/users/user.entity.ts': userEntity,
      'src/users/users.repository.ts': usersRepository,
      'src/users/users.service.ts': holdingService('UsersService'),
      'src/users/accounts.service.ts': holdingService('AccountsService'),
      'src/users/users.module.ts': usersModule('UsersService, AccountsService, UsersRepository').replace(
        'import { UsersRepository }',
        "import { AccountsService } from './accounts.service';\nimport { UsersRepository }",
      ),
      'src/users/users.controller.ts': nestController('  @Get() list() { return this.usersRepository.find(); }'),
    });
    assert.deepEqual(fixes.map((f) => [f.title, f.preferred]).sort(), [
      ['Route through AccountsService', false],
      ['Route through UsersService', false],
    ]);
  });

  it('offers none when the controller hands the repository itself to other code', () => {
    const fixes = routeFixes({
      'tsconfig.json': NEST_TSCONFIG,
      'src/users/user.entity.ts': userEntity,
      'src/users/users.repository.ts': usersRepository,
      'src/users/users.module.ts': usersModule('UsersRepository'),
      'src/users/users.controller.ts': nestController("  @Get() list() { return paginate(this.usersRepository, 1); }\n  @Get('n') count() { return this.usersRepository.count(); }"),
    });
    assert.deepEqual(fixes, []);
  });

  it('offers none for an Express controller that nothing in the workspace constructs', () => {
    const fixes = routeFixes({
      'tsconfig.json': '{}',
      'src/repositories/users.repository.ts': pgUsersRepository,
      'src/controllers/users.controller.ts': expressController,
    });
    assert.deepEqual(fixes, []);
  });

  it('says why, instead of writing a pass-through, when the query cannot move: a chained query builder, the controller’s own members, an untyped value', () => {
    const files = (body: string) => ({
      'tsconfig.json': NEST_TSCONFIG,
      'src/users/user.entity.ts': userEntity,
      'src/users/users.repository.ts': usersRepository,
      'src/users/users.service.ts': holdingService('UsersService'),
      'src/users/users.module.ts': usersModule('UsersService, UsersRepository'),
      'src/users/users.controller.ts': nestController(body),
    });
    const reasons = [
      "  @Get() list() { return this.usersRepository.createQueryBuilder('u').where('u.active = true').getMany(); }",
      '  private readonly pageSize = 20;\n  @Get() list() { return this.usersRepository.find({ take: this.pageSize }); }',
      "  @Get() list(@Query() query: any) { const active = query.active === 'yes'; return this.usersRepository.find({ where: { active } }); }",
    ].map((body) => {
      const fixes = routeFixes(files(body.replace('@Get() list(@Query()', '@Get() list(@Query()')));
      assert.equal(fixes.length, 1, body);
      assert.deepEqual(fixes[0]!.edits, [], 'nothing is changed');
      return fixes[0]!.unavailable ?? '';
    });
    assert.match(reasons[0]!, /^The calls cannot move to UsersService safely: the controller goes on with what createQueryBuilder\(\) returns/);
    assert.match(reasons[1]!, /uses the controller's own members \(this\.pageSize\)/);
    assert.match(reasons[2]!, /the type of active is not written in the handler/);
  });
});

describe('fixes: layering/forbidden-dependency — route through service with domain intent', () => {
  it('moves the ORM query objects into a service method named in the domain, taking domain arguments', () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/orders/order.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class Order {
  @PrimaryGeneratedColumn() id!: number;
  @Column() customerId!: number;
  @Column() placedAt!: Date;
}
`,
        'src/orders/orders.module.ts': `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrdersController } from './orders.controller';
import { Order } from './order.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Order])],
  controllers: [OrdersController],
})
export class OrdersModule {}
`,
        'src/orders/orders.controller.ts': `import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order } from './order.entity';

@Controller({ path: 'customers/:customerId/orders', version: '1' })
export class OrdersController {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency

  @Get()
  list(@Param('customerId', ParseIntPipe) customerId: number) {
    return this.orders.find({ where: { customerId }, order: { placedAt: 'DESC' } });
  }

  @Get(':id')
  async one(@Param('id', ParseIntPipe) id: number) {
    const order = await this.orders.findOne({ where: { id } });
    return order ?? { missing: id };
  }
}
`,
      },
      fixId: 'route-through-service:OrdersService',
      expect: {
        'src/orders/orders.controller.ts': `import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { OrdersService } from './orders.service';

@Controller({ path: 'customers/:customerId/orders', version: '1' })
export class OrdersController {
  constructor(private readonly ordersService: OrdersService) {}

  @Get()
  list(@Param('customerId', ParseIntPipe) customerId: number) {
    return this.ordersService.findOrdersByCustomerId(customerId);
  }

  @Get(':id')
  async one(@Param('id', ParseIntPipe) id: number) {
    const order = await this.ordersService.findOrderById(id);
    return order ?? { missing: id };
  }
}
`,
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order } from './order.entity';

@Injectable()
export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}

  findOrdersByCustomerId(customerId: number) {
    return this.orders.find({ where: { customerId }, order: { placedAt: 'DESC' } });
  }

  findOrderById(id: number) {
    return this.orders.findOne({ where: { id } });
  }
}
`,
      },
    });
  });

  it("types a value read off a typed parameter by the parameter's type: params.orderId → OrderParams['orderId']", () => {
    checkFix({
      files: {
        'tsconfig.json': NEST_TSCONFIG,
        'src/orders/orders.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class OrdersRepository {
  findById(id: number) { return Promise.resolve({ id }); }
}
`,
        'src/orders/orders.module.ts': `import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';

@Module({ controllers: [OrdersController], providers: [OrdersRepository] })
export class OrdersModule {}
`,
        'src/orders/orders.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';
import { OrdersRepository } from './orders.repository';
import { OrderParams } from './order-params';

@Controller({ path: 'orders', version: '1' })
export class OrdersController {
  constructor(private readonly ordersRepository: OrdersRepository) {}
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency

  @Get(':orderId')
  one(@Param() params: OrderParams) {
    return this.ordersRepository.findById(params.orderId);
  }
}
`,
        'src/orders/order-params.ts': `export class OrderParams {\n  orderId!: number;\n}\n`,
      },
      fixId: 'route-through-service:OrdersService',
      expect: {
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { OrdersRepository } from './orders.repository';
import { OrderParams } from './order-params';

@Injectable()
export class OrdersService {
  constructor(private readonly ordersRepository: OrdersRepository) {}

  findOrderById(orderId: OrderParams['orderId']) {
    return this.ordersRepository.findById(orderId);
  }
}
`,
      },
    });
  });
});
