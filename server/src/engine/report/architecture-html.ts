import { createHash } from 'node:crypto';
import type { ArchitectureView, MatrixCell, ViewFinding } from './architecture-view';

/**
 * `layerguard graph --format html`: one file that opens anywhere without a network. The graph is
 * drawn in the page by the viewer script (given: the bundled `webview/architecture.js`); the
 * findings and the layer matrix are plain HTML, readable without it. The Content-Security-Policy
 * lets nothing load and runs only these exact script and style texts (by their hashes).
 */
export function toArchitectureHtml(view: ArchitectureView, viewerScript: string): string {
  const data = JSON.stringify(view).replace(/</g, '\\u003c');
  const csp = ["default-src 'none'", `script-src ${hashSource(viewerScript)}`, `style-src ${hashSource(STYLE)}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.name)} — architecture (Layerguard)</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(view.name)}: architecture</h1>
<p class="summary">${summaryOf(view)}</p>
</header>
<nav id="controls" aria-label="Graph controls"></nav>
<main>
<section id="graph" aria-label="Layer lanes"><noscript>The drawing needs JavaScript; the findings and the matrix below do not.</noscript></section>
<aside id="details" aria-live="polite"></aside>
</main>
<section id="matrix"><h2>Dependencies from layer to layer</h2>${matrixTable(view)}</section>
<section id="findings"><h2>Findings (${view.findings.length})</h2>${findingsTable(view.findings)}</section>
<script type="application/json" id="layerguard-view">${data}</script>
<script>${viewerScript}</script>
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
  return `${files} files in ${view.lanes.length} layers, ${view.edges.length} dependencies drawn, ${violations} reported by the layering rules, ${view.findings.length} findings in all.${collapsed}`;
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

function findingsTable(findings: readonly ViewFinding[]): string {
  if (findings.length === 0) return '<p>No findings.</p>';
  const rows = findings.map(
    (f) =>
      `<tr class="${f.severity}"><td>${escapeHtml(f.severity)}</td><td><code>${escapeHtml(f.file)}:${f.line}:${f.character + 1}</code></td><td>${escapeHtml(f.ruleId)}</td><td>${escapeHtml(f.message)}</td></tr>`,
  );
  return `<table class="findings"><tr><th scope="col">severity</th><th scope="col">where</th><th scope="col">rule</th><th scope="col">message</th></tr>${rows.join('')}</table>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #6e7781; --lane: #f3f5f8; --lane2: #e9edf2; --node: #ffffff; --edge: #8c959f; --bad: #cf222e; --cycle: #bc4c00; --focus: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8d96a0; --lane: #161b22; --lane2: #1c222b; --node: #21262d; --edge: #6e7681; --bad: #ff7b72; --cycle: #f0883e; --focus: #58a6ff; } }
body { font: 13px/1.4 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 16px 32px; }
h1 { font-size: 18px; margin: 12px 0 4px; } h2 { font-size: 15px; margin: 24px 0 8px; }
.summary { color: var(--muted); margin: 0 0 8px; }
nav { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; padding: 6px 0; border-bottom: 1px solid var(--lane2); }
nav fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 8px; align-items: center; }
nav legend { float: left; margin-right: 4px; color: var(--muted); }
main { display: flex; gap: 12px; align-items: flex-start; }
#graph { flex: 1; overflow: auto; max-height: 75vh; border: 1px solid var(--lane2); }
#details { width: 320px; min-height: 40px; font-size: 12px; }
#details:empty { display: none; }
#details ul { padding-left: 16px; margin: 4px 0; }
svg text { fill: var(--fg); font-size: 11px; pointer-events: none; }
svg .lane rect { fill: var(--lane); } svg .lane:nth-child(even) rect { fill: var(--lane2); }
svg .lane text { fill: var(--muted); font-weight: 600; }
svg .node rect { fill: var(--node); stroke: var(--edge); rx: 3px; cursor: pointer; }
svg .node.has-findings rect { stroke: var(--bad); stroke-width: 1.5px; }
svg .node.match rect { stroke: var(--focus); stroke-width: 2.5px; }
svg .node.selected rect { stroke: var(--focus); stroke-width: 3px; }
svg .edge path { fill: none; stroke: var(--edge); stroke-width: 1px; cursor: pointer; }
svg .edge path.hit { stroke: transparent; stroke-width: 8px; }
svg .edge.type-only path:not(.hit) { stroke-dasharray: 4 3; }
svg .edge.cycle path:not(.hit) { stroke: var(--cycle); stroke-width: 1.8px; }
svg .edge.forbidden path:not(.hit) { stroke: var(--bad); stroke-width: 2px; }
svg .dim { opacity: 0.15; }
svg .hidden { display: none; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--lane2); padding: 3px 8px; text-align: left; vertical-align: top; }
.matrix td { text-align: right; } .bad, .violation { color: var(--bad); font-weight: 600; }
.findings tr.error td:first-child { color: var(--bad); }
`;
