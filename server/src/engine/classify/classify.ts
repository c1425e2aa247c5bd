import * as path from 'node:path';
import picomatch from 'picomatch';
import type { FileFacts } from '../facts/types';
import { NEUTRAL_FOLDERS, SCHEMA_ONLY_EXPORTS, type LayerDefinition, type LayerId } from './layers';

export interface Classification {
  readonly layer?: LayerId;
  /** Why: shown by `layerguard graph` and in hover/explain output. */
  readonly reason: string;
}

export interface FileToClassify {
  /** Absolute, `/`-separated. */
  readonly file: string;
  readonly facts: FileFacts;
  /** Directory of the tsconfig/jsconfig (or workspace root) that owns the file. */
  readonly projectDir: string;
}

const UNCLASSIFIED: Classification = { reason: 'no layer evidence' };

/**
 * Decides the layer of each file from evidence, strongest first: configured patterns, entry-point
 * names, tooling folders, decorators, base classes, file suffixes, class-name suffixes, folders,
 * then well-known data-access file names. `@Injectable()` alone is no evidence: Nest marks every
 * provider with it, helpers included. Barrels and unmatched files get no layer and are never flagged.
 */
export class Classifier {
  private readonly patternMatchers: { layer: LayerId; pattern: string; match: (p: string) => boolean }[];
  private readonly packageLayers = new Map<string, LayerId>();

  constructor(
    private readonly layers: readonly LayerDefinition[],
    private readonly root: string,
  ) {
    this.patternMatchers = layers.flatMap((l) =>
      l.patterns.map((pattern) => ({ layer: l.id, pattern, match: picomatch(pattern, { dot: true }) })),
    );
    for (const l of layers) for (const pkg of l.packages) if (!this.packageLayers.has(pkg)) this.packageLayers.set(pkg, l.id);
  }

  classifyFile(input: FileToClassify): Classification {
    const relative = path.posix.relative(this.root, input.file);
    const configured = this.patternMatchers.find((m) => m.match(relative));
    if (configured) return { layer: configured.layer, reason: `matches pattern "${configured.pattern}"` };
    if (input.facts.isBarrel) return { reason: 'barrel file (only re-exports)' };
    return (
      this.byRootFileName(input) ??
      this.bySubtreeFolder(input) ??
      this.byDecorator(input.facts) ??
      this.byBaseClass(input.facts) ??
      this.byFileSuffix(input.file) ??
      this.byClassSuffix(input.facts) ??
      this.byFolder(input) ??
      this.byFileName(input.file) ??
      UNCLASSIFIED
    );
  }

  /** The layer of an external package, if it has one (database clients and ORMs). */
  packageLayer(name: string): LayerId | undefined {
    return this.packageLayers.get(name);
  }

  /**
   * An import of a data-access package only counts as data access when it brings in run-time
   * APIs: entity files importing `Entity`/`Column` from typeorm define models.
   */
  isSchemaOnlyImport(packageName: string, importedNames: readonly string[], specifier: string): boolean {
    // A deep import of a package's own helpers (`knex/lib/util/is`) is no database access.
    if (/\/(?:lib\/)?(?:utils?|helpers?)\//.test(specifier)) return true;
    const schemaNames = SCHEMA_ONLY_EXPORTS[packageName];
    return schemaNames !== undefined && importedNames.length > 0 && importedNames.every((n) => schemaNames.has(n));
  }

  private byRootFileName(input: FileToClassify): Classification | undefined {
    const relative = path.posix.relative(input.projectDir, input.file);
    const dir = path.posix.dirname(relative);
    if (dir !== '.' && dir !== 'src') return undefined;
    const stem = stemOf(input.file);
    const found = this.layers.find((l) => l.rootFileNames.includes(stem));
    return found && { layer: found.id, reason: `entry point ${path.posix.basename(input.file)}` };
  }

  private bySubtreeFolder(input: FileToClassify): Classification | undefined {
    const folders = path.posix.dirname(path.posix.relative(input.projectDir, input.file)).split('/');
    for (const folder of folders) {
      const found = this.layers.find((l) => l.subtreeFolders.includes(folder.toLowerCase()));
      if (found && !isInjectedFactory(folder, input.facts)) return { layer: found.id, reason: `inside ${folder}/` };
    }
    return undefined;
  }

  private byDecorator(facts: FileFacts): Classification | undefined {
    for (const cls of facts.classes) {
      for (const decorator of cls.decorators) {
        const found = this.layers.find((l) => l.decorators.includes(decorator.name));
        if (found) return { layer: found.id, reason: `decorator @${decorator.name}` };
      }
    }
    return undefined;
  }

  private byBaseClass(facts: FileFacts): Classification | undefined {
    for (const cls of facts.classes) {
      const base = cls.extends?.name;
      const found = base ? this.layers.find((l) => l.baseClasses.includes(base)) : undefined;
      if (found && base) return { layer: found.id, reason: `extends ${base}` };
    }
    return undefined;
  }

  private byFileSuffix(file: string): Classification | undefined {
    const stem = stemOf(file);
    const found = this.layers.find((l) => l.fileSuffixes.some((w) => stemEndsWithWord(stem, w)));
    return found && { layer: found.id, reason: `file name ${path.posix.basename(file)}` };
  }

  private byClassSuffix(facts: FileFacts): Classification | undefined {
    const named = facts.classes.filter((c) => c.name !== undefined);
    const primary = named.find((c) => c.exported) ?? named[0];
    const name = primary?.name;
    if (!name) return undefined;
    const found = this.layers.find((l) => l.classSuffixes.some((s) => name.endsWith(s) && name.length > s.length));
    return found && { layer: found.id, reason: `class ${name}` };
  }

  private byFolder(input: FileToClassify): Classification | undefined {
    const relative = path.posix.relative(input.projectDir, input.file);
    // Only the file's folder and its parent: `controllers/errors/http/HttpError.ts` is no controller.
    const folders = path.posix.dirname(relative).split('/').reverse().slice(0, 2);
    for (const folder of folders) {
      const lower = folder.toLowerCase();
      if (NEUTRAL_FOLDERS.has(lower)) return undefined;
      const found = this.layers.find((l) => l.folders.includes(lower));
      if (found) return { layer: found.id, reason: `folder ${folder}/` };
    }
    return undefined;
  }

  private byFileName(file: string): Classification | undefined {
    const stem = stemOf(file).toLowerCase();
    const found = this.layers.find((l) => l.fileNames.includes(stem));
    return found && { layer: found.id, reason: `file name ${path.posix.basename(file)}` };
  }
}

/**
 * Test-data factories are plain functions or classes run by seeds and tests; a factory the
 * container injects (`@Injectable() class PolicyAbilityFactory` in `factories/`) is production code.
 */
function isInjectedFactory(folder: string, facts: FileFacts): boolean {
  return folder.toLowerCase() === 'factories' && facts.classes.some((c) => c.decorators.some((d) => d.name === 'Injectable'));
}

/** `users.controller.ts` -> `users.controller`; `index.d.ts` -> `index.d`. */
export function stemOf(file: string): string {
  const base = path.posix.basename(file);
  return base.replace(/\.(?:[cm]?[jt]sx?)$/i, '');
}

/**
 * True when the stem ends with the word as a separate part: `users.controller`, `user-controller`,
 * `user_controller`, `userController`, `UserController`, or exactly `controller`. A suffix
 * written `.word` only matches `x.word` (and exactly `word`).
 */
export function stemEndsWithWord(stem: string, suffix: string): boolean {
  const dottedOnly = suffix.startsWith('.');
  const word = dottedOnly ? suffix.slice(1) : suffix;
  if (stem.length < word.length || stem.slice(-word.length).toLowerCase() !== word.toLowerCase()) return false;
  if (stem.length === word.length) return true;
  const before = stem.charAt(stem.length - word.length - 1);
  const first = stem.charAt(stem.length - word.length);
  if (dottedOnly) return before === '.';
  return before === '.' || before === '-' || before === '_' || (first === first.toUpperCase() && /[a-z0-9]/.test(before));
}
