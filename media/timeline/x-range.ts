// The shown stretch of retired instructions, shared by every chart of the panel: all of it, or a
// zoomed window that zoom and pan move inside the full range. Charts listen and follow.

export interface Range {
  min: number;
  max: number;
}

/** Narrowest window zoom goes to, in instructions. */
const MIN_SPAN = 16;

/** The x range of the panel's charts. */
export class XRange {
  private full: Range = { min: 0, max: 1 };
  private zoom: Range | undefined;
  private readonly listeners: ((r: Range) => void)[] = [];

  /** The range shown now. */
  get shown(): Range {
    return this.zoom ?? this.full;
  }

  /** True while a window narrower than the full range is shown. */
  get zoomed(): boolean {
    return this.zoom !== undefined;
  }

  /** Calls `listener` with the shown range whenever it changes; returns a function that stops it. */
  listen(listener: (r: Range) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Sets the full range (new data); a zoomed window is kept, clamped inside it. */
  setFull(full: Range): void {
    const before = this.shown;
    this.full = { min: full.min, max: Math.max(full.max, full.min + 1) };
    this.apply(this.zoom, before);
  }

  /** Shows [min, max] (clamped to the full range; the whole range un-zooms). */
  show(min: number, max: number): void {
    this.apply({ min, max });
  }

  /** Zooms by `factor` (< 1 in, > 1 out) around `at` (an x value; the middle by default). */
  zoomBy(factor: number, at?: number): void {
    const { min, max } = this.shown;
    const centre = at ?? (min + max) / 2;
    const span = Math.max(MIN_SPAN, (max - min) * factor);
    const left = (centre - min) / (max - min);
    this.apply({ min: centre - span * left, max: centre - span * left + span });
  }

  /** Moves the window by `fraction` of its width (negative: towards earlier instructions). */
  panBy(fraction: number): void {
    const { min, max } = this.shown;
    const d = (max - min) * fraction;
    this.apply({ min: min + d, max: max + d });
  }

  /** Shows the full range again. */
  reset(): void {
    this.apply(undefined);
  }

  private apply(want: Range | undefined, before = this.shown): void {
    this.zoom = want === undefined ? undefined : clamp(want, this.full);
    const now = this.shown;
    if (now.min !== before.min || now.max !== before.max) for (const l of this.listeners) l(now);
  }
}

/** `r` moved (and if need be shrunk) to lie inside `full`; undefined when it covers all of it. */
function clamp(r: Range, full: Range): Range | undefined {
  const span = Math.min(Math.max(r.max - r.min, Math.min(MIN_SPAN, full.max - full.min)), full.max - full.min);
  let min = Math.max(full.min, Math.min(r.min, full.max - span));
  if (!Number.isFinite(min)) min = full.min;
  if (span >= full.max - full.min) return undefined;
  return { min, max: min + span };
}
