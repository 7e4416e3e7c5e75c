// The runtime's reverse execution: keeps the checkpoints and the position of every stop, and runs
// the reverse commands (step back, reverse continue, reverse step out, travel to an event). The
// runtime reports the stop each command returns exactly as it reports a forward stop. Commands are
// Work (time-travel.ts): the runtime drives them in slices.
import type { Process } from '../../kernel/userprog/process';
import type { StopInfo } from '../contract';
import type { KernelEventWatcher } from '../kernel-event-watcher';
import type { KernelDriver } from '../kernel-driver';
import type { BootedMachine } from '../machine-boot';
import type { ProgramRegistry } from '../program-registry';
import type { StackFrames } from '../stack-frames';
import { CheckpointList, type HistoryStats } from './checkpoint-list';
import type { HistoryParticipant } from './machine-checkpoint';
import type { StopPosition } from './positions';
import { reverseContinue, reverseStepOut, stepBackInstruction, stepBackLine, type ReverseContext } from './reverse-commands';
import { TimeTravel, type Work } from './time-travel';

/** What the rewinder needs of the runtime. */
export interface RewinderHost {
  booted: BootedMachine;
  driver: KernelDriver;
  watcher: KernelEventWatcher;
  registry: ProgramRegistry;
  frames: StackFrames;
  participants: HistoryParticipant[];
  budgetBytes: number;
  /** adds (true) or removes a breakpoint address of the rewinder's own */
  mark(addr: number, on: boolean): void;
}

/** Reverse execution of one runtime. */
export class Rewinder {
  readonly checkpoints: CheckpointList;
  private readonly travel: TimeTravel;
  private readonly ctx: ReverseContext;
  /** where the machine stands at the current stop */
  private position: StopPosition | undefined;

  constructor(private readonly host: RewinderHost) {
    this.checkpoints = new CheckpointList(host.booted, host.participants, host.budgetBytes);
    const base = {
      booted: host.booted,
      driver: host.driver,
      watcher: host.watcher,
      checkpoints: this.checkpoints,
      breakpointStop: (p: Process, addr: number) => host.driver.wouldStop(p, addr),
      mark: host.mark,
    };
    this.travel = new TimeTravel(base);
    this.ctx = {
      ...base,
      travel: this.travel,
      debugInfo: (pid) => host.registry.debugInfoOfPid(pid),
      stackPcs: (p) => host.frames.pcs(p),
      spot: (p) => {
        const top = host.frames.topContext(p);
        return { pc: top.pc, cfa: top.cfa === undefined ? undefined : Number(top.cfa) };
      },
      process: (pid) => {
        const p = host.booted.kernel.processes.processes.get(pid);
        return p && p.state !== 'exited' ? p : undefined;
      },
    };
  }

  /** Takes the first checkpoint (call once, after boot, before the first instruction). */
  start(): void {
    this.checkpoints.takeIfDue();
  }

  /** Records where the machine stands at a stop (`atEvent`: the stop is at the kernel event just emitted). */
  stoppedAt(pid: number, atEvent: boolean): void {
    const { kernel, machine } = this.host.booted;
    const p = kernel.processes.processes.get(pid);
    this.position = { retired: machine.retired, seq: kernel.events.count, pid, userInstructions: p?.userInstructions ?? 0, atEvent };
  }

  /** Steps process `pid` back one instruction or one line. */
  *stepBack(pid: number, byInstruction: boolean): Work<StopInfo> {
    const now = this.now();
    return (yield* byInstruction ? stepBackInstruction(this.ctx, now, pid) : stepBackLine(this.ctx, now, pid)) ?? this.atStart();
  }

  /** Runs backwards to the last stop a forward run would have made. */
  *reverseContinue(): Work<StopInfo> {
    return (yield* reverseContinue(this.ctx, this.now())) ?? this.atStart();
  }

  /** Runs backwards to the call of the current function of `pid`. */
  *reverseStepOut(pid: number): Work<StopInfo> {
    return (yield* reverseStepOut(this.ctx, this.now(), pid)) ?? this.atStart();
  }

  /** Travels to the moment kernel event `seq` was emitted (backwards or forwards). */
  *toEvent(seq: number, icount: number): Work<StopInfo | undefined> {
    if (seq < 1 || seq > this.host.booted.kernel.events.count) return undefined;
    return yield* this.travel.goTo({ kind: 'event', seq, retired: icount });
  }

  /** What the history holds. */
  stats(): HistoryStats {
    return this.checkpoints.stats();
  }

  private now(): StopPosition {
    if (!this.position) throw new Error('internal error: no stop position recorded');
    return this.position;
  }

  /** Puts the machine at the start of the history (the first checkpoint) and says so. */
  private atStart(): StopInfo {
    const first = this.checkpoints.latestAtOrBefore({ retired: 0, seq: Number.MAX_SAFE_INTEGER });
    if (first) this.checkpoints.restore(first);
    const pid = this.host.booted.kernel.processes.initialPid;
    return { reason: 'entry', pid, description: 'At the start of the recorded history' };
  }
}
