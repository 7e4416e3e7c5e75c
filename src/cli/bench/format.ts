// Number and table formatting of the benchmark printouts. Pure functions over numbers and strings.

/** Millions of instructions per second: whole numbers from 100 up (with separators), else one decimal. */
export function formatMips(mips: number): string {
  if (!Number.isFinite(mips)) return '—';
  return mips >= 100 ? Math.round(mips).toLocaleString('en-US') : mips.toFixed(1);
}

/**
 * A speed ratio ours/theirs: `2.5×` when ours is faster, `1/9.4` when theirs is (so a slower engine
 * reads as a fraction of the other). `—` for a missing or non-finite ratio.
 */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio) || ratio <= 0) return '—';
  return ratio >= 1 ? `${ratio.toFixed(1)}×` : `1/${(1 / ratio).toFixed(1)}`;
}

/** A count with thousands separators (`460,512,345`). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Milliseconds with one decimal below 100 ms and none above (`7.3 ms`, `1,234 ms`). */
export function formatMs(ms: number): string {
  return ms < 100 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/**
 * Lays out `rows` (the first one the header) as columns two spaces apart, each `indent` spaces in:
 * the first column left-aligned, the others right-aligned. Rows shorter than the header are padded
 * with empty cells.
 */
export function formatTable(rows: readonly (readonly string[])[], indent = 2): string[] {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const cell = (r: readonly string[], i: number) => r[i] ?? '';
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => cell(r, i).length)));
  return rows.map(
    (r) =>
      ' '.repeat(indent) +
      widths
        .map((w, i) => (i === 0 ? cell(r, i).padEnd(w) : cell(r, i).padStart(w)))
        .join('  ')
        .trimEnd(),
  );
}
