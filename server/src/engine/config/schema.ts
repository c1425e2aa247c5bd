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
  })
  .strict();

export const configFileSchema = z
  .object({
    $schema: z.string().optional(),
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

/** The JSON Schema for editors (draft-07: what VS Code's JSON language service validates best). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    title: 'Layerguard configuration',
    ...(z.toJSONSchema(configFileSchema, { target: 'draft-7' }) as Record<string, unknown>),
  };
}
