// The loop that runs the machine in slices of a few tens of milliseconds on setImmediate, so that
// pause and terminate requests (and everything else the host does) get their turn between slices.
import { TICK_WORK } from '../kernel/threads/timer';
import type { StopInfo } from './contract';
import type { Work } from './history/time-travel';
import type { KernelDriver } from './kernel-driver';
import type { Stepper } from './stepper';

/** Wall-clock length a slice aims for. */
const SLICE_MS = 25;
/** Interval of vmChanged(true) notifications while running. */
const VM_TICK_MS = 250;

/**
 * What the loop runs: everything (continue), one step request, or a reverse command (travel:
 * replays of history that end in the stop they return; a pause waits for that stop, as the
 * machine is somewhere in a replay until then).
 */
export type RunMode =
  | { kind: 'continue'; passOver?: { pid: number; pc: number } }
  | { kind: 'step'; stepper: Stepper }
  | { kind: 'travel'; work: Work<StopInfo> };

/** What the loop reports. */
export interface RunLoopHooks {
  /** the machine stopped (breakpoint, step done, pause, VM event, error) */
  stopped(stop: StopInfo): void;
  /** the run completed (every process ended or halt) */
  finished(): void;
  /** a slice ended and the machine goes on; `vmTick` is true about every 250 ms */
  sliceDone(vmTick: boolean): void;
  /** the pid a pause selects */
  pausePid(): number;
  /** the stop reporting an error thrown while running a slice (a bug, reported instead of crashing the host) */
  errorStop(error: unknown): StopInfo;
}

/** Runs slices until a stop, the end of the run, or cancel. */
export class RunLoop {
  private mode: RunMode | undefined;
  private pauseRequested = false;
  private scheduled: { cancel(): void } | undefined;
  private budget = 200_000;
  /** guest instructions per second while continuing (0: as fast as the host allows) */
  private speed = 0;
  private lastVmTick = 0;
  /** the last slice ended where a history checkpoint fell due: the next one takes it first */
  private checkpointDeferred = false;

  constructor(
    private readonly driver: KernelDriver,
    private readonly hooks: RunLoopHooks,
  ) {}

  /** True while a mode runs. */
  get running(): boolean {
    return this.mode !== undefined;
  }

  /** Starts running `mode` from the next turn of the event loop. */
  start(mode: RunMode): void {
    this.mode = mode;
    this.pauseRequested = false;
    this.checkpointDeferred = false;
    this.lastVmTick = performance.now();
    this.schedule();
  }

  /**
   * Slow motion: continuing runs at most `instructionsPerSecond` guest instructions per second
   * (0: full speed), in slices of SLICE_MS, so the views refreshing in between can be watched.
   * Only the pace changes: the guest runs the same instructions and stops at the same places.
   */
  setSpeed(instructionsPerSecond: number): void {
    this.speed = instructionsPerSecond;
  }

  /** Asks for a stop with reason 'pause' at the next slice boundary. */
  pause(): void {
    if (this.mode) this.pauseRequested = true;
  }

  /** Stops running without a stop event (terminate). */
  cancel(): void {
    this.end();
  }

  private schedule(delayMs = 0): void {
    if (this.scheduled) return;
    if (delayMs > 0) {
      const timer = setTimeout(() => this.slice(), delayMs);
      this.scheduled = { cancel: () => clearTimeout(timer) };
    } else {
      const immediate = setImmediate(() => this.slice());
      this.scheduled = { cancel: () => clearImmediate(immediate) };
    }
  }

  private unschedule(): void {
    this.scheduled?.cancel();
    this.scheduled = undefined;
  }

  private end(): RunMode | undefined {
    const mode = this.mode;
    if (mode?.kind === 'step') mode.stepper.dispose();
    if (mode?.kind === 'travel') mode.work.return(undefined as never);
    this.mode = undefined;
    this.pauseRequested = false;
    this.unschedule();
    return mode;
  }

  private slice(): void {
    this.scheduled = undefined;
    const mode = this.mode;
    if (!mode) return;
    try {
      this.runSlice(mode);
    } catch (e) {
      this.end();
      this.hooks.stopped(this.hooks.errorStop(e));
    }
  }

  private runSlice(mode: RunMode): void {
    if (this.pauseRequested && mode.kind !== 'travel') {
      this.end();
      this.hooks.stopped({ reason: 'pause', pid: this.hooks.pausePid(), description: 'Paused' });
      return;
    }
    // a checkpoint that came due at the end of the last slice is taken now, after the pause check
    if (this.checkpointDeferred) this.driver.takeDueCheckpoint();
    this.checkpointDeferred = false;
    const started = performance.now();
    const outcome = mode.kind === 'continue' ? this.runContinue(mode, started) : mode.kind === 'step' ? mode.stepper.advance(started + SLICE_MS) : travel(mode.work, started + SLICE_MS);
    if (outcome.kind === 'stop') {
      this.end();
      this.hooks.stopped(outcome.stop);
      return;
    }
    if (outcome.kind === 'finished') {
      this.end();
      this.hooks.finished();
      return;
    }
    if (mode.kind === 'travel') {
      // the machine is in the middle of a replay: nothing to show until the stop
      this.schedule();
      return;
    }
    const now = performance.now();
    const tick = now - this.lastVmTick >= VM_TICK_MS;
    if (tick) this.lastVmTick = now;
    this.hooks.sliceDone(tick);
    // in slow motion the next slice starts when this one's share of wall time is over
    const paced = this.speed > 0 && mode.kind === 'continue';
    if (this.mode === mode) this.schedule(paced ? Math.max(0, started + SLICE_MS - performance.now()) : 0);
  }

  private runContinue(mode: Extract<RunMode, { kind: 'continue' }>, started: number): { kind: 'stop'; stop: StopInfo } | { kind: 'finished' } | { kind: 'continue' } {
    // in slow motion a slice runs its share of the speed; otherwise a budget adapted to SLICE_MS
    const paced = this.speed > 0;
    const budget = paced ? Math.max(1, Math.round((this.speed * SLICE_MS) / 1000)) : this.budget;
    // Kernel work counts too: the slice also ends at the first kernel event after the guest clock
    // advanced as far as its instruction budget would take it (at least a tick).
    const maxTicks = Math.max(1, Math.ceil(budget / TICK_WORK));
    const outcome = this.driver.run(budget, { passOver: mode.passOver, maxTicks, deferCheckpoint: true });
    mode.passOver = undefined;
    const elapsed = performance.now() - started;
    // a drive ended early for a checkpoint says nothing of the host's speed
    this.checkpointDeferred = outcome.kind === 'budget' && this.driver.checkpointDue();
    if (outcome.kind === 'budget' && !paced && !this.checkpointDeferred) {
      const scaled = elapsed > 0 ? (this.budget * SLICE_MS) / elapsed : this.budget * 2;
      this.budget = Math.round(Math.min(5_000_000, Math.max(10_000, Math.min(scaled, this.budget * 2))));
    }
    if (outcome.kind === 'budget' || outcome.kind === 'target' || outcome.kind === 'reached') return { kind: 'continue' };
    return outcome;
  }
}

/** Advances a reverse command until it returns its stop or `deadline` (performance.now()) passes. */
function travel(work: Work<StopInfo>, deadline: number): { kind: 'stop'; stop: StopInfo } | { kind: 'continue' } {
  for (;;) {
    const r = work.next();
    if (r.done) return { kind: 'stop', stop: r.value };
    if (performance.now() >= deadline) return { kind: 'continue' };
  }
}
