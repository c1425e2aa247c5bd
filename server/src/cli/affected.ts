import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, missingRef, repositoryTop } from './git';

/** The files changed since a git ref, or why they cannot be known (then every file is checked). */
export type ChangedFiles = { readonly files: ReadonlySet<string> } | { readonly unknown: string };

/**
 * What changed since `ref` in the repository holding `root`: commits since it, uncommitted edits
 * and new untracked files, as absolute POSIX paths. A ref a shallow clone does not hold, a folder
 * outside git, or git missing give a reason instead: a check must not pass on files it skipped.
 */
export function changedSince(ref: string, root: string): ChangedFiles {
  const repository = repositoryTop(root);
  if ('unknown' in repository) return repository;
  const toplevel = repository.top;
  const missing = missingRef(root, ref);
  if (missing !== undefined) return { unknown: missing };
  const diff = git(root, ['diff', '--name-only', '-z', ref, '--']);
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  if (!diff.ok) return { unknown: `git diff ${ref} failed (${diff.error})` };
  if (!untracked.ok) return { unknown: `git ls-files failed (${untracked.error})` };
  // git names changed files from the top of the repository, untracked ones from the folder it runs
  // in; both become paths under `root` as the analysis names files (links resolved only to compare).
  const topFromRoot = path.relative(fs.realpathSync(root), fs.realpathSync(toplevel));
  const names = (out: string) => out.split('\0').filter((f) => f !== '');
  const files = [...names(diff.out).map((f) => path.join(root, topFromRoot, f)), ...names(untracked.out).map((f) => path.join(root, f))];
  return { files: new Set(files.map((f) => f.split(path.sep).join('/'))) };
}
