import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * Parsed declaration files of TypeScript's own libs and of Node's types, shared by every checker
 * (each fix test makes one); a project's files are kept per checker, so a corpus run does not
 * keep every repository's files alive.
 */
const SHARED = new Map<string, { text: string; sourceFile: ts.SourceFile }>();
const SHARED_FILE = /[\\/]node_modules[\\/](?:typescript[\\/]lib|@types[\\/]node)[\\/]/;

/**
 * The type-check bar of issue 15: a fix must not add a TypeScript diagnostic, syntactic or
 * semantic, to a file it touches. Two programs over the touched files — the texts before and after
 * the fix — are compared with the project's own tsconfig (the nearest one above each file).
 *
 * This uses the `typescript` package (what `tsc` runs, with its lib files), not the engine's copy:
 * the engine never builds a `Program`. Corpus repositories have no `node_modules`, so their
 * packages resolve to nothing (`any`, which hides errors rather than invents them); Node's own
 * types are supplied when the project has none, so `process.env.X` is `string | undefined` as in
 * the team's build.
 */
export class FixTypeChecker {
  private readonly configs = new Map<string, ts.ParsedCommandLine>();
  /** The project's parsed files, by name and language version, while their text stays the same. */
  private readonly parsed = new Map<string, { text: string; sourceFile: ts.SourceFile }>();
  /** The last program per project: the next one reuses its structure (module resolutions, unchanged files). */
  private readonly programs = new Map<ts.ParsedCommandLine, ts.Program>();
  private readonly nodeTypes = ownNodeTypes();

  /** Declarations served as installed packages (`node_modules/<name>/index.d.ts`) under the root. */
  private readonly installed: ReadonlyMap<string, string>;

  constructor(
    private readonly root: string,
    packages: ReadonlyMap<string, string> = new Map(),
  ) {
    this.installed = new Map(
      [...packages].flatMap(([name, declarations]) => [
        [path.join(root, 'node_modules', name, 'index.d.ts'), declarations],
        [path.join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, types: 'index.d.ts' })],
      ]),
    );
  }

  /**
   * The diagnostics the change adds to the files it touches, as `file TScode: message` lines
   * (positions left out: a fix moves text). `after` maps each touched file to its new text (a
   * created file included); the files' current texts on disk are the "before".
   */
  addedDiagnostics(after: ReadonlyMap<string, string>): string[] {
    const added: string[] = [];
    for (const [config, files] of this.byConfig([...after.keys()])) {
      const before = this.diagnostics(config, files, this.installed);
      const remaining = new Map<string, number>();
      for (const line of before) remaining.set(line, (remaining.get(line) ?? 0) + 1);
      for (const line of this.diagnostics(config, files, new Map([...this.installed, ...after]))) {
        const count = remaining.get(line) ?? 0;
        if (count > 0) remaining.set(line, count - 1);
        else added.push(line);
      }
    }
    return added;
  }

  private byConfig(files: readonly string[]): Map<ts.ParsedCommandLine, string[]> {
    const groups = new Map<ts.ParsedCommandLine, string[]>();
    for (const file of files) {
      const config = this.configFor(file);
      groups.set(config, [...(groups.get(config) ?? []), file]);
    }
    return groups;
  }

  private diagnostics(config: ts.ParsedCommandLine, files: readonly string[], overlay: ReadonlyMap<string, string>): string[] {
    const existing = files.filter((file) => overlay.has(file) || fs.existsSync(file));
    const nodeTypesMissing = this.nodeTypes && lacksNodeTypes(this.root);
    const roots = nodeTypesMissing && this.nodeTypes ? [...existing, this.nodeTypes] : existing;
    const program = ts.createProgram({ rootNames: roots, options: checkOptions(config.options), host: this.host(config.options, overlay), oldProgram: this.programs.get(config) });
    this.programs.set(config, program);
    const lines: string[] = [];
    for (const file of existing) {
      const sourceFile = program.getSourceFile(file);
      if (!sourceFile) continue;
      for (const diagnostic of [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]) {
        if (isMissingPackage(diagnostic) || isMissingTestGlobal(diagnostic, file)) continue;
        lines.push(`${path.relative(this.root, file)} TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
      }
    }
    return lines;
  }

  /** A host that reads the overlay first and keeps every unchanged parsed file across programs. */
  private host(options: ts.CompilerOptions, overlay: ReadonlyMap<string, string>): ts.CompilerHost {
    const host = ts.createCompilerHost(options, true);
    const readFile = (file: string) => overlay.get(path.resolve(file)) ?? host.readFile(file);
    return {
      ...host,
      readFile,
      fileExists: (file) => overlay.has(path.resolve(file)) || host.fileExists(file),
      directoryExists: (folder) => [...overlay.keys()].some((file) => file.startsWith(path.resolve(folder) + path.sep)) || (host.directoryExists?.(folder) ?? true),
      getSourceFile: (file, languageVersion) => {
        const text = readFile(file);
        if (text === undefined) return undefined;
        const key = `${file}\0${JSON.stringify(languageVersion)}`;
        const cache = SHARED_FILE.test(file) ? SHARED : this.parsed;
        const cached = cache.get(key);
        if (cached && cached.text === text) return cached.sourceFile;
        const sourceFile = ts.createSourceFile(file, text, languageVersion, true);
        if (!overlay.has(path.resolve(file))) cache.set(key, { text, sourceFile });
        return sourceFile;
      },
    };
  }

  private configFor(file: string): ts.ParsedCommandLine {
    const configFile = nearestConfig(path.dirname(file), this.root);
    const key = configFile ?? '';
    let config = this.configs.get(key);
    if (!config) {
      config = configFile ? parseConfig(configFile) : { options: defaultOptions(), fileNames: [], errors: [] };
      this.configs.set(key, config);
    }
    return config;
  }
}

function nearestConfig(folder: string, root: string): string | undefined {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) return undefined;
  }
}

function parseConfig(configFile: string): ts.ParsedCommandLine {
  const host: ts.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, host);
  const options = parsed?.options ?? defaultOptions();
  if (path.basename(configFile) === 'jsconfig.json') options.allowJs = true;
  return { options, fileNames: parsed?.fileNames ?? [], errors: [] };
}

/** Without a tsconfig, a fixture is checked the strictest way a team would build it. */
function defaultOptions(): ts.CompilerOptions {
  return { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, experimentalDecorators: true, emitDecoratorMetadata: true, allowJs: true, esModuleInterop: true };
}

/** The project's options, minus what only matters to emitting or to building the whole project. */
function checkOptions(options: ts.CompilerOptions): ts.CompilerOptions {
  return {
    ...options,
    noEmit: true,
    composite: false,
    incremental: false,
    declaration: false,
    declarationMap: false,
    tsBuildInfoFile: undefined,
    skipLibCheck: true,
    noUnusedLocals: options.noUnusedLocals,
  };
}

/**
 * The checkout has no Node types installed. They are supplied even when `types` leaves them out:
 * the team's build gets them through the packages it installs (Nest's declarations reference them).
 */
function lacksNodeTypes(root: string): boolean {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules', '@types', 'node', 'index.d.ts'))) return false;
    if (path.dirname(dir) === dir) return true;
  }
}

/** A test file's runner globals (`describe`, `expect`) without the runner's types installed: the checkout's gap too. */
function isMissingTestGlobal(diagnostic: ts.Diagnostic, file: string): boolean {
  if (!/\.(?:spec|test)\.[cm]?[jt]sx?$/.test(file)) return false;
  if (diagnostic.code === 2582 || diagnostic.code === 2593) return true;
  return diagnostic.code === 2304 && /'(?:describe|it|test|expect|beforeEach|afterEach|beforeAll|afterAll|jest|vi)'/.test(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
}

const MISSING_MODULE_CODES = new Set([2307, 2792, 7016]);

/**
 * A package the checkout has not installed (fixtures and corpus repositories have no
 * `node_modules`): the environment's gap, the same before and after unless a fix adds the import,
 * which then reads `any` like the rest. A relative import that does not resolve still counts.
 */
function isMissingPackage(diagnostic: ts.Diagnostic): boolean {
  // `importHelpers` without tslib installed: "This syntax requires an imported helper but module 'tslib' cannot be found."
  if (diagnostic.code === 2354) return true;
  if (!MISSING_MODULE_CODES.has(diagnostic.code)) return false;
  const specifier = /'([^']+)'/.exec(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '))?.[1];
  return specifier !== undefined && !specifier.startsWith('.') && !specifier.startsWith('/');
}

function ownNodeTypes(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve('@types/node/package.json')), 'index.d.ts');
  } catch {
    return undefined;
  }
}
