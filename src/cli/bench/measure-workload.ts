// Measures one workload: a warm-up run of each in-process contender, then interleaved rounds of
// all contenders; every sample is kept for the report.
import { contenders, type Contender, type ContenderContext, type Sample } from './contenders';
import { runInterleaved } from './interleave';
import type { Workload } from './workloads';

/** A contender with its samples, one per round. */
export interface Measured {
  engine: Contender['engine'];
  mode: Contender['mode'];
  samples: Sample[];
}

/** Everything measured on one workload. */
export interface WorkloadMeasurement {
  workload: Workload;
  measured: Measured[];
  /** the instructions our machine retired (the same in every run of ours: it is deterministic) */
  retired: number;
  /** false when runs of ours disagreed on the count (a determinism bug, reported as such) */
  retiredAgrees: boolean;
}

/**
 * Warms up the in-process contenders of `w` (V8 optimises the emulator on the first run) and the
 * Linux ones (the page cache), then runs all of them in `rounds` interleaved rounds.
 */
export async function measureWorkload(w: Workload, context: ContenderContext, rounds: number): Promise<WorkloadMeasurement> {
  const list = contenders(w, context);
  for (const c of list) if (c.mode === 'warm' || c.engine === 'native' || c.engine === 'qemu') c.run();
  const results = await runInterleaved(
    rounds,
    list.map((c) => () => c.run()),
  );
  const measured = list.map((c, i) => ({ engine: c.engine, mode: c.mode, samples: results[i] }));
  const counts = measured.flatMap((m) => m.samples.map((s) => s.retired)).filter((n): n is number => n !== undefined);
  return { workload: w, measured, retired: counts[0] ?? 0, retiredAgrees: counts.every((n) => n === counts[0]) };
}
