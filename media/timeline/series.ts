// The timeline's data shaped for the charts: counts as columns over the sampled instruction
// counts (uPlot's aligned arrays), and the events grouped into one row per kind.
import type { ProcessView, StatsView, VmEventView } from '../../src/shared/vm-views';
import { ownerName } from '../common/owners';

/** Named count columns over shared x values (retired instructions), x ascending. */
export interface CountColumns {
  x: number[];
  names: string[];
  columns: number[][];
}

/** Faults per kind seen (kinds that stayed zero are left out), then evictions, swap-ins, swap-outs. */
export function activityColumns(stats: StatsView): CountColumns {
  const t = stats.timeline;
  const kinds = [...new Set(t.flatMap((s) => Object.keys(s.faults)))].filter((k) => t.some((s) => (s.faults[k] ?? 0) > 0));
  return {
    x: t.map((s) => s.icount),
    names: [...kinds.map((k) => `${k} faults`), 'evictions', 'swap-ins', 'swap-outs'],
    columns: [...kinds.map((k) => t.map((s) => s.faults[k] ?? 0)), t.map((s) => s.evictions), t.map((s) => s.swapIns), t.map((s) => s.swapOuts)],
  };
}

/** Resident pages of each process seen, by pid. */
export function residentColumns(stats: StatsView, processes: readonly ProcessView[]): CountColumns {
  const t = stats.timeline;
  const pids = [...new Set(t.flatMap((s) => Object.keys(s.resident).map(Number)))].sort((a, b) => a - b);
  return { x: t.map((s) => s.icount), names: pids.map((pid) => ownerName(pid, processes)), columns: pids.map((pid) => t.map((s) => s.resident[pid] ?? 0)) };
}

/** The kinds present in `events`, in the order they first occur: one chart row each. */
export function eventKinds(events: readonly VmEventView[]): string[] {
  return [...new Set(events.map((e) => e.kind))];
}

/** The smallest and largest x of the samples and events together (a range at least 1 wide). */
export function fullRange(x: readonly number[], events: readonly VmEventView[], retired: number): { min: number; max: number } {
  const all = [...x, ...events.map((e) => e.icount), retired];
  const min = Math.min(...all);
  return { min, max: Math.max(...all, min + 1) };
}
