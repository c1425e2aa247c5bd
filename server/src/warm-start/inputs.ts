import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInSlices, runToEnd } from '../engine/slices';
import { ENGINE_VERSION } from '../engine/version';
import { errorMessage } from '../engine/errors';

/**
 * What a warm start is keyed by: the analyzed inputs (every source, JSON and config file under a
 * folder, by content) and the code analyzing them (engine version and build). Shared by the CLI's
 * output cache and the language server's persisted results; imports nothing of the analysis, so
 * that a hit answers before the engine is loaded.
 */
const INPUT_FILE = /\.(?:[cm]?[jt]sx?|json|jsonc)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export function digest(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The engine version and the code running it: a rebuilt bundle never trusts an older one's
 * results. Bundles know their engine's hash (scripts/build.mjs); unbundled (tests), this module's own.
 */
export function buildIdentity(): string {
  const bundled = process.env['LAYERGUARD_ENGINE_BUILD'];
  return `${ENGINE_VERSION}:${bundled ?? contentDigest(__filename)}`;
}

/**
 * One hash over the path and content of every input file under `root` (plus `extra`, minus
 * `excluded`), in a stable order. `onFile` sees each file's content as it is hashed. A folder or
 * file that cannot be read is hashed as such (with the reason), never an error.
 */
export function inputsDigest(root: string, extra?: string, excluded?: string, onFile?: OnFile): string {
  return runToEnd(digestSteps(root, extra, excluded, onFile));
}

/**
 * `inputsDigest` in slices of about `sliceMs`, giving the event loop a turn between them (a
 * language server hashing 20,000 files keeps answering); undefined when `shouldStop` says so.
 */
export function inputsDigestInSlices(root: string, extra: string | undefined, onFile: OnFile | undefined, shouldStop: () => boolean, sliceMs = 10): Promise<string | undefined> {
  return runInSlices(digestSteps(root, extra, undefined, onFile), shouldStop, sliceMs);
}

export type OnFile = (file: string, content: Buffer) => void;

function* digestSteps(root: string, extra: string | undefined, excluded: string | undefined, onFile: OnFile | undefined): Generator<void, string, void> {
  const hash = createHash('sha256');
  const { files, unreadableFolders } = inputFiles(root);
  const inputs = files.filter((f) => f !== excluded);
  if (extra && !inputs.includes(extra)) inputs.push(extra);
  for (const file of inputs.sort()) {
    // The listing keeps regular files only; the config file named on the command line may be a
    // named pipe or a device (`/dev/zero`), which a read would never finish: the analysis refuses
    // it with a problem, the digest only notes what it is.
    const content = file === extra && statOf(file)?.isFile() !== true ? 'not a regular file' : contentDigest(file, onFile);
    hash.update(`${path.relative(root, file)}\0${content}\0`);
    yield;
  }
  for (const folder of unreadableFolders) hash.update(`unreadable folder ${path.relative(root, folder)}\0`);
  return hash.digest('hex');
}

function contentDigest(file: string, onFile?: OnFile): string {
  try {
    const content = fs.readFileSync(file);
    onFile?.(file, content);
    return digest(content);
  } catch (error) {
    return `unreadable:${errorMessage(error)}`;
  }
}

/**
 * Input files under `root`, following symbolic links to folders as the analysis does (each real
 * folder once: no loops); unreadable folders are listed, not thrown.
 */
function inputFiles(root: string): { files: string[]; unreadableFolders: string[] } {
  const files: string[] = [];
  const unreadableFolders: string[] = [];
  const seen = new Set<string>();
  const pending = [root];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    const entries = listOnce(folder, seen);
    if (entries === 'seen') continue;
    if (entries === 'unreadable') {
      // A folder that vanished or is not ours to read (a Docker volume, a build output being rewritten).
      unreadableFolders.push(folder);
      continue;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      const kind = kindOf(entry, full);
      if (kind === 'folder') pending.push(full);
      else if (kind === 'input') files.push(full);
    }
  }
  return { files, unreadableFolders: unreadableFolders.sort() };
}

/**
 * A folder to descend into, an input file, or neither. A link counts as what it leads to, stated
 * once: a folder, or a regular file (never a named pipe or a device, which a read would never finish).
 */
function kindOf(entry: fs.Dirent, full: string): 'folder' | 'input' | undefined {
  if (SKIPPED_FOLDERS.has(entry.name)) return undefined;
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return INPUT_FILE.test(entry.name) ? 'input' : undefined;
  if (!entry.isSymbolicLink()) return undefined;
  const target = statOf(full);
  if (target?.isDirectory()) return 'folder';
  return target?.isFile() && INPUT_FILE.test(entry.name) ? 'input' : undefined;
}

function listOnce(folder: string, seen: Set<string>): fs.Dirent[] | 'seen' | 'unreadable' {
  try {
    const real = fs.realpathSync(folder);
    if (seen.has(real)) return 'seen';
    seen.add(real);
    return fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return 'unreadable';
  }
}

/** What a path leads to, or undefined when it leads nowhere (a link to nothing, a loop). */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** A JSON cache file's content, or undefined when missing or unreadable (corrupt files are a miss; the next write replaces them). */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes atomically (a temporary file renamed over the old one); returns why it could not, e.g. a read-only folder. */
export function writeJsonFile(file: string, value: unknown): string | undefined {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(value));
    fs.renameSync(temporary, file);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}
