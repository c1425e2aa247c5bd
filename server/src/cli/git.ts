import { spawnSync } from 'node:child_process';

export type GitOutcome = { readonly ok: true; readonly out: string } | { readonly ok: false; readonly error: string };

/** Runs git in `cwd`; its failure is a value with git's own words, never an exception. */
export function git(cwd: string, args: readonly string[], options: { readonly input?: string; readonly env?: NodeJS.ProcessEnv } = {}): GitOutcome {
  const result = spawnSync('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options });
  if (result.error) return { ok: false, error: result.error.message };
  return result.status === 0 ? { ok: true, out: result.stdout } : { ok: false, error: result.stderr.trim() || `exit ${result.status}` };
}

/** The top folder of the repository holding `dir`, or why there is none. */
export function repositoryTop(dir: string): { readonly top: string } | { readonly unknown: string } {
  const top = git(dir, ['rev-parse', '--show-toplevel']);
  return top.ok ? { top: top.out.trim() } : { unknown: `${dir} is not in a git repository (${top.error})` };
}

/** Why `ref` names no commit here: a shallow clone lacking it, or no such ref; undefined when it does. */
export function missingRef(dir: string, ref: string): string | undefined {
  if (git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).ok) return undefined;
  return isShallow(dir) ? `${ref} ${NOT_IN_SHALLOW_CLONE}` : `${ref} names no commit of this repository`;
}

/** What a shallow clone lacks, and how CI gets it. */
export const NOT_IN_SHALLOW_CLONE = 'is not in this shallow clone (fetch more history, e.g. fetch-depth: 0 in actions/checkout)';

/** Whether the repository holding `dir` is a shallow clone (history cut short). */
export function isShallow(dir: string): boolean {
  const shallow = git(dir, ['rev-parse', '--is-shallow-repository']);
  return shallow.ok && shallow.out.trim() === 'true';
}
