import { describe, it } from 'node:test';
import { checkRule } from '../../../helpers/project';

const RULE = 'naming/ambiguous-name';

describe(RULE, () => {
  it('flags placeholder names everywhere, and generic names where the code says what they hold', () => {
    checkRule(RULE, {
      'src/reports/report.service.ts': `export class ReportService {
  constructor(private readonly invoices: { findAll(): Promise<unknown[]> }) {}
  async build(id: string) {
    const data = await this.invoices.findAll();
    //    ^^^^ naming/ambiguous-name "data" says nothing about what it holds, and the code does: it holds invoices
    let tmp = 0;
    const res = await fetch(\`https://internal/reports/\${id}\`);
    const { rows: stuff } = await query(id);
    //            ^^^^^ naming/ambiguous-name "stuff" is a placeholder name
    return [data, tmp, res, stuff].map((val) => String(val));
  }
}
export function foo(obj: Order) { return obj; }
//              ^^^ naming/ambiguous-name
interface Order { id: string }
declare function query(id: string): Promise<{ rows: unknown[] }>;
`,
    });
  });

  it('leaves names alone where nothing better exists or the caller chose them', () => {
    checkRule(RULE, {
      'src/integrations/stream.ts': `import { Readable } from 'node:stream';
export function collect(stream: Readable, schema: { safeParse(x: unknown): unknown }) {
  stream.on('data', (data: Buffer) => data.length);
  const parsed = [1, 2].reduce((obj, val) => obj + val, 0);
  return { parsed, refine: (val: string) => schema.safeParse(val) };
}
export const userSchema = { toJSON: { transform(doc: unknown, ret: Record<string, unknown>) { return ret; } } };
export function deepKeys(obj: object): string[] { return Object.keys(obj); }
export function validateShape(data: Record<string, unknown>) { return Object.keys(data).length > 0; }
export function encode(data: string | Buffer) { return Buffer.from(data).toString('base64'); }
export async function load(client: { get(url: string): Promise<{ data: unknown }> }) {
  const res = await client.get('/x');
  const data = res.data;
  const tmp = JSON.parse('{}');
  return [data, tmp];
}
`,
    });
  });

  it('does not flag the (req, res) convention, library-shaped destructuring or descriptive names', () => {
    checkRule(RULE, {
      'src/routes/users.ts': `import type { Request, Response } from 'express';
import axios from 'axios';
export async function listUsers(req: Request, res: Response) {
  const { data } = await axios.get('/users', { params: req.query });
  res.json(data);
}
export const health = (_request: unknown, res: Response) => res.status(200).end();
export const ready = (_req: unknown, res: { json(x: unknown): void }) => res.json({ status: 'ok' });
export async function koaHandler(ctx: { body: unknown }, next: () => Promise<void>) {
  const users = await loadUsers();
  ctx.body = users;
  await next();
}
export function express(req: unknown, res: { send(x: unknown): void }) {
  res.send(req);
}
export function fastify(request: unknown, reply: { send(x: unknown): void }) {
  const { data, meta } = request as { data: unknown; meta: unknown };
  reply.send({ data, meta });
}
declare function loadUsers(): Promise<unknown[]>;
`,
      'src/common/crypto.ts': `export interface Cipher {
  encrypt(data: Uint8Array, key: string): string;
}
export function base64Encode(data: string): string {
  return Buffer.from(data).toString('base64');
}
export function toPlain<T>(data: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
`,
    });
  });

  it('accepts a JSDoc-typed response parameter in JavaScript', () => {
    checkRule(RULE, {
      'jsconfig.json': '{}',
      'src/middleware/idempotency.js': `/** @param {import('express').Response} res */
export async function replay(store, res) {
  return store.get(res.locals.key);
}
/** @param {string} res */
export function label(res) {
  return res.trim();
}
export function stuff(res) {
//              ^^^^^ naming/ambiguous-name "stuff" is a placeholder name
  return res;
}
`,
    });
  });

  it('leaves a wrapper (an Either, a result) and a name whose better name is taken alone', () => {
    checkRule(RULE, {
      'src/teams/teams.service.ts': `export class TeamsService {
  constructor(private readonly teams: { findAll(): Promise<{ right?: unknown[] }>; findMany(): Promise<unknown[]> }) {}
  async list() {
    const res = await this.teams.findAll();
    return res.right;
  }
  async names() {
    const data = await this.teams.findMany();
    const teams = data.map(String);
    return teams;
  }
}
`,
    });
  });

  it('leaves generic names in functions of a few statements, and names that fill a property of the same name', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/runs/latest.ts': `declare const runs: { findLatest(id: string): Promise<{ id: string } | null>; count(): Promise<number> };
export async function latestRun(id: string) {
  const obj = await runs.findLatest(id);
  if (!obj) throw new Error('no run');
  return obj;
}
export function describeValue(thing: unknown) { return JSON.stringify(thing); }
export async function publish(send: (payload: object) => void, audit: { append(entry: object): void }) {
  const total = await runs.count();
  const data = await runs.findLatest('current');
  audit.append({ total, data });
  send({ ok: true, data: data });
  return total;
}
`,
    });
  });
});
