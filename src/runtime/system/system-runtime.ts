// The full-system mode's debuggable machine: a Pintos build directory's own kernel booted on the
// emulated PC, debugged in its own sources. Breakpoints and stepping use kernel.o's DWARF (and the
// user programs' for user code), the thread on the CPU is found from its kernel stack, page faults
// stop before the kernel's handler runs, and the VM views are read from the kernel's structures.
import { existsSync } from 'node:fs';
import { DebugInfo } from '../../debuginfo/debug-info';
import type { GuestMemory } from '../../guestos/guest-memory';
import { StructIndex } from '../../guestos/struct-index';
import { currentGuestThread, listedGuestThreads, savedThreadRegisters, type GuestThread } from '../../guestos/thread-reader';
import type { CustomRequestArgs, CustomRequestBody, CustomRequestName } from '../../shared/custom-requests';
import type { PintosSystemLaunchArguments } from '../../shared/launch';
import { AddressBreakpoints } from '../address-breakpoints';
import { UserFacingError, type BreakpointResult, type FrameContext, type FrameInfo, type RuntimeEvents, type SourceBreakpointSpec, type StopInfo } from '../contract';
import type { DataAccessType } from '../data-breakpoints';
import type { Debuggable } from '../debuggable';
import { errorException, type ExceptionDetails } from '../exception-details';
import { createInspector, type Inspector } from '../inspector-factory';
import type { InspectorHost } from '../inspector-host';
import { SourceMap } from '../source-map';
import { SourceResolver } from '../source-resolver';
import type { StepGranularity, StepKind } from '../stepper';
import { bootBuildDirectory, readBuildFile, type BuildDirectoryPc } from './build-directory-pc';
import { PageFaultStops } from './page-fault-stops';
import { SerialForwarder } from './serial-forwarder';
import { SystemBreakpoints } from './system-breakpoints';
import { SystemFrames } from './system-frames';
import { resolveSystemLaunch, type SystemLaunchOptions } from './system-launch';
import { isKernelAddress, SystemPrograms } from './system-programs';
import { SystemStepper, type DriveOutcome, type SystemStepOutcome } from './system-stepper';
import { SystemViews } from './system-views';
import { previousLineTest, SystemHistory } from './system-history';
import { SystemDataWatch } from './system-data-watch';
import type { Work as HistoryWork } from '../history/time-travel';

/** Instructions between looks at the clock while running. */
const DRIVE_BUDGET = 50_000;
/** Wall-clock length a slice of running aims for, so requests get their turn. */
const SLICE_MS = 20;

const hex = (n: number) => `0x${n.toString(16)}`;

type Work = (deadline: number) => SystemStepOutcome;

/** One booted kernel under the debugger. */
export class SystemRuntime implements Debuggable {
  /** Validates `args` (UserFacingError naming the attribute), builds the disks and boots the PC; does not run yet. */
  static launch(args: PintosSystemLaunchArguments, events: RuntimeEvents): SystemRuntime {
    return new SystemRuntime(resolveSystemLaunch(args), events);
  }

  readonly inspector: Inspector;
  private readonly booted: BuildDirectoryPc;
  private readonly programs: SystemPrograms;
  private readonly types: StructIndex;
  private readonly mem: GuestMemory;
  private readonly addresses: AddressBreakpoints;
  private readonly breakpoints: SystemBreakpoints;
  private readonly dataWatch: SystemDataWatch;
  private readonly frames: SystemFrames;
  private readonly views: SystemViews;
  private readonly serial: SerialForwarder;
  private readonly history: SystemHistory;
  private readonly exceptions = new Map<number, ExceptionDetails>();
  private readonly seen = new Map<number, string>();
  private readonly pageFaults: PageFaultStops;
  private current: GuestThread;
  /** the threads in the kernel's lists at the last stop, the one on the CPU left out */
  private listed: (GuestThread & { list: string })[] = [];
  private work: Work | undefined;
  private stepper: SystemStepper | undefined;
  private pauseRequested = false;
  /** the pc a resume starts at: a breakpoint there is passed over (the stop was already shown) */
  private passOver: number | undefined;
  /** why the machine can never run again (a dead halt, a triple fault), once stopped for it */
  private deadEnd: string | undefined;
  private started = false;
  private ended = false;
  private nextBreakpointId = 1;

  private constructor(
    private readonly options: SystemLaunchOptions,
    private readonly events: RuntimeEvents,
  ) {
    this.serial = new SerialForwarder((text) => this.events.output(text, 'stdout'));
    const puts = options.files.map((f) => ({ name: f.guest, data: readBuildFile(f.host, 'file to put') }));
    this.booted = bootBuildDirectory(
      { dir: options.buildDir, kernelArgs: options.kernelArgs, puts, gets: [], fsDiskMB: options.fsDiskMB, swapDiskMB: options.swapDiskMB, memoryMB: options.memoryMB },
      (b) => this.serial.byte(b),
    );
    const pc = this.booted.pc;
    this.history = new SystemHistory(pc, this.booted.disks, this.serial);
    let kernelInfo: SystemPrograms;
    try {
      kernelInfo = new SystemPrograms(options.kernelElf, options.files, new SourceResolver(new SourceMap(options.sourceMap), options.cwd, existsSync));
    } catch (e) {
      throw new UserFacingError(`buildDir: cannot read the kernel's debug information in ${options.kernelElf}: ${e instanceof Error ? e.message : String(e)}`, 'buildDir');
    }
    this.programs = kernelInfo;
    this.types = new StructIndex(this.programs.kernel.info);
    this.mem = { read: (va, n) => this.frames.read(va, n) };
    this.addresses = new AddressBreakpoints(pc.machine);
    const services = () => this.inspector;
    this.breakpoints = new SystemBreakpoints(this.programs, this.addresses, services, () => this.nextBreakpointId++);
    this.dataWatch = new SystemDataWatch(pc, {
      services,
      newId: () => this.nextBreakpointId++,
      topContext: () => this.frames.topContext(this.readThread().tid),
      message: (text) => this.events.output(text, 'console'),
    });
    this.frames = new SystemFrames(pc, this.programs, () => this.current.name);
    this.views = new SystemViews(pc, this.programs.kernel.info, this.types, this.mem, () => [this.readThread(), ...this.listed], options.structureNames);
    this.current = this.readThread();
    this.inspector = createInspector(this.inspectorHost());
    this.pageFaults = new PageFaultStops(pc, this.views, this.addresses, {
      services: () => this.inspector,
      thread: () => this.readThread().tid,
      message: (text) => this.events.output(text, 'console'),
    });
  }

  get running(): boolean {
    return this.work !== undefined;
  }

  start(): void {
    if (this.started || this.ended) return;
    this.started = true;
    this.events.output(`Booting ${this.options.buildDir}/os.dsk: ${this.booted.args.join(' ')}\n`, 'console');
    this.syncThreads(true);
    this.history.take();
    if (this.options.stopOnEntry) this.onStopped({ reason: 'entry', pid: this.current.tid, description: 'Paused at the kernel entry' });
    else this.resume();
  }

  resume(): void {
    if (!this.canRun()) return;
    if (this.deadEnd !== undefined) {
      this.finish();
      return;
    }
    this.prepareToRun();
    this.run((deadline) => {
      for (;;) {
        const o = this.drive(DRIVE_BUDGET);
        if (o.kind !== 'budget') return o.kind === 'stop' ? o : { kind: 'finished' };
        if (performance.now() > deadline) return { kind: 'continue' };
      }
    });
  }

  pause(): void {
    if (this.running) this.pauseRequested = true;
  }

  stepIn(thread: number, granularity: StepGranularity): void {
    this.step(thread, 'in', granularity);
  }

  stepOver(thread: number, granularity: StepGranularity): void {
    this.step(thread, 'over', granularity);
  }

  stepOut(thread: number, granularity: StepGranularity): void {
    this.step(thread, 'out', granularity);
  }

  /**
   * Steps back one instruction, or to the start of the previous line in this function or a
   * caller (calls and interrupt handlers on the way are stepped over), by replaying history.
   */
  stepBack(_thread: number, granularity: StepGranularity): void {
    if (!this.canRun()) return;
    const now = this.booted.pc.machine.retired;
    if (granularity === 'instruction') {
      this.travel(function* (history: SystemHistory) {
        if (now - 1 < history.start) return undefined;
        yield* history.travelTo(now - 1);
        return now - 1;
      }, 'step', 'Stepped back');
      return;
    }
    const test = previousLineTest(this.booted.pc, (va) => this.frames.infoAt(va));
    this.travel((history) => history.lastBoundary(now, test), 'step', 'Stepped back');
  }

  /** Runs backwards to the last place a breakpoint of the user's would have stopped (conditions are not evaluated backwards). */
  reverseContinue(): void {
    if (!this.canRun()) return;
    const now = this.booted.pc.machine.retired;
    const cpu = this.booted.pc.machine.cpu;
    this.travel((history) => history.lastBoundary(now, () => this.breakpoints.has(cpu.rip)), 'breakpoint', 'Paused on breakpoint (travelling back)');
  }

  terminate(): void {
    if (this.ended) return;
    this.work = undefined;
    this.finish();
  }

  setSourceBreakpoints(path: string, specs: SourceBreakpointSpec[]): BreakpointResult[] {
    return this.breakpoints.setSource(path, specs);
  }

  breakpointLocations(path: string, line: number, endLine?: number): { line: number; column?: number }[] {
    const last = endLine ?? line;
    const lines = new Set<number>();
    for (const program of this.programs.all()) {
      const compiled = this.programs.compiledSource(path, program);
      if (compiled === undefined) continue;
      for (const l of program.info.linesWithCode(compiled)) if (l >= line && l <= last) lines.add(l);
    }
    return [...lines].sort((a, b) => a - b).map((l) => ({ line: l }));
  }

  setFunctionBreakpoints(specs: { name: string; condition?: string; hitCondition?: string }[]): BreakpointResult[] {
    return this.breakpoints.setFunctions(specs);
  }

  setInstructionBreakpoints(specs: { instructionReference: string; offset?: number; condition?: string; hitCondition?: string }[]): BreakpointResult[] {
    return this.breakpoints.setInstructions(specs);
  }

  /** Only the page-fault filter applies here: it stops when the CPU raises #PF, before the kernel's handler runs. */
  setExceptionFilters(filters: { filterId: string; condition?: string }[]): { verified: boolean; message?: string }[] {
    return this.pageFaults.configure(filters);
  }

  /**
   * A data breakpoint on a variable or an address expression, watched on the physical bytes it
   * occupies now (a kernel variable is the same bytes through any mapping); it must lie in one page.
   */
  dataBreakpointInfo(args: { name: string; variablesReference?: number; frameId?: number; bytes?: number; asAddress?: boolean }): { dataId: string | null; description: string; accessTypes?: DataAccessType[] } {
    return this.dataWatch.info(args, this.current.tid);
  }

  setDataBreakpoints(specs: { dataId: string; accessType?: DataAccessType; condition?: string; hitCondition?: string }[]): BreakpointResult[] {
    return this.dataWatch.breakpoints.set(specs);
  }

  threads(): { id: number; name: string }[] {
    return [...this.seen.entries()].map(([id, name]) => ({ id, name }));
  }

  /** The CPU's frames for the thread on it; a thread in the kernel's lists unwinds from the context it saved. */
  stackTrace(thread: number, startFrame: number, levels: number): { frames: FrameInfo[]; total: number } {
    if (this.running) return { frames: [], total: 0 };
    if (thread === this.current.tid) return this.frames.stackTrace(thread, startFrame, levels);
    const off = this.listed.find((t) => t.tid === thread);
    const saved = off?.address === undefined ? undefined : savedThreadRegisters(this.types, this.mem, off.address);
    return saved ? this.frames.stackTrace(thread, startFrame, levels, saved) : { frames: [], total: 0 };
  }

  frameContext(frameId: number): FrameContext | undefined {
    return this.running ? undefined : this.frames.context(frameId);
  }

  exceptionInfo(thread: number): ExceptionDetails | undefined {
    return this.exceptions.get(thread);
  }

  loadedSources(): { path: string; name: string }[] {
    const seen = new Set<string>();
    const out: { path: string; name: string }[] = [];
    for (const program of this.programs.all()) {
      for (const file of program.info.sourceFiles()) {
        const local = this.programs.localSource(file);
        if (seen.has(local)) continue;
        seen.add(local);
        out.push({ path: local, name: local.slice(local.lastIndexOf('/') + 1) });
      }
    }
    return out;
  }

  vmState(): { retired: number; lastSeq: number; selectedPid?: number } {
    return { retired: this.booted.pc.machine.retired, lastSeq: 0, selectedPid: this.current.tid };
  }

  custom<K extends CustomRequestName>(name: K, args: CustomRequestArgs<K>): CustomRequestBody<K> {
    const handlers: Partial<{ [N in CustomRequestName]: (x: CustomRequestArgs<N>) => CustomRequestBody<N> }> = {
      'pintos/processes': () => ({ processes: this.views.processes() }),
      'pintos/spt': (x) => this.pageFaults.markChanges(this.views.spt(x)),
      'pintos/pageTables': (x) => this.views.pageTables(x),
      'pintos/pageWalk': (x) => this.views.pageWalk(x),
      'pintos/frames': () => this.views.frames(),
      'pintos/swap': () => this.views.swap(),
      'pintos/events': () => ({ events: [], lastSeq: 0 }),
    };
    const handler = handlers[name] as ((x: CustomRequestArgs<K>) => CustomRequestBody<K>) | undefined;
    if (!handler) throw new UserFacingError(`'${String(name)}' is not available when debugging your own kernel yet`);
    return handler(args);
  }

  // ---- running

  private canRun(): boolean {
    return this.started && !this.ended && !this.running;
  }

  private prepareToRun(): void {
    this.frames.invalidate();
    this.inspector.invalidate();
    this.exceptions.clear();
    this.pageFaults.forgetDiff();
    this.passOver = this.booted.pc.machine.cpu.rip;
  }

  /** Steps the thread on the CPU (one CPU: whichever thread the client names, the kernel runs as it would). */
  private step(_thread: number, kind: StepKind, granularity: StepGranularity): void {
    if (!this.canRun()) return;
    if (this.deadEnd !== undefined) {
      this.finish();
      return;
    }
    this.prepareToRun();
    const stepper = new SystemStepper(this.booted.pc, this.frames, this.addresses, { run: (budget, target) => this.drive(budget, target) }, this.current.tid, kind, granularity);
    this.stepper = stepper;
    this.run((deadline) => stepper.advance(deadline));
  }

  private run(work: Work): void {
    this.work = work;
    this.pauseRequested = false;
    setImmediate(() => this.slice());
  }

  /** One slice of the current work; schedules the next unless it stopped or ended. */
  private slice(): void {
    const work = this.work;
    if (!work || this.ended) return;
    if (this.pauseRequested) {
      this.flushSerial();
      this.onStopped({ reason: 'pause', pid: this.readThread().tid, description: 'Paused' });
      return;
    }
    let outcome: SystemStepOutcome;
    try {
      outcome = work(performance.now() + SLICE_MS);
    } catch (e) {
      const details = errorException(e);
      const tid = this.readThread().tid;
      this.events.output(`${details.details.message}\n`, 'stderr');
      this.onStopped({ reason: 'exception', pid: tid, description: details.description, text: details.details.typeName }, details);
      return;
    }
    this.flushSerial();
    if (outcome.kind === 'continue') {
      this.syncThreads(false);
      setImmediate(() => this.slice());
    } else if (outcome.kind === 'stop') {
      this.onStopped(outcome.stop);
    } else this.finish();
  }

  /**
   * Runs up to `budget` instructions, stopping at the user's breakpoints (conditions and hit
   * counts applied, logpoints printed) and at page faults when the filter is on; `target` claims
   * a breakpoint stop for a stepper.
   */
  private drive(budget: number, target?: (addr: number) => boolean): DriveOutcome {
    const pc = this.booted.pc;
    const start = pc.machine.retired;
    for (;;) {
      const left = budget - (pc.machine.retired - start);
      if (left <= 0) return { kind: 'budget' };
      const stop = pc.run(left);
      this.history.takeIfDue();
      switch (stop.kind) {
        case 'budget':
          return { kind: 'budget' };
        case 'power':
          return { kind: 'finished' };
        case 'dead':
        case 'triple-fault': {
          const why = stop.kind === 'dead' ? `the kernel stopped for good: ${stop.reason}` : `triple fault (QEMU with -no-reboot stops here): ${stop.message}`;
          this.deadEnd = why;
          return { kind: 'stop', stop: this.errorStop(why) };
        }
        case 'exception': {
          const s = this.pageFaults.before(stop.errorCode ?? 0, stop.addr ?? 0, this.exceptions);
          if (s) return { kind: 'stop', stop: s };
          continue;
        }
        case 'debug': {
          if (stop.stop.kind === 'watchpoint') {
            const s = this.dataWatch.stop(stop.stop.hits, this.readThread().tid);
            if (s) return { kind: 'stop', stop: s };
            continue;
          }
          if (stop.stop.kind !== 'breakpoint') continue;
          const addr = stop.stop.addr;
          const after = this.pageFaults.after(addr, this.exceptions);
          if (after) return { kind: 'stop', stop: after };
          if (this.passOver === addr && pc.machine.retired === start) {
            this.passOver = undefined;
            continue;
          }
          this.passOver = undefined;
          if (target?.(addr)) return { kind: 'target' };
          const s = this.breakpointStop(addr);
          if (s) return { kind: 'stop', stop: s };
          continue;
        }
      }
    }
  }

  private breakpointStop(addr: number): StopInfo | undefined {
    const thread = this.readThread();
    const program = isKernelAddress(addr) ? undefined : thread.name;
    const verdict = this.breakpoints.decide(addr, program, () => this.frames.topContext(thread.tid));
    for (const m of verdict.messages) this.events.output(`${m}\n`, 'console');
    if (verdict.stop.length === 0) return undefined;
    const reason = verdict.kind === 'function' ? 'function breakpoint' : verdict.kind === 'instruction' ? 'instruction breakpoint' : 'breakpoint';
    return { reason, pid: thread.tid, description: `Paused on ${reason} at ${hex(addr)}`, hitBreakpointIds: verdict.stop };
  }

  private errorStop(message: string): StopInfo {
    const tid = this.readThread().tid;
    this.exceptions.set(tid, { exceptionId: 'Kernel stopped', description: message, breakMode: 'always', details: { message, typeName: 'machine stop' } });
    return { reason: 'exception', pid: tid, description: message, text: 'Kernel stopped' };
  }

  private onStopped(stop: StopInfo, details?: ExceptionDetails): void {
    this.work = undefined;
    this.stepper?.dispose();
    this.stepper = undefined;
    this.pauseRequested = false;
    this.current = this.readThread();
    this.syncThreads(true);
    this.history.take();
    const selected = { ...stop, pid: this.current.tid };
    if (details) this.exceptions.set(selected.pid, details);
    else if (stop.pid !== selected.pid && this.exceptions.has(stop.pid)) this.exceptions.set(selected.pid, this.exceptions.get(stop.pid)!);
    this.events.stopped(selected);
    this.events.vmChanged(false);
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.work = undefined;
    this.stepper?.dispose();
    this.flushSerial();
    for (const tid of this.seen.keys()) this.events.threadExited(tid);
    this.seen.clear();
    this.events.exited(0);
  }

  /**
   * Runs a travel through history in the run loop and stops where it ends: `reason` when it found
   * its place, else at the oldest point kept ("the start of history").
   */
  private travel(command: (history: SystemHistory) => HistoryWork<number | undefined>, reason: 'step' | 'breakpoint', description: string): void {
    this.prepareToRun();
    this.pageFaults.clearTraps();
    this.deadEnd = undefined;
    const work = command(this.history);
    const dataBreakpoints = this.dataWatch.breakpoints;
    this.run(() => {
      const deadline = performance.now() + SLICE_MS;
      for (;;) {
        const r = work.next();
        if (r.done) {
          // data breakpoints compare against the values where the machine now stands
          dataBreakpoints.rememberAll();
          const tid = this.readThread().tid;
          const stop: StopInfo = r.value === undefined ? { reason: 'step', pid: tid, description: 'Reached the start of the history kept' } : { reason, pid: tid, description };
          return { kind: 'stop', stop };
        }
        if (performance.now() > deadline) return { kind: 'continue' };
      }
    });
  }

  private flushSerial(): void {
    this.serial.flush();
  }

  /** The thread on the CPU now. */
  private readThread(): GuestThread {
    return currentGuestThread(this.booted.pc.machine.cpu, this.mem, this.types);
  }

  /**
   * Announces new threads: the one on the CPU, and with `lists` (at a stop) those in the kernel's
   * thread lists, which also ends the threads found in neither any more.
   */
  private syncThreads(lists: boolean): void {
    const t = this.readThread();
    if (this.running) this.current = t;
    const now = new Map<number, string>([[t.tid, t.label]]);
    if (lists) {
      this.listed = listedGuestThreads(this.programs.kernel.info, this.types, this.mem).filter((x) => x.address !== t.address && x.tid !== t.tid);
      for (const x of this.listed) if (!now.has(x.tid)) now.set(x.tid, `${x.label} (${x.list})`);
    }
    for (const [tid, label] of now) {
      if (!this.seen.has(tid)) this.events.threadStarted(tid, label);
      this.seen.set(tid, label);
    }
    if (!lists) return;
    for (const tid of [...this.seen.keys()]) {
      if (now.has(tid)) continue;
      this.seen.delete(tid);
      this.events.threadExited(tid);
    }
  }

  private inspectorHost(): InspectorHost {
    const kernel: DebugInfo = this.programs.kernel.info;
    return {
      frameContext: (frameId) => this.frameContext(frameId),
      selectedPid: () => (this.ended ? undefined : this.current.tid),
      processMemory: (pid) =>
        this.ended
          ? undefined
          : {
              pid,
              read: (va, length) => {
                const r = this.booted.pc.memory.readVirtual(va, length, { user: false });
                return r.bytes.length === length ? { bytes: r.bytes } : { bytes: r.bytes, unreadableAt: va + r.bytes.length };
              },
              write: (va, bytes) => this.booted.pc.memory.pokeVirtual(va, bytes, { user: false }) === undefined,
            },
      debugInfoFor: () => kernel,
      debugInfoForAddress: (_pid, address) => this.frames.infoAt(address),
      vmView: (name, args) => this.custom(name, args),
      localSourcePath: (compiled) => this.programs.localSource(compiled),
    };
  }
}
