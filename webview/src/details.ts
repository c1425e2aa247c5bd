import type { ViewGrouping, ArchitectureView, ViewEdge, ViewNode } from '../../server/src/engine/report/architecture-view';

/** Where a click leads: the editor opens the file; the report says where it is. */
export interface Host {
  open(file: string, line: number, character: number): void;
  /** Asks for the view drawn another way (the editor asks the server again; a static report cannot). */
  readonly regroup?: (by: ViewGrouping) => void;
}

export function showNode(panel: HTMLElement, view: ArchitectureView, node: ViewNode, host: Host): void {
  panel.replaceChildren();
  panel.append(
    heading(node.kind === 'module' ? `${node.label} (Nest module) — ${node.id}` : node.id),
    paragraph(`Layer: ${node.layer}${node.files !== undefined ? ` · ${node.files} files` : ''}${node.findings > 0 ? ` · ${node.findings} finding(s)` : ''}`),
  );
  const outgoing = view.edges.filter((e) => e.from === node.id);
  const incoming = view.edges.filter((e) => e.to === node.id);
  panel.append(
    paragraph(`What this depends on (${outgoing.length})`),
    edgeList(outgoing, (e) => e.to, host),
  );
  panel.append(
    paragraph(`Who depends on this (${incoming.length})`),
    edgeList(incoming, (e) => e.from, host),
  );
  const findings = view.findings.filter((f) => (f.node ?? f.file) === node.id);
  if (findings.length > 0) {
    const list = document.createElement('ul');
    for (const f of findings) list.append(item(`${f.baselined ? '(baselined) ' : ''}${f.file}:${f.line} ${f.ruleId}: ${f.message}`, () => host.open(f.file, f.line, f.character)));
    panel.append(paragraph('Findings'), list);
  }
}

export function showEdge(panel: HTMLElement, edge: ViewEdge, host: Host): void {
  panel.replaceChildren();
  panel.append(heading(`${edge.from} → ${edge.to}`));
  panel.append(paragraph(`${edge.kinds.join(', ')}${edge.runtime ? '' : ' (erased at run time)'}${edge.count > 1 ? ` · ${edge.count} dependencies` : ''}`));
  if (edge.rules.length > 0) panel.append(paragraph(`Reported by ${edge.rules.join(', ')}`));
  const where = document.createElement('button');
  where.className = 'open';
  where.textContent = `${edge.file}:${edge.line}:${edge.character + 1}`;
  where.addEventListener('click', () => host.open(edge.file, edge.line, edge.character));
  panel.append(where);
}

function edgeList(edges: readonly ViewEdge[], other: (e: ViewEdge) => string, host: Host): HTMLUListElement {
  const list = document.createElement('ul');
  for (const e of edges) list.append(item(`${other(e)}${e.rules.length > 0 ? ` — ${e.rules.join(', ')}` : ''}`, () => host.open(e.file, e.line, e.character)));
  return list;
}

function item(text: string, onClick: () => void): HTMLLIElement {
  const li = document.createElement('li');
  const link = document.createElement('a');
  link.href = '#';
  link.textContent = text;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    onClick();
  });
  li.append(link);
  return li;
}

function heading(text: string): HTMLHeadingElement {
  const h = document.createElement('h3');
  h.textContent = text;
  return h;
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}
