import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { project } from '../helpers/project';

const ROOT = path.join(__dirname, '../../..');
const SELF_CONFIG = fs.readFileSync(path.join(ROOT, 'layerguard.self.json'), 'utf8');

function runBin(args: string[], cwd: string) {
  return spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8' });
}

describe('Layerguard checks its own architecture with its own CLI', () => {
  it('finds nothing in this repository (engine free of LSP, vscode, cli and lsp imports; no cycles)', () => {
    const run = runBin(['check', '.', '--config', 'layerguard.self.json', '--format', 'json'], ROOT);
    const report = JSON.parse(run.stdout) as { findings: { file: string; message: string }[]; summary: { files: number } };
    assert.deepEqual(report.findings, []);
    assert.equal(run.status, 0);
    assert.ok(report.summary.files > 30, 'the server and client sources were analyzed');
  });

  it('would catch the engine importing the language server, lsp/ or a type from vscode', () => {
    const p = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['server/src', 'client/src'] }),
      'layerguard.self.json': SELF_CONFIG,
      'server/src/lsp/convert.ts': 'export const toDiagnostic = () => 1;\n',
      'server/src/engine/analyze.ts': `import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Uri } from 'vscode';
import { toDiagnostic } from '../lsp/convert';
export const x = [DiagnosticSeverity.Error, toDiagnostic()] as unknown as Uri;
`,
    });
    const run = runBin(['check', '.', '--config', 'layerguard.self.json', '--format', 'json'], p.root);
    const report = JSON.parse(run.stdout) as { findings: { line: number; message: string }[] };
    assert.equal(run.status, 1);
    assert.deepEqual(
      report.findings.map((f) => f.line),
      [1, 2, 3],
    );
    assert.match(report.findings[0]?.message ?? '', /An engine must not depend on the editor-api layer/);
  });
});
