import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { architectureDiff, diffMarkdown, diffSummary, diffText, introducedFindings, type AnalysisResult } from '../../../server/src/engine';
import { project } from '../../helpers/project';

const repository = (name: string) => `export class ${name}Repository { all(): string[] { return []; } }\n`;

/** A controller reaching past its service to build its repository: a forbidden dependency. */
const controllerBuilding = (name: string, folder: string) => `import type { Request, Response } from 'express';
import { ${name}Repository } from './${folder}.repository';
export const list${name} = (req: Request, res: Response) => res.json(new ${name}Repository().all());
`;

const controllerCalling = (name: string, folder: string) => `import type { Request, Response } from 'express';
import { ${name}Service } from './${folder}.service';
export const list${name} = (req: Request, res: Response) => res.json(new ${name}Service().list());
`;

/** Two services importing each other and using the other at load time: a cycle. */
const serviceOf = (name: string, folder: string, other?: { name: string; folder: string }) => `import { ${name}Repository } from './${folder}.repository';
${other ? `import { ${other.name}Service } from '../${other.folder}/${other.folder}.service';\nexport const peer = ${other.name}Service;\n` : ''}export class ${name}Service { list() { return new ${name}Repository().all(); } }
`;

const BASE = {
  'tsconfig.json': '{}',
  'src/users/users.repository.ts': repository('Users'),
  'src/users/users.service.ts': serviceOf('Users', 'users', { name: 'Orders', folder: 'orders' }),
  'src/users/users.controller.ts': controllerCalling('Users', 'users'),
  'src/orders/orders.repository.ts': repository('Orders'),
  'src/orders/orders.service.ts': serviceOf('Orders', 'orders', { name: 'Users', folder: 'users' }),
  'src/orders/orders.controller.ts': controllerBuilding('Orders', 'orders'),
  'src/billing/billing.repository.ts': repository('Billing'),
  'src/billing/billing.controller.ts': controllerBuilding('Billing', 'billing'),
  'src/mail/mailer.ts': 'export function send(to: string) { return to; }\n',
};

/**
 * The change: the users' controller builds its repository (a new forbidden dependency), the
 * orders' controller calls its service instead (one fixed), the users' service stops importing
 * the orders' (the cycle broken), the billing controller's finding only moves down two lines, and
 * the configuration puts the mail folder in a layer of its own.
 */
const HEAD = {
  ...BASE,
  'layerguard.json': JSON.stringify({ layers: { gateway: { patterns: ['src/mail/**'] } } }),
  'src/users/users.controller.ts': `${controllerCalling('Users', 'users')}${controllerBuilding('Users', 'users').replace('listUsers', 'allUsers').split('\n').slice(1).join('\n')}`,
  'src/users/users.service.ts': serviceOf('Users', 'users'),
  'src/orders/orders.service.ts': serviceOf('Orders', 'orders'),
  'src/orders/orders.controller.ts': controllerCalling('Orders', 'orders'),
  'src/billing/billing.controller.ts': `// Billing routes.\n\n${controllerBuilding('Billing', 'billing')}`,
};

function analyzed(files: Readonly<Record<string, string>>): AnalysisResult {
  return project(files).analyze({ useBaseline: false });
}

describe('architectureDiff', () => {
  const base = analyzed(BASE);
  const head = analyzed(HEAD);
  const diff = architectureDiff({ label: 'main (1a2b3c4)', result: base }, { label: 'HEAD', result: head });

  it('reports forbidden dependencies that appear and go, by relative path, and findings introduced and fixed by fingerprint', () => {
    assert.deepEqual(
      diff.forbidden.added.map((d) => `${d.from} -> ${d.to}`),
      ['src/users/users.controller.ts -> src/users/users.repository.ts'],
    );
    assert.deepEqual(
      diff.forbidden.removed.map((d) => `${d.from} -> ${d.to}`),
      ['src/orders/orders.controller.ts -> src/orders/orders.repository.ts'],
    );
    assert.deepEqual(
      diff.findings.introduced.map((f) => `${f.ruleId} ${f.file}:${f.line}`),
      ['layering/forbidden-dependency src/users/users.controller.ts:5'],
    );
    assert.deepEqual(
      diff.findings.fixed.filter((f) => f.ruleId !== 'layering/cycle').map((f) => `${f.ruleId} ${f.file}:${f.line}`),
      ['layering/forbidden-dependency src/orders/orders.controller.ts:3'],
    );
    // The billing finding moved two lines down: neither introduced nor fixed.
    assert.ok(![...diff.findings.introduced, ...diff.findings.fixed].some((f) => f.file.startsWith('src/billing/')));
    assert.deepEqual(
      introducedFindings(diffSummary({ label: 'main', result: base }, 'base'), head).map((f) => f.file.slice(head.root.length + 1)),
      ['src/users/users.controller.ts'],
    );
  });

  it('reports the cross-layer dependencies that appear and go, the cycle broken and the files whose layer changed', () => {
    assert.ok(diff.crossLayer.added.some((d) => d.from === 'src/users/users.controller.ts' && d.toLayer === 'repository' && d.rules?.includes('layering/forbidden-dependency')));
    assert.ok(diff.crossLayer.added.some((d) => d.from === 'src/orders/orders.controller.ts' && d.to === 'src/orders/orders.service.ts' && d.rules === undefined));
    assert.deepEqual(diff.cycles, { added: [], removed: [{ members: ['src/orders/orders.service.ts', 'src/users/users.service.ts'] }], changed: [] });
    assert.deepEqual(diff.layerChanges, [{ file: 'src/mail/mailer.ts', from: base.graph.files.get(`${base.root}/src/mail/mailer.ts`)?.layer ?? null, to: 'gateway' }]);
    assert.notEqual(diff.layerChanges[0]?.from, 'gateway');
  });

  it('compares a renamed file as one file, and says what it was called when its layer changed', () => {
    const renamed = { ...BASE, 'src/mail/mail.repository.ts': BASE['src/mail/mailer.ts'] } as Record<string, string>;
    delete renamed['src/mail/mailer.ts'];
    const moved = analyzed(renamed);
    const followed = architectureDiff({ label: 'main', result: base }, { label: 'HEAD', result: moved }, new Map([['src/mail/mailer.ts', 'src/mail/mail.repository.ts']]));
    assert.deepEqual(followed.layerChanges, [{ file: 'src/mail/mail.repository.ts', renamedFrom: 'src/mail/mailer.ts', from: null, to: 'repository' }]);
    assert.match(diffText(followed), /^ {2}src\/mail\/mail\.repository\.ts \(was src\/mail\/mailer\.ts\): no layer -> repository$/m);
    // A renamed file keeps its findings: the billing controller, renamed, introduces nothing.
    const billing = { ...BASE, 'src/billing/billing.routes.controller.ts': BASE['src/billing/billing.controller.ts'] } as Record<string, string>;
    delete billing['src/billing/billing.controller.ts'];
    const renames = new Map([['src/billing/billing.controller.ts', 'src/billing/billing.routes.controller.ts']]);
    const same = architectureDiff({ label: 'main', result: base }, { label: 'HEAD', result: analyzed(billing) }, renames);
    assert.deepEqual([same.findings.introduced, same.findings.fixed, same.forbidden.added, same.forbidden.removed], [[], [], [], []]);
    assert.deepEqual(introducedFindings(diffSummary({ label: 'main', result: base }, 'base', renames), analyzed(billing)), []);
    assert.equal(architectureDiff({ label: 'main', result: base }, { label: 'HEAD', result: analyzed(billing) }).findings.introduced.length, 1, 'unfollowed, it would look new');
  });

  it('tells a cycle that grew from one made and one broken', () => {
    const grown = analyzed({
      ...BASE,
      'src/audit/audit.repository.ts': repository('Audit'),
      'src/audit/audit.service.ts': serviceOf('Audit', 'audit', { name: 'Users', folder: 'users' }),
      'src/orders/orders.service.ts': serviceOf('Orders', 'orders', { name: 'Audit', folder: 'audit' }),
    });
    const cycles = architectureDiff({ label: 'main', result: base }, { label: 'HEAD', result: grown }).cycles;
    assert.deepEqual(cycles, {
      added: [],
      removed: [],
      changed: [{ members: ['src/audit/audit.service.ts', 'src/orders/orders.service.ts', 'src/users/users.service.ts'], joined: ['src/audit/audit.service.ts'], left: [] }],
    });
    assert.match(diffText(architectureDiff({ label: 'main', result: base }, { label: 'HEAD', result: grown })), /^ {2}~ 3 files: joined by src\/audit\/audit\.service\.ts$/m);
  });

  it('says so when nothing changed', () => {
    const same = architectureDiff({ label: 'main', result: base }, { label: 'HEAD', result: analyzed(BASE) });
    assert.equal(diffText(same).trim().split('\n').at(-1), 'No architectural change against main.');
    assert.match(diffMarkdown(same), /^No architectural change: no dependency began or stopped crossing layers/m);
    assert.doesNotMatch(diffMarkdown(same), /mermaid/);
  });

  it('writes text with + and - lines and a summary', () => {
    const text = diffText(diff);
    assert.match(text, /^Findings introduced \(1\):\n {2}\+ warning src\/users\/users\.controller\.ts:5 {2}A controller must not depend on the repository layer/m);
    assert.match(text, /^ {2}- src\/orders\/orders\.service\.ts, src\/users\/users\.service\.ts$/m);
    assert.match(text, /^ {2}src\/mail\/mailer\.ts: .* -> gateway$/m);
    assert.match(
      text.trim().split('\n').at(-1) ?? '',
      /^1 finding\(s\) introduced, 2 fixed; forbidden dependencies: 1 new, 1 gone; .*cycles: 0 new, 1 broken, 0 changed; 1 file\(s\) changed layer\.$/,
    );
  });

  it('writes a pull-request comment: counts, a Mermaid graph of the changed dependencies only, forbidden in red', () => {
    const markdown = diffMarkdown(diff);
    assert.match(markdown, /^\| Forbidden dependencies \| 1 \| 1 \|$/m);
    const mermaid = /```mermaid\n([^`]*)```/.exec(markdown)?.[1] ?? '';
    const edges = mermaid.split('\n').filter((l) => /-->|-\.->/.test(l));
    assert.equal(edges.length, diff.crossLayer.added.length + diff.crossLayer.removed.length, 'one edge per changed dependency, nothing unchanged');
    assert.doesNotMatch(mermaid, /billing/, 'an unchanged dependency is not drawn');
    const forbidden = edges.findIndex((l) => l.includes('|forbidden|'));
    assert.equal(forbidden, 0, 'forbidden first');
    assert.match(mermaid, new RegExp(`linkStyle ${forbidden} stroke:#cf222e`));
    assert.match(mermaid, /subgraph L\d+\["controller"\]\n {4}n\d+\["users\/users\.controller\.ts"\]/);
    assert.match(markdown, /^- \*\*warning\*\* `src\/users\/users\.controller\.ts:5` A controller must not depend/m);
    assert.match(markdown, /<summary>Cycles \(0 new, 1 broken, 0 changed\)<\/summary>/);
  });

  it('caps the graph and the lists so that a large change stays a readable comment', () => {
    const many = Object.fromEntries(Array.from({ length: 35 }, (_, i) => [`src/f${i}/f${i}.controller.ts`, controllerBuilding(`F${i}`, `f${i}`)]));
    const repositories = Object.fromEntries(Array.from({ length: 35 }, (_, i) => [`src/f${i}/f${i}.repository.ts`, repository(`F${i}`)]));
    const wide = architectureDiff({ label: 'main', result: base }, { label: 'HEAD', result: analyzed({ ...BASE, ...repositories, ...many }) });
    const markdown = diffMarkdown(wide);
    assert.match(markdown, /^The 30 changed dependencies drawn of 35 \(forbidden first; the lists below have all\):$/m);
    assert.equal((/```mermaid\n([^`]*)```/.exec(markdown)?.[1] ?? '').split('\n').filter((l) => l.includes('-->')).length, 30);
  });
});
