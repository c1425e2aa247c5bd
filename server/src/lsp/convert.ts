import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { docsPath, docsUrl, type ConfigError, type Finding } from '../engine';

/**
 * The rule pages ship with the server (`<package>/docs/rules`, beside `dist/`): link to those, so
 * the link works offline and matches the installed version; fall back to the published pages.
 */
const BUNDLED_DOCS_ROOT = path.join(__dirname, '..');

const docLinks = new Map<string, string>();

/** Cached per rule: diagnostics are converted on every keystroke, the docs do not move. */
export function ruleDocLink(ruleId: string): string {
  let link = docLinks.get(ruleId);
  if (link === undefined) {
    const bundled = path.join(BUNDLED_DOCS_ROOT, docsPath(ruleId));
    link = fs.existsSync(bundled) ? URI.file(bundled).toString() : docsUrl(ruleId);
    docLinks.set(ruleId, link);
  }
  return link;
}

const SEVERITY: Readonly<Record<Finding['severity'], DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function fileToUri(file: string): string {
  return URI.file(file).toString();
}

export function uriToFile(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath.replace(/\\/g, '/') : undefined;
}

/** Carried by each diagnostic so a code action finds its finding again. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly start: number;
  readonly end: number;
}

export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const carried = diagnostic.data as Partial<DiagnosticData> | undefined;
  return typeof carried?.ruleId === 'string' && typeof carried.start === 'number' && typeof carried.end === 'number' ? { ruleId: carried.ruleId, start: carried.start, end: carried.end } : undefined;
}

/** The only place where a finding becomes an LSP diagnostic. */
export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: { start: finding.start, end: finding.end },
    severity: SEVERITY[finding.severity],
    source: 'layerguard',
    code: finding.ruleId,
    codeDescription: { href: ruleDocLink(finding.ruleId) },
    message: finding.message,
    data: { ruleId: finding.ruleId, start: finding.range.start, end: finding.range.end } satisfies DiagnosticData,
    relatedInformation: finding.related.map((r) => ({
      location: { uri: fileToUri(r.file), range: { start: r.start, end: r.end } },
      message: r.message,
    })),
  };
}

/** A broken `layerguard.json` is shown on the file itself. */
/** A valid configuration that is likely wrong (a layer pattern matching no file): a warning, the analysis uses it. */
export function configWarningToDiagnostic(warning: ConfigError): Diagnostic {
  return configDiagnostic(warning, DiagnosticSeverity.Warning, `${warning.message}.`);
}

export function configErrorToDiagnostic(error: ConfigError): Diagnostic {
  return configDiagnostic(error, DiagnosticSeverity.Error, `${error.message}. Layerguard uses its defaults until this is fixed.`);
}

function configDiagnostic(entry: ConfigError, severity: DiagnosticSeverity, message: string): Diagnostic {
  const start = entry.start ?? { line: 0, character: 0 };
  return { range: { start, end: entry.end ?? start }, severity, source: 'layerguard', code: 'config', message };
}
