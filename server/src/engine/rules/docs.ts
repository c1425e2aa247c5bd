/**
 * Where rule documentation lives. Diagnostics link here (`codeDescription.href`, SARIF `helpUri`);
 * the same Markdown ships in the package under `docs/rules/`.
 */
export const DOCS_BASE_URL = 'https://github.com/layerguard/layerguard/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** The doc file of a rule, relative to the package root. */
export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
