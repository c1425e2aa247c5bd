import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENGINE_VERSION } from '../engine/version';
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

const INPUT_FILE = /\.(?:[cm]?[jt]sx?|json|jsonc)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

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
    if (command.fix || !command.cache) return undefined;
    const options = JSON.stringify([command.format, command.exitZero, command.color, command.config ?? null]);
    const file = path.join(root, CACHE_FOLDER, `check-${digest(options)}.json`);
    const excluded = command.output ? path.resolve(cwd, command.output) : undefined;
    return new OutputCache(file, buildIdentity(), inputsDigest(root, command.config ? path.resolve(cwd, command.config) : undefined, excluded));
  }

  /** The output and exit code of the last run, when nothing it read has changed since. */
  read(): { readonly exitCode: number; readonly output: string } | undefined {
    let entry: Partial<Entry>;
    try {
      entry = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<Entry>;
    } catch {
      // Missing or corrupt: a miss; the next write replaces it.
      return undefined;
    }
    const valid = entry.build === this.build && entry.inputs === this.inputs && typeof entry.output === 'string' && typeof entry.exitCode === 'number';
    return valid ? { exitCode: entry.exitCode!, output: entry.output! } : undefined;
  }

  /** Records a run; returns why it could not (a read-only folder), for a note on stderr. */
  write(output: string, exitCode: number): string | undefined {
    const entry: Entry = { build: this.build, inputs: this.inputs, exitCode, output };
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify(entry));
      fs.renameSync(temporary, this.file);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}

function digest(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The engine version and the code running it: a rebuilt CLI never trusts an older one's output.
 * The bundle knows its engine's hash (scripts/build.mjs); unbundled (tests), this module's own.
 */
function buildIdentity(): string {
  const bundled = process.env['LAYERGUARD_ENGINE_BUILD'];
  return `${ENGINE_VERSION}:${bundled ?? digestOf(__filename)}`;
}

/** One hash over the path and content of every input file, in a stable order. */
function inputsDigest(root: string, config: string | undefined, excluded: string | undefined): string {
  const hash = createHash('sha256');
  const files = inputFiles(root).filter((f) => f !== excluded);
  if (config && !files.includes(config)) files.push(config);
  for (const file of files.sort()) hash.update(`${path.relative(root, file)}\0${digestOf(file)}\0`);
  return hash.digest('hex');
}

function digestOf(file: string): string {
  try {
    return digest(fs.readFileSync(file));
  } catch (error) {
    return `unreadable:${error instanceof Error ? error.message : String(error)}`;
  }
}

function inputFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [root];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) pending.push(full);
      else if (entry.isFile() && INPUT_FILE.test(entry.name)) files.push(full);
    }
  }
  return files;
}
