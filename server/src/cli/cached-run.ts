import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from './args';
import { CACHE_FOLDER, OutputCache } from './output-cache';
import { errorMessage } from '../engine/errors';

/** What the CLI needs from the process; tests pass a fake. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Colour unless told otherwise: stdout is a terminal and `NO_COLOR` is unset. */
  readonly colorByDefault: boolean;
}

/** Served from the cache (exit code, output already written), or the cache to fill after analyzing. */
export type CacheOutcome = { readonly served: number } | { readonly cache: OutputCache | undefined };

/** Looks a check up in the cache. Loads nothing of the analysis: the CLI's warm start. */
export function tryCache(command: Extract<Command, { name: 'check' }>, io: Io): CacheOutcome {
  const root = path.resolve(io.cwd, command.dir);
  if (!isFolder(root)) return { cache: undefined };
  const cache = openCache(command, root, io);
  const hit = cache?.read();
  if (!hit) return { cache };
  io.stderr(`layerguard: no input changed since the last run; results from ${path.join(path.relative(io.cwd, root) || '.', CACHE_FOLDER)} (--no-cache to analyze again).\n`);
  emit(hit.output, command.output, io);
  return { served: hit.exitCode };
}

/** The output goes to --output, or to stdout. */
export function emit(output: string, file: string | undefined, io: Io): void {
  if (file) fs.writeFileSync(path.resolve(io.cwd, file), output);
  else io.stdout(output);
}

function openCache(command: Extract<Command, { name: 'check' }>, root: string, io: Io): OutputCache | undefined {
  try {
    return OutputCache.for(command, root, io.cwd);
  } catch (error) {
    io.stderr(`layerguard: the cache is off for this run (${errorMessage(error)}).\n`);
    return undefined;
  }
}

export function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    // Not there: the analysis reports it as a usage error.
    return false;
  }
}
