// The runtime's listener on the kernel's event stream: keeps the process → program map and the
// record of exited processes, feeds the statistics timeline and the trace file, and asks the
// kernel to stop when a VM exception filter matches (or when the stepping process exits).
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Kernel } from '../kernel/kernel';
import type { KernelEvent } from '../kernel/events';
import { UserFacingError, type StopInfo } from './contract';
import { eventAddress, eventException, type ExceptionDetails } from './exception-details';
import { programOfCommandLine, type ProgramRegistry } from './program-registry';
import type { StatsTimeline } from './stats-timeline';
import type { ExitedProcess } from './vm-view-builder';
import { describeEvent, type VmEventFilters } from './vm-event-filters';

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

  /** Starts writing every event (those already emitted first) to `file` as JSON lines. */
  openTrace(file: string): void {
    try {
      this.trace = openSync(file, 'w');
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
    if (this.trace !== undefined) this.write(e);
    this.track(e);
    this.timeline.observe(e.icount);
    if (e.kind === 'syscall' && e.name === 'halt') this.haltPid = e.pid;
    if (e.kind === 'exit' && e.pid === this.kernel.processes.initialPid && this.stopAtEnd && this.armed && this.pending === undefined) {
      this.pending = { reason: 'end', pid: e.pid, description: `Program ended: exit(${e.status})`, text: 'Program ended' };
      return true;
    }
    if (!this.filters.empty) {
      const match = this.filters.match(e, (m) => this.hooks.message(`${m}\n`));
      if (match && this.armed && this.pending === undefined) {
        const current = this.kernel.processes.current;
        const pid = current && current.state !== 'exited' ? current.pid : e.pid;
        const description = describeEvent(e, match.id);
        const addr = eventAddress(e);
        const owner = this.kernel.processes.processes.get(e.kind === 'eviction' ? e.victimPid : e.pid);
        const spt = owner && addr !== undefined && owner.state !== 'exited' ? this.kernel.vm.inspectSptEntry(owner.space, addr) : undefined;
        this.pending = { reason: 'exception', pid, description, text: match.label };
        this.pendingException = { pid, details: eventException(e, match.id, match.label, description, spt) };
        return true;
      }
    }
    if (e.kind === 'exit' && e.pid === this.stepPid && this.armed && this.pending === undefined) {
      this.pending = 'yield';
      return true;
    }
    return false;
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
    if (this.trace !== undefined) writeSync(this.trace, `${JSON.stringify(e)}\n`);
  }
}
