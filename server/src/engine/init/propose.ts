import * as path from 'node:path';
import { analyzeWorkspace, type AnalyzeOptions } from '../analyze';
import { AnalysisSession } from '../session';
import { CONFIG_FILE_NAME, parseConfig } from '../config/load';
import type { ConfigFile } from '../config/schema';
import { RULES } from '../rules/registry';
import type { AnalysisResult } from '../session';
import type { SeveritySetting } from '../types';
import { rankCandidates, type ArchitectureCandidate } from './detect';
import { collectEvidence, type ArchitectureEvidence } from './evidence';

/** The rules a preset changes: what its preview counts. */
export const LAYERING_RULES: readonly string[] = ['layering/forbidden-dependency', 'layering/contract'];

/** What a candidate's configuration would report on the code as it is. */
export interface CandidatePreview {
  readonly findings: number;
  /** Files with at least one finding. */
  readonly files: number;
  /** A few findings to show: `src/orders/domain/order.ts:3 A domain must not…`. */
  readonly examples: readonly string[];
}

export interface ProposedCandidate extends ArchitectureCandidate {
  /** The configuration `init` writes for it. */
  readonly config: ConfigFile;
  /** Set for the candidates previewed (the best few). */
  readonly preview?: CandidatePreview;
  /** Confidence once the preview weighed in: a preset the code breaks in many files fits it less. */
  readonly fit: number;
}

export interface ArchitectureProposal {
  readonly root: string;
  readonly evidence: ArchitectureEvidence;
  /** Best first: the first is what `init` recommends. */
  readonly candidates: readonly ProposedCandidate[];
}

export interface ProposeOptions {
  /** How many candidates to preview (each is one analysis). */
  readonly previews?: number;
  readonly maxFiles?: number;
}

/** The most a candidate's fit drops for the files its preview flags (twice their share, or their share for rings with declared ports: see `declaresItsPorts`). */
const MAX_FIT_PENALTY = 0.5;
/**
 * A preset is recommended over the layered default only when it fits clearly better: with
 * nothing to gain, the configuration nobody has to learn wins.
 */
export const DEFAULT_PREFERENCE = 0.05;

/**
 * Inspects the folder (ignoring any layerguard.json, whose choice is what is being made), ranks
 * the architectures its code fits, and previews what each of the best would report.
 */
export function proposeArchitecture(root: string, options: ProposeOptions = {}): ArchitectureProposal {
  const steps = proposalSteps(root, options);
  for (let step = steps.next(); ;) {
    if (step.done) return step.value;
    step = steps.next(analyzeWorkspace(step.value));
  }
}

/**
 * The same proposal, its analyses run in slices of the event loop (a language server keeps
 * answering while it works). `progress` hears how many analyses are done of how many.
 */
export async function proposeArchitectureInSlices(root: string, options: ProposeOptions = {}, progress?: (done: number, total: number) => void): Promise<ArchitectureProposal> {
  const steps = proposalSteps(root, options);
  const total = 1 + (options.previews ?? PREVIEWS);
  let done = 0;
  for (let step = steps.next(); ;) {
    if (step.done) return step.value;
    const result = await new AnalysisSession({ ...step.value, once: true }).analyzeUnlessStale(() => false);
    if (!result) throw new Error('the analysis of the folder stopped before its end');
    progress?.(++done, total);
    step = steps.next(result);
  }
}

/** Enough for the best composition, its parts and the default: a candidate not previewed keeps its unproven evidence score. */
const PREVIEWS = 4;

/** The proposal as a sequence of analyses it asks for (yielded) and gets back (sent in). */
function* proposalSteps(root: string, options: ProposeOptions): Generator<AnalyzeOptions, ArchitectureProposal, AnalysisResult> {
  const limits = options.maxFiles ? { maxFiles: options.maxFiles } : {};
  const base = yield { root, ignoreConfigFile: true, useBaseline: false, severityOverrides: layeringOnly(), ...limits };
  const evidence = collectEvidence(base.graph);
  const previews = options.previews ?? PREVIEWS;
  const candidates: ProposedCandidate[] = [];
  for (const [index, candidate] of rankCandidates(evidence).entries()) {
    const config = configOf(candidate);
    if (index >= previews) {
      candidates.push({ ...candidate, config, fit: candidate.confidence });
      continue;
    }
    const result = isDefault(candidate) ? base : yield previewOptions(root, config, limits);
    const preview = previewOf(result);
    candidates.push({ ...candidate, config, preview, fit: fitOf(candidate, preview, evidence) });
  }
  const rank = (c: ProposedCandidate) => c.fit + (isDefault(c) ? DEFAULT_PREFERENCE : 0);
  candidates.sort((a, b) => rank(b) - rank(a));
  return { root, evidence, candidates };
}

/** The configuration a candidate stands for: its presets, and where its modules are. */
export function configOf(candidate: Pick<ArchitectureCandidate, 'presets' | 'modules'>): ConfigFile {
  const [only] = candidate.presets;
  return { preset: candidate.presets.length === 1 && only ? only : [...candidate.presets], ...(candidate.modules ? { modules: [...candidate.modules] } : {}) };
}

function isDefault(candidate: ArchitectureCandidate): boolean {
  return candidate.presets.length === 1 && candidate.presets[0] === 'layered';
}

function previewOptions(root: string, config: ConfigFile, limits: { maxFiles?: number }): AnalyzeOptions {
  const parsed = parseConfig(path.join(root, CONFIG_FILE_NAME), JSON.stringify(config));
  return { root, config: parsed.config, useBaseline: false, severityOverrides: layeringOnly(), ...limits };
}

function layeringOnly(): Record<string, SeveritySetting> {
  return Object.fromEntries(RULES.map((r) => [r.meta.id, LAYERING_RULES.includes(r.meta.id) ? 'warning' : 'off']));
}

function previewOf(result: AnalysisResult): CandidatePreview {
  const files = new Set(result.findings.map((f) => f.file));
  const examples = result.findings.slice(0, 3).map((f) => `${path.posix.relative(result.root, f.file)}:${f.start.line + 1} ${f.message}`);
  return { findings: result.findings.length, files: files.size, examples };
}

function fitOf(candidate: ArchitectureCandidate, preview: CandidatePreview, evidence: ArchitectureEvidence): number {
  const broken = preview.files / Math.max(1, evidence.files);
  const slope = declaresItsPorts(candidate, evidence) ? 1 : 2;
  return Math.round(Math.max(0, candidate.confidence - Math.min(MAX_FIT_PENALTY, broken * slope)) * 100) / 100;
}

/**
 * Ports and adapters the code declares its ports for (at least `PORTS_DECLARED` of its files, and
 * three): the team chose the rings, and the files that break them are its lapses, worth hearing,
 * so they weigh half as much against the fit. Rings named by folders alone, with next to no port
 * (`domain/`, `application/`, `infrastructure/` as layers stacked on each other, use cases taking
 * the ORM's repositories), are another architecture, and the files they break say so.
 */
function declaresItsPorts(candidate: ArchitectureCandidate, evidence: ArchitectureEvidence): boolean {
  const rings = candidate.presets.some((p) => p === 'hexagonal' || p === 'clean');
  return rings && evidence.portFiles >= Math.max(3, PORTS_DECLARED * evidence.files);
}

/** The share of files declaring ports from which a ports-and-adapters layout is the team's own (see `declaresItsPorts`). */
const PORTS_DECLARED = 0.02;
