// Keyboard zoom and pan of a focused chart.
import type { XRange } from './x-range';

/** + and − zoom, ← and → pan, 0 or Home shows everything; other keys are left alone. */
export function zoomKeys(k: KeyboardEvent, range: XRange): void {
  const act: Record<string, () => void> = {
    '+': () => range.zoomBy(0.8),
    '=': () => range.zoomBy(0.8),
    '-': () => range.zoomBy(1.25),
    ArrowLeft: () => range.panBy(-0.1),
    ArrowRight: () => range.panBy(0.1),
    '0': () => range.reset(),
    Home: () => range.reset(),
  };
  const f = act[k.key];
  if (f === undefined) return;
  k.preventDefault();
  f();
}
