import * as fs from 'node:fs';
import * as path from 'node:path';
import { whyNotARegularFile } from './read-config-file';

/** The files analyzed: TypeScript and JavaScript sources of every module kind. */
export const SOURCE_EXTENSION = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/i;

/** `/`-separated, as every path the engine hands out. */
export function normalize(file: string): string {
  return file.replace(/\\/g, '/');
}

/** `file` lies below `root` (not `root` itself). */
export function isInside(root: string, file: string): boolean {
  const relative = path.posix.relative(root, normalize(file));
  return relative !== '' && !relative.startsWith('../') && relative !== '..' && !path.posix.isAbsolute(relative);
}

/** Where a path really is, links resolved; undefined for a link to nothing or a loop of links (callers say so from their own stat). */
export function realPathOf(file: string): string | undefined {
  try {
    return normalize(fs.realpathSync(file));
  } catch {
    return undefined;
  }
}

/** A folder, through links; false for what is gone or leads nowhere: nothing to walk. */
export function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a real path lies in the workspace. */
export type InsideWorkspace = (realPath: string) => boolean;

/** The workspace's own real path is computed once. */
export function insideWorkspace(workspace: string): InsideWorkspace {
  const real = realPathOf(workspace) ?? workspace;
  return (realPath) => realPath === real || isInside(real, realPath);
}

/**
 * Why a linked entry is left out — it leads outside the analyzed folder — or undefined. Links
 * there are not followed: a link to `/` must not make the analysis read the machine.
 */
export function outsideWorkspace(link: string, inside: InsideWorkspace): string | undefined {
  const real = realPathOf(link);
  return real === undefined || inside(real) ? undefined : `a link leading outside the analyzed folder (to ${real}), not followed`;
}

/**
 * Why a source-named entry that is no plain file is left out — a named pipe, a link to nothing, a
 * loop of links, a link out of the workspace — or undefined for a link to a source file inside it.
 */
export function whySourceLinkIsSkipped(file: string, inside: InsideWorkspace): string | undefined {
  return whyNotARegularFile(file) ?? outsideWorkspace(file, inside);
}
