import { describe, it } from 'node:test';
import { checkRule } from '../../../helpers/project';

const RULE = 'errors/swallowed-error';

describe(RULE, () => {
  it('flags empty catch blocks, default-returning catches after awaited work, and ignoring .catch() handlers', () => {
    checkRule(RULE, {
      'src/users/users.service.ts': `import { UsersRepository } from './users.repository';
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async deactivate(id: string): Promise<void> {
    try {
      await this.users.update(id, { active: false });
    } catch (error) {}
//    ^^^^^^^^^^^^^ errors/swallowed-error The error is swallowed: this catch block is empty
  }

  async archive(id: string): Promise<void> {
    // archive the user's orders too
    try {
      await this.users.archive(id);
    } catch {}
//    ^^^^^ errors/swallowed-error
  }

  async findOrNull(id: string) {
    try {
      return await this.users.findById(id);
    } catch {
//    ^^^^^ errors/swallowed-error only returns a default value after a database or HTTP call
      return null;
    }
  }

  sendWelcome(id: string): void {
    this.users.findById(id).then(notify).catch(() => {});
    //                                         ^^^^^^^^ errors/swallowed-error The rejection is swallowed
    this.users.touch(id).catch(noop);
    //                         ^^^^ errors/swallowed-error
    void this.users.audit(id).catch(() => undefined);
    //                              ^^^^^^^^^^^^^^^ errors/swallowed-error
  }
}
declare function notify(u: unknown): void;
declare function noop(): void;
`,
    });
  });

  it('does not flag catches that log, rethrow, pass the error on, map it to a response or explain themselves', () => {
    checkRule(RULE, {
      'src/orders/orders.controller.ts': `import type { NextFunction, Request, Response } from 'express';
import { logger } from '../logger';
import { OrderService } from './order.service';

export class OrderController {
  constructor(private readonly orders: OrderService) {}

  async create(req: Request, res: Response, next: NextFunction) {
    try {
      res.status(201).json(await this.orders.create(req.body));
    } catch (err) {
      next(err);
    }
  }

  async remove(req: Request, res: Response) {
    try {
      await this.orders.remove(req.params.id);
      res.status(204).end();
    } catch (error) {
      logger.error({ error }, 'order removal failed');
      res.status(500).json({ message: 'Could not remove the order' });
    }
  }

  async cancel(id: string) {
    try {
      await this.orders.cancel(id);
    } catch (error) {
      throw new Error(\`cancel \${id} failed\`, { cause: error });
    }
  }

  async ping() {
    try {
      await this.orders.ping();
    } catch {
      // The health endpoint reports the database separately; a failed ping here is expected.
    }
  }

  refresh(id: string) {
    return this.orders.refresh(id).catch((error: unknown) => logger.warn({ error }, 'refresh failed'));
  }

  prefetch(id: string) {
    void this.orders.prefetch(id).catch(() => {
      /* best effort: the cache warms on the next read anyway */
    });
  }
}
`,
      'src/utils/parse.ts': `export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function canReachBucket(client: { send(c: unknown): Promise<unknown> }): Promise<boolean> {
  try {
    await client.send({ ListBuckets: {} });
    return true;
  } catch {
    return false;
  }
}

export async function errorBody(response: { json(): Promise<unknown> }) {
  return response.json().catch(() => ({}));
}

export function report(error: unknown, sentry: { captureException(e: unknown): void }) {
  try {
    sentry.captureException(error);
  } catch (_) {}
}

export async function saveLog(save: () => Promise<void>) {
  // non-blocking: a lost activity log must not fail the request
  save().catch(() => {});
  try {
    await save();
  } catch (_e) {} // eslint-disable-line no-empty
}

export function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
`,
    });
  });

  it('does not flag a rejection turned into a fallback value, a callee that handles its own errors, or a failed check meaning "no"', () => {
    checkRule(RULE, {
      'src/auth/session.service.ts': `import { UsersRepository } from './users.repository';
declare function verifyToken(token: string): Promise<{ userId: string }>;
declare function readFile(path: string): Promise<string>;
export class SessionService {
  constructor(private readonly users: UsersRepository) {}
  async actorOf(token: string | undefined) {
    if (!token) return undefined;
    try {
      const { userId } = await verifyToken(token);
      return userId;
    } catch {
      return undefined;
    }
  }
  async serverId() {
    const stored = await readFile('/var/lib/app/id').catch(() => null);
    return stored ?? 'new';
  }
  remember(id: string) {
    this.store(id).catch(() => {});
  }
  private async store(id: string) {
    try {
      await this.users.touch(id);
    } catch (error) {
      console.warn('could not remember the session', error);
    }
    return null;
  }
}
`,
      'src/auth/users.repository.ts': "import knex from 'knex';\nexport class UsersRepository { touch(id: string) { return knex('users').where({ id }).update({ seen: new Date() }); } }\n",
    });
  });

  it('leaves an empty catch around synchronous parsing, a cache read or the cleanup of what may be gone, and still flags one around awaited work', () => {
    checkRule(RULE, {
      'src/settings/settings.service.ts': `import { SettingsRepository } from './settings.repository';
export class SettingsService {
  constructor(private readonly settings: SettingsRepository, private readonly cache: { get(key: string): Promise<string> }) {}

  levels(raw: string | undefined): string[] {
    let levels: string[] = [];
    try {
      levels = JSON.parse(raw ?? '');
    } catch {}
    return levels;
  }

  logLevels(config: { get(key: string): string | undefined }): string[] | undefined {
    let levels: string[] | undefined;
    try {
      levels = JSON.parse(config.get('LOG_LEVELS') ?? '');
    } catch {}
    return levels;
  }

  async summary() {
    try {
      const cached = JSON.parse(await this.cache.get('summary'));
      if (cached) return cached;
    } catch {}
    return this.settings.computeSummary();
  }

  async reset(ownerId: string) {
    try {
      await this.settings.delete(ownerId);
      await this.settings.deleteMany({ ownerId });
    } catch {}
    try {
      await this.settings.recompute(ownerId);
    } catch {}
//    ^^^^^ errors/swallowed-error this catch block is empty
  }
}
`,
    });
  });

  it('does not flag an empty catch around synchronous parsing or lookups, and still flags one around synchronous writes', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/http/client-info.ts': `import * as fs from 'node:fs';
declare const UserAgent: new (ua: string) => { describe(): { browser?: string } };
export function browserOf(header: string | undefined) {
  let browser: string | undefined;
  try {
    browser = new UserAgent(header ?? '').describe().browser;
  } catch {}
  return browser;
}
export function remember(file: string, body: string) {
  try {
    fs.writeFileSync(file, body);
  } catch {}
//  ^^^^^ errors/swallowed-error this catch block is empty
}
`,
    });
  });

  it('does not flag .catch(() => {}) on a call of the app that cannot reject, across files and one call deep', () => {
    checkRule(RULE, {
      'tsconfig.json': '{}',
      'src/telemetry/events.ts': `declare const store: { insert(row: object): Promise<void> };
export const events = {
  record: async function (name: string) {
    try {
      await store.insert({ name, at: Date.now() });
    } catch (error) {
      console.warn('event not recorded', name, error);
    }
  },
};
export async function recordTwice(name: string) {
  if (!name) return;
  await events.record(name);
  await events.record(name + ':again');
}
export async function recordOrFail(name: string) {
  await store.insert({ name });
}
`,
      'src/jobs/nightly.ts': `import { events, recordOrFail, recordTwice } from '../telemetry/events';
export function run() {
  events.record('nightly').catch(() => {});
  recordTwice('nightly').catch(() => {});
  recordOrFail('nightly').catch(() => {});
//                              ^^^^^^^^ errors/swallowed-error The rejection is swallowed
}
`,
    });
  });

  it('leaves the teardown of what is being discarded and waits that may time out alone, and still flags a dropped write', () => {
    checkRule(RULE, {
      'src/probes/warehouse-probe.ts': `import { Client } from 'pg';
export async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    return Boolean(console.warn('probe failed', error));
  } finally {
    try {
      await client.end();
    } catch {}
  }
}

export function stopSandbox(worker: { terminate(): Promise<number> }, reject: (e: Error) => void): void {
  worker.terminate().catch(() => {});
  reject(new Error('timed out'));
}
`,
      'src/scraper/page-steps.ts': `interface Page { click(s: string): Promise<void>; waitForNavigation(o: { timeout: number }): Promise<void>; waitForLoadState(s: string, o: { timeout: number }): Promise<void>; url(): string }
export async function clickThrough(page: Page, selector: string): Promise<string> {
  await page.click(selector);
  try {
    await page.waitForNavigation({ timeout: 1500 });
  } catch {}
  try {
    await page.waitForLoadState('networkidle', { timeout: 5000 });
  } catch {}
  await page.waitForLoadState('load', { timeout: 2000 }).catch(() => {});
  return page.url();
}
`,
      'src/proxy/gateway.ts': `interface Service { remove(o?: object): Promise<void> }
export async function dropGateway(docker: { getService(name: string): Service }) {
  try {
    const gateway = docker.getService('gateway');
    await gateway.remove({ force: true });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    console.log('gateway removed');
  } catch {}
}
`,
      'src/vault/remote-secrets.ts': `export async function readSecrets(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (response.ok) return response.json();
  let detail = '';
  try {
    detail = ((await response.json()) as { message: string }).message;
  } catch {}
  const reason = response.status === 401 ? 'unauthorized' : 'failed';
  throw new Error(\`vault \${reason}: \${response.status} \${detail}\`);
}
`,
      'src/scraper/in-page.ts': `interface Page { evaluate<T>(fn: () => T): Promise<T> }
export async function warmPage(page: Page): Promise<void> {
  await page.evaluate(async () => {
    try {
      await fetch('/warm-up');
    } catch {}
  });
}
`,
      'src/cache/rebuild.ts': `import { mkdir, rm } from 'node:fs/promises';
export async function resetCache(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true }).catch(() => {});
  await mkdir(dir, { recursive: true });
}
`,
      'src/scraper/results.ts': `export async function saveResult(store: { insert(row: object): Promise<void> }, row: object): Promise<void> {
  try {
    await store.insert(row);
  } catch {}
//  ^^^^^ errors/swallowed-error this catch block is empty
}
export async function saveThenFail(store: { insert(row: object): Promise<void> }, row: object): Promise<never> {
  try {
    await store.insert(row);
  } catch {}
//  ^^^^^ errors/swallowed-error this catch block is empty
  if (row) return Promise.reject(new Error('saved'));
  throw new Error('never');
}
`,
    });
  });

  it('leaves scripts, migrations and other tooling alone, and still flags the same catch in the app', () => {
    const body = `export async function run(store: { save(): Promise<void> }): Promise<void> {
  try {
    await store.save();
  } catch {}
}
`;
    checkRule(RULE, {
      'scripts/backfill.ts': body,
      'src/migrations/0042-rename.ts': body,
      'src/jobs/nightly.ts': `export async function run(store: { save(): Promise<void> }): Promise<void> {
  try {
    await store.save();
  } catch {}
//  ^^^^^ errors/swallowed-error this catch block is empty
}
`,
    });
  });

  it('takes a comment above the if that holds only the .catch() for an explanation of it', () => {
    checkRule(RULE, {
      'src/auth/api-keys.ts': `interface Keys { touch(id: string): Promise<void> }
export async function markUsed(keys: Keys, id: string, stale: boolean): Promise<void> {
  // Bookkeeping only: a failed write must not fail the request.
  if (stale) {
    await keys.touch(id).catch(() => {});
  }
}
export async function markSeen(keys: Keys, id: string, stale: boolean): Promise<void> {
  // Seen markers are refreshed here.
  if (stale) {
    await keys.touch(id);
    await keys.touch(\`\${id}:seen\`).catch(() => {});
//                                       ^^^^^^^^ errors/swallowed-error this .catch() handler drops the error
  }
}
`,
    });
  });

  it('leaves cleanup on a failure path that reports the failure, waits for a started job to settle, probes and explained trys, and still flags the rest', () => {
    checkRule(RULE, {
      'src/storage/pools.ts': `import { promises as fs } from 'node:fs';
interface Shell { run(cmd: string): Promise<void>; stop(): Promise<void>; dropPool(name: string): Promise<void>; forgetPool(name: string): Promise<void>; setStatus(name: string, status: string): Promise<void> }
interface Log { error(msg: string, e?: unknown): void }
export class Pools {
  private syncJob: Promise<void> = Promise.resolve();
  constructor(private readonly shell: Shell, private readonly log: Log) {}
  async migrate(name: string): Promise<void> {
    try {
      await this.shell.run(\`pool create \${name}\`);
    } catch (error) {
      this.log.error('migration failed, cleaning up', error);
      await this.shell.dropPool(name).catch(() => {});
      await this.shell.setStatus(name, 'failed').catch(() => {});
//                                                     ^^^^^^^^ errors/swallowed-error this .catch() handler drops the error
      throw error;
    }
  }
  async attach(name: string): Promise<void> {
    await this.shell.run(\`pool attach \${name}\`).catch(async (error) => {
      await this.shell.forgetPool(name).catch(() => {});
      throw error;
    });
  }
  async retry(name: string): Promise<void> {
    try {
      await this.shell.run(\`pool create \${name}\`);
    } catch {
      await this.shell.dropPool(name).catch(() => {});
//                                          ^^^^^^^^ errors/swallowed-error this .catch() handler drops the error
    }
  }
  async stop(): Promise<void> {
    await this.syncJob.catch(() => {});
    await this.shell.stop().catch(() => {});
  }
  async parsed(req: { json(): Promise<unknown> }, name: string): Promise<unknown> {
    let body: unknown = null;
    try {
      body = await req.json();
    } catch {}
    try {
      await Promise.allSettled([this.shell.dropPool(name), this.shell.forgetPool(name)]);
    } catch {}
    return body;
  }
  async isFolder(path: string): Promise<boolean> {
    let folder = false;
    try {
      const stats = await fs.lstat(path);
      folder = stats.isDirectory();
    } catch {}
    return folder;
  }
  async prune(images: string): Promise<void> {
    // Fails when an image is still in use; pruning what can be pruned is enough.
    try {
      await this.shell.run(\`image rm \${images}\`);
    } catch {}
    // Removes the images.
    try {
      await this.shell.run(\`image rm \${images} --all\`);
    } catch {}
//    ^^^^^ errors/swallowed-error this catch block is empty
  }
}
`,
    });
  });

  it('leaves best-effort output to a browser page or a client that may be gone, and still flags a dropped write next to it', () => {
    checkRule(RULE, {
      'src/remote/viewer.ts': `interface Page { mouse: { wheel(x: number, y: number): Promise<void> }; keyboard: { press(key: string): Promise<void> } }
interface Store { save(row: object): Promise<void> }
export async function forwardScroll(currentPage: Page, dy: number): Promise<void> {
  await currentPage.mouse.wheel(0, dy).catch(() => {});
}
export async function closeOverlay(page: Page): Promise<void> {
  try {
    await page.keyboard.press('Escape');
  } catch {}
}
export function sendProgress(res: { write(chunk: string): void }, done: number): void {
  try {
    res.write(\`data: \${done}\\n\\n\`);
  } catch {}
}
export async function publishPage(Page: { updateOne(q: object, u: object): Promise<void> }, id: string): Promise<void> {
  await Page.updateOne({ id }, { published: true }).catch(() => {});
//                                                        ^^^^^^^^ errors/swallowed-error this .catch() handler drops the error
}
export async function closeAndSave(page: Page, store: Store, row: object): Promise<void> {
  try {
    await page.keyboard.press('Escape');
    await store.save(row);
  } catch {}
//  ^^^^^ errors/swallowed-error this catch block is empty
}
`,
    });
  });
});
