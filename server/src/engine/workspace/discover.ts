import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/resolved';
import { TEST_FILE_GLOBS } from '../config/resolved';
import { ts } from '../ts';
import type { Problem } from '../types';
import { errorMessage } from './read-source';
import { loadTsconfig, normalize } from './tsconfig';

export interface Project {
  /** The tsconfig/jsconfig, or undefined for a folder analyzed without one. */
  readonly configFile?: string;
  readonly dir: string;
  readonly options: ts.CompilerOptions;
}

export interface DiscoveredWorkspace {
  readonly root: string;
  readonly projects: readonly Project[];
  /** Every file to analyze, with the project whose options resolve its imports. */
  readonly files: ReadonlyMap<string, Project>;
  readonly problems: readonly Problem[];
}

const SOURCE_EXTENSION = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/i;
const PRUNED_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'bower_components']);
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const NESTED_CONFIG_DEPTH = 4;

/** Loose folders (no tsconfig/jsconfig) are read with the options a Node backend typically has. */
export const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  resolveJsonModule: true,
  esModuleInterop: true,
};

/**
 * API boundary: finds the projects under `root` (its tsconfig or jsconfig and their references;
 * else the ones in sub-folders; else `src/` or the folder itself) and the files to analyze.
 */
export function discoverWorkspace(root: string, config: ResolvedConfig): DiscoveredWorkspace {
  const normalizedRoot = normalize(path.resolve(root));
  const problems: Problem[] = [];
  const isIgnored = ignoreMatcher(normalizedRoot, config);
  const files = new Map<string, Project>();
  const projects: Project[] = [];

  const configFiles = rootConfigFile(normalizedRoot) ? [rootConfigFile(normalizedRoot)!] : findNestedConfigs(normalizedRoot, problems);
  const seenConfigs = new Set<string>();
  const queue = [...configFiles];
  while (queue.length > 0) {
    const configFile = normalize(queue.shift()!);
    if (seenConfigs.has(configFile)) continue;
    seenConfigs.add(configFile);
    const loaded = loadTsconfig(configFile);
    problems.push(...loaded.problems);
    queue.push(...loaded.references.filter((r) => fs.existsSync(r)));
    const project: Project = { configFile, dir: normalize(path.dirname(configFile)), options: loaded.options };
    projects.push(project);
    for (const file of loaded.fileNames) if (SOURCE_EXTENSION.test(file) && !isIgnored(file) && !files.has(file)) files.set(file, project);
  }

  if (projects.length === 0) {
    const sourceDir = fs.existsSync(path.join(normalizedRoot, 'src')) ? normalize(path.join(normalizedRoot, 'src')) : normalizedRoot;
    const project: Project = { dir: normalizedRoot, options: DEFAULT_COMPILER_OPTIONS };
    projects.push(project);
    for (const file of walkSourceFiles(sourceDir, problems)) if (!isIgnored(file)) files.set(file, project);
    problems.push({
      kind: 'project',
      file: normalizedRoot,
      message: `No tsconfig.json or jsconfig.json found: analyzing ${files.size} files under ${path.relative(normalizedRoot, sourceDir) || '.'}/ with default Node module resolution (path aliases will not resolve).`,
    });
  }
  return { root: normalizedRoot, projects, files, problems };
}

function rootConfigFile(root: string): string | undefined {
  return CONFIG_NAMES.map((n) => path.posix.join(root, n)).find((f) => fs.existsSync(f));
}

export function ignoreMatcher(root: string, config: ResolvedConfig): (file: string) => boolean {
  const globs = config.includeTests ? config.ignore : [...config.ignore, ...TEST_FILE_GLOBS];
  const match = picomatch(globs as string[], { dot: true });
  return (file) => match(path.posix.relative(root, file));
}

/** tsconfig/jsconfig files in sub-folders (monorepos, a folder of several apps); not below one found. */
function findNestedConfigs(root: string, problems: Problem[]): string[] {
  const found: string[] = [];
  walkDirectories(root, NESTED_CONFIG_DEPTH, problems, (dir) => {
    const config = rootConfigFile(dir);
    if (config && dir !== root) {
      found.push(config);
      return false;
    }
    return true;
  });
  return found.sort();
}

function walkSourceFiles(dir: string, problems: Problem[]): string[] {
  const files: string[] = [];
  walkDirectories(dir, Number.POSITIVE_INFINITY, problems, (current, entries) => {
    for (const entry of entries) {
      if (entry.isFile() && SOURCE_EXTENSION.test(entry.name)) files.push(path.posix.join(current, entry.name));
    }
    return true;
  });
  return files.sort();
}

/**
 * Depth-first walk that follows symlinked folders once (by real path: symlink loops end), skips
 * dependency and build folders, and reports unreadable folders instead of failing.
 */
function walkDirectories(start: string, maxDepth: number, problems: Problem[], visit: (dir: string, entries: fs.Dirent[]) => boolean): void {
  const seenRealPaths = new Set<string>();
  const stack: { dir: string; depth: number }[] = [{ dir: start, depth: 0 }];
  while (stack.length > 0) {
    const { dir, depth } = stack.pop()!;
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      if (seenRealPaths.has(real)) continue;
      seenRealPaths.add(real);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ kind: 'read', file: dir, message: `cannot read folder: ${errorMessage(error)}` });
      continue;
    }
    if (!visit(dir, entries) || depth >= maxDepth) continue;
    for (const entry of entries.sort((a, b) => (a.name < b.name ? 1 : -1))) {
      if (entry.name.startsWith('.') || PRUNED_DIRS.has(entry.name)) continue;
      if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path.join(dir, entry.name)))) {
        stack.push({ dir: path.posix.join(dir, entry.name), depth: depth + 1 });
      }
    }
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false; // a dangling symlink is simply not a folder to walk
  }
}
