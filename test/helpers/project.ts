import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fullMessage } from '../../server/src/engine/text/headline';
import { analyzeWorkspace, RULES, type AnalysisResult, type AnalyzeOptions, type SeveritySetting } from '../../server/src/engine';

/**
 * Test projects are written inline; expectations sit under the code they point at, with carets:
 *
 *   import { UsersRepository } from './users.repository';
 *   //                              ^^^^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency
 *
 * A caret line points at the closest code line above it. After the rule id, optional text must
 * appear in the message. Caret lines are removed before the file is written.
 */
export interface Expectation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  readonly ruleId: string;
  readonly messageIncludes?: string;
}

const CARET_LINE = /^(\s*\/\/\s*)(\^+)\s+(\S+)(?:\s+(.*))?$/;

export function parseFixture(file: string, source: string): { text: string; expectations: Expectation[] } {
  const out: string[] = [];
  const expectations: Expectation[] = [];
  for (const line of source.split('\n')) {
    const caret = CARET_LINE.exec(line);
    if (caret && out.length > 0) {
      const column = line.indexOf('^') + 1;
      expectations.push({
        file,
        line: out.length,
        column,
        endColumn: column + (caret[2]?.length ?? 0),
        ruleId: caret[3] ?? '',
        ...(caret[4] ? { messageIncludes: caret[4].trim() } : {}),
      });
      continue;
    }
    out.push(line);
  }
  return { text: out.join('\n'), expectations };
}

export interface TempProject {
  readonly root: string;
  readonly expectations: readonly Expectation[];
  analyze(options?: Omit<AnalyzeOptions, 'root'>): AnalysisResult;
  write(file: string, content: string | Buffer): void;
}

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the files into a fresh temp folder (removed when the test process exits). */
export function project(files: Readonly<Record<string, string>>): TempProject {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-test-')));
  created.push(root);
  const expectations: Expectation[] = [];
  const write = (file: string, content: string | Buffer) => {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  };
  for (const [file, source] of Object.entries(files)) {
    const parsed = parseFixture(file, source);
    expectations.push(...parsed.expectations);
    write(file, parsed.text);
  }
  return { root, expectations, analyze: (options) => analyzeWorkspace({ root, ...options }), write };
}

/** Analyzes the project and checks that the findings are exactly the caret expectations. */
export function checkFindings(files: Readonly<Record<string, string>>, options?: Omit<AnalyzeOptions, 'root'>): AnalysisResult {
  const p = project(files);
  const result = p.analyze(options);
  const actual = result.findings.map((f) => ({
    file: path.posix.relative(result.root, f.file),
    line: f.start.line + 1,
    column: f.start.character + 1,
    endColumn: f.end.character + 1,
    ruleId: f.ruleId,
  }));
  const expected = p.expectations.map(({ messageIncludes: _, ...rest }) => rest);
  const sort = <T extends { file: string; line: number; column: number; ruleId: string }>(list: T[]) =>
    [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  assert.deepEqual(
    sort(actual),
    sort(expected),
    `findings differ; messages:\n${result.findings.map((f) => `  ${path.posix.relative(result.root, f.file)}:${f.start.line + 1}:${f.start.character + 1} ${f.message}`).join('\n')}`,
  );
  for (const e of p.expectations) {
    if (!e.messageIncludes) continue;
    const finding = result.findings.find((f) => path.posix.relative(result.root, f.file) === e.file && f.start.line + 1 === e.line && f.start.character + 1 === e.column && f.ruleId === e.ruleId);
    // What the user reads: the headline, and the explanation the hover and the reports add to it.
    const text = finding ? fullMessage(finding) : undefined;
    assert.ok(text?.includes(e.messageIncludes), `message at ${e.file}:${e.line}:${e.column} should include "${e.messageIncludes}", got: ${text}`);
  }
  return result;
}

/** Like checkFindings, with every other rule turned off: a rule's tests see only its findings. */
export function checkRule(ruleId: string, files: Readonly<Record<string, string>>): AnalysisResult {
  return checkRules([ruleId], files);
}

/** Like checkFindings, with only these rules on (those off by default turned on, as a user would). */
export function checkRules(ruleIds: readonly string[], files: Readonly<Record<string, string>>): AnalysisResult {
  const severityOverrides: Record<string, SeveritySetting> = Object.fromEntries(RULES.filter((r) => !ruleIds.includes(r.meta.id)).map((r) => [r.meta.id, 'off' as const]));
  for (const ruleId of ruleIds) if (RULES.find((r) => r.meta.id === ruleId)?.meta.defaultSeverity === 'off') severityOverrides[ruleId] = 'info';
  return checkFindings(files, { severityOverrides });
}

export const NEST_TSCONFIG = JSON.stringify({
  compilerOptions: { module: 'commonjs', target: 'ES2021', experimentalDecorators: true, emitDecoratorMetadata: true, strict: true, baseUrl: './', paths: { '@app/*': ['src/*'] } },
});
