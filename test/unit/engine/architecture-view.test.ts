import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace, architectureView, BASELINE_FILE_NAME, toArchitectureHtml, toBaseline, type ArchitectureView } from '../../../server/src/engine';
import { NEST_TSCONFIG, project } from '../../helpers/project';

/** A small Nest app: a controller that reaches past its service into a repository, and a service cycle. */
function shop(): string {
  return project({
    'tsconfig.json': NEST_TSCONFIG,
    'src/orders/orders.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { OrdersService } from './orders.service';
import { OrdersRepository } from './orders.repository';
@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService, private readonly rows: OrdersRepository) {}
  @Get() list() { return this.rows.all(); }
}
`,
    'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { OrdersRepository } from './orders.repository';
import { BillingService } from '../billing/billing.service';
@Injectable()
export class OrdersService { constructor(private readonly rows: OrdersRepository, private readonly billing: BillingService) {} }
`,
    'src/billing/billing.service.ts': `import { Injectable } from '@nestjs/common';
import { OrdersService } from '../orders/orders.service';
@Injectable()
export class BillingService { constructor(private readonly orders: OrdersService) {} }
`,
    'src/orders/orders.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class OrdersRepository { all() { return []; } }
`,
    'src/orders/order.dto.ts': 'export interface OrderDto { id: string }\n',
    'src/orders/order-line.dto.ts': 'export interface OrderLineDto { sku: string }\n',
    'src/billing/invoice.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class InvoiceService { total() { return 0; } }
`,
  }).root;
}

function viewOf(root: string, maxNodes?: number): ArchitectureView {
  const result = analyzeWorkspace({ root, useBaseline: false });
  return architectureView(result.graph, result.findings, maxNodes === undefined ? {} : { maxNodes });
}

describe('architecture view', () => {
  it('puts the layers in lanes top to bottom the way dependencies may point, files of no layer last', () => {
    const view = viewOf(shop());
    const lanes = view.lanes.map((l) => l.layer);
    assert.ok(lanes.indexOf('controller') < lanes.indexOf('service') && lanes.indexOf('service') < lanes.indexOf('repository'), lanes.join(' '));
    assert.ok(lanes.indexOf('repository') < lanes.indexOf('dto'), lanes.join(' '));
    const controller = view.nodes.find((n) => n.id === 'src/orders/orders.controller.ts');
    assert.equal(controller?.lane, lanes.indexOf('controller'));
    assert.equal(controller?.findings, 1);
  });

  it('marks the edges the layering rules report, with the place a click opens: the constructor parameter', () => {
    const view = viewOf(shop());
    const forbidden = view.edges.filter((e) => e.rules.includes('layering/forbidden-dependency'));
    assert.deepEqual(
      forbidden.map((e) => `${e.from} → ${e.to} ${e.file}:${e.line}:${e.character}`),
      ['src/orders/orders.controller.ts → src/orders/orders.repository.ts src/orders/orders.controller.ts:6:54'],
    );
    const cycle = view.edges.filter((e) => e.rules.includes('layering/cycle')).map((e) => `${e.from} → ${e.to}`);
    assert.deepEqual(cycle, ['src/orders/orders.service.ts → src/billing/billing.service.ts'], 'the import suggested to break the cycle');
    const matrix = view.matrix.find((c) => c.from === 'controller' && c.to === 'repository');
    assert.ok(matrix && matrix.edges >= 1 && matrix.violations === 1, JSON.stringify(view.matrix));
  });

  it('marks every import suggested to break a tangle, not only the one its finding sits on', () => {
    const root = project({
      'src/hub.ts': `import { left } from './left';\nimport { right } from './right';\nexport const hub = () => [left, right];\n`,
      'src/left.ts': `import { hub } from './hub';\nexport const left = () => hub;\n`,
      'src/right.ts': `import { hub } from './hub';\nexport const right = () => hub;\n`,
    }).root;
    const view = viewOf(root);
    const marked = view.edges.filter((e) => e.rules.includes('layering/cycle')).map((e) => `${e.from} → ${e.to}`);
    assert.deepEqual(marked.sort(), ['src/left.ts → src/hub.ts', 'src/right.ts → src/hub.ts']);
    assert.equal(view.findings.filter((f) => f.ruleId === 'layering/cycle').length, 1, 'the tangle is one finding');
  });

  it('carries the findings the baseline hides, marked, so the viewer can show them on request', () => {
    const root = shop();
    const before = analyzeWorkspace({ root, useBaseline: false });
    const forbidden = before.findings.filter((f) => f.ruleId === 'layering/forbidden-dependency');
    fs.writeFileSync(path.join(root, BASELINE_FILE_NAME), JSON.stringify(toBaseline(forbidden, root, (file) => fs.readFileSync(file, 'utf8'))));
    const result = analyzeWorkspace({ root });
    assert.equal(result.baselinedFindings.length, forbidden.length);
    const view = architectureView(result.graph, result.findings, { baselined: result.baselinedFindings });
    assert.deepEqual(
      view.findings.filter((f) => f.baselined).map((f) => f.ruleId),
      forbidden.map(() => 'layering/forbidden-dependency'),
    );
    const edge = view.edges.find((e) => e.from === 'src/orders/orders.controller.ts' && e.to === 'src/orders/orders.repository.ts');
    assert.deepEqual(edge?.rules, [], 'not reported: the baseline lists it');
    assert.deepEqual(edge?.baselinedRules, ['layering/forbidden-dependency']);
    assert.equal(view.nodes.find((n) => n.id === 'src/orders/orders.controller.ts')?.baselinedFindings, 1);
    assert.match(toArchitectureHtml(view, { script: '', style: '' }), /<summary>Baselined findings \(1\)<\/summary>/);
  });

  it('groups files by folder (per layer) above the size it draws file by file', () => {
    const view = viewOf(shop(), 5);
    assert.equal(view.collapsedFrom, 7);
    assert.ok(view.nodes.every((n) => n.kind === 'folder' || n.kind === 'package'));
    const services = view.nodes.filter((n) => n.layer === 'service').map((n) => `${n.label}:${n.files}`);
    assert.deepEqual(services.sort(), ['src/billing/:2', 'src/orders/:1']);
    assert.ok(view.edges.some((e) => e.rules.includes('layering/forbidden-dependency') && e.from.startsWith('src/orders/ · controller')));
  });

  it('groups files by the Nest module that owns their folder when asked, whatever the size; the rest by folder', () => {
    const root = project({
      'tsconfig.json': NEST_TSCONFIG,
      'src/users/users.module.ts': `import { Module } from '@nestjs/common';
import { UsersService } from './users.service';
import { UsersController } from './http/users.controller';
@Module({ controllers: [UsersController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
`,
      'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersRepository } from './data/users.repository';
@Injectable()
export class UsersService { constructor(private readonly rows: UsersRepository) {} }
`,
      'src/users/data/users.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class UsersRepository { all() { return []; } }
`,
      'src/users/http/users.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { UsersRepository } from '../data/users.repository';
@Controller('v1/users')
export class UsersController {
  constructor(private readonly rows: UsersRepository) {}
  @Get() list() { return this.rows.all(); }
}
`,
      'src/teams/teams.module.ts': `import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { TeamsService } from './teams.service';
@Module({ imports: [UsersModule], providers: [TeamsService] })
export class TeamsModule {}
`,
      'src/teams/teams.service.ts': `import { Injectable } from '@nestjs/common';
import { UsersService } from '../users/users.service';
@Injectable()
export class TeamsService { constructor(private readonly users: UsersService) {} }
`,
      'src/shared/clock.ts': 'export const now = () => Date.now();\n',
    }).root;
    const result = analyzeWorkspace({ root, useBaseline: false });
    const view = architectureView(result.graph, result.findings, { groupBy: 'modules' });
    assert.equal(view.grouping, 'modules');
    assert.equal(view.nestModules, 2);
    const services = view.nodes.filter((n) => n.layer === 'service').map((n) => `${n.kind} ${n.label} ${n.id} ${n.files}`);
    assert.deepEqual(services.sort(), ['module TeamsModule src/teams/ · service 1', 'module UsersModule src/users/ · service 1']);
    const controller = view.nodes.find((n) => n.layer === 'controller');
    assert.equal(controller?.label, 'UsersModule', 'a file in a sub-folder belongs to the module above it');
    const clock = view.nodes.find((n) => n.id.startsWith('src/shared/'));
    assert.equal(clock?.kind, 'folder', 'a file no module owns is grouped by folder');
    assert.ok(view.edges.some((e) => e.from === 'src/teams/ · service' && e.to === 'src/users/ · service' && e.kinds.includes('di')));
    const reported = view.findings.find((f) => f.file === 'src/users/http/users.controller.ts' && f.ruleId === 'layering/forbidden-dependency');
    assert.equal(reported?.node, 'src/users/ · controller', 'a finding names the node that draws its file');
    const capped = architectureView(result.graph, result.findings, { groupBy: 'modules', maxNodes: 4 });
    const cappedServices = capped.nodes.filter((n) => n.layer === 'service').map((n) => `${n.kind} ${n.label}`);
    assert.ok(capped.nodes.length <= 7, `past the limit the smaller modules' layers are drawn together: ${capped.nodes.map((n) => n.id).join(', ')}`);
    assert.ok(cappedServices.includes('folder src/ (other modules)'), cappedServices.join(', '));
    assert.equal(architectureView(result.graph, result.findings, { groupBy: 'files' }).grouping, 'files');
    assert.equal(architectureView(result.graph, result.findings, { groupBy: 'folders' }).nodes.find((n) => n.layer === 'controller')?.label, 'src/users/http/');
  });
});

describe('architecture HTML report', () => {
  const viewer = { script: 'document.body.dataset.viewer = "ran";', style: 'body { margin: 0; }' };

  it('is one page that loads nothing: a policy that runs only the viewer it carries, with the view as data', () => {
    const view = viewOf(shop());
    const html = toArchitectureHtml(view, viewer);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    assert.ok(!/\b(?:src|href)="https?:/.test(html), 'no remote resource');
    assert.ok(html.includes(`<script>${viewer.script}</script>`) && html.includes(`<style>${viewer.style}</style>`));
    assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    const data = /<script type="application\/json" id="layerguard-view">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    assert.deepEqual(JSON.parse(data), JSON.parse(JSON.stringify(view)));
  });

  it('lists the findings and the layer matrix as HTML, readable without the script, and escapes what it quotes', () => {
    const view = viewOf(shop());
    const html = toArchitectureHtml({ ...view, name: 'shop</script><b>' }, viewer);
    assert.match(html, /<h2>Findings \(2\)<\/h2>/);
    assert.match(html, /src\/orders\/orders\.controller\.ts:6:55/);
    assert.match(html, /<td class="bad">\d+ \(<span class="violation">1 reported<\/span>\)<\/td>/);
    assert.ok(!html.includes('shop</script><b>'));
    assert.ok(html.includes('shop&lt;/script&gt;&lt;b&gt;'));
  });
});
