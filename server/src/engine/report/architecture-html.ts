import { createHash } from 'node:crypto';
import { fullMessage } from '../text/headline';
import type { ArchitectureView, MatrixCell, ViewFinding } from './architecture-view';

/**
 * `layerguard graph --format html`: one file that opens anywhere without a network. The graph is
 * drawn in the page by the viewer (given: the bundled `webview/architecture.js` and its style); the
 * findings and the layer matrix are plain HTML, readable without it. The Content-Security-Policy
 * lets nothing load and runs only these exact script and style texts (by their hashes).
 */
export interface ViewerAssets {
  /** The bundled viewer (`dist/webview/architecture.js`). */
  readonly script: string;
  /** Its style sheet (`dist/webview/architecture.css`). */
  readonly style: string;
}

export function toArchitectureHtml(view: ArchitectureView, viewer: ViewerAssets): string {
  const data = JSON.stringify(view).replace(/</g, '\\u003c');
  const reported = view.findings.filter((f) => !f.baselined);
  const csp = ["default-src 'none'", `script-src ${hashSource(viewer.script)}`, `style-src ${hashSource(viewer.style)}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.name)} — architecture (Layerguard)</title>
<style>${viewer.style}</style>
</head>
<body>
<header>
<h1>${escapeHtml(view.name)}: architecture</h1>
<p class="summary">${summaryOf(view)}</p>
</header>
<div id="layerguard-app"><noscript>The drawing needs JavaScript; the findings and the matrix below do not.</noscript></div>
<section id="matrix"><h2>Dependencies from layer to layer</h2>${matrixTable(view)}</section>
<section id="findings"><h2>Findings (${reported.length})</h2>${findingsTable(reported)}</section>${baselinedSection(view.findings.filter((f) => f.baselined))}
<script type="application/json" id="layerguard-view">${data}</script>
<script>${viewer.script}</script>
</body>
</html>
`;
}

function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function summaryOf(view: ArchitectureView): string {
  const files = view.collapsedFrom ?? view.nodes.filter((n) => n.kind === 'file').length;
  const violations = view.edges.filter((e) => e.rules.length > 0).length;
  const collapsed = view.collapsedFrom !== undefined ? ` Files are grouped by folder (${view.nodes.length} groups).` : '';
  const baselined = view.findings.filter((f) => f.baselined).length;
  const hidden = baselined > 0 ? ` (${baselined} more in the baseline)` : '';
  return `${files} files in ${view.lanes.length} layers, ${view.edges.length} dependencies drawn, ${violations} reported by the layering rules, ${view.findings.length - baselined} findings in all${hidden}.${collapsed}`;
}

function matrixTable(view: ArchitectureView): string {
  const layers = view.lanes.map((l) => l.layer);
  const cell = new Map<string, MatrixCell>(view.matrix.map((c) => [`${c.from}\0${c.to}`, c]));
  const head = `<tr><th scope="col">from \\ to</th>${layers.map((l) => `<th scope="col">${escapeHtml(l)}</th>`).join('')}</tr>`;
  const rows = layers.map((from) => {
    const cells = layers.map((to) => {
      const c = cell.get(`${from}\0${to}`);
      if (!c) return '<td></td>';
      const text = c.violations > 0 ? `${c.edges} (<span class="violation">${c.violations} reported</span>)` : String(c.edges);
      return `<td${c.violations > 0 ? ' class="bad"' : ''}>${text}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(from)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="matrix">${head}${rows.join('')}</table>`;
}

/** What the baseline hides, folded away: it is known debt, not news. */
function baselinedSection(findings: readonly ViewFinding[]): string {
  if (findings.length === 0) return '';
  return `<section id="baselined"><details><summary>Baselined findings (${findings.length})</summary>${findingsTable(findings)}</details></section>`;
}

function findingsTable(findings: readonly ViewFinding[]): string {
  if (findings.length === 0) return '<p>No findings.</p>';
  const rows = findings.map(
    (f) =>
      `<tr class="${f.severity}"><td>${escapeHtml(f.severity)}</td><td><code>${escapeHtml(f.file)}:${f.line}:${f.character + 1}</code></td><td>${escapeHtml(f.ruleId)}</td><td>${escapeHtml(fullMessage(f))}</td></tr>`,
  );
  return `<table class="findings"><tr><th scope="col">severity</th><th scope="col">where</th><th scope="col">rule</th><th scope="col">message</th></tr>${rows.join('')}</table>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
