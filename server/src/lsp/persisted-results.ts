import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { decodeSource } from '../engine';
import { buildIdentity, digest, inputsDigest, inputsDigestInSlices, readJsonFile, writeJsonFile, type OnFile } from '../warm-start/inputs';

const FORMAT = 1;

interface Stored {
  readonly format: number;
  readonly build: string;
  readonly settings: string;
  readonly inputs: string;
  readonly savedAt: string;
  readonly diagnostics: readonly (readonly [uri: string, diagnostics: Diagnostic[]])[];
}

export type SaveOutcome = { readonly kind: 'saved' } | { readonly kind: 'not-on-disk'; readonly file: string } | { readonly kind: 'failed'; readonly error: string };

export interface Restored {
  readonly diagnostics: ReadonlyMap<string, Diagnostic[]>;
  readonly savedAt: string;
}

/**
 * The language server's warm start: the diagnostics of a folder's last complete analysis, kept
 * in the editor's storage for the workspace (VS Code's `storageUri`), with what they were
 * computed from: the content of every input file, the folder's settings, and the server build.
 * When all of these are unchanged at start-up, the diagnostics are shown at once, while the
 * first analysis runs (its results replace them). A file from another build or format, or a
 * corrupt one, is ignored and rewritten.
 */
export class PersistedResults {
  private constructor(
    private readonly file: string,
    private readonly root: string,
    private readonly settings: string,
    private readonly configFile: string,
  ) {}

  /** The results of `root` in `storageDir` (one file per folder), for these settings. */
  static in(storageDir: string, root: string, settings: unknown, configFile: string): PersistedResults {
    return new PersistedResults(path.join(storageDir, `results-${digest(root).slice(0, 16)}.json`), root, JSON.stringify(settings), configFile);
  }

  /** What the folder's inputs are now (every source, JSON and config file, by content). */
  inputsNow(): string {
    return inputsDigest(this.root, this.existingConfigFile());
  }

  /** The stored diagnostics, if they were computed from exactly `inputs` by this build with these settings. */
  load(inputs: string): Restored | undefined {
    const stored = readJsonFile(this.file) as Partial<Stored> | undefined;
    if (!stored || stored.format !== FORMAT || stored.build !== buildIdentity() || stored.settings !== this.settings || stored.inputs !== inputs) return undefined;
    if (!Array.isArray(stored.diagnostics) || typeof stored.savedAt !== 'string') return undefined;
    const diagnostics = new Map<string, Diagnostic[]>();
    for (const entry of stored.diagnostics as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return undefined;
      diagnostics.set(entry[0], entry[1] as Diagnostic[]);
    }
    return { diagnostics, savedAt: stored.savedAt };
  }

  /**
   * Records the diagnostics of an analysis, keyed by the inputs as they are on disk now; not
   * when an analyzed file's text (`analyzedText`, by `/`-separated path) differs from its file —
   * an unsaved buffer, or a change on disk not analyzed yet: those results are not the disk's.
   * With `shouldStop`, the inputs are hashed in slices (the server keeps answering) and the save
   * is dropped — undefined — when it says so.
   */
  async save(diagnostics: ReadonlyMap<string, Diagnostic[]>, analyzedText: (file: string) => string | undefined, shouldStop?: () => boolean): Promise<SaveOutcome | undefined> {
    let differs: string | undefined;
    const compare: OnFile = (file, content) => {
      const analyzed = differs === undefined ? analyzedText(file.replace(/\\/g, '/')) : undefined;
      if (analyzed === undefined) return;
      // Decoded as the analysis reads files (a byte order mark dropped, as editors do).
      const onDisk = decodeSource(content);
      if (!onDisk.ok || onDisk.text !== analyzed) differs = file;
    };
    const config = this.existingConfigFile();
    const inputs = shouldStop ? await inputsDigestInSlices(this.root, config, compare, shouldStop) : inputsDigest(this.root, config, undefined, compare);
    if (inputs === undefined) return undefined;
    if (differs !== undefined) return { kind: 'not-on-disk', file: differs };
    const stored: Stored = { format: FORMAT, build: buildIdentity(), settings: this.settings, inputs, savedAt: new Date().toISOString(), diagnostics: [...diagnostics] };
    const error = writeJsonFile(this.file, stored);
    return error === undefined ? { kind: 'saved' } : { kind: 'failed', error };
  }

  private existingConfigFile(): string | undefined {
    return fs.existsSync(this.configFile) ? this.configFile : undefined;
  }
}
