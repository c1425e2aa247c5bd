import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, NEST_TSCONFIG, project } from '../../../helpers/project';

const RULE = 'data/n-plus-one';

const entities = {
  'tsconfig.json': NEST_TSCONFIG,
  'src/users/user.entity.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity() export class User { @PrimaryGeneratedColumn() id!: number; }
`,
  'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class UsersRepository {
  findById(id: number) { return Promise.resolve({ id }); }
  findByIds(ids: number[]) { return Promise.resolve(ids.map((id) => ({ id }))); }
}
`,
  'src/db.ts': `import knex from 'knex';
export const db = knex({ client: 'pg' });
`,
};

describe(RULE, () => {
  it('flags repository, ORM and query-builder calls made once per element', () => {
    checkRule(RULE, {
      ...entities,
      'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { db } from '../db';

@Injectable()
export class OrdersService {
  constructor(private readonly users: UsersRepository, @InjectRepository(User) private readonly userRepo: Repository<User>) {}

  async owners(orders: { userId: number }[]) {
    const owners = [];
    for (const order of orders) {
      owners.push(await this.users.findById(order.userId));
//                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one N+1 queries: this.users.findById() runs once per element (in a loop)
    }
    return owners;
  }

  withUsers(orders: { userId: number }[]) {
    return Promise.all(orders.map(async (order) => ({ ...order, user: await this.userRepo.findOneBy({ id: order.userId }) })));
//                                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one in a .map() callback
  }

  lines(orderIds: number[]) {
    return Promise.all(orderIds.map((id) => db('order_lines').where({ order_id: id }).select('*')));
//                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
  }
}
`,
    });
  });

  it('does not flag batched calls, fixed tuples, retry loops, non-data calls or single queries', () => {
    checkRule(RULE, {
      ...entities,
      'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';
import { db } from '../db';

@Injectable()
export class OrdersService {
  constructor(private readonly users: UsersRepository, private readonly mailer: { send(to: string): Promise<void> }) {}

  async owners(orders: { userId: number }[]) {
    const users = await this.users.findByIds(orders.map((o) => o.userId));
    const byId = new Map(users.map((u) => [u.id, u]));
    return orders.map((o) => byId.get(o.userId));
  }

  async defaults() {
    for (const id of [1, 2]) await this.users.findById(id);
  }

  async withRetry(id: number) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await this.users.findById(id);
      } catch (error) {
        if (attempt === 2) throw error;
      }
    }
    return undefined;
  }

  async notify(emails: string[]) {
    for (const email of emails) await this.mailer.send(email);
  }

  async chunks(ids: number[][]) {
    for (const chunk of ids) await db('users').whereIn('id', chunk).delete().then(() => this.users.findByIds(chunk));
  }

  total() {
    return db('orders').sum('total');
  }
}
`,
    });
  });

  it('reads loops by what they iterate: constant lists here or imported, probes and pages, bounded retries', () => {
    checkRule(RULE, {
      'src/teams/defaults.ts': "export const DEFAULT_TEAMS = ['admins', 'developers', 'viewers'];\nexport enum Plan { Free = 'free', Pro = 'pro' }\n",
      'src/teams/teams.service.ts': `import { PrismaClient } from '@prisma/client';
import { DEFAULT_TEAMS, Plan } from './defaults';
const prisma = new PrismaClient();
export class TeamsService {
  async seedWorkspace(workspaceId: string) {
    for (const name of DEFAULT_TEAMS) await prisma.team.create({ data: { name, workspaceId } });
    for (const plan of Object.values(Plan)) await prisma.plan.upsert({ where: { id: plan }, create: { id: plan }, update: {} });
  }
  async uniqueSlug(base: string) {
    let slug = base;
    let n = 0;
    while (await prisma.team.findFirst({ where: { slug } })) slug = \`\${base}-\${++n}\`;
    return slug;
  }
  async allPages() {
    const rows = [];
    let cursor: string | undefined;
    do {
      const page = await prisma.team.findMany({ take: 100, cursor: cursor ? { id: cursor } : undefined });
      rows.push(...page);
      cursor = page.at(-1)?.id;
    } while (cursor);
    return rows;
  }
  async withRetry(id: string) {
    for (let i = 0; i < 3 && !(await prisma.team.findUnique({ where: { id } })); i++) await new Promise((r) => setTimeout(r, 100));
  }
}
`,
    });
  });

  it('finds a query returned from a block-bodied callback, and one per element of an indexed loop', () => {
    checkRule(RULE, {
      'src/teams/assignments.service.ts': `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export class AssignmentsService {
  assign(userId: string, teamIds: string[]) {
    return Promise.all(teamIds.map((teamId) => {
      const data = { userId, teamId };
      return prisma.assignment.upsert({ where: { userId_teamId: data }, create: data, update: {} });
      //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one in a .map() callback
    }));
  }
  async plugins(ids: string[]) {
    for (let i = 0; i < ids.length; i++) await prisma.buildPlugin.findFirst({ where: { id: ids[i] } });
    //                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one in a loop
  }
}
`,
    });
  });

  it("takes MikroORM's native updates and deletes, and soft removals, for writes per row (not reported by default)", () => {
    checkRule(RULE, {
      'tsconfig.json': NEST_TSCONFIG,
      'src/accounts/accounts.service.ts': `import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
@Injectable()
export class AccountsService {
  constructor(private readonly em: EntityManager) {}
  async relink(rows: { id: string; owner: string }[]) {
    for (const row of rows) await this.em.nativeUpdate('Account', { id: row.id }, { owner: row.owner });
    for (const row of rows) await this.em.nativeDelete('Session', { account: row.id });
  }
  async lookup(rows: { id: string }[]) {
    for (const row of rows) await this.em.findOne('Account', { id: row.id });
    //                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one this.em.findOne() runs once per element
  }
}
`,
    });
  });

  it('leaves chunked loops, per-row updates and one-time start-up work alone, and reports inserts and deletes per element only when asked', () => {
    const writes = (config: string) => ({
      'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
      'layerguard.json': config,
      'src/archive/archive.service.ts': `import { prisma } from '../db';
export class ArchiveService {
  async purge(ids: string[]) {
    for (const id of ids) await prisma.entry.delete({ where: { id } });
  }
  async copy(keys: string[]) {
    for (const key of keys) await prisma.entry.create({ data: { key } });
  }
}
`,
    });
    const messages = (config: string) =>
      project(writes(config))
        .analyze()
        .findings.filter((f) => f.ruleId === RULE)
        .map((f) => f.message.split(' (')[0]);
    assert.deepEqual(messages('{}'), []);
    assert.deepEqual(messages(JSON.stringify({ rules: { [RULE]: { options: { reportWrites: true } } } })), [
      'N+1 queries: prisma.entry.delete() deletes once per element',
      'N+1 queries: prisma.entry.create() inserts once per element',
    ]);
    checkRule(RULE, {
      'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
      'src/settings/settings.service.ts': `import { prisma } from '../db';
export class SettingsService {
  async onModuleInit() {
    for (const key of await this.missingKeys()) await prisma.setting.create({ data: { key } });
  }
  async rename(items: { id: string; name: string }[]) {
    for (const item of items) await prisma.setting.update({ where: { id: item.id }, data: { name: item.name } });
  }
  async importAll(chunks: string[][]) {
    for (const chunk of chunks) await prisma.setting.createMany({ data: chunk.map((key) => ({ key })) });
    for (const batch of chunks) await prisma.setting.findMany({ where: { key: batch[0] } });
  }
  async copy(keys: string[]) {
    for (const key of keys) await prisma.setting.findUnique({ where: { key } });
    //                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one runs once per element (in a loop)
  }
  private async missingKeys() { return ['a']; }
}
`,
    });
  });

  it('leaves schema changes, compiled-but-not-run queries, statement lists, per-group set queries and upserts alone', () => {
    checkRule(RULE, {
      ...entities,
      'src/sheets/sheets.service.ts': `import { Injectable } from '@nestjs/common';
import { db } from '../db';

@Injectable()
export class SheetsService {
  async copySheets(tables: string[]) {
    for (const table of tables) await db.schema.dropTableIfExists(\`\${table}_copy\`);
    for (const table of tables) await db.raw(\`CREATE TABLE \${table}_copy AS TABLE \${table}\`);
    for (const table of tables) await db.renameSheetTable(table);
  }
  async applyStatements(statements: string[]) {
    for (const statement of statements) await db.raw(statement);
    await Promise.all(statements.map((step) => db.raw(step)));
  }
  previews(ids: string[]) {
    return ids.map((id) => db('cells').where('id', id).toQuery());
  }
  async rowsPerTable(byTable: Map<string, string[]>) {
    const rows = [];
    for (const [table, ids] of byTable) {
      rows.push(await db(table).where('id', 'in', ids));
      const text = db(table).whereIn('id', ids).toQuery();
      rows.push(await db.raw(text));
      rows.push(await db.raw(\`SELECT * FROM \${table} WHERE id = ANY(?)\`, [ids]));
    }
    return rows;
  }
  async copyTables(names: string[], dialect: { copyTable(name: string): string }) {
    for (const name of names) {
      const copy = dialect.copyTable(name);
      await db.raw(copy);
      const stamp = db(name).update({ copied_at: new Date() }).toQuery();
      await db.raw(stamp);
    }
  }
  async saveProfiles(profiles: { id: string; name: string }[]) {
    for (const profile of profiles) await db('profiles').upsert(profile);
  }
  async counts(fieldIds: string[]) {
    const counts = [];
    for (const fieldId of fieldIds) counts.push(await db.raw('SELECT count(*) FROM cells WHERE field_id = ?', [fieldId]));
    //                                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
    return counts;
  }
}
`,
    });
  });

  it('leaves searches that stop at the first hit, failures recorded in a catch, dropped collections and mapped bulk inserts alone', () => {
    checkRule(RULE, {
      ...entities,
      'src/imports/imports.service.ts': `import { Injectable } from '@nestjs/common';
import { db } from '../db';
import { UsersRepository } from '../users/users.repository';

@Injectable()
export class ImportsService {
  constructor(private readonly users: UsersRepository) {}
  async firstKnown(ids: number[]) {
    let found;
    for (const id of ids) {
      found = await this.users.findById(id);
      if (found) break;
    }
    return found;
  }
  async importAll(batches: { id: number; rows: { value: number }[] }[], temp: { drop(): Promise<void> }[]) {
    for (const batch of batches) {
      try {
        await db('values').insert(batch.rows.map((row) => ({ batch: batch.id, value: row.value })));
      } catch (error) {
        await db('import_errors').insert({ batch: batch.id, message: String(error) });
      }
    }
    for (const collection of temp) await collection.drop();
  }
}
`,
    });
  });

  it('reports loops over rows only: what a query loaded, a list the caller handed in, or a part of a loaded row', () => {
    checkRule(RULE, {
      ...entities,
      'src/library/library.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';

interface Book { title: string; authorIds: number[]; shelves: { ownerId: number }[] }

@Injectable()
export class LibraryService {
  private readonly watchers: { userId: number }[] = [];
  constructor(private readonly users: UsersRepository) {}

  async authorsOf(book: Book) {
    for (const id of book.authorIds) await this.users.findById(id);
    for (const id of parseMentions(book.title)) await this.users.findById(id);
    for (const watcher of this.watchers) await this.users.findById(watcher.userId);
  }

  async ownersOfShelves(books: Book[]) {
    for (const book of books) {
      for (const shelf of book.shelves) await this.users.findById(shelf.ownerId);
      //                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one in a loop
    }
  }

  async friendsOfEveryone() {
    const everyone = await this.users.findByIds([1, 2, 3]);
    const active = everyone.filter((u) => u.id > 0);
    return Promise.all(active.map((u) => this.users.findById(u.id + 1)));
    //                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one in a .map() callback
  }
}

function parseMentions(text: string): number[] {
  return text.split('@').slice(1).map(Number);
}
`,
    });
  });

  it('reports a query keyed by the element (the element itself too), and leaves one whose arguments are the same for every element alone', () => {
    checkRule(RULE, {
      ...entities,
      'src/groups/groups.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';

@Injectable()
export class GroupsService {
  constructor(private readonly users: UsersRepository) {}

  async check(requested: { kind: string }[], ownerId: number) {
    for (const wanted of requested) {
      if (wanted.kind === 'owner') await this.users.findById(ownerId);
    }
  }

  async ancestors(start: number, depth: number[]) {
    let parentId = start;
    for (const level of depth) {
      const parent = await this.users.findById(parentId);
      parentId = parent.id + level;
    }
    return parentId;
  }

  byElement(ids: number[]) {
    return Promise.all(ids.map((id) => this.users.findById(id)));
    //                                 ^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one in a .map() callback
  }

  async chained(ids: number[]) {
    for (const id of ids) {
      const key = id * 2;
      await this.users.findById(key);
      //    ^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one
    }
  }
}
`,
    });
  });

  it('reads what a builder chain does along the whole chain: an update, insert or delete ending in where() is a write', () => {
    checkRule(RULE, {
      ...entities,
      'src/billing/usage.ts': `import { db } from '../db';

export async function recordUsage(orgs: { id: number; events: number }[]) {
  for (const org of orgs) {
    await db.update('organizations').set({ events: org.events }).where({ id: org.id });
    await db.insertInto('usage_log').values({ org: org.id }).execute();
    await db.deleteFrom('usage_alerts').where({ org: org.id }).execute();
  }
  for (const org of orgs) {
    await db('plans').where({ org: org.id }).first();
    //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one runs once per element
  }
}
`,
    });
  });

  it('leaves repository methods named for a row update or delete, DDL built inline, and shutdown handlers alone', () => {
    checkRule(RULE, {
      ...entities,
      'src/fields/fields.repository.ts': `import { db } from '../db';
export const fieldsRepository = {
  updateFieldFlags: (id: number, optional: boolean) => db('fields').where({ id }).update({ optional }),
  deleteFieldOption: (id: number) => db('field_options').where({ id }).del(),
  findField: (id: number) => db('fields').where({ id }).first(),
};
`,
      'src/fields/fields.import.ts': `import { fieldsRepository } from './fields.repository';
import { db } from '../db';
declare const dialect: { dropTable(name: string): string };

export async function applyImport(fields: { id: number; optional: boolean }[], tables: string[]) {
  for (const field of fields) {
    await fieldsRepository.updateFieldFlags(field.id, field.optional);
    await fieldsRepository.deleteFieldOption(field.id);
  }
  for (const field of fields) {
    await fieldsRepository.findField(field.id);
    //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one runs once per element
  }
  for (const table of tables) await db.raw(dialect.dropTable(table));
}

export function onShutdown(runIds: number[]) {
  process.on('SIGTERM', async () => {
    for (const id of runIds) await fieldsRepository.findField(id);
  });
}
`,
    });
  });

  it('leaves per-element units of work (a read followed by a write or a call to another system) and model lookups alone', () => {
    checkRule(RULE, {
      ...entities,
      'src/imports/feeds.service.ts': `import { Injectable } from '@nestjs/common';
import mongoose from 'mongoose';
import { UsersRepository } from '../users/users.repository';
import { db } from '../db';

@Injectable()
export class FeedsService {
  constructor(private readonly users: UsersRepository) {}

  async importFeeds(feeds: { url: string; ownerId: number }[]) {
    for (const feed of feeds) {
      const owner = await this.users.findById(feed.ownerId);
      const body = await fetch(feed.url);
      await db('feed_items').insert({ owner: owner.id, body: await body.text() });
    }
  }

  async renameAll(rows: { id: number; name: string }[]) {
    for (const row of rows) {
      const current = await db('items').where({ id: row.id }).first();
      await db('items').where({ id: row.id }).update({ name: row.name, previous: current.name });
    }
  }

  modelsFor(names: string[]) {
    return names.map((name) => mongoose.model(name));
  }

  async ownersOf(feeds: { ownerId: number }[]) {
    const owners = [];
    for (const feed of feeds) owners.push(await this.users.findById(feed.ownerId));
    //                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one runs once per element
    return owners;
  }
}
`,
    });
  });

  it('leaves a search returning its first hit, lookups remembered per key, loops stepping by a chunk and raw per-row UPDATEs alone', () => {
    checkRule(RULE, {
      ...entities,
      'src/pricing/pricing.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';
import { db } from '../db';

@Injectable()
export class PricingService {
  constructor(private readonly users: UsersRepository) {}

  async firstActiveOwner(candidates: { ownerId: number }[]) {
    for (const candidate of candidates) {
      const owner = await this.users.findById(candidate.ownerId);
      if (owner.active) return owner;
    }
    return null;
  }

  async ownerNames(orders: { ownerId: number }[]) {
    const owners: Record<number, { name: string }> = {};
    const names: string[] = [];
    for (const order of orders) {
      if (!owners[order.ownerId]) owners[order.ownerId] = await this.users.findById(order.ownerId);
      names.push(owners[order.ownerId].name);
    }
    return names;
  }

  async refreshInChunks(ids: number[], size: number) {
    for (let i = 0; i < ids.length; i += size) {
      await db.raw('select refresh_prices(?)', [ids.slice(i, i + size)]);
    }
  }

  async reprice(rows: { id: number; price: number }[]) {
    for (const row of rows) {
      await db.raw('UPDATE prices SET amount = ? WHERE id = ?', [row.price, row.id]);
    }
  }

  async allOwnersOrNothing(orders: { ownerId: number }[]) {
    const found = [];
    for (const order of orders) {
      const owner = await this.users.findById(order.ownerId);
      //                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one runs once per element
      if (!owner) return null;
      found.push(owner);
    }
    return found;
  }

  async soleOwnerAnywhere(teams: { id: number }[]) {
    for (const team of teams) {
      const owners = await this.users.findById(team.id);
      //                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one runs once per element
      if (owners.active) return true;
    }
    return false;
  }

  async handOver(teams: { id: number; ownerId: number; save(): Promise<void> }[]) {
    for (const team of teams) {
      const members = await this.users.findById(team.id);
      team.ownerId = members.id;
      await team.save();
    }
  }

  async markMissing(ids: number[]) {
    for (const id of ids) {
      const user = await this.users.findById(id);
      //                 ^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one runs once per element
      user.missing = true;
      await user.save();
    }
  }

  async namesWithoutMemo(orders: { ownerId: number }[]) {
    const owners: Record<number, { name: string }> = {};
    for (const order of orders) owners[order.ownerId] = await this.users.findById(order.ownerId);
    //                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ data/n-plus-one runs once per element
    return owners;
  }
}
`,
    });
  });
});
