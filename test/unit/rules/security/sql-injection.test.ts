import { describe, it } from 'node:test';
import { checkRule } from '../../../helpers/project';

const RULE = 'security/sql-injection';

describe(RULE, () => {
  it('flags interpolated or concatenated values in SQL sinks and query-builder conditions', () => {
    checkRule(RULE, {
      'src/users/user.repository.ts': `import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
export class UserRepository {
  constructor(private readonly pool: Pool, private readonly dataSource: DataSource) {}

  findByEmail(email: string) {
    return this.pool.query(\`SELECT * FROM users WHERE email = '\${email}'\`);
    //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection \`email\` is put into the text passed to query()
  }

  search(term: string) {
    const sql = "SELECT id FROM users WHERE name LIKE '%" + term + "%'";
    return this.dataSource.query(sql);
    //                           ^^^ security/sql-injection \`term\`
  }

  byStatus(status: string) {
    return this.dataSource.createQueryBuilder('user').where(\`user.status = '\${status}'\`).getMany();
    //                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection passed to where()
  }
}
`,
      'src/orders/order.repository.ts': `import type { Knex } from 'knex';
import type { PrismaClient } from '@prisma/client';
export class OrderRepository {
  constructor(private readonly knex: Knex, private readonly prisma: PrismaClient) {}
  total(userId: string) {
    return this.knex.raw('select sum(total) from orders where user_id = ' + userId);
    //                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
  purge(status: string) {
    return this.prisma.$executeRawUnsafe(\`DELETE FROM orders WHERE status = \${status}\`);
    //                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
  }
  byCustomer(name: string) {
    return this.knex('orders').whereRaw(\`customer = '\${name}'\`);
    //                                  ^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection passed to whereRaw()
  }
}
`,
    });
  });

  it('does not flag placeholders, constant table names, tagged templates or non-SQL strings', () => {
    checkRule(RULE, {
      'src/users/user.repository.ts': `import type { Pool } from 'pg';
import type { Knex } from 'knex';
import { Prisma, PrismaClient } from '@prisma/client';
const USERS_TABLE = 'users';
const TABLES = { orders: 'orders' } as const;
export class UserRepository {
  constructor(private readonly pool: Pool, private readonly knex: Knex, private readonly prisma: PrismaClient) {}
  findByEmail(email: string) {
    return this.pool.query('SELECT * FROM users WHERE email = $1', [email]);
  }
  count() {
    return this.pool.query(\`SELECT count(*) FROM \${USERS_TABLE}\`);
  }
  orders(userId: string) {
    return this.pool.query(\`SELECT * FROM \${TABLES.orders} WHERE user_id = $1\`, [userId]);
  }
  byName(name: string) {
    return this.prisma.$queryRaw\`SELECT * FROM users WHERE name = \${name}\`;
  }
  recent(days: number) {
    return this.knex('orders').whereRaw('created_at > now() - (? * interval \\'1 day\\')', [days]);
  }
  active(status: string) {
    return this.knex('users').where({ status }).andWhere('deleted_at', null);
  }
  sql(id: string) {
    return Prisma.sql\`SELECT * FROM users WHERE id = \${id}\`;
  }
}
`,
      'src/search/search.service.ts': `export class SearchService {
  constructor(private readonly elastic: { query(q: string): unknown }, private readonly url: URLSearchParams) {}
  find(term: string) {
    return this.elastic.query(\`title:\${term}*\`);
  }
  label(user: string) {
    return this.execute('Hello ' + user);
  }
  execute(text: string) { return text; }
}
`,
    });
  });

  it('does not flag names the code chose, statements without parameters, numbers, escaped values or generated fragments', () => {
    checkRule(RULE, {
      'src/reports/rollup.repository.ts': `import type { Pool } from 'pg';
import { AUDIT_TABLE } from './tables';
enum Tables { Events = 'events' }
declare function escapeLiteral(value: string): string;
declare const generator: { getWhereConditions(where: object): string };
export class RollupRepository {
  private readonly stagingTable = \`rollup_\${Date.now()}\`;
  constructor(private readonly pool: Pool, private readonly config: { timeoutSeconds: string; dimensions: number }) {}
  stage(ids: string[]) {
    return this.pool.query(\`INSERT INTO \${this.stagingTable} (id) SELECT * FROM unnest($1::uuid[])\`, [ids]);
  }
  rename(role: string) {
    return this.pool.query(\`ALTER ROLE "\${role}" RENAME TO "archived"\`);
  }
  limitTime() {
    const ms = Number(this.config.timeoutSeconds) * 1000;
    return this.pool.query(\`SET LOCAL statement_timeout = \${ms}\`);
  }
  addEmbeddings() {
    return this.pool.query(\`ALTER TABLE notes ADD COLUMN embedding vector(\${this.config.dimensions})\`);
  }
  audits(owner: string) {
    return this.pool.query(\`SELECT * FROM \${AUDIT_TABLE} JOIN \${Tables.Events} e ON true WHERE owner = \${escapeLiteral(owner)}\`);
  }
  scoped(where: object) {
    const conditions = generator.getWhereConditions(where);
    const filter = conditions ? \`AND (\${conditions})\` : '';
    return this.pool.query(\`SELECT id FROM notes WHERE archived = false \${filter}\`);
  }
}
`,
      'src/reports/tables.ts': "export const AUDIT_TABLE = 'audit_log';\n",
      'src/database/migrations/1700000000-add-index.ts': `export async function up(db: { query(sql: string): Promise<unknown> }, name: string) {
  await db.query(\`CREATE INDEX idx_\${name} ON notes (title) WHERE title = '\${name}'\`);
}
`,
    });
  });

  it('leaves values the code names as database names or as SQL alone, unless the request gives them', () => {
    checkRule(RULE, {
      'src/maintenance/sequence.repository.ts': `import type { Pool } from 'pg';
export class SequenceRepository {
  constructor(private readonly pool: Pool) {}
  async resync(tableName: string, column: string) {
    const found = await this.pool.query(\`SELECT pg_get_serial_sequence('"\${tableName}"', '\${column}') AS seq\`);
    const sequence = found.rows[0].seq;
    await this.pool.query(\`SELECT setval('\${sequence}', (SELECT MAX(\${column}) FROM "\${tableName}"))\`);
  }
  matching(entityName: string, whereClause: string) {
    return this.pool.query(\`SELECT * FROM \${entityName} WHERE \${whereClause}\`);
  }
  exported(req: { query: { tableName: string } }) {
    return this.pool.query(\`SELECT * FROM \${req.query.tableName}\`);
    //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection \`req.query.tableName\`
  }
  byOwner(ownerEmail: string) {
    return this.pool.query(\`SELECT * FROM files WHERE owner = '\${ownerEmail}'\`);
    //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection \`ownerEmail\`
  }
}
`,
    });
  });

  it('flags a table name taken from the request, and a value computed from a parameter', () => {
    checkRule(RULE, {
      'src/admin/export.repository.ts': `import type { Pool } from 'pg';
export class ExportRepository {
  constructor(private readonly pool: Pool) {}
  dump(req: { query: { table: string } }) {
    return this.pool.query(\`SELECT * FROM \${req.query.table}\`);
    //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection \`req.query.table\`
  }
  since(day: string) {
    const cutoff = \`'\${day}'::date\`;
    return this.pool.query(\`SELECT * FROM events WHERE created_at > \${cutoff}\`);
    //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection \`cutoff\`
  }
}
`,
    });
  });

  it('does not flag the structure of a parameterized statement: column names, placeholder lists, typed numbers, fragments the code built', () => {
    checkRule(RULE, {
      'src/grid/cell-filter.repository.ts': `import type { Knex } from 'knex';
declare function placeholdersFor(values: unknown[]): string;
export class CellFilterRepository {
  constructor(private readonly knex: Knex, private readonly columnRef: string, private readonly sorter: { orderText(): string }) {}
  equals(builder: Knex.QueryBuilder, value: string) {
    return builder.whereRaw(\`\${this.columnRef} = ?\`, [value]);
  }
  anyOf(builder: Knex.QueryBuilder, values: string[]) {
    const marks = values.map(() => '?').join(', ');
    builder.whereRaw(\`\${this.columnRef} IN (\${marks})\`, values);
    return builder.whereRaw(\`\${this.columnRef} NOT IN (\${placeholdersFor(values)})\`, values);
  }
  page(limit: number, column: string) {
    const order = this.sorter.orderText();
    return this.knex.raw(\`SELECT * FROM cells ORDER BY \${order} LIMIT \${limit}\`);
  }
  reorder(orderSql: string, table: string) {
    return this.knex.raw(\`UPDATE :table: SET position = ranked.n FROM (SELECT id, row_number() OVER (ORDER BY \${orderSql}) AS n FROM :table:) ranked\`, { table });
  }
  byColumn(column: string, value: string) {
    return this.knex.raw(\`SELECT * FROM cells WHERE \${column} = ?\`, [value]);
  }
}
`,
    });
  });

  it("flags a value put inside a quoted SQL string, including a JSON path within one, unless the code's own helper computed it", () => {
    checkRule(RULE, {
      'src/grid/json-filter.repository.ts': `import type { Knex } from 'knex';
export class JsonFilterRepository {
  constructor(private readonly knex: Knex, private readonly owner: { name: string }) {}
  contains(builder: Knex.QueryBuilder, term: string) {
    return builder.whereRaw(\`tags @? '$[*] ? (@ like_regex "\${term}")'\`);
    //                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection \`term\`
  }
  between(builder: Knex.QueryBuilder, filter: { from: string; to: string }) {
    const range = this.isoRange(filter);
    return builder.whereRaw(\`stamps @? '$[*] ? (@ >= "\${range[0]}" && @ <= "\${range[1]}")'\`);
  }
  isoRange(filter: { from: string; to: string }) { return [new Date(filter.from).toISOString(), new Date(filter.to).toISOString()]; }
  mine() {
    return this.knex.raw(\`SELECT * FROM cells WHERE owner = '\${this.owner.name}'\`);
    //                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection \`this.owner.name\`
  }
}
`,
    });
  });

  it('does not flag the SQL or the aliases a query builder made itself', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/catalog/variant-filter.ts': `interface Qb { alias: string; getQuery(): string; where(sql: string, params?: object): Qb; andWhere(sql: string): Qb; subQuery(): Qb; setParameters(p: object): Qb }
export function inCollections(qb: Qb, ids: string[]) {
  const alias = qb.alias;
  const variantIds = qb.subQuery().where('variant.collectionId IN (:...ids)', { ids });
  qb.setParameters({ ids });
  qb.andWhere(\`\${alias}.id IN \${variantIds.getQuery()}\`);
  return qb.where(\`\${qb.alias}.deletedAt IS NULL\`);
}
`,
    });
  });

  it('does not flag a sum of a number parameter and a literal, and still flags a string parameter concatenated', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/reports/cursor.repository.ts': `interface Client { query(sql: string): Promise<unknown> }
export async function fetchPage(client: Client, maxRows: number, cursor: string) {
  await client.query(\`FETCH FORWARD \${maxRows + 1} FROM report_cursor\`);
  return client.query(\`FETCH FORWARD 10 FROM \${cursor + '_cursor'}\`);
  //                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
}
`,
    });
  });

  it('judges DDL by the request only, also inside its quotes: a password from the environment is not reported, one from the request is', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/warehouse/connector.repository.ts': `interface Sql { unsafe(text: string): Promise<unknown> }
export async function createConnectorUser(sql: Sql, req: { body: { password: string } }) {
  await sql.unsafe(\`create user warehouse_reader with encrypted password '\${process.env.WAREHOUSE_PASSWORD}'\`);
  await sql.unsafe(\`create user warehouse_writer with encrypted password '\${req.body.password}'\`);
  //               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection req.body.password
}
`,
    });
  });

  it('knows a builder named like a request query by the builder methods called on it, and still flags a request query spliced in', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/tasks/task-scope.ts': `interface Builder { alias: string; andWhere(sql: string, params?: object): Builder; getMany(): Promise<object[]> }
export function ofTenant(query: Builder, tenantId: string) {
  query.andWhere(\`\${query.alias}.tenantId = :tenantId\`, { tenantId });
  return query.getMany();
}
export function inRange(qb: Builder, query: SelectQueryBuilder) {
  return qb.andWhere(\`\${query.alias}.startedAt BETWEEN :from AND :to\`, { from: 1, to: 2 });
}
type SelectQueryBuilder = Builder;
export function rawSort(db: { query(sql: string): Promise<object[]> }, query: { alias: string }) {
  return db.query(\`SELECT * FROM tasks ORDER BY \${query.alias}\`);
  //              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ security/sql-injection
}
`,
    });
  });
});
