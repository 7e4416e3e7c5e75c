// VM statistics per process and in total: faults by resolution, evictions, swap and file I/O,
// resident pages. Plain counters, updated where the work happens.
import type { FaultResolution } from '../events';

/** Every fault resolution, in the order statistics list them. */
export const RESOLUTIONS: readonly FaultResolution[] = [
  'lazy-anon',
  'lazy-file',
  'stack-growth',
  'swap-in',
  'file-reload',
  'cow-copy',
  'cow-reuse',
  'invalid',
];

/** Counters of one process (or, in `VmStats.total`, of all). */
export interface PidStats {
  pid: number;
  faults: Record<FaultResolution, number>;
  /** frames this process needed that had to be taken from someone by eviction */
  evictionsCaused: number;
  /** pages of this process that lost their frame to an eviction */
  pagesEvicted: number;
  swapIns: number;
  swapOuts: number;
  writeBacks: number;
  resident: number;
  peakResident: number;
}

/** What `VirtualMemory.stats()` returns. */
export interface VmStats {
  policy: string;
  /** per process, by increasing pid */
  perPid: PidStats[];
  /** sums over every process; `resident` and `peakResident` count frames in use */
  total: PidStats;
}

/** Returns a zeroed record for `pid`. */
export function emptyStats(pid: number): PidStats {
  const faults = {} as Record<FaultResolution, number>;
  for (const r of RESOLUTIONS) faults[r] = 0;
  return { pid, faults, evictionsCaused: 0, pagesEvicted: 0, swapIns: 0, swapOuts: 0, writeBacks: 0, resident: 0, peakResident: 0 };
}

/** The counters of every process seen, plus the peak number of frames in use. */
export class StatsBook {
  readonly perPid = new Map<number, PidStats>();
  peakFramesInUse = 0;

  /** The record of `pid`, created on first use. */
  of(pid: number): PidStats {
    let s = this.perPid.get(pid);
    if (s === undefined) {
      s = emptyStats(pid);
      this.perPid.set(pid, s);
    }
    return s;
  }

  /** Records that `pid` has `resident` pages in frames now, and `framesInUse` frames are in use. */
  noteResident(pid: number, resident: number, framesInUse: number): void {
    const s = this.of(pid);
    s.resident = resident;
    if (resident > s.peakResident) s.peakResident = resident;
    if (framesInUse > this.peakFramesInUse) this.peakFramesInUse = framesInUse;
  }

  /** A JSON-able summary. */
  summary(policy: string, framesInUse: number): VmStats {
    const perPid = [...this.perPid.values()].sort((a, b) => a.pid - b.pid).map((s) => ({ ...s, faults: { ...s.faults } }));
    const total = emptyStats(0);
    for (const s of perPid) {
      for (const r of RESOLUTIONS) total.faults[r] += s.faults[r];
      total.evictionsCaused += s.evictionsCaused;
      total.pagesEvicted += s.pagesEvicted;
      total.swapIns += s.swapIns;
      total.swapOuts += s.swapOuts;
      total.writeBacks += s.writeBacks;
    }
    total.resident = framesInUse;
    total.peakResident = this.peakFramesInUse;
    return { policy, perPid, total };
  }
}
