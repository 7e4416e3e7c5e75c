// Number text of the timeline: axis values and full instruction counts.

/** A count with thousands separators: 1,234,567. */
export function full(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * Text of axis values `splits` (evenly spaced): in M, k or units after the largest, with as many
 * decimals as the spacing needs, so neighbouring ticks never read the same (3.12M, 3.14M).
 */
export function axisValues(splits: readonly number[]): string[] {
  const largest = Math.max(...splits.map(Math.abs), 0);
  const unit = largest >= 1e6 ? 1e6 : largest >= 1e3 ? 1e3 : 1;
  const suffix = unit === 1e6 ? 'M' : unit === 1e3 ? 'k' : '';
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) / unit : 1;
  const decimals = step > 0 ? Math.min(6, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9))) : 0;
  return splits.map((v) => `${(v / unit).toFixed(decimals)}${suffix}`);
}
