import * as path from 'node:path';
import { folderGlob } from './path-prefix';
import { BUILTIN_LAYERS, type LayerDefinition, type LayerId } from '../classify/layers';
import { DEFAULT_POLICY, toLayerPolicy, type LayerPolicy } from '../policy/policy';
import { PRESETS, type Preset } from '../policy/presets';
import { DEFAULT_MODULE_FOLDERS } from '../policy/presets/modular-monolith';
import type { SeveritySetting } from '../types';
import type { ConfigFile, ContractSetting, PresetName } from './schema';

export interface RuleConfig {
  readonly severity?: SeveritySetting;
  /** Validated by the rule, defaults filled. */
  readonly options: unknown;
}

/** The configuration every stage reads: defaults merged with `layerguard.json`. */
export interface ResolvedConfig {
  /** Absolute path of the config file in use, if any. */
  readonly file?: string;
  readonly layers: readonly LayerDefinition[];
  readonly policy: LayerPolicy;
  readonly architecture: Architecture;
  readonly rules: ReadonlyMap<string, RuleConfig>;
  readonly ignore: readonly string[];
  readonly includeTests: boolean;
}

/** A contract with the name its violations carry. */
export type Contract = ContractSetting & { readonly name: string };

/** What the chosen preset and the contracts add to the layer policy (see `layerguard.json`'s `preset`, `contracts`). */
export interface Architecture {
  /** The presets named in the configuration, in order; none for the default (the layered policy). */
  readonly presets: readonly PresetName[];
  /** The preset's contracts, then the configuration's. */
  readonly contracts: readonly Contract[];
  /** See `Preset.injectedPortsByType`. */
  readonly injectedPortsByType: boolean;
  /** Every layer name the configuration knows: what a contract's selector names when it is no glob. */
  readonly layerIds: ReadonlySet<LayerId>;
  /** Workspace packages with an architecture of their own (`packages` in layerguard.json). */
  readonly packages: readonly PackageArchitecture[];
}

/** A workspace package's own layers and policy, over the root configuration's. */
export interface PackageArchitecture {
  /** A folder or glob of folders relative to the workspace root: `apps/api`, `services/*`. */
  readonly glob: string;
  /** Whether a root-relative path is inside the package. */
  readonly below: (relative: string) => boolean;
  readonly layers: readonly LayerDefinition[];
  readonly policy: LayerPolicy;
  readonly injectedPortsByType: boolean;
}

export const DEFAULT_ARCHITECTURE: Architecture = { presets: [], contracts: [], injectedPortsByType: false, layerIds: new Set(BUILTIN_LAYERS.map((l) => l.id)), packages: [] };

export const DEFAULT_IGNORE: readonly string[] = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/.*/**', '**/*.d.ts', '**/*.min.js'];

/**
 * Test code, by the names test runners and teams give it: specs and e2e suites in any spelling
 * (`*.e2e.ts`, `*.e2e-spec.ts`, `*.e2e-ee.ts`), integration suites (`*.integ.ts`, `*.int-spec.ts`), test folders, test helpers and mocks, stories.
 */
export const TEST_FILE_GLOBS: readonly string[] = [
  '**/*.spec.*',
  '**/*.test.*',
  '**/*.e2e.*',
  '**/*.e2e-*.*',
  // Integration suites: \`*.integ.ts\` (\`*.integration.ts\` is too often an app's own integration with a service).
  '**/*.integ.*',
  '**/*.spec-*.*',
  // Suites of a kind: `*.int-spec.ts`, `*.integration-spec.ts`.
  '**/*.*-spec.*',
  '**/*.stories.*',
  '**/*.mock.*',
  '**/*.mocks.*',
  '**/__tests__/**',
  // Jasmine's folder at the project root (a nested `openapi/spec/` is production schema code).
  'spec/**',
  '**/__mocks__/**',
  '**/_mocks_/**',
  // Cucumber's layout: step definitions anywhere, and the support code (the World, hooks) of a
  // `features/` folder at the root (a nested `src/features/support/` is an app's support feature).
  '**/step_definitions/**',
  'features*/support/**',
  '**/__fixtures__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
  // A suite of its own, often a workspace package: `e2e_tests/`, `api-tests/`, `tests-e2e/`.
  '**/*[-_]tests/**',
  '**/tests[-_]*/**',
  '**/testing/**',
  '**/test-utils/**',
  '**/test-helpers/**',
  '**/test-utilities/**',
  '**/test-support/**',
  // Helpers named for the tests they serve: `test-utils.ts`, `testHelpers.js`.
  '**/{test-utils,test-helpers,test-utilities,testUtils,testHelpers,test-helper,testHelper}.*',
  '**/testUtils/**',
  '**/testHelpers/**',
  '**/cypress/**',
  '**/playwright/**',
  '**/mocks/**',
  '**/mock/**',
  // Test-runner set-up and configuration: test users, fake keys.
  '**/{vitest,jest}*.{setup,config}.*',
  // A `jest/` folder (`config/jest/cssTransform.js`): the runner's transforms and set-up.
  '**/jest/**',
  '**/*e2e*.setup.*',
  '**/{setupTests,setup-tests,test-setup,setup-test}.*',
];

export function defaultConfig(): ResolvedConfig {
  return { layers: BUILTIN_LAYERS, policy: toLayerPolicy({ entries: DEFAULT_POLICY }), architecture: DEFAULT_ARCHITECTURE, rules: new Map(), ignore: DEFAULT_IGNORE, includeTests: false };
}

/** Merges a validated config file over the defaults. Rule options are validated by the caller. */
export function mergeConfig(file: string, parsed: ConfigFile, rules: ReadonlyMap<string, RuleConfig>): ResolvedConfig {
  const base = defaultConfig();
  const root = architectureOf(parsed, base.layers, 'layerguard.json', undefined);
  const packages = Object.entries(parsed.packages ?? {}).map(([glob, setting]) => ({ glob, ...architectureOf(setting, root.layers, `layerguard.json packages["${glob}"]`, glob) }));
  const layerIds = new Set([...root.layers, ...packages.flatMap((p) => p.layers)].map((l) => l.id));
  return {
    file,
    layers: root.layers,
    policy: root.policy,
    architecture: {
      presets: root.presets,
      contracts: [...root.contracts, ...packages.flatMap((p) => p.contracts)],
      injectedPortsByType: root.injectedPortsByType,
      layerIds,
      packages: packages.map((p) => ({ glob: p.glob, below: folderGlob(p.glob), layers: p.layers, policy: p.policy, injectedPortsByType: p.injectedPortsByType })),
    },
    rules,
    ignore: [...base.ignore, ...(parsed.ignore ?? [])],
    includeTests: parsed.includeTests ?? false,
  };
}

type ArchitectureSetting = Pick<ConfigFile, 'preset' | 'modules' | 'layers' | 'dependencies'> & { readonly contracts?: ConfigFile['contracts'] };

/**
 * The layers, policy and contracts of the root configuration (over the built-in layers) or of a
 * package (over the root's). A package's preset looks for its modules inside the package.
 */
function architectureOf(setting: ArchitectureSetting, baseLayers: readonly LayerDefinition[], source: string, packageGlob: string | undefined) {
  const presets = presetsOf(setting.preset);
  const layers = mergeLayers([...presets.flatMap((p) => p.layers), ...baseLayers], setting.layers ?? {});
  const modules = setting.modules ?? (packageGlob === undefined ? undefined : DEFAULT_MODULE_FOLDERS.map((glob) => `${packageGlob}/${glob}`));
  return {
    presets: presets.map((p) => p.name),
    layers,
    policy: toLayerPolicy({ entries: DEFAULT_POLICY }, ...presets.map((p) => ({ entries: p.dependencies, source: `the ${p.name} preset` })), { entries: setting.dependencies ?? {}, source }),
    contracts: [...presets.flatMap((p) => p.contracts(modules)).map(named), ...(setting.contracts ?? []).map(named)],
    injectedPortsByType: presets.some((p) => p.injectedPortsByType),
  };
}

/** The package of `packages` a file belongs to (the first whose folder glob it is below), if any. */
export function packageOf(architecture: Architecture, root: string, file: string): PackageArchitecture | undefined {
  if (architecture.packages.length === 0) return undefined;
  const relative = path.posix.relative(root, file);
  return architecture.packages.find((p) => p.below(relative));
}

function presetsOf(setting: ConfigFile['preset']): Preset[] {
  if (setting === undefined) return [];
  return (typeof setting === 'string' ? [setting] : [...new Set(setting)]).map((name) => PRESETS[name]);
}

/** `forbidden contract #2` when the configuration gives no name. */
function named(contract: ContractSetting, index: number): Contract {
  return { ...contract, name: contract.name ?? `${contract.type} contract #${index + 1}` };
}

/**
 * Configured layers with patterns go first (patterns win over heuristics); evidence given for a
 * built-in layer is added to it; new layers are added after the built-in ones.
 */
function mergeLayers(builtin: readonly LayerDefinition[], configured: NonNullable<ConfigFile['layers']>): LayerDefinition[] {
  const merged = new Map<LayerId, LayerDefinition>(builtin.map((l) => [l.id, l]));
  for (const [id, setting] of Object.entries(configured)) merged.set(id, mergeLayer(id, setting, merged.get(id)));
  const all = [...merged.values()];
  const configuredIds = new Set(Object.keys(configured));
  // Configured evidence is more specific than the built-in heuristics: check those layers first.
  return [...all.filter((l) => configuredIds.has(l.id)), ...all.filter((l) => !configuredIds.has(l.id))];
}

type LayerSetting = NonNullable<ConfigFile['layers']>[string];

/** One configured layer over the built-in one of the same id, if any: configured evidence first. */
function mergeLayer(id: LayerId, setting: LayerSetting, existing: LayerDefinition | undefined): LayerDefinition {
  return {
    id,
    description: setting.description ?? existing?.description ?? `Custom layer "${id}"`,
    patterns: concatLists(setting.patterns, existing?.patterns),
    decorators: concatLists(setting.decorators, existing?.decorators),
    baseClasses: concatLists(setting.baseClasses, existing?.baseClasses),
    interfaces: existing?.interfaces ?? [],
    fileSuffixes: concatLists(setting.fileSuffixes, existing?.fileSuffixes),
    classSuffixes: concatLists(setting.classSuffixes, existing?.classSuffixes),
    folders: concatLists(
      (setting.folders ?? []).map((f) => f.toLowerCase()),
      existing?.folders,
    ),
    subtreeFolders: existing?.subtreeFolders ?? [],
    fileNames: existing?.fileNames ?? [],
    fileNamePatterns: existing?.fileNamePatterns ?? [],
    rootFileNames: existing?.rootFileNames ?? [],
    packages: concatLists(setting.packages, existing?.packages),
    areaFolders: existing?.areaFolders ?? [],
    areaAfterStrongEvidence: existing?.areaAfterStrongEvidence ?? false,
    ...(existing?.areaBeside ? { areaBeside: existing.areaBeside } : {}),
    ...(existing?.areaNotBeside ? { areaNotBeside: existing.areaNotBeside } : {}),
  };
}

function concatLists(first: readonly string[] | undefined, second: readonly string[] | undefined): string[] {
  return [...(first ?? []), ...(second ?? [])];
}

export function knownLayerIds(config: ResolvedConfig): Set<LayerId> {
  return new Set(config.layers.map((l) => l.id));
}
