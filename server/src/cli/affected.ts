import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The files changed since a git ref, or why they cannot be known (then every file is checked). */
export type ChangedFiles = { readonly files: ReadonlySet<string> } | { readonly unknown: string };

/**
 * What changed since `ref` in the repository holding `root`: commits since it, uncommitted edits
 * and new untracked files, as absolute POSIX paths. A ref a shallow clone does not hold, a folder
 * outside git, or git missing give a reason instead: a check must not pass on files it skipped.
 */
export function changedSince(ref: string, root: string): ChangedFiles {
  const top = git(root, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return { unknown: `${root} is not in a git repository (${top.error})` };
  const toplevel = top.out.trim();
  if (!git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).ok) {
    const shallow = git(root, ['rev-parse', '--is-shallow-repository']);
    return {
      unknown:
        shallow.ok && shallow.out.trim() === 'true' ? `${ref} is not in this shallow clone (fetch more history, e.g. fetch-depth: 0 in actions/checkout)` : `${ref} names no commit of this repository`,
    };
  }
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

function git(cwd: string, args: readonly string[]): { ok: true; out: string } | { ok: false; error: string } {
  const result = spawnSync('git', [...args], { cwd, encoding: 'utf8' });
  if (result.error) return { ok: false, error: result.error.message };
  return result.status === 0 ? { ok: true, out: result.stdout } : { ok: false, error: result.stderr.trim() || `exit ${result.status}` };
}
