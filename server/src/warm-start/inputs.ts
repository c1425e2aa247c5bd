import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENGINE_VERSION } from '../engine/version';

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
  return `${ENGINE_VERSION}:${bundled ?? digestOf(__filename)}`;
}

/** One hash over the path and content of every input file under `root` (plus `extra`, minus `excluded`), in a stable order. */
export function inputsDigest(root: string, extra?: string, excluded?: string): string {
  const hash = createHash('sha256');
  const files = inputFiles(root).filter((f) => f !== excluded);
  if (extra && !files.includes(extra)) files.push(extra);
  for (const file of files.sort()) hash.update(`${path.relative(root, file)}\0${digestOf(file)}\0`);
  return hash.digest('hex');
}

function digestOf(file: string): string {
  try {
    return digest(fs.readFileSync(file));
  } catch (error) {
    return `unreadable:${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Input files under `root`; symbolic links are not followed (no loops). */
function inputFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [root];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) pending.push(full);
      else if (entry.isFile() && INPUT_FILE.test(entry.name)) files.push(full);
    }
  }
  return files;
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
    return error instanceof Error ? error.message : String(error);
  }
}
