import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { exitCodeOf, runCli } from '../../../server/src/cli/main';
import { RULES } from '../../../server/src/engine';
import { sarifErrors } from '../../helpers/cli';
import { project, type TempProject } from '../../helpers/project';

const REPO_ROOT = path.join(__dirname, '../../../..');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, colorByDefault: false });
  return { code, stdout, stderr };
}

/** A team that trusts the layering rule enough to fail CI on it raises it to error. */
function layeredApp(): TempProject {
  return project({
    'layerguard.json': JSON.stringify({ rules: { 'layering/forbidden-dependency': 'error' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, experimentalDecorators: true, emitDecoratorMetadata: true } }),
    'src/users/users.repository.ts': `import { UsersService } from './users.service';
export class UsersRepository { constructor(private readonly s: UsersService) {} all() { return [UsersService.name]; } }
`,
    'src/users/users.service.ts': `import { UsersRepository } from './users.repository';
export class UsersService { constructor(private readonly repo: UsersRepository) {} list() { return new UsersRepository(this).all(); } }
`,
    'src/users/users.controller.ts': `import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
export class UsersController {
  constructor(private readonly repo: UsersRepository, private readonly users: UsersService) {}
}
`,
  });
}

describe('layerguard check', () => {
  it('prints findings grouped by file, notes and a summary, and exits 1 on error findings', () => {
    const p = layeredApp();
    const { code, stdout } = run(['check', '.'], p.root);
    assert.equal(code, 1);
    assert.match(stdout, /^src\/users\/users\.controller\.ts\n {2}4:15 {4}error {3}A controller must not depend on the repository layer/m);
    assert.match(stdout, /✖ 3 findings \(2 errors, 1 warning\) — 3 files, \d+ dependencies analyzed in/);
  });

  it("exits 0 with --exit-zero, and 0 when only warnings remain (every rule's default)", () => {
    const p = layeredApp();
    assert.equal(run(['check', '--exit-zero'], p.root).code, 0);
    p.write('layerguard.json', '{}');
    assert.equal(run(['check'], p.root).code, 0, 'no rule defaults to error');
    p.write('layerguard.json', '{ "rules": { "layering/forbidden-dependency": "warning" } }');
    assert.equal(run(['check'], p.root).code, 0);
  });

  it('fails with more warnings than --max-warnings allows, as ESLint does (-1: no limit)', () => {
    const p = layeredApp();
    p.write('layerguard.json', '{}');
    const over = run(['check', '--no-cache', '--max-warnings', '2'], p.root);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /^layerguard: 3 warning\(s\), more than --max-warnings 2 allows\.$/m);
    assert.equal(run(['check', '--no-cache', '--max-warnings', '3'], p.root).code, 0);
    assert.equal(run(['check', '--no-cache', '--max-warnings', '-1'], p.root).code, 0);
    assert.equal(run(['check', '--no-cache', '--max-warnings', '0', '--exit-zero'], p.root).code, 0);
    const bad = run(['check', '--max-warnings', 'some'], p.root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^layerguard: --max-warnings must be a whole number of warnings, or -1 for no limit \(got "some"\)/);
    // The cached answer of a run without the limit is not the answer with it.
    assert.equal(run(['check'], p.root).code, 0);
    assert.equal(run(['check', '--max-warnings', '0'], p.root).code, 1);
  });

  it('keeps the JSON contract', () => {
    const p = layeredApp();
    const { stdout } = run(['check', p.root, '--format', 'json'], '/');
    const report = JSON.parse(stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(report), ['version', 'root', 'findings', 'problems', 'summary']);
    assert.equal(report['version'], 1);
    assert.equal(report['root'], p.root);
    const findings = report['findings'] as Record<string, unknown>[];
    assert.deepEqual(findings[0], {
      ruleId: 'layering/forbidden-dependency',
      severity: 'error',
      message: 'A controller must not depend on the repository layer: it injects UsersRepository.',
      detail: 'users.repository.ts is in the repository layer. Call a service that owns this use case; the service talks to the repository.',
      messageId: 'forbidden-layer',
      data: { from: 'controller', to: 'repository', dependency: 'injects UsersRepository from users.repository.ts' },
      file: 'src/users/users.controller.ts',
      line: 4,
      column: 15,
      endLine: 4,
      endColumn: 53,
      related: [
        { file: 'src/users/users.repository.ts', line: 2, column: 14, message: 'users.repository.ts is in the repository layer (file name users.repository.ts)' },
        { file: 'src/users/users.controller.ts', line: 1, column: 33, message: 'also imports it here' },
      ],
    });
    const cycle = findings.find((f) => f['ruleId'] === 'layering/cycle');
    // The headline names the files; the detail gives their paths and where to break the cycle.
    assert.equal(cycle?.['message'], 'Import cycle of 2 files: users.repository.ts → users.service.ts → users.repository.ts.');
    assert.match(String(cycle?.['detail']), /src\/users\/users\.repository\.ts → src\/users\/users\.service\.ts → src\/users\/users\.repository\.ts/);
    assert.deepEqual(Object.keys(report['summary'] as object), ['files', 'outsideFiles', 'edges', 'errors', 'warnings', 'infos', 'problems', 'staleBaseline', 'durationMs']);
  });

  it('writes SARIF 2.1.0 that validates against the official schema, with rule metadata and help links', () => {
    const p = layeredApp();
    const { stdout } = run(['check', '--format', 'sarif'], p.root);
    const sarif = JSON.parse(stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: unknown[] }[] };
    assert.deepEqual(sarifErrors(sarif), []);
    const run0 = sarif.runs[0]!;
    assert.deepEqual(
      run0.tool.driver.rules.map((r) => r.id),
      RULES.map((r) => r.meta.id),
    );
    assert.ok(run0.tool.driver.rules.every((r) => r.helpUri.endsWith(`docs/rules/${r.id}.md`)));
    assert.equal(run0.results.length, 3);
    // A finding names its situation by id, and the rule lists the situation among its message strings.
    const results = run0.results as { ruleId: string; message: { id?: string }; properties?: { data?: Record<string, string> } }[];
    const forbidden = results.find((r) => r.ruleId === 'layering/forbidden-dependency');
    assert.equal(forbidden?.message.id, 'forbidden-layer');
    assert.equal(forbidden?.properties?.data?.['to'], 'repository');
    const rule = (run0.tool.driver.rules as { id: string; messageStrings?: Record<string, { text: string }> }[]).find((r) => r.id === 'layering/forbidden-dependency');
    assert.ok(rule?.messageStrings?.['forbidden-layer']?.text);
  });

  it('warns, pointing into layerguard.json, about a layer pattern that matches no file (naming a missing folder), and still checks', () => {
    const p = layeredApp();
    p.write('layerguard.json', '{\n  "layers": {\n    "repository": { "patterns": ["src/users/*.repository.ts", "src/repos/**"] }\n  }\n}\n');
    const result = run(['check', '--no-cache'], p.root);
    assert.notEqual(result.code, 2, 'a warning does not stop the check');
    assert.equal(
      result.stderr,
      'layerguard: warning: layerguard.json:3:63: at layers.repository.patterns[1]: "src/repos/**" matches no analyzed file, so no file gets the layer "repository" from it; the folder src/repos does not exist in the workspace\n',
    );
    p.write('layerguard.json', '{ "layers": { "repository": { "patterns": ["src/users/*.repo.ts"] } } }');
    assert.match(run(['check', '--no-cache'], p.root).stderr, /"src\/users\/\*\.repo\.ts" matches no analyzed file, .*; check the path \(patterns are relative to the workspace root\)\n$/);
  });

  it('exits 2 with one readable line for a broken config, and for usage errors', () => {
    const p = layeredApp();
    p.write('layerguard.json', '{\n  "rules": { "layering/cycle": "loud" }\n}\n');
    const broken = run(['check'], p.root);
    assert.equal(broken.code, 2);
    assert.equal(broken.stdout, '');
    assert.equal(broken.stderr, 'layerguard: invalid configuration layerguard.json:2:32: at rules["layering/cycle"]: expected "off" | "info" | "warning" | "error" or an object (found "loud")\n');
    assert.equal(run(['check', '--config', 'nope.json'], p.root).code, 2);
    assert.match(run(['check', '--format', 'xml'], p.root).stderr, /^layerguard: --format must be one of text, json, sarif, gitlab \(got "xml"\)/);
    assert.match(run(['lint'], p.root).stderr, /^layerguard: unknown command "lint"/);
    assert.match(run(['check', 'missing-dir'], p.root).stderr, /^layerguard: missing-dir is not a folder/);
  });
});

describe('layerguard graph', () => {
  it('prints nodes with layers and edges with kinds as JSON', () => {
    const p = layeredApp();
    const graph = JSON.parse(run(['graph', '.'], p.root).stdout) as { nodes: { file: string; layer: string | null }[]; edges: { from: string; to: string; kind: string; line: number }[] };
    assert.deepEqual(graph.nodes, [
      { file: 'src/users/users.controller.ts', layer: 'controller' },
      { file: 'src/users/users.repository.ts', layer: 'repository' },
      { file: 'src/users/users.service.ts', layer: 'service' },
    ]);
    assert.ok(graph.edges.some((e) => e.from === 'src/users/users.service.ts' && e.to === 'src/users/users.repository.ts' && e.kind === 'instantiation' && e.line === 2));
    assert.ok(graph.edges.some((e) => e.from === 'src/users/users.controller.ts' && e.kind === 'di' && e.line === 4));
  });

  it('draws Graphviz and Mermaid', () => {
    const p = layeredApp();
    const dot = run(['graph', '--format', 'dot'], p.root).stdout;
    assert.match(dot, /^digraph layerguard \{/);
    assert.match(dot, /subgraph cluster_\d+ \{\n {4}label="controller";\n {4}"src\/users\/users\.controller\.ts";/);
    const mermaid = run(['graph', '--format', 'mermaid'], p.root).stdout;
    assert.match(mermaid, /^flowchart LR\n/);
    assert.match(mermaid, /n\d\["src\/users\/users\.service\.ts<br\/><i>service<\/i>"\]/);
  });

  it('writes the HTML architecture report with the built viewer inside, to --output', () => {
    const p = layeredApp();
    const file = path.join(p.root, 'architecture.html');
    const result = run(['graph', '--format', 'html', '--output', file], p.root);
    assert.equal(result.code, 0, result.stderr);
    const html = fs.readFileSync(file, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'webview', 'architecture.js'), 'utf8')));
    assert.match(html, /<h2>Findings \(\d+\)<\/h2>/);
  });

  it('groups the HTML report as --group-by says; --group-by is for the HTML view only, and names its choices', () => {
    const p = layeredApp();
    const file = path.join(p.root, 'architecture.html');
    assert.equal(run(['graph', '--format', 'html', '--group-by', 'folders', '--output', file], p.root).code, 0);
    assert.match(fs.readFileSync(file, 'utf8'), /"grouping":"folders"/);
    const wrongFormat = run(['graph', '--format', 'json', '--group-by', 'modules'], p.root);
    assert.equal(wrongFormat.code, 2);
    assert.match(wrongFormat.stderr, /--group-by applies to --format html/);
    const unknown = run(['graph', '--format', 'html', '--group-by', 'layers'], p.root);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--group-by must be one of auto, files, folders, modules \(got "layers"\)/);
  });
});

describe('the bundled bin (dist/cli.js)', () => {
  it('runs as a process with the documented exit codes', () => {
    const p = layeredApp();
    const bin = path.join(REPO_ROOT, 'dist/cli.js');
    const failing = spawnSync(process.execPath, [bin, 'check', p.root, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(failing.status, 1, failing.stderr);
    assert.equal((JSON.parse(failing.stdout) as { summary: { errors: number } }).summary.errors, 2);
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage:\n {2}layerguard check/);
  });
});

describe('layerguard baseline', () => {
  it('records current findings; check then reports only new ones, across line shifts', () => {
    const p = layeredApp();
    const written = run(['baseline'], p.root);
    assert.equal(written.code, 0);
    assert.match(written.stdout, /^layerguard: 3 finding\(s\) written to \.layerguard-baseline\.json; from now on only new findings are reported\.\n$/);
    const clean = run(['check', '--format', 'json'], p.root);
    assert.equal(clean.code, 0);
    assert.deepEqual((JSON.parse(clean.stdout) as { findings: unknown[] }).findings, []);

    const controller = 'src/users/users.controller.ts';
    const original = fs.readFileSync(path.join(p.root, controller), 'utf8');
    p.write(controller, `// a comment that shifts every line\n\n${original}`);
    p.write('src/users/admin.controller.ts', `import { UsersRepository } from './users.repository';\nexport const repo = new UsersRepository(undefined as never);\n`);
    const after = JSON.parse(run(['check', '--format', 'json'], p.root).stdout) as { findings: { file: string; line: number; message: string }[] };
    assert.deepEqual(
      after.findings.map((f) => `${f.file}:${f.line}`),
      ['src/users/admin.controller.ts:2'],
      'the shifted old finding stays hidden; the new one is reported',
    );
  });

  it('ratchets: check counts the baselined findings that were fixed, --fail-on-stale-baseline fails on them, baseline --prune removes only them', () => {
    const p = layeredApp();
    assert.equal(run(['baseline'], p.root).code, 0);
    assert.deepEqual(run(['baseline', '--prune'], p.root).stdout, 'layerguard: 0 fixed finding(s) removed from .layerguard-baseline.json; 3 remain.\n', 'nothing fixed yet');
    // The controller stops injecting the repository: one baselined finding is fixed.
    p.write('src/users/users.controller.ts', "import { UsersService } from './users.service';\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n}\n");
    const text = run(['check', '--no-cache'], p.root);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^1 baselined finding no longer occurs: `layerguard baseline --prune` removes it from the baseline\.$/m);
    const json = JSON.parse(run(['check', '--no-cache', '--format', 'json'], p.root).stdout) as { summary: { staleBaseline: number } };
    assert.equal(json.summary.staleBaseline, 1);
    const strict = run(['check', '--no-cache', '--fail-on-stale-baseline'], p.root);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /layerguard: 1 baselined finding\(s\) no longer occur: run "layerguard baseline --prune" and commit the smaller baseline/);
    assert.equal(run(['check', '--no-cache', '--fail-on-stale-baseline', '--exit-zero'], p.root).code, 0);

    const pruned = run(['baseline', '--prune'], p.root);
    assert.equal(pruned.code, 0);
    assert.equal(pruned.stdout, 'layerguard: 1 fixed finding(s) removed from .layerguard-baseline.json; 2 remain.\n');
    const entries = (JSON.parse(fs.readFileSync(path.join(p.root, '.layerguard-baseline.json'), 'utf8')) as { findings: { file: string; ruleId: string }[] }).findings;
    assert.equal(entries.length, 2, "the others' entries stay");
    assert.ok(!entries.some((e) => e.file === 'src/users/users.controller.ts'), 'the fixed one is gone');
    assert.equal(run(['check', '--no-cache', '--fail-on-stale-baseline'], p.root).code, 0, 'the baseline shrank with the code');
    // A new finding is never pruned in: --prune only removes.
    p.write('src/users/admin.controller.ts', "import { UsersRepository } from './users.repository';\nexport const repo = new UsersRepository(undefined as never);\n");
    assert.equal(run(['baseline', '--prune'], p.root).stdout, 'layerguard: 0 fixed finding(s) removed from .layerguard-baseline.json; 2 remain.\n');
    assert.equal(run(['check', '--no-cache'], p.root).code, 1, 'the new error is reported');
  });

  it('refuses to prune a baseline that is not there, or broken', () => {
    const p = layeredApp();
    const none = run(['baseline', '--prune'], p.root);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, 'layerguard: there is no .layerguard-baseline.json to prune; "layerguard baseline" writes one\n');
    p.write('.layerguard-baseline.json', '{ "version": 1, "findings": [');
    const broken = run(['baseline', '--prune'], p.root);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^layerguard: \.layerguard-baseline\.json is not valid JSON/);
    assert.equal(fs.readFileSync(path.join(p.root, '.layerguard-baseline.json'), 'utf8'), '{ "version": 1, "findings": [', 'left as it was');
  });

  it('reports every finding, with a note, when the baseline is broken', () => {
    const p = layeredApp();
    p.write('.layerguard-baseline.json', '{ "version": 1, "findings": [');
    const report = JSON.parse(run(['check', '--format', 'json'], p.root).stdout) as { findings: unknown[]; problems: { message: string }[] };
    assert.equal(report.findings.length, 3);
    assert.match(report.problems[0]?.message ?? '', /^\.layerguard-baseline\.json is not valid JSON .*reporting every finding\. Run "layerguard baseline" to write it again\.$/);
  });
});

describe('layerguard check --fix', () => {
  it('applies the safe fixes (renames), leaves the others, and reports what is left', () => {
    const p = project({
      'layerguard.json': JSON.stringify({ rules: { 'naming/ambiguous-name': 'info', 'errors/swallowed-error': 'warning' } }),
      'tsconfig.json': '{}',
      'src/orders/orders.service.ts': `export class OrdersService {
  constructor(private readonly orders: { findAll(): Promise<{ total: number }[]>; audit(n: number): Promise<void> }) {}
  async sum() {
    const data = await this.orders.findAll();
    let tmp = 0;
    for (const o of data) tmp += o.total;
    try {
      await this.orders.audit(tmp);
    } catch {}
  }
}
`,
    });
    const fixed = run(['check', '--fix', '--format', 'json'], p.root);
    assert.equal(fixed.stderr, 'layerguard: applied 1 fix(es) in 1 file(s)\n');
    const text = fs.readFileSync(path.join(p.root, 'src/orders/orders.service.ts'), 'utf8');
    assert.match(text, /const orders = await this\.orders\.findAll\(\);\n    let tmp = 0;\n    for \(const o of orders\)/);
    const report = JSON.parse(fixed.stdout) as { findings: { ruleId: string; line: number }[] };
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId}:${f.line}`),
      ['errors/swallowed-error:9'],
      'tmp holds nothing the code names, so it is not reported',
    );
    assert.equal(run(['check', '--fix', '--format', 'json'], p.root).stderr, 'layerguard: applied 0 fix(es) in 0 file(s)\n', 'a second run changes nothing');
  });
});

describe('layerguard explain', () => {
  it('shows the evidence behind a layer, what overruled it, and how each dependency is judged', () => {
    const p = project({
      'tsconfig.json': '{}',
      'src/audit/audit.repository.ts': "import pino from 'pino';\nexport class AuditRepository { private readonly log = pino(); write(line: string) { this.log.info(line); } }\n",
      'src/users/users.repository.ts': "import knex from 'knex';\nexport class UsersRepository { all() { return knex('users'); } }\n",
      'src/users/users.controller.ts':
        "import { UsersRepository } from './users.repository';\nimport { AuditRepository } from '../audit/audit.repository';\nexport class UsersController { constructor(private readonly users: UsersRepository, private readonly audit: AuditRepository) {} list(req: unknown, res: unknown) { return [req, res]; } }\n",
    });
    const text = run(['explain', 'src/audit/audit.repository.ts'], p.root);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^src\/audit\/audit\.repository\.ts\n {2}layer: none/);
    assert.match(text.stdout, /✗ repository +file name audit\.repository\.ts — overruled: it uses 'pino' and no database client, ORM or model/);
    const controller = JSON.parse(run(['explain', 'src/users/users.controller.ts', '--format', 'json'], p.root).stdout) as {
      layer: string;
      dependencies: { target: string; kind: string; targetLayer: string | null; finding?: string }[];
    };
    assert.equal(controller.layer, 'controller');
    const injected = controller.dependencies.filter((d) => d.kind === 'di');
    assert.deepEqual(
      injected.map((d) => [d.target, d.targetLayer, d.finding !== undefined]),
      [
        ['src/users/users.repository.ts', 'repository', true],
        ['src/audit/audit.repository.ts', null, false],
      ],
    );
    const missing = run(['explain', 'src/nowhere.ts'], p.root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /src\/nowhere\.ts is not among the files analyzed/);
  });

  it('fails a check that lost a file or a rule to a failure of ours, unless told --exit-zero; graph never fails', () => {
    const lost = { findings: [], problems: [{ kind: 'rule' as const, message: 'rule x crashed and was skipped: boom', lost: true as const }] };
    const noted = { findings: [], problems: [{ kind: 'project' as const, message: 'No tsconfig.json found' }] };
    assert.equal(exitCodeOf({ name: 'check', exitZero: false }, lost), 1);
    assert.equal(exitCodeOf({ name: 'check', exitZero: true }, lost), 0);
    assert.equal(exitCodeOf({ name: 'graph', exitZero: false }, lost), 0);
    assert.equal(exitCodeOf({ name: 'check', exitZero: false }, noted), 0);
  });
});
