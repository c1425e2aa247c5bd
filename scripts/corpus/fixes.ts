// The fix harness of issue 15: every fix Layerguard offers on the corpus, applied and checked.
//
//   npm run corpus:fixes -- <checkouts dir> [--split dev] [--only id,id] [--per-fix N] [--json FILE] [--markdown FILE] [--manifest FILE]
//
// For each repository, the findings are computed as the editor computes them (default
// configuration, with the rules that are off by default turned on, as a team that wants them
// would); every fix offered on them (the generic ignore comment left out) is applied in
// memory and judged:
//   parses       the touched files have no syntax error the fix brought;
//   types        it adds no TypeScript diagnostic to the files it touches (the project's tsconfig;
//                test/helpers/type-check.ts says what the checkouts lack);
//   removes      analyzing again with the fixed texts as editor overlays, the finding is gone.
// At most --per-fix fixes of one kind are judged per repository (default 4), chosen in file order,
// so one large repository does not stand for the rest. Failures are listed with the diagnostics.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisSession, fixesFor, hasFixProvider, RULES, type Finding, type Fix, type SeveritySetting } from '../../server/src/engine';
import { textsAfter } from '../../test/helpers/fixes';
import { FixTypeChecker } from '../../test/helpers/type-check';

interface CorpusRepo {
  readonly id: string;
  readonly path: string;
  readonly split: 'dev' | 'test';
}

interface Verdict {
  readonly repo: string;
  readonly fixId: string;
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly parses: boolean;
  readonly addedDiagnostics: readonly string[];
  readonly removesFinding: boolean;
  readonly error?: string;
}

const ROOT = path.join(__dirname, '..', '..', '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    split: { type: 'string', default: 'dev' },
    only: { type: 'string', default: '' },
    'per-fix': { type: 'string', default: '4' },
    json: { type: 'string' },
    markdown: { type: 'string' },
    manifest: { type: 'string' },
  },
});
const [checkouts] = positionals;
if (!checkouts) {
  console.error('corpus:fixes: missing <checkouts dir>\nusage: npm run corpus:fixes -- <checkouts dir> [--split dev|test|all] [--only id,id] [--per-fix N] [--json FILE] [--markdown FILE]');
  process.exit(2);
}
const perFix = Number(values['per-fix']);
const only = values.only ? values.only.split(',') : [];
const manifest = JSON.parse(fs.readFileSync(values.manifest ? path.resolve(values.manifest) : path.join(ROOT, 'bench', 'corpus', 'manifest.json'), 'utf8')) as { repos: CorpusRepo[] };
const repos = manifest.repos.filter((r) => (only.length > 0 ? only.includes(r.id) : values.split === 'all' || r.split === values.split));

const EVERY_RULE_ON: Record<string, SeveritySetting> = Object.fromEntries(RULES.filter((r) => r.meta.defaultSeverity === 'off').map((r) => [r.meta.id, 'info' as const]));
const verdicts: Verdict[] = [];
/** Fixes offered per `rule fixId`, judged or not. */
const OFFERED = new Map<string, number>();
/** Fixes shown as unavailable, with the reason, instead of made (per `rule fixId`). */
const DECLINED = new Map<string, number>();
for (const repo of repos) {
  const dir = path.join(path.resolve(checkouts), repo.id, repo.path);
  if (!fs.existsSync(dir)) {
    console.error(`corpus:fixes: ${dir} is missing; run scripts/corpus/checkout.mjs first`);
    process.exit(2);
  }
  const judged = judgeRepository(repo.id, dir);
  verdicts.push(...judged);
  const failed = judged.filter((v) => !passes(v));
  console.error(`${repo.id}: ${judged.length} fixes judged${failed.length ? `, ${failed.length} failing` : ''}`);
  for (const v of failed) console.error(describeFailure(v));
}

console.log(summaryTable(verdicts, '|'));
for (const v of verdicts.filter((x) => !passes(x))) console.log(`\n${describeFailure(v)}`);
if (values.json) fs.writeFileSync(values.json, JSON.stringify(verdicts, null, 1));
if (values.markdown) fs.writeFileSync(values.markdown, summaryTable(verdicts, '|') + '\n');

function describeFailure(v: Verdict): string {
  const lines = [`FAIL ${v.repo} ${v.file}:${v.line} ${v.rule} → ${v.fixId}`];
  if (v.error) lines.push(`  error: ${v.error}`);
  if (!v.parses) lines.push('  does not parse');
  if (!v.removesFinding) lines.push('  the finding stays');
  return [...lines, ...v.addedDiagnostics.map((d) => `  + ${d}`)].join('\n');
}

/** `route-through-service:OrdersService` and `rename:user` are one kind of fix each. */
function fixKind(id: string): string {
  return id.split(':')[0] ?? id;
}

function passes(v: Verdict): boolean {
  return v.error === undefined && v.parses && v.addedDiagnostics.length === 0 && v.removesFinding;
}

function judgeRepository(repoId: string, dir: string): Verdict[] {
  const session = new AnalysisSession({ root: dir, useBaseline: false, severityOverrides: EVERY_RULE_ON });
  const result = session.analyze();
  const checker = new FixTypeChecker(dir);
  const taken = new Map<string, number>();
  const verdicts: Verdict[] = [];
  const like = (finding: Finding) => (f: Finding) => f.ruleId === finding.ruleId && f.file === finding.file && f.message === finding.message;
  for (const finding of result.findings.filter((f) => hasFixProvider(f.ruleId))) {
    const offered = fixesFor(result.graph, finding, { config: result.config, withoutIgnore: true });
    if (!offered.ok) console.error(`  ${path.relative(dir, finding.file)}:${finding.start.line + 1} ${finding.ruleId}: ${offered.error}`);
    for (const fix of offered.fixes) {
      if (fix.unavailable !== undefined) {
        DECLINED.set(`${finding.ruleId} ${fixKind(fix.id)}`, (DECLINED.get(`${finding.ruleId} ${fixKind(fix.id)}`) ?? 0) + 1);
        continue;
      }
      const kind = `${finding.ruleId} ${fixKind(fix.id)}`;
      const count = taken.get(kind) ?? 0;
      OFFERED.set(kind, (OFFERED.get(kind) ?? 0) + 1);
      if (count >= perFix) continue;
      taken.set(kind, count + 1);
      verdicts.push(judgeFix(repoId, dir, session, checker, finding, fix, result.findings.filter(like(finding)).length));
    }
  }
  return verdicts;
}

function judgeFix(repo: string, dir: string, session: AnalysisSession, checker: FixTypeChecker, finding: Finding, fix: Fix, alike: number): Verdict {
  const base = { repo, fixId: fixKind(fix.id), rule: finding.ruleId, file: path.relative(dir, finding.file), line: finding.start.line + 1 };
  let texts: Map<string, string>;
  try {
    texts = textsAfter(fix);
  } catch (error) {
    return { ...base, parses: false, addedDiagnostics: [], removesFinding: false, error: error instanceof Error ? error.message : String(error) };
  }
  const addedDiagnostics = checker.addedDiagnostics(texts);
  const parses = !addedDiagnostics.some((d) => / TS1\d{3}: /.test(d));
  for (const [file, text] of texts) session.setOverlay(file, text);
  const after = session.analyze();
  for (const file of texts.keys()) session.setOverlay(file, undefined);
  const same = (f: Finding) => f.ruleId === finding.ruleId && f.file === finding.file && f.message === finding.message;
  const removesFinding = after.findings.filter(same).length < alike;
  return { ...base, parses, addedDiagnostics, removesFinding };
}

function summaryTable(all: readonly Verdict[], bar: string): string {
  const byFix = new Map<string, Verdict[]>();
  for (const v of all) byFix.set(`${v.rule} ${v.fixId}`, [...(byFix.get(`${v.rule} ${v.fixId}`) ?? []), v]);
  for (const key of DECLINED.keys()) if (!byFix.has(key)) byFix.set(key, []);
  const rows = [...byFix].sort(([a], [b]) => a.localeCompare(b));
  const count = (vs: readonly Verdict[], test: (v: Verdict) => boolean) => vs.filter(test).length;
  const line = (cells: readonly (string | number)[]) => `${bar} ${cells.join(` ${bar} `)} ${bar}`;
  return [
    line(['rule → fix', 'declined', 'offered', 'judged', 'parse', 'no new type error', 'finding removed', 'all three']),
    line(['---', '---', '---', '---', '---', '---', '---', '---']),
    ...rows.map(([key, vs]) =>
      line([
        key.replace(' ', ' → '),
        DECLINED.get(key) ?? 0,
        OFFERED.get(key) ?? 0,
        vs.length,
        count(vs, (v) => v.parses && !v.error),
        count(vs, (v) => v.addedDiagnostics.length === 0 && !v.error),
        count(vs, (v) => v.removesFinding),
        count(vs, passes),
      ]),
    ),
    line([
      '**all**',
      [...DECLINED.values()].reduce((a, b) => a + b, 0),
      [...OFFERED.values()].reduce((a, b) => a + b, 0),
      all.length,
      count(all, (v) => v.parses && !v.error),
      count(all, (v) => v.addedDiagnostics.length === 0 && !v.error),
      count(all, (v) => v.removesFinding),
      count(all, passes),
    ]),
  ].join('\n');
}
