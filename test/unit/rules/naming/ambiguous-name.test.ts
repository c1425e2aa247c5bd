import { describe, it } from 'node:test';
import { checkRule } from '../../../helpers/project';

const RULE = 'naming/ambiguous-name';

describe(RULE, () => {
  it('flags ambiguous variables, parameters, functions and renamed destructuring', () => {
    checkRule(RULE, {
      'src/reports/report.service.ts': `export class ReportService {
  async build(id: string) {
    const data = await fetchRows(id);
    //    ^^^^ naming/ambiguous-name "data" says nothing about what it holds
    let tmp = 0;
    //  ^^^ naming/ambiguous-name
    const res = await fetch(\`https://internal/reports/\${id}\`);
    //    ^^^ naming/ambiguous-name
    const { rows: stuff } = await query(id);
    //            ^^^^^ naming/ambiguous-name
    return [data, tmp, res, stuff].map((val) => String(val));
    //                                  ^^^ naming/ambiguous-name
  }
}
export function foo(obj: Order) { return obj; }
//              ^^^ naming/ambiguous-name
//                  ^^^ naming/ambiguous-name
interface Order { id: string }
declare function fetchRows(id: string): Promise<unknown[]>;
declare function query(id: string): Promise<{ rows: unknown[] }>;
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
//                    ^^^ naming/ambiguous-name
  return res.trim();
}
`,
    });
  });
});
