import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixesFor } from '../../../server/src/engine/fixes';
import { checkFix } from '../../helpers/fixes';
import { NEST_TSCONFIG, project } from '../../helpers/project';

const RULE = 'data/n-plus-one';

const userEntity = {
  'tsconfig.json': NEST_TSCONFIG,
  'src/users/user.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity() export class User { @PrimaryGeneratedColumn() id!: number; @Column() name!: string; @Column() email!: string; }
`,
};

/** A Nest service with `users: Repository<User>` injected, around one method. */
const typeormService = (method: string, imports = `import { Repository } from 'typeorm';\n`) => ({
  ...userEntity,
  'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
${imports}import { User } from '../users/user.entity';

@Injectable()
export class OrdersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

${method}}
`,
});

const prismaFiles = {
  'tsconfig.json': NEST_TSCONFIG,
  'src/prisma/prisma.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
@Injectable()
export class PrismaService extends PrismaClient {}
`,
};

const pgPool = { 'tsconfig.json': '{}', 'src/db.ts': `import { Pool } from 'pg';\nexport const pool = new Pool();\n` };

/** The ids of the fixes offered for the one finding marked with carets, the generic ignore left out. */
function offered(files: Readonly<Record<string, string>>): string[] {
  const p = project(files);
  const [expected] = p.expectations;
  assert.ok(expected && p.expectations.length === 1, 'one finding is marked');
  const result = p.analyze();
  const finding = result.findings.find(
    (f) => f.ruleId === RULE && path.posix.relative(result.root, f.file) === expected.file && f.start.line + 1 === expected.line && f.start.character + 1 === expected.column,
  );
  assert.ok(finding, `no ${RULE} finding at ${expected.file}:${expected.line}:${expected.column}`);
  const fixes = fixesFor(result.graph, finding);
  assert.ok(fixes.ok, fixes.ok ? '' : fixes.error);
  return fixes.fixes.map((f) => f.id).filter((id) => id !== 'ignore-line' && id !== 'ignore-file');
}

describe('fixes: data/n-plus-one', () => {
  it('loads TypeORM findOneBy lookups with findBy + In before the loop, above its comment', () => {
    const { fix } = checkFix({
      files: typeormService(`  async owners(orders: { id: number; userId: number }[]) {
    const result = [];
    // one line per order
    for (const order of orders) {
      const user = await this.users.findOneBy({ id: order.userId });
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      result.push({ orderId: order.id, name: user?.name });
    }
    return result;
  }
`),
      fixId: 'batch-lookup',
      expect: {
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, In } from 'typeorm';
import { User } from '../users/user.entity';

@Injectable()
export class OrdersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async owners(orders: { id: number; userId: number }[]) {
    const result = [];
    const userIds = orders.map((order) => order.userId);
    const usersById = new Map((await this.users.findBy({ id: In(userIds) })).map((user) => [user.id, user]));
    // one line per order
    for (const order of orders) {
      const user = usersById.get(order.userId) ?? null;
      result.push({ orderId: order.id, name: user?.name });
    }
    return result;
  }
}
`,
      },
    });
    assert.equal(fix.title, 'Load all in one query (findBy + In)');
    assert.equal(fix.safe, false);
    assert.equal(fix.preferred, true);
  });

  it('turns findOne({ where }) into findBy, importing In next to a type-only import, over the ids themselves', () => {
    checkFix({
      files: typeormService(
        `  async names(ids: number[]) {
    const names: string[] = [];
    for (const id of ids) {
      const owner = await this.users.findOne({ where: { id } });
//                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      names.push(owner ? owner.name : 'unknown');
    }
    return names;
  }
`,
        `import type { Repository } from 'typeorm';\n`,
      ),
      fixId: 'batch-lookup',
      expect: {
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User } from '../users/user.entity';
import { In } from 'typeorm';

@Injectable()
export class OrdersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async names(ids: number[]) {
    const names: string[] = [];
    const ownersById = new Map((await this.users.findBy({ id: In(ids) })).map((owner) => [owner.id, owner]));
    for (const id of ids) {
      const owner = ownersById.get(id) ?? null;
      names.push(owner ? owner.name : 'unknown');
    }
    return names;
  }
}
`,
      },
    });
  });

  it('keeps findOne options that load the same rows (relations) with find', () => {
    checkFix({
      files: typeormService(`  async recipients(invites: { email: string }[]) {
    const recipients = [];
    for (const invite of invites) {
      recipients.push(await this.users.findOne({ where: { email: invite.email }, relations: ['team'] }));
//                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
    }
    return recipients;
  }
`),
      fixId: 'batch-lookup',
      expect: {
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, In } from 'typeorm';
import { User } from '../users/user.entity';

@Injectable()
export class OrdersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async recipients(invites: { email: string }[]) {
    const recipients = [];
    const userEmails = invites.map((invite) => invite.email);
    const usersByEmail = new Map((await this.users.find({ where: { email: In(userEmails) }, relations: ['team'] })).map((user) => [user.email, user]));
    for (const invite of invites) {
      recipients.push(usersByEmail.get(invite.email) ?? null);
    }
    return recipients;
  }
}
`,
      },
    });
  });

  it('loads Prisma findUnique lookups in a Promise.all(map) with findMany({ in })', () => {
    checkFix({
      files: {
        ...prismaFiles,
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class OrdersService {
  constructor(private readonly prisma: PrismaService) {}

  async withCustomers(orders: { id: number; customerId: number }[]) {
    return Promise.all(orders.map(async (order) => ({ ...order, customer: await this.prisma.customer.findUnique({ where: { id: order.customerId } }) })));
//                                                                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
  }
}
`,
      },
      fixId: 'batch-lookup',
      expect: {
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class OrdersService {
  constructor(private readonly prisma: PrismaService) {}

  async withCustomers(orders: { id: number; customerId: number }[]) {
    const customerIds = orders.map((order) => order.customerId);
    const customersById = new Map((await this.prisma.customer.findMany({ where: { id: { in: customerIds } } })).map((customer) => [customer.id, customer]));
    return Promise.all(orders.map(async (order) => ({ ...order, customer: customersById.get(order.customerId) ?? null })));
  }
}
`,
      },
    });
  });

  it('moves a query written over several lines to the indentation of its new place', () => {
    checkFix({
      files: {
        'tsconfig.json': '{}',
        'src/prisma.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
        'src/invoices/invoices.service.ts': `import { prisma } from '../prisma';

export async function invoiceLines(invoices: { id: string; accountId: string }[]) {
  const lines: string[] = [];
  for (const invoice of invoices) {
    const account = await prisma.account.findUnique({
//                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      where: { id: invoice.accountId },
      include: { owner: true },
    });
    lines.push(\`\${invoice.id}: \${account?.owner.name ?? '?'}\`);
  }
  return lines;
}
`,
      },
      fixId: 'batch-lookup',
      expect: {
        'src/invoices/invoices.service.ts': `import { prisma } from '../prisma';

export async function invoiceLines(invoices: { id: string; accountId: string }[]) {
  const lines: string[] = [];
  const accountIds = invoices.map((invoice) => invoice.accountId);
  const accountsById = new Map((await prisma.account.findMany({
    where: { id: { in: accountIds } },
    include: { owner: true },
  })).map((account) => [account.id, account]));
  for (const invoice of invoices) {
    const account = accountsById.get(invoice.accountId) ?? null;
    lines.push(\`\${invoice.id}: \${account?.owner.name ?? '?'}\`);
  }
  return lines;
}
`,
      },
    });
  });

  it('handles a callback that returns the lookup itself, keeping include', () => {
    checkFix({
      files: {
        ...prismaFiles,
        'src/catalog/catalog.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class CatalogService {
  constructor(private readonly prisma: PrismaService) {}

  async products(ids: string[]) {
    return Promise.all(ids.map((id) => this.prisma.product.findUnique({ where: { id }, include: { images: true } })));
//                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
  }
}
`,
      },
      fixId: 'batch-lookup',
      expect: {
        'src/catalog/catalog.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class CatalogService {
  constructor(private readonly prisma: PrismaService) {}

  async products(ids: string[]) {
    const productsById = new Map((await this.prisma.product.findMany({ where: { id: { in: ids } }, include: { images: true } })).map((product) => [product.id, product]));
    return Promise.all(ids.map((id) => productsById.get(id) ?? null));
  }
}
`,
      },
    });
  });

  it('rewrites a pg lookup to = ANY($1) over the rows, without semicolons and with double quotes', () => {
    checkFix({
      files: {
        ...pgPool,
        'src/orders/orders.repository.ts': `import { pool } from "../db"

export async function ordersWithOwners(orders: { id: number; user_id: number }[]) {
  const result = []
  for (const order of orders) {
    const owner = (await pool.query("SELECT * FROM users WHERE id = $1", [order.user_id])).rows[0]
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
    result.push({ ...order, owner })
  }
  return result
}
`,
      },
      fixId: 'batch-lookup',
      expect: {
        'src/orders/orders.repository.ts': `import { pool } from "../db"

export async function ordersWithOwners(orders: { id: number; user_id: number }[]) {
  const result = []
  const ownerIds = orders.map((order) => order.user_id)
  const ownersById = new Map((await pool.query("SELECT * FROM users WHERE id = ANY($1)", [ownerIds])).rows.map((owner) => [owner.id, owner]))
  for (const order of orders) {
    const owner = ownersById.get(order.user_id)
    result.push({ ...order, owner })
  }
  return result
}
`,
      },
    });
  });

  it('reads a destructured pg row from the map, keeping CRLF and tabs', () => {
    checkFix({
      files: {
        ...pgPool,
        'src/profiles/profiles.repository.ts':
          "import { pool } from '../db';\r\n\r\nexport async function bios(users: { id: number }[]) {\r\n\tconst bios: string[] = [];\r\n\tfor (const { id } of users) {\r\n\t\tconst { rows: [profile] } = await pool.query('SELECT id, user_id, bio FROM profiles WHERE user_id = $1', [id]);\r\n//                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one\r\n\t\tbios.push(profile?.bio ?? '');\r\n\t}\r\n\treturn bios;\r\n}\r\n",
      },
      fixId: 'batch-lookup',
      expect: {
        'src/profiles/profiles.repository.ts':
          "import { pool } from '../db';\r\n\r\nexport async function bios(users: { id: number }[]) {\r\n\tconst bios: string[] = [];\r\n\tconst profileUserIds = users.map(({ id }) => id);\r\n\tconst profilesByUserId = new Map((await pool.query('SELECT id, user_id, bio FROM profiles WHERE user_id = ANY($1)', [profileUserIds])).rows.map((profile) => [profile.user_id, profile]));\r\n\tfor (const { id } of users) {\r\n\t\tconst profile = profilesByUserId.get(id);\r\n\t\tbios.push(profile?.bio ?? '');\r\n\t}\r\n\treturn bios;\r\n}\r\n",
      },
    });
  });

  it("adds a batched findByIds to the workspace's repository and loads through it", () => {
    const { fix } = checkFix({
      files: {
        ...userEntity,
        'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  async findById(id: number): Promise<User | null> {
    return this.repo.findOneBy({ id });
  }
}
`,
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';

@Injectable()
export class OrdersService {
  constructor(private readonly usersRepository: UsersRepository) {}

  async owners(orders: { userId: number }[]) {
    const owners = [];
    for (const order of orders) {
      owners.push(await this.usersRepository.findById(order.userId));
//                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
    }
    return owners;
  }
}
`,
      },
      fixId: 'add-batched-method',
      expect: {
        'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, In } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  async findById(id: number): Promise<User | null> {
    return this.repo.findOneBy({ id });
  }

  async findByIds(ids: number[]): Promise<User[]> {
    return this.repo.findBy({ id: In(ids) });
  }
}
`,
        'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';

@Injectable()
export class OrdersService {
  constructor(private readonly usersRepository: UsersRepository) {}

  async owners(orders: { userId: number }[]) {
    const owners = [];
    const userIds = orders.map((order) => order.userId);
    const usersById = new Map((await this.usersRepository.findByIds(userIds)).map((user) => [user.id, user]));
    for (const order of orders) {
      owners.push(usersById.get(order.userId) ?? null);
    }
    return owners;
  }
}
`,
      },
    });
    assert.equal(fix.title, 'Add a batched findByIds to UsersRepository');
  });

  it('adds a batched method over Prisma in a file without semicolons, keyed by the field the method looks up', () => {
    checkFix({
      files: {
        ...prismaFiles,
        'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common'
import { PrismaService } from '../prisma/prisma.service'

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByEmail(email: string) {
    return this.prisma.user.findUnique({ where: { email } })
  }
}
`,
        'src/invites/invites.service.ts': `import { Injectable } from '@nestjs/common'
import { UsersRepository } from '../users/users.repository'

@Injectable()
export class InvitesService {
  constructor(private readonly users: UsersRepository) {}

  async pending(invites: { email: string }[]) {
    const pending = []
    for (const invite of invites) {
      const user = await this.users.findByEmail(invite.email)
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      if (!user) pending.push(invite)
    }
    return pending
  }
}
`,
      },
      fixId: 'add-batched-method',
      expect: {
        'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common'
import { PrismaService } from '../prisma/prisma.service'

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByEmail(email: string) {
    return this.prisma.user.findUnique({ where: { email } })
  }

  findByEmails(emails: string[]) {
    return this.prisma.user.findMany({ where: { email: { in: emails } } })
  }
}
`,
        'src/invites/invites.service.ts': `import { Injectable } from '@nestjs/common'
import { UsersRepository } from '../users/users.repository'

@Injectable()
export class InvitesService {
  constructor(private readonly users: UsersRepository) {}

  async pending(invites: { email: string }[]) {
    const pending = []
    const userEmails = invites.map((invite) => invite.email)
    const usersByEmail = new Map((await this.users.findByEmails(userEmails)).map((user) => [user.email, user]))
    for (const invite of invites) {
      const user = usersByEmail.get(invite.email) ?? null
      if (!user) pending.push(invite)
    }
    return pending
  }
}
`,
      },
    });
  });

  describe('offers nothing when batching would change what an iteration sees', () => {
    it('the lookup is by two fields', () => {
      assert.deepEqual(
        offered(
          typeormService(`  async owners(orders: { userId: number; name: string }[]) {
    const owners = [];
    for (const order of orders) {
      const user = await this.users.findOneBy({ id: order.userId, name: order.name });
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      owners.push(user);
    }
    return owners;
  }
`),
        ),
        [],
      );
    });

    it('the loop changes the row it loaded (orders of one user would share it)', () => {
      assert.deepEqual(
        offered(
          typeormService(`  async owners(orders: { userId: number; total: number }[]) {
    const owners = [];
    for (const order of orders) {
      const user = await this.users.findOneBy({ id: order.userId });
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      if (user) user.name = \`\${user.name} (\${order.total})\`;
      owners.push(user);
    }
    return owners;
  }
`),
        ),
        [],
      );
    });

    it('the result is kept in a let (a fallback may replace it)', () => {
      assert.deepEqual(
        offered(
          typeormService(`  async owners(orders: { userId: number }[]) {
    const owners = [];
    for (const order of orders) {
      let user = await this.users.findOneBy({ id: order.userId });
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      user ??= this.users.create({ id: order.userId });
      owners.push(user);
    }
    return owners;
  }
`),
        ),
        [],
      );
    });

    it('the loop adds to the array it walks', () => {
      assert.deepEqual(
        offered(
          typeormService(`  async reach(queue: number[]) {
    const seen: User[] = [];
    for (const id of queue) {
      const user = await this.users.findOneBy({ id });
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      if (user && user.id < 100) queue.push(user.id + 1);
      if (user) seen.push(user);
    }
    return seen;
  }
`),
        ),
        [],
      );
    });

    it('the collection is a Set (no .map to collect the keys)', () => {
      assert.deepEqual(
        offered(
          typeormService(`  async owners(userIds: Set<number>) {
    const owners = [];
    for (const id of userIds) {
      const user = await this.users.findOneBy({ id });
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      owners.push(user);
    }
    return owners;
  }
`),
        ),
        [],
      );
    });

    it('the SQL has more than one equality on $1', () => {
      assert.deepEqual(
        offered({
          ...pgPool,
          'src/orders/orders.repository.ts': `import { pool } from '../db';

export async function owners(orders: { userId: number }[]) {
  const owners = [];
  for (const order of orders) {
    owners.push((await pool.query('SELECT * FROM users WHERE id = $1 AND deleted_at IS NULL', [order.userId])).rows[0]);
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
  }
  return owners;
}
`,
        }),
        [],
      );
    });

    it('the function the load would go in is not async', () => {
      assert.deepEqual(
        offered(
          typeormService(`  withUsers(orders: { userId: number }[]) {
    return Promise.all(orders.map(async (order) => ({ ...order, user: await this.users.findOneBy({ id: order.userId }) })));
//                                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
  }
`),
        ),
        [],
      );
    });

    it('the names it would declare are taken', () => {
      assert.deepEqual(
        offered(
          typeormService(`  async owners(orders: { userId: number }[], usersById: Map<number, User>) {
    const owners = [];
    for (const order of orders) {
      const user = usersById.get(order.userId) ?? (await this.users.findOneBy({ id: order.userId }));
//                                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
      owners.push(user);
    }
    return owners;
  }
`),
        ),
        [],
      );
    });

    it("the repository's method is more than one ORM lookup", () => {
      assert.deepEqual(
        offered({
          ...userEntity,
          'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  async findById(id: number): Promise<User | null> {
    const user = await this.repo.findOneBy({ id });
    return user && user.name ? user : null;
  }
}
`,
          'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';

@Injectable()
export class OrdersService {
  constructor(private readonly usersRepository: UsersRepository) {}

  async owners(orders: { userId: number }[]) {
    const owners = [];
    for (const order of orders) owners.push(await this.usersRepository.findById(order.userId));
//                                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
    return owners;
  }
}
`,
        }),
        [],
      );
    });
  });
});
