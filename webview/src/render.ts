import type { ViewEdge, ViewNode } from '../../server/src/engine/report/architecture-view';
import type { Layout, PlacedEdge, PlacedNode, Point } from './layout';

const SVG = 'http://www.w3.org/2000/svg';

export interface RenderHandlers {
  readonly onNode: (node: ViewNode) => void;
  readonly onEdge: (edge: ViewEdge) => void;
}

/** The lanes, then the edges, then the nodes on top: one SVG, with what each element stands for in data attributes. */
export function renderLayout(layout: Layout, handlers: RenderHandlers): SVGSVGElement {
  const svg = element('svg', { width: String(layout.width + 20), height: String(layout.height + 20), role: 'img', 'aria-label': 'Files in layer lanes and their dependencies' });
  svg.append(arrowMarker());
  const lanes = element('g', { class: 'lanes' });
  for (const lane of layout.lanes) {
    const group = element('g', { class: 'lane', 'data-lane': lane.layer });
    group.append(element('rect', { x: '0', y: String(lane.top), width: String(layout.width + 20), height: String(lane.bottom - lane.top) }));
    const label = element('text', { x: '8', y: String(lane.top + 16) });
    label.textContent = lane.layer;
    group.append(label);
    lanes.append(group);
  }
  const edges = element('g', { class: 'edges' });
  for (const placed of layout.edges) edges.append(edgeElement(placed, handlers));
  const nodes = element('g', { class: 'nodes' });
  for (const placed of layout.nodes) nodes.append(nodeElement(placed, handlers));
  svg.append(lanes, edges, nodes);
  return svg;
}

function edgeElement(placed: PlacedEdge, handlers: RenderHandlers): SVGGElement {
  const { edge } = placed;
  const onlyBaselined = edge.rules.length > 0 && edge.rules.every((r) => edge.baselinedRules?.includes(r) === true);
  const classes = [
    'edge',
    edge.runtime ? '' : 'type-only',
    edge.rules.some((r) => r !== 'layering/cycle') ? 'forbidden' : '',
    edge.rules.includes('layering/cycle') ? 'cycle' : '',
    onlyBaselined ? 'baselined' : '',
  ];
  const group = element('g', { class: classes.filter(Boolean).join(' '), 'data-from': edge.from, 'data-to': edge.to, 'data-kinds': edge.kinds.join(' ') });
  const d = pathOf(placed.points);
  const title = element('title', {});
  title.textContent = `${edge.from} → ${edge.to} (${edge.kinds.join(', ')}${edge.count > 1 ? `, ${edge.count} dependencies` : ''})${edge.rules.length > 0 ? `: ${edge.rules.join(', ')}` : ''}`;
  group.append(title, element('path', { d, 'marker-end': 'url(#arrow)' }), element('path', { d, class: 'hit' }));
  group.addEventListener('click', () => handlers.onEdge(edge));
  return group;
}

function nodeElement(placed: PlacedNode, handlers: RenderHandlers): SVGGElement {
  const { node } = placed;
  const group = element('g', { class: `node ${node.kind}${node.findings > 0 ? ' has-findings' : ''}`, 'data-node': node.id, 'data-layer': node.layer, tabindex: '0', role: 'button' });
  const title = element('title', {});
  title.textContent = `${node.id} — ${node.layer}${node.findings > 0 ? `, ${node.findings} finding(s)` : ''}`;
  const label = element('text', { x: String(placed.x + 8), y: String(placed.y + placed.height / 2 + 4) });
  label.textContent = node.files !== undefined ? `${node.label} (${node.files})` : node.label;
  group.append(title, element('rect', { x: String(placed.x), y: String(placed.y), width: String(placed.width), height: String(placed.height) }), label);
  group.addEventListener('click', () => handlers.onNode(node));
  group.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') handlers.onNode(node);
  });
  return group;
}

function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

function arrowMarker(): SVGDefsElement {
  const defs = element('defs', {});
  const marker = element('marker', { id: 'arrow', viewBox: '0 0 8 8', refX: '8', refY: '4', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
  marker.append(element('path', { d: 'M0,0 L8,4 L0,8 z', fill: 'context-stroke' }));
  defs.append(marker);
  return defs;
}

function element<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Readonly<Record<string, string>>): SVGElementTagNameMap[K] {
  const created = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  return created;
}
