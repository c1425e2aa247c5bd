import * as path from 'node:path';
import { CONFIG_FILE_NAME, loadConfig, type ConfigError, type ResolvedConfig } from '../engine';
import { isFolder, type Io } from './cached-run';

export interface Prepared {
  readonly root: string;
  readonly config: ResolvedConfig;
  readonly configFile: string;
}

/** The folder and its configuration, or the exit code of a usage/config error (already reported). */
export function prepare(command: { dir: string; config?: string }, io: Io): Prepared | number {
  const root = path.resolve(io.cwd, command.dir);
  if (!isFolder(root)) {
    io.stderr(`layerguard: ${command.dir} is not a folder\n`);
    return 2;
  }
  const loaded = loadConfig(root, command.config);
  if (!loaded.ok) {
    io.stderr(formatConfigErrors(loaded.errors, io.cwd));
    return 2;
  }
  return { root, config: loaded.config, configFile: path.resolve(root, command.config ?? CONFIG_FILE_NAME) };
}

export function formatConfigErrors(errors: readonly ConfigError[], cwd: string): string {
  return errors.map((e) => `layerguard: invalid configuration ${configPlace(e, cwd)}: ${e.message}\n`).join('');
}

/** What is likely wrong in a valid configuration (a layer pattern matching no file); the check still runs. */
export function formatConfigWarnings(warnings: readonly ConfigError[], cwd: string): string {
  return warnings.map((w) => `layerguard: warning: ${configPlace(w, cwd)}: ${w.message}\n`).join('');
}

function configPlace(e: ConfigError, cwd: string): string {
  const where = e.start ? `:${e.start.line + 1}:${e.start.character + 1}` : '';
  return `${path.relative(cwd, e.file) || e.file}${where}`;
}
