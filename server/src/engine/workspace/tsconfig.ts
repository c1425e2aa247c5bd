import * as path from 'node:path';
import { ts } from '../ts';
import type { Problem } from '../types';
import { firstTooDeep, MAX_JSON_DEPTH } from '../text/json-depth';
import { readConfigFile, type ConfigFileRead } from './read-config-file';
import { boundedReadDirectory } from './read-directory';
import { normalize } from './paths';

export { normalize };

export interface LoadedTsconfig {
  readonly configFile: string;
  readonly options: ts.CompilerOptions;
  readonly fileNames: readonly string[];
  /** Absolute paths of referenced tsconfig files (`references`). */
  readonly references: readonly string[];
  /** The config's own `exclude` entries, as written (relative to its folder). */
  readonly excludes: readonly string[];
  readonly problems: readonly Problem[];
}

/** TS18003 "No inputs were found": normal for a solution-style tsconfig with only references. */
const NO_INPUTS = 18003;
/** TS5083 "Cannot read file '…'". */
const CANNOT_READ_FILE = 5083;

/**
 * A tsconfig's text, refused like any configuration file (a named pipe, a device, a huge file), and
 * also when nested deeper than any configuration: TypeScript's JSON parser recurses per level.
 */
function readTsconfigText(file: string): ConfigFileRead {
  const read = readConfigFile(file);
  if (!read.ok || firstTooDeep(read.text) === undefined) return read;
  return { ok: false, missing: false, reason: `nested more than ${MAX_JSON_DEPTH} levels deep; a tsconfig is a few levels deep` };
}

/**
 * The monorepo's own packages by name (`Monorepo.packages`): a config that extends a shared one
 * (`"extends": "@acme/tsconfig/node.json"`) finds it in the package's folder when `node_modules`
 * is absent.
 */
export type PackageDirs = ReadonlyMap<string, { readonly dir: string }>;

/** Reads a tsconfig/jsconfig the way tsc does (`extends`, `include`, `paths`, `references`); never throws. */
export function loadTsconfig(configFile: string, packageDirs?: PackageDirs, workspace?: string): LoadedTsconfig {
  return parseTsconfig(configFile, true, packageDirs, workspace);
}

/**
 * The compiler options of a tsconfig without listing its files: for the projects of workspace
 * packages, whose files are read only as far as the opened folder imports them.
 */
export function loadTsconfigOptions(configFile: string, packageDirs?: PackageDirs): LoadedTsconfig {
  return parseTsconfig(configFile, false, packageDirs, undefined);
}

/** `…/node_modules/@acme/tsconfig/node.json` → the same file in the workspace package `@acme/tsconfig`. */
function inWorkspacePackage(file: string, packageDirs: PackageDirs | undefined): string | undefined {
  if (!packageDirs || packageDirs.size === 0) return undefined;
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(normalize(file));
  const dir = match?.[1] !== undefined ? packageDirs.get(match[1])?.dir : undefined;
  return dir !== undefined && match?.[2] !== undefined ? `${dir}/${match[2]}` : undefined;
}

/**
 * `workspace`: the analyzed folder, which links must not lead out of while listing files (the
 * config's own folder when not given).
 */
function parseTsconfig(configFile: string, listFiles: boolean, packageDirs: PackageDirs | undefined, workspace: string | undefined): LoadedTsconfig {
  const problems: Problem[] = [];
  /** Files refused with a reason of ours: tsc's own "cannot read file" about them would repeat it. */
  const refused = new Set<string>();
  const toProblem = (d: ts.Diagnostic): Problem => ({
    kind: 'project',
    file: normalize(d.file?.fileName ?? configFile),
    message: `${path.basename(configFile)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    ...(d.file && d.start !== undefined ? { start: ts.getLineAndCharacterOfPosition(d.file, d.start) } : {}),
  });
  const host: ts.ParseConfigFileHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: listFiles ? boundedReadDirectory(workspace ?? path.dirname(configFile), problems) : () => [],
    fileExists: (f) => ts.sys.fileExists(f) || existsInWorkspacePackage(f),
    readFile: (f) => readGuarded(f) ?? readInWorkspacePackage(f),
    getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
    onUnRecoverableConfigFileDiagnostic: (d) => {
      if (!isAboutRefused(d)) problems.push(toProblem(d));
    },
  };
  function existsInWorkspacePackage(file: string): boolean {
    const mapped = inWorkspacePackage(file, packageDirs);
    return mapped !== undefined && ts.sys.fileExists(mapped);
  }
  function readInWorkspacePackage(file: string): string | undefined {
    const mapped = inWorkspacePackage(file, packageDirs);
    return mapped === undefined ? undefined : readGuarded(mapped);
  }
  /** A config file's text, or undefined (tsc then says it cannot read it) with the reason kept as a problem. */
  function readGuarded(file: string): string | undefined {
    const read = readTsconfigText(file);
    if (read.ok) return read.text;
    if (!read.missing) {
      refused.add(normalize(file));
      problems.push({ kind: 'project', blocking: true, file: normalize(file), message: `${path.basename(file)}: cannot use it: ${read.reason}` });
    }
    return undefined;
  }
  function isAboutRefused(d: ts.Diagnostic): boolean {
    return d.code === CANNOT_READ_FILE && [...refused].some((file) => ts.flattenDiagnosticMessageText(d.messageText, ' ').includes(path.basename(file)));
  }
  const isJsconfig = path.basename(configFile).startsWith('jsconfig');
  const existingOptions: ts.CompilerOptions = isJsconfig ? { allowJs: true } : {};
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, existingOptions, host);
  if (!parsed) return { configFile, options: {}, fileNames: [], references: [], excludes: [], problems };
  const noInputsIsExpected = !listFiles || (parsed.projectReferences?.length ?? 0) > 0;
  // As tsc reports them: the config's JSON syntax errors (a truncated file still yields options, with
  // its `paths` lost) and then the errors of reading it.
  const diagnostics = ts.getConfigFileParsingDiagnostics(parsed);
  for (const d of diagnostics) if ((d.code !== NO_INPUTS || !noInputsIsExpected) && !isAboutRefused(d)) problems.push(toProblem(d));
  return {
    configFile: normalize(configFile),
    options: parsed.options,
    fileNames: parsed.fileNames.map(normalize),
    references: (parsed.projectReferences ?? []).map((r) => normalize(ts.resolveProjectReferencePath(r))),
    excludes: excludesOf(parsed.raw),
    problems,
  };
}

function excludesOf(raw: unknown): string[] {
  const exclude = typeof raw === 'object' && raw !== null ? (raw as { exclude?: unknown }).exclude : undefined;
  return Array.isArray(exclude) ? exclude.filter((e): e is string => typeof e === 'string') : [];
}
