// Guest time. The machine has no wall clock: timer ticks derive from work done, counted in units
// of one retired user instruction. A tick is TICK_WORK units, the speed of Pintos under QEMU
// (about 6.5 million user instructions per 10 ms tick). Kernel work (system calls, page faults,
// process creation, every disk sector moved) is charged in the same units when it happens (see
// work-costs.ts), so the clock is right at every instant and kernel-heavy runs take the ticks
// they take on real Pintos. Like Pintos, the `Thread:` line counts a tick as "user" while a user
// process runs, including kernel work done for it; "kernel" while the kernel works for itself
// (booting); "idle" while the machine waits for a disk. A run may have a deadline (`-T`): the
// clock never passes it, and whoever charges work checks `expired` afterwards and stops.

/** Work units (retired user instructions) per timer tick. */
export const TICK_WORK = 6_500_000;
/** Timer ticks per guest second (Pintos' TIMER_FREQ). */
export const TIMER_FREQ = 100;
/** Ticks a process runs before it is preempted (Pintos' TIME_SLICE). */
export const TIME_SLICE = 4;

/** Whom a unit of work is counted for in the `Thread:` line. */
export type TickOwner = 'idle' | 'kernel' | 'user';

/**
 * The tick at which a run limited to `seconds` of guest time stops: the first tick count that is
 * at least `seconds * TIMER_FREQ`. Decimal seconds are taken at their face value (0.07 s is 7
 * ticks, not 8 because of binary rounding).
 */
export function ticksForSeconds(seconds: number): number {
  return Math.max(0, Math.ceil(Math.round(seconds * TIMER_FREQ * 1e6) / 1e6));
}

/** The guest clock: work charged so far, by owner, and the optional deadline. */
export class GuestTimer {
  private idleWork = 0;
  private kernelWork = 0;
  private userWork = 0;

  /** A clock at tick 0 that stops at `limitTicks` (no deadline when undefined). */
  constructor(readonly limitTicks?: number) {}

  /**
   * Adds `units` of work for `owner` and returns the units actually charged: all of them, or
   * fewer when the deadline comes first (the clock stops there; the work is cut off).
   */
  charge(owner: TickOwner, units: number): number {
    const charged = Math.max(0, Math.min(units, this.unitsLeft));
    if (owner === 'idle') this.idleWork += charged;
    else if (owner === 'kernel') this.kernelWork += charged;
    else this.userWork += charged;
    return charged;
  }

  /** Units that can still be charged before the deadline; Infinity without one. */
  get unitsLeft(): number {
    return this.limitTicks === undefined ? Number.POSITIVE_INFINITY : this.limitTicks * TICK_WORK - this.totalWork;
  }

  /** Units until the next tick (a whole tick's worth when the clock is exactly on one). */
  get unitsToNextTick(): number {
    return TICK_WORK - (this.totalWork % TICK_WORK);
  }

  /** True once the clock has reached its deadline. */
  get expired(): boolean {
    return this.unitsLeft <= 0;
  }

  /** Total ticks so far. */
  get ticks(): number {
    return Math.floor(this.totalWork / TICK_WORK);
  }

  /** Ticks while a user process ran (its own instructions and kernel work done for it). */
  get userTicks(): number {
    return Math.floor(this.userWork / TICK_WORK);
  }

  /** Ticks while the machine waited for a disk with nothing to run. */
  get idleTicks(): number {
    return Math.floor(this.idleWork / TICK_WORK);
  }

  /** Ticks while the kernel worked for itself: the rest, so idle + kernel + user = ticks. */
  get kernelTicks(): number {
    return this.ticks - this.userTicks - this.idleTicks;
  }

  /** Guest seconds elapsed. */
  get seconds(): number {
    return this.ticks / TIMER_FREQ;
  }

  private get totalWork(): number {
    return this.idleWork + this.kernelWork + this.userWork;
  }
}
