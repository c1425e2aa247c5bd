import * as path from 'node:path';
import type { AnalysisResult } from '../analyze';
import { fingerprints } from '../suppress/baseline';
import type { Severity } from '../types';

/** One issue of a GitLab Code Quality report (`artifacts:reports:codequality`). */
export interface GitlabIssue {
  readonly type: 'issue';
  readonly check_name: string;
  readonly description: string;
  readonly content?: { readonly body: string };
  readonly categories: readonly string[];
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

/** GitLab's scale has five steps; an error is a defect to fix before merging, not a blocker of the build itself. */
const GITLAB_SEVERITY: Readonly<Record<Severity, GitlabIssue['severity']>> = { error: 'major', warning: 'minor', info: 'info' };

/** The Code Climate category of each rule category (GitLab shows it; the spec lists eight). */
const CATEGORY: Readonly<Record<string, string>> = {
  layering: 'Complexity',
  design: 'Complexity',
  naming: 'Clarity',
  meta: 'Clarity',
  security: 'Security',
  data: 'Performance',
};

/**
 * The findings as a GitLab Code Quality report, the subset of the Code Climate spec GitLab reads.
 * Paths are relative to `pathsFrom`, the repository's top folder (GitLab resolves them from
 * there; the analyzed folder may be a package inside it). Fingerprints are the baseline's: they
 * do not change when lines move, and differ between identical findings of one file (GitLab shows
 * one issue per fingerprint).
 */
export function toGitlabCodeQuality(result: AnalysisResult, pathsFrom: string = result.root): GitlabIssue[] {
  const prints = fingerprints(result.findings, result.root, (file) => result.graph.files.get(file)?.text);
  return result.findings.map((f, i) => ({
    type: 'issue',
    check_name: f.ruleId,
    description: f.message,
    ...(f.detail !== undefined ? { content: { body: f.detail } } : {}),
    categories: [CATEGORY[f.ruleId.split('/')[0] ?? ''] ?? 'Bug Risk'],
    fingerprint: prints[i] ?? '',
    severity: GITLAB_SEVERITY[f.severity],
    location: { path: path.posix.relative(pathsFrom, f.file), lines: { begin: f.start.line + 1, end: f.end.line + 1 } },
  }));
}
