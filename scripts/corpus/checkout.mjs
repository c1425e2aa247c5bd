// Checks out the corpus of bench/corpus/manifest.json at its pinned commits:
//   node scripts/corpus/checkout.mjs <checkouts dir> [--split dev|test] [--only id,id] [--mirrors <dir>]
// Each repository lands whole in <checkouts dir>/<id>/ (workspace packages outside the analyzed
// folder must resolve). With --mirrors, `<dir>/<owner>+<name>/repo` git directories are used
// instead of cloning from GitHub. A checkout already at its commit is kept (a `.corpus-commit`
// file records it). The code fetched here is for measuring only: it is never committed.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadManifest, parseCorpusArgs } from './manifest.mjs';

const args = parseCorpusArgs(process.argv.slice(2), { mirrors: 'string' });
const manifest = loadManifest();
fs.mkdirSync(args.dir, { recursive: true });

for (const repo of manifest.select(args)) {
  const target = path.join(args.dir, repo.id);
  const stamp = path.join(target, '.corpus-commit');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === repo.commit) {
    console.log(`${repo.id}: already at ${repo.commit.slice(0, 10)}`);
    continue;
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const gitDir = args.mirrors ? mirrorOf(args.mirrors, repo.repo) : cloneInto(target, repo);
  extract(gitDir, repo.commit, target);
  if (!args.mirrors) fs.rmSync(gitDir, { recursive: true, force: true });
  fs.writeFileSync(stamp, `${repo.commit}\n`);
  console.log(`${repo.id}: ${repo.repo}@${repo.commit.slice(0, 10)} -> ${target}`);
}

function mirrorOf(mirrors, name) {
  const repoDir = path.join(mirrors, name.replace('/', '+'), 'repo');
  if (!fs.existsSync(repoDir)) fail(`no mirror of ${name} at ${repoDir}`);
  // Most mirrors are bare; some come with a work tree, their git directory inside.
  const inner = path.join(repoDir, '.git');
  return fs.existsSync(inner) ? inner : repoDir;
}

function cloneInto(target, repo) {
  const gitDir = path.join(target, '.corpus-git');
  const url = `https://github.com/${repo.repo}.git`;
  git(['init', '--bare', '--quiet', gitDir]);
  const fetched = spawnSync('git', ['--git-dir', gitDir, 'fetch', '--depth=1', '--quiet', url, repo.commit], { stdio: 'inherit' });
  if (fetched.status !== 0) fail(`could not fetch ${url} at ${repo.commit}`);
  return gitDir;
}

function extract(gitDir, commit, target) {
  let archive = spawnSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', commit], { maxBuffer: 2 ** 31 });
  if (archive.status !== 0) {
    // A snapshot mirror may lack its largest blobs (videos, images); archive the files it has and say what is left out.
    const missing = missingBlobs(gitDir, commit);
    if (missing.length === 0) fail(`git archive ${commit} failed in ${gitDir}: ${archive.stderr.toString()}`);
    console.warn(`  ${missing.length} file(s) absent from the mirror are left out, e.g. ${missing.slice(0, 3).join(', ')}`);
    const pathspecs = missing.map((file) => `:(exclude,literal)${file}`);
    archive = spawnSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', commit, '--', '.', ...pathspecs], { maxBuffer: 2 ** 31 });
    if (archive.status !== 0) fail(`git archive ${commit} failed in ${gitDir}: ${archive.stderr.toString()}`);
  }
  const untar = spawnSync('tar', ['-x', '-C', target], { input: archive.stdout, maxBuffer: 2 ** 31 });
  if (untar.status !== 0) fail(`tar failed for ${target}: ${untar.stderr.toString()}`);
}

/** Paths of the commit's files whose blobs the git directory does not hold. */
function missingBlobs(gitDir, commit) {
  const tree = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 2 ** 30 }).toString();
  const entries = tree
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, file] = line.split('\t');
      return { type: meta.split(' ')[1], object: meta.split(' ')[2], file };
    })
    .filter((e) => e.type === 'blob');
  const check = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-check'], { input: entries.map((e) => e.object).join('\n') + '\n', maxBuffer: 2 ** 30 });
  const answers = check.stdout.toString().split('\n');
  return entries.filter((_, i) => / missing$/.test(answers[i] ?? '')).map((e) => e.file);
}

function git(argv) {
  execFileSync('git', argv, { stdio: 'inherit' });
}

function fail(message) {
  console.error(`corpus checkout: ${message}`);
  process.exit(2);
}
