import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace, RULES, type AnalysisResult, type Finding, type Fix, type SeveritySetting } from '../../server/src/engine';
import { applyTextEdits, editsByFile, fixesFor } from '../../server/src/engine/fixes';
import { project } from './project';
import { FIXTURE_PACKAGES } from './package-types';
import { FixTypeChecker } from './type-check';

export interface FixCase {
  /** Files with one caret expectation marking the finding to fix. */
  readonly files: Readonly<Record<string, string>>;
  readonly fixId: string;
  readonly reason?: string;
  /** Expected full text of each changed (or created) file after the fix. */
  readonly expect: Readonly<Record<string, string>>;
}

/** Rules that are off by default are fixed as a user who turned them on would fix them. */
const EVERY_RULE_ON: Record<string, SeveritySetting> = Object.fromEntries(RULES.filter((r) => r.meta.defaultSeverity === 'off').map((r) => [r.meta.id, 'info' as const]));

const key = (f: Finding, root: string) => `${f.ruleId} ${path.posix.relative(root, f.file)} ${f.message}`;

/**
 * Applies one fix the way a user would and checks what the issue asks of every fix: the result
 * parses, the finding is gone, no new finding appears, the files read as expected, and asking
 * again offers the fix no more (applying twice changes nothing).
 */
export function checkFix(testCase: FixCase): { fix: Fix; before: AnalysisResult; after: AnalysisResult } {
  const p = project(testCase.files);
  assert.equal(p.expectations.length, 1, 'a fix case marks exactly one finding with carets');
  const expected = p.expectations[0]!;
  const before = p.analyze({ severityOverrides: EVERY_RULE_ON });
  const finding = before.findings.find(
    (f) => path.posix.relative(before.root, f.file) === expected.file && f.start.line + 1 === expected.line && f.start.character + 1 === expected.column && f.ruleId === expected.ruleId,
  );
  assert.ok(
    finding,
    `no ${expected.ruleId} finding at ${expected.file}:${expected.line}:${expected.column}; found:\n${before.findings.map((f) => key(f, before.root) + ` @${f.start.line + 1}:${f.start.character + 1}`).join('\n')}`,
  );
  const result = fixesFor(before.graph, finding, testCase.reason === undefined ? {} : { reason: testCase.reason });
  assert.ok(result.ok, result.ok ? '' : result.error);
  const fix = result.fixes.find((f) => f.id === testCase.fixId);
  assert.ok(fix, `no fix "${testCase.fixId}"; offered: ${result.fixes.map((f) => f.id).join(', ')}`);
  assert.equal(fix.unavailable, undefined, 'the fix can be made');
  assert.deepEqual(new FixTypeChecker(p.root, FIXTURE_PACKAGES).addedDiagnostics(textsAfter(fix)), [], 'the fix adds no TypeScript diagnostic to the files it touches');
  applyToDisk(fix, before);

  for (const [file, text] of Object.entries(testCase.expect)) assert.equal(fs.readFileSync(path.join(p.root, file), 'utf8'), text, `${file} after the fix`);
  const after = analyzeWorkspace({ root: p.root, severityOverrides: EVERY_RULE_ON });
  assert.deepEqual(
    after.problems.filter((x) => x.kind === 'syntax'),
    [],
    'the fixed files parse',
  );
  const remaining = new Map<string, number>();
  for (const f of before.findings) if (f !== finding) remaining.set(key(f, before.root), (remaining.get(key(f, before.root)) ?? 0) + 1);
  for (const f of after.findings) {
    const k = key(f, after.root);
    assert.ok((remaining.get(k) ?? 0) > 0, `the fix brought a new finding: ${k} @${f.start.line + 1}:${f.start.character + 1}`);
    remaining.set(k, (remaining.get(k) ?? 0) - 1);
  }
  const again = after.findings.filter((f) => f.ruleId === finding.ruleId && f.file === finding.file && fixesFor(after.graph, f).fixes.some((x) => x.id === fix.id && sameEdits(x, fix)));
  assert.deepEqual(
    again.map((f) => key(f, after.root)),
    [],
    'the same fix is not offered again',
  );
  return { fix, before, after };
}

function sameEdits(a: Fix, b: Fix): boolean {
  return JSON.stringify(a.edits) === JSON.stringify(b.edits);
}

/** The text of every file a fix changes or creates, after it. */
export function textsAfter(fix: Fix): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [file, edits] of editsByFile(fix.edits)) texts.set(file, applyTextEdits(fs.readFileSync(file, 'utf8'), edits));
  for (const created of fix.createFiles ?? []) texts.set(created.file, created.text);
  return texts;
}

/** Writes a fix's edits to the files they were computed for (checking the text is unchanged). */
export function applyToDisk(fix: Fix, analyzed: AnalysisResult): void {
  for (const [file, edits] of editsByFile(fix.edits)) {
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text, analyzed.graph.files.get(file)?.text ?? text, `${file} changed since it was analyzed`);
    fs.writeFileSync(file, applyTextEdits(text, edits));
  }
  for (const created of fix.createFiles ?? []) {
    assert.ok(!fs.existsSync(created.file), `${created.file} already exists`);
    fs.mkdirSync(path.dirname(created.file), { recursive: true });
    fs.writeFileSync(created.file, created.text);
  }
}
