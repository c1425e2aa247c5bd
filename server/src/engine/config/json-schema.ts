import { z } from 'zod';
import { docsUrl } from '../rules/docs';
import { RULES } from '../rules/registry';
import type { RegisteredRule } from '../rules/types';
import { configFileSchema, severitySettingSchema } from './schema';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema for editors (draft-07: what VS Code's JSON language service validates best).
 * `rules` lists every rule by id with its own options, so an editor completes the ids, flags a
 * misspelt one, and checks each rule's options as the configuration loader does.
 */
export function configJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(configFileSchema, { target: 'draft-7' }) as JsonSchema;
  const properties = { ...(generated.properties as Record<string, JsonSchema>), rules: rulesJsonSchema() };
  return { title: 'Layerguard configuration', ...generated, properties };
}

function rulesJsonSchema(): JsonSchema {
  return {
    description: 'Severity and options per rule id.',
    type: 'object',
    properties: Object.fromEntries(RULES.map((rule) => [rule.meta.id, ruleSettingJsonSchema(rule)])),
    additionalProperties: false,
  };
}

function ruleSettingJsonSchema(rule: RegisteredRule): JsonSchema {
  const severity = toJsonSchema(severitySettingSchema);
  const description = `${rule.meta.description} Default: ${rule.meta.defaultSeverity}. ${docsUrl(rule.meta.id)}`;
  return {
    description,
    anyOf: [
      severity,
      {
        type: 'object',
        properties: { severity, options: { description: `Options of ${rule.meta.id}.`, ...toJsonSchema(rule.optionsSchema) } },
        additionalProperties: false,
      },
    ],
  };
}

/** A zod schema as it reads on input (defaults make nothing required), without its own `$schema`. */
function toJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}
