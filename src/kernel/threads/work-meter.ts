// Charging work to the guest clock and to the running process's time slice. As in Pintos, a
// process's slice is measured in ticks it holds the CPU: its own instructions and the kernel
// work done for it (system calls, page faults, disk transfers) count; disk waits do not (the
// CPU is idle then). Kernel work with no process running (booting) counts as kernel ticks.
// A disk wait never lets another process run meanwhile: the wait is idle time, which keeps the
// model simple at the price of a little overlap real Pintos would get.
import { TICK_WORK, TIME_SLICE, type GuestTimer } from './timer';
import type { SectorCost } from './work-costs';

/** Work units in one time slice. */
export const SLICE_WORK = TIME_SLICE * TICK_WORK;

/** The scheduler's view of guest time: charges work, tracks the running process's slice. */
export class WorkMeter {
  private sliceLeft = SLICE_WORK;

  /** A meter over `timer`; `processRunning` says whether a user process holds the CPU now. */
  constructor(
    readonly timer: GuestTimer,
    private readonly processRunning: () => boolean,
  ) {}

  /** Charges `count` instructions retired by the running process (its slice included). */
  userInstructions(count: number): void {
    this.sliceLeft -= this.timer.charge('user', count);
  }

  /** Charges kernel work on the CPU: for the running process (user ticks, its slice) or for the kernel itself. */
  busy(units: number): void {
    if (this.processRunning()) this.sliceLeft -= this.timer.charge('user', units);
    else this.timer.charge('kernel', units);
  }

  /** Charges `units` of waiting with the CPU idle. */
  idle(units: number): void {
    this.timer.charge('idle', units);
  }

  /** Charges `count` sectors moved at `cost` each: the waits idle, the transfers busy. */
  sectors(count: number, cost: SectorCost): void {
    this.idle(count * cost.wait);
    this.busy(count * cost.transfer);
  }

  /**
   * Instructions the running process may retire next, at most `max`: up to the next timer tick
   * or the end of its slice, and never past the deadline. At least 1 while the clock has not expired.
   */
  userBudget(max: number): number {
    return Math.max(1, Math.min(max, this.sliceLeft, this.timer.unitsToNextTick, this.timer.unitsLeft));
  }

  /** True once the running process has used its whole slice. */
  get sliceOver(): boolean {
    return this.sliceLeft <= 0;
  }

  /** Starts a fresh slice (a process was switched in, or the running one blocked or exited). */
  newSlice(): void {
    this.sliceLeft = SLICE_WORK;
  }
}
