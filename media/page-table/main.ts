// Page-table walk panel: the selected process's four-level page tables as a collapsible tree
// (each entry with its value and flags), and an address search that shows the walk of any
// address level by level. Keyboard: arrows move/expand/collapse, Enter toggles or reveals.
import type { PageWalkView } from '../../src/shared/vm-views';
import type { PanelData } from '../../src/shared/webview-messages';
import { el, hex, showEmpty, timed } from '../common/dom';
import { connect, loadState, post, saveState } from '../common/host';
import { buildTree, LEVEL_NAMES, pathId, SPANS, type PtNode } from './tree-model';

const app = document.getElementById('app')!;
let data: PanelData['pageTable'] | undefined;
let rendered = false;
const summary = el('p', { class: 'summary' });
const input = el('input', { type: 'text', id: 'va', placeholder: 'virtual address, e.g. 0x4747e000', 'aria-label': 'Virtual address to walk', spellcheck: 'false' });
const form = el('form', { class: 'search', role: 'search' }, el('label', { for: 'va' }, 'Walk address '), input, el('button', { type: 'submit' }, 'Walk'));
const walkBox = el('div', { class: 'walk', 'aria-live': 'polite' });
const tree = el('ul', { class: 'tree', role: 'tree', 'aria-label': 'Page tables' });
let nodes: PtNode[] = [];
const rows = new Map<string, HTMLElement>();

/** Open unless the default says closed and the user did not open it, or the user closed it. */
function isOpen(n: PtNode): boolean {
  const s = loadState();
  if (s.collapsed?.includes(n.id)) return false;
  if (s.expanded?.includes(n.id)) return true;
  if (data?.focusVa !== undefined && pathId(data.focusVa, n.depth) === n.id) return true;
  return n.depth < 2 || n.children.length <= 32;
}

function setOpen(n: PtNode, open: boolean): void {
  const s = loadState();
  const collapsed = new Set(s.collapsed ?? []);
  const expanded = new Set(s.expanded ?? []);
  collapsed.delete(n.id);
  expanded.delete(n.id);
  (open ? expanded : collapsed).add(n.id);
  saveState({ collapsed: [...collapsed], expanded: [...expanded] });
}

function label(n: PtNode): string {
  const name = LEVEL_NAMES[n.depth];
  if (n.mapping !== undefined) {
    const m = n.mapping;
    return `${name}[${n.index}] ${hex(m.va)} → ${hex(m.pa)}${m.frame !== undefined ? ` (frame ${m.frame})` : ''}  ${m.flags}`;
  }
  // the raw entry value is in the row's tooltip: rows stay short enough for a side panel
  const entry = n.entry !== undefined ? `  ${n.entry.flags}` : '';
  // an upper-level entry maps a range: say which, in full
  return `${name}[${n.index}] ${hex(n.va)}–${hex(n.va + SPANS[n.depth] - 1)}  ${n.leaves} page${n.leaves === 1 ? '' : 's'}${entry}`;
}

function item(n: PtNode): HTMLElement {
  const leaf = n.children.length === 0;
  const open = !leaf && isOpen(n);
  const row = el('div', { class: `node d${n.depth}${leaf ? ' leaf' : ''}`, tabindex: -1, 'data-id': n.id }, el('span', { class: `twisty${leaf ? '' : ` codicon codicon-chevron-${open ? 'down' : 'right'}`}`, 'aria-hidden': 'true' }), el('span', { class: 'mono' }, label(n)));
  const raw = n.mapping?.entry ?? n.entry?.entry;
  if (raw !== undefined) row.title = `entry ${raw}`;
  if (n.mapping !== undefined) {
    row.title += `: ${n.mapping.writable ? 'writable' : 'read-only'}, ${n.mapping.accessed ? 'accessed' : 'not accessed'}, ${n.mapping.dirty ? 'dirty' : 'clean'}; Enter reveals the page`;
    if (data?.focusVa !== undefined && Math.floor(data.focusVa / 4096) === Math.floor(n.mapping.va / 4096)) row.classList.add('focus-page');
  }
  rows.set(n.id, row);
  const li = el('li', { role: 'treeitem', 'aria-level': n.depth + 1, 'aria-expanded': leaf ? undefined : String(open) }, row);
  if (open) li.append(el('ul', { role: 'group' }, ...n.children.map(item)));
  return li;
}

function visibleRows(): HTMLElement[] {
  return Array.from(tree.querySelectorAll<HTMLElement>('.node'));
}

function findNode(id: string, list = nodes): PtNode | undefined {
  for (const n of list) {
    if (n.id === id) return n;
    if (id.startsWith(`${n.id}.`)) return findNode(id, n.children);
  }
  return undefined;
}

function focusRow(row: HTMLElement | undefined): void {
  if (row === undefined) return;
  tree.querySelectorAll<HTMLElement>('.node[tabindex="0"]').forEach((r) => (r.tabIndex = -1));
  row.tabIndex = 0;
  row.focus();
  saveState({ focus: row.dataset.id });
}

function redrawTree(focusId?: string): void {
  rows.clear();
  tree.replaceChildren(...nodes.map(item));
  const target = (focusId !== undefined ? rows.get(focusId) : undefined) ?? visibleRows()[0];
  if (target !== undefined) target.tabIndex = 0;
  if (focusId !== undefined && target !== undefined && document.activeElement !== input) target.focus();
}

function toggle(n: PtNode, open: boolean): void {
  if (n.children.length === 0) return;
  setOpen(n, open);
  redrawTree(n.id);
}

function activate(id: string): void {
  const n = findNode(id);
  if (n === undefined || data === undefined) return;
  if (n.mapping !== undefined) post({ type: 'revealPage', pid: data.pid, va: n.mapping.va });
  else toggle(n, !isOpen(n));
}

tree.addEventListener('click', (e) => {
  const row = (e.target as HTMLElement).closest<HTMLElement>('.node');
  if (row?.dataset.id === undefined) return;
  focusRow(row);
  activate(row.dataset.id);
});

tree.addEventListener('keydown', (e) => {
  const row = (e.target as HTMLElement).closest<HTMLElement>('.node');
  const id = row?.dataset.id;
  if (row == null || id === undefined) return;
  const all = visibleRows();
  const at = all.indexOf(row);
  const n = findNode(id);
  const handled = () => e.preventDefault();
  switch (e.key) {
    case 'ArrowDown':
      handled();
      return focusRow(all[at + 1]);
    case 'ArrowUp':
      handled();
      return focusRow(all[at - 1]);
    case 'Home':
      handled();
      return focusRow(all[0]);
    case 'End':
      handled();
      return focusRow(all[all.length - 1]);
    case 'ArrowRight':
      handled();
      if (n !== undefined && n.children.length > 0) {
        if (!isOpen(n)) toggle(n, true);
        else focusRow(rows.get(n.children[0].id));
      }
      return;
    case 'ArrowLeft':
      handled();
      if (n !== undefined && n.children.length > 0 && isOpen(n)) toggle(n, false);
      else focusRow(rows.get(id.split('.').slice(0, -1).join('.')));
      return;
    case 'Enter':
    case ' ':
      handled();
      return activate(id);
  }
});

function showWalk(w: PageWalkView): void {
  const lines = w.levels.map((l, depth) => el('li', {}, el('span', { class: 'mono' }, `${LEVEL_NAMES[depth] ?? l.name}[${l.index}] at ${hex(l.entryPa)} = ${l.entry}  ${l.flags}`)));
  walkBox.replaceChildren(
    el('h2', {}, `Walk of ${hex(w.va)}`),
    el('ol', { class: 'levels' }, ...lines),
    el('p', { class: w.pa !== undefined ? 'outcome ok' : 'outcome missing' }, w.pa !== undefined ? `→ physical ${hex(w.pa)} (${w.outcome})` : `✗ ${w.outcome}`),
  );
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = input.value.trim().replace(/_/g, '');
  const va = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text.slice(2), 16) : /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(va) || va < 0 || va >= 2 ** 48) {
    walkBox.replaceChildren(el('p', { class: 'outcome missing' }, `Not an address: "${text}". Type hex (0x…) or decimal.`));
    return;
  }
  saveState({ focusVa: va });
  post({ type: 'walk', va });
});

function render(): void {
  if (data === undefined) return;
  const d = data;
  nodes = buildTree(d.tables, d.walks);
  timed(rendered ? 'update' : 'first', d.tables.mappings.length, () => {
    if (!rendered) {
      app.replaceChildren(el('h1', {}, 'Page-table walk'), summary, form, walkBox, tree);
      rendered = true;
    }
    summary.textContent = `${d.processName} (pid ${d.pid}) · PML4 at ${hex(d.tables.pml4)} · ${d.tables.tablePages.length} table pages · ${d.tables.mappings.length} present pages`;
    redrawTree(loadState().focus);
    document.body.dataset.mappings = String(d.tables.mappings.length);
  });
  const focusWalk = d.focusVa !== undefined ? d.walks.find((w) => w.va === d.focusVa) : undefined;
  if (focusWalk !== undefined) {
    input.value = hex(focusWalk.va);
    showWalk(focusWalk);
  }
}

connect<'pageTable'>((m) => {
  switch (m.type) {
    case 'update':
      data = m.data;
      render();
      return;
    case 'empty':
      rendered = false;
      showEmpty(app, m.reason);
      return;
    case 'walk':
      showWalk(m.walk);
      return;
    case 'walkFailed':
      walkBox.replaceChildren(el('p', { class: 'outcome missing' }, `Walk of ${hex(m.va)} failed: ${m.message}`));
      return;
  }
});
