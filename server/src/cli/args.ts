import { parseArgs } from 'node:util';
import { PRESET_NAMES, VIEW_GROUPINGS, type PresetName, type ViewGrouping } from '../engine/vocabulary';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'gitlab';
export type DiffFormat = 'text' | 'json' | 'markdown' | 'sarif';
export type GraphFormat = 'json' | 'dot' | 'mermaid' | 'html';

export type Command =
  | {
      readonly name: 'check';
      readonly dir: string;
      readonly format: OutputFormat;
      readonly config?: string;
      readonly output?: string;
      readonly exitZero: boolean;
      /** Fail (exit 1) with more warnings than this, as ESLint's --max-warnings; undefined: no limit. */
      readonly maxWarnings?: number;
      /** Fail (exit 1) when baselined findings no longer occur: the baseline must shrink with them. */
      readonly failOnStaleBaseline: boolean;
      readonly color: boolean;
      readonly fix: boolean;
      readonly cache: boolean;
      /** Report only on files changed since this git ref and the files that depend on them. */
      readonly affected?: string;
    }
  | { readonly name: 'graph'; readonly dir: string; readonly format: GraphFormat; readonly groupBy?: ViewGrouping; readonly config?: string; readonly output?: string }
  | { readonly name: 'baseline'; readonly dir: string; readonly config?: string; readonly prune: boolean }
  | { readonly name: 'explain'; readonly file: string; readonly dir: string; readonly format: 'text' | 'json'; readonly config?: string }
  | {
      readonly name: 'init';
      readonly dir: string;
      readonly format: 'text' | 'json';
      readonly presets?: readonly PresetName[];
      readonly modules?: readonly string[];
      readonly write: boolean;
      readonly force: boolean;
    }
  | {
      readonly name: 'diff';
      /** The git ref to compare with; the comparison starts at its merge base with HEAD. */
      readonly base: string;
      readonly dir: string;
      readonly format: DiffFormat;
      readonly config?: string;
      readonly output?: string;
      readonly exitZero: boolean;
      /** Fail (exit 1) when the change introduces more warnings than this. */
      readonly maxWarnings?: number;
    }
  | { readonly name: 'schema' }
  | { readonly name: 'help' }
  | { readonly name: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage:
  layerguard check [dir] [--format text|json|sarif|gitlab] [--config file] [--output file] [--exit-zero] [--fix] [--no-cache]
                   [--max-warnings n] [--fail-on-stale-baseline] [--affected git-ref]
                               --fix applies the safe fixes, then reports what is left
                               --max-warnings fails the check with more than n warnings
                               --fail-on-stale-baseline fails it while the baseline lists fixed findings
                               --affected reports only on files changed since the ref (commits,
                               edits, new files) and the files importing them; the graph is whole
                               unchanged inputs are answered from node_modules/.cache/layerguard
  layerguard diff <base-ref> [dir] [--format text|json|markdown|sarif] [--config file] [--output file]
                  [--exit-zero] [--max-warnings n]
                               what the working tree changes in the architecture since the merge
                               base of the ref and HEAD (read from git, nothing checked out):
                               dependencies that begin or stop crossing layers, forbidden ones,
                               cycles made or broken, files changing layer, findings introduced or
                               fixed; markdown is a pull-request comment with a Mermaid graph,
                               sarif lists the introduced findings only
  layerguard graph [dir] [--format json|dot|mermaid|html] [--group-by auto|files|folders|modules] [--config file] [--output file]
  layerguard baseline [dir] [--config file] [--prune]
                               record current findings in .layerguard-baseline.json; --prune only
                               removes the entries that no longer occur (the baseline only shrinks)
  layerguard explain <file> [dir] [--format text|json] [--config file]
                               why the file is in its layer (every piece of evidence, and what
                               overruled it) and how each of its dependencies is judged
  layerguard init [dir] [--preset name[,name]] [--modules glob] [--yes] [--force] [--format text|json]
                               say which architecture the code follows (layered, hexagonal, clean,
                               modular-monolith, cqrs), why, and what each would report; --yes
                               writes a commented layerguard.json (--force to replace one)
  layerguard schema            print the JSON Schema of layerguard.json
  layerguard --help | --version

Exit codes: 0 no error-severity finding (and no more warnings than --max-warnings), 1 some (or a
baseline listing fixed findings, with --fail-on-stale-baseline; for diff, introduced by the
change), 2 usage or configuration error, or a base diff cannot read from git.`;

/** Parses argv (without node and script); throws UsageError with a readable message. */
export function parseCommand(argv: readonly string[], colorByDefault: boolean): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: withNegativeLimits(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        output: { type: 'string', short: 'o' },
        'exit-zero': { type: 'boolean' },
        'max-warnings': { type: 'string' },
        'fail-on-stale-baseline': { type: 'boolean' },
        affected: { type: 'string' },
        prune: { type: 'boolean' },
        fix: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        preset: { type: 'string' },
        modules: { type: 'string' },
        'group-by': { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { name: 'help' };
  if (values.version) return { name: 'version' };
  if (positionals[0] === 'explain') return explainCommand(positionals.slice(1), values);
  if (positionals[0] === 'diff') return diffCommand(positionals.slice(1), values);
  const [name, dir = '.', ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const common = { dir, ...(values.config ? { config: values.config } : {}), ...(values.output ? { output: values.output } : {}) };
  switch (name) {
    case 'check':
      return { name, ...common, ...checkOptions(values, colorByDefault) };
    case 'graph':
      return { name, ...common, ...graphOptions(values) };
    case 'baseline':
      return { name, dir, ...(values.config ? { config: values.config } : {}), prune: values.prune ?? false };
    case 'schema':
      return { name };
    case 'init':
      return { name, dir, ...initOptions(values) };
    case undefined:
      return { name: 'help' };
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}

function explainCommand(positionals: readonly string[], values: { format?: string; config?: string }): Command {
  const [file, dir = '.', ...extra] = positionals;
  if (!file) throw new UsageError('explain needs a file: layerguard explain <file> [dir]');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const format = oneOf(values.format ?? 'text', ['text', 'json'] as const);
  return { name: 'explain', file, dir, format, ...(values.config ? { config: values.config } : {}) };
}

function diffCommand(positionals: readonly string[], values: { format?: string; config?: string; output?: string; 'exit-zero'?: boolean; 'max-warnings'?: string }): Command {
  const [base, dir = '.', ...extra] = positionals;
  if (base === undefined) throw new UsageError('diff needs the git ref to compare with: layerguard diff <base-ref> [dir], e.g. layerguard diff origin/main');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const maxWarnings = maxWarningsOf(values['max-warnings']);
  return {
    name: 'diff',
    base: gitRefOf(base, 'diff'),
    dir,
    format: oneOf(values.format ?? 'text', ['text', 'json', 'markdown', 'sarif'] as const),
    exitZero: values['exit-zero'] ?? false,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    ...(values.config ? { config: values.config } : {}),
    ...(values.output ? { output: values.output } : {}),
  };
}

function checkOptions(
  values: {
    format?: string;
    'exit-zero'?: boolean;
    fix?: boolean;
    color?: boolean;
    'no-color'?: boolean;
    'no-cache'?: boolean;
    'max-warnings'?: string;
    'fail-on-stale-baseline'?: boolean;
    affected?: string;
  },
  colorByDefault: boolean,
) {
  const maxWarnings = maxWarningsOf(values['max-warnings']);
  return {
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    failOnStaleBaseline: values['fail-on-stale-baseline'] ?? false,
    ...(values.affected !== undefined ? { affected: gitRefOf(values.affected, '--affected') } : {}),
    fix: values.fix ?? false,
    cache: !(values['no-cache'] ?? false),
    format: oneOf(values.format ?? 'text', ['text', 'json', 'sarif', 'gitlab'] as const),
    exitZero: values['exit-zero'] ?? false,
    color: values['no-color'] ? false : (values.color ?? colorByDefault),
  };
}

/** `--max-warnings -1` as ESLint takes it: parseArgs reads a value starting with `-` as an option. */
function withNegativeLimits(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--max-warnings' && next !== undefined && /^-\d+$/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return args;
}

function gitRefOf(ref: string, what: string): string {
  // A ref git would read as an option (`--affected --all`) is refused rather than run.
  if (ref.trim() === '' || ref.startsWith('-')) throw new UsageError(`${what} needs a git ref (a branch, tag or commit), got "${ref}"`);
  return ref;
}

/** ESLint's reading: a whole number of warnings allowed, -1 for no limit. */
function maxWarningsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^(?:-1|\d+)$/.test(text.trim())) throw new UsageError(`--max-warnings must be a whole number of warnings, or -1 for no limit (got "${text}")`);
  const limit = Number(text);
  return limit < 0 ? undefined : limit;
}

function initOptions(values: { format?: string; preset?: string; modules?: string; yes?: boolean; force?: boolean }) {
  const presets = values.preset?.split(',').map((name) => name.trim());
  const unknown = presets?.find((name) => !(PRESET_NAMES as readonly string[]).includes(name));
  if (unknown !== undefined) throw new UsageError(`--preset must name presets among ${PRESET_NAMES.join(', ')} (got "${unknown}")`);
  return {
    format: oneOf(values.format ?? 'text', ['text', 'json'] as const),
    ...(presets ? { presets: presets as PresetName[] } : {}),
    ...(values.modules ? { modules: values.modules.split(',').map((glob) => glob.trim()) } : {}),
    write: values.yes ?? false,
    force: values.force ?? false,
  };
}

function graphOptions(values: { format?: string; 'group-by'?: string }) {
  const format = oneOf(values.format ?? 'json', ['json', 'dot', 'mermaid', 'html'] as const);
  const groupBy = values['group-by'];
  if (groupBy === undefined) return { format };
  if (format !== 'html') throw new UsageError('--group-by applies to --format html (the architecture view)');
  return { format, groupBy: oneOf(groupBy, VIEW_GROUPINGS, '--group-by') };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option = '--format'): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  return found;
}
