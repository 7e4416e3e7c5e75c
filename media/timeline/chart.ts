// A small SVG line chart: linear axes with round ticks, one polyline per series, each with its
// own dash pattern and a label at its end, so lines are told apart without colour.
import { svg } from '../common/dom';

/** One line: a name and points (x ascending). */
export interface Series {
  name: string;
  points: [number, number][];
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  width?: number;
  height?: number;
}

const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4', '4 4 1 4', '3 6'];
const MARGIN = { left: 52, right: 140, top: 12, bottom: 34 };

/** Round tick values covering [0, max]: about five of them. */
export function ticks(max: number): number[] {
  if (max <= 0) return [0];
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) out.push(v);
  return out;
}

/** Short number text: 1.2M, 35k, 12. */
export function short(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e4 ? 0 : 1)}k`;
  return String(Math.round(n * 100) / 100);
}

/** Returns an <svg> drawing `series`; series index i gets CSS class s<i mod 8> and dash i. */
export function lineChart(series: readonly Series[], o: ChartOptions): SVGSVGElement {
  const width = o.width ?? 720;
  const height = o.height ?? 240;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const all = series.flatMap((s) => s.points);
  const xMin = Math.min(...all.map((p) => p[0]), 0);
  const xMax = Math.max(...all.map((p) => p[0]), xMin + 1);
  const yTicks = ticks(Math.max(...all.map((p) => p[1]), 1));
  const yMax = yTicks[yTicks.length - 1] || 1;
  const x = (v: number) => MARGIN.left + ((v - xMin) / (xMax - xMin)) * plotW;
  const y = (v: number) => MARGIN.top + plotH - (v / yMax) * plotH;
  const root = svg('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${o.title}: ${series.map((s) => `${s.name} ${short(s.points.at(-1)?.[1] ?? 0)}`).join(', ')}` });
  root.append(svg('title', {}, o.title));
  for (const t of yTicks) {
    root.append(svg('line', { class: 'grid-line', x1: MARGIN.left, x2: MARGIN.left + plotW, y1: y(t), y2: y(t) }));
    root.append(svg('text', { class: 'tick', x: MARGIN.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, short(t)));
  }
  for (const t of ticks(xMax - xMin)) {
    root.append(svg('text', { class: 'tick', x: x(xMin + t), y: MARGIN.top + plotH + 14, 'text-anchor': 'middle' }, short(xMin + t)));
  }
  root.append(svg('line', { class: 'axis', x1: MARGIN.left, x2: MARGIN.left + plotW, y1: MARGIN.top + plotH, y2: MARGIN.top + plotH }));
  root.append(svg('line', { class: 'axis', x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: MARGIN.top + plotH }));
  root.append(svg('text', { class: 'axis-label', x: MARGIN.left + plotW / 2, y: height - 4, 'text-anchor': 'middle' }, o.xLabel));
  const labelYs: number[] = [];
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const d = s.points.map(([px, py], k) => `${k === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
    root.append(svg('path', { class: `line s${i % 8}`, d, 'stroke-dasharray': DASHES[i % DASHES.length] || undefined }, svg('title', {}, s.name)));
    const last = s.points[s.points.length - 1];
    let ly = y(last[1]) + 4;
    while (labelYs.some((u) => Math.abs(u - ly) < 11)) ly += 11;
    labelYs.push(ly);
    root.append(svg('text', { class: `end-label s${i % 8}`, x: MARGIN.left + plotW + 6, y: ly }, `${s.name} ${short(last[1])}`));
  });
  return root;
}
