// The corpus report: per half, per rule precision (over labelled findings) and recall (over
// known real problems: findings labelled true, and misses), plus a line per repository.
import { labelKey } from './labels.mjs';

/** Per half: rows by rule, a total row, and the repositories. */
export function measure({ runs, findings, sampled, labels }, manifest) {
  const splitOf = new Map(manifest.repos.map((r) => [r.id, r.split]));
  const analyzed = new Set(runs.map((r) => r.repo.id));
  const sampledSet = new Set(sampled);
  const reported = new Set(findings.map(labelKey));
  const caught = (label) => (label.verdict === 'miss' ? findings.some((f) => nearby(f, label)) : reported.has(labelKey(label)));
  const halves = [];
  for (const split of ['dev', 'test']) {
    const inSplit = findings.filter((f) => f.split === split);
    const knownPositives = labels.all.filter((l) => analyzed.has(l.repo) && splitOf.get(l.repo) === split && (l.verdict === 'true' || l.verdict === 'miss'));
    if (inSplit.length === 0 && knownPositives.length === 0 && !runs.some((r) => r.repo.split === split)) continue;
    const rules = [...new Set([...inSplit.map((f) => f.ruleId), ...knownPositives.map((l) => l.rule)])].sort();
    const row = (name, fs, positives) => {
      const verdicts = fs.map((f) => labels.byKey.get(labelKey(f))?.verdict);
      const count = (v) => verdicts.filter((x) => x === v).length;
      const tp = count('true');
      const fp = count('false');
      const found = positives.filter(caught).length;
      return {
        name,
        findings: fs.length,
        errors: fs.filter((f) => f.severity === 'error').length,
        severity: [...new Set(fs.map((f) => f.severity))].join('/'),
        truePositives: tp,
        falsePositives: fp,
        debatable: count('debatable'),
        unlabelledSampled: fs.filter((f) => sampledSet.has(f) && verdicts[fs.indexOf(f)] === undefined).length,
        unlabelled: verdicts.filter((v) => v === undefined).length,
        precision: tp + fp > 0 ? tp / (tp + fp) : undefined,
        knownPositives: positives.length,
        found,
        misses: positives.filter((l) => l.verdict === 'miss').length,
        missesFound: positives.filter((l) => l.verdict === 'miss' && caught(l)).length,
        recall: positives.length > 0 ? found / positives.length : undefined,
      };
    };
    const ruleRows = rules.map((rule) =>
      row(
        rule,
        inSplit.filter((f) => f.ruleId === rule),
        knownPositives.filter((l) => l.rule === rule),
      ),
    );
    const repos = runs
      .filter((r) => r.repo.split === split)
      .map((r) => ({
        id: r.repo.id,
        files: r.summary.files,
        findings: r.findings.length,
        errors: r.findings.filter((f) => f.severity === 'error').length,
        problems: r.problems.length,
        exitCode: r.exitCode,
        seconds: r.ms / 1000,
      }));
    halves.push({ split, rules: ruleRows, total: row('all rules', inSplit, knownPositives), repos });
  }
  return halves;
}

/** A miss is caught by a finding of its rule in its file within 3 lines (rules report on slightly different nodes). */
function nearby(finding, label) {
  return finding.repo === label.repo && finding.file === label.file && finding.ruleId === label.rule && Math.abs(finding.line - label.line) <= 3;
}

const pct = (x) => (x === undefined ? '–' : `${(100 * x).toFixed(0)}%`);

const RULE_COLUMNS = ['rule', 'findings', 'errors', 'true', 'false', 'debatable', 'unlabelled (in sample)', 'precision', 'misses found', 'recall'];
function ruleCells(r) {
  return [
    r.name,
    r.findings,
    r.errors,
    r.truePositives,
    r.falsePositives,
    r.debatable,
    `${r.unlabelled} (${r.unlabelledSampled})`,
    pct(r.precision),
    `${r.missesFound}/${r.misses}`,
    r.knownPositives ? `${pct(r.recall)} (${r.found}/${r.knownPositives})` : '–',
  ];
}
const REPO_COLUMNS = ['repository', 'files', 'findings', 'errors', 'problems', 'exit', 'seconds'];
function repoCells(r) {
  return [r.id, r.files, r.findings, r.errors, r.problems, r.exitCode, r.seconds.toFixed(1)];
}

export function textTables(report, manifest) {
  return measure(report, manifest)
    .map((half) => [`== ${half.split} half`, grid(RULE_COLUMNS, [...half.rules.map(ruleCells), ruleCells(half.total)]), '', grid(REPO_COLUMNS, half.repos.map(repoCells))].join('\n'))
    .join('\n\n');
}

export function markdownTables(report, manifest) {
  const table = (columns, rows) => [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  return measure(report, manifest)
    .map((half) =>
      [
        `### ${half.split} half`,
        '',
        table(RULE_COLUMNS, [...half.rules.map(ruleCells), ruleCells(half.total).map((c, i) => (i === 0 ? `**${c}**` : c))]),
        '',
        table(REPO_COLUMNS, half.repos.map(repoCells)),
        '',
      ].join('\n'),
    )
    .join('\n');
}

function grid(columns, rows) {
  const cells = [columns, ...rows.map((r) => r.map(String))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  return cells.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n');
}
