import type { z } from 'zod';
import type { LayerPolicy } from '../policy/policy';
import type { DependencyGraph } from '../graph/types';
import type { Suppression } from '../suppress/suppressions';
import type { Severity, TextRange } from '../types';

export interface RuleMeta {
  /** `<category>/<name>`: public contract, used in config, suppressions and output. */
  readonly id: string;
  /** One sentence; the rule's doc page repeats it verbatim (a test checks). */
  readonly description: string;
  readonly defaultSeverity: Severity;
  readonly fixable: boolean;
}

export interface RuleReport {
  readonly file: string;
  readonly range: TextRange;
  readonly message: string;
  readonly related?: readonly { readonly file: string; readonly range: TextRange; readonly message: string }[];
}

export interface RuleContext<Options> {
  readonly graph: DependencyGraph;
  readonly policy: LayerPolicy;
  /** Ids of every rule of this analysis (suppression comments name them). */
  readonly knownRuleIds: ReadonlySet<string>;
  /** The suppression comments of the analyzed files, parsed once per analysis. */
  readonly suppressions: readonly Suppression[];
  readonly options: Options;
  report(report: RuleReport): void;
}

export interface Rule<Options = unknown> {
  readonly meta: RuleMeta;
  /** Validates `rules[id].options` from the config and fills defaults. */
  readonly options: z.ZodType<Options>;
  check(context: RuleContext<Options>): void;
}

/** Keeps each rule's option type while collecting rules of different options in one list. */
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

/** A rule with its option type closed over, so rules of different options share one registry. */
export interface RegisteredRule {
  readonly meta: RuleMeta;
  readonly optionsSchema: z.ZodType;
  /** Options from the config (or undefined) -> validated options with defaults, or the zod error. */
  parseOptions(raw: unknown): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: z.ZodError };
  /** Runs the rule with options already accepted by `parseOptions`. */
  run(context: Omit<RuleContext<unknown>, 'options'>, options: unknown): void;
}

export function registerRule<Options>(rule: Rule<Options>): RegisteredRule {
  const parse = (raw: unknown) => rule.options.safeParse(raw ?? {});
  return {
    meta: rule.meta,
    optionsSchema: rule.options,
    parseOptions(raw) {
      const result = parse(raw);
      return result.success ? { ok: true, value: result.data } : { ok: false, error: result.error };
    },
    run(context, options) {
      rule.check({ ...context, options: rule.options.parse(options ?? {}) });
    },
  };
}
