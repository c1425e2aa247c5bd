import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixesFor } from '../../../server/src/engine';
import { project } from '../../helpers/project';
import { checkFix } from '../../helpers/fixes';

const service = (body: string) => ({
  'tsconfig.json': '{}',
  'src/orders/orders.service.ts': body,
});

describe('fixes: errors/swallowed-error', () => {
  it('logs and rethrows in an empty catch, through the class logger', () => {
    checkFix({
      files: service(`import { Injectable, Logger } from '@nestjs/common';
@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);
  async place(save: () => Promise<void>) {
    try {
      await save();
    } catch (err) {
//    ^^^^^^^^^^^ errors/swallowed-error
    }
  }
}
`),
      fixId: 'log-and-rethrow',
      expect: {
        'src/orders/orders.service.ts': `import { Injectable, Logger } from '@nestjs/common';
@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);
  async place(save: () => Promise<void>) {
    try {
      await save();
    } catch (err) {
      this.logger.error('place failed', err);
      throw err;
    }
  }
}
`,
      },
    });
  });

  it('rethrows instead of returning a default, binding the error when the catch has none', () => {
    checkFix({
      files: service(`export async function loadOrders(orders: OrdersRepository): Promise<string[]> {
  try {
    return await orders.findAll();
  } catch {
//  ^^^^^ errors/swallowed-error
    return [];
  }
}
interface OrdersRepository { findAll(): Promise<string[]> }
`),
      fixId: 'rethrow',
      expect: {
        'src/orders/orders.service.ts': `export async function loadOrders(orders: OrdersRepository): Promise<string[]> {
  try {
    return await orders.findAll();
  } catch (error) {
    throw error;
  }
}
interface OrdersRepository { findAll(): Promise<string[]> }
`,
      },
    });
  });

  it('marks an ignored error with the reason the user gave', () => {
    checkFix({
      files: service(`export async function warmCache(load: () => Promise<void>) {
  try {
    await load();
  } catch (e) {
//  ^^^^^^^^^ errors/swallowed-error
  }
}
`),
      fixId: 'explain',
      reason: 'the cache is optional; requests fall back to the database',
      expect: {
        'src/orders/orders.service.ts': `export async function warmCache(load: () => Promise<void>) {
  try {
    await load();
  } catch (e) {
    // Intentionally ignored: the cache is optional; requests fall back to the database
  }
}
`,
      },
    });
  });

  it('logs a swallowed promise rejection, with a typed parameter in TypeScript', () => {
    checkFix({
      files: service(`export function notify(send: () => Promise<void>) {
  void send().catch(() => {});
//                  ^^^^^^^^ errors/swallowed-error
}
`),
      fixId: 'log',
      expect: {
        'src/orders/orders.service.ts': `export function notify(send: () => Promise<void>) {
  void send().catch((error: unknown) => console.error('notify failed', error));
}
`,
      },
    });
  });

  it("fixes the swallowed .catch() handler itself when it sits inside another try's catch block", () => {
    checkFix({
      files: service(`export async function settle(send: () => Promise<void>, mark: () => Promise<void>) {
  try {
    await send();
  } catch (error) {
    await mark().catch(() => null);
//                     ^^^^^^^^^^ errors/swallowed-error
    throw error;
  }
}
`),
      fixId: 'log',
      expect: {
        'src/orders/orders.service.ts': `export async function settle(send: () => Promise<void>, mark: () => Promise<void>) {
  try {
    await send();
  } catch (error) {
    await mark().catch((error: unknown) => console.error('settle failed', error));
    throw error;
  }
}
`,
      },
    });
  });

  it('logs through a structured logger the way the file already calls it: fields as an object', () => {
    checkFix({
      files: {
        'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
        'src/files/files.service.ts': `interface Fields { [key: string]: unknown }
interface Log { error(message: string, fields?: Fields): void }
export class FilesService {
  constructor(private readonly logger: Log, private readonly publish: (event: string) => Promise<void>) {}
  async list(folder: string) {
    this.logger.error('listing failed', { folder });
    return [];
  }
  async announce(event: string) {
    void this.publish(event).catch(() => {});
//                                 ^^^^^^^^ errors/swallowed-error
  }
}
`,
      },
      fixId: 'log',
      expect: {
        'src/files/files.service.ts': `interface Fields { [key: string]: unknown }
interface Log { error(message: string, fields?: Fields): void }
export class FilesService {
  constructor(private readonly logger: Log, private readonly publish: (event: string) => Promise<void>) {}
  async list(folder: string) {
    this.logger.error('listing failed', { folder });
    return [];
  }
  async announce(event: string) {
    void this.publish(event).catch((error: unknown) => this.logger.error('announce failed', { error }));
  }
}
`,
      },
    });
  });

  it('keeps CRLF line endings and tab indentation', () => {
    checkFix({
      files: service(`export async function sync(run: () => Promise<void>) {\r\n\ttry {\r\n\t\tawait run();\r\n\t} catch (err) {\r\n// ^^^^^^^^^^^ errors/swallowed-error\r\n\t}\r\n}\r\n`),
      fixId: 'rethrow',
      expect: {
        'src/orders/orders.service.ts': `export async function sync(run: () => Promise<void>) {\r\n\ttry {\r\n\t\tawait run();\r\n\t} catch (err) {\r\n\t\tthrow err;\r\n\t}\r\n}\r\n`,
      },
    });
  });

  it('says that rethrowing changes behaviour where the catch returns a fallback value, and prefers marking it intentional there', () => {
    const result = project({
      'tsconfig.json': '{}',
      'layerguard.json': JSON.stringify({ rules: { 'errors/swallowed-error': 'warning' } }),
      'src/orders/orders.service.ts': `interface OrdersRepository { findAll(): Promise<string[]> }
export async function recentOrders(orders: OrdersRepository): Promise<string[]> {
  try {
    return await orders.findAll();
  } catch {
    return [];
  }
}
export async function warmUp(load: () => Promise<void>): Promise<void> {
  try {
    await load();
  } catch {}
}
`,
    }).analyze();
    const offered = result.findings
      .filter((f) => f.ruleId === 'errors/swallowed-error')
      .map((f) =>
        fixesFor(result.graph, f)
          .fixes.filter((fix) => fix.id !== 'ignore-line' && fix.id !== 'ignore-file')
          .map((fix) => `${fix.preferred ? '* ' : ''}${fix.title}`),
      );
    assert.deepEqual(offered, [
      [
        'Log and rethrow the error — changes behaviour: callers get the error, not the fallback value',
        'Rethrow the error — changes behaviour: callers get the error, not the fallback value',
        '* Mark as intentionally ignored (with a reason)',
      ],
      ['* Log and rethrow the error', 'Rethrow the error', 'Mark as intentionally ignored (with a reason)'],
    ]);
  });
});
