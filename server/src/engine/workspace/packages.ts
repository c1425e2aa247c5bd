import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { normalize } from './tsconfig';

/**
 * The packages of the monorepo around an opened folder (pnpm, npm and yarn workspaces, lerna),
 * read from their manifests, so that `import { UsersRepository } from '@acme/dal'` resolves to
 * the library's source even when `node_modules` is absent or holds only its build output.
 */

export interface WorkspacePackage {
  readonly name: string;
  /** Absolute, `/`-separated. */
  readonly dir: string;
  readonly manifest: PackageManifest;
}

interface PackageManifest {
  readonly name?: unknown;
  readonly main?: unknown;
  readonly module?: unknown;
  readonly types?: unknown;
  readonly typings?: unknown;
  readonly source?: unknown;
  readonly exports?: unknown;
  readonly workspaces?: unknown;
}

export interface Monorepo {
  /** The folder holding the workspace definition. */
  readonly root: string;
  readonly packages: ReadonlyMap<string, WorkspacePackage>;
}

const MAX_LEVELS_UP = 6;
const MAX_PACKAGE_DEPTH = 4;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.git']);
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Build output folders whose sources usually sit in `src/`. */
const OUTPUT_DIR = /^(?:\.\/)?(?:dist|build|lib|out|esm|cjs)(?:\/(?:esm|cjs|src))?\//;

/**
 * The monorepo whose workspace definition (`pnpm-workspace.yaml`, `workspaces` in `package.json`,
 * `lerna.json`) lists the opened folder or a folder above it, looking up to six levels up and not
 * past the repository root (`.git`). Undefined when there is none.
 */
export function findMonorepo(openedRoot: string): Monorepo | undefined {
  let dir = normalize(path.resolve(openedRoot));
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const patterns = workspacePatterns(dir);
    if (patterns) return { root: dir, packages: packagesMatching(dir, patterns) };
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
    const parent = normalize(path.dirname(dir));
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** The package globs a folder declares as its workspace, if it declares one. */
function workspacePatterns(dir: string): string[] | undefined {
  const pnpm = readText(path.join(dir, 'pnpm-workspace.yaml'));
  if (pnpm !== undefined) return yamlList(pnpm, 'packages');
  const manifest = readJson(path.join(dir, 'package.json'));
  const workspaces = manifest?.workspaces;
  if (Array.isArray(workspaces)) return workspaces.filter(isString);
  if (isRecord(workspaces) && Array.isArray(workspaces['packages'])) return workspaces['packages'].filter(isString);
  const lerna = readJson(path.join(dir, 'lerna.json')) as { packages?: unknown } | undefined;
  if (lerna) return Array.isArray(lerna.packages) ? lerna.packages.filter(isString) : ['packages/*'];
  return undefined;
}

/** The items of a top-level YAML list (`packages:` then `- 'apps/*'` lines): all a workspace file needs. */
export function yamlList(text: string, key: string): string[] {
  const items: string[] = [];
  let inList = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inList = line.startsWith(`${key}:`);
      continue;
    }
    const item = /^\s*-\s*(.+)$/.exec(line)?.[1];
    if (inList && item) items.push(item.trim().replace(/^(['"])(.*)\1$/, '$2'));
  }
  return items;
}

/** Folders (up to four levels below the workspace root) that match the globs and hold a named package. */
function packagesMatching(root: string, patterns: readonly string[]): Map<string, WorkspacePackage> {
  const include = patterns.filter((p) => !p.startsWith('!')).map((p) => p.replace(/\/+$/, ''));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/\/+$/, ''));
  const included = picomatch(include.length > 0 ? include : ['**']);
  const excluded = exclude.length > 0 ? picomatch(exclude) : () => false;
  const packages = new Map<string, WorkspacePackage>();
  const visit = (dir: string, depth: number) => {
    const relative = path.posix.relative(root, dir);
    if (relative !== '' && included(relative) && !excluded(relative)) addPackage(dir, packages);
    if (depth >= MAX_PACKAGE_DEPTH) return;
    for (const entry of readDir(dir)) {
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) visit(path.posix.join(dir, entry.name), depth + 1);
    }
  };
  visit(root, 0);
  return packages;
}

function addPackage(dir: string, packages: Map<string, WorkspacePackage>): void {
  const manifest = readJson(path.join(dir, 'package.json')) as PackageManifest | undefined;
  if (!manifest || typeof manifest.name !== 'string' || packages.has(manifest.name)) return;
  packages.set(manifest.name, { name: manifest.name, dir, manifest });
}

/** `@scope/pkg/sub` -> [`@scope/pkg`, `sub`]. */
export function splitSpecifier(specifier: string): { readonly name: string; readonly subpath: string } {
  const parts = specifier.split('/');
  const size = specifier.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, size).join('/'), subpath: parts.slice(size).join('/') };
}

/**
 * The source file a workspace package's specifier means: the entry its manifest names (`source`,
 * `exports`, `types`, `module`, `main`) mapped from the build output back to the sources (`dist/x.js`
 * -> `src/x.ts`), else `src/index` or `index`. Undefined when none exists.
 */
export function resolveInPackage(pkg: WorkspacePackage, subpath: string): string | undefined {
  return resolveDeclared(pkg, subpath)?.file;
}

/**
 * The same, saying whether the manifest declares what it resolved to: the package's entry, or a
 * subpath its `exports` lists (wildcards included), as opposed to a path found by trying folders;
 * and whether such a path is `open`: the package has no `exports` map to close it.
 */
export function resolveDeclared(pkg: WorkspacePackage, subpath: string): { readonly file: string; readonly declared: boolean; readonly open?: true } | undefined {
  const declared = subpath === '' ? entryCandidates(pkg.manifest) : exportsCandidates(pkg.manifest.exports, `./${subpath}`);
  const guessed = subpath === '' ? ['src/index', 'index', 'lib/index'] : [subpath, `src/${subpath}`];
  for (const candidate of declared) {
    const file = sourceFileFor(pkg.dir, candidate);
    if (file) return { file, declared: true };
  }
  // An entry is declared whichever file it turns out to be; a subpath only by `exports`. Without an
  // `exports` map every file of the package is importable: the subpath is open, neither declared nor closed.
  const open = subpath !== '' && pkg.manifest.exports === undefined;
  for (const candidate of guessed) {
    const file = sourceFileFor(pkg.dir, candidate);
    if (file) return { file, declared: subpath === '', ...(open ? { open: true as const } : {}) };
  }
  return undefined;
}

function entryCandidates(manifest: PackageManifest): string[] {
  const named = [manifest.source, ...exportsCandidates(manifest.exports, '.'), manifest.types, manifest.typings, manifest.module, manifest.main];
  return named.filter(isString);
}

/** The paths an `exports` entry gives for one subpath, whatever its conditions; `./lib/*` patterns included. */
function exportsCandidates(exports: unknown, subpath: string): string[] {
  if (typeof exports === 'string') return subpath === '.' ? [exports] : [];
  if (!isRecord(exports)) return [];
  if (!Object.keys(exports).some((k) => k.startsWith('.'))) return subpath === '.' ? conditionTargets(exports) : [];
  const exact = exports[subpath];
  if (exact !== undefined) return conditionTargets(exact);
  for (const [key, entry] of Object.entries(exports)) {
    const star = key.indexOf('*');
    if (star < 0 || !subpath.startsWith(key.slice(0, star)) || !subpath.endsWith(key.slice(star + 1))) continue;
    const matched = subpath.slice(star, subpath.length - (key.length - star - 1));
    return conditionTargets(entry).map((target) => target.replace('*', matched));
  }
  return [];
}

function conditionTargets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (Array.isArray(entry)) return entry.flatMap(conditionTargets);
  if (!isRecord(entry)) return [];
  const order = ['source', 'development', 'types', 'import', 'require', 'node', 'default'];
  const keys = [...order.filter((k) => k in entry), ...Object.keys(entry).filter((k) => !order.includes(k))];
  return keys.flatMap((k) => conditionTargets(entry[k]));
}

/** A source file for a manifest path: itself if it is source, else its counterpart under `src/`, with any source extension. */
function sourceFileFor(dir: string, target: string): string | undefined {
  const bare = target
    .replace(/^\.\//, '')
    .replace(/\.d\.[cm]?ts$/, '')
    .replace(/\.(?:[cm]?[jt]sx?)$/, '');
  const stems = OUTPUT_DIR.test(bare) ? [bare.replace(OUTPUT_DIR, 'src/'), bare] : [bare];
  for (const stem of stems) {
    for (const candidate of [stem, `${stem}/index`]) {
      for (const extension of SOURCE_EXTENSIONS) {
        const file = path.posix.join(dir, `${candidate}${extension}`);
        if (isFile(file)) return file;
      }
    }
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false; // a path that does not exist is simply not a candidate
  }
}

function readDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // an unreadable folder holds no package we can read
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // no such file: this folder declares no workspace this way
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined; // a broken manifest names no package; the import stays unresolved and is reported
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
