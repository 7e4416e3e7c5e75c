// Swap map panel: one cell per swap slot, used slots coloured by owner with the owner's pid as
// text (and a dot pattern when pages of several processes share the slot); Enter/click reveals
// the page.
import type { PanelData } from '../../src/shared/webview-messages';
import type { SwapView } from '../../src/shared/vm-views';
import { CellGrid, type CellSpec } from '../common/cell-grid';
import { el, hex, showEmpty, timed } from '../common/dom';
import { connect, loadState, post, saveState } from '../common/host';
import { ownerClass, ownerName } from '../common/owners';

type Slot = SwapView['used'][number];
const COLUMNS = 48;
const app = document.getElementById('app')!;
let data: PanelData['swapMap'] | undefined;
let bySlot = new Map<number, Slot>();
let grid: CellGrid | undefined;
const summary = el('p', { class: 'summary' });
const details = el('div', { class: 'details', role: 'status', 'aria-live': 'polite' }, 'Hover or focus a slot for details.');

function slotCell(i: number): CellSpec {
  const s = bySlot.get(i);
  if (s === undefined) return { cls: 'free', text: '', label: `slot ${i}: free` };
  const owner = s.owners[0];
  const owners = s.owners.map((o) => `${ownerName(o.pid, data?.processes ?? [])} page ${hex(o.page)}`).join('; ');
  return {
    cls: `${owner !== undefined ? ownerClass(owner.pid) : 'o0'} ${s.refs > 1 ? 'k-shared' : 'k-anon'}`,
    text: owner !== undefined ? String(owner.pid % 100) : '?',
    label: `slot ${i}: ${owners || 'no owner'}${s.refs > 1 ? `, ${s.refs} references` : ''}`,
  };
}

function render(): void {
  if (data === undefined) return;
  const swap = data.swap;
  bySlot = new Map(swap.used.map((s) => [s.slot, s]));
  timed(grid === undefined ? 'first' : 'update', swap.slotCount, () => {
    if (grid === undefined) {
      grid = new CellGrid({
        columns: Math.min(COLUMNS, Math.max(1, swap.slotCount)),
        label: `Swap map, ${swap.slotCount} slots`,
        focus: Number(loadState().focus ?? '0') || 0,
        onActivate: (i) => {
          const o = bySlot.get(i)?.owners[0];
          if (o !== undefined) post({ type: 'revealPage', pid: o.pid, va: o.page });
        },
        onPoint: (i) => {
          details.textContent = slotCell(i).label;
          saveState({ focus: String(grid?.focusIndex ?? 0) });
        },
      });
      app.replaceChildren(el('h1', {}, 'Swap map'), summary, el('p', { class: 'summary' }, 'Each cell is a slot of 8 sectors; the number is the owning pid.'), grid.root, details);
    }
    summary.textContent = `${swap.usedSlots} of ${swap.slotCount} slots used`;
    grid.render(swap.slotCount, slotCell);
    document.body.dataset.cells = String(grid.size);
  });
}

connect<'swapMap'>((m) => {
  if (m.type === 'update') {
    data = m.data;
    render();
  } else if (m.type === 'empty') {
    grid = undefined;
    showEmpty(app, m.reason);
  }
});
