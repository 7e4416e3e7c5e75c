// The debugger benchmark's table: per measure, the sample count, median and worst in milliseconds,
// and the target with whether the median meets it.
import { formatMs, formatTable } from './format';
import { summarize } from './series';

/** One measured series. */
export interface LatencyEntry {
  label: string;
  /** milliseconds, one per sample */
  samples: readonly number[];
  /** the target for the median, in milliseconds, if there is one */
  targetMs?: number;
}

/** The table lines of `entries`: measure, samples, median, worst, target and verdict (on the median). */
export function latencyTable(entries: readonly LatencyEntry[]): string[] {
  const rows = [['measure', 'samples', 'median', 'worst', 'target (median)']];
  for (const e of entries) {
    const s = summarize(e.samples);
    const target = e.targetMs === undefined ? '' : `< ${e.targetMs} ms: ${s.median < e.targetMs ? 'met' : 'NOT met'}`;
    rows.push([e.label, String(s.count), formatMs(s.median), formatMs(s.worst), target]);
  }
  return formatTable(rows);
}
