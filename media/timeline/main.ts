// Fault timeline panel: page faults by resolution, evictions and swap I/O as step lines over
// retired instructions, resident pages per process, the VM events as marks by kind (click or
// Enter in the list below travels to one), zoom and pan shared by the charts, theme colours,
// and the table of counters per process.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import type { VmEventView } from '../../src/shared/vm-views';
import type { PanelData } from '../../src/shared/webview-messages';
import { el, showEmpty, timed } from '../common/dom';
import { connect, loadState, post, saveState } from '../common/host';
import { countersTable } from './counters-table';
import { CountChart } from './count-chart';
import { EventChart } from './event-chart';
import { eventList } from './event-list';
import { full } from './format';
import { activityColumns, eventKinds, fullRange, residentColumns, type CountColumns } from './series';
import { onThemeChange, readTheme } from './theme';
import { XRange } from './x-range';
import { zoomKeys } from './zoom-keys';

type Data = PanelData['timeline'];

const app = document.getElementById('app')!;
const range = new XRange();
let theme = readTheme();
let first = true;
let shown: { data: Data; running: boolean } | undefined;
/** the event whose list row has the focus (kept across updates) */
let focusSeq: number | undefined;
/** true while `render` runs: it shows the range and the list itself, once */
let rendering = false;
/** the zoom saved before the panel was hidden, applied once the first data arrives */
let savedZoom = loadState().zoom;

/** The panel's parts, made once per data session (an `empty` message drops them). */
interface Parts {
  summary: HTMLElement;
  rangeText: HTMLElement;
  reset: HTMLButtonElement;
  activityBox: HTMLElement;
  residentBox: HTMLElement;
  eventsBox: HTMLElement;
  list: HTMLElement;
  counters: HTMLElement;
  activity?: CountChart;
  resident?: CountChart;
  events?: EventChart;
}
let parts: Parts | undefined;

function figure(label: string): HTMLElement {
  const box = el('figure', { class: 'chart', tabindex: 0, role: 'img', 'aria-label': label, 'data-title': label });
  box.addEventListener('keydown', (k) => zoomKeys(k, range));
  return box;
}

function build(): Parts {
  const reset = el('button', { type: 'button', class: 'reset', title: 'Show all retired instructions (double-click a chart does the same)' }, 'Reset zoom');
  reset.addEventListener('click', () => range.reset());
  const p: Parts = {
    summary: el('p', { class: 'summary' }),
    rangeText: el('span', { class: 'range', 'aria-live': 'polite' }),
    reset,
    activityBox: figure('Faults by kind, evictions and swap I/O over retired instructions'),
    residentBox: figure('Resident pages per process over retired instructions'),
    eventsBox: figure('VM events over retired instructions'),
    list: el('div', { class: 'events' }),
    counters: el('div'),
  };
  const help = el('span', { class: 'help' }, 'drag to zoom · wheel zooms, Shift+wheel pans · keys + − ← → and 0 on a focused chart');
  app.replaceChildren(
    el('h1', {}, 'Fault timeline'),
    p.summary,
    el('div', { class: 'toolbar' }, p.rangeText, p.reset, help),
    el('h2', {}, 'Faults, evictions and swap I/O'),
    p.activityBox,
    el('h2', {}, 'Resident pages per process'),
    p.residentBox,
    el('h2', {}, 'VM events'),
    p.eventsBox,
    p.list,
    p.counters,
  );
  return p;
}

/** The chart in `box` showing `columns`: updated in place when its series are the same, else made anew. */
function countChart(old: CountChart | undefined, box: HTMLElement, columns: CountColumns, height: number): CountChart {
  const title = box.dataset.title ?? '';
  if (old !== undefined && old.names.join('\n') === columns.names.join('\n')) {
    old.update(columns);
    return old;
  }
  old?.destroy();
  return new CountChart(box, title, columns, range, theme, height);
}

function eventChart(p: Parts, events: VmEventView[]): EventChart | undefined {
  const kinds = eventKinds(events);
  if (p.events !== undefined && p.events.kinds.join('\n') === kinds.join('\n')) {
    p.events.update(events);
    return p.events;
  }
  p.events?.destroy();
  if (kinds.length === 0) return undefined;
  return new EventChart(p.eventsBox, events, kinds, range, theme, (e) => travel(e));
}

function travel(e: VmEventView): void {
  post({ type: 'travelToEvent', seq: e.seq });
}

/** The events list for the shown range (rebuilt on zoom), keeping the focused row focused. */
function showList(p: Parts, data: Data): void {
  const { min, max } = range.shown;
  const hadFocus = p.list.contains(document.activeElement);
  const inView = data.events.filter((e) => e.icount >= min && e.icount <= max);
  const focus = (seq: number | undefined) => {
    focusSeq = seq ?? focusSeq;
    p.events?.highlight(seq);
  };
  p.list.replaceChildren(eventList(inView, focusSeq, { travel, focus }));
  if (hadFocus) p.list.querySelector<HTMLButtonElement>('button.travel[tabindex="0"]')?.focus();
}

function showRange(p: Parts): void {
  const { min, max } = range.shown;
  p.rangeText.textContent = `instructions ${full(min)} – ${full(max)}${range.zoomed ? ' (zoomed)' : ' (all)'}`;
  p.rangeText.dataset.min = String(min);
  p.rangeText.dataset.max = String(max);
  p.reset.disabled = !range.zoomed;
}

function render(data: Data, running: boolean): void {
  shown = { data, running };
  const samples = data.stats.timeline.length;
  rendering = true;
  timed(first ? 'first' : 'update', samples + data.events.length, () => {
    const p = (parts ??= build());
    const activity = activityColumns(data.stats);
    range.setFull(fullRange(activity.x, data.events, data.stats.retired));
    if (savedZoom !== undefined) range.show(savedZoom.min, savedZoom.max);
    savedZoom = undefined;
    const lastEvent = data.events.at(-1);
    p.summary.className = `summary${running ? ' running' : ''}`;
    p.summary.textContent = `${data.stats.policy} policy · ${full(data.stats.retired)} instructions retired · ${samples} samples · ${data.events.length} recent events${lastEvent ? ` (up to #${lastEvent.seq})` : ''}${running ? ' · running' : ''}`;
    p.activity = countChart(p.activity, p.activityBox, activity, 220);
    p.resident = countChart(p.resident, p.residentBox, residentColumns(data.stats, data.processes), 180);
    p.events = eventChart(p, data.events);
    showRange(p);
    showList(p, data);
    p.counters.replaceChildren(countersTable(data));
    document.body.dataset.samples = String(samples);
  });
  rendering = false;
  first = false;
}

/** Drops the charts (an `empty` message or a theme change rebuilds them). */
function dropCharts(): void {
  for (const c of [parts?.activity, parts?.resident, parts?.events]) c?.destroy();
  parts = undefined;
}

range.listen((r) => {
  saveState({ zoom: range.zoomed ? { min: r.min, max: r.max } : undefined });
  if (rendering || parts === undefined || shown === undefined) return;
  showRange(parts);
  showList(parts, shown.data);
});

onThemeChange(() => {
  theme = readTheme();
  if (shown === undefined || parts === undefined) return;
  dropCharts();
  render(shown.data, shown.running);
});

connect<'timeline'>((m) => {
  if (m.type === 'update') render(m.data, m.running);
  else if (m.type === 'empty') {
    first = true;
    shown = undefined;
    dropCharts();
    showEmpty(app, m.reason);
  }
});
