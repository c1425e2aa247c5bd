import * as fs from 'node:fs';
import * as path from 'node:path';
import { runRules } from './analyze-rules';
import { RuleResultCache } from './incremental/rule-cache';
import { RULES } from './rules/registry';
import { runInSlices, runToEnd } from './slices';
import { againstBaseline, BASELINE_FILE_NAME, loadBaseline, type BaselineEntry, type BaselineLoad } from './suppress/baseline';
import type { RegisteredRule } from './rules/types';
import { Classifier } from './classify/classify';
import { ScopeTracker } from './classify/scope';
import { CONFIG_FILE_NAME, loadConfig, type ConfigError, type ConfigLoad } from './config/load';
import { configWarnings } from './config/unused-entries';
import { defaultConfig, type ResolvedConfig } from './config/resolved';
import { extractFactsFrom, parseSource } from './facts/extract';
import type { FileFacts } from './facts/types';
import { buildGraph, type GraphInput } from './graph/build';
import { IncrementalGraphBuilder, type GraphDelta } from './incremental/graph-builder';
import type { ProjectContext } from './graph/symbols';
import type { DependencyGraph } from './graph/types';
import { LineIndex } from './text/line-index';
import type { ts } from './ts';
import type { Finding, Problem, SeveritySetting } from './types';
import { discoverWorkspace, type DiscoveredWorkspace, type Project } from './workspace/discover';
import { loadTsconfigOptions, normalize } from './workspace/tsconfig';
import { errorMessage } from './errors';
import { readSource, type SourceRead } from './workspace/read-source';
import { FileSystemCache, ModuleResolver } from './workspace/resolver';

export interface SessionOptions {
  readonly root: string;
  /** A config file path (relative to root or absolute); default `<root>/layerguard.json` if present. */
  readonly configPath?: string;
  /** An already loaded configuration; wins over `configPath`. */
  readonly config?: ResolvedConfig;
  /** The file `config` was read from, for the checks that point into it (patterns that match nothing). */
  readonly configFile?: string;
  /** Ignore config files: defaults only (an untrusted workspace). */
  readonly ignoreConfigFile?: boolean;
  /** Severity per rule id that wins over the config file (editor settings). */
  readonly severityOverrides?: Readonly<Record<string, SeveritySetting>>;
  /** The rules to run; the built-in registry by default. */
  readonly rules?: readonly RegisteredRule[];
  /** Report only findings missing from `.layerguard-baseline.json` when it exists (default true). */
  readonly useBaseline?: boolean;
  /**
   * The caller reports every change on disk (`fileChanged`, `structureChanged`), as an editor
   * watching the files does: unchanged files are then not stat'ed again on every analysis.
   */
  readonly watchesFiles?: boolean;
  /**
   * The session analyzes once (the CLI): nothing is kept for the next analysis, so the graph is
   * built without the bookkeeping that makes edits incremental.
   */
  readonly once?: boolean;
  /**
   * The resource budget: at most this many source files are analyzed (default `MAX_SOURCE_FILES`);
   * beyond it the first by path are, and the rest are named in one problem that fails a check.
   */
  readonly maxFiles?: number;
}

export interface AnalysisResult {
  readonly root: string;
  readonly config: ResolvedConfig;
  /** Errors of the config file; the analysis ran with the defaults when there are any. */
  readonly configErrors: readonly ConfigError[];
  /** What in the config file is likely wrong though valid: layer patterns that match no analyzed file. */
  readonly configWarnings: readonly ConfigError[];
  readonly graph: DependencyGraph;
  readonly findings: readonly Finding[];
  /** Findings the baseline lists: not reported, but a view may show them on request. */
  readonly baselinedFindings: readonly Finding[];
  /** Entries of the baseline no finding matches any more (fixed): `baseline --prune` removes them. */
  readonly staleBaseline: readonly BaselineEntry[];
  readonly problems: readonly Problem[];
  readonly stats: {
    /** Files of the opened folder that were analyzed. */
    readonly files: number;
    /** Files outside it read to classify what it imports (workspace packages, path aliases). */
    readonly outsideFiles: number;
    readonly edges: number;
    readonly parsed: number;
    /** Findings hidden because the baseline lists them. */
    readonly baselined: number;
    readonly durationMs: number;
  };
}

interface CachedFile {
  /** `disk:<mtime>:<size>`, or `overlay` (then the cached text is compared): when it changes, the file is re-read. */
  readonly stamp: string;
  readonly input?: Omit<GraphInput, 'project'>;
  readonly problems: readonly Problem[];
  /** `input` in its project, kept so that the graph sees the same object while nothing changed. */
  graphInput?: GraphInput;
}

/**
 * API boundary: a workspace folder kept warm between analyses. Facts are cached per file and
 * recomputed only for files whose content changed (on disk, or in an editor overlay), so an edit
 * costs one parse plus the graph and the rules.
 *
 * Invariant: a session's results equal those of a fresh session over the same files and
 * overlays; caches only save work.
 */
export class AnalysisSession {
  private configLoad: ConfigLoad | undefined;
  private baseline: BaselineLoad | undefined;
  private workspace: DiscoveredWorkspace | undefined;
  /** Checks of the config file against the discovered files; made again with the workspace. */
  private configWarnings: readonly ConfigError[] | undefined;
  private configWarningsKey = '';
  private fsCache = new FileSystemCache();
  private contexts = new Map<Project, ProjectContext>();
  private outsideProjects = new Map<string, Project & { readonly problems: readonly Problem[] }>();
  private importTargets = new WeakMap<GraphInput, ImportTargets>();
  private readonly files = new Map<string, CachedFile>();
  private readonly overlays = new Map<string, string>();
  private ruleResults = new RuleResultCache();
  private readonly graphs = new IncrementalGraphBuilder();
  private classifier: Classifier | undefined;
  /** Classifies by file names only, for the workspace-wide scope. */
  private suffixClassifier: Classifier | undefined;
  private scopes = new ScopeTracker();

  constructor(private readonly options: SessionOptions) {}

  get root(): string {
    return normalize(this.options.root);
  }

  /** Text of an open editor buffer, used instead of the disk; undefined removes the overlay. */
  setOverlay(file: string, text: string | undefined): void {
    const key = normalize(file);
    if (text === undefined) this.overlays.delete(key);
    else this.overlays.set(key, text);
  }

  /** A source file changed on disk. */
  fileChanged(file: string): void {
    const key = normalize(file);
    this.fsCache.invalidate(key);
    this.files.delete(key);
  }

  /** Files were created or deleted, or a tsconfig changed: find projects and files again. */
  structureChanged(): void {
    this.workspace = undefined;
    this.configWarnings = undefined;
    this.classifier = undefined;
    this.suffixClassifier = undefined;
    this.scopes = new ScopeTracker();
    this.fsCache = new FileSystemCache();
    this.contexts = new Map();
    this.outsideProjects = new Map();
    this.importTargets = new WeakMap();
  }

  /** layerguard.json changed: reload it (and rediscover, since ignore globs may differ). */
  configChanged(): void {
    this.configLoad = undefined;
    this.ruleResults = new RuleResultCache();
    this.baseline = undefined;
    this.structureChanged();
  }

  analyze(): AnalysisResult {
    return runToEnd(this.analysisSteps());
  }

  /**
   * `analyze()` in slices of about `sliceMs`, giving the event loop a turn between them (a
   * language server keeps reading messages), and abandoned — undefined — as soon as `isStale`
   * says a newer change arrived: work for a text that is already gone is not finished. Files
   * read before that stay cached, so the next analysis does not redo them. One analysis at a
   * time per session: the caller waits for this one to settle before starting another.
   */
  analyzeUnlessStale(isStale: () => boolean, sliceMs = 20, onFilesRead?: FilesReadListener): Promise<AnalysisResult | undefined> {
    return runInSlices(this.analysisSteps(onFilesRead), isStale, sliceMs);
  }

  /** The analysis, yielding after each file read and between phases: where it may pause or stop. */
  private *analysisSteps(onFilesRead?: FilesReadListener): Generator<void, AnalysisResult, void> {
    const started = performance.now();
    const configLoad = (this.configLoad ??= this.loadConfig());
    const config = configLoad.config;
    const workspace = (this.workspace ??= discoverWorkspace(this.root, config, this.options.maxFiles));
    const problems: Problem[] = [...workspace.problems];

    const inputs: GraphInput[] = [];
    let parsed = 0;
    let filesRead = 0;
    for (const [file, project] of workspace.files) {
      const { entry, fresh } = this.fileEntry(file);
      filesRead++;
      if (fresh) {
        parsed++;
        if (parsed % FILES_PER_PROGRESS === 0) onFilesRead?.(filesRead, workspace.files.size);
        yield;
      }
      problems.push(...entry.problems);
      const input = graphInputOf(entry, this.contextOf(project));
      if (input) inputs.push(input);
    }
    const outside = yield* this.outsideInputs(inputs, workspace, problems);
    const read = new Set([...workspace.files.keys(), ...outside.map((input) => input.file)]);
    for (const file of this.files.keys()) if (!read.has(file)) this.files.delete(file);
    const analyzedFiles = inputs.length;
    inputs.push(...outside);
    yield;

    const classifier = this.classifierFor(config, workspace.root, inputs);
    // No pause from here on: a graph whose rules did not run would leave the rule cache a build behind.
    const { graph, incremental } = this.buildGraph(workspace.root, inputs, classifier);
    const all = runRules(this.options.rules ?? RULES, graph, config, this.options.severityOverrides ?? {}, problems, incremental);
    const { fresh: findings, stale } = this.withoutBaselined(all, graph, problems);
    const shown = new Set(findings);
    return {
      root: workspace.root,
      config,
      configErrors: configLoad.ok ? [] : configLoad.errors,
      configWarnings: configLoad.ok ? this.checkConfig(workspace, graph, config) : [],
      graph,
      findings,
      baselinedFindings: all.filter((f) => !shown.has(f)),
      staleBaseline: stale,
      problems,
      stats: { files: analyzedFiles, outsideFiles: outside.length, edges: graph.edges.length, parsed, baselined: all.length - findings.length, durationMs: performance.now() - started },
    };
  }

  /** The classifier, made again only when what the workspace as a whole says about its files changed. */
  private classifierFor(config: ResolvedConfig, root: string, inputs: readonly GraphInput[]): Classifier {
    const bySuffix = (this.suffixClassifier ??= new Classifier(config.layers, root));
    const scope = this.scopes.scopeOf(root, inputs, (file) => bySuffix.suffixLayer(file));
    if (this.classifier?.scope !== scope) this.classifier = new Classifier(config.layers, root, scope, config.architecture.packages);
    return this.classifier;
  }

  private buildGraph(root: string, inputs: readonly GraphInput[], classifier: Classifier): { graph: DependencyGraph; incremental?: { cache: RuleResultCache; delta: GraphDelta } } {
    if (this.options.once) return { graph: buildGraph(root, inputs, classifier) };
    const { graph, delta } = this.graphs.build(root, inputs, classifier);
    return { graph, incremental: { cache: this.ruleResults, delta } };
  }

  /** The findings the baseline does not list, and its entries that no longer occur. */
  private withoutBaselined(findings: readonly Finding[], graph: DependencyGraph, problems: Problem[]): { fresh: readonly Finding[]; stale: readonly BaselineEntry[] } {
    if (this.options.useBaseline === false) return { fresh: findings, stale: [] };
    const baseline = (this.baseline ??= loadBaseline(this.root));
    if (baseline.kind === 'invalid') problems.push({ kind: 'config', file: `${this.root}/${BASELINE_FILE_NAME}`, message: baseline.message });
    if (baseline.kind !== 'loaded') return { fresh: findings, stale: [] };
    return againstBaseline(findings, baseline, this.root, (file) => graph.files.get(file)?.text);
  }

  /** The configuration file the analysis uses, if any: the one given, else the one the session reads. */
  private configFile(): string | undefined {
    if (this.options.config) return this.options.configFile;
    if (this.options.ignoreConfigFile) return undefined;
    return this.options.configPath ? path.resolve(this.root, this.options.configPath) : path.join(this.root, CONFIG_FILE_NAME);
  }

  /**
   * What in the configuration file matches nothing. Checked again only when the files or the
   * layers in use changed: an edit rarely changes either.
   */
  private checkConfig(workspace: DiscoveredWorkspace, graph: DependencyGraph, config: ResolvedConfig): readonly ConfigError[] {
    const file = this.configFile();
    // No file was loaded (none exists): nothing to check, and no walk over the graph on each edit.
    if (!file || config.file === undefined) return [];
    const layersInUse = new Set<string>();
    for (const node of graph.files.values()) if (node.layer) layersInUse.add(node.layer);
    const key = `${workspace.files.size}|${[...layersInUse].sort().join(',')}`;
    if (this.configWarnings && this.configWarningsKey === key) return this.configWarnings;
    const files = [...workspace.files.keys()].map((f) => path.posix.relative(workspace.root, f));
    this.configWarningsKey = key;
    this.configWarnings = configWarnings(file, workspace.root, { files, layersInUse, knownLayers: config.architecture.layerIds });
    return this.configWarnings;
  }

  private loadConfig(): ConfigLoad {
    if (this.options.config) return { ok: true, config: this.options.config };
    if (this.options.ignoreConfigFile) return { ok: true, config: defaultConfig() };
    return loadConfig(this.root, this.options.configPath);
  }

  /**
   * The files outside the opened folder that its files import — workspace packages, tsconfig path
   * aliases that point outside — and what those import in turn: read so that an injected
   * `UsersRepository` from a library gets its layer. Nothing is reported in them. An import that
   * should have resolved and did not is a problem, not a silent gap.
   */
  private *outsideInputs(inputs: readonly GraphInput[], workspace: DiscoveredWorkspace, problems: Problem[]): Generator<void, GraphInput[], void> {
    const seen = new Set(workspace.files.keys());
    const report = onceEach(problems);
    const configsReported = new Set<string>();
    const outside: GraphInput[] = [];
    const queue = [...inputs];
    while (queue.length > 0) {
      const importer = queue.pop()!;
      const { targets, unresolved } = this.importsOf(importer, workspace.root);
      for (const why of unresolved) report(why, { kind: 'project', file: importer.file, message: `${why}: what it imports gets no layer.` });
      for (const target of targets.filter((t) => !seen.has(t))) {
        seen.add(target);
        if (outside.length >= MAX_OUTSIDE_FILES) {
          report('too many', {
            kind: 'project',
            file: target,
            message: `More than ${MAX_OUTSIDE_FILES} files outside the folder are imported: the rest were not read, so what they declare gets no layer.`,
          });
          continue;
        }
        const { entry, fresh } = this.fileEntry(target);
        if (fresh) yield;
        problems.push(...entry.problems);
        const input = graphInputOf(entry, this.outsideContext(target, importer, configsReported, problems), true);
        if (!input) continue;
        outside.push(input);
        queue.push(input);
      }
    }
    return outside;
  }

  /** What a file's imports resolve to outside the folder, and the imports that should have resolved; once per parsed text and project. */
  private importsOf(input: GraphInput, root: string): ImportTargets {
    const known = this.importTargets.get(input);
    if (known) return known;
    const targets: string[] = [];
    const unresolved: string[] = [];
    for (const ref of input.facts.moduleRefs) {
      const resolution = input.project.resolver.resolve(ref.specifier, input.file);
      if (resolution.kind === 'file' && isOutside(root, resolution.file) && SOURCE_FILE.test(resolution.file)) targets.push(normalize(resolution.file));
      else if (resolution.kind === 'unresolved' && resolution.why) unresolved.push(resolution.why);
    }
    const found = { targets, unresolved };
    this.importTargets.set(input, found);
    return found;
  }

  /**
   * The project of a file outside the folder: its nearest tsconfig/jsconfig (options only), else
   * its importer's. A config's problems are reported once per analysis, not once per file it covers.
   */
  private outsideContext(file: string, importer: GraphInput, configsReported: Set<string>, problems: Problem[]): ProjectContext {
    const configFile = nearestConfig(file, this.workspace?.monorepo?.root);
    if (!configFile) return importer.project;
    let project = this.outsideProjects.get(configFile);
    if (!project) {
      const loaded = loadTsconfigOptions(configFile, this.workspace?.monorepo?.packages);
      project = { configFile, dir: normalize(path.dirname(configFile)), options: loaded.options, problems: loaded.problems };
      this.outsideProjects.set(configFile, project);
    }
    if (!configsReported.has(configFile)) {
      configsReported.add(configFile);
      problems.push(...project.problems);
    }
    return this.contextOf(project);
  }

  private contextOf(project: Project): ProjectContext {
    let context = this.contexts.get(project);
    if (!context) {
      context = {
        dir: project.dir,
        resolver: new ModuleResolver(project.options, this.fsCache, this.workspace?.monorepo),
        emitDecoratorMetadata: project.options.emitDecoratorMetadata === true,
        verbatimModuleSyntax: project.options.verbatimModuleSyntax === true,
      };
      this.contexts.set(project, context);
    }
    return context;
  }

  private fileEntry(file: string): { entry: CachedFile; fresh: boolean } {
    const overlay = this.overlays.get(file);
    const cached = this.files.get(file);
    let stamp: string;
    let read: () => SourceRead;
    if (overlay !== undefined) {
      if (cached?.stamp === 'overlay' && cached.input?.text === overlay) return { entry: cached, fresh: false };
      stamp = 'overlay';
      read = () => ({ ok: true, text: overlay });
    } else if (this.options.watchesFiles && cached?.stamp.startsWith('disk:')) {
      return { entry: cached, fresh: false };
    } else {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch (error) {
        const entry = { stamp: 'missing', problems: [{ kind: 'read' as const, file, message: `cannot read file: ${errorMessage(error)}` }] };
        this.files.set(file, entry);
        return { entry, fresh: true };
      }
      stamp = `disk:${stat.mtimeMs}:${stat.size}`;
      read = () => readSource(file, stat.size);
    }
    if (cached && cached.stamp === stamp && stamp !== 'overlay') return { entry: cached, fresh: false };
    const entry = { stamp, ...loadFile(file, read()) };
    this.files.set(file, entry);
    return { entry, fresh: true };
  }
}

/** The file's graph input in its project (none for a file that could not be read or parsed). */
function graphInputOf(entry: CachedFile, project: ProjectContext, outside = false): GraphInput | undefined {
  if (entry.input && (entry.graphInput?.project !== project || (entry.graphInput.outside ?? false) !== outside)) {
    entry.graphInput = { ...entry.input, project, ...(outside ? { outside } : {}) };
  }
  return entry.graphInput;
}

interface ImportTargets {
  /** Source files outside the folder that the file imports. */
  readonly targets: readonly string[];
  /** Why imports that should have resolved (workspace packages, path aliases) did not. */
  readonly unresolved: readonly string[];
}

/** Pushes a problem the first time its key is seen. */
function onceEach(problems: Problem[]): (key: string, problem: Problem) => void {
  const seen = new Set<string>();
  return (key, problem) => {
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(problem);
  };
}

/** Files of workspace packages are read at most this many; a larger graph is cut, with a problem. */
const MAX_OUTSIDE_FILES = 5000;
/** How often reading files reports progress: often enough to move, rarely enough to cost nothing. */
const FILES_PER_PROGRESS = 25;

/** Hears how many of the workspace's files have been read, of how many. */
export type FilesReadListener = (read: number, total: number) => void;
const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/i;
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

function isOutside(root: string, file: string): boolean {
  const relative = path.posix.relative(root, normalize(file));
  return relative.startsWith('..') || path.posix.isAbsolute(relative);
}

/** The nearest tsconfig/jsconfig above a file, not above `limit` (the monorepo root) when there is one. */
function nearestConfig(file: string, limit: string | undefined): string | undefined {
  let dir = path.posix.dirname(normalize(file));
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.posix.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.posix.dirname(dir);
    if (parent === dir || dir === limit) return undefined;
    dir = parent;
  }
}

function loadFile(file: string, read: SourceRead): Omit<CachedFile, 'stamp'> {
  if (!read.ok) return { problems: [{ kind: 'read', file, message: read.reason }] };
  let facts: FileFacts;
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = parseSource(file, read.text);
    facts = extractFactsFrom(sourceFile);
  } catch (error) {
    return { problems: [{ kind: 'syntax', file, message: `could not be parsed, skipped: ${errorMessage(error)}`, lost: true }] };
  }
  const lineIndex = new LineIndex(read.text);
  const firstError = facts.syntaxErrors[0];
  const problems: Problem[] = firstError
    ? [
        {
          kind: 'syntax',
          file,
          start: lineIndex.positionAt(firstError.offset),
          message: `syntax error: ${firstError.message}${facts.syntaxErrors.length > 1 ? ` (and ${facts.syntaxErrors.length - 1} more)` : ''}; the readable parts were still analyzed`,
        },
      ]
    : [];
  return { input: { file, text: read.text, facts, sourceFile, lineIndex }, problems };
}
