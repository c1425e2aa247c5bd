/**
 * API boundary of the analysis engine. Front ends (the CLI, the language server) import from
 * here only.
 *
 * Invariant: nothing under engine/ imports `vscode`, `vscode-languageserver*` or anything from
 * `lsp/` or `cli/`, and nothing here prints or exits: results and problems are returned as data.
 */
export { analyzeWorkspace, compareFindings, effectiveSeverity } from './analyze';
export { AnalysisSession } from './session';
export type { SessionOptions } from './session';
export type { AnalysisResult, AnalyzeOptions } from './analyze';
export { CONFIG_FILE_NAME, formatPath, loadConfig, parseConfig } from './config/load';
export type { ConfigError, ConfigLoad } from './config/load';
export { defaultConfig } from './config/resolved';
export type { ResolvedConfig } from './config/resolved';
export { configJsonSchema } from './config/json-schema';
export { installedPackages, snippetsFor, type SnippetEntry } from './snippets/offer';
export type { DependencyGraph, Edge, EdgeKind, FileNode } from './graph/types';
export { toGraphJson, toDot, toMermaid } from './report/graph-formats';
export { architectureView, VIEW_GROUPINGS, type ArchitectureView, type ViewGrouping } from './report/architecture-view';
export { toArchitectureHtml, type ViewerAssets } from './report/architecture-html';
export { toJsonReport } from './report/json';
export type { JsonReport } from './report/json';
export { toSarif } from './report/sarif';
export { toGitlabCodeQuality, type GitlabIssue } from './report/gitlab';
export { architectureDiff, compareSummaries, diffSummary, introducedFindings, type ArchitectureDiff, type DiffSide, type DiffSummary } from './report/architecture-diff';
export { diffText } from './report/diff-text';
export { diffMarkdown } from './report/diff-markdown';
export { toText } from './report/text';
export { explainFile, explanationText } from './report/explain';
export type { Explanation, ExplainedDependency } from './report/explain';
export type { EvidenceNote } from './classify/classify';
export { layerAccount } from './graph/layer-account';
export { docsPath, docsUrl } from './rules/docs';
export { RULES, ruleById } from './rules/registry';
export { registerRule } from './rules/types';
export type { RegisteredRule, Rule, RuleMeta } from './rules/types';
export type { Finding, Fix, Position, Problem, RelatedLocation, Severity, SeveritySetting, TextEdit, TextRange } from './types';
export { againstBaseline, BASELINE_FILE_NAME, baselineWith, loadBaseline, toBaseline } from './suppress/baseline';
export { ENGINE_VERSION } from './version';
export { applyTextEdits, editsByFile, fixesFor, hasFixProvider } from './fixes';
export type { FixesOptions, FixesResult } from './fixes';
export { planSafeFixes } from './fixes/plan';
export { LineIndex } from './text/line-index';
export { decodeSource, encodeSource, encodingOf, type SourceEncoding } from './workspace/read-source';
export { REFACTOR_IDS, refactorChoices } from './fixes/refactors';
export { generateResource } from './generate';
export type { GenerateResult } from './generate';
export type { RefactorChoice, RefactorId } from './fixes/refactors';
export type { FixPlan } from './fixes/plan';
export { PRESET_NAMES } from './config/schema';
export type { PresetName } from './config/schema';
export { proposeArchitecture, proposeArchitectureInSlices, configOf, LAYERING_RULES } from './init/propose';
export type { ArchitectureProposal, ProposedCandidate, CandidatePreview } from './init/propose';
export { configFileText, schemaInstalledIn } from './init/config-text';
