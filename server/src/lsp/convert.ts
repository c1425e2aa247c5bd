import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { docsUrl, type Finding } from '../engine';
import { URI } from 'vscode-uri';

const SEVERITY: Readonly<Record<Finding['severity'], DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The only place where a finding becomes an LSP diagnostic. */
export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: { start: finding.start, end: finding.end },
    severity: SEVERITY[finding.severity],
    source: 'layerguard',
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
    relatedInformation: finding.related.map((r) => ({
      location: { uri: URI.file(r.file).toString(), range: { start: r.start, end: r.end } },
      message: r.message,
    })),
  };
}
