// A series of measurements reduced to the figures the benchmarks print: the median (the middle
// sample, the one that says what to expect) and the worst (the slowest, what a user may meet).

/** The median and worst of a series, and how many samples it had. */
export interface SeriesSummary {
  median: number;
  worst: number;
  count: number;
}

/**
 * The median of `values`: the middle one, or the mean of the two middle ones for an even count.
 * Throws on an empty series (a benchmark that measured nothing has a bug).
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty series');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The largest of `values` (for times: the slowest sample). Throws on an empty series. */
export function worst(values: readonly number[]): number {
  if (values.length === 0) throw new Error('worst of an empty series');
  return Math.max(...values);
}

/** Median, worst and count of `values`. Throws on an empty series. */
export function summarize(values: readonly number[]): SeriesSummary {
  return { median: median(values), worst: worst(values), count: values.length };
}
