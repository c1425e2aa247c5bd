import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from '../ts';
import type { Problem } from '../types';
import { errorMessage } from '../errors';
import { insideWorkspace, isDirectory, outsideWorkspace, realPathOf, SOURCE_EXTENSION, whySourceLinkIsSkipped, type InsideWorkspace } from './paths';

type FileSystemEntries = { readonly files: readonly string[]; readonly directories: readonly string[] };

/** TypeScript's own walk behind `ts.sys.readDirectory`, which takes the listing of a folder as a function. */
type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => FileSystemEntries,
  realpath: (path: string) => string,
) => string[];

/**
 * `readDirectory` for a tsconfig's `include`, as tsc lists files, except that a symbolic link to a
 * folder outside `workspace` is not followed (tsc would walk `/` through a link to it) and a
 * source-named entry that is no regular file (a named pipe, a link to nothing) is said, not
 * skipped in silence. A place an `include` names itself is still listed: tsc starts there.
 */
export function boundedReadDirectory(workspace: string, problems: Problem[]): ts.ParseConfigHost['readDirectory'] {
  const matchFiles = (ts as unknown as { matchFiles?: MatchFiles }).matchFiles;
  // A TypeScript without the internal walk: list as tsc does, links and all.
  if (typeof matchFiles !== 'function') return (...args) => ts.sys.readDirectory(...args);
  const inside = insideWorkspace(workspace);
  const entries = (dir: string) => entriesWithin(dir, inside, problems);
  const realpath = (p: string) => realPathOf(p) ?? p;
  return (rootDir, extensions, excludes, includes, depth) =>
    matchFiles(rootDir, extensions, excludes, includes, ts.sys.useCaseSensitiveFileNames, ts.sys.getCurrentDirectory(), depth, entries, realpath);
}

function entriesWithin(dir: string, inside: InsideWorkspace, problems: Problem[]): FileSystemEntries {
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(dir || '.', { withFileTypes: true });
  } catch (error) {
    // tsc lists an unreadable folder as empty; so do we, and it is said.
    problems.push({ kind: 'read', file: dir, message: `cannot read folder: ${errorMessage(error)}` });
    return { files: [], directories: [] };
  }
  const files: string[] = [];
  const directories: string[] = [];
  for (const entry of dirents) {
    const full = path.join(dir, entry.name);
    if (entry.isFile()) files.push(entry.name);
    else if (entry.isDirectory()) directories.push(entry.name);
    else placeSpecialEntry(entry, full, inside, problems, files, directories);
  }
  return { files, directories };
}

/** A link or a special file: listed where it leads inside the workspace, else said. */
function placeSpecialEntry(entry: fs.Dirent, full: string, inside: InsideWorkspace, problems: Problem[], files: string[], directories: string[]): void {
  const folder = isDirectory(full);
  if (!folder && !SOURCE_EXTENSION.test(entry.name)) return;
  const why = folder ? outsideWorkspace(full, inside) : whySourceLinkIsSkipped(full, inside);
  if (why !== undefined) problems.push({ kind: 'read', file: full, message: `skipped: ${why}` });
  else if (folder) directories.push(entry.name);
  else files.push(entry.name);
}
