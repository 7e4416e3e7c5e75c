// A keyboard-navigable grid of small cells (frames, swap slots): built once, then patched cell by
// cell so an update touches only what changed. One cell is in the tab order (roving tabindex);
// arrow keys, Home/End and PageUp/PageDown move, Enter or Space activates.
import { el } from './dom';

/** How one cell looks: CSS classes, a short text and the full description (aria-label). */
export interface CellSpec {
  cls: string;
  text: string;
  label: string;
}

export interface GridOptions {
  columns: number;
  label: string;
  /** Enter/Space/click on cell i */
  onActivate(index: number): void;
  /** cell i got focus or the pointer */
  onPoint(index: number): void;
  /** initially focused cell */
  focus?: number;
}

/** The grid: `root` goes into the page. */
export class CellGrid {
  readonly root: HTMLElement;
  private cells: HTMLElement[] = [];
  private signatures: string[] = [];
  private focused: number;

  constructor(private readonly options: GridOptions) {
    this.focused = options.focus ?? 0;
    this.root = el('div', { class: 'grid', role: 'grid', 'aria-label': options.label });
    this.root.style.setProperty('--columns', String(options.columns));
    this.root.addEventListener('keydown', (e) => this.key(e));
    this.root.addEventListener('click', (e) => {
      const i = this.indexOf(e.target);
      if (i !== undefined) {
        this.move(i);
        options.onActivate(i);
      }
    });
    this.root.addEventListener('pointerover', (e) => {
      const i = this.indexOf(e.target);
      if (i !== undefined) options.onPoint(i);
    });
    this.root.addEventListener('focusin', (e) => {
      const i = this.indexOf(e.target);
      if (i !== undefined) options.onPoint(i);
    });
  }

  /** Number of cells. */
  get size(): number {
    return this.cells.length;
  }

  /** Index of the focused (tab-order) cell. */
  get focusIndex(): number {
    return this.focused;
  }

  /** The cell element at `i` (for tests and scrolling). */
  cell(i: number): HTMLElement | undefined {
    return this.cells[i];
  }

  /**
   * Shows `count` cells described by `spec`. Rebuilds when the count changed, otherwise patches
   * only the cells whose look changed. Returns the number of cells written.
   */
  render(count: number, spec: (i: number) => CellSpec): number {
    if (count !== this.cells.length) return this.build(count, spec);
    let written = 0;
    for (let i = 0; i < count; i++) {
      const s = spec(i);
      const sig = `${s.cls}|${s.text}|${s.label}`;
      if (sig === this.signatures[i]) continue;
      this.signatures[i] = sig;
      this.paint(this.cells[i], s);
      written++;
    }
    return written;
  }

  private build(count: number, spec: (i: number) => CellSpec): number {
    const columns = this.options.columns;
    const fragment = document.createDocumentFragment();
    this.cells = new Array<HTMLElement>(count);
    this.signatures = new Array<string>(count);
    this.focused = Math.min(this.focused, Math.max(0, count - 1));
    let row: HTMLElement | undefined;
    for (let i = 0; i < count; i++) {
      if (i % columns === 0) {
        row = document.createElement('div');
        row.className = 'row';
        row.setAttribute('role', 'row');
        fragment.append(row);
      }
      const cell = document.createElement('div');
      cell.setAttribute('role', 'gridcell');
      cell.dataset.index = String(i);
      cell.tabIndex = i === this.focused ? 0 : -1;
      const s = spec(i);
      this.signatures[i] = `${s.cls}|${s.text}|${s.label}`;
      this.paint(cell, s);
      this.cells[i] = cell;
      row!.append(cell);
    }
    this.root.replaceChildren(fragment);
    this.root.setAttribute('aria-rowcount', String(Math.ceil(count / columns)));
    return count;
  }

  private paint(cell: HTMLElement, s: CellSpec): void {
    cell.className = `cell ${s.cls}`;
    cell.textContent = s.text;
    cell.setAttribute('aria-label', s.label);
  }

  private indexOf(target: EventTarget | null): number | undefined {
    const i = target instanceof HTMLElement ? target.dataset.index : undefined;
    return i === undefined ? undefined : Number(i);
  }

  /** Moves the tab stop and focus to cell `i` (clamped). */
  move(i: number, focus = true): void {
    if (this.cells.length === 0) return;
    const next = Math.max(0, Math.min(this.cells.length - 1, i));
    this.cells[this.focused]?.setAttribute('tabindex', '-1');
    this.focused = next;
    const cell = this.cells[next];
    cell.tabIndex = 0;
    if (focus) cell.focus();
  }

  private key(e: KeyboardEvent): void {
    const c = this.options.columns;
    const i = this.focused;
    const rowStart = i - (i % c);
    const moves: Record<string, number> = {
      ArrowLeft: i - 1,
      ArrowRight: i + 1,
      ArrowUp: i - c,
      ArrowDown: i + c,
      Home: e.ctrlKey ? 0 : rowStart,
      End: e.ctrlKey ? this.cells.length - 1 : rowStart + c - 1,
      PageUp: i - c * 8,
      PageDown: i + c * 8,
    };
    if (e.key in moves) {
      e.preventDefault();
      this.move(moves[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.options.onActivate(i);
    }
  }
}
