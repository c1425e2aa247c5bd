import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixesFor } from '../../../server/src/engine/fixes';
import { checkFix } from '../../helpers/fixes';
import { project } from '../../helpers/project';

const RULE = 'security/sql-injection';

/** Whether each finding of the rule is offered "Parameterize query" (there must be findings). */
function offered(files: Readonly<Record<string, string>>): boolean[] {
  const result = project(files).analyze();
  const findings = result.findings.filter((f) => f.ruleId === RULE);
  assert.ok(findings.length > 0, 'the case has findings to fix');
  return findings.map((f) => fixesFor(result.graph, f).fixes.some((fix) => fix.id === 'parameterize'));
}

describe(`fixes: ${RULE}`, () => {
  describe('node-postgres: $n placeholders and a values array', () => {
    it('binds an interpolated value', () => {
      const { fix } = checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/users/users.repository.ts': `import type { Pool } from 'pg';
export class UsersRepository {
  constructor(private readonly pool: Pool) {}
  findById(id: string) {
    return this.pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
    //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/users/users.repository.ts': `import type { Pool } from 'pg';
export class UsersRepository {
  constructor(private readonly pool: Pool) {}
  findById(id: string) {
    return this.pool.query('SELECT * FROM users WHERE id = $1', [id]);
  }
}
`,
        },
      });
      assert.equal(fix.title, 'Parameterize query');
      assert.equal(fix.safe, false);
      assert.equal(fix.preferred, true);
    });

    it('binds a concatenated value', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/db.ts': `import { Pool } from 'pg';
const pool = new Pool();
export async function findOrder(orderId: string) {
  const result = await pool.query('SELECT * FROM orders WHERE id = ' + orderId);
  //                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  return result.rows[0];
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/db.ts': `import { Pool } from 'pg';
const pool = new Pool();
export async function findOrder(orderId: string) {
  const result = await pool.query('SELECT * FROM orders WHERE id = $1', [orderId]);
  return result.rows[0];
}
`,
        },
      });
    });

    it('removes the quotes around a value with it, in the quotes the file uses', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/users/users.repository.ts': `import type { Pool } from "pg";
export class UsersRepository {
  constructor(private readonly pool: Pool) {}
  findByEmail(email: string) {
    return this.pool.query("SELECT * FROM users WHERE email = '" + email + "' AND deleted_at IS NULL");
    //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/users/users.repository.ts': `import type { Pool } from "pg";
export class UsersRepository {
  constructor(private readonly pool: Pool) {}
  findByEmail(email: string) {
    return this.pool.query("SELECT * FROM users WHERE email = $1 AND deleted_at IS NULL", [email]);
  }
}
`,
        },
      });
    });

    it("keeps constants the rule allows in the text, and SQL quotes the values don't use", () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/users/users.repository.ts': `import type { Pool } from 'pg';
const USERS_TABLE = 'users';
export class UsersRepository {
  constructor(private readonly pool: Pool) {}
  findActive(id: string) {
    return this.pool.query(\`SELECT * FROM \${USERS_TABLE} WHERE status = 'active' AND id = \${id}\`);
    //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/users/users.repository.ts': `import type { Pool } from 'pg';
const USERS_TABLE = 'users';
export class UsersRepository {
  constructor(private readonly pool: Pool) {}
  findActive(id: string) {
    return this.pool.query(\`SELECT * FROM \${USERS_TABLE} WHERE status = 'active' AND id = $1\`, [id]);
  }
}
`,
        },
      });
    });

    it('numbers after the values already passed, and appends to them', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/orders/orders.repository.ts': `import type { Pool } from 'pg';
export class OrdersRepository {
  constructor(private readonly pool: Pool) {}
  byStatus(userId: string, status: string) {
    return this.pool.query(\`SELECT * FROM orders WHERE user_id = $1 AND status = '\${status}'\`, [userId]);
    //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/orders/orders.repository.ts': `import type { Pool } from 'pg';
export class OrdersRepository {
  constructor(private readonly pool: Pool) {}
  byStatus(userId: string, status: string) {
    return this.pool.query('SELECT * FROM orders WHERE user_id = $1 AND status = $2', [userId, status]);
  }
}
`,
        },
      });
    });

    it('keeps a multi-line template a template, with its indentation and CRLF line endings', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/reports/reports.repository.ts': [
            "import type { Pool } from 'pg';",
            'export class ReportsRepository {',
            '  constructor(private readonly pool: Pool) {}',
            '  revenue(from: string, to: string) {',
            '    return this.pool.query(`',
            '    //                     ^ security/sql-injection',
            '      SELECT sum(total) FROM orders',
            "      WHERE created_at BETWEEN '${from}' AND '${to}'`);",
            '  }',
            '}',
            '',
          ].join('\r\n'),
        },
        fixId: 'parameterize',
        expect: {
          'src/reports/reports.repository.ts': [
            "import type { Pool } from 'pg';",
            'export class ReportsRepository {',
            '  constructor(private readonly pool: Pool) {}',
            '  revenue(from: string, to: string) {',
            '    return this.pool.query(`',
            '      SELECT sum(total) FROM orders',
            '      WHERE created_at BETWEEN $1 AND $2`, [from, to]);',
            '  }',
            '}',
            '',
          ].join('\r\n'),
        },
      });
    });

    it('finds pg through the module the pool comes from', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/db.ts': `import { Pool } from 'pg';
export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
`,
          'src/users/users.queries.ts': `import { pool } from '../db';
export function deactivate(userId: string) {
  return pool.query(\`UPDATE users SET active = false WHERE id = \${userId}\`);
  //                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/users/users.queries.ts': `import { pool } from '../db';
export function deactivate(userId: string) {
  return pool.query('UPDATE users SET active = false WHERE id = $1', [userId]);
}
`,
        },
      });
    });
  });

  describe('TypeORM query(): the placeholders of the configured database', () => {
    it("binds LIKE's pattern whole, keeping the % around the value, through a local SQL constant (postgres)", () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/data-source.ts': `import { DataSource } from 'typeorm';
export const AppDataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [] });
`,
          'src/users/users.repository.ts': `import { DataSource } from 'typeorm';
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}
  search(term: string) {
    const sql = "SELECT id, name FROM users WHERE name LIKE '%" + term + "%'";
    return this.dataSource.query(sql);
    //                           ^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/users/users.repository.ts': `import { DataSource } from 'typeorm';
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}
  search(term: string) {
    const sql = 'SELECT id, name FROM users WHERE name LIKE $1';
    return this.dataSource.query(sql, [\`%\${term}%\`]);
  }
}
`,
        },
      });
    });

    it('uses ? for a repository on MySQL', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/app.module.ts': `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
@Module({ imports: [TypeOrmModule.forRoot({ type: 'mysql', url: process.env.DATABASE_URL, autoLoadEntities: true })] })
export class AppModule {}
`,
          'src/orders/orders.repository.ts': `import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order } from './order.entity';
export class OrdersRepository {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
  countFor(customerId: string) {
    return this.orders.query(\`SELECT count(*) AS total FROM orders WHERE customer_id = \${customerId}\`);
    //                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
          'src/orders/order.entity.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class Order {
  @PrimaryGeneratedColumn() id!: number;
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/orders/orders.repository.ts': `import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order } from './order.entity';
export class OrdersRepository {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
  countFor(customerId: string) {
    return this.orders.query('SELECT count(*) AS total FROM orders WHERE customer_id = ?', [customerId]);
  }
}
`,
        },
      });
    });
  });

  describe('? placeholders: mysql2 and knex', () => {
    it('binds mysql2 execute() values in order', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/orders/orders.repository.ts': `import type { Connection } from 'mysql2/promise';
export class OrdersRepository {
  constructor(private readonly connection: Connection) {}
  async list(userId: number, status: string) {
    const [rows] = await this.connection.execute(\`SELECT * FROM orders WHERE user_id = \${userId} AND status = '\${status}' LIMIT 50\`);
    //                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
    return rows;
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/orders/orders.repository.ts': `import type { Connection } from 'mysql2/promise';
export class OrdersRepository {
  constructor(private readonly connection: Connection) {}
  async list(userId: number, status: string) {
    const [rows] = await this.connection.execute('SELECT * FROM orders WHERE user_id = ? AND status = ? LIMIT 50', [userId, status]);
    return rows;
  }
}
`,
        },
      });
    });

    it('binds knex.raw() values', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/orders/orders.repository.ts': `import type { Knex } from 'knex';
export class OrdersRepository {
  constructor(private readonly knex: Knex) {}
  total(userId: string) {
    return this.knex.raw('select sum(total) from orders where user_id = ' + userId);
    //                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/orders/orders.repository.ts': `import type { Knex } from 'knex';
export class OrdersRepository {
  constructor(private readonly knex: Knex) {}
  total(userId: string) {
    return this.knex.raw('select sum(total) from orders where user_id = ?', [userId]);
  }
}
`,
        },
      });
    });

    it('binds knex whereRaw() values, removing their quotes', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/users/users.repository.ts': `import type { Knex } from 'knex';
export class UsersRepository {
  constructor(private readonly knex: Knex) {}
  withOrders(status: string) {
    return this.knex('users').whereRaw(\`id in (select user_id from orders where status = '\${status}')\`);
    //                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/users/users.repository.ts': `import type { Knex } from 'knex';
export class UsersRepository {
  constructor(private readonly knex: Knex) {}
  withOrders(status: string) {
    return this.knex('users').whereRaw('id in (select user_id from orders where status = ?)', [status]);
  }
}
`,
        },
      });
    });
  });

  describe('Prisma: the unsafe call becomes the tagged template', () => {
    it('$queryRawUnsafe → $queryRaw`…`, type argument kept, quotes removed', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/users/users.repository.ts': `import type { PrismaClient } from '@prisma/client';
export class UsersRepository {
  constructor(private readonly prisma: PrismaClient) {}
  findByEmail(email: string) {
    return this.prisma.$queryRawUnsafe<{ id: number }[]>(\`SELECT id FROM "User" WHERE email = '\${email}'\`);
    //                                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/users/users.repository.ts': `import type { PrismaClient } from '@prisma/client';
export class UsersRepository {
  constructor(private readonly prisma: PrismaClient) {}
  findByEmail(email: string) {
    return this.prisma.$queryRaw<{ id: number }[]>\`SELECT id FROM "User" WHERE email = \${email}\`;
  }
}
`,
        },
      });
    });

    it('$executeRawUnsafe → $executeRaw`…`, a LIKE pattern bound whole', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/users/users.repository.ts': `import type { PrismaClient } from '@prisma/client';
export class UsersRepository {
  constructor(private readonly prisma: PrismaClient) {}
  purgeMatching(term: string) {
    return this.prisma.$executeRawUnsafe("DELETE FROM sessions WHERE agent LIKE '%" + term + "%'");
    //                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/users/users.repository.ts': `import type { PrismaClient } from '@prisma/client';
export class UsersRepository {
  constructor(private readonly prisma: PrismaClient) {}
  purgeMatching(term: string) {
    return this.prisma.$executeRaw\`DELETE FROM sessions WHERE agent LIKE \${\`%\${term}%\`}\`;
  }
}
`,
        },
      });
    });

    it('keeps a constant table name as SQL through Prisma.raw', () => {
      checkFix({
        files: {
          'tsconfig.json': '{}',
          'src/audit/audit.repository.ts': `import { Prisma, PrismaClient } from '@prisma/client';
const AUDIT_TABLE = 'audit_log';
export class AuditRepository {
  constructor(private readonly prisma: PrismaClient) {}
  forUser(userId: string) {
    return this.prisma.$queryRawUnsafe(\`SELECT * FROM \${AUDIT_TABLE} WHERE user_id = \${userId}\`);
    //                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
}
`,
        },
        fixId: 'parameterize',
        expect: {
          'src/audit/audit.repository.ts': `import { Prisma, PrismaClient } from '@prisma/client';
const AUDIT_TABLE = 'audit_log';
export class AuditRepository {
  constructor(private readonly prisma: PrismaClient) {}
  forUser(userId: string) {
    return this.prisma.$queryRaw\`SELECT * FROM \${Prisma.raw(AUDIT_TABLE)} WHERE user_id = \${userId}\`;
  }
}
`,
        },
      });
    });
  });

  describe('not offered when unsure', () => {
    const pgRepository = (method: string) => ({
      'tsconfig.json': '{}',
      'src/users/users.repository.ts': `import type { Pool } from 'pg';
export class UsersRepository {
  constructor(private readonly pool: Pool) {}
  ${method}
}
`,
    });

    it('(control: the same repository with a value in a value position is offered the fix)', () => {
      assert.deepEqual(offered(pgRepository('find(id: string) { return this.pool.query(`SELECT * FROM users WHERE id = ${id}`); }')), [true]);
    });

    it('a value in a name position: ORDER BY column, FROM table, quoted identifier', () => {
      assert.deepEqual(offered(pgRepository('list(sort: string) { return this.pool.query(`SELECT * FROM users ORDER BY ${sort} DESC`); }')), [false]);
      assert.deepEqual(offered(pgRepository('count(source: string) { return this.pool.query(`SELECT count(*) FROM ${source} WHERE active = true`); }')), [false]);
      assert.deepEqual(offered(pgRepository('pick(column: string, id: string) { return this.pool.query(`SELECT "${column}" FROM users WHERE id = ${id}`); }')), [false]);
    });

    it("a value SQL can't bind: a typed literal, a spliced list", () => {
      assert.deepEqual(offered(pgRepository("recent(days: string) { return this.pool.query(`SELECT * FROM orders WHERE created_at > now() - INTERVAL '${days} days'`); }")), [false]);
      assert.deepEqual(offered(pgRepository("some(ids: string[]) { return this.pool.query(`SELECT * FROM users WHERE id IN (${ids.join(',')})`); }")), [false]);
    });

    it('values already passed in a way the fix cannot extend', () => {
      assert.deepEqual(offered(pgRepository('byStatus(params: string[], status: string) { return this.pool.query(`SELECT * FROM users WHERE id = $1 AND status = ${status}`, params); }')), [false]);
    });

    it('an unknown driver', () => {
      assert.deepEqual(
        offered({
          'tsconfig.json': '{}',
          'src/db.ts': `export const db = { query: (sql: string) => Promise.resolve(sql) };
`,
          'src/users/users.queries.ts': `import { db } from '../db';
export function findUser(id: string) {
  return db.query(\`SELECT * FROM users WHERE id = \${id}\`);
}
`,
        }),
        [false],
      );
    });

    it('TypeORM on a database the workspace does not tell', () => {
      assert.deepEqual(
        offered({
          'tsconfig.json': '{}',
          'src/users/users.repository.ts': `import { DataSource } from 'typeorm';
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}
  find(id: string) { return this.dataSource.query(\`SELECT * FROM users WHERE id = \${id}\`); }
}
`,
        }),
        [false],
      );
    });

    it('SQL text in a variable used elsewhere too', () => {
      assert.deepEqual(offered(pgRepository('find(id: string) {\n    const sql = `SELECT * FROM users WHERE id = ${id}`;\n    console.log(sql);\n    return this.pool.query(sql);\n  }')), [false]);
    });

    it("a ? in a mysql literal (mysql2 would bind it) and a Prisma table name that isn't constant", () => {
      assert.deepEqual(
        offered({
          'tsconfig.json': '{}',
          'src/notes.ts': `import mysql from 'mysql2/promise';
export async function findNotes(author: string) {
  const connection = await mysql.createConnection(process.env.DATABASE_URL ?? '');
  return connection.query(\`SELECT * FROM notes WHERE title = 'why?' AND author = '\${author}'\`);
}
`,
        }),
        [false],
      );
      assert.deepEqual(
        offered({
          'tsconfig.json': '{}',
          'src/purge.ts': `import type { PrismaClient } from '@prisma/client';
export function purge(prisma: PrismaClient, source: string) {
  return prisma.$executeRawUnsafe(\`DELETE FROM \${source}\`);
}
`,
        }),
        [false],
      );
    });
  });
});
