import picomatch from 'picomatch';

/**
 * The shortest leading part of a root-relative path that `match` accepts: whole folders, and with
 * `foldersOnly` false the whole path too. How a glob names "this folder and everything below it"
 * (packages, contract selectors, module folders); undefined outside the root.
 */
export function matchedPrefix(relative: string, match: (prefix: string) => boolean, foldersOnly: boolean): string | undefined {
  if (relative.startsWith('../')) return undefined;
  const parts = relative.split('/');
  const last = foldersOnly ? parts.length - 1 : parts.length;
  for (let end = 1; end <= last; end++) {
    const prefix = parts.slice(0, end).join('/');
    if (match(prefix)) return prefix;
  }
  return undefined;
}

/** Whether a root-relative path is below a folder the glob matches (`apps/api`, `services/*`). */
export function folderGlob(glob: string): (relative: string) => boolean {
  const match = picomatch(glob, { dot: true });
  return (relative) => matchedPrefix(relative, match, true) !== undefined;
}

/** The glob's matcher, or undefined for a glob picomatch cannot compile (the configuration's error, reported when it is loaded). */
export function globMatcher(glob: string): ((path: string) => boolean) | undefined {
  try {
    return picomatch(glob, { dot: true });
  } catch {
    return undefined;
  }
}
