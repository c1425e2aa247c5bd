import type { ArchitectureView, ViewNode } from '../../server/src/engine/report/architecture-view';
import { buildControls, type ControlState } from './controls';
import { showEdge, showNode, type Host } from './details';
import { layoutOf } from './layout';
import { renderLayout } from './render';
import { visibleNodes, withBaselined } from './selection';

/** The architecture view: reads the view the page carries, draws it, and redraws it as filters change. */
class ArchitectureViewer {
  private readonly state: ControlState = { query: '', hiddenLayers: new Set(), hiddenKinds: new Set(), reportedOnly: false, showBaselined: false, proximity: 1, direction: 'both', groupBy: 'auto' };
  private focus: string | undefined;
  private drawing = 0;
  private controls: HTMLElement | undefined;

  constructor(
    private view: ArchitectureView,
    private readonly graph: HTMLElement,
    private readonly details: HTMLElement,
    private readonly host: Host,
  ) {}

  start(controls: HTMLElement): Promise<void> {
    this.controls = controls;
    this.buildControls();
    return this.draw();
  }

  /** A new analysis: same filters and focus, the new graph (its layers may have changed). */
  update(view: ArchitectureView): Promise<void> {
    this.view = view;
    if (this.focus !== undefined && !view.nodes.some((n) => n.id === this.focus)) this.focus = undefined;
    this.buildControls();
    return this.draw();
  }

  private buildControls(): void {
    if (!this.controls) return;
    this.controls.replaceChildren();
    buildControls(this.controls, this.view, this.state, {
      onFilter: () => void this.draw(),
      onSearch: () => this.highlight(),
      onShowAll: () => {
        this.focus = undefined;
        this.details.replaceChildren();
        void this.draw();
      },
      ...(this.host.regroup ? { onGroup: this.host.regroup } : {}),
    });
  }

  /** Lays out what is visible and replaces the drawing; a newer request wins over one still running. */
  async draw(): Promise<void> {
    const request = ++this.drawing;
    this.graph.setAttribute('aria-busy', 'true');
    const focus = this.focus === undefined ? {} : { focus: { id: this.focus, proximity: this.state.proximity, direction: this.state.direction } };
    const shown = this.shown();
    const visible = visibleNodes(shown, { ...this.state, ...focus });
    const layout = await layoutOf(shown, visible);
    if (request !== this.drawing) return;
    this.graph.replaceChildren(renderLayout(layout, { onNode: (node) => this.select(node), onEdge: (edge) => showEdge(this.details, edge, this.host) }));
    this.highlight();
    this.graph.setAttribute('aria-busy', 'false');
    this.graph.dataset['ready'] = String(request);
  }

  /** The view with or without the baseline's findings, as the toggle says. */
  private shown(): ArchitectureView {
    return withBaselined(this.view, this.state.showBaselined);
  }

  private select(node: ViewNode): void {
    this.focus = node.id;
    showNode(this.details, this.shown(), node, this.host);
    void this.draw();
  }

  private highlight(): void {
    const query = this.state.query;
    for (const element of this.graph.querySelectorAll<SVGGElement>('g.node')) {
      const id = element.dataset['node'] ?? '';
      element.classList.toggle('match', query !== '' && id.toLowerCase().includes(query));
      element.classList.toggle('dim', query !== '' && !id.toLowerCase().includes(query));
      element.classList.toggle('selected', id === this.focus);
    }
  }
}

function reportHost(details: HTMLElement): Host {
  return {
    open(file, line, character) {
      const note = document.createElement('p');
      note.className = 'location';
      note.textContent = `${file}:${line}:${character + 1}`;
      details.append(note);
    },
  };
}

/** What the editor's webview gives the page (`acquireVsCodeApi`). */
interface EditorApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): EditorApi;

type EditorMessage = { readonly type: 'view'; readonly view: ArchitectureView } | { readonly type: 'empty'; readonly message: string };

interface Page {
  readonly graph: HTMLElement;
  readonly details: HTMLElement;
  readonly controls: HTMLElement;
}

function failed(graph: HTMLElement, error: unknown): void {
  graph.textContent = `The drawing failed: ${error instanceof Error ? error.message : String(error)}`;
  graph.dataset['error'] = 'true';
}

/** The HTML report: the view is in the page. */
function startReport(page: Page, data: HTMLElement): void {
  const view = JSON.parse(data.textContent ?? '{}') as ArchitectureView;
  new ArchitectureViewer(view, page.graph, page.details, reportHost(page.details)).start(page.controls).catch((error: unknown) => failed(page.graph, error));
}

/** The editor's webview: the view comes in messages, again after each analysis; clicks open files there. */
function startInEditor(page: Page): void {
  const editor = acquireVsCodeApi();
  const host: Host = {
    open: (file, line, character) => editor.postMessage({ type: 'open', file, line, character }),
    regroup: (by) => editor.postMessage({ type: 'group', by }),
  };
  let viewer: ArchitectureViewer | undefined;
  window.addEventListener('message', (event: MessageEvent<EditorMessage>) => {
    const message = event.data;
    if (message.type === 'empty') {
      page.graph.textContent = message.message;
      return;
    }
    const drawn = viewer ? viewer.update(message.view) : (viewer = new ArchitectureViewer(message.view, page.graph, page.details, host)).start(page.controls);
    drawn.catch((error: unknown) => failed(page.graph, error));
  });
  editor.postMessage({ type: 'ready' });
}

/**
 * The viewer's frame — controls, the drawing, the details — built in the page's
 * `#layerguard-app` (its content, a placeholder or a `<noscript>`, is what shows until then).
 */
function frameOf(app: HTMLElement): Page {
  const controls = Object.assign(document.createElement('nav'), { id: 'controls' });
  controls.setAttribute('aria-label', 'Graph controls');
  const graph = Object.assign(document.createElement('section'), { id: 'graph', textContent: 'Waiting for the analysis…' });
  graph.setAttribute('aria-label', 'Layer lanes');
  const details = Object.assign(document.createElement('aside'), { id: 'details' });
  details.setAttribute('aria-live', 'polite');
  const main = document.createElement('main');
  main.append(graph, details);
  app.replaceChildren(controls, main);
  return { graph, details, controls };
}

function boot(): void {
  const app = document.getElementById('layerguard-app');
  if (!app) throw new Error('Layerguard: the page lacks the #layerguard-app element the architecture view draws in');
  const page = frameOf(app);
  const data = document.getElementById('layerguard-view');
  if (data) startReport(page, data);
  else startInEditor(page);
}

boot();
