// Runs the kernel for an instruction budget and decides what each debug stop means: a user
// breakpoint that stops (condition and hit count met), a logpoint that prints and goes on, a
// breakpoint of another program that is passed over, a data-breakpoint hit, a VM-event stop, or
// the stepper's own target.
import type { Machine } from '../emu/machine';
import type { StopReason } from '../emu/stop-reason';
import type { Kernel } from '../kernel/kernel';
import type { Process } from '../kernel/userprog/process';
import type { CodeBreakpoint, CodeBreakpoints } from './code-breakpoints';
import type { FrameContext, StopInfo, StopReasonName } from './contract';
import type { DataBreakpoints } from './data-breakpoints';
import type { InspectorServices } from './inspector-host';
import type { ProgramRegistry } from './program-registry';
import type { StackFrames } from './stack-frames';

/** How a drive ended. */
export type DriveOutcome =
  | { kind: 'budget' }
  | { kind: 'finished' }
  | { kind: 'stop'; stop: StopInfo }
  /** the `target` predicate accepted a breakpoint at `addr` */
  | { kind: 'target'; addr: number }
  /** the `until` position was reached */
  | { kind: 'reached' };

/** What a replay (running again through history) reports instead of stopping. */
export interface ReplayObserver {
  /** `p` met a breakpoint at `addr` (a user breakpoint or one of the replay's own); never stops */
  breakpoint?(p: Process, addr: number): void;
  /** a data breakpoint was hit, described as its stop would be */
  dataHit?(p: Process | undefined, stop: StopInfo): void;
}

/** Options of one drive. */
export interface DriveOptions {
  /** a breakpoint at this pc of this process, met before any instruction retires, does not stop (the machine resumes from there) */
  passOver?: { pid: number; pc: number };
  /** the stepper's breakpoints: true when a hit at `addr` in `p` is the one it waits for */
  target?: (addr: number, p: Process | undefined) => boolean;
  /** stop ('reached') when this process has retired this many instructions and is about to run its next */
  until?: { pid: number; userInstructions: number };
  /** replaying: breakpoints and watches report to the observer and never stop; hit counts and logpoints are untouched */
  replay?: ReplayObserver;
  /**
   * end the drive ('budget') at the first kernel event once the guest clock has advanced this many
   * ticks, so that kernel work with few user instructions between (a fork storm, a loop of system
   * calls) cannot hold the host for long; the work in progress waits in its process (steps.ts)
   */
  maxTicks?: number;
  /**
   * a history checkpoint falling due ends the drive ('budget') instead of being taken in it: the
   * caller takes it with takeDueCheckpoint at the start of its next slice, after a pending pause
   * was answered (so a pause never waits for a checkpoint that came due before it)
   */
  deferCheckpoint?: boolean;
}

/** What the driver needs from the rest of the runtime. */
export interface DriverContext {
  kernel: Kernel;
  machine: Machine;
  registry: ProgramRegistry;
  codeBreakpoints: CodeBreakpoints;
  dataBreakpoints: DataBreakpoints;
  frames: StackFrames;
  services: () => InspectorServices;
  output: (text: string) => void;
  /** the stop a kernel event listener asked for (taken once): a stop, 'yield' to end the drive without one, or undefined */
  takeEventStop: () => StopInfo | 'yield' | undefined;
  /** a stop reporting an error thrown by the kernel (invariant violation or internal error) */
  errorStop: (error: unknown) => StopInfo;
  /** the history: the driver stops at its checkpoint boundaries (between instructions) to let it take one */
  history?: { untilNext(): number; takeIfDue(): void; due(): boolean };
}

const REASON_OF: Record<CodeBreakpoint['kind'], StopReasonName> = {
  source: 'breakpoint',
  function: 'function breakpoint',
  instruction: 'instruction breakpoint',
};

const hex = (n: number) => `0x${n.toString(16)}`;

/** Runs the kernel and interprets its stops. */
export class KernelDriver {
  /** the tick at which the drive in progress ends at the next kernel event (see DriveOptions.maxTicks) */
  private yieldAtTick: number | undefined;

  constructor(private readonly ctx: DriverContext) {
    ctx.kernel.events.listen(() => this.yieldDue());
  }

  /** The drive in progress has let the guest clock pass its maxTicks: end it at this kernel event. */
  private yieldDue(): boolean {
    return this.yieldAtTick !== undefined && this.ctx.kernel.timer.ticks >= this.yieldAtTick;
  }

  /** True when a history checkpoint is due (a drive with deferCheckpoint left it to the caller). */
  checkpointDue(): boolean {
    return this.ctx.history?.due() ?? false;
  }

  /** Takes the history checkpoint that is due, if any (between instructions, no kernel work held back by a stop). */
  takeDueCheckpoint(): void {
    this.ctx.history?.takeIfDue();
  }

  /** Runs at most `budget` instructions (the pass-over option is consumed by its first use). */
  run(budget: number, options: DriveOptions = {}): DriveOutcome {
    this.yieldAtTick = options.maxTicks === undefined ? undefined : this.ctx.kernel.timer.ticks + options.maxTicks;
    try {
      return this.drive(budget, options);
    } finally {
      this.yieldAtTick = undefined;
    }
  }

  private drive(budget: number, options: DriveOptions): DriveOutcome {
    const { kernel, machine } = this.ctx;
    let left = budget;
    let passOver = options.passOver;
    const startRetired = machine.retired;
    for (;;) {
      const before = machine.retired;
      let stop;
      const history = this.ctx.history;
      try {
        stop = kernel.run(history ? Math.min(left, history.untilNext()) : left, options.until);
      } catch (e) {
        return { kind: 'stop', stop: this.ctx.errorStop(e) };
      }
      left -= machine.retired - before;
      if (stop.kind === 'reached') return { kind: 'reached' };
      if (stop.kind === 'finished' || stop.kind === 'timeout') return { kind: 'finished' };
      if (stop.kind === 'budget') {
        if (options.deferCheckpoint && history?.due()) return { kind: 'budget' };
        history?.takeIfDue();
        if (left > 0) continue;
        return { kind: 'budget' };
      }
      if (stop.kind === 'event') {
        const s = this.ctx.takeEventStop();
        if (s === 'yield') return { kind: 'budget' };
        if (s) return { kind: 'stop', stop: s };
        if (this.yieldDue()) return { kind: 'budget' };
      } else {
        const reason = stop.stop as StopReason;
        const p = kernel.processes.current;
        if (options.replay) {
          this.replayStop(reason, p, options.replay);
          continue;
        }
        if (reason.kind === 'breakpoint') {
          if (passOver && machine.retired === startRetired && p?.pid === passOver.pid && reason.addr === passOver.pc) {
            passOver = undefined;
            continue;
          }
          passOver = undefined;
          if (options.target?.(reason.addr, p)) return { kind: 'target', addr: reason.addr };
          const s = p ? this.codeHit(p, reason.addr) : undefined;
          if (s) return { kind: 'stop', stop: s };
        } else if (reason.kind === 'watchpoint') {
          const s = this.dataHit(p, reason);
          if (s) return { kind: 'stop', stop: s };
        } else {
          return { kind: 'stop', stop: this.ctx.errorStop(new Error(`unexpected machine stop '${reason.kind}'`)) };
        }
      }
      if (left <= 0) return { kind: 'budget' };
    }
  }

  /**
   * The stop the user breakpoints of `p`'s program at `addr` make now, judged by their conditions
   * only: no hit is counted and logpoints neither stop nor print (for reverse execution).
   */
  wouldStop(p: Process, addr: number): StopInfo | undefined {
    const candidates = this.ctx.codeBreakpoints.at(this.ctx.registry.programOf(p.pid), addr).filter((bp) => bp.logMessage === undefined);
    if (candidates.length === 0) return undefined;
    let frame: FrameContext | undefined;
    const stopping = candidates.filter((bp) => {
      if (!bp.condition) return true;
      try {
        return this.ctx.services().evaluateCondition(bp.condition, (frame ??= this.ctx.frames.topContext(p)));
      } catch {
        return true;
      }
    });
    if (stopping.length === 0) return undefined;
    const where = this.ctx.registry.debugInfoOfPid(p.pid)?.linesForAddress(addr);
    return { reason: REASON_OF[stopping[0].kind], pid: p.pid, description: `Breakpoint at ${where ? `line ${where.line}` : hex(addr)} in pid ${p.pid}`, hitBreakpointIds: stopping.map((b) => b.id) };
  }

  /** Reports a machine stop met while replaying to `observer` (the machine then goes on). */
  private replayStop(reason: StopReason, p: Process | undefined, observer: ReplayObserver): void {
    if (reason.kind === 'breakpoint') {
      if (p) observer.breakpoint?.(p, reason.addr);
    } else if (reason.kind === 'watchpoint') {
      const hits = this.ctx.dataBreakpoints.relevant(reason.hits, p?.pid);
      const pid = p?.pid ?? this.ctx.kernel.processes.live()[0]?.pid;
      if (hits.length > 0 && pid !== undefined) {
        const texts = hits.map(({ watch, hit }) => this.ctx.dataBreakpoints.describeHit(watch, hit));
        observer.dataHit?.(p, { reason: 'data breakpoint', pid, description: texts.join('; '), hitBreakpointIds: hits.map((h) => h.watch.id) });
      }
    }
  }

  /** Evaluates the breakpoints of `p`'s program at `addr`: the stop, or undefined to go on. */
  private codeHit(p: Process, addr: number): StopInfo | undefined {
    const candidates = this.ctx.codeBreakpoints.at(this.ctx.registry.programOf(p.pid), addr);
    if (candidates.length === 0) return undefined;
    let frame: FrameContext | undefined;
    const frameOf = () => (frame ??= this.ctx.frames.topContext(p));
    const stopping: CodeBreakpoint[] = [];
    let error: string | undefined;
    for (const bp of candidates) {
      const verdict = this.passes(bp, frameOf);
      if (verdict.error !== undefined) error = verdict.error;
      if (!verdict.stop) continue;
      if (bp.logMessage !== undefined && verdict.error === undefined) {
        this.ctx.output(`${this.ctx.services().formatLogMessage(bp.logMessage, frameOf())}\n`);
        continue;
      }
      stopping.push(bp);
    }
    if (stopping.length === 0) return undefined;
    const where = this.ctx.registry.debugInfoOfPid(p.pid)?.linesForAddress(addr);
    const description = error ?? `Breakpoint at ${where ? `line ${where.line}` : hex(addr)} in pid ${p.pid}`;
    return { reason: REASON_OF[stopping[0].kind], pid: p.pid, description, hitBreakpointIds: stopping.map((b) => b.id) };
  }

  /** Condition then hit count of `bp`; a condition that cannot be evaluated stops with its error. */
  private passes(bp: { condition?: CodeBreakpoint['condition']; hitCondition?: CodeBreakpoint['hitCondition']; hits: number }, frame: () => FrameContext): { stop: boolean; error?: string } {
    if (bp.condition) {
      try {
        if (!this.ctx.services().evaluateCondition(bp.condition, frame())) return { stop: false };
      } catch (e) {
        const error = `Error in condition '${bp.condition.text}': ${e instanceof Error ? e.message : String(e)}`;
        this.ctx.output(`${error}\n`);
        return { stop: true, error };
      }
    }
    bp.hits++;
    return { stop: !bp.hitCondition || bp.hitCondition(bp.hits) };
  }

  /** Evaluates the data breakpoints a watch stop concerns. */
  private dataHit(p: Process | undefined, reason: Extract<StopReason, { kind: 'watchpoint' }>): StopInfo | undefined {
    const hits = this.ctx.dataBreakpoints.relevant(reason.hits, p?.pid);
    const pid = p?.pid ?? this.ctx.kernel.processes.live()[0]?.pid;
    if (hits.length === 0 || pid === undefined) return undefined;
    const ids: number[] = [];
    const texts: string[] = [];
    for (const { watch, hit } of hits) {
      const verdict = p ? this.passes(watch, () => this.ctx.frames.topContext(p)) : { stop: true };
      if (!verdict.stop) {
        this.ctx.dataBreakpoints.remember(watch);
        continue;
      }
      ids.push(watch.id);
      texts.push(this.ctx.dataBreakpoints.describeHit(watch, hit));
    }
    if (ids.length === 0) return undefined;
    return { reason: 'data breakpoint', pid, description: texts.join('; '), hitBreakpointIds: ids };
  }
}
