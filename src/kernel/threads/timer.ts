// Guest time. The machine has no wall clock: timer ticks derive from work done. A tick is
// TICK_WORK units of work; a retired user instruction is one unit, and kernel work (system
// calls, page faults, disk sectors moved) is charged in units too, so kernel-heavy runs take
// more ticks, as on real Pintos. Pintos' timer runs at 100 ticks per second of guest time.

/** Work units per timer tick. */
export const TICK_WORK = 10_000;
/** Timer ticks per guest second (Pintos' TIMER_FREQ). */
export const TIMER_FREQ = 100;
/** Ticks a process runs before it is preempted (Pintos' TIME_SLICE). */
export const TIME_SLICE = 4;

/** Work charged for kernel activity, in instruction-equivalents. */
export const KERNEL_COST = {
  boot: 30 * TICK_WORK,
  syscall: 300,
  pageFault: 1_500,
  sector: 400,
  processCreate: 20_000,
} as const;

/** Accumulates user and kernel work and converts it to the transcript's tick counts. */
export class GuestTimer {
  userWork = 0;
  kernelWork = 0;

  /** Total ticks so far. */
  get ticks(): number {
    return Math.floor((this.userWork + this.kernelWork) / TICK_WORK);
  }

  /** Ticks spent running user code. */
  get userTicks(): number {
    return Math.floor(this.userWork / TICK_WORK);
  }

  /** Ticks spent in the kernel (the rest of the ticks; the machine is never idle while a process is ready). */
  get kernelTicks(): number {
    return this.ticks - this.userTicks;
  }

  /** Guest seconds elapsed. */
  get seconds(): number {
    return this.ticks / TIMER_FREQ;
  }
}
