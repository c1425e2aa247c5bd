// The corpus manifest (bench/corpus/manifest.json) and the command-line options the corpus
// scripts share.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'corpus');
const SPLITS = new Set(['dev', 'test', 'all']);

/** @typedef {{ id: string, repo: string, commit: string, path: string, split: 'dev' | 'test', testedIn?: string, styles: string[] }} CorpusRepo */

export function loadManifest(file = path.join(CORPUS_DIR, 'manifest.json')) {
  if (!fs.existsSync(file)) throw new Error(`no corpus manifest at ${file}`);
  const { repos } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ids = new Set();
  for (const repo of repos) {
    if (!/^[0-9a-f]{40}$/.test(repo.commit)) throw new Error(`${file}: ${repo.id} has no pinned 40-digit commit`);
    if (repo.split !== 'dev' && repo.split !== 'test') throw new Error(`${file}: ${repo.id} has split "${repo.split}"`);
    if (ids.has(repo.id)) throw new Error(`${file}: ${repo.id} is listed twice`);
    ids.add(repo.id);
  }
  return {
    /** @type {CorpusRepo[]} */
    repos,
    /** The repositories of a split (`all`: every one), or the listed ids, or those of one past test measurement. */
    select({ split = 'all', only = [], testedIn = '' }) {
      const unknown = only.filter((id) => !ids.has(id));
      if (unknown.length > 0) throw new Error(`unknown corpus ids: ${unknown.join(', ')}`);
      if (testedIn && !repos.some((r) => r.testedIn === testedIn)) throw new Error(`no corpus repository has testedIn "${testedIn}"`);
      return repos.filter((r) => (only.length > 0 ? only.includes(r.id) : testedIn ? r.testedIn === testedIn : split === 'all' || r.split === split));
    },
  };
}

/**
 * `<checkouts dir>` plus `--split`, `--only`, `--tested-in` and the extra options given as `{ name: 'string' | 'boolean' }`.
 * Exits with a one-line usage error on bad input.
 */
export function parseCorpusArgs(argv, extra = {}) {
  const options = { split: { type: 'string', default: 'all' }, only: { type: 'string', default: '' }, 'tested-in': { type: 'string', default: '' } };
  for (const [name, type] of Object.entries(extra)) options[name] = { type };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const [dir] = parsed.positionals;
  if (!dir) usage('missing <checkouts dir>');
  if (!SPLITS.has(parsed.values.split)) usage(`--split must be dev, test or all, not "${parsed.values.split}"`);
  const only = parsed.values.only ? parsed.values.only.split(',').filter(Boolean) : [];
  const { 'tested-in': testedIn, ...values } = parsed.values;
  return { ...values, testedIn, dir: path.resolve(dir), only };
}

function usage(message) {
  console.error(`corpus: ${message}\nusage: <script> <checkouts dir> [--split dev|test|all] [--only id,id] [--tested-in test-vN] [options]`);
  process.exit(2);
}
