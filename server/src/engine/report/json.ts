import type { AnalysisResult } from '../analyze';
import type { Finding, Problem } from '../types';
import { relativePath } from './paths';

/** The `--format json` contract (version 1). Tests hold it: add fields, never rename. */
export interface JsonReport {
  readonly version: 1;
  readonly root: string;
  readonly findings: readonly JsonFinding[];
  readonly problems: readonly JsonProblem[];
  readonly summary: JsonSummary;
}

export interface JsonFinding {
  readonly ruleId: string;
  readonly severity: Finding['severity'];
  readonly message: string;
  /** Why it matters and what to do (the message is the headline). */
  readonly detail?: string;
  /** The rule's situation (`meta.messages`), when it names one. */
  readonly messageId?: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly related: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message: string }[];
}

export interface JsonProblem {
  readonly kind: Problem['kind'];
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface JsonSummary {
  /** Files of the analyzed folder. */
  readonly files: number;
  /** Files outside it that were read to classify what it imports (workspace packages, path aliases). */
  readonly outsideFiles: number;
  readonly edges: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly problems: number;
  /** Baselined findings that no longer occur (fixed): `layerguard baseline --prune` removes them. */
  readonly staleBaseline: number;
  readonly durationMs: number;
}

export function toJsonReport(result: AnalysisResult): JsonReport {
  const root = result.root;
  return {
    version: 1,
    root,
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...(f.detail !== undefined ? { detail: f.detail } : {}),
      ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
      ...(f.data !== undefined ? { data: f.data } : {}),
      file: relativePath(root, f.file),
      line: f.start.line + 1,
      column: f.start.character + 1,
      endLine: f.end.line + 1,
      endColumn: f.end.character + 1,
      related: f.related.map((r) => ({ file: relativePath(root, r.file), line: r.start.line + 1, column: r.start.character + 1, message: r.message })),
    })),
    problems: result.problems.map((p) => ({
      kind: p.kind,
      message: p.message,
      ...(p.file ? { file: relativePath(root, p.file) } : {}),
      ...(p.start ? { line: p.start.line + 1, column: p.start.character + 1 } : {}),
    })),
    summary: summarize(result),
  };
}

export function summarize(result: AnalysisResult): JsonSummary {
  const count = (severity: Finding['severity']) => result.findings.filter((f) => f.severity === severity).length;
  return {
    files: result.stats.files,
    outsideFiles: result.stats.outsideFiles,
    edges: result.stats.edges,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    problems: result.problems.length,
    staleBaseline: result.staleBaseline.length,
    durationMs: Math.round(result.stats.durationMs),
  };
}
