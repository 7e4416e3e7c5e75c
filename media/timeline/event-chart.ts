// VM events as marks on the retired-instruction axis: one row per kind, a tick per event in the
// row's colour, details on hover, a click picks the event (the panel travels to it). The chart
// says in its aria-label how many marks of each kind it shows.
import uPlot from 'uplot';
import type { VmEventView } from '../../src/shared/vm-views';
import { el } from '../common/dom';
import { attach, baseOptions, themedAxis, Y_AXIS_SIZE } from './chart-base';
import { eventLines } from './event-details';
import { colourOf, type ChartTheme } from './theme';
import type { XRange } from './x-range';

const ROW_HEIGHT = 18;
/** how near (CSS pixels) the pointer must be to a mark to pick it */
const PICK_RADIUS = 6;

/** A live event chart inside `box`. */
export class EventChart {
  private readonly u: uPlot;
  private readonly detach: () => void;
  private readonly tip = el('div', { class: 'event-tip', role: 'tooltip', hidden: true });
  private events: readonly VmEventView[];
  private highlighted: number | undefined;
  /** the kinds this chart has rows for (other kinds need a new chart) */
  readonly kinds: readonly string[];

  constructor(
    private readonly box: HTMLElement,
    events: readonly VmEventView[],
    kinds: readonly string[],
    private readonly range: XRange,
    private readonly theme: ChartTheme,
    private readonly pick: (e: VmEventView) => void,
  ) {
    this.events = events;
    this.kinds = kinds;
    const opts: uPlot.Options = {
      ...baseOptions(Math.max(box.clientWidth, 240), kinds.length * ROW_HEIGHT + 60, range),
      legend: { show: false },
      series: [{ label: 'instructions' }],
      axes: [
        themedAxis(theme, { label: 'retired instructions', size: 30 }),
        themedAxis(theme, { size: Y_AXIS_SIZE, splits: () => kinds.map((_k, i) => i), values: (_u, splits) => splits.map((i) => kinds[i] ?? ''), grid: { show: false } }),
      ],
      hooks: { draw: [(u) => this.drawMarks(u)] },
    };
    opts.scales = { ...opts.scales, y: { auto: false, range: () => [-0.5, kinds.length - 0.5] } };
    this.u = new uPlot(opts, this.data(), box);
    this.detach = attach(this.u, range, box);
    box.append(this.tip);
    this.bindPointer();
  }

  /** Shows new events (of the same kinds). */
  update(events: readonly VmEventView[]): void {
    this.events = events;
    this.u.setData(this.data(), false);
    const { min, max } = this.range.shown;
    this.u.setScale('x', { min, max });
  }

  /** Draws event `seq` larger (the list's focused row), or none. */
  highlight(seq: number | undefined): void {
    this.highlighted = seq;
    this.u.redraw(false, false);
  }

  /** Removes the chart. */
  destroy(): void {
    this.detach();
    this.u.destroy();
    this.tip.remove();
  }

  /** uPlot needs x data: the full range's ends, so the x scale always has something to span. */
  private data(): uPlot.AlignedData {
    return [[this.range.shown.min, this.range.shown.max]];
  }

  private row(e: VmEventView): number {
    return this.kinds.indexOf(e.kind);
  }

  private drawMarks(u: uPlot): void {
    const ctx = u.ctx;
    const { min, max } = this.range.shown;
    const ratio = u.bbox.height / u.height || 1;
    const half = Math.max(3, (ROW_HEIGHT / 2 - 3) * ratio);
    const counts = new Map<string, number>();
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    for (const e of this.events) {
      if (e.icount < min || e.icount > max) continue;
      const row = this.row(e);
      const x = Math.round(u.valToPos(e.icount, 'x', true));
      const y = Math.round(u.valToPos(row, 'y', true));
      ctx.fillStyle = colourOf(this.theme, row);
      ctx.fillRect(x - ratio, y - half, 2 * ratio, 2 * half);
      counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    }
    const lit = this.events.find((e) => e.seq === this.highlighted);
    if (lit !== undefined && lit.icount >= min && lit.icount <= max) {
      ctx.strokeStyle = this.theme.foreground;
      ctx.lineWidth = 2 * ratio;
      ctx.strokeRect(u.valToPos(lit.icount, 'x', true) - 4 * ratio, u.valToPos(this.row(lit), 'y', true) - half - 2 * ratio, 8 * ratio, 2 * half + 4 * ratio);
    }
    ctx.restore();
    const shown = this.kinds.map((k) => `${counts.get(k) ?? 0} ${k}`).join(', ');
    this.box.setAttribute('aria-label', `VM events over retired instructions, one row per kind: ${shown}`);
  }

  /** The event whose mark is nearest to (left, top) in the plot's CSS pixels, within PICK_RADIUS. */
  private eventAt(left: number, top: number): VmEventView | undefined {
    const row = Math.round(this.u.posToVal(top, 'y'));
    let best: VmEventView | undefined;
    let bestDistance = PICK_RADIUS + 1;
    for (const e of this.events) {
      if (this.row(e) !== row) continue;
      const d = Math.abs(this.u.valToPos(e.icount, 'x') - left);
      if (d < bestDistance) {
        best = e;
        bestDistance = d;
      }
    }
    return best;
  }

  private bindPointer(): void {
    const over = this.u.over;
    let down: { x: number; y: number } | undefined;
    over.addEventListener('mousemove', (m) => {
      const e = this.eventAt(m.offsetX, m.offsetY);
      over.style.cursor = e !== undefined ? 'pointer' : '';
      if (e === undefined) {
        this.tip.hidden = true;
        return;
      }
      this.tip.replaceChildren(...eventLines(e).map((line) => el('div', {}, line)), el('div', { class: 'hint' }, 'click to travel to this event'));
      this.tip.hidden = false;
      this.tip.dataset.seq = String(e.seq);
      const plot = over.getBoundingClientRect();
      const boxRect = this.box.getBoundingClientRect();
      const x = plot.left - boxRect.left + m.offsetX + 12;
      this.tip.style.left = `${Math.min(x, this.box.clientWidth - this.tip.offsetWidth - 4)}px`;
      this.tip.style.top = `${plot.top - boxRect.top + m.offsetY + 12}px`;
    });
    over.addEventListener('mouseleave', () => {
      this.tip.hidden = true;
    });
    over.addEventListener('mousedown', (m) => {
      down = { x: m.clientX, y: m.clientY };
    });
    over.addEventListener('click', (m) => {
      const moved = down === undefined || Math.abs(m.clientX - down.x) > 3 || Math.abs(m.clientY - down.y) > 3;
      down = undefined;
      if (moved) return;
      const e = this.eventAt(m.offsetX, m.offsetY);
      if (e !== undefined) this.pick(e);
    });
  }
}
