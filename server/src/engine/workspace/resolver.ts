import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { ts } from '../ts';
import { resolveDeclared, splitSpecifier, type Monorepo } from './packages';

/** Files a bundler imports for the front end: styles, images, fonts, media, documents. */
const NON_CODE_ASSET = /\.(?:css|scss|sass|less|styl|svg|png|jpe?g|gif|webp|avif|ico|bmp|woff2?|ttf|otf|eot|mp3|mp4|webm|wav|ogg|pdf|txt|md|mdx|html?|graphql|gql|ya?ml|wasm)(?:\?.*)?$/i;

export type Resolution =
  /**
   * `declaredEntry`: a workspace package's entry, a subpath its `exports` lists, or the file a
   * tsconfig `paths` alias without wildcard names; `openPackagePath`: a
   * path inside a workspace package that has no `exports` map, so nothing closes it.
   */
  | { readonly kind: 'file'; readonly file: string; readonly declaredEntry?: true; readonly openPackagePath?: true }
  | { readonly kind: 'package'; readonly name: string }
  /** `why` when the specifier should have resolved (a workspace package, a tsconfig path alias). */
  | { readonly kind: 'unresolved'; readonly why?: string };

/**
 * Module resolution with the project's compiler options (paths, baseUrl, node16/nodenext `.js`
 * specifiers that point at `.ts` files) and one cache shared by every file of the project:
 * resolution is cheap only when the cache is shared.
 */
export class ModuleResolver {
  private readonly cache: ts.ModuleResolutionCache;
  private readonly host: ts.ModuleResolutionHost;

  constructor(
    private readonly options: ts.CompilerOptions,
    fsCache: FileSystemCache,
    /** The monorepo around the opened folder: its packages resolve to their sources. */
    private readonly monorepo?: Monorepo,
  ) {
    this.cache = ts.createModuleResolutionCache(process.cwd(), (f) => f, options);
    this.host = fsCache.host;
  }

  resolve(specifier: string, containingFile: string): Resolution {
    if (isBuiltin(specifier)) return { kind: 'package', name: specifier.startsWith('node:') ? specifier : `node:${specifier}` };
    const result = ts.resolveModuleName(specifier, containingFile, this.options, this.host, this.cache);
    const resolved = result.resolvedModule;
    if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.includes('/node_modules/')) {
      // An alias of its own (`"@acme/billing/data-access": ["libs/billing/data-access/src/index.ts"]`)
      // names a library's entry, as a package name does.
      return { kind: 'file', file: resolved.resolvedFileName, ...(this.isExactPathAlias(specifier) ? { declaredEntry: true as const } : {}) };
    }
    if (isRelative(specifier)) return { kind: 'unresolved' };
    const workspace = this.inWorkspacePackage(specifier);
    if (workspace) return workspace;
    // `@app/styles/globals.css`, `@app/assets/logo.svg`: a bundler's asset, no code to resolve.
    if (!resolved && NON_CODE_ASSET.test(specifier)) return { kind: 'unresolved' };
    if (!resolved && this.matchesPathAlias(specifier)) {
      return { kind: 'unresolved', why: `'${specifier}' matches a tsconfig "paths" alias, but no file exists where it points` };
    }
    return { kind: 'package', name: packageNameOf(specifier) };
  }

  /** A specifier of a package of the monorepo, resolved to its source (or why it could not be). */
  private inWorkspacePackage(specifier: string): Resolution | undefined {
    const { name, subpath } = splitSpecifier(specifier);
    const pkg = this.monorepo?.packages.get(name);
    if (!pkg) return undefined;
    const found = resolveDeclared(pkg, subpath);
    if (found) return { kind: 'file', file: found.file, ...(found.declared ? { declaredEntry: true as const } : {}), ...(found.open ? { openPackagePath: true as const } : {}) };
    const where = path.posix.relative(this.monorepo?.root ?? pkg.dir, pkg.dir) || '.';
    return {
      kind: 'unresolved',
      why: `'${specifier}' is the workspace package ${name} (${where}/), but no source file was found for it (its manifest's source, exports, types and main, src/index and index were tried)`,
    };
  }

  /** A `paths` entry without a wildcard is this very specifier. */
  private isExactPathAlias(specifier: string): boolean {
    if (isRelative(specifier)) return false;
    const targets = this.options.paths?.[specifier];
    return targets !== undefined && !specifier.includes('*') && targets.length > 0 && targets.every((t) => !t.includes('*') && !t.includes('node_modules'));
  }

  /** A `paths` alias of the app's own code matches (not a catch-all `*`, not one pointing into node_modules). */
  private matchesPathAlias(specifier: string): boolean {
    const paths = this.options.paths ?? {};
    return Object.entries(paths).some(([pattern, targets]) => {
      if (pattern.startsWith('*') || targets.every((t) => t.includes('node_modules'))) return false;
      const star = pattern.indexOf('*');
      if (star < 0) return pattern === specifier;
      return specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
    });
  }
}

/** Memoized file-system probes for module resolution: resolution asks the same questions many times. */
export class FileSystemCache {
  private readonly files = new Map<string, boolean>();
  private readonly dirs = new Map<string, boolean>();
  readonly host: ts.ModuleResolutionHost;

  constructor() {
    this.host = {
      fileExists: (f) => memo(this.files, f, () => ts.sys.fileExists(f)),
      directoryExists: (d) => memo(this.dirs, d, () => ts.sys.directoryExists(d)),
      readFile: (f) => ts.sys.readFile(f),
      realpath: ts.sys.realpath ? (p) => ts.sys.realpath?.(p) ?? p : (p) => p,
      getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
      getDirectories: (d) => ts.sys.getDirectories(d),
    };
  }

  /** Forget what is known about a path that changed on disk. */
  invalidate(path: string): void {
    this.files.delete(path);
    this.dirs.delete(path);
  }
}

function memo(map: Map<string, boolean>, key: string, compute: () => boolean): boolean {
  const known = map.get(key);
  if (known !== undefined) return known;
  const value = compute();
  map.set(key, value);
  return value;
}

export function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');
}

/** `@scope/pkg/sub` -> `@scope/pkg`; `pkg/sub` -> `pkg`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  if (specifier.startsWith('@') && parts.length >= 2) return `${parts[0]}/${parts[1]}`;
  return parts[0] ?? specifier;
}

const builtins = new Set(builtinModules);

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtins.has(specifier);
}
