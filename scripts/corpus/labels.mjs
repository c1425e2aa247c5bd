// bench/corpus/labels.jsonl: one judged finding a line.
//   {"repo": id, "file": relative to the analyzed folder, "line": 1-based, "rule": rule id,
//    "verdict": "true" | "false" | "debatable" | "miss", "reason": why, in a sentence}
// `miss` is a real problem the rule does not report (yet): it counts for recall.
import * as fs from 'node:fs';

export const VERDICTS = new Set(['true', 'false', 'debatable', 'miss']);

/** The key a finding and its label share. Findings carry `ruleId`, labels `rule`. */
export function labelKey(item) {
  return `${item.repo}|${item.file}|${item.line}|${item.rule ?? item.ruleId}`;
}

export function loadLabels(file) {
  const all = [];
  const byKey = new Map();
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    let label;
    try {
      label = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const problem = problemOf(label);
    if (problem) throw new Error(`${where}: ${problem}`);
    const key = labelKey(label);
    const earlier = byKey.get(key);
    // Two findings on one line (two secrets in one object) share a label when they agree.
    if (earlier && earlier.verdict !== label.verdict) throw new Error(`${where}: ${key} is labelled both ${earlier.verdict} and ${label.verdict}`);
    if (earlier) return;
    byKey.set(key, label);
    all.push(label);
  });
  return { all, byKey };
}

function problemOf(label) {
  if (typeof label !== 'object' || label === null) return 'not an object';
  for (const field of ['repo', 'file', 'rule', 'reason']) {
    if (typeof label[field] !== 'string' || label[field].trim() === '') return `"${field}" must be a non-empty string`;
  }
  if (!Number.isInteger(label.line) || label.line < 1) return '"line" must be a positive integer';
  if (!VERDICTS.has(label.verdict)) return `"verdict" must be one of ${[...VERDICTS].join(', ')}`;
  return undefined;
}
