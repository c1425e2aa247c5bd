import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import { analyzeWorkspace, parseConfig, proposeArchitecture, proposeArchitectureInSlices } from '../../../server/src/engine';
import { project } from '../../helpers/project';

const EXAMPLES = path.join(__dirname, '../../../../examples');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, colorByDefault: false });
  return { code, stdout, stderr };
}

/** A copy of an example without its layerguard.json: what `init` sees in a repository that has none. */
function exampleWithoutConfig(name: string): string {
  const files: Record<string, string> = {};
  const root = path.join(EXAMPLES, name);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'layerguard.json') files[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return project(files).root;
}

const source = (body = 'export const x = 1;\n') => body;

describe('layerguard init', () => {
  it('proposes hexagonal for the hexagonal example, says why, previews its findings, and writes nothing without --yes', () => {
    const root = exampleWithoutConfig('hexagonal-orders');
    const { code, stdout } = run(['init', root], root);
    assert.equal(code, 0);
    assert.match(stdout, /^1\. hexagonal — fit [01]\.\d\d \(evidence [01]\.\d\d\) · 2 layering finding\(s\) in 2 file\(s\)/m);
    assert.match(stdout, /files under domain\//);
    assert.match(stdout, /Nothing written: run again with --yes/);
    assert.equal(fs.existsSync(path.join(root, 'layerguard.json')), false);
  });

  it('writes a commented configuration with --yes that loads and reports the planted violations', () => {
    const root = exampleWithoutConfig('hexagonal-orders');
    assert.equal(run(['init', '.', '--yes'], root).code, 0);
    const text = fs.readFileSync(path.join(root, 'layerguard.json'), 'utf8');
    assert.match(text, /^\/\/ Layerguard configuration/);
    // Without the npm package, a "$schema" would not resolve, and editors would flag it.
    assert.doesNotMatch(text, /^\s*"\$schema"/m);
    const loaded = parseConfig(path.join(root, 'layerguard.json'), text);
    assert.ok(loaded.ok, JSON.stringify(loaded.ok ? [] : loaded.errors));
    assert.deepEqual(loaded.config.architecture.presets, ['hexagonal']);
    const result = analyzeWorkspace({ root });
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId.startsWith('layering/')).map((f) => path.posix.relative(result.root, f.file)),
      ['src/orders/application/cancel-order.use-case.ts', 'src/orders/domain/order-summary.ts'],
    );
  });

  it('never replaces an existing configuration without --force', () => {
    const root = exampleWithoutConfig('modular-shop');
    fs.writeFileSync(path.join(root, 'layerguard.json'), '{ "rules": {} }\n');
    const refused = run(['init', '.', '--yes'], root);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /exists; pass --force to replace it/);
    assert.equal(fs.readFileSync(path.join(root, 'layerguard.json'), 'utf8'), '{ "rules": {} }\n');
    const schema = path.join(root, 'node_modules/layerguard/schemas/layerguard.schema.json');
    fs.mkdirSync(path.dirname(schema), { recursive: true });
    fs.writeFileSync(schema, '{}');
    assert.equal(run(['init', '.', '--yes', '--force'], root).code, 0);
    const written = fs.readFileSync(path.join(root, 'layerguard.json'), 'utf8');
    assert.match(written, /"preset": "modular-monolith"/);
    assert.match(written, /^ {2}"\$schema": "\.\/node_modules\/layerguard\/schemas\/layerguard\.schema\.json",$/m, "the installed package's schema is named");
  });

  it('proposes the same in slices (what the editor runs, answering meanwhile), saying how far it got', async () => {
    const root = exampleWithoutConfig('hexagonal-orders');
    const steps: string[] = [];
    const sliced = await proposeArchitectureInSlices(root, {}, (done, total) => steps.push(`${done}/${total}`));
    const whole = proposeArchitecture(root);
    const summary = (p: typeof whole) => p.candidates.map((c) => `${c.presets.join('+')} ${c.fit} ${c.preview?.findings ?? '-'}`);
    assert.deepEqual(summary(sliced), summary(whole));
    assert.deepEqual(steps, ['1/5', '2/5'], 'the base analysis, then the hexagonal preview (the layered one reuses the base)');
  });

  it('finds the modules of the modular example and where they are', () => {
    const proposal = proposeArchitecture(exampleWithoutConfig('modular-shop'));
    const best = proposal.candidates[0]!;
    assert.deepEqual(best.presets, ['modular-monolith']);
    assert.deepEqual(best.modules, ['src/modules/*']);
    assert.equal(best.preview?.findings, 2);
  });

  it('does not take feature folders for modules when their imports of each other reach into the internals', () => {
    const files: Record<string, string> = {};
    for (const name of ['users', 'teams', 'billing']) {
      files[`src/modules/${name}/${name}.service.ts`] = source(`export const ${name}Service = () => '${name}';\n`);
      files[`src/modules/${name}/${name}.helpers.ts`] = source(`export const ${name}Helper = () => 1;\n`);
    }
    files['src/modules/users/uses.ts'] = source(
      `import { teamsHelper } from '../teams/teams.helpers';\nimport { billingHelper } from '../billing/billing.helpers';\nexport const uses = () => teamsHelper() + billingHelper();\n`,
    );
    files['src/modules/teams/uses.ts'] = source(`import { billingService } from '../billing/billing.service';\nexport const uses = () => billingService();\n`);
    const proposal = proposeArchitecture(project(files).root);
    const modular = proposal.candidates.find((c) => c.presets.includes('modular-monolith'));
    assert.ok(modular && modular.fit < 0.3, JSON.stringify(modular));
    assert.ok(
      modular.reasons.some((r) => /0 of their 3 imports of each other go through a public API/.test(r)),
      JSON.stringify(modular.reasons),
    );
    assert.notDeepEqual(proposal.candidates[0]?.presets, ['modular-monolith']);
  });

  it('does not take modules for modular when each keeps an index that re-exports all of it but the others import its files by their paths; the same modules entered by their index are', () => {
    const names = ['players', 'clubs', 'fixtures', 'scouting', 'medical', 'tickets'];
    const files = (entered: boolean): Record<string, string> => {
      const tree: Record<string, string> = {};
      for (const name of names) {
        const others = names.filter((other) => other !== name);
        tree[`src/modules/${name}/${name}.service.ts`] = source(`export const ${name}Service = () => '${name}';\n`);
        tree[`src/modules/${name}/index.ts`] = source(`export * from './${name}.service';\n`);
        const imports = others.map((other) => `import { ${other}Service } from '${entered ? `../${other}` : `../${other}/${other}.service`}';\n`).join('');
        tree[`src/modules/${name}/${name}.summary.ts`] = source(`${imports}export const summary = () => [${others.map((other) => `${other}Service()`).join(', ')}];\n`);
      }
      return tree;
    };
    // Every import past the entries, none through them: the entries are there, unused.
    const byPath = proposeArchitecture(project(files(false)).root);
    const unused = byPath.candidates.find((c) => c.presets.includes('modular-monolith'));
    assert.ok(unused && unused.fit < 0.3, JSON.stringify(unused));
    assert.ok(
      unused.reasons.some((r) => /0 of their [1-9]\d+ imports of each other go through a public API/.test(r)),
      JSON.stringify(unused.reasons),
    );
    assert.notDeepEqual(byPath.candidates[0]?.presets, ['modular-monolith']);
    const byEntry = proposeArchitecture(project(files(true)).root);
    assert.deepEqual(byEntry.candidates[0]?.presets, ['modular-monolith']);
    assert.ok(
      byEntry.candidates[0]!.reasons.some((r) => /([1-9]\d+) of their \1 imports of each other go through a public API/.test(r)),
      JSON.stringify(byEntry.candidates[0]!.reasons),
    );
  });

  it('takes deep paths to what the entries hand out for a path to fix, not for a module without API, when the team also enters its modules by their entries', () => {
    const tree: Record<string, string> = {};
    const names = ['orders', 'stock', 'invoices', 'customers', 'shipping'];
    for (const [i, name] of names.entries()) {
      const others = names.filter((other) => other !== name);
      tree[`src/modules/${name}/${name}.service.ts`] = source(`export const ${name}Service = () => '${name}';\n`);
      tree[`src/modules/${name}/index.ts`] = source(`export * from './${name}.service';\n`);
      // One module in five goes by the entry; the others by paths to what it hands out.
      const imports = others.map((other) => `import { ${other}Service } from '${i === 0 ? `../${other}` : `../${other}/${other}.service`}';\n`).join('');
      tree[`src/modules/${name}/${name}.summary.ts`] = source(`${imports}export const summary = () => [${others.map((other) => `${other}Service()`).join(', ')}];\n`);
    }
    const proposal = proposeArchitecture(project(tree).root);
    assert.deepEqual(proposal.candidates[0]?.presets, ['modular-monolith']);
    assert.ok(
      proposal.candidates[0]!.reasons.some((r) => /([1-9]\d+) of their \1 imports of each other go through a public API/.test(r)),
      JSON.stringify(proposal.candidates[0]!.reasons),
    );
  });

  for (const parent of ['libs', 'internal-packages'])
    it(`on a generated workspace: libraries under ${parent}/ used through their package names are modules with public APIs`, () => {
      workspaceOfLibraries(parent);
    });

  function workspaceOfLibraries(parent: string): void {
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@shop/*': [`${parent}/*/src/index.ts`] } } }),
      'apps/api/src/main.ts': source(`import { placeOrder } from '@shop/orders';\nexport const start = () => placeOrder('1');\n`),
    };
    const libs: Record<string, string> = { catalog: '', payments: '', orders: `import { listProducts } from '@shop/catalog';\nimport { charge } from '@shop/payments';\n` };
    for (const [name, imports] of Object.entries(libs)) {
      files[`${parent}/${name}/src/index.ts`] = source(`export * from './lib/${name}';\n`);
      files[`${parent}/${name}/src/lib/${name}.ts`] = source(`${imports}export const ${name === 'orders' ? 'placeOrder' : name === 'catalog' ? 'listProducts' : 'charge'} = (id: string) => id;\n`);
      files[`${parent}/${name}/src/lib/${name}.helpers.ts`] = source(`export const ${name}Helper = () => 1;\n`);
    }
    const best = proposeArchitecture(project(files).root).candidates[0]!;
    assert.deepEqual(best.presets, ['modular-monolith'], JSON.stringify(best));
    assert.deepEqual(best.modules, [`${parent}/*`]);
    assert.ok(
      best.reasons.some((r) => /3 of them declare a public API/.test(r)) && best.reasons.some((r) => /2 of their 2 imports of each other go through a public API/.test(r)),
      JSON.stringify(best.reasons),
    );
  }

  it('on a generated workspace of nested libraries (libs/<group>/<lib>/src): each library is a module, reached by its alias', () => {
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@acme/shared/types': ['libs/shared/types/src/index.ts'], '@acme/api/*': ['libs/api/*/src/index.ts'] } } }),
    };
    for (const name of ['users', 'teams', 'billing']) {
      files[`libs/api/${name}/src/index.ts`] = source(`export * from './lib/${name}';\n`);
      files[`libs/api/${name}/src/lib/${name}.ts`] = source(`import type { Id } from '@acme/shared/types';\nexport const ${name}Of = (id: Id) => id;\n`);
    }
    files['libs/shared/types/src/index.ts'] = source('export type Id = string;\n');
    files['libs/api/teams/src/lib/members.ts'] = source(`import { usersOf } from '@acme/api/users';\nexport const members = () => usersOf('1');\n`);
    const best = proposeArchitecture(project(files).root).candidates[0]!;
    assert.deepEqual(best.presets, ['modular-monolith'], JSON.stringify(best));
    assert.deepEqual(best.modules, ['libs/*/*']);
    assert.equal(best.preview?.findings, 0, JSON.stringify(best.preview));
  });

  it("on libraries grouped by domain (libs/<scope>/<domain>/<layer>/src): each domain is a module; its libraries' entries are public however reached", () => {
    const files: Record<string, string> = {};
    const paths: Record<string, string[]> = {};
    for (const domain of ['orders', 'invoices', 'members']) {
      for (const layer of ['service', 'data-access']) {
        const dir = `libs/api/${domain}/${layer}/src`;
        paths[`@acme/api/${domain}/${layer}`] = [`${dir}/index.ts`];
        files[`${dir}/index.ts`] = source(`export * from './lib/${domain}-${layer}';\n`);
        files[`${dir}/lib/${domain}-${layer}.ts`] = source(`export const ${domain}${layer === 'service' ? 'Service' : 'Store'} = () => '${domain}';\n`);
      }
    }
    files['tsconfig.json'] = JSON.stringify({ compilerOptions: { baseUrl: '.', paths } });
    // By alias, and by a relative path to the library's entry: both through the public API.
    files['libs/api/invoices/service/src/lib/bill.ts'] = source(`import { ordersService } from '@acme/api/orders/service';\nexport const bill = () => ordersService();\n`);
    files['libs/api/members/service/src/lib/history.ts'] = source(`import { ordersStore } from '../../../../orders/data-access/src/index';\nexport const history = () => ordersStore();\n`);
    // Past the entry, into another domain's library: a reach inside.
    files['libs/api/invoices/data-access/src/lib/sql.ts'] = source(`export const invoicesSql = 'select 1';\n`);
    files['libs/api/members/service/src/lib/owed.ts'] = source(`import { invoicesSql } from '../../../../invoices/data-access/src/lib/sql';\nexport const owed = () => invoicesSql;\n`);
    const proposal = proposeArchitecture(project(files).root);
    const best = proposal.candidates[0]!;
    assert.deepEqual(best.presets, ['modular-monolith'], JSON.stringify(proposal.candidates));
    assert.deepEqual(best.modules, ['libs/*/*']);
    assert.equal(best.preview?.findings, 1, JSON.stringify(best.preview));
    assert.match(best.preview?.examples[0] ?? '', /owed\.ts:1 "members" reaches into module "invoices"/);
  });

  it('modules with public APIs and the rings of ports and adapters inside each: both presets, composed', () => {
    const files: Record<string, string> = {};
    for (const name of ['orders', 'billing', 'stock']) {
      const type = name[0]!.toUpperCase() + name.slice(1);
      files[`src/modules/${name}/index.ts`] = source(`export { place${type} } from './application/place-${name}';\n`);
      files[`src/modules/${name}/domain/${name}.ts`] = source(`export class ${type} { constructor(readonly id: string) {} }\n`);
      files[`src/modules/${name}/domain/${name}.port.ts`] = source(`import type { ${type} } from './${name}';\nexport interface ${type}Port { save(item: ${type}): Promise<void> }\n`);
      files[`src/modules/${name}/application/place-${name}.ts`] = source(
        `import { ${type} } from '../domain/${name}';\nimport type { ${type}Port } from '../domain/${name}.port';\nexport const place${type} = (port: ${type}Port, id: string) => port.save(new ${type}(id));\n`,
      );
      files[`src/modules/${name}/infrastructure/${name}.repository.ts`] = source(
        `import type { ${type} } from '../domain/${name}';\nimport type { ${type}Port } from '../domain/${name}.port';\nexport class ${type}Store implements ${type}Port { async save(item: ${type}) { void item; } }\n`,
      );
    }
    files['src/modules/billing/application/bill-order.ts'] = source(`import { placeOrders } from '../../orders';\nexport const billOrder = placeOrders;\n`);
    const best = proposeArchitecture(project(files).root).candidates[0]!;
    assert.deepEqual(best.presets, ['modular-monolith', 'hexagonal'], JSON.stringify(best));
    assert.deepEqual(best.modules, ['src/modules/*']);
    assert.equal(best.preview?.findings, 0, JSON.stringify(best.preview));
  });

  it('reads areas named in French, a core/ facing its infra/, and contracts another file implements as ports and adapters', () => {
    const files: Record<string, string> = {};
    for (const name of ['dossier', 'aidant', 'demande']) {
      const type = name[0]!.toUpperCase() + name.slice(1);
      files[`src/domaine/${name}.ts`] = source(`export class ${type} { constructor(readonly id: string) {} }\n`);
      files[`src/domaine/entrepot-${name}.ts`] = source(`import type { ${type} } from './${name}';\nexport interface Entrepot${type} { lis(id: string): Promise<${type}> }\n`);
      files[`src/adaptateurs/entrepot-${name}-postgres.ts`] = source(
        `import { ${type} } from '../domaine/${name}';\nimport type { Entrepot${type} } from '../domaine/entrepot-${name}';\nexport class Entrepot${type}Postgres implements Entrepot${type} { async lis(id: string) { return new ${type}(id); } }\n`,
      );
    }
    const french = proposeArchitecture(project(files).root).candidates[0]!;
    assert.deepEqual(french.presets, ['hexagonal'], JSON.stringify(french));
    assert.ok(
      french.reasons.some((r) => /3 file\(s\) declare ports/.test(r)),
      JSON.stringify(french.reasons),
    );
    assert.ok(french.reasons.includes('6 of 9 files under domain/ (as domaine/)') && french.reasons.includes('3 of 9 files under adapters/ (as adaptateurs/)'), JSON.stringify(french.reasons));

    const coreAndInfra: Record<string, string> = {};
    for (const name of ['billing', 'shipping', 'catalog']) {
      coreAndInfra[`src/${name}/core/${name}.gateway.ts`] = source(`export interface ${name}Gateway { find(id: string): Promise<string> }\n`);
      coreAndInfra[`src/${name}/core/use-${name}.ts`] = source(`import type { ${name}Gateway } from './${name}.gateway';\nexport const use${name} = (gateway: ${name}Gateway) => gateway.find('1');\n`);
      coreAndInfra[`src/${name}/infra/${name}-store.ts`] = source(
        `import type { ${name}Gateway } from '../core/${name}.gateway';\nexport class ${name}Store implements ${name}Gateway { async find(id: string) { return id; } }\n`,
      );
    }
    const best = proposeArchitecture(project(coreAndInfra).root).candidates[0]!;
    assert.deepEqual(best.presets, ['hexagonal'], JSON.stringify(best));
    assert.equal(best.preview?.findings, 0, JSON.stringify(best.preview));
    assert.ok(best.reasons.some((r) => /6 of 9 files under core\//.test(r)) && best.reasons.some((r) => /3 file\(s\) declare ports/.test(r)), JSON.stringify(best.reasons));
  });

  it('keeps ports and adapters for a team that declares its ports (interfaces, or abstract classes its adapters extend) and breaks them in a fifth of its files; stacked rings with no port get the layered default', () => {
    const app = (withPorts: boolean, abstractPorts = false) => {
      const files: Record<string, string> = {};
      for (const name of ['order', 'invoice', 'parcel', 'refund', 'review']) {
        const type = name[0]!.toUpperCase() + name.slice(1);
        const base = `src/${name}s`;
        files[`${base}/domain/${name}.ts`] = source(`export class ${type} { constructor(readonly id: string) {} }\n`);
        if (withPorts) files[`${base}/domain/${name}.port.ts`] = source(`import type { ${type} } from './${name}';\nexport interface ${type}Port { byId(id: string): Promise<${type}> }\n`);
        // Nest binds an abstract class to its adapter (`provide: OrderRecords, useClass: PgOrderRecords`).
        if (abstractPorts)
          files[`${base}/domain/${name}-records.ts`] = source(`import type { ${type} } from './${name}';\nexport abstract class ${type}Records { abstract byId(id: string): Promise<${type}>; }\n`);
        const contract = withPorts ? ` implements ${type}Port` : abstractPorts ? ` extends ${type}Records` : '';
        const superCall = abstractPorts ? ' super();' : '';
        files[`${base}/infrastructure/${name}.repository.ts`] = source(
          `import { Pool } from 'pg';\nimport { ${type} } from '../domain/${name}';\n${withPorts ? `import type { ${type}Port } from '../domain/${name}.port';\n` : ''}${abstractPorts ? `import { ${type}Records } from '../domain/${name}-records';\n` : ''}export class ${type}Store${contract} {\n  constructor(private readonly pool: Pool) {${superCall} }\n  async byId(id: string) { await this.pool.query('select 1'); return new ${type}(id); }\n}\n`,
        );
        // Every use case takes the store itself: the lapse the preset is there to report.
        files[`${base}/application/find-${name}.service.ts`] = source(
          `import { ${type}Store } from '../infrastructure/${name}.repository';\nexport class Find${type} {\n  constructor(private readonly store: ${type}Store) {}\n  run(id: string) { return this.store.byId(id); }\n}\n`,
        );
        files[`${base}/infrastructure/${name}.controller.ts`] = source(
          `import type { Request, Response } from 'express';\nimport type { Find${type} } from '../application/find-${name}.service';\nexport const show${type} = (find: Find${type}) => async (req: Request, res: Response) => { res.json(await find.run(String(req.params['id']))); };\n`,
        );
      }
      return proposeArchitecture(project(files).root);
    };
    const declared = app(true).candidates[0]!;
    assert.deepEqual(declared.presets, ['hexagonal'], JSON.stringify(declared));
    assert.equal(declared.preview?.files, 5, JSON.stringify(declared.preview));
    const abstract = app(false, true).candidates[0]!;
    assert.deepEqual(abstract.presets, ['hexagonal'], JSON.stringify(abstract));
    assert.ok(
      abstract.reasons.some((r) => /5 file\(s\) declare ports/.test(r)),
      JSON.stringify(abstract.reasons),
    );
    const stacked = app(false).candidates;
    assert.deepEqual(stacked[0]!.presets, ['layered'], JSON.stringify(stacked.map((c) => [c.presets, c.fit, c.preview])));
    const rings = stacked.find((c) => c.presets.includes('hexagonal'));
    assert.equal(rings?.preview?.files, 5, JSON.stringify(rings));
  });

  it('on libraries kept under a modules/ folder of a workspace (libs/api/modules/<lib>/src), each its own project, entered by its Nest module: each library is a module with a declared boundary', () => {
    const files: Record<string, string> = {};
    for (const name of ['rota', 'payslip', 'timesheet']) {
      const dir = `libs/api/modules/${name}`;
      files[`${dir}/tsconfig.json`] = JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] });
      files[`${dir}/src/${name}.module.ts`] = source(`import { ${name}Handler } from './features/${name}.handler';\nexport const ${name}Module = { handlers: [${name}Handler] };\n`);
      files[`${dir}/src/features/${name}.handler.ts`] = source(`import { clock } from '../../../../core/src/clock';\nexport const ${name}Handler = () => clock();\n`);
      files[`${dir}/src/features/${name}.rules.ts`] = source(`export const ${name}Rule = 1;\n`);
    }
    files['libs/api/core/tsconfig.json'] = JSON.stringify({ include: ['src'] });
    files['libs/api/core/src/clock.ts'] = source('export const clock = () => Date.now();\n');
    const modular = proposeArchitecture(project(files).root).candidates.find((c) => c.presets.includes('modular-monolith'));
    assert.deepEqual(modular?.modules, ['libs/api/modules/*'], JSON.stringify(modular));
    assert.ok(
      modular.reasons.some((r) => /3 of them declare a public API .*they do not import each other/.test(r)),
      JSON.stringify(modular.reasons),
    );
    assert.ok(modular.confidence >= 0.6, JSON.stringify(modular));
  });

  it('modules a boundary lint at the root fences (eslint-plugin-boundaries naming their folder) and that never import each other fit the modular preset in full; a lint naming other folders adds nothing', () => {
    const modulesThatNeverMeet = (): Record<string, string> => {
      const files: Record<string, string> = {};
      for (const name of ['wallet', 'payout', 'ledger']) {
        files[`src/modules/${name}/index.ts`] = source(`export { ${name}Service } from './${name}.service';\n`);
        files[`src/modules/${name}/${name}.service.ts`] = source(`import { now } from '../../core/clock';\nexport const ${name}Service = () => now();\n`);
      }
      files['src/core/clock.ts'] = source('export const now = () => Date.now();\n');
      for (let i = 0; i < 4; i++) files[`src/scripts/task-${i}.ts`] = source(`export const task${i} = () => ${i};\n`);
      return files;
    };
    const lint = (folder: string) =>
      `import boundaries from 'eslint-plugin-boundaries';\nexport default [{ plugins: { boundaries }, settings: { 'boundaries/elements': [{ type: 'module', pattern: '${folder}/*', mode: 'folder' }] }, rules: { 'boundaries/element-types': ['error', { default: 'disallow' }] } }];\n`;
    const modularOf = (files: Record<string, string>) => proposeArchitecture(project(files).root).candidates.find((c) => c.presets.includes('modular-monolith'));
    const fenced = modularOf({ ...modulesThatNeverMeet(), 'eslint.config.mjs': lint('src/modules') });
    const elsewhere = modularOf({ ...modulesThatNeverMeet(), 'eslint.config.mjs': lint('src/features') });
    const unfenced = modularOf(modulesThatNeverMeet());
    assert.ok(fenced && elsewhere && unfenced, JSON.stringify({ fenced, elsewhere, unfenced }));
    assert.ok(
      fenced.reasons.some((r) => r === "the team's boundary lint (eslint.config.mjs) names src/modules/"),
      JSON.stringify(fenced.reasons),
    );
    assert.ok(fenced.confidence > unfenced.confidence, JSON.stringify({ fenced, unfenced }));
    assert.equal(elsewhere.confidence, unfenced.confidence);
    assert.ok(!elsewhere.reasons.some((r) => /boundary lint/.test(r)), JSON.stringify(elsewhere.reasons));
  });

  it('finds the modules below an API version folder (src/modules/v1/<module>)', () => {
    const files: Record<string, string> = {};
    for (const name of ['tickets', 'seating', 'refunds']) {
      files[`src/modules/v1/${name}/index.ts`] = source(`export { ${name}Service } from './${name}.service';\n`);
      files[`src/modules/v1/${name}/${name}.service.ts`] = source(`export const ${name}Service = () => '${name}';\n`);
    }
    files['src/modules/v1/refunds/refund-window.ts'] = source(`import { ticketsService } from '../tickets';\nexport const refundWindow = () => ticketsService();\n`);
    const modular = proposeArchitecture(project(files).root).candidates.find((c) => c.presets.includes('modular-monolith'));
    assert.deepEqual(modular?.modules, ['src/modules/v1/*'], JSON.stringify(modular));
  });

  it('modules that never import each other but declare their APIs fit the modular preset; a singular module/ folder holds modules too', () => {
    const files: Record<string, string> = {};
    for (const name of ['content', 'identity', 'billing']) {
      files[`src/module/${name}/index.ts`] = source(`export { ${name}Service } from './${name}.service';\n`);
      files[`src/module/${name}/${name}.service.ts`] = source(`import { emit } from '../../shared/events';\nexport const ${name}Service = () => emit('${name}');\n`);
      files[`src/module/${name}/${name}.helpers.ts`] = source(`export const ${name}Helper = () => 1;\n`);
    }
    files['src/shared/events.ts'] = source('export const emit = (name: string) => name;\n');
    const modular = proposeArchitecture(project(files).root).candidates.find((c) => c.presets.includes('modular-monolith'));
    assert.deepEqual(modular?.modules, ['src/module/*']);
    assert.ok(modular.confidence >= 0.6, JSON.stringify(modular));
    assert.ok(
      modular.reasons.some((r) => /they do not import each other/.test(r)),
      JSON.stringify(modular.reasons),
    );
  });

  /** Three features, each with an entry file, the orders feature using the other two through theirs. */
  function featuresWithEntries(parent: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (const name of ['billing', 'orders', 'catalog']) {
      files[`${parent}/${name}/index.ts`] = source(`export { ${name}Service } from './${name}.service';\n`);
      files[`${parent}/${name}/${name}.service.ts`] = source(
        name === 'orders'
          ? `import { billingService } from '../billing';\nimport { catalogService } from '../catalog';\nexport const ordersService = () => billingService() + catalogService();\n`
          : `export const ${name}Service = () => '${name}';\n`,
      );
      files[`${parent}/${name}/${name}.helpers.ts`] = source(`export const ${name}Helper = () => 1;\n`);
    }
    return files;
  }

  it('finds modules in a folder of any name when most of its sub-folders are features with an entry file', () => {
    const files = { ...featuresWithEntries('src/backend/capsules'), 'src/backend/capsules/logger.ts': source(), 'src/main.ts': source() };
    const modular = proposeArchitecture(project(files).root).candidates.find((c) => c.presets.includes('modular-monolith'));
    assert.deepEqual(modular?.modules, ['src/backend/capsules/*'], JSON.stringify(modular));
    assert.ok(modular.confidence >= 0.6, JSON.stringify(modular));
    assert.ok(
      modular.reasons.some((r) => /features with an entry file/.test(r)),
      JSON.stringify(modular.reasons),
    );
  });

  it('finds modules by their entry files beside a shared kernel smaller than they are; a "kernel" holding more code than they do is where the code lives', () => {
    const app = (kernelFiles: number) => {
      const files: Record<string, string> = { ...featuresWithEntries('src'), 'src/main.ts': source() };
      for (let i = 0; i < kernelFiles; i++) files[`src/shared/kernel-${i}.ts`] = source(`export const kernel${i} = ${i};\n`);
      for (const name of ['billing', 'orders', 'catalog'])
        files[`src/http/${name}.routes.ts`] = source(`import { ${name}Service } from '../${name}';\nexport const ${name}Route = () => ${name}Service();\n`);
      for (let i = 0; i < 5; i++) files[`src/http/middleware-${i}.ts`] = source();
      return proposeArchitecture(project(files).root).candidates.find((c) => c.presets.includes('modular-monolith'));
    };
    // Nine files of features, eight of HTTP routes, eight of shared kernel: the kernel tips no balance.
    assert.deepEqual(app(8)?.modules, ['src/*'], JSON.stringify(app(8)));
    assert.equal(app(30), undefined, 'thirty files of "shared" code beside nine of features: the code lives there');
  });

  it('a folder named for modules wins over a bigger one found by its shape; folders named for roles are no features', () => {
    const files: Record<string, string> = { ...featuresWithEntries('src'), 'src/big/index.ts': source(), 'src/big/more.ts': source() };
    for (const name of ['a', 'b', 'c']) {
      files[`src/modules/${name}/index.ts`] = source(`export const ${name} = 1;\n`);
      files[`src/modules/${name}/${name}.ts`] = source();
    }
    const modular = proposeArchitecture(project(files).root).candidates.find((c) => c.presets.includes('modular-monolith'));
    assert.deepEqual(modular?.modules, ['src/modules/*'], JSON.stringify(modular));

    const layeredApp: Record<string, string> = {};
    for (const role of ['controllers', 'services', 'models', 'routes', 'utils']) {
      layeredApp[`src/${role}/index.ts`] = source(`export * from './one';\n`);
      layeredApp[`src/${role}/one.ts`] = source();
      layeredApp[`src/${role}/two.ts`] = source();
    }
    // Barrels everywhere: a few small features beside the layers' folders, which hold the code.
    for (const feature of ['cache', 'events', 'jobs', 'i18n', 'health', 'mailer', 'search', 'uploads', 'audit', 'locks']) {
      layeredApp[`src/${feature}/index.ts`] = source(`export * from './one';\n`);
      layeredApp[`src/${feature}/one.ts`] = source();
    }
    for (let i = 0; i < 30; i++) layeredApp[`src/services/more-${i}.ts`] = source();
    const candidates = proposeArchitecture(project(layeredApp).root).candidates;
    assert.equal(
      candidates.find((c) => c.presets.includes('modular-monolith')),
      undefined,
      JSON.stringify(candidates),
    );
  });

  it('does not take ports and adapters in one corner of a large codebase for its architecture', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) {
      files[`src/controllers/c${i}.controller.ts`] = source(
        `import { Router } from 'express';\nimport { s${i} } from '../services/s${i}.service';\nexport const c${i} = Router();\nc${i}.get('/v1/c${i}', (_req, res) => { res.json(s${i}()); });\n`,
      );
      files[`src/services/s${i}.service.ts`] = source(`export const s${i} = () => ${i};\n`);
    }
    files['src/plugins/registry/domain/plugin.ts'] = source('export class Plugin { constructor(readonly id: string) {} }\n');
    files['src/plugins/registry/domain/plugin-version.ts'] = source('export class PluginVersion { constructor(readonly id: string) {} }\n');
    files['src/plugins/registry/domain/plugin.port.ts'] = source(`import type { Plugin } from './plugin';\nexport interface PluginPort { save(plugin: Plugin): Promise<void> }\n`);
    files['src/plugins/registry/application/install-plugin.ts'] = source(`import { Plugin } from '../domain/plugin';\nexport const install = (id: string) => new Plugin(id);\n`);
    files['src/plugins/registry/infrastructure/plugin.store.ts'] = source(
      `import type { PluginPort } from '../domain/plugin.port';\nexport class PluginStore implements PluginPort { async save() {} }\n`,
    );
    files['src/plugins/registry/infrastructure/plugin.mapper.ts'] = source(`import { Plugin } from '../domain/plugin';\nexport const toPlugin = (id: string) => new Plugin(id);\n`);
    const proposal = proposeArchitecture(project(files).root);
    const hexagonal = proposal.candidates.find((c) => c.presets.includes('hexagonal'));
    assert.ok(hexagonal && hexagonal.confidence < 0.6, JSON.stringify(hexagonal));
    assert.deepEqual(proposal.candidates[0]?.presets, ['layered']);
  });

  it('does not take a shared domain/ and infrastructure/ (value objects, the database client) for ports and adapters when nothing declares a port or a use case', () => {
    const files: Record<string, string> = {};
    for (const name of ['bookings', 'refunds', 'venues', 'coaches']) {
      files[`src/modules/${name}/${name}.controller.ts`] = source(
        `import { Router } from 'express';\nimport { list } from './${name}.service';\nexport const ${name} = Router();\n${name}.get('/v1/${name}', async (_req, res) => { res.json(await list()); });\n`,
      );
      files[`src/modules/${name}/${name}.service.ts`] = source(
        `import { cache } from '../../shared/infrastructure/cache';\nimport { rows } from './${name}.repository';\nexport const list = async () => (await cache.get('${name}')) ?? rows();\n`,
      );
      files[`src/modules/${name}/${name}.repository.ts`] = source(`import { db } from '../../shared/infrastructure/db';\nexport const rows = () => db.${name}.findMany();\n`);
    }
    files['src/shared/infrastructure/db.ts'] = source(`import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n`);
    files['src/shared/infrastructure/cache.ts'] = source(`import Redis from 'ioredis';\nexport const cache = new Redis();\n`);
    for (const name of ['email', 'postcode', 'phone', 'birth-date']) {
      files[`src/shared/domain/value-objects/${name}.ts`] = source(`export class Value { constructor(readonly raw: string) {} }\n`);
    }
    const proposal = proposeArchitecture(project(files).root);
    assert.equal(
      proposal.candidates.find((c) => c.presets.includes('hexagonal')),
      undefined,
      JSON.stringify(proposal.candidates.map((c) => [c.presets, c.fit])),
    );
    assert.notDeepEqual(proposal.candidates[0]?.presets, ['hexagonal']);
  });

  it('does not count imports of one-file modules as going through a public API: they say nothing of the discipline', () => {
    const files: Record<string, string> = {};
    const names = ['ledger', 'invoices', 'payments', 'reports', 'customers'];
    files['src/modules/ledger/ledger.service.ts'] = source(`export const post = (amount: number) => amount;\n`);
    for (const name of names.slice(1)) {
      files[`src/modules/${name}/${name}.service.ts`] = source(`import { post } from '../ledger/ledger.service';\nexport const ${name}Total = () => post(1);\n`);
      files[`src/modules/${name}/${name}.repository.ts`] = source(`export const ${name}Rows = () => [];\n`);
    }
    files['src/modules/reports/summary.ts'] = source(`import { invoicesTotal } from '../invoices/invoices.service';\nexport const summary = () => invoicesTotal();\n`);
    const proposal = proposeArchitecture(project(files).root);
    const modular = proposal.candidates.find((c) => c.presets.includes('modular-monolith'));
    assert.ok(modular && modular.fit < 0.3, JSON.stringify(modular));
    assert.ok(
      modular.reasons.some((r) => /0 of their 1 imports of each other go through a public API/.test(r)),
      JSON.stringify(modular.reasons),
    );
    assert.notDeepEqual(proposal.candidates[0]?.presets, ['modular-monolith']);
  });

  it('takes domain/ and presentation/ under a dto/ folder for kinds of DTOs, not for areas of ports and adapters', () => {
    const files: Record<string, string> = {};
    for (const name of ['reports', 'projects', 'members']) {
      files[`src/${name}/dto/domain/create-${name}.command.ts`] = source(
        `import { ${name}Record } from '../../entities/${name}.entity';\nexport class Create${name}Command { constructor(readonly row: ${name}Record) {} }\n`,
      );
      files[`src/${name}/dto/presentation/${name}.response.ts`] = source(`export class ${name}Response { id!: string }\n`);
      files[`src/${name}/entities/${name}.entity.ts`] = source(`import { Entity } from 'typeorm';\n@Entity() export class ${name}Record { id!: string }\n`);
      files[`src/${name}/use-cases/create-${name}.service.ts`] = source(
        `import { Create${name}Command } from '../dto/domain/create-${name}.command';\nexport class Create${name}Service { run(c: Create${name}Command) { return c.row; } }\n`,
      );
      files[`src/${name}/controllers/${name}.controller.ts`] = source(
        `import { Router } from 'express';\nimport { Create${name}Service } from '../use-cases/create-${name}.service';\nexport const ${name} = Router();\n${name}.post('/v1/${name}', (_req, res) => { res.json(new Create${name}Service()); });\n`,
      );
    }
    const proposal = proposeArchitecture(project(files).root);
    const hexagonal = proposal.candidates.find((c) => c.presets.includes('hexagonal'));
    assert.ok(!hexagonal?.reasons.some((r) => /under (?:domain|presentation)\//.test(r)), JSON.stringify(hexagonal?.reasons));
    assert.deepEqual(proposal.candidates[0]?.presets, ['layered'], JSON.stringify(proposal.candidates[0]));
  });

  it('on generated trees: layered by default, clean from its rings, hexagonal composed with CQRS from its handlers', () => {
    const layered = project({
      'src/controllers/users.controller.ts': `import { Router } from 'express';\nimport { listUsers } from '../services/users.service';\nexport const users = Router();\nusers.get('/v1/users', (_req, res) => { res.json(listUsers()); });\n`,
      'src/services/users.service.ts': `import { findUsers } from '../repositories/users.repository';\nexport const listUsers = () => findUsers();\n`,
      'src/repositories/users.repository.ts': `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const findUsers = () => pool.query('select * from users');\n`,
    });
    assert.deepEqual(proposeArchitecture(layered.root).candidates[0]?.presets, ['layered']);

    const clean = project({
      'src/domain/entities/user.ts': source('export class User { constructor(readonly email: string) {} }\n'),
      'src/domain/entities/team.ts': source('export class Team { constructor(readonly name: string) {} }\n'),
      'src/application/use-cases/add-user.ts': source(`import { User } from '../../domain/entities/user';\nexport const addUser = (email: string) => new User(email);\n`),
      'src/application/use-cases/add-team.ts': source(`import { Team } from '../../domain/entities/team';\nexport const addTeam = (name: string) => new Team(name);\n`),
      'src/interface-adapters/presenters/user-presenter.ts': source(
        `import { addUser } from '../../application/use-cases/add-user';\nexport const present = (email: string) => ({ user: addUser(email) });\n`,
      ),
      'src/frameworks/web/server.ts': source(`import { present } from '../../interface-adapters/presenters/user-presenter';\nexport const handle = (email: string) => present(email);\n`),
    });
    assert.deepEqual(proposeArchitecture(clean.root).candidates[0]?.presets, ['clean']);

    const handler = (kind: 'Command' | 'Query', name: string) =>
      `import { ${kind}Handler, I${kind}Handler } from '@nestjs/cqrs';\nexport class ${name} {}\n@${kind}Handler(${name})\nexport class ${name}Handler implements I${kind}Handler<${name}> { async execute() { return 1; } }\n`;
    const cqrs = project({
      'src/orders/domain/order.ts': source('export class Order { constructor(readonly id: string) {} }\n'),
      'src/orders/domain/order-status.ts': source("export type OrderStatus = 'open' | 'closed';\n"),
      'src/orders/domain/order.port.ts': source(`import type { Order } from './order';\nexport interface OrderPort { save(order: Order): Promise<void> }\n`),
      'src/orders/application/place-order.handler.ts': handler('Command', 'PlaceOrder'),
      'src/orders/application/close-order.handler.ts': handler('Command', 'CloseOrder'),
      'src/orders/application/get-order.handler.ts': handler('Query', 'GetOrder'),
      'src/orders/infrastructure/order.store.ts': source(`import type { OrderPort } from '../domain/order.port';\nexport class OrderStore implements OrderPort { async save() {} }\n`),
      'src/orders/infrastructure/order.mapper.ts': source(`import { Order } from '../domain/order';\nexport const toOrder = (id: string) => new Order(id);\n`),
    });
    const best = proposeArchitecture(cqrs.root).candidates[0]!;
    assert.deepEqual(best.presets, ['hexagonal', 'cqrs']);
    assert.ok(best.confidence > 0.5 && best.reasons.some((r) => /command handler/.test(r)), JSON.stringify(best));
  });

  it('--preset chooses, and --format json reports every candidate; an unknown preset is a usage error', () => {
    const root = exampleWithoutConfig('modular-shop');
    const { code, stdout } = run(['init', '.', '--preset', 'layered', '--format', 'json'], root);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as { chosen: { presets: string[] }; candidates: unknown[]; written: boolean };
    assert.deepEqual(report.chosen.presets, ['layered']);
    assert.ok(report.candidates.length >= 2);
    assert.equal(report.written, false);
    const unknown = run(['init', '.', '--preset', 'onion'], root);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--preset must name presets among layered, hexagonal, clean, modular-monolith, cqrs \(got "onion"\)/);
  });
});
