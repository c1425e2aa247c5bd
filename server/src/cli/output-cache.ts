import * as path from 'node:path';
import { buildIdentity, digest, inputsDigest, readJsonFile, writeJsonFile } from '../warm-start/inputs';
import type { Command } from './args';

/**
 * The CLI's warm start: when no input of an analysis changed since the last run with the same
 * options, its output is served from `node_modules/.cache/layerguard` without loading the
 * TypeScript compiler or parsing a file. This module must not import the engine's analysis (only
 * its version): the point is to answer before any of it is loaded.
 *
 * Inputs are every source, JSON and config file under the folder (not node_modules or .git), by
 * content hash, plus an outside `--config` file, the engine version and the build itself. A cache
 * file that is unreadable, corrupt or from another build is ignored and rewritten.
 */
export const CACHE_FOLDER = path.join('node_modules', '.cache', 'layerguard');

type CheckCommand = Extract<Command, { name: 'check' }>;

interface Entry {
  readonly build: string;
  readonly inputs: string;
  readonly exitCode: number;
  readonly output: string;
}

export class OutputCache {
  private constructor(
    private readonly file: string,
    private readonly build: string,
    private readonly inputs: string,
  ) {}

  /** The cache of a check command, or undefined for commands that must run (`--fix`, `--no-cache`). */
  static for(command: CheckCommand, root: string, cwd: string): OutputCache | undefined {
    // --affected depends on git's state, which the inputs' digest does not see.
    if (command.fix || !command.cache || command.affected !== undefined) return undefined;
    const options = JSON.stringify([command.format, command.exitZero, command.color, command.config ?? null, command.maxWarnings ?? null, command.failOnStaleBaseline]);
    const file = path.join(root, CACHE_FOLDER, `check-${digest(options)}.json`);
    const excluded = command.output ? path.resolve(cwd, command.output) : undefined;
    return new OutputCache(file, buildIdentity(), inputsDigest(root, command.config ? path.resolve(cwd, command.config) : undefined, excluded));
  }

  /** The output and exit code of the last run, when nothing it read has changed since. */
  read(): { readonly exitCode: number; readonly output: string } | undefined {
    const entry = (readJsonFile(this.file) ?? {}) as Partial<Entry>;
    const valid = entry.build === this.build && entry.inputs === this.inputs && typeof entry.output === 'string' && typeof entry.exitCode === 'number';
    return valid ? { exitCode: entry.exitCode!, output: entry.output! } : undefined;
  }

  /** Records a run; returns why it could not (a read-only folder), for a note on stderr. */
  write(output: string, exitCode: number): string | undefined {
    const entry: Entry = { build: this.build, inputs: this.inputs, exitCode, output };
    return writeJsonFile(this.file, entry);
  }
}
