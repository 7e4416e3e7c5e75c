// A bounded timeline of VM counters for the statistics chart: one sample at least every
// SAMPLE_INSTRUCTIONS retired instructions (taken when an event or a stop comes along), halving
// its resolution when it is full.
import type { VirtualMemory } from '../kernel/vm/virtual-memory';
import type { TimelineSample } from '../shared/vm-views';

/** Retired instructions between samples. */
const SAMPLE_INSTRUCTIONS = 100_000;
/** Samples kept at most. */
const MAX_SAMPLES = 512;

/** Samples of fault, eviction and swap counters over retired instructions. */
export class StatsTimeline {
  private readonly samples: TimelineSample[] = [];
  private spacing = SAMPLE_INSTRUCTIONS;
  private lastIcount = -Infinity;

  constructor(private readonly vm: VirtualMemory) {}

  /** Takes a sample at `icount` when enough instructions have retired since the last one (or when `force`). */
  observe(icount: number, force = false): void {
    if (!force && icount - this.lastIcount < this.spacing) return;
    if (this.samples.length > 0 && this.samples[this.samples.length - 1].icount === icount) return;
    this.lastIcount = icount;
    const stats = this.vm.stats();
    const resident: Record<number, number> = {};
    for (const s of stats.perPid) if (s.resident > 0) resident[s.pid] = s.resident;
    this.samples.push({
      icount,
      faults: { ...stats.total.faults },
      evictions: stats.total.pagesEvicted,
      swapIns: stats.total.swapIns,
      swapOuts: stats.total.swapOuts,
      resident,
    });
    if (this.samples.length > MAX_SAMPLES) this.thin();
  }

  /** A copy of the samples and sampling state (history: saved at a checkpoint). */
  saveHistory(): unknown {
    return { samples: this.samples.map((s) => ({ ...s })), spacing: this.spacing, lastIcount: this.lastIcount };
  }

  /** Puts back what saveHistory returned. */
  restoreHistory(saved: unknown): void {
    const s = saved as { samples: TimelineSample[]; spacing: number; lastIcount: number };
    this.samples.length = 0;
    this.samples.push(...s.samples.map((x) => ({ ...x })));
    this.spacing = s.spacing;
    this.lastIcount = s.lastIcount;
  }

  /** The samples, oldest first. */
  timeline(): TimelineSample[] {
    return [...this.samples];
  }

  /** Drops every other sample and doubles the spacing. */
  private thin(): void {
    const kept = this.samples.filter((_, i) => i % 2 === 0 || i === this.samples.length - 1);
    this.samples.length = 0;
    this.samples.push(...kept);
    this.spacing *= 2;
  }
}
