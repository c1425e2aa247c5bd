import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, isShallow, missingRef, NOT_IN_SHALLOW_CLONE, repositoryTop } from './git';

/** The analyzed folder as it was at a commit, written to a temporary folder from git's objects. */
export interface Snapshot {
  /** The analyzed folder inside the snapshot. */
  readonly root: string;
  readonly commit: string;
  /** What the report calls it: `origin/main (merge base 1a2b3c4)`. */
  readonly label: string;
  /** Files renamed since the commit (its path → today's, relative to the analyzed folder), as git detects them. */
  readonly renamed: ReadonlyMap<string, string>;
  /** What could not be set up as in the working tree (a link to node_modules). */
  readonly notes: readonly string[];
  /** Removes the temporary folder. */
  dispose(): void;
}

/**
 * Files the analysis can read: sources, and the JSON of tsconfigs, package manifests, the
 * configuration and the baseline. Images, lockfiles' neighbours and the like stay in git.
 */
const ANALYZABLE = /\.(?:[cm]?[jt]sx?|json|jsonc)$/;
const VENDORED = /(?:^|\/)node_modules\//;

/**
 * Writes the tree of the merge base of `ref` and HEAD (what a pull request changes is measured
 * from where it branched: main moving on is not the change's doing) into a temporary folder,
 * through a temporary index: the working tree, the index and HEAD are left alone. The folder gets
 * links to the working tree's node_modules, so tsconfigs extending a package resolve as they do.
 */
export function snapshotAt(ref: string, root: string): Snapshot | { readonly error: string } {
  const repository = repositoryTop(root);
  if ('unknown' in repository) return { error: repository.unknown };
  const missing = missingRef(root, ref);
  if (missing !== undefined) return { error: missing };
  const base = mergeBase(root, ref);
  if ('error' in base) return base;
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-base-'));
  const dispose = () => fs.rmSync(temp, { recursive: true, force: true });
  const written = writeTree(repository.top, base.commit, temp);
  if (written !== undefined) {
    dispose();
    return { error: written };
  }
  const fromTop = path.relative(fs.realpathSync(repository.top), fs.realpathSync(root));
  const snapshotRoot = path.join(temp, 'tree', fromTop);
  // The analyzed folder may be new on this branch: then the base has nothing in it.
  fs.mkdirSync(snapshotRoot, { recursive: true });
  const notes = linkNodeModules([
    [root, snapshotRoot],
    [repository.top, path.join(temp, 'tree')],
  ]);
  const renames = renamesSince(base.commit, root);
  if ('error' in renames) notes.push(`renamed files could not be detected (${renames.error}); they show as removed and added`);
  const short = base.commit.slice(0, 7);
  return {
    root: snapshotRoot.split(path.sep).join('/'),
    commit: base.commit,
    label: base.isRef ? `${ref} (${short})` : `${ref} (merge base ${short})`,
    renamed: 'error' in renames ? new Map() : renames,
    notes,
    dispose,
  };
}

function mergeBase(root: string, ref: string): { readonly commit: string; readonly isRef: boolean } | { readonly error: string } {
  const head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) return { error: 'HEAD names no commit yet (commit once, then compare)' };
  const found = git(root, ['merge-base', ref, 'HEAD']);
  if (!found.ok) {
    const why = isShallow(root) ? NOT_IN_SHALLOW_CLONE : 'does not exist: they share no history';
    return { error: `the merge base of ${ref} and HEAD ${why}` };
  }
  const commit = found.out.trim();
  const refCommit = git(root, ['rev-parse', `${ref}^{commit}`]);
  return { commit, isRef: refCommit.ok && refCommit.out.trim() === commit };
}

/**
 * What git's rename detection pairs between the commit and the working tree (committed, staged
 * or not), paths relative to `root`: `git diff -z` prints `R<score>`, the old path, the new path.
 */
function renamesSince(commit: string, root: string): Map<string, string> | { readonly error: string } {
  const out = git(root, ['diff', '-M', '--name-status', '-z', '--relative', commit, '--']);
  if (!out.ok) return { error: out.error };
  const fields = out.out.split('\0');
  const renamed = new Map<string, string>();
  for (let i = 0; i < fields.length;) {
    const status = fields[i] ?? '';
    if (status.startsWith('R') || status.startsWith('C')) {
      if (status.startsWith('R')) renamed.set(fields[i + 1] ?? '', fields[i + 2] ?? '');
      i += 3;
    } else i += status === '' ? 1 : 2;
  }
  return renamed;
}

/** Checks the analyzable files of `commit` out under `<temp>/tree/`; a failure is git's message. */
function writeTree(top: string, commit: string, temp: string): string | undefined {
  const listed = git(top, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  if (!listed.ok) return `git ls-tree ${commit} failed (${listed.error})`;
  const files = listed.out
    .split('\0')
    .map((entry) => /^\d+ blob [0-9a-f]+\t(.+)$/s.exec(entry)?.[1])
    .filter((file): file is string => file !== undefined && ANALYZABLE.test(file) && !VENDORED.test(file));
  const env = { ...process.env, GIT_INDEX_FILE: path.join(temp, 'index') };
  const read = git(top, ['read-tree', commit], { env });
  if (!read.ok) return `git read-tree ${commit} failed (${read.error})`;
  const prefix = `${path.join(temp, 'tree')}${path.sep}`;
  const out = git(top, ['checkout-index', '-z', '--stdin', `--prefix=${prefix}`], { env, input: files.join('\0') });
  return out.ok ? undefined : `git checkout-index failed (${out.error})`;
}

/** For each pair, `<snapshot>/node_modules` → `<working folder>/node_modules` when the latter exists. */
function linkNodeModules(pairs: readonly (readonly [string, string])[]): string[] {
  const notes: string[] = [];
  for (const [working, snapshot] of pairs) {
    const target = path.join(working, 'node_modules');
    const link = path.join(snapshot, 'node_modules');
    if (!fs.existsSync(target) || fs.existsSync(link)) continue;
    try {
      fs.symlinkSync(target, link, 'junction');
    } catch (error) {
      notes.push(`the base could not use ${target} (${(error as Error).message}); a tsconfig extending a package may not resolve there`);
    }
  }
  return notes;
}
