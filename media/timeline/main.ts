// Fault timeline panel: page faults by resolution, evictions and swap I/O over retired
// instructions, resident pages per process, and a table of the counters per process.
import type { StatsView } from '../../src/shared/vm-views';
import type { PanelData } from '../../src/shared/webview-messages';
import { el, showEmpty, timed } from '../common/dom';
import { connect } from '../common/host';
import { ownerName } from '../common/owners';
import { lineChart, type Series } from './chart';

const app = document.getElementById('app')!;
let first = true;

/** Series of the first chart: each fault kind seen, then evictions, swap-ins, swap-outs. */
function activitySeries(stats: StatsView): Series[] {
  const t = stats.timeline;
  const kinds = [...new Set(t.flatMap((s) => Object.keys(s.faults)))].filter((k) => t.some((s) => (s.faults[k] ?? 0) > 0));
  const series: Series[] = kinds.map((k) => ({ name: `${k} faults`, points: t.map((s) => [s.icount, s.faults[k] ?? 0]) }));
  series.push({ name: 'evictions', points: t.map((s) => [s.icount, s.evictions]) });
  series.push({ name: 'swap-ins', points: t.map((s) => [s.icount, s.swapIns]) });
  series.push({ name: 'swap-outs', points: t.map((s) => [s.icount, s.swapOuts]) });
  return series;
}

/** Series of the second chart: resident pages of each process. */
function residentSeries(data: PanelData['timeline']): Series[] {
  const t = data.stats.timeline;
  const pids = [...new Set(t.flatMap((s) => Object.keys(s.resident).map(Number)))].sort((a, b) => a - b);
  return pids.map((pid) => ({ name: ownerName(pid, data.processes), points: t.map((s) => [s.icount, s.resident[pid] ?? 0]) }));
}

function countersTable(data: PanelData['timeline']): HTMLTableElement {
  const rows = [...data.stats.perPid, { ...data.stats.total, pid: -1 }];
  const kinds = [...new Set(rows.flatMap((r) => Object.keys(r.faults)))];
  const head = el('tr', {}, el('th', { scope: 'col' }, 'process'), ...kinds.map((k) => el('th', { scope: 'col' }, k)), ...['evictions caused', 'pages evicted', 'swap-ins', 'swap-outs', 'write-backs', 'resident', 'peak'].map((h) => el('th', { scope: 'col' }, h)));
  const body = rows.map((r) =>
    el(
      'tr',
      { class: r.pid === -1 ? 'total' : undefined },
      el('th', { scope: 'row' }, r.pid === -1 ? 'total' : ownerName(r.pid, data.processes)),
      ...kinds.map((k) => el('td', {}, String(r.faults[k] ?? 0))),
      ...[r.evictionsCaused, r.pagesEvicted, r.swapIns, r.swapOuts, r.writeBacks, r.resident, r.peakResident].map((v) => el('td', {}, String(v))),
    ),
  );
  return el('table', { class: 'counters' }, el('caption', {}, 'Counters per process'), el('thead', {}, head), el('tbody', {}, ...body));
}

function render(data: PanelData['timeline'], running: boolean): void {
  const samples = data.stats.timeline.length;
  timed(first ? 'first' : 'update', samples, () => {
    const charts: Node[] =
      samples === 0
        ? [el('p', { class: 'empty' }, 'No samples yet: the timeline fills as the program runs.')]
        : [
            el('h2', {}, 'Faults, evictions and swap I/O'),
            lineChart(activitySeries(data.stats), { title: 'Faults by kind, evictions and swap I/O over retired instructions', xLabel: 'retired instructions' }),
            el('h2', {}, 'Resident pages per process'),
            lineChart(residentSeries(data), { title: 'Resident pages per process over retired instructions', xLabel: 'retired instructions', height: 200 }),
          ];
    app.replaceChildren(
      el('h1', {}, 'Fault timeline'),
      el('p', { class: `summary${running ? ' running' : ''}` }, `${data.stats.policy} policy · ${data.stats.retired.toLocaleString('en-US')} instructions retired · ${samples} samples${running ? ' · running' : ''}`),
      ...charts,
      countersTable(data),
    );
    document.body.dataset.samples = String(samples);
  });
  first = false;
}

connect<'timeline'>((m) => {
  if (m.type === 'update') render(m.data, m.running);
  else if (m.type === 'empty') {
    first = true;
    showEmpty(app, m.reason);
  }
});
