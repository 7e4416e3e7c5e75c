// Number text of the timeline: short axis values and full instruction counts.

/** Short number text: 1.2M, 35k, 12. */
export function short(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${(n / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(a >= 1e4 ? 0 : 1)}k`;
  return String(Math.round(n * 100) / 100);
}

/** A count with thousands separators: 1,234,567. */
export function full(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
