// A chart of counts over retired instructions drawn as step lines (a count holds its sampled
// value until the next sample: nothing is invented between samples), with a legend under the
// plot that shows the values at the cursor, and a dash pattern per series besides its colour.
import uPlot from 'uplot';
import { attach, baseOptions, themedAxis, Y_AXIS_SIZE } from './chart-base';
import { full } from './format';
import type { CountColumns } from './series';
import { colourOf, type ChartTheme } from './theme';
import type { XRange } from './x-range';

const DASHES: number[][] = [[], [6, 3], [2, 3], [8, 3, 2, 3], [1, 2], [10, 4], [4, 4, 1, 4], [3, 6]];
const stepAfter = uPlot.paths.stepped!({ align: 1 });

/** A live count chart inside `box`; `update` swaps the data, `destroy` removes it. */
export class CountChart {
  private readonly u: uPlot;
  private readonly detach: () => void;
  /** the series names this chart was built for (other names need a new chart) */
  readonly names: readonly string[];

  constructor(
    private readonly box: HTMLElement,
    private readonly title: string,
    columns: CountColumns,
    private readonly range: XRange,
    theme: ChartTheme,
    height: number,
  ) {
    this.names = columns.names;
    this.describe(columns);
    const opts: uPlot.Options = {
      ...baseOptions(Math.max(box.clientWidth, 240), height, range),
      series: [
        { label: 'instructions', value: (_u, v) => (v === null ? '–' : full(v)) },
        ...columns.names.map((label, i) => ({ label, stroke: colourOf(theme, i), width: 1.5, dash: DASHES[i % DASHES.length], paths: stepAfter, points: { show: false } })),
      ],
      axes: [themedAxis(theme, { label: 'retired instructions', size: 30 }), themedAxis(theme, { size: Y_AXIS_SIZE })],
    };
    opts.scales = { ...opts.scales, y: { range: (_u, _min, max) => uPlot.rangeNum(0, Math.max(max, 1), 0.1, true) } };
    this.u = new uPlot(opts, this.data(columns), box);
    this.detach = attach(this.u, range, box);
  }

  /** Shows new columns with the same series names. */
  update(columns: CountColumns): void {
    this.describe(columns);
    this.u.setData(this.data(columns), true);
    const { min, max } = this.range.shown;
    this.u.setScale('x', { min, max });
  }

  /** Removes the chart. */
  destroy(): void {
    this.detach();
    this.u.destroy();
  }

  /** The accessible label: the title and each series' last value. */
  private describe(columns: CountColumns): void {
    const last = columns.names.map((name, i) => `${name} ${full(columns.columns[i].at(-1) ?? 0)}`);
    this.box.setAttribute('aria-label', `${this.title}, step lines: ${last.join(', ')}`);
  }

  private data(columns: CountColumns): uPlot.AlignedData {
    return [columns.x, ...columns.columns];
  }
}
