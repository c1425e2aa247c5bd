import type { ArchitectureView, ViewGrouping } from '../../server/src/engine/report/architecture-view';
import type { Direction } from './selection';

export interface ControlState {
  query: string;
  hiddenLayers: Set<string>;
  hiddenKinds: Set<string>;
  reportedOnly: boolean;
  /** Show the findings the baseline hides. */
  showBaselined: boolean;
  proximity: number;
  direction: Direction;
  /** How the files are grouped, as asked (the view says what was drawn). */
  groupBy: ViewGrouping;
}

export interface ControlHandlers {
  /** The drawing must change (filters, proximity). */
  readonly onFilter: () => void;
  /** Only the highlighting changes (search). */
  readonly onSearch: () => void;
  readonly onShowAll: () => void;
  /** Set where the view can be asked for again, grouped another way (the editor). */
  readonly onGroup?: (by: ViewGrouping) => void;
}

/** Search, filters by layer and by kind of dependency, focus proximity and direction. */
export function buildControls(container: HTMLElement, view: ArchitectureView, state: ControlState, handlers: ControlHandlers): void {
  const search = document.createElement('input');
  Object.assign(search, { type: 'search', placeholder: 'Search files…', id: 'search', value: state.query });
  search.setAttribute('aria-label', 'Search files');
  search.addEventListener('input', () => {
    state.query = search.value.trim().toLowerCase();
    handlers.onSearch();
  });
  container.append(search);
  container.append(
    checkboxes(
      'Layers',
      'layer',
      view.lanes.map((l) => l.layer),
      state.hiddenLayers,
      handlers.onFilter,
    ),
  );
  const kinds = [...new Set(view.edges.flatMap((e) => e.kinds))].sort();
  container.append(checkboxes('Dependencies', 'kind', kinds, state.hiddenKinds, handlers.onFilter));
  container.append(toggle('Reported only', 'reported-only', state.reportedOnly, (on) => ((state.reportedOnly = on), handlers.onFilter())));
  const baselined = view.findings.filter((f) => f.baselined).length;
  if (baselined > 0) container.append(toggle(`Baselined (${baselined})`, 'show-baselined', state.showBaselined, (on) => ((state.showBaselined = on), handlers.onFilter())));
  container.append(
    select('Proximity', 'proximity', ['1', '2', '3'], String(state.proximity), (v) => ((state.proximity = Number(v)), handlers.onFilter())),
    select('Direction', 'direction', ['both', 'dependents', 'dependencies'], state.direction, (v) => ((state.direction = v as Direction), handlers.onFilter())),
  );
  const onGroup = handlers.onGroup;
  if (onGroup) {
    const groupings: ViewGrouping[] = ['auto', 'files', 'folders', ...(view.nestModules > 0 ? (['modules'] as const) : [])];
    container.append(select('Group', 'group-by', groupings, state.groupBy, (v) => ((state.groupBy = v as ViewGrouping), onGroup(state.groupBy))));
  }
  const all = document.createElement('button');
  all.textContent = 'Show all';
  all.id = 'show-all';
  all.addEventListener('click', handlers.onShowAll);
  container.append(all);
}

function checkboxes(legendText: string, name: string, values: readonly string[], hidden: Set<string>, onChange: () => void): HTMLFieldSetElement {
  const set = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  set.append(legend);
  for (const value of values) {
    set.append(
      toggle(value, `${name}-${value}`, !hidden.has(value), (on) => {
        if (on) hidden.delete(value);
        else hidden.add(value);
        onChange();
      }),
    );
  }
  return set;
}

function toggle(text: string, id: string, checked: boolean, onChange: (on: boolean) => void): HTMLLabelElement {
  const label = document.createElement('label');
  const box = document.createElement('input');
  Object.assign(box, { type: 'checkbox', id, checked });
  box.addEventListener('change', () => onChange(box.checked));
  label.append(box, ` ${text}`);
  return label;
}

function select(text: string, id: string, options: readonly string[], value: string, onChange: (value: string) => void): HTMLLabelElement {
  const label = document.createElement('label');
  const list = document.createElement('select');
  list.id = id;
  for (const option of options) list.append(new Option(option, option, option === value, option === value));
  list.addEventListener('change', () => onChange(list.value));
  label.append(`${text} `, list);
  return label;
}
