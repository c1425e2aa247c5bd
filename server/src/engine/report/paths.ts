import * as path from 'node:path';

/** Report paths: relative to the analyzed root, `/`-separated; packages stay as named. */
export function relativePath(root: string, file: string): string {
  return path.posix.relative(root, file) || path.posix.basename(file);
}
