import type { z } from 'zod';
import type { LayerPolicy } from '../policy/policy';
import type { Architecture } from '../config/resolved';
import type { DependencyGraph, FileNode } from '../graph/types';
import type { ts } from '../ts';
import type { Suppression } from '../suppress/suppressions';
import type { SeveritySetting, TextRange } from '../types';

export interface RuleMeta {
  /** `<category>/<name>`: public contract, used in config, suppressions and output. */
  readonly id: string;
  /** One sentence; the rule's doc page repeats it verbatim (a test checks). */
  readonly description: string;
  /** `off`: a rule whose evidence is too often debatable to show unasked (see docs/rules). */
  readonly defaultSeverity: SeveritySetting;
  readonly fixable: boolean;
  /**
   * The situations the rule reports, by id, each described in a sentence. A report names one
   * (`messageId`), and fixes choose what to do by it, never by the message's wording.
   */
  readonly messages?: Readonly<Record<string, string>>;
}

export interface RuleReport {
  readonly file: string;
  readonly range: TextRange;
  /** The headline; given alone, it is split after its first sentence (see text/headline.ts). */
  readonly message: string;
  /** Why it matters and what to do, when the rule words the headline and the detail apart. */
  readonly detail?: string;
  /** One of `meta.messages`' ids; reporting an undeclared one is a bug of the rule. */
  readonly messageId?: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly related?: readonly RuleRelatedLocation[];
}

/** A place a finding points to besides its own: the write a stored input reaches, a file of a cycle. */
export interface RuleRelatedLocation {
  readonly file: string;
  readonly range: TextRange;
  readonly message: string;
}

export interface RuleContext<Options> {
  readonly graph: DependencyGraph;
  readonly policy: LayerPolicy;
  /** The preset's and the configuration's contracts (see `layering/contract`). */
  readonly architecture: Architecture;
  /** Ids of every rule of this analysis (suppression comments name them). */
  readonly knownRuleIds: ReadonlySet<string>;
  /** The suppression comments of the analyzed files, parsed once per analysis. */
  readonly suppressions: readonly Suppression[];
  readonly options: Options;
  /**
   * Per-file rules check only these files when set (the others' findings are reused from the
   * last analysis, see `perFile`); every file otherwise.
   */
  readonly checkFiles?: ReadonlySet<string>;
  report(report: RuleReport): void;
  /**
   * Visits every syntax node of a file (`false` from `visit` skips a node's children). The visit
   * is deferred to the analysis's one walk over each file, shared by all rules: report from the
   * visitor, and do not expect it to have run when `walkFile` returns.
   */
  walkFile(file: FileNode, visit: (node: ts.Node) => boolean | void): void;
}

/**
 * Makes a rule per-file: its findings for a file are reported on that file and depend only on
 * the file's text, its layer, its direct dependencies (targets, their layers and texts), and the
 * workspace-wide facts this function returns as a string (e.g. "a ValidationPipe is installed";
 * '' when there are none). The analysis then re-checks a file only when one of its inputs
 * changed, and every file when the context did. Called once per analysis.
 */
export type PerFileContext = (graph: DependencyGraph) => string;

export interface Rule<Options = unknown> {
  readonly meta: RuleMeta;
  /** Validates `rules[id].options` from the config and fills defaults. */
  readonly options: z.ZodType<Options>;
  /** Declares the rule per-file (see `PerFileContext`); graph-wide rules leave it out. */
  readonly perFile?: PerFileContext;
  check(context: RuleContext<Options>): void;
}

/** A type guard for a rule's message ids (`meta.messages`): fixes narrow `finding.messageId` with it. */
export function messageIdGuard<Messages extends Readonly<Record<string, string>>>(messages: Messages): (id: string | undefined) => id is Extract<keyof Messages, string> {
  return (id): id is Extract<keyof Messages, string> => id !== undefined && Object.hasOwn(messages, id);
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
  readonly perFile?: PerFileContext;
  /** Runs the rule with options already accepted by `parseOptions`. */
  run(context: Omit<RuleContext<unknown>, 'options'>, options: unknown): void;
}

export function registerRule<Options>(rule: Rule<Options>): RegisteredRule {
  const parse = (raw: unknown) => rule.options.safeParse(raw ?? {});
  return {
    meta: rule.meta,
    optionsSchema: rule.options,
    ...(rule.perFile ? { perFile: rule.perFile } : {}),
    parseOptions(raw) {
      const result = parse(raw);
      return result.success ? { ok: true, value: result.data } : { ok: false, error: result.error };
    },
    run(context, options) {
      rule.check({ ...context, options: rule.options.parse(options ?? {}) });
    },
  };
}
