// The runtime's listener on the kernel's event stream: keeps the process → program map and the
// record of exited processes, feeds the statistics timeline and the trace file, and asks the
// kernel to stop when a VM exception filter matches (or when the stepping process exits).
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import type { Kernel } from '../kernel/kernel';
import type { KernelEvent } from '../kernel/events';
import { UserFacingError, type StopInfo } from './contract';
import { eventAddress, eventException, type ExceptionDetails } from './exception-details';
import { programOfCommandLine, type ProgramRegistry } from './program-registry';
import type { StatsTimeline } from './stats-timeline';
import type { ExitedProcess } from './vm-view-builder';
import { describeEvent, type VmEventFilters } from './vm-event-filters';
import type { VmFilterId } from '../shared/custom-requests';

/** The stop at the end of the program: the initial process's exit `e`. */
function endStop(e: Extract<KernelEvent, { kind: 'exit' }>): StopInfo {
  return { reason: 'end', pid: e.pid, description: `Program ended: exit(${e.status})`, text: 'Program ended' };
}

/** What a replay wants from the event stream. */
export interface ReplayWatch {
  /** stop at the event with this seq */
  stopAt?: number;
  /** every event a VM filter (or the end) would stop on, with the stop it would make */
  record?(e: KernelEvent, stop: StopInfo): void;
}

/** What the watcher tells the rest of the runtime. */
export interface WatcherHooks {
  /** process `pid` now runs `program` (start or exec): place breakpoints there */
  programStarted(pid: number, program: string): void;
  /** a message of the debugger for the console */
  message(text: string): void;
}

/** Listens to the kernel's events for one run. */
export class KernelEventWatcher {
  /** processes that exited, by pid */
  readonly exited = new Map<number, ExitedProcess>();
  /** stops are only requested while the runtime drives the kernel */
  armed = false;
  /** the process being stepped: its exit ends the drive */
  stepPid: number | undefined;
  /** stop at the initial process's exit ("Program ended"), with everything it owned still in place */
  stopAtEnd = false;
  /** the pid that made the halt system call, if one did */
  haltPid: number | undefined;
  /** set while the runtime replays history: no stop but the one asked for */
  replaying: ReplayWatch | undefined;
  /** the last event written to the trace (a replay writes nothing twice) */
  private tracedSeq = 0;
  private pending: StopInfo | 'yield' | undefined;
  private pendingException: { pid: number; details: ExceptionDetails } | undefined;
  private trace: number | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly registry: ProgramRegistry,
    private readonly filters: VmEventFilters,
    private readonly timeline: StatsTimeline,
    private readonly hooks: WatcherHooks,
  ) {
    kernel.events.listen((e) => this.onEvent(e));
  }

  /** A copy of what the watcher derived from the events so far (history: saved at a checkpoint). */
  saveHistory(): unknown {
    return { exited: new Map([...this.exited].map(([pid, e]) => [pid, { ...e }])), haltPid: this.haltPid };
  }

  /** Puts back what saveHistory returned; a stop asked for before is forgotten. */
  restoreHistory(saved: unknown): void {
    const s = saved as { exited: Map<number, ExitedProcess>; haltPid: number | undefined };
    this.exited.clear();
    for (const [pid, e] of s.exited) this.exited.set(pid, { ...e });
    this.haltPid = s.haltPid;
    this.pending = undefined;
    this.pendingException = undefined;
  }

  /**
   * Starts writing every event (those already emitted first) to `file` as JSON lines. A symbolic
   * link at `file` is refused (never followed), whatever was checked before.
   */
  openTrace(file: string): void {
    try {
      this.trace = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
    } catch (e) {
      throw new UserFacingError(`trace: cannot write ${file} (${e instanceof Error ? e.message : String(e)})`, 'trace');
    }
    for (const e of this.kernel.events.recent()) this.write(e);
  }

  /** Stops writing the trace. */
  closeTrace(): void {
    if (this.trace !== undefined) closeSync(this.trace);
    this.trace = undefined;
  }

  /** Records what events before the watcher existed said (the initial process start). */
  replay(): void {
    for (const e of this.kernel.events.recent()) this.track(e);
  }

  /** The stop an event asked for, once; with the exception details it carries. */
  take(): { stop: StopInfo | 'yield' | undefined; exception?: { pid: number; details: ExceptionDetails } } {
    const out = { stop: this.pending, exception: this.pendingException };
    this.pending = undefined;
    this.pendingException = undefined;
    return out;
  }

  private onEvent(e: KernelEvent): boolean {
    if (this.trace !== undefined && e.seq > this.tracedSeq) this.write(e);
    this.track(e);
    this.timeline.observe(e.icount);
    if (e.kind === 'syscall' && e.name === 'halt') this.haltPid = e.pid;
    if (this.replaying) return this.onReplayedEvent(e, this.replaying);
    if (this.isEnd(e) && this.stopAtEnd && this.armed && this.pending === undefined) {
      this.pending = endStop(e);
      return true;
    }
    if (!this.filters.empty) {
      const match = this.filters.match(e, (m) => this.hooks.message(`${m}\n`));
      if (match && this.armed && this.pending === undefined) {
        this.setExceptionStop(e, match);
        return true;
      }
    }
    if (e.kind === 'exit' && e.pid === this.stepPid && this.armed && this.pending === undefined) {
      this.pending = 'yield';
      return true;
    }
    return false;
  }

  /** While replaying: matching events are reported to `replay.record`; the event `replay.stopAt` stops, as it did when it first happened. */
  private onReplayedEvent(e: KernelEvent, replay: ReplayWatch): boolean {
    const match = this.filters.empty ? undefined : this.filters.match(e, () => undefined);
    if (match) replay.record?.(e, { reason: 'exception', pid: this.stopPid(e), description: describeEvent(e, match.id), text: match.label });
    else if (this.isEnd(e) && this.stopAtEnd) replay.record?.(e, endStop(e));
    if (e.seq !== replay.stopAt) return false;
    if (match) this.setExceptionStop(e, match);
    else if (this.isEnd(e)) this.pending = endStop(e);
    else this.pending = { reason: 'step', pid: this.stopPid(e), description: `Travelled to event #${e.seq} (${e.kind})` };
    return true;
  }

  /** The exit of the initial process: the end of the program. */
  private isEnd(e: KernelEvent): e is Extract<KernelEvent, { kind: 'exit' }> {
    return e.kind === 'exit' && e.pid === this.kernel.processes.initialPid;
  }

  /** The process a stop at `e` selects: the one on the CPU, else the event's. */
  private stopPid(e: KernelEvent): number {
    const current = this.kernel.processes.current;
    return current && current.state !== 'exited' ? current.pid : e.pid;
  }

  /** Sets the stop (and exception details) of a filter match on `e`. */
  private setExceptionStop(e: KernelEvent, match: { id: VmFilterId; label: string }): void {
    const pid = this.stopPid(e);
    const description = describeEvent(e, match.id);
    const addr = eventAddress(e);
    const owner = this.kernel.processes.processes.get(e.kind === 'eviction' ? e.victimPid : e.pid);
    const spt = owner && addr !== undefined && owner.state !== 'exited' ? this.kernel.vm.inspectSptEntry(owner.space, addr) : undefined;
    this.pending = { reason: 'exception', pid, description, text: match.label };
    this.pendingException = { pid, details: eventException(e, match.id, match.label, description, spt) };
  }

  private track(e: KernelEvent): void {
    if (e.kind === 'process-start') this.started(e.pid, programOfCommandLine(e.cmdline));
    else if (e.kind === 'exec' && e.ok) this.started(e.pid, programOfCommandLine(e.cmdline));
    else if (e.kind === 'exit') {
      const p = this.kernel.processes.processes.get(e.pid);
      this.exited.set(e.pid, { pid: e.pid, name: e.name, parentPid: p?.parentPid ?? 0, exitStatus: e.status, program: this.registry.programOf(e.pid) ?? '' });
    }
  }

  private started(pid: number, program: string): void {
    if (this.registry.programOf(pid) === program) return;
    this.registry.setProgram(pid, program);
    this.hooks.programStarted(pid, program);
  }

  private write(e: KernelEvent): void {
    if (this.trace === undefined) return;
    writeSync(this.trace, `${JSON.stringify(e)}\n`);
    this.tracedSeq = Math.max(this.tracedSeq, e.seq);
  }
}
