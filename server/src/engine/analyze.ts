import { Classifier } from './classify/classify';
import { loadConfig, type ConfigError } from './config/load';
import type { ResolvedConfig } from './config/resolved';
import { extractFacts } from './facts/extract';
import type { FileFacts } from './facts/types';
import { buildGraph, type GraphInput } from './graph/build';
import type { ProjectContext } from './graph/symbols';
import type { DependencyGraph } from './graph/types';
import { RULES } from './rules/registry';
import type { RegisteredRule, RuleReport } from './rules/types';
import { LineIndex } from './text/line-index';
import type { Finding, Problem, RelatedLocation, Severity, SeveritySetting } from './types';
import { discoverWorkspace, type Project } from './workspace/discover';
import { errorMessage, readSource } from './workspace/read-source';
import { FileSystemCache, ModuleResolver } from './workspace/resolver';

export interface AnalyzeOptions {
  readonly root: string;
  /** A config file path (relative to root or absolute); default `<root>/layerguard.json` if present. */
  readonly configPath?: string;
  /** An already loaded configuration; wins over `configPath`. */
  readonly config?: ResolvedConfig;
  /** Severity per rule id that wins over the config file (editor settings). */
  readonly severityOverrides?: Readonly<Record<string, SeveritySetting>>;
}

export interface AnalysisResult {
  readonly root: string;
  readonly config: ResolvedConfig;
  /** Errors of the config file; the analysis ran with the defaults when there are any. */
  readonly configErrors: readonly ConfigError[];
  readonly graph: DependencyGraph;
  readonly findings: readonly Finding[];
  readonly problems: readonly Problem[];
  readonly stats: { readonly files: number; readonly edges: number; readonly durationMs: number };
}

/**
 * API boundary: analyzes a workspace folder end to end. Never throws for bad input: unreadable
 * files, syntax errors, broken configs and crashing rules become `problems`, and the rest runs.
 */
export function analyzeWorkspace(options: AnalyzeOptions): AnalysisResult {
  const started = performance.now();
  const loaded = options.config ? { ok: true as const, config: options.config } : loadConfig(options.root, options.configPath);
  const config = loaded.config;
  const configErrors = loaded.ok ? [] : loaded.errors;

  const workspace = discoverWorkspace(options.root, config);
  const problems: Problem[] = [...workspace.problems];
  const fsCache = new FileSystemCache();
  const contexts = new Map<Project, ProjectContext>();
  const contextOf = (project: Project): ProjectContext => {
    let context = contexts.get(project);
    if (!context) {
      context = {
        dir: project.dir,
        resolver: new ModuleResolver(project.options, fsCache),
        emitDecoratorMetadata: project.options.emitDecoratorMetadata === true,
        verbatimModuleSyntax: project.options.verbatimModuleSyntax === true,
      };
      contexts.set(project, context);
    }
    return context;
  };

  const inputs: GraphInput[] = [];
  for (const [file, project] of workspace.files) {
    const input = loadFile(file, contextOf(project), problems);
    if (input) inputs.push(input);
  }
  const graph = buildGraph(workspace.root, inputs, new Classifier(config.layers, workspace.root));
  const findings = runRules(graph, config, options.severityOverrides ?? {}, problems);
  return {
    root: workspace.root,
    config,
    configErrors,
    graph,
    findings,
    problems,
    stats: { files: inputs.length, edges: graph.edges.length, durationMs: performance.now() - started },
  };
}

function loadFile(file: string, project: ProjectContext, problems: Problem[]): GraphInput | undefined {
  const read = readSource(file);
  if (!read.ok) {
    problems.push({ kind: 'read', file, message: read.reason });
    return undefined;
  }
  let facts: FileFacts;
  try {
    facts = extractFacts(file, read.text);
  } catch (error) {
    problems.push({ kind: 'syntax', file, message: `could not be parsed, skipped: ${errorMessage(error)}` });
    return undefined;
  }
  const lineIndex = new LineIndex(read.text);
  const firstError = facts.syntaxErrors[0];
  if (firstError) {
    problems.push({
      kind: 'syntax',
      file,
      start: lineIndex.positionAt(firstError.offset),
      message: `syntax error: ${firstError.message}${facts.syntaxErrors.length > 1 ? ` (and ${facts.syntaxErrors.length - 1} more)` : ''}; the readable parts were still analyzed`,
    });
  }
  return { file, text: read.text, facts, lineIndex, project };
}

export function effectiveSeverity(rule: RegisteredRule, config: ResolvedConfig, overrides: Readonly<Record<string, SeveritySetting>>): SeveritySetting {
  return overrides[rule.meta.id] ?? config.rules.get(rule.meta.id)?.severity ?? rule.meta.defaultSeverity;
}

function runRules(graph: DependencyGraph, config: ResolvedConfig, overrides: Readonly<Record<string, SeveritySetting>>, problems: Problem[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = effectiveSeverity(rule, config, overrides);
    if (severity === 'off') continue;
    const reports: RuleReport[] = [];
    try {
      rule.run({ graph, policy: config.policy, report: (r) => reports.push(r) }, config.rules.get(rule.meta.id)?.options);
    } catch (error) {
      // One broken rule must not take the others (or the server) down; it is reported, not hidden.
      problems.push({ kind: 'rule', message: `rule ${rule.meta.id} crashed and was skipped: ${errorMessage(error)}` });
      continue;
    }
    for (const report of reports) findings.push(toFinding(graph, rule.meta.id, severity, report));
  }
  return findings.sort(compareFindings);
}

function toFinding(graph: DependencyGraph, ruleId: string, severity: Severity, report: RuleReport): Finding {
  const lines = graph.files.get(report.file)?.lineIndex;
  const related: RelatedLocation[] = (report.related ?? []).map((r) => {
    const relatedLines = graph.files.get(r.file)?.lineIndex;
    return {
      file: r.file,
      range: r.range,
      start: relatedLines?.positionAt(r.range.start) ?? { line: 0, character: 0 },
      end: relatedLines?.positionAt(r.range.end) ?? { line: 0, character: 0 },
      message: r.message,
    };
  });
  return {
    ruleId,
    severity,
    message: report.message,
    file: report.file,
    range: report.range,
    start: lines?.positionAt(report.range.start) ?? { line: 0, character: 0 },
    end: lines?.positionAt(report.range.end) ?? { line: 0, character: 0 },
    related,
    fixes: report.fixes ?? [],
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start - b.range.start ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
