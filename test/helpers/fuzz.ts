import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { AnalysisSession } from '../../server/src/engine';

/**
 * Hostile-input fuzzing of the engine: the sources of the bundled examples, mutated (cut, doubled,
 * spliced with tokens that open strings, comments, templates, decorators and deep nesting, NUL
 * bytes, lone surrogates, huge lines), are analyzed as an editor would send them, one overlay at
 * a time, in one warm session. Each case must finish without an exception and account for the
 * mutated file: analyzed, or skipped with a problem naming it. A file TypeScript's own parser
 * cannot take (nesting thousands deep overflows it) is such a problem, marked `lost` so that a
 * check fails on it; those are counted apart. Used by the unit test (a few thousand cases) and by
 * `npm run fuzz` (a hundred thousand and more).
 */

const EXAMPLES = path.join(__dirname, '../../../examples');

/** Pieces of syntax that change how everything after them is read. */
const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '`',
  '${',
  "'",
  '"',
  '/*',
  '*/',
  '//',
  '/',
  '\\',
  '=>',
  '<',
  '>',
  ';',
  ',',
  '@Injectable()',
  '@Controller("v1/x")',
  'class X {',
  'async function f(',
  'await ',
  'import x from "./x";',
  'export * from "../";',
  'require(',
  'new ',
  '\u0000',
  '\uD800',
  '\uFEFF',
  '\r',
  '\u2028',
  '#!',
  '<T,>',
  'enum E {',
  'namespace N {',
  'declare module "x" {',
  'yield*',
  '?.',
  '??=',
  '0x',
  '1e400',
  '/[/',
];

export interface FuzzFile {
  readonly relative: string;
  readonly text: string;
}

/** The sources of one bundled example, as the fuzzed project. */
export function exampleSources(example = 'nest-shop'): { root: string; files: FuzzFile[] } {
  const root = path.join(EXAMPLES, example);
  const files: FuzzFile[] = [];
  const pending = [root];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') pending.push(full);
      else if (/\.[jt]s$/.test(entry.name)) files.push({ relative: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
    }
  }
  return { root, files: files.sort((a, b) => a.relative.localeCompare(b.relative)) };
}

type Mutation = (text: string) => string;

const position = (text: string, at: number) => Math.floor(at * (text.length + 1));

function mutationArbitrary(): fc.Arbitrary<Mutation> {
  const at = fc.double({ min: 0, max: 1, noNaN: true });
  return fc.oneof(
    fc.tuple(at, at).map(
      ([a, b]): Mutation =>
        (t) =>
          t.slice(0, position(t, Math.min(a, b))) + t.slice(position(t, Math.max(a, b))),
    ),
    fc.tuple(at, at, at).map(([a, b, c]): Mutation => (t) => {
      const piece = t.slice(position(t, Math.min(a, b)), position(t, Math.max(a, b)));
      const where = position(t, c);
      return t.slice(0, where) + piece + t.slice(where);
    }),
    fc.tuple(at, fc.constantFrom(...TOKENS)).map(
      ([a, token]): Mutation =>
        (t) =>
          t.slice(0, position(t, a)) + token + t.slice(position(t, a)),
    ),
    fc.tuple(at, fc.string({ unit: 'binary', maxLength: 12 })).map(
      ([a, junk]): Mutation =>
        (t) =>
          t.slice(0, position(t, a)) + junk + t.slice(position(t, a)),
    ),
    fc.tuple(at, fc.integer({ min: 1, max: 3000 }), fc.constantFrom('(', '[', '{', '!', '-', 'a + ', '`${')).map(
      ([a, depth, opener]): Mutation =>
        (t) =>
          t.slice(0, position(t, a)) + opener.repeat(depth) + t.slice(position(t, a)),
    ),
    fc.tuple(at, fc.integer({ min: 1000, max: 200_000 })).map(
      ([a, width]): Mutation =>
        (t) =>
          `${t.slice(0, position(t, a))}'${'x'.repeat(width)}'${t.slice(position(t, a))}`,
    ),
    at.map(
      (a): Mutation =>
        (t) =>
          t.slice(0, position(t, a)),
    ),
  );
}

export interface FuzzCase {
  readonly file: number;
  readonly mutations: readonly Mutation[];
}

export function caseArbitrary(fileCount: number): fc.Arbitrary<FuzzCase> {
  return fc.record({ file: fc.integer({ min: 0, max: fileCount - 1 }), mutations: fc.array(mutationArbitrary(), { minLength: 1, maxLength: 4 }) });
}

export interface FuzzTally {
  cases: number;
  /** Exceptions out of the engine. */
  crashes: number;
  /** Files the analysis had to give up on, said by a `lost` problem (a check fails on them). */
  lost: number;
  /** Mutated files neither analyzed nor named by a problem. */
  dropped: number;
  slowestMs: number;
  readonly failures: string[];
}

/** A session over the example, and a function that runs one case in it (the mutated file is restored after). */
export function fuzzRunner(example = 'nest-shop'): { files: FuzzFile[]; run: (c: FuzzCase) => FuzzTally; tally: FuzzTally } {
  const { root, files } = exampleSources(example);
  const session = new AnalysisSession({ root });
  session.analyze();
  const tally: FuzzTally = { cases: 0, crashes: 0, lost: 0, dropped: 0, slowestMs: 0, failures: [] };
  const run = (c: FuzzCase): FuzzTally => {
    const target = files[c.file]!;
    const file = path.join(root, target.relative).replace(/\\/g, '/');
    const text = c.mutations.reduce((t, m) => m(t), target.text);
    tally.cases++;
    const started = Date.now();
    try {
      session.setOverlay(file, text);
      const result = session.analyze();
      tally.lost += result.problems.filter((p) => p.lost).length;
      if (!result.graph.files.has(file) && !result.problems.some((p) => p.file === file)) {
        tally.dropped++;
        tally.failures.push(`${target.relative}: neither analyzed nor named by a problem`);
      }
    } catch (error) {
      tally.crashes++;
      tally.failures.push(`${target.relative}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      session.setOverlay(file, undefined);
      tally.slowestMs = Math.max(tally.slowestMs, Date.now() - started);
    }
    return tally;
  };
  return { files, run, tally };
}
