import picomatch from 'picomatch';
import { z } from 'zod';
import { errorMessage } from '../errors';

/**
 * The `layerguard.json` contract. The JSON Schema shipped for editors is generated from this
 * (`schemas/layerguard.schema.json`, kept in sync by a test), so there is one source of truth.
 */

export const severitySettingSchema = z.enum(['off', 'info', 'warning', 'error']).describe('How findings of this rule are reported: "off" disables the rule.');

/** Far more than any team writes; hundreds of thousands of globs exhaust memory when compiled. */
export const MAX_GLOBS = 10_000;

/** A glob picomatch compiles with its brackets, braces and parentheses balanced: a lone `[` is a typo, not a pattern. */
function globProblem(glob: string): string | undefined {
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

const glob = z.string().superRefine((value, context) => {
  const problem = globProblem(value);
  // picomatch says `Missing closing: "]" - use "\\]" to match literal characters`: the first part is the point.
  if (problem !== undefined) context.addIssue({ code: 'custom', message: `not a valid glob: ${problem.split(' - ')[0] ?? problem}` });
});

const globs = z.array(glob).max(MAX_GLOBS, `at most ${MAX_GLOBS} globs`);

const layerName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'layer names are lower-case words joined by "-"');

export const ruleSettingSchema = z.union([
  severitySettingSchema,
  z
    .object({
      severity: severitySettingSchema.optional(),
      options: z.record(z.string(), z.unknown()).optional().describe('Rule options; each rule documents its own.'),
    })
    .strict(),
]);

export const layerSettingSchema = z
  .object({
    description: z.string().optional(),
    patterns: globs.optional().describe('Globs relative to the workspace root; they win over every heuristic.'),
    decorators: z.array(z.string()).optional().describe('Class decorators that put a file in this layer, without "@".'),
    baseClasses: z.array(z.string()).optional().describe('Base classes that put a file in this layer.'),
    fileSuffixes: z.array(z.string()).optional().describe('File-name suffix words, e.g. "controller" for users.controller.ts.'),
    classSuffixes: z.array(z.string()).optional().describe('Class-name suffixes, e.g. "Controller".'),
    folders: z.array(z.string()).optional().describe('Folder names, e.g. "controllers".'),
    packages: z.array(z.string()).optional().describe('External packages that belong to this layer.'),
  })
  .strict();

export const dependencyPolicySchema = z
  .object({
    allow: z.array(layerName).optional().describe('If set, the only layers this layer may depend on.'),
    forbid: z.array(layerName).optional().describe('Layers this layer must never depend on.'),
    includeTypeOnly: z.boolean().optional().describe('Count imports used only as types too (a domain that must not know infrastructure, not even its types).'),
  })
  .strict();

import { PRESET_NAMES } from '../vocabulary';
export { PRESET_NAMES, type PresetName } from '../vocabulary';

const presetSetting = z.union([z.enum(PRESET_NAMES), z.array(z.enum(PRESET_NAMES)).min(1)]);

/**
 * What a contract speaks of: a layer by its name (`domain`), or files by a glob relative to the
 * workspace root (`src/modules/*`). A glob names a folder or file and everything below it; with a
 * wildcard it names one module per match (`src/modules/*` is one module per feature folder).
 */
const selector = z.string().min(1).describe('A layer name (domain), or a glob of folders or files relative to the workspace root (src/modules/*: one module per folder).');

const contractBase = {
  name: z.string().optional().describe('Shown in every violation of the contract (and in SARIF).'),
  allowTypeOnly: z.boolean().optional().describe('Imports used only as types do not count (by default they do: depending on types is depending on the module).'),
};

export const contractSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('layers'),
      ...contractBase,
      layers: z
        .array(z.union([selector, z.array(selector).min(2)]))
        .min(2)
        .describe('Highest first: each may depend only on those below it. A list of names is independent siblings at one level.'),
    })
    .strict(),
  z.object({ type: z.literal('independence'), ...contractBase, modules: z.array(selector).min(1).describe('Modules that must not depend on each other.') }).strict(),
  z
    .object({
      type: z.literal('forbidden'),
      ...contractBase,
      from: z.array(selector).min(1),
      to: z.array(selector).min(1).describe('What the "from" files must not depend on: layers, globs, or package names prefixed with "package:".'),
    })
    .strict(),
  z
    .object({
      type: z.literal('public-api'),
      ...contractBase,
      modules: globs.min(1).describe('Module folders (src/modules/*): another module may use only their public API.'),
      public: globs.optional().describe('Globs relative to a module folder that are its public API; default: index.* and *.module.* at its top, and the classes its Nest module exports.'),
    })
    .strict(),
  z.object({ type: z.literal('acyclic'), ...contractBase, modules: globs.min(1).describe('Module folders that must not depend on each other in a cycle.') }).strict(),
  z.object({ type: z.literal('read-only'), ...contractBase, layers: z.array(layerName).min(1).describe('Layers whose files must not write data (CQRS query handlers).') }).strict(),
]);

export type ContractSetting = z.infer<typeof contractSchema>;

export const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    preset: presetSetting
      .optional()
      .describe(
        'The architecture the code follows, or several that compose (["hexagonal", "cqrs"]): layers, dependency policy and contracts (see docs/presets). Layers, dependencies and contracts written here add to it or override it.',
      ),
    modules: globs.optional().describe('Where feature modules live, one folder per module (src/modules/*): the modular-monolith preset checks their public APIs and cycles.'),
    contracts: z.array(contractSchema).optional().describe('Architecture contracts, checked by layering/contract: layers, independence, forbidden, public-api, acyclic, read-only.'),
    packages: z
      .record(
        z.string().min(1),
        z
          .object({
            preset: presetSetting.optional(),
            modules: globs.optional().describe('Module folders, relative to the workspace root.'),
            layers: z.record(layerName, layerSettingSchema).optional(),
            dependencies: z.record(layerName, dependencyPolicySchema).optional(),
          })
          .strict(),
      )
      .optional()
      .describe('Per workspace package (a folder or glob relative to the root: "apps/api", "services/*"): its own preset, layers and policy, over the root ones.'),
    layers: z.record(layerName, layerSettingSchema).optional().describe('Extra evidence for built-in layers, or new layers. Patterns are checked first.'),
    dependencies: z.record(layerName, dependencyPolicySchema).optional().describe('Which layers each layer may depend on. An entry replaces the default entry for that layer.'),
    rules: z.record(z.string(), ruleSettingSchema).optional().describe('Severity and options per rule id.'),
    ignore: globs.optional().describe('Globs (relative to the workspace root) of files not to analyze.'),
    includeTests: z
      .boolean()
      .optional()
      .describe('Analyze test files too (*.spec.ts, *.test.ts, *.e2e.ts, *.integ.ts, test/, e2e/, __tests__/, *-tests/, testing/, test-utils/, test-utilities/, test helper files, mocks, stories).'),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;
export type RuleSetting = z.infer<typeof ruleSettingSchema>;
