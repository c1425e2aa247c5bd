import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { Finding } from '../types';

export const BASELINE_FILE_NAME = '.layerguard-baseline.json';

const baselineSchema = z.object({
  version: z.literal(1),
  findings: z.array(z.object({ ruleId: z.string(), file: z.string(), fingerprint: z.string() })),
});

export type BaselineFile = z.infer<typeof baselineSchema>;

/**
 * A finding's identity that survives edits elsewhere in the file: rule, file, the flagged source
 * text (whitespace folded) and its rank among identical ones in that file. Line numbers are not
 * part of it.
 */
export function fingerprints(findings: readonly Finding[], root: string, textOf: (file: string) => string | undefined): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const flagged = (textOf(f.file) ?? '').slice(f.range.start, f.range.end).replace(/\s+/g, ' ').trim();
    const key = `${f.ruleId}\0${path.posix.relative(root, f.file)}\0${flagged}`;
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return createHash('sha256').update(`${key}\0${rank}`).digest('hex').slice(0, 24);
  });
}

export function toBaseline(findings: readonly Finding[], root: string, textOf: (file: string) => string | undefined): BaselineFile {
  const prints = fingerprints(findings, root, textOf);
  return { version: 1, findings: findings.map((f, i) => ({ ruleId: f.ruleId, file: path.posix.relative(root, f.file), fingerprint: prints[i] ?? '' })) };
}

/**
 * The baseline file with `findings` added to what `<root>/.layerguard-baseline.json` holds (a
 * missing or malformed file starts empty; an unreadable one is an error). Entries already listed
 * are not repeated.
 */
export function baselineWith(root: string, findings: readonly Finding[], textOf: (file: string) => string | undefined): BaselineFile {
  const load = loadBaseline(root);
  // A file that cannot be read may still hold entries: never overwrite it blindly.
  if (load.kind === 'invalid' && load.unreadable) throw new Error(load.message);
  const existing = load.kind === 'loaded' ? load.entries : [];
  const added = toBaseline(findings, root, textOf).findings;
  const known = new Set(existing.map((e) => e.fingerprint));
  return { version: 1, findings: [...existing, ...added.filter((e) => !known.has(e.fingerprint))] };
}

export type BaselineLoad =
  | { readonly kind: 'none' }
  | { readonly kind: 'loaded'; readonly entries: BaselineFile['findings']; readonly fingerprints: ReadonlySet<string> }
  | { readonly kind: 'invalid'; readonly message: string; readonly unreadable?: true };

/** Reads `<root>/.layerguard-baseline.json`; a broken one is reported and ignored, never fatal. */
export function loadBaseline(root: string): BaselineLoad {
  const file = path.join(root, BASELINE_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'invalid', unreadable: true, message: `${BASELINE_FILE_NAME} cannot be read (${(error as Error).message}); reporting every finding` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', message: `${BASELINE_FILE_NAME} is not valid JSON (${(error as Error).message}); reporting every finding. Run "layerguard baseline" to write it again.` };
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', message: `${BASELINE_FILE_NAME} is not a Layerguard baseline (version 1); reporting every finding. Run "layerguard baseline" to write it again.` };
  return { kind: 'loaded', entries: parsed.data.findings, fingerprints: new Set(parsed.data.findings.map((f) => f.fingerprint)) };
}

export type BaselineEntry = BaselineFile['findings'][number];

/**
 * Today's findings against a loaded baseline, fingerprinted once: the findings it does not list
 * (reported), and its entries no finding matches any more (fixed, or gone with their file or rule).
 */
export function againstBaseline(
  findings: readonly Finding[],
  baseline: { readonly entries: readonly BaselineEntry[]; readonly fingerprints: ReadonlySet<string> },
  root: string,
  textOf: (file: string) => string | undefined,
): { readonly fresh: Finding[]; readonly stale: BaselineEntry[] } {
  const prints = fingerprints(findings, root, textOf);
  const today = new Set(prints);
  return { fresh: findings.filter((_, i) => !baseline.fingerprints.has(prints[i] ?? '')), stale: baseline.entries.filter((e) => !today.has(e.fingerprint)) };
}
