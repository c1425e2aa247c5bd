import { z } from 'zod';
import { REFACTOR_IDS } from '../engine';
import {
  CREATE_BASELINE_CONFIRMATION,
  type ConfigureArchitectureArgs,
  type FixAllSafeArgs,
  type CreateBaselineArgs,
  type FindingRef,
  type FixCommandArgs,
  type GenerateResourceArgs,
  type RefactorArgs,
  type ShowDocumentationArgs,
} from '../protocol';

/**
 * The arguments of the server's commands, as schemas: any LSP client can send anything, and a
 * command acts on the user's files. Sizes are bounded (a URI, a rule id, a reason) so a 100 kB
 * string is refused rather than carried along.
 */
const uri = z.string().min(1).max(4096);
const offset = z.number().int().nonnegative();
const shortText = z.string().max(1000);

const findingRef = z.object({
  uri,
  version: z.number().int().nullable(),
  ruleId: z.string().min(1).max(200),
  start: offset,
  end: offset,
});

const schemas = {
  findingRef: findingRef satisfies z.ZodType<FindingRef>,
  fix: findingRef.extend({ fixId: z.string().min(1).max(200), title: shortText, reason: shortText.optional() }) satisfies z.ZodType<FixCommandArgs>,
  refactor: z.object({ uri, version: z.number().int(), offset, refactor: z.enum(REFACTOR_IDS), choiceId: z.string().max(200).optional() }) satisfies z.ZodType<RefactorArgs>,
  generate: z.object({ folderUri: uri, name: z.string().min(1).max(200), preview: z.boolean().optional() }) satisfies z.ZodType<GenerateResourceArgs>,
  architecture: z.object({ folderUri: uri, write: z.number().int().nonnegative().max(100).optional(), replace: z.boolean().optional() }).strict() satisfies z.ZodType<ConfigureArchitectureArgs>,
  docs: z.object({ ruleId: z.string().min(1).max(200) }).strict() satisfies z.ZodType<ShowDocumentationArgs>,
  fixAll: z.object({ uri: uri.optional() }).strict() satisfies z.ZodType<FixAllSafeArgs>,
  // Only what the client sends once the user has confirmed: writing a baseline hides every finding.
  createBaseline: z.object({ confirmation: z.literal(CREATE_BASELINE_CONFIRMATION) }) satisfies z.ZodType<CreateBaselineArgs>,
};

export type CommandArgsKind = keyof typeof schemas;
type ArgsOf<K extends CommandArgsKind> = z.infer<(typeof schemas)[K]>;

/** The one argument of a command, checked against its schema; an error names what is wrong. */
export function commandArgument<K extends CommandArgsKind>(command: string, kind: K, args: readonly unknown[]): ArgsOf<K> {
  if (args.length !== 1) throw new Error(`bad arguments for ${command}: expected one argument, got ${args.length}`);
  const parsed = schemas[kind].safeParse(args[0]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new Error(`bad arguments for ${command}${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as ArgsOf<K>;
}
