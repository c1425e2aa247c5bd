import type { PresetName } from '../config/schema';
import type { ArchitectureEvidence, AreaWord, ModuleFolder } from './evidence';

/** An architecture `init` proposes: the presets that compose it, how sure it is, and why. */
export interface ArchitectureCandidate {
  readonly presets: readonly PresetName[];
  /** Where the feature modules are, for the modular-monolith preset. */
  readonly modules?: readonly string[];
  /** 0 to 1: how well the evidence fits (before the preview of findings weighs in). */
  readonly confidence: number;
  /** The evidence, one sentence each: `34 of 120 files under domain/`. */
  readonly reasons: readonly string[];
}

const HEXAGONAL_INSIDE: readonly AreaWord[] = ['domain', 'application', 'use-cases', 'usecases', 'ports', 'core'];
const HEXAGONAL_OUTSIDE: readonly AreaWord[] = ['adapters', 'infrastructure', 'infra', 'persistence', 'presentation'];
const CLEAN_WORDS: readonly AreaWord[] = ['entities', 'use-cases', 'usecases', 'interactors', 'interface-adapters', 'presenters', 'gateways', 'frameworks', 'drivers'];
/** Words only clean architecture uses: a `ports/` folder or `adapters/` says hexagonal instead. */
const CLEAN_ONLY: readonly AreaWord[] = ['interface-adapters', 'presenters', 'frameworks', 'drivers', 'interactors'];

/** The share of the files a ports-and-adapters layout must cover for its signals to count in full. */
const MIN_HEXAGONAL_COVERAGE = 0.2;
/** The least evidence a preset needs before it is proposed at all. */
const MIN_AREA_FILES = 3;
const MIN_MODULES = 3;
/** Modules whose imports of each other go through a public API less often than this follow no module discipline. */
const MIN_PUBLIC_SHARE = 0.6;
/** From this confidence on for both, modules and the rings inside them compose. */
const BOTH_CLEAR = 0.75;
/** From this confidence on, CQRS composes with the best architecture rather than trailing it. */
const CQRS_CONFIDENT = 0.6;

/**
 * Candidates from the evidence, best first. Each architecture's score grows with how much of the
 * code sits where that architecture puts it; the layered default is always a candidate, since
 * it asks nothing of the folders. Modules compose with the rings of ports and adapters when the
 * code shows both; CQRS composes with the best of the others when the code has both command and
 * query handlers.
 */
export function rankCandidates(evidence: ArchitectureEvidence): ArchitectureCandidate[] {
  const primaries = [hexagonal(evidence), clean(evidence), modularMonolith(evidence), layered(evidence)].filter((c): c is ArchitectureCandidate => c !== undefined);
  primaries.sort((a, b) => b.confidence - a.confidence);
  const modulesWithRings = modulesAroundRings(primaries);
  if (modulesWithRings) primaries.unshift(modulesWithRings);
  primaries.sort((a, b) => b.confidence - a.confidence);
  const cqrs = cqrsEvidence(evidence);
  const best = primaries[0];
  if (!cqrs || !best) return primaries;
  const composed: ArchitectureCandidate = {
    presets: [...best.presets, 'cqrs'],
    ...(best.modules ? { modules: best.modules } : {}),
    // Handlers of both kinds in numbers say CQRS on top of the architecture; a couple say less.
    confidence: round(best.confidence + (cqrs.confidence >= CQRS_CONFIDENT ? 0.02 : -0.1)),
    reasons: [...best.reasons, ...cqrs.reasons],
  };
  return [composed, ...primaries].sort((a, b) => b.confidence - a.confidence);
}

/**
 * Feature modules with public APIs, and the rings of ports and adapters inside them: both
 * architectures at once, when the code shows each clearly. The composition checks the modules'
 * boundaries and the direction of the dependencies inside them.
 */
function modulesAroundRings(primaries: readonly ArchitectureCandidate[]): ArchitectureCandidate | undefined {
  const modular = primaries.find((c) => c.presets[0] === 'modular-monolith');
  const rings = primaries.find((c) => c.presets[0] === 'hexagonal' || c.presets[0] === 'clean');
  const ringPreset = rings?.presets[0];
  if (!modular?.modules || !rings || !ringPreset || Math.min(modular.confidence, rings.confidence) < BOTH_CLEAR) return undefined;
  return {
    presets: ['modular-monolith', ringPreset],
    modules: modular.modules,
    confidence: round(Math.max(modular.confidence, rings.confidence) + 0.02),
    reasons: [...modular.reasons, ...rings.reasons],
  };
}

function hexagonal(evidence: ArchitectureEvidence): ArchitectureCandidate | undefined {
  const inside = sum(evidence, HEXAGONAL_INSIDE);
  const outside = sum(evidence, HEXAGONAL_OUTSIDE);
  if (evidence.areas.domain < MIN_AREA_FILES && evidence.portFiles < MIN_AREA_FILES) return undefined;
  const reasons = [...areaReasons(evidence, [...HEXAGONAL_INSIDE, ...HEXAGONAL_OUTSIDE])];
  if (evidence.portFiles > 0) reasons.push(`${evidence.portFiles} file(s) declare ports (ports/, *.port.ts, …Port interfaces, contracts another file implements)`);
  // A domain, ports it declares, and adapters or use cases around it: each says ports and adapters.
  const declaresPorts = evidence.portFiles > 0 || evidence.areas.adapters > 0;
  const hasUseCases = evidence.areas.application + evidence.areas['use-cases'] + evidence.areas.usecases + evidence.areas.core > 0;
  // A `domain/` and an `infrastructure/` folder alone, with no port and no use case, are a
  // shared kernel's folders (value objects, the database client) in an app of another shape.
  if (!declaresPorts && !hasUseCases) return undefined;
  const signals = [outside >= 2, declaresPorts, hasUseCases];
  const coverage = (inside + outside) / Math.max(1, evidence.files);
  const cleanPenalty = sum(evidence, CLEAN_ONLY) > 0 ? 0.15 : 0;
  // Ports and adapters in one corner of a large codebase (a plugin of a workspace) are that
  // corner's architecture, not the codebase's: the signals count as much as the areas cover.
  const reach = Math.min(1, coverage / MIN_HEXAGONAL_COVERAGE);
  const confidence = 0.35 + 0.15 * signals.filter(Boolean).length * reach + 0.2 * Math.min(1, coverage / 0.5) - cleanPenalty;
  return { presets: ['hexagonal'], confidence: round(confidence), reasons };
}

function clean(evidence: ArchitectureEvidence): ArchitectureCandidate | undefined {
  const useCases = evidence.areas['use-cases'] + evidence.areas.usecases + evidence.areas.interactors;
  const inner = evidence.areas.entities + evidence.areas.domain;
  const outer = sum(evidence, ['interface-adapters', 'presenters', 'gateways', 'frameworks', 'drivers', 'infrastructure', 'infra', 'adapters']);
  if (useCases < 2 || inner < 2 || outer < 1) return undefined;
  const coverage = (useCases + inner + outer) / Math.max(1, evidence.files);
  const cleanOnly = sum(evidence, CLEAN_ONLY) > 0 ? 0.1 : 0;
  const portsPenalty = evidence.areas.ports > 0 || evidence.areas.adapters > 0 ? 0.15 : 0;
  return {
    presets: ['clean'],
    confidence: round(0.4 + 0.4 * Math.min(1, coverage / 0.6) + cleanOnly - portsPenalty),
    reasons: areaReasons(evidence, [...CLEAN_WORDS, 'domain', 'infrastructure', 'infra', 'adapters']),
  };
}

function modularMonolith(evidence: ArchitectureEvidence): ArchitectureCandidate | undefined {
  const folder = [...evidence.moduleFolders].sort((a, b) => b.files - a.files)[0];
  if (!folder || folder.modules.length < MIN_MODULES) return undefined;
  const share = folder.files / Math.max(1, evidence.files);
  // What the preset checks, measured: modules whose imports of each other mostly reach into the
  // internals are feature folders, not modules with APIs. Modules that never import each other
  // keep the discipline when most declare an API (they talk through events or contracts); without
  // APIs they may be mere folders.
  const publicShare = folder.crossImports === 0 ? shareWithoutImports(folder) : folder.publicImports / folder.crossImports;
  if (publicShare < MIN_PUBLIC_SHARE) return { presets: ['modular-monolith'], modules: [folder.glob], confidence: 0.2, reasons: moduleReasons(folder, evidence) };
  return {
    presets: ['modular-monolith'],
    modules: [folder.glob],
    confidence: round(0.3 + 0.3 * Math.min(1, share / 0.7) + 0.35 * publicShare),
    reasons: moduleReasons(folder, evidence),
  };
}

/**
 * What modules that never import each other show of their discipline: in full when the team's
 * boundary lint fences them, enough when most declare an API, too little otherwise (mere folders).
 */
function shareWithoutImports(folder: ModuleFolder): number {
  if (folder.fencedBy !== undefined) return 1;
  return folder.withPublicApi * 2 >= folder.modules.length ? MIN_PUBLIC_SHARE : 0.5;
}

function layered(evidence: ArchitectureEvidence): ArchitectureCandidate {
  const reasons = [`${evidence.controllers} controller/router file(s), ${evidence.services} service(s), ${evidence.repositories} repositor${evidence.repositories === 1 ? 'y' : 'ies'}`];
  const confidence = evidence.controllers > 0 && evidence.services > 0 ? (evidence.repositories > 0 ? 0.65 : 0.55) : 0.35;
  return { presets: ['layered'], confidence, reasons };
}

function cqrsEvidence(evidence: ArchitectureEvidence): { confidence: number; reasons: string[] } | undefined {
  if (evidence.commandHandlers === 0 || evidence.queryHandlers === 0) return undefined;
  const handlers = evidence.commandHandlers + evidence.queryHandlers;
  return { confidence: Math.min(0.9, 0.5 + 0.04 * handlers), reasons: [`${evidence.commandHandlers} command handler(s) and ${evidence.queryHandlers} query handler(s)`] };
}

function sum(evidence: ArchitectureEvidence, words: readonly AreaWord[]): number {
  return words.reduce((total, word) => total + evidence.areas[word], 0);
}

function areaReasons(evidence: ArchitectureEvidence, words: readonly AreaWord[]): string[] {
  return [...new Set(words)].filter((w) => evidence.areas[w] > 0).map((w) => `${evidence.areas[w]} of ${evidence.files} files under ${w}/${spelledAs(evidence, w)}`);
}

/** ` (as domaine/)` when the folders name the area in another language. */
function spelledAs(evidence: ArchitectureEvidence, word: AreaWord): string {
  const spellings = evidence.areaSpellings[word];
  return spellings && spellings.length > 0 ? ` (as ${spellings.map((s) => `${s}/`).join(', ')})` : '';
}

function moduleReasons(folder: ModuleFolder, evidence: ArchitectureEvidence): string[] {
  const through = folder.crossImports === 0 ? 'they do not import each other' : `${folder.publicImports} of their ${folder.crossImports} imports of each other go through a public API`;
  return [
    `${folder.modules.length} feature modules under ${folder.glob.replace(/\/\*$/, '/')}${folder.foundBy === 'entries' ? ' (most of its folders are features with an entry file)' : ''} holding ${folder.files} of ${evidence.files} files`,
    `${folder.withPublicApi} of them declare a public API (index file, Nest module exports, or a project of their own); ${through}`,
    ...(folder.fencedBy !== undefined ? [`the team's boundary lint (${folder.fencedBy}) names ${folder.glob.replace(/\/\*$/, '/')}`] : []),
  ];
}

function round(value: number): number {
  return Math.round(Math.max(0, Math.min(1, value)) * 100) / 100;
}
