import { AnalysisSession, type AnalysisResult, type SessionOptions } from './session';

export type { AnalysisResult };
export type AnalyzeOptions = SessionOptions;
export { compareFindings, effectiveSeverity } from './analyze-rules';

/**
 * API boundary: analyzes a workspace folder once, end to end. Never throws for bad input:
 * unreadable files, syntax errors, broken configs and crashing rules become `problems`, and the
 * rest runs. Editors keep an `AnalysisSession` instead, to re-analyze cheaply.
 */
export function analyzeWorkspace(options: AnalyzeOptions): AnalysisResult {
  return new AnalysisSession({ ...options, once: true }).analyze();
}
