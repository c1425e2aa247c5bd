import * as fs from 'node:fs';
import { errorMessage } from '../errors';

/** Far larger than any hand-written configuration (a few kilobytes); more is an accident or an attack. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ConfigFileRead =
  | { readonly ok: true; readonly text: string }
  /** `missing`: no file at all, which callers may treat as "use the defaults". */
  | { readonly ok: false; readonly missing: boolean; readonly reason: string };

/**
 * Reads a configuration file (layerguard.json, a tsconfig, a package.json) as text, refusing with
 * a reason what would hang or exhaust the run: a named pipe or a device (`/dev/zero`), which a
 * read never finishes, a folder, a link to nothing, and a file over `MAX_CONFIG_BYTES`. The type of
 * file is checked before it is opened: opening a named pipe blocks. A UTF-8 byte-order mark, which
 * some editors write, is dropped.
 */
export function readConfigFile(file: string): ConfigFileRead {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return unreachable(file, error);
  }
  if (!stat.isFile()) return refused(notRegular(stat));
  if (stat.size > MAX_CONFIG_BYTES) return refused(`${(stat.size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_CONFIG_BYTES / 1024 / 1024} MB limit for configuration files`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return refused(errorMessage(error));
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

export function notRegular(stat: fs.Stats): string {
  return `not a regular file but ${kindOf(stat)}`;
}

/**
 * Why a directory entry named like a source file cannot be read as one (a named pipe, a device,
 * a link to nothing or a loop of links), or undefined when it is a regular file behind its links.
 */
export function whyNotARegularFile(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'a loop of symbolic links';
    return code === 'ENOENT' ? 'a symbolic link to nothing' : errorMessage(error);
  }
  return stat.isFile() ? undefined : notRegular(stat);
}

function refused(reason: string): ConfigFileRead {
  return { ok: false, missing: false, reason };
}

/** Why `stat` failed: no file, a link to nothing (which `stat` sees as no file), a loop of links, or else. */
function unreachable(file: string, error: unknown): ConfigFileRead {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return refused('a loop of symbolic links');
  if (code !== 'ENOENT') return refused(errorMessage(error));
  try {
    if (!fs.lstatSync(file).isSymbolicLink()) return refused(errorMessage(error));
    return refused(`a symbolic link to ${fs.readlinkSync(file)}, which does not exist`);
  } catch (linkError) {
    // Nothing there, not even a link: the one case a caller may take for "no configuration".
    if ((linkError as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, missing: true, reason: 'file not found' };
    return refused(errorMessage(linkError));
  }
}

/** What a file that is not a regular file is, in words: `a named pipe (FIFO)`, `a device`… */
function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}
