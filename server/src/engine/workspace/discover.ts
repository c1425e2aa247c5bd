import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/resolved';
import { TEST_FILE_GLOBS } from '../config/resolved';
import { ts } from '../ts';
import type { Problem } from '../types';
import { errorMessage } from '../errors';
import { findMonorepo, type Monorepo } from './packages';
import { loadTsconfig, type LoadedTsconfig, type PackageDirs } from './tsconfig';
import { insideWorkspace, isDirectory, isInside, normalize, outsideWorkspace, SOURCE_EXTENSION, whySourceLinkIsSkipped, type InsideWorkspace } from './paths';

export interface Project {
  /** The tsconfig/jsconfig, or undefined for a folder analyzed without one. */
  readonly configFile?: string;
  readonly dir: string;
  readonly options: ts.CompilerOptions;
}

export interface DiscoveredWorkspace {
  readonly root: string;
  /** The monorepo around the folder, whose packages resolve to their sources. */
  readonly monorepo?: Monorepo;
  readonly projects: readonly Project[];
  /** Every file to analyze, with the project whose options resolve its imports. */
  readonly files: ReadonlyMap<string, Project>;
  readonly problems: readonly Problem[];
}

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
export function discoverWorkspace(root: string, config: ResolvedConfig, maxFiles = MAX_SOURCE_FILES): DiscoveredWorkspace {
  const normalizedRoot = normalize(path.resolve(root));
  const monorepo = findMonorepo(normalizedRoot);
  const discovery: Discovery = { root: normalizedRoot, isIgnored: ignoreMatcher(normalizedRoot, config), packageDirs: monorepo?.packages ?? new Map(), files: new Map(), projects: [], problems: [] };
  const rootConfig = rootConfigFile(normalizedRoot);
  const rootLoaded = rootConfig ? loadTsconfig(rootConfig, discovery.packageDirs, normalizedRoot) : undefined;
  addConfiguredProjects(rootConfig ? [rootConfig] : findNestedConfigs(normalizedRoot, discovery.problems), discovery, rootLoaded);
  if (rootLoaded) addUnreferencedProjects(normalizedRoot, rootLoaded, discovery);
  if (discovery.projects.length === 0) addLooseProject(normalizedRoot, discovery);
  else if (!rootConfig) addLooseRemainder(normalizedRoot, discovery);
  else if (rootConfig && discovery.files.size === 0) addUncoveredFolder(normalizedRoot, rootConfig, discovery);
  else if (rootConfig && discovery.files.size < FEW_FILES) noteUncoveredSources(normalizedRoot, rootConfig, discovery);
  keepWithinBudget(discovery, maxFiles);
  if (discovery.files.size === 0) {
    // An analysis of nothing passes every check: say so rather than print a clean result.
    discovery.problems.push({
      kind: 'project',
      file: normalizedRoot,
      message: 'Nothing to analyze: no TypeScript or JavaScript source file was found in this folder (tests, build output and ignored files are left out).',
    });
  }
  const { projects, files, problems } = discovery;
  return { root: normalizedRoot, ...(monorepo ? { monorepo } : {}), projects, files, problems };
}

/**
 * Five times the largest backend measured (20,000 files: 30 s and 1.5 GB from the CLI, 2 GB in the
 * language server): beyond it an analysis would take longer than anyone waits, or exhaust memory.
 */
export const MAX_SOURCE_FILES = 100_000;

/**
 * More source files than the budget: the first by path are analyzed, and the rest are said once,
 * as a part of the analysis lost (a check fails rather than pass on files it did not read).
 */
function keepWithinBudget(discovery: Discovery, maxFiles: number): void {
  if (discovery.files.size <= maxFiles) return;
  const sorted = [...discovery.files.keys()].sort();
  const left = sorted.slice(maxFiles);
  for (const file of left) discovery.files.delete(file);
  discovery.problems.push({
    kind: 'project',
    lost: true,
    file: discovery.root,
    message: `${sorted.length.toLocaleString('en')} source files found, more than the ${maxFiles.toLocaleString('en')} one analysis takes: ${left.length.toLocaleString('en')} were not analyzed (from ${left[0]}). Open a smaller folder, or leave generated and vendored code out with "ignore" in layerguard.json.`,
  });
}

/** What discovery has found so far. */
interface Discovery {
  readonly root: string;
  readonly isIgnored: (file: string) => boolean;
  /** The monorepo's packages by name, where a config's `extends` may point. */
  readonly packageDirs: PackageDirs;
  readonly files: Map<string, Project>;
  readonly projects: Project[];
  readonly problems: Problem[];
}

/** Each config file and the ones it references, once each; `preloaded` is a config already read. */
function addConfiguredProjects(configFiles: readonly string[], discovery: Discovery, preloaded?: LoadedTsconfig): void {
  const seenConfigs = new Set<string>();
  const queue = [...configFiles];
  while (queue.length > 0) {
    const configFile = normalize(queue.shift()!);
    if (seenConfigs.has(configFile)) continue;
    seenConfigs.add(configFile);
    queue.push(...addConfiguredProject(preloaded?.configFile === configFile ? preloaded : loadTsconfig(configFile, discovery.packageDirs, discovery.root), discovery));
  }
}

/**
 * Adds the project of one config file (a file stays with the first project that lists it); returns
 * the config files it references inside the opened folder. A reference to a sibling package is not
 * followed: the user opened this folder, so only its files are reported on; what it imports from the
 * sibling is read as an outside input.
 */
function addConfiguredProject(loaded: LoadedTsconfig, discovery: Discovery): string[] {
  const { configFile } = loaded;
  discovery.problems.push(...loaded.problems);
  const references = loaded.references.filter((r) => isInside(discovery.root, r) && fs.existsSync(r));
  const project: Project = { configFile, dir: normalize(path.dirname(configFile)), options: loaded.options };
  discovery.projects.push(project);
  for (const file of loaded.fileNames) {
    if (SOURCE_EXTENSION.test(file) && isInside(discovery.root, file) && !discovery.isIgnored(file) && !discovery.files.has(file)) discovery.files.set(file, project);
  }
  return references;
}

/**
 * Projects below the root that the root config neither includes nor references: a full-stack
 * repository's `tsconfig.json` often covers only the front end (`src/`), and the server has its own
 * (`server/tsconfig.json`). Their files would otherwise be silently left out. A nested config adds
 * only the files no project has yet; one in a folder the root config excludes is left out.
 */
function addUnreferencedProjects(root: string, rootConfig: LoadedTsconfig, discovery: Discovery): void {
  const known = new Set(discovery.projects.map((p) => p.configFile));
  const excluded = excludedBy(rootConfig);
  const nested = findNestedConfigs(root, discovery.problems).filter((c) => !known.has(c) && !discovery.isIgnored(c) && !excluded(path.posix.relative(root, path.posix.dirname(c))));
  for (const configFile of nested) {
    const loaded = loadTsconfig(configFile, discovery.packageDirs, discovery.root);
    const uncovered = loaded.fileNames.filter((file) => SOURCE_EXTENSION.test(file) && isInside(root, file) && !discovery.isIgnored(file) && !discovery.files.has(normalize(file)));
    if (uncovered.length === 0) continue;
    addConfiguredProjects([configFile], discovery, loaded);
  }
}

/** Folders the root config's `exclude` leaves out on purpose (`"exclude": ["examples"]`): their own configs are not the app's. */
function excludedBy(config: LoadedTsconfig): (folder: string) => boolean {
  const patterns = config.excludes.map((e) => e.replace(/^\.\//, '').replace(/\/+$/, ''));
  const matchers = patterns.map((p) => picomatch([p, `${p}/**`], { dot: true }));
  return (folder) => matchers.some((matches) => matches(folder));
}

/** No config anywhere: `src/` (or the folder itself) as one project with default options. */
function addLooseProject(root: string, discovery: Discovery): void {
  const sourceDir = fs.existsSync(path.join(root, 'src')) ? normalize(path.join(root, 'src')) : root;
  const project: Project = { dir: root, options: DEFAULT_COMPILER_OPTIONS };
  discovery.projects.push(project);
  for (const file of walkSourceFiles(sourceDir, discovery.problems, root)) if (!discovery.isIgnored(file)) discovery.files.set(file, project);
  discovery.problems.push({
    kind: 'project',
    file: root,
    message: `No tsconfig.json or jsconfig.json found: analyzing ${discovery.files.size} files under ${path.relative(root, sourceDir) || '.'}/ with default Node module resolution (path aliases will not resolve).`,
  });
}

/**
 * No config at the root, but some below it: a JavaScript server in `src/` beside a front end in
 * `portal/` with its own tsconfig. When the sources outside every nested project outnumber the
 * projects' own, they are the app, and are analyzed as a loose project (with default options)
 * rather than silently left out; a monorepo root's few scripts beside its packages are not.
 */
function addLooseRemainder(root: string, discovery: Discovery): void {
  const projectDirs = discovery.projects.map((p) => `${p.dir}/`);
  const remainder = walkSourceFiles(root, discovery.problems).filter(
    (file) => !discovery.files.has(file) && !discovery.isIgnored(file) && !/\.d\.[cm]?ts$/.test(file) && !projectDirs.some((dir) => file.startsWith(dir)),
  );
  if (remainder.length < Math.max(10, discovery.files.size)) return;
  const project: Project = { dir: root, options: DEFAULT_COMPILER_OPTIONS };
  discovery.projects.push(project);
  for (const file of remainder) discovery.files.set(file, project);
  discovery.problems.push({
    kind: 'project',
    file: root,
    message: `No tsconfig.json or jsconfig.json at the root: analyzing the ${remainder.length} files outside the nested projects (${discovery.projects.length - 1}) with default Node module resolution (path aliases will not resolve).`,
  });
}

/**
 * The folder's tsconfig covers none of its files (`"files": []`, a config kept for an editor or a
 * single script): analyze the whole folder with that config's options rather than nothing — an
 * analysis of zero files would pass a check it never ran.
 */
function addUncoveredFolder(root: string, rootConfig: string, discovery: Discovery): void {
  const configured = discovery.projects.find((p) => p.configFile === rootConfig);
  const project: Project = { dir: root, options: { ...DEFAULT_COMPILER_OPTIONS, ...configured?.options, allowJs: true } };
  discovery.projects.push(project);
  for (const file of walkSourceFiles(root, discovery.problems)) if (!discovery.isIgnored(file)) discovery.files.set(file, project);
  if (discovery.files.size === 0) return;
  discovery.problems.push({
    kind: 'project',
    file: rootConfig,
    message: `${path.posix.basename(rootConfig)} includes no source file: analyzing all ${discovery.files.size} files of the folder with its compiler options instead.`,
  });
}

/** Below this many files, a project may be a small corner of the folder: its other sources are counted. */
const FEW_FILES = 50;

/**
 * The folder's tsconfig covers a few files (an `include` of `src/` only, for a client written in
 * TypeScript) while far more sources lie outside it (a server in `lib/` written in JavaScript):
 * they are not analyzed, as tsc would not compile them, and the user is told where they are rather
 * than shown a clean result for a corner of the code.
 */
function noteUncoveredSources(root: string, rootConfig: string, discovery: Discovery): void {
  const uncovered = walkSourceFiles(root, discovery.problems).filter((file) => !discovery.files.has(file) && !discovery.isIgnored(file) && !/\.d\.[cm]?ts$/.test(file));
  if (uncovered.length < Math.max(10, discovery.files.size)) return;
  const byFolder = new Map<string, number>();
  for (const file of uncovered) {
    const [first, second] = path.posix.relative(root, file).split('/');
    const folder = second === undefined ? '.' : `${first ?? ''}/`;
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
  }
  const largest = [...byFolder]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([folder, count]) => `${folder === '.' ? 'the folder itself' : folder} (${count})`);
  discovery.problems.push({
    kind: 'project',
    file: rootConfig,
    message: `${path.posix.basename(rootConfig)} covers ${discovery.files.size} files; ${uncovered.length} more source files of the folder are outside it and not analyzed, most in ${largest.join(', ')}. Add them to its "include" (with "allowJs" for JavaScript) or open the folder that holds the server.`,
  });
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
  walkDirectories(root, NESTED_CONFIG_DEPTH, problems, insideWorkspace(root), (dir) => {
    const config = rootConfigFile(dir);
    if (config && dir !== root) {
      found.push(config);
      return false;
    }
    return true;
  });
  return found.sort();
}

/**
 * Source files under `dir`. Links are followed only while they stay inside `workspace` (by real
 * path): a link to `/` or `/proc` must not make the analysis read the machine.
 */
function walkSourceFiles(dir: string, problems: Problem[], workspace = dir): string[] {
  const files: string[] = [];
  const inside = insideWorkspace(workspace);
  walkDirectories(dir, Number.POSITIVE_INFINITY, problems, inside, (current, entries) => {
    for (const entry of entries) {
      if (!SOURCE_EXTENSION.test(entry.name) || entry.isDirectory()) continue;
      const file = path.posix.join(current, entry.name);
      // A link to a source file is one; a named pipe, a link to nothing or a loop of links is
      // said, not skipped in silence.
      const why = entry.isFile() ? undefined : whySourceLinkIsSkipped(file, inside);
      if (why === undefined) files.push(file);
      else problems.push({ kind: 'read', file, message: `skipped: ${why}` });
    }
    return true;
  });
  return files.sort();
}

/**
 * Depth-first walk that follows symlinked folders once (by real path: symlink loops end), skips
 * dependency and build folders, and reports unreadable folders instead of failing.
 */
function walkDirectories(start: string, maxDepth: number, problems: Problem[], inside: InsideWorkspace, visit: (dir: string, entries: fs.Dirent[]) => boolean): void {
  const seenRealPaths = new Set<string>();
  const stack: { dir: string; depth: number }[] = [{ dir: start, depth: 0 }];
  while (stack.length > 0) {
    const { dir, depth } = stack.pop()!;
    const entries = readFolderOnce(dir, seenRealPaths, problems);
    if (!entries || !visit(dir, entries) || depth >= maxDepth) continue;
    stack.push(...subfoldersToWalk(dir, entries, inside, problems).map((sub) => ({ dir: sub, depth: depth + 1 })));
  }
}

/** The folder's entries; undefined when it was walked already (by real path) or cannot be read (reported). */
function readFolderOnce(dir: string, seenRealPaths: Set<string>, problems: Problem[]): fs.Dirent[] | undefined {
  try {
    const real = fs.realpathSync(dir);
    if (seenRealPaths.has(real)) return undefined;
    seenRealPaths.add(real);
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ kind: 'read', file: dir, message: `cannot read folder: ${errorMessage(error)}` });
    return undefined;
  }
}

/**
 * Folders (and symlinks to folders) under `dir`, hidden, dependency and build folders left out;
 * in reverse name order, so the walk's stack pops them in name order.
 */
function subfoldersToWalk(dir: string, entries: fs.Dirent[], inside: InsideWorkspace, problems: Problem[]): string[] {
  const subfolders: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? 1 : -1))) {
    if (entry.name.startsWith('.') || PRUNED_DIRS.has(entry.name)) continue;
    const folder = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) subfolders.push(folder);
    else if (entry.isSymbolicLink() && isDirectory(folder)) {
      const outside = outsideWorkspace(folder, inside);
      if (outside === undefined) subfolders.push(folder);
      else problems.push({ kind: 'read', file: folder, message: `skipped: ${outside}` });
    }
  }
  return subfolders;
}
