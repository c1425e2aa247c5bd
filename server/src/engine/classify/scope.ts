import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFacts } from '../facts/types';

/**
 * Which analyzed files the backend rules leave alone, and why: code outside the opened folder
 * (read to classify what it imports), front-end code beside the server, and code copied from
 * elsewhere. They stay in the graph (their layers and edges count); no finding is reported in them.
 */

/** Folders of copied third-party code. */
const VENDOR_FOLDERS = new Set(['vendor', 'vendors', 'third_party', 'third-party', 'thirdparty']);
/** Folders served to browsers as they are: plain scripts there are front-end assets. */
const ASSET_FOLDERS = new Set(['public', 'static', 'assets', 'www', 'media']);
/** A folder of front-end code: at least this many UI files, and at least this share of its files. */
const MIN_UI_FILES = 3;
const MIN_UI_SHARE = 0.5;
const MAX_FOLDER_DEPTH = 3;

/** `a`, `a/b`, `a/b/c` for `a/b/c/x.ts` (relative to the root): the file's folders, shallowest first; none at the root or outside it. */
function foldersOf(relativeFile: string): string[] {
  const parts = path.posix.dirname(relativeFile).split('/');
  if (parts[0] === '.' || parts[0] === '..') return [];
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export interface ScopeInput {
  readonly file: string;
  readonly facts: FileFacts;
  /** Read only to resolve what the opened folder imports (a workspace package). */
  readonly outside?: boolean;
}

/**
 * Folders (relative to the root, up to three levels deep) where most files are UI code (JSX, React,
 * Vue…): the front end of a full-stack repository. The shallowest such folder is kept.
 */
export function frontEndFolders(root: string, files: Iterable<ScopeInput>): ReadonlySet<string> {
  const counts = new Map<string, { ui: number; all: number }>();
  for (const input of files) {
    if (input.outside) continue;
    for (const folder of foldersOf(path.posix.relative(root, input.file)).slice(0, MAX_FOLDER_DEPTH)) {
      const count = counts.get(folder) ?? { ui: 0, all: 0 };
      count.all++;
      if (input.facts.shape.ui) count.ui++;
      counts.set(folder, count);
    }
  }
  const found = [...counts]
    .filter(([, c]) => c.ui >= MIN_UI_FILES && c.ui / c.all >= MIN_UI_SHARE)
    .map(([folder]) => folder)
    .sort();
  return new Set(found.filter((folder) => !found.some((other) => other !== folder && folder.startsWith(`${other}/`))));
}

/** `LICENSE`, `LICENSE.md`, `LICENCE-MIT`, `COPYING` — not the app's own `license.ts` module. */
const LICENSE_FILE = /^(?:licen[cs]e|copying)(?:[-.](?:md|txt|rst|mit|apache[\w.-]*|bsd[\w.-]*|isc|gpl[\w.-]*))?$/i;
/** The app's own code under another licence (`ee/`, `enterprise/`), not a copied package. */
const OWN_LICENSED_FOLDERS = new Set(['ee', 'enterprise', 'premium', 'pro', 'commercial']);
/** What makes a folder a package or project of the repository's own, not a copy. */
const PACKAGE_MARKERS = new Set(['package.json', 'tsconfig.json', 'jsconfig.json']);

/** What the folders enclosing the analyzed files hold, each folder listed once per scope computation. */
/** The names of a folder's files (not its subfolders: a `license/` feature module is no licence file). */
type FolderEntries = (folder: string) => readonly string[];

function folderLister(root: string): FolderEntries {
  const listed = new Map<string, readonly string[]>();
  return (folder) => {
    let entries = listed.get(folder);
    if (entries === undefined) {
      try {
        entries = fs
          .readdirSync(path.posix.join(root, folder), { withFileTypes: true })
          .filter((entry) => !entry.isDirectory())
          .map((entry) => entry.name);
      } catch {
        // A folder that cannot be listed shows no licence and no manifest: its files are checked like any other.
        entries = [];
      }
      listed.set(folder, entries);
    }
    return entries;
  };
}

/**
 * Folders (relative to the root) that carry their own licence file but are no package or project
 * of the repository: a third-party library copied in (`server/libs/fuse/LICENSE`), often without
 * a header to say so. The shallowest such folder is kept.
 */
export function copiedPackageFolders(root: string, files: Iterable<ScopeInput>, entriesOf: FolderEntries = folderLister(root)): ReadonlySet<string> {
  const verdicts = new Map<string, boolean>();
  const copiedFolder = (folder: string): boolean => {
    let copied = verdicts.get(folder);
    if (copied === undefined) verdicts.set(folder, (copied = holdsCopiedPackage(folder, entriesOf(folder))));
    return copied;
  };
  const found = new Set<string>();
  for (const input of files) {
    if (input.outside) continue;
    const copied = foldersOf(path.posix.relative(root, input.file)).find(copiedFolder);
    if (copied) found.add(copied);
  }
  return found;
}

function holdsCopiedPackage(folder: string, entries: readonly string[]): boolean {
  if (OWN_LICENSED_FOLDERS.has(path.posix.basename(folder).toLowerCase())) return false;
  return entries.some((e) => LICENSE_FILE.test(e)) && !entries.some((e) => PACKAGE_MARKERS.has(e));
}

/**
 * Folders below the root (absolute) that are packages or projects of their own (a `package.json`,
 * `tsconfig.json` or `jsconfig.json`): `services/orders/` in a repository of services. The folders
 * above one say how the repository groups its packages, not what a file inside does.
 */
export function packageFolders(root: string, files: Iterable<ScopeInput>, entriesOf: FolderEntries = folderLister(root)): ReadonlySet<string> {
  const seen = new Set<string>();
  const found = new Set<string>();
  for (const input of files) {
    if (input.outside) continue;
    for (const folder of foldersOf(path.posix.relative(root, input.file))) {
      if (seen.has(folder)) continue;
      seen.add(folder);
      if (entriesOf(folder).some((e) => PACKAGE_MARKERS.has(e))) found.add(path.posix.join(root, folder));
    }
  }
  return found;
}

/** What the workspace says about which files to leave alone (see `WorkspaceScopeSets`). */
export interface ExemptionScope {
  readonly frontEnd: ReadonlySet<string>;
  readonly copiedPackages?: ReadonlySet<string>;
  readonly ownVendorFolders?: ReadonlySet<string>;
}

/** Why the rules leave a file alone, or undefined for the backend code they check. */
export function exemptionOf(root: string, input: ScopeInput, scope: ExemptionScope): string | undefined {
  if (input.outside) return 'outside the analyzed folder (read to classify what it imports)';
  const relative = path.posix.relative(root, input.file);
  const folders = path.posix.dirname(relative).split('/');
  if (input.facts.shape.generated) return 'generated code (its header or a generator runtime says a tool wrote it)';
  const vendorFolder = vendorFolderOf(relative);
  if (input.facts.shape.vendored || (vendorFolder !== undefined && !scope.ownVendorFolders?.has(vendorFolder))) return 'vendored third-party code';
  const { frontEnd, copiedPackages = new Set<string>() } = scope;
  const enclosing = foldersOf(relative);
  const copied = enclosing.find((folder) => copiedPackages.has(folder));
  if (copied) return `vendored third-party code (${copied}/ carries its own licence)`;
  if (input.facts.shape.ui) return 'front-end code (JSX or a UI framework)';
  if (input.facts.shape.dom) return "front-end code (it uses the browser's document or window)";
  // A route handler or server module inside the front end's tree is the server's code.
  if (input.facts.shape.serverOnly) return undefined;
  const frontEndFolder = enclosing.find((folder) => frontEnd.has(folder));
  if (frontEndFolder) return `front-end code (${frontEndFolder}/ holds the front end)`;
  if (/\.[cm]?js$/i.test(relative) && folders.some((f) => ASSET_FOLDERS.has(f.toLowerCase()))) return 'a browser asset';
  return undefined;
}

/** The outermost folder of the file named for copied code (`lib/vendor`), relative to the root. */
function vendorFolderOf(relativeFile: string): string | undefined {
  const parts = path.posix.dirname(relativeFile).split('/');
  const at = parts.findIndex((f) => VENDOR_FOLDERS.has(f.toLowerCase()));
  return at < 0 ? undefined : parts.slice(0, at + 1).join('/');
}

/** A file in a folder named for copied code that imports, by a relative path, a file outside that folder. */
function reachesOutOfVendorFolder(root: string, input: ScopeInput): string | undefined {
  if (input.outside) return undefined;
  const relative = path.posix.relative(root, input.file);
  const folder = vendorFolderOf(relative);
  if (folder === undefined) return undefined;
  const from = path.posix.dirname(relative);
  const escapes = input.facts.moduleRefs.some((ref) => ref.specifier.startsWith('.') && !path.posix.join(from, ref.specifier).startsWith(`${folder}/`));
  return escapes ? folder : undefined;
}

/**
 * Folders named `vendors/` (relative to the root) that are a feature of the app, a marketplace's
 * vendors with their controllers and services: their files import the app's own code from outside
 * the folder (`../../utils`), which copied third-party code never does. Given each file's folder
 * it reaches out of (see `reachesOutOfVendorFolder`), kept per file by `ScopeTracker`.
 */
function ownVendorFolders(reachedOutOf: Iterable<string | undefined>): ReadonlySet<string> {
  const found = new Set<string>();
  for (const folder of reachedOutOf) if (folder !== undefined) found.add(folder);
  return found;
}

/** Layers whose names mark a folder as a layer folder (`services/`) rather than a feature (`orders/`). */
const MAIN_LAYERS = new Set(['controller', 'router', 'service', 'repository']);

/**
 * Folders whose files are named after two or more main layers (`services/services.controller.ts`
 * beside `services/services.repository.ts`): a feature folder that happens to be called like a
 * layer. Its name is no evidence for its files.
 */
export function featureFolders(files: Iterable<ScopeInput>, suffixLayerOf: (file: string) => string | undefined): ReadonlySet<string> {
  const layersByFolder = new Map<string, Set<string>>();
  for (const input of files) {
    const layer = suffixLayerOf(input.file);
    if (!layer || !MAIN_LAYERS.has(layer)) continue;
    const folder = path.posix.dirname(input.file);
    const layers = layersByFolder.get(folder) ?? new Set<string>();
    layers.add(layer);
    layersByFolder.set(folder, layers);
  }
  return new Set([...layersByFolder].filter(([, layers]) => layers.size >= 2).map(([folder]) => folder));
}

/**
 * The workspace-wide scope (front-end folders, feature folders), worked out again only when a
 * file came or went, or an edit changed whether a file is UI code or which layer its name says:
 * an ordinary edit leaves it as it was.
 */
export interface WorkspaceScopeSets {
  readonly frontEnd: ReadonlySet<string>;
  readonly featureFolders: ReadonlySet<string>;
  readonly copiedPackages: ReadonlySet<string>;
  readonly ownVendorFolders: ReadonlySet<string>;
  readonly packageFolders: ReadonlySet<string>;
  readonly sourceFolders: ReadonlySet<string>;
}

/** Every folder that holds an analyzed file, at any depth below it (absolute). */
export function sourceFolders(files: Iterable<ScopeInput>): ReadonlySet<string> {
  const folders = new Set<string>();
  for (const input of files) {
    for (let dir = path.posix.dirname(input.file); !folders.has(dir) && dir !== path.posix.dirname(dir); dir = path.posix.dirname(dir)) folders.add(dir);
  }
  return folders;
}

export class ScopeTracker {
  private readonly known = new Map<string, { readonly facts: FileFacts; readonly ui: boolean; readonly suffix: string | undefined; readonly outOfVendor: string | undefined }>();
  private scope: WorkspaceScopeSets | undefined;

  scopeOf(root: string, files: readonly ScopeInput[], suffixLayerOf: (file: string) => string | undefined): WorkspaceScopeSets {
    let changed = this.scope === undefined;
    for (const input of files) {
      const before = this.known.get(input.file);
      if (before?.facts === input.facts) continue;
      const entry = { facts: input.facts, ui: input.facts.shape.ui, suffix: suffixLayerOf(input.file), outOfVendor: reachesOutOfVendorFolder(root, input) };
      changed ||= before === undefined || before.ui !== entry.ui || before.suffix !== entry.suffix || before.outOfVendor !== entry.outOfVendor;
      this.known.set(input.file, entry);
    }
    if (this.known.size !== files.length) {
      // Files went away: keep only those analyzed now.
      const current = new Set(files.map((f) => f.file));
      for (const file of this.known.keys()) if (!current.has(file)) this.known.delete(file);
      changed = true;
    }
    if (changed || !this.scope) {
      const entriesOf = folderLister(root);
      this.scope = {
        frontEnd: frontEndFolders(root, files),
        featureFolders: featureFolders(files, suffixLayerOf),
        copiedPackages: copiedPackageFolders(root, files, entriesOf),
        ownVendorFolders: ownVendorFolders([...this.known.values()].map((entry) => entry.outOfVendor)),
        packageFolders: packageFolders(root, files, entriesOf),
        sourceFolders: sourceFolders(files),
      };
    }
    return this.scope;
  }
}
