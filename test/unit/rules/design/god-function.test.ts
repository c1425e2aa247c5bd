import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ts } from '../../../../server/src/engine/ts';
import { cognitiveComplexity } from '../../../../server/src/engine/rules/design/cognitive-complexity';
import { checkRule, NEST_TSCONFIG, project } from '../../../helpers/project';

const RULE = 'design/god-function';

function complexityOf(source: string): number {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const fn = sf.statements.find(ts.isFunctionDeclaration);
  assert.ok(fn?.body);
  return cognitiveComplexity(fn.body);
}

/** `n` independent ifs, three lines each: complexity n in a body long enough to be reported. */
function ifLines(n: number, indent = '  '): string {
  return Array.from({ length: n }, (_, i) => `${indent}if (x > ${i}) {\n${indent}  return ${i};\n${indent}}`).join('\n');
}

/** A function with `n` independent ifs at the top level: complexity n. */
function flatIfs(name: string, n: number): string {
  return `export function ${name}(x: number) {\n${ifLines(n)}\n  return -1;\n}\n`;
}

/** The scoring tests use short bodies: this config reports a body of any length, as SonarJS does. */
const ANY_LENGTH = { 'layerguard.json': JSON.stringify({ rules: { [RULE]: { severity: 'warning', options: { minLinesForComplexity: 1 } } } }) };

describe(RULE, () => {
  it('computes cognitive complexity as SonarSource defines it', () => {
    assert.equal(
      complexityOf(`function sumOfPrimes(max: number) {
  let total = 0;
  OUT: for (let i = 1; i <= max; ++i) {
    for (let j = 2; j < i; ++j) {
      if (i % j == 0) {
        continue OUT;
      }
    }
    total += i;
  }
  return total;
}`),
      7,
    );
    assert.equal(complexityOf(`function getWords(n: number) { switch (n) { case 1: return 'one'; case 2: return 'a couple'; default: return 'lots'; } }`), 1);
    assert.equal(complexityOf(`function f(a: boolean, b: boolean, c: boolean, d: boolean) { if (a && b && c || d) { return 1; } return 0; }`), 3);
    assert.equal(complexityOf(`function f(a: boolean, b: boolean) { if (a) { return 1; } else if (b) { return 2; } else { return 3; } }`), 3);
    // A function with no control flow of its own is scored alone; its callback is scored on its own (SonarJS).
    assert.equal(complexityOf(`function f(xs: number[]) { xs.forEach((x) => { if (x) { console.log(x); } }); }`), 0);
    // With control flow of its own, the callbacks it declares count one nesting level deeper.
    assert.equal(complexityOf(`function f(xs: number[]) { if (xs.length) { xs.forEach((x) => { if (x) { console.log(x); } }); } }`), 4);
    assert.equal(complexityOf(`function f(a?: string, b?: string) { return a ?? b ?? 'none'; }`), 0, '?? supplies a default, it is no decision');
    // A named closure is a unit of its own at any depth: it is scored apart, not folded in.
    assert.equal(complexityOf(`function f(xs: number[]) { if (xs.length) { xs.forEach((x) => { const show = (y: number) => { if (y) { console.log(y); } }; show(x); }); } }`), 1);
    assert.equal(complexityOf(`function f(a: number) { try { return a > 1 ? 1 : 0; } catch { return -1; } }`), 2);
    // `s && s.mode` is `s?.mode` written before `?.`: no decision. A chain that tests something else still counts.
    assert.equal(complexityOf(`function f(s?: { mode?: { name(): string } }) { return (s && s.mode && s.mode.name()) || 'Unknown'; }`), 0);
    assert.equal(complexityOf(`function f(s?: { list: number[] }) { return s && s.list && s.list[0]; }`), 0);
    assert.equal(complexityOf(`function f(s?: { on: boolean }, t?: boolean) { return s && s.on && t; }`), 1);
    // A dispatch on one value written with ifs costs what a switch costs: once, plus what its branches do.
    assert.equal(complexityOf(`function f(op: string, v: number) { if (op === 'neg') return -v; if (op === 'abs') { if (v < 0) return -v; return v; } if (op === 'sq') return v * v; return v; }`), 3);
    assert.equal(complexityOf(`function f(op: string, v: number) { if (op === 'neg') { return -v; } else if (op === 'sq') { return v * v; } else { return v; } }`), 2);
    // Tests of different values, or branches that go on, are separate decisions.
    assert.equal(complexityOf(`function f(op: string, v: number) { if (op === 'neg') return -v; if (v === 0) return 0; if (op === 'sq') return v * v; return v; }`), 3);
    assert.equal(complexityOf(`function f(op: string, v: number) { let r = v; if (op === 'neg') r = -v; if (op === 'sq') r = v * v; return r; }`), 2);
  });

  it('flags complex and long functions on their names', () => {
    checkRule(RULE, {
      'src/orders/pricing.ts': `${flatIfs('priceFor', 30)}export const discountFor = (x: number) => {
//           ^^^^^^^^^^^ design/god-function discountFor does too much: cognitive complexity 30 (max 29)
${ifLines(30)}
  return 0;
};
export class Report {
  render(lines: string[]) {
//^^^^^^ design/god-function render does too much: 151 lines of code (max 150)
${Array.from({ length: 150 }, (_, i) => (i < 15 ? `    if (lines.length > ${i}) lines.push('line ${i}');` : `    lines.push('line ${i}');`)).join('\n')}
    return lines;
  }
}
`.replace('export function priceFor(x: number) {\n', 'export function priceFor(x: number) {\n//              ^^^^^^^^ design/god-function cognitive complexity 30\n'),
    });
  });

  it('does not flag functions within the limits, long switches, or inline callbacks on their own', () => {
    checkRule(RULE, {
      'src/database/seeds/users.seed.ts': `${flatIfs('seedUsers', 35)}`,
      'src/orders/status.ts': `${flatIfs('withinLimit', 29)}
export function label(status: string): string {
  switch (status) {
${Array.from({ length: 40 }, (_, i) => `    case 's${i}': return 'Status ${i}';`).join('\n')}
    default: return 'Unknown';
  }
}
export function routes(app: { get(path: string, h: (q: unknown) => unknown): void }) {
  app.get('/a', (q) => (q ? 1 : 0));
  app.get('/b', (q) => (q ? 2 : 0));
}
export class OrdersController {
  async create(body: { total?: number }) {
    if (!body.total) throw new Error('total is required');
    return { total: body.total };
  }
}
`,
    });
  });

  const dataLayer = {
    'tsconfig.json': NEST_TSCONFIG,
    'src/db.ts': `import knex from 'knex';
export const db = knex({ client: 'pg' });
`,
    'src/users/user.entity.ts': `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity() export class User { @PrimaryGeneratedColumn() id!: number; @Column() email!: string; @Column() name!: string; }
`,
    'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class UsersRepository {
  findById(id: number) { return Promise.resolve({ id, email: 'a@b.c', name: 'A', createdAt: new Date() }); }
  list() { return Promise.resolve([{ id: 1, email: 'a@b.c', name: 'A', createdAt: new Date() }]); }
}
`,
  };

  /** Handlers that validate, query data access and shape their answer, each marked where `checkHandlers` reports it. */
  const doingEverything = {
    'src/orders/orders.routes.ts': `import { Router } from 'express';
import { z } from 'zod';
import { db } from '../db';

const OrderQuery = z.object({ status: z.string() });
export const ordersRouter = Router();

ordersRouter.get('/v1/orders', async (req, res) => {
//               ^^^^^^^^^^^^ design/god-function The GET '/v1/orders' handler does too much: as an HTTP handler it validates the input, queries data access and shapes the response
  const query = OrderQuery.parse(req.query);
  const rows = await db('orders').where({ status: query.status });
  res.json(rows.map((row: { id: number; total: number }) => ({ id: row.id, total: row.total })));
});

export async function showOrder(req: { params: { id: string } }, res: { status(code: number): { json(body: unknown): void }; json(body: unknown): void }) {
//                    ^^^^^^^^^ design/god-function showOrder does too much
  const id = Number(req.params.id);
  if (Number.isNaN(id)) return res.status(400).json({ message: 'id must be a number' });
  const order = await db('orders').where({ id }).first();
  res.json({ id: order.id, total: order.total, placedAt: order.placed_at });
}
`,
    'src/users/users.controller.ts': `import { BadRequestException, Controller, Get, Param } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersRepository) {}

  @Get(':id')
  async findOne(@Param('id') id: string) {
//      ^^^^^^^ design/god-function findOne does too much: as an HTTP handler
    if (!/^\\d+$/.test(id)) throw new BadRequestException('id must be numeric');
    const user = await this.users.findById(Number(id));
    return { id: user.id, email: user.email, displayName: user.name, memberSince: user.createdAt.getFullYear() };
  }
}
`,
  };

  it('flags HTTP handlers that validate, query data access and shape the response in one body, when asked', () => {
    checkRule(RULE, {
      ...dataLayer,
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { checkHandlers: true } } } }),
      ...doingEverything,
    });
  });

  it('leaves a handler that validates, queries and shapes alone by default: a team without a service layer chose that', () => {
    const unmarked = Object.fromEntries(Object.entries(doingEverything).map(([file, text]) => [file, text.replace(/^\/\/.*design\/god-function.*\n/gm, '')]));
    checkRule(RULE, { ...dataLayer, ...unmarked });
  });

  it('does not flag handlers that delegate, only wrap the answer, or answer errors with shapes', () => {
    checkRule(RULE, {
      ...dataLayer,
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { options: { checkHandlers: true } } } }),
      'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository';
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}
  async profile(id: number) {
    const user = await this.users.findById(id);
    return { id: user.id, email: user.email, displayName: user.name };
  }
}
`,
      'src/users/users.controller.ts': `import { BadRequestException, Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { UsersService } from './users.service';
import { UsersRepository } from './users.repository';

@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly service: UsersService, private readonly users: UsersRepository) {}

  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number) {
    if (id < 1) throw new BadRequestException('id must be positive');
    return this.service.profile(id);
  }

  @Get()
  async list() {
    const users = await this.users.list();
    return users.map((u) => ({ id: u.id, email: u.email }));
  }

  @Get('count/:id')
  async one(@Param('id') id: string) {
    if (!id) throw new BadRequestException('id is required');
    const user = await this.users.findById(Number(id));
    return { user };
  }
}
`,
      'src/orders/orders.routes.ts': `import { Router } from 'express';
import { z } from 'zod';
import { db } from '../db';

const Body = z.object({ total: z.number() });
export const ordersRouter = Router();

ordersRouter.post('/v1/orders', async (req, res) => {
  const parsed = Body.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ message: 'invalid', issues: parsed.error.issues, path: req.path });
  const [id] = await db('orders').insert(parsed.data).returning('id');
  res.status(201).json(id);
});

export function mapOrders(rows: { id: number; total: number }[]) {
  const input = Body.parse({ total: 1 });
  return rows.map((row) => ({ id: row.id, total: row.total + input.total }));
}
`,
    });
  });

  it('scores each callback of a wrapper on its own, as SonarJS does, and reports the complex one on its callee', () => {
    checkRule(RULE, {
      ...ANY_LENGTH,
      'src/jobs/schedule.ts': `declare const queue: { process(name: string, h: (job: { kind: number }) => void): void };
export function registerJobs() {
  queue.process('a', (job) => { if (job.kind) return; });
  queue.process('b', (job) => {
  //    ^^^^^^^ design/god-function The callback passed to process() does too much: cognitive complexity 30
${Array.from({ length: 30 }, (_, i) => `    if (job.kind > ${i}) return;`).join('\n')}
  });
}
`,
    });
  });

  it('scores the named steps of a list handed to a series runner on their own, and reports the complex one by its name; a named callback stays inline', () => {
    const ifs = (n: number, indent: string) => Array.from({ length: n }, (_, i) => `${indent}if (req.level > ${i}) access.level = ${i};`).join('\n');
    checkRule(RULE, {
      ...ANY_LENGTH,
      'src/access/access.ts': `declare function series(steps: Array<() => Promise<void>>): Promise<void>;
export const access = {
  async resolve(req: { level: number }) {
    const access: { level?: number } = {};
    if (!req) return access;
    await series([
      async function loadFormAccess() {
${ifs(16, '        ')}
      },
      async function loadRoleAccess() {
${ifs(16, '        ')}
      },
      async function loadFieldAccess() {
//                   ^^^^^^^^^^^^^^^ design/god-function loadFieldAccess does too much: cognitive complexity 30
${ifs(30, '        ')}
      },
    ]);
    return access;
  },
};
`,
      'src/access/audit.ts': `export function auditAll(rows: Array<{ level: number }>, access: { level?: number }) {
//              ^^^^^^^^ design/god-function auditAll does too much: cognitive complexity
  if (!rows.length) return;
  rows.forEach(function eachRow(req) {
${ifs(30, '    ')}
  });
}
`,
    });
  });

  it('scores a named closure inside a registered handler on its own, and reports it rather than the handler', () => {
    checkRule(RULE, {
      ...ANY_LENGTH,
      'src/tools/signals.ts': `declare const tools: { register(name: string, run: (input: { rows: number[] }) => unknown): void };
export function registerSignals() {
  tools.register('signals', (input) => {
    if (!input.rows.length) return [];
    const classify = (row: number) => {
//        ^^^^^^^^ design/god-function classify does too much: cognitive complexity 30
${Array.from({ length: 30 }, (_, i) => `      if (row > ${i}) return ${i};`).join('\n')}
      return -1;
    };
    return input.rows.map(classify);
  });
}
`,
    });
  });

  it('counts lines of code, not embedded text or comments, and lets declarative bodies be long', () => {
    const script = Array.from({ length: 90 }, (_, i) => `local key${i} = redis.call('GET', KEYS[${i}])`).join('\n');
    checkRule(RULE, {
      'src/cache/limits.ts': `declare const db: { select(): { from(t: string): { where(c: string): { orderBy(c: string): unknown } } } };
export function rateLimitScript() {
  // ${'explained at length '.repeat(3)}
  const script = \`
${script}
\`;
  return script;
}
export function usersQuery() {
  return db
${Array.from({ length: 90 }, () => "    .select().from('users').where('active').orderBy('name') as never".replace(' as never', ''))
  .slice(0, 1)
  .join('')}
${Array.from({ length: 88 }, (_, i) => `    // step ${i}`).join('\n')}
  ;
}
export function eventLabel(kind: string): string {
  switch (kind) {
${Array.from({ length: 90 }, (_, i) => `    case 'k${i}':\n      return 'Kind ${i}';`).join('\n')}
    default:
      return 'Unknown';
  }
}
`,
    });
  });

  it('lets a long body that barely branches read in order: a list of registrations is not reported for its length', () => {
    checkRule(RULE, {
      'src/models/register.ts': `declare const db: { model(name: string, schema: object): unknown };
declare const schemas: Record<string, object>;
export function registerModels(models: Record<string, unknown>, withAudit: boolean) {
  if (withAudit) models.audit = db.model('audit', schemas.audit ?? {});
${Array.from({ length: 160 }, (_, i) => `  models.m${i} = db.model('m${i}', schemas.m${i} ?? {});`).join('\n')}
  return models;
}
`,
    });
  });

  it('counts a literal written out as data as one line', () => {
    checkRule(RULE, {
      'src/constants/sample.ts': `export function sampleCollection() {
  const collection = {
${Array.from({ length: 120 }, (_, i) => `    field${i}: { name: 'Field ${i}', enabled: ${i % 2 === 0} },`).join('\n')}
  };
  return collection;
}
`,
    });
  });

  it("leaves the measured nits (16 to 24) alone by default, and reports them at SonarJS's limit of 15 when asked", () => {
    const files = { 'src/orders/rounding.ts': flatIfs('roundFor', 17) };
    checkRule(RULE, files);
    const strict = project(files).analyze({ config: undefined, severityOverrides: {} });
    assert.ok(
      strict.findings.every((f) => f.ruleId !== RULE),
      'the default limit hides 17',
    );
    const sonar = project({ ...files, 'layerguard.json': JSON.stringify({ rules: { [RULE]: { severity: 'warning', options: { maxComplexity: 15, minLinesForComplexity: 1 } } } }) }).analyze();
    assert.deepEqual(
      sonar.findings.filter((f) => f.ruleId === RULE).map((f) => f.message.slice(0, 60)),
      ['roundFor does too much: cognitive complexity 17 (max 15).'],
    );
    const tolerant = project({
      ...files,
      'layerguard.json': JSON.stringify({ rules: { [RULE]: { severity: 'warning', options: { maxComplexity: 15, complexityTolerance: 2, minLinesForComplexity: 1 } } } }),
    }).analyze();
    assert.ok(
      tolerant.findings.every((f) => f.ruleId !== RULE),
      'a tolerance of 2 hides 17 over 15',
    );
  });

  it('leaves a short body whose score comes from nesting alone: it needs flattening, not splitting', () => {
    // Five levels of loops and ifs in under twenty lines score 37.
    const nested = `export function matches(groups: number[][][], wanted: number, strict: boolean) {
  for (const group of groups) {
    for (const row of group) {
      if (!row.length) continue;
      for (const cell of row) {
        if (cell === wanted) {
          if (strict && cell > 0) return true;
          else if (!strict) return cell !== 0;
        } else if (cell > wanted) {
          if (strict) return false;
          while (cell > wanted) {
            if (cell % 2 === 0) break;
          }
        }
      }
    }
  }
  return false;
}
`;
    checkRule(RULE, { 'src/search/match.ts': nested });
    const everyLength = project({ 'src/search/match.ts': nested, ...ANY_LENGTH }).analyze();
    assert.deepEqual(
      everyLength.findings.filter((f) => f.ruleId === RULE).map((f) => f.message),
      ['matches does too much: cognitive complexity 37 (max 29).'],
    );
  });

  it('scores a named helper or a registered handler inside a function with control flow on its own, and folds inline callbacks', () => {
    checkRule(RULE, {
      ...ANY_LENGTH,
      'src/routes/register.ts': `declare const bus: { on(event: string, h: (e: { kind: number }) => void): void };
export function registerHandlers(enabled: boolean) {
  if (!enabled) return;
  bus.on('a', (e) => {
${Array.from({ length: 13 }, (_, i) => `    if (e.kind > ${i}) return;`).join('\n')}
  });
  const helper = (kind: number) => {
${Array.from({ length: 13 }, (_, i) => `    if (kind > ${i}) return;`).join('\n')}
  };
  helper(1);
}
export function folds(items: number[], strict: boolean) {
//              ^^^^^ design/god-function folds does too much: cognitive complexity 71
  if (!strict) return [];
  return items.map((x) => {
${Array.from({ length: 14 }, (_, i) => `    if (x > ${i}) { if (strict) return ${i}; }`).join('\n')}
    return 0;
  });
}
`,
    });
  });

  it('scores a handler registered through a wrapper on its own, and still folds an array callback given as an argument', () => {
    checkRule(RULE, {
      ...ANY_LENGTH,
      'src/routes/orders.ts': `declare const router: { post(path: string, h: unknown): void };
declare function asyncHandler<T>(h: T): T;
declare function total(values: number[]): number;
export function registerOrders(enabled: boolean) {
  if (!enabled) return;
  router.post('/v1/orders', asyncHandler(async (req: { kind: number }) => {
${Array.from({ length: 13 }, (_, i) => `    if (req.kind > ${i}) return;`).join('\n')}
  }));
}
export function weigh(items: number[], strict: boolean) {
//              ^^^^^ design/god-function weigh does too much: cognitive complexity 71
  if (!strict) return 0;
  return total(items, items.map((x) => {
${Array.from({ length: 14 }, (_, i) => `    if (x > ${i}) { if (strict) return ${i}; }`).join('\n')}
    return 0;
  }));
}
`,
    });
  });

  it('does not count || supplying a literal default, and still counts || between conditions', () => {
    const fields = Array.from({ length: 30 }, (_, i) => `    f${i}: raw.f${i} || null,`).join('\n');
    checkRule(RULE, {
      ...ANY_LENGTH,
      'src/mappers/row-mapper.ts': `export function toRow(raw: Record<string, string | undefined>, strict: boolean) {
  if (!strict) return undefined;
  return {
${fields}
    name: raw.name || 'Unknown',
    tags: raw.tags || [],
  };
}
export function eligible(a: boolean[], strict: boolean) {
//              ^^^^^^^^ design/god-function eligible does too much: cognitive complexity 31
  if (!strict) return false;
${Array.from({ length: 15 }, (_, i) => `  if (a[${i}] || a[${i + 15}]) return ${i};`).join('\n')}
  return -1;
}
`,
    });
  });

  it('scores functions a module wrapper assigns to its object on their own', () => {
    checkRule(RULE, {
      'src/topics/index.js': `module.exports = function (Topics) {
  if (!Topics) return;
  Topics.create = async function (data) {
${Array.from({ length: 13 }, (_, i) => `    if (data.kind > ${i}) return ${i};`).join('\n')}
    return -1;
  };
  Topics.purge = async function (tid) {
${Array.from({ length: 13 }, (_, i) => `    if (tid > ${i}) return ${i};`).join('\n')}
    return -1;
  };
};
`,
    });
  });

  it('measures the length of a module wrapper or factory without the functions it hands out, and counts the closures it keeps', () => {
    const steps = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `    const ${prefix}${i} = input.length + ${i};`).join('\n');
    checkRule(RULE, {
      // Members it attaches, methods of the object it returns, private helper declarations: each is measured on its own.
      'src/posts/votes.js': `module.exports = function (Posts) {
${Array.from({ length: 15 }, (_, i) => `  if (Posts.flag${i}) Posts.count${i} = 1;`).join('\n')}
  Posts.upvote = async function (input) {
${steps('up', 60)}
    return up0;
  };
  function tally(input) {
${steps('t', 60)}
    return t0;
  }
  return {
    downvote(input) {
${steps('down', 60)}
      return down0 + tally(input);
    },
  };
};
`,
      // Closures that share the function's state are its procedure: they count. (Each function here
      // branches enough for its length to count: see 'lets a long body that barely branches read in order'.)
      'src/chat/relay.js': `export function relayAnswer(input) {
//              ^^^^^^^^^^^ design/god-function lines of code (max 150)
  let sent = 0;
${Array.from({ length: 15 }, (_, i) => `  if (input.flag${i}) input.count${i} = 1;`).join('\n')}
  const flush = () => {
${steps('f', 80)}
    sent += f0;
  };
  const onChunk = () => {
${steps('c', 80)}
    sent += c0;
  };
  flush();
  onChunk();
  return sent;
}
`,
    });
  });

  it('measures a route module without the handlers it keeps in locals only to register them', () => {
    const steps = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `    const ${prefix}${i} = req.length + ${i};`).join('\n');
    checkRule(RULE, {
      'src/api/messages.js': `module.exports = (server, wrap) => {
${Array.from({ length: 15 }, (_, i) => `  if (server.flag${i}) server.count${i} = 1;`).join('\n')}
  const putMessage = async (req, res) => {
${steps('p', 80)}
    res.send(p0);
  };
  const listMessages = async (req, res) => {
${steps('l', 80)}
    res.send(l0);
  };
  server.put({ path: '/messages/:id' }, wrap(putMessage));
  server.get('/messages', listMessages);
};
`,
      'src/api/drafts.js': `module.exports = (server) => {
//               ^ design/god-function lines of code (max 150)
${Array.from({ length: 15 }, (_, i) => `  if (server.flag${i}) server.count${i} = 1;`).join('\n')}
  const saveDraft = async (req, res) => {
${steps('s', 80)}
    res.send(s0);
  };
  const publishDraft = async (req, res) => {
${steps('d', 80)}
    res.send(d0);
  };
  server.put('/drafts/:id', (req, res) => saveDraft(req, res));
  server.post('/drafts/:id/publish', (req, res) => publishDraft(req, res));
};
`,
    });
  });

  it("respects the team's own complexity check turned off for a function, and leaves generated code alone", () => {
    const files = {
      'src/orders/legacy.ts': `// eslint-disable-next-line sonarjs/cognitive-complexity -- kept as the reference implementation
${flatIfs('legacyRound', 35)}`,
      'src/orders/current.ts': flatIfs('currentRound', 35),
      'src/proto/orders.pb.ts': `// Code generated by protoc-gen-ts. DO NOT EDIT.
${flatIfs('decodeOrder', 35)}`,
    };
    const result = project(files).analyze();
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === RULE).map((f) => path.posix.relative(result.root, f.file)),
      ['src/orders/current.ts'],
    );
  });
});
