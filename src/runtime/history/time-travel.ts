// Reverse execution over checkpoints and exact replay. Going back to a point restores the newest
// checkpoint before it and runs forward to it; finding a point ("the last breakpoint hit before
// now", "the previous statement") replays the stretch before now once, observing, then travels to
// the last match. Replays stop nowhere but where they are asked to: breakpoints, watches and VM
// filters report to an observer, hit counts and logpoints are left alone, output is not repeated.
// Every operation is Work: it yields after each stretch of replay, so the runtime can let the
// rest of the host (requests, other events) run between stretches.
import type { Process } from '../../kernel/userprog/process';
import type { StopInfo } from '../contract';
import type { KernelEventWatcher } from '../kernel-event-watcher';
import type { KernelDriver, ReplayObserver } from '../kernel-driver';
import type { BootedMachine } from '../machine-boot';
import type { CheckpointList } from './checkpoint-list';
import type { MachineCheckpoint } from './machine-checkpoint';
import { comparePositions, type StopPosition, type TravelTarget } from './positions';

/** Time-travel work: yields (nothing) between stretches of replay, returns its result at the end. */
export type Work<T> = Generator<void, T, undefined>;

/** What time travel works with. */
export interface TravelContext {
  booted: BootedMachine;
  driver: KernelDriver;
  watcher: KernelEventWatcher;
  checkpoints: CheckpointList;
  /** the stop a user breakpoint at `addr` makes for `p` now (its condition holds), or undefined */
  breakpointStop(p: Process, addr: number): StopInfo | undefined;
  /** adds (true) or removes a breakpoint of the replay's own at `addr` */
  mark(addr: number, on: boolean): void;
}

/** A point found while observing a replay, with the stop it stands for. */
export interface Found {
  position: StopPosition;
  stop: StopInfo;
  /** where the process was (for the stepping rules), when recorded */
  spot?: { pc: number; cfa: number | undefined };
}

/** What a replay observes: breakpoints (user and marks), watches, VM-filter events. */
export interface Observer {
  breakpoint?(p: Process, addr: number, position: StopPosition): void;
  dataHit?(stop: StopInfo, position: StopPosition): void;
  event?(stop: StopInfo, position: StopPosition): void;
}

/** Travels in one machine's history. */
export class TimeTravel {
  constructor(private readonly ctx: TravelContext) {}

  /**
   * Brings the machine to `target` (restore, then replay); returns the stop the kernel event made
   * there for an event target. Throws when no checkpoint precedes it.
   */
  *goTo(target: TravelTarget): Work<StopInfo | undefined> {
    const cp = this.ctx.checkpoints.latestAtOrBefore(target.kind === 'event' ? { retired: target.retired, seq: target.seq - 1 } : target);
    if (!cp) throw new Error('internal error: no checkpoint before the travel target');
    this.ctx.checkpoints.restore(cp);
    return yield* this.replay(target, {});
  }

  /**
   * Replays the stretch before `now`, starting at the newest checkpoint before it and going further
   * back one checkpoint at a time, until `pick` returns a match among what that stretch showed;
   * the machine is left somewhere in the past (travel to the match next). Undefined when the whole
   * history has no match.
   */
  *searchBack(now: StopPosition, observe: (found: Found[]) => Observer, pick: (found: Found[]) => Found | undefined): Work<Found | undefined> {
    return yield* this.searchBackMarked(now, [], observe, pick);
  }

  /**
   * Like searchBack, with breakpoints of the replay's own at `marks`. When there are marks, they are
   * installed only for a window of the stretch just before its end (4,000 instructions, then eight
   * times more, up to the whole stretch): finding "the previous line" stays cheap after long loops.
   * Only the newest stretch is searched in windows; earlier ones are replayed whole.
   */
  *searchBackMarked(now: StopPosition, marks: readonly number[], observe: (found: Found[]) => Observer, pick: (found: Found[]) => Found | undefined): Work<Found | undefined> {
    let end: { retired: number; seq: number; atEvent: boolean } = now;
    let cp: MachineCheckpoint | undefined = this.ctx.checkpoints.latestAtOrBefore({ retired: now.retired, seq: now.atEvent ? now.seq - 1 : now.seq });
    // the growing windows only help in the stretch just before now (the previous line is usually
    // near); once a whole stretch had no match, each earlier one is replayed whole, once
    let first = true;
    while (cp) {
      const stretchEnd = end;
      for (let window = first ? 4_000 : Number.POSITIVE_INFINITY; ; window *= 8) {
        const from = marks.length === 0 ? cp.retired : Math.max(cp.retired, stretchEnd.retired - window);
        this.ctx.checkpoints.restore(cp);
        yield* this.replayUntil({ retired: from, seq: 0, atEvent: false }, {});
        const found: Found[] = [];
        for (const a of marks) this.ctx.mark(a, true);
        try {
          yield* this.replayUntil(stretchEnd, observe(found));
        } finally {
          for (const a of marks) this.ctx.mark(a, false);
        }
        const match = pick(found.filter((f) => comparePositions(f.position, stretchEnd) < 0));
        if (match) return match;
        if (from === cp.retired) break;
      }
      end = { retired: cp.retired, seq: cp.seq, atEvent: false };
      cp = this.ctx.checkpoints.before(cp);
      first = false;
    }
    return undefined;
  }

  /** The position of the machine now, for process `p` (between instructions). */
  positionOf(p: Process | undefined, atEvent = false): StopPosition {
    const { kernel, machine } = this.ctx.booted;
    return { retired: machine.retired, seq: kernel.events.count, pid: p?.pid ?? 0, userInstructions: p?.userInstructions ?? 0, atEvent };
  }

  /** Runs forward (replaying) to `target`, reporting to `observer`; the stop made at an event target. */
  private *replay(target: TravelTarget, observer: Observer): Work<StopInfo | undefined> {
    const watcher = this.ctx.watcher;
    watcher.replaying = { stopAt: target.kind === 'event' ? target.seq : undefined, record: this.eventRecorder(observer) };
    try {
      const until = target.kind === 'instruction' ? { pid: target.pid, userInstructions: target.userInstructions } : undefined;
      for (;;) {
        const outcome = this.ctx.driver.run(this.ctx.checkpoints.untilNext(), { until, replay: this.machineObserver(observer) });
        if (outcome.kind === 'budget') {
          this.ctx.checkpoints.takeIfDue();
          yield;
          continue;
        }
        if (outcome.kind === 'stop') return outcome.stop;
        if (outcome.kind === 'reached' || outcome.kind === 'finished') return undefined;
      }
    } finally {
      watcher.replaying = undefined;
    }
  }

  /** Runs forward (replaying) until the machine reaches `end` (instructions retired, or its event). */
  private *replayUntil(end: { retired: number; seq: number; atEvent: boolean }, observer: Observer): Work<void> {
    const { machine, kernel } = this.ctx.booted;
    const watcher = this.ctx.watcher;
    watcher.replaying = { record: this.eventRecorder(observer) };
    try {
      while (machine.retired < end.retired || (end.atEvent && kernel.events.count < end.seq)) {
        const left = Math.max(1, end.retired - machine.retired);
        const outcome = this.ctx.driver.run(Math.min(left, this.ctx.checkpoints.untilNext()), { replay: this.machineObserver(observer) });
        if (outcome.kind === 'budget') this.ctx.checkpoints.takeIfDue();
        else if (outcome.kind === 'finished') return;
        else if (outcome.kind === 'stop') throw new Error(`replay stopped unexpectedly: ${outcome.stop.description}`);
        if (end.atEvent && machine.retired >= end.retired) return;
        yield;
      }
    } finally {
      watcher.replaying = undefined;
    }
  }

  private eventRecorder(observer: Observer): ((e: { seq: number; icount: number }, stop: StopInfo) => void) | undefined {
    if (!observer.event) return undefined;
    return (e, stop) => {
      const p = this.ctx.booted.kernel.processes.processes.get(stop.pid);
      observer.event?.(stop, { retired: e.icount, seq: e.seq, pid: stop.pid, userInstructions: p?.userInstructions ?? 0, atEvent: true });
    };
  }

  private machineObserver(observer: Observer): ReplayObserver {
    return {
      breakpoint: (p, addr) => observer.breakpoint?.(p, addr, this.positionOf(p)),
      dataHit: (p, stop) => observer.dataHit?.(stop, this.positionOf(p ?? this.ctx.booted.kernel.processes.processes.get(stop.pid))),
    };
  }
}
