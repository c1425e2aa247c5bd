import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { registerRule } from '../../../server/src/engine';
import { defineFileRule } from '../../../server/src/engine/rules/file-rule';
import { ts } from '../../../server/src/engine/ts';
import { project } from '../../helpers/project';

/** Reports every class on its name; leaves files named `skip-*` alone. */
function classRule(files?: 'production' | 'all') {
  return registerRule(
    defineFileRule({
      meta: { id: 'test/classes', description: 'Reports every class.', defaultSeverity: 'warning', fixable: false },
      options: z.object({ label: z.string().default('class') }).strict(),
      ...(files ? { files } : {}),
      visitor({ file, options, report }) {
        if (file.file.includes('/skip-')) return undefined;
        return (n) => {
          if (ts.isClassDeclaration(n) && n.name) report({ range: { start: n.name.getStart(), end: n.name.getEnd() }, message: `${options.label} ${n.name.text}` });
        };
      },
    }),
  );
}

describe('defineFileRule', () => {
  const files = {
    'tsconfig.json': '{}',
    'src/orders/orders.service.ts': 'export class OrdersService {}\n',
    'src/orders/skip-me.ts': 'export class Skipped {}\n',
    'migrations/001-init.ts': 'export class Init001 {}\n',
  };

  it('checks production files with the visitor each file asks for, and reports on that file', () => {
    const result = project(files).analyze({ rules: [classRule()] });
    assert.deepEqual(
      result.findings.map((f) => `${f.file.split('/').slice(-2).join('/')} ${f.message}`),
      ['orders/orders.service.ts class OrdersService'],
    );
  });

  it('checks the tooling layer too when asked for every file', () => {
    const result = project(files).analyze({ rules: [classRule('all')] });
    assert.deepEqual(result.findings.map((f) => f.message).sort(), ['class Init001', 'class OrdersService']);
  });
});
