// What every chart of the timeline shares: the retired-instruction x axis tied to the panel's
// XRange (drag selects a window, the wheel zooms and pans, double-click resets), theme-coloured
// axes, a cursor synchronised across the charts, and a width that follows the panel's.
import uPlot from 'uplot';
import { axisValues } from './format';
import type { ChartTheme } from './theme';
import type { XRange } from './x-range';

/** Width of every chart's y axis, so the plots of the panel line up over the same x pixels. */
export const Y_AXIS_SIZE = 96;

/** Axis with theme colours and short values (1.25M); `values` overrides the numbers' text. */
export function themedAxis(theme: ChartTheme, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: theme.foreground,
    font: theme.font,
    labelFont: theme.font,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1, size: 4 },
    values: (_u, splits) => axisValues(splits),
    labelSize: 18,
    ...extra,
  };
}

/** Base options: x scale from `range`, the cursor (drag selects a window to zoom to, synced between charts). */
export function baseOptions(width: number, height: number, range: XRange): Pick<uPlot.Options, 'width' | 'height' | 'scales' | 'cursor' | 'padding'> {
  const { min, max } = range.shown;
  return {
    width,
    height,
    padding: [8, 12, 0, 0],
    scales: { x: { time: false, auto: false, min, max } },
    cursor: {
      drag: { x: true, y: false, setScale: false },
      sync: { key: 'pintos-timeline' },
      bind: { dblclick: () => () => null },
      points: { show: false },
    },
  };
}

/**
 * Ties `u` to `range` and the panel: a drag selection zooms, the wheel zooms (with Shift, or a
 * sideways wheel, it pans), double-click shows everything, the range's changes move the x scale,
 * and the chart's width follows `box`. Returns a function that unties it.
 */
export function attach(u: uPlot, range: XRange, box: HTMLElement): () => void {
  const follow = () => {
    const { min, max } = range.shown;
    if (u.scales.x.min !== min || u.scales.x.max !== max) u.setScale('x', { min, max });
  };
  const unlisten = range.listen(follow);
  // the scale uPlot applied, on the chart's box: what the axis shows (tests and tools read it)
  const showScale = (self: uPlot, key: string) => {
    if (key !== 'x') return;
    box.dataset.xMin = String(self.scales.x.min);
    box.dataset.xMax = String(self.scales.x.max);
  };
  u.hooks.setScale = [...(u.hooks.setScale ?? []), showScale];
  showScale(u, 'x');
  u.hooks.setSelect = [
    ...(u.hooks.setSelect ?? []),
    (self) => {
      const { left, width } = self.select;
      if (width < 3) return;
      self.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      range.show(self.posToVal(left, 'x'), self.posToVal(left + width, 'x'));
    },
  ];
  const wheel = (e: WheelEvent) => {
    e.preventDefault();
    const sideways = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
    const delta = sideways ? e.deltaX || e.deltaY : e.deltaY;
    if (delta === 0) return;
    if (sideways) range.panBy(Math.sign(delta) * 0.1);
    else range.zoomBy(delta > 0 ? 1.25 : 0.8, u.posToVal(e.offsetX, 'x'));
  };
  const dblclick = () => range.reset();
  u.over.addEventListener('wheel', wheel, { passive: false });
  u.over.addEventListener('dblclick', dblclick);
  let width = box.clientWidth;
  const resize = new ResizeObserver(() => {
    if (box.clientWidth === width || box.clientWidth === 0) return;
    width = box.clientWidth;
    u.setSize({ width, height: u.height });
  });
  resize.observe(box);
  return () => {
    unlisten();
    resize.disconnect();
    u.over.removeEventListener('wheel', wheel);
    u.over.removeEventListener('dblclick', dblclick);
  };
}
