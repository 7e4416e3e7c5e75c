// The table of VM counters per process and in total.
import type { PanelData } from '../../src/shared/webview-messages';
import { el } from '../common/dom';
import { ownerName } from '../common/owners';

/** One row per process and a total row: faults per kind, evictions, swap I/O, resident pages. */
export function countersTable(data: PanelData['timeline']): HTMLTableElement {
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
