// Frame map panel: one cell per frame of the user pool, coloured by owner with the kind as a
// pattern and letter, the clock hand marked, details on hover or focus, Enter/click reveals the
// page in the Supplemental Page Table view.
import type { FrameView } from '../../src/shared/vm-views';
import type { PanelData } from '../../src/shared/webview-messages';
import { CellGrid } from '../common/cell-grid';
import { el, showEmpty, timed } from '../common/dom';
import { connect, loadState, post, saveState } from '../common/host';
import { ownerClass, ownerName } from '../common/owners';
import { frameCell } from './cells';

const COLUMNS = 64;
const app = document.getElementById('app')!;
let data: (PanelData['frameMap'] & { running: boolean }) | undefined;
let byIndex = new Map<number, FrameView>();
let grid: CellGrid | undefined;
const summary = el('p', { class: 'summary' });
const legend = el('div', { class: 'legend', 'aria-label': 'Legend' });
const details = el('div', { class: 'details', role: 'status', 'aria-live': 'polite' }, 'Hover or focus a frame for details.');
const handButton = el('button', { type: 'button', title: 'Move the focus to the frame the clock hand points at' }, 'Go to clock hand');
/** Cell sizes the zoom steps through, in CSS pixels; 0 fits the grid to the panel's width. */
const ZOOM_STEPS = [0, 14, 20, 28, 40];
const zoomOut = el('button', { type: 'button', class: 'zoom-out', title: 'Smaller cells', 'aria-label': 'Zoom out' }, el('span', { class: 'codicon codicon-zoom-out', 'aria-hidden': 'true' }));
const zoomIn = el('button', { type: 'button', class: 'zoom-in', title: 'Larger cells, with readable letters', 'aria-label': 'Zoom in' }, el('span', { class: 'codicon codicon-zoom-in', 'aria-hidden': 'true' }));
const zoomLabel = el('span', { class: 'zoom-label', 'aria-live': 'polite' });
let zoom = Math.max(0, ZOOM_STEPS.indexOf(Number(loadState().cellSize ?? '0')));

/** Applies the zoom step to the grid: a fixed cell size (the grid scrolls) or fit to width. */
function applyZoom(): void {
  const px = ZOOM_STEPS[zoom];
  if (grid !== undefined) {
    if (px === 0) grid.root.style.removeProperty('--cell');
    else grid.root.style.setProperty('--cell', `${px}px`);
  }
  zoomLabel.textContent = px === 0 ? 'fit to width' : `${px} px cells`;
  zoomOut.toggleAttribute('disabled', zoom === 0);
  zoomIn.toggleAttribute('disabled', zoom === ZOOM_STEPS.length - 1);
}

function setZoom(step: number): void {
  zoom = Math.min(ZOOM_STEPS.length - 1, Math.max(0, step));
  saveState({ cellSize: String(ZOOM_STEPS[zoom]) });
  applyZoom();
}

function describe(i: number): void {
  if (data === undefined || grid === undefined) return;
  const f = byIndex.get(i);
  const cell = frameCell(i, f, i === data.frames.clockHand, data.processes);
  const extra = f !== undefined ? `\nphysical ${`0x${f.pa.toString(16)}`} · loaded at ${f.loadedAt.toLocaleString('en-US')} · last use ${f.lastUse.toLocaleString('en-US')}` : '';
  details.textContent = cell.label + extra;
  saveState({ focus: String(grid.focusIndex) });
}

function activate(i: number): void {
  const owner = byIndex.get(i)?.owners[0];
  if (owner !== undefined) post({ type: 'revealPage', pid: owner.pid, va: owner.page });
}

function renderLegend(): void {
  if (data === undefined) return;
  const pids = [...new Set(data.frames.frames.flatMap((f) => f.owners.map((o) => o.pid)))].sort((a, b) => a - b);
  const item = (cls: string, text: string, label: string) => el('span', {}, el('span', { class: `sample cell ${cls}`, 'aria-hidden': 'true' }, text), label);
  legend.replaceChildren(
    ...pids.map((pid) => item(`${ownerClass(pid)} k-anon`, 'A', ownerName(pid, data!.processes))),
    item('o0 k-anon', 'A', 'anonymous'),
    item('o0 k-file', 'F', 'file-backed (stripes)'),
    item('o0 k-shared', 'A', 'shared copy-on-write (dots)'),
    item('o0 dirty', 'A', 'dirty (notch)'),
    item('o0 pinned', 'A', 'pinned (border)'),
    item('free', '', 'free'),
    item('o0 hand', '▶', 'clock hand'),
  );
}

function render(): void {
  if (data === undefined) return;
  const t = data.frames;
  byIndex = new Map(t.frames.map((f) => [f.index, f]));
  const first = grid === undefined;
  timed(first ? 'first' : 'update', t.capacity, () => {
    if (grid === undefined) {
      const saved = Number(loadState().focus ?? '0');
      grid = new CellGrid({ columns: Math.min(COLUMNS, Math.max(1, t.capacity)), label: `Frame map, ${t.capacity} frames`, onActivate: activate, onPoint: describe, focus: Number.isFinite(saved) ? saved : 0 });
      app.replaceChildren(el('h1', {}, 'Frame map'), summary, el('div', { class: 'toolbar' }, handButton, el('span', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' }, zoomOut, zoomIn, zoomLabel)), legend, el('div', { class: 'grid-scroll' }, grid.root), details);
      applyZoom();
    }
    summary.textContent = `${t.used} of ${t.capacity} frames used · ${t.policy} policy · clock hand at frame ${t.clockHand}${data!.selectedPid !== undefined ? ` · following pid ${data!.selectedPid}` : ''}`;
    summary.classList.toggle('running', data!.running);
    renderLegend();
    grid.render(t.capacity, (i) => frameCell(i, byIndex.get(i), i === t.clockHand, data!.processes));
    document.body.dataset.cells = String(grid.size);
    document.body.dataset.used = String(t.used);
  });
}

zoomIn.addEventListener('click', () => setZoom(zoom + 1));
zoomOut.addEventListener('click', () => setZoom(zoom - 1));

handButton.addEventListener('click', () => {
  if (data !== undefined) grid?.move(data.frames.clockHand);
});

connect<'frameMap'>((m) => {
  if (m.type === 'update') {
    data = { ...m.data, running: m.running };
    render();
  } else if (m.type === 'empty') {
    grid = undefined;
    showEmpty(app, m.reason);
  }
});
