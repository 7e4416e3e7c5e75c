// One debuggable Pintos machine: launch, run control, breakpoints of every kind, threads, stacks
// and the VM views. What the debug adapter drives; it knows nothing of DAP.
import { existsSync } from 'node:fs';
import { DEFAULT_FS_SECTORS, type KernelConfig } from '../kernel/kernel';
import type { Process } from '../kernel/userprog/process';
import type { CustomRequestArgs, CustomRequestBody, CustomRequestName, CustomRequests } from '../shared/custom-requests';
import type { PintosLaunchArguments } from '../shared/launch';
import { AddressBreakpoints } from './address-breakpoints';
import { CodeBreakpoints } from './code-breakpoints';
import { UserFacingError, type BreakpointResult, type FrameContext, type FrameInfo, type RuntimeEvents, type SourceBreakpointSpec, type StopInfo } from './contract';
import { DataBreakpoints, type DataAccessType, type DataRange } from './data-breakpoints';
import type { Debuggable } from './debuggable';
import { dataTarget, pageTarget } from './data-watch-targets';
import { collectDiskFiles, type LoadedDiskFile } from './disk-files';
import { errorException, INTERNAL_ERROR, type ExceptionDetails } from './exception-details';
import { createInspector, type Inspector } from './inspector-factory';
import type { InspectorHost } from './inspector-host';
import { KernelDriver } from './kernel-driver';
import { KernelEventWatcher } from './kernel-event-watcher';
import { MAX_GUEST_SPEED, resolveLaunchOptions, type LaunchOptions } from './launch-options';
import { buildMachine, type BootedMachine } from './machine-boot';
import { processMemoryOf, readUserMemory } from './process-memory';
import { ProcessRegisters } from './process-registers';
import { ProgramRegistry } from './program-registry';
import { Rewinder } from './history/rewinder';
import type { Work } from './history/time-travel';
import { RunLoop } from './run-loop';
import { SourceMap } from './source-map';
import { SourceResolver } from './source-resolver';
import { StackFrames } from './stack-frames';
import { StatsTimeline } from './stats-timeline';
import { Stepper, type StepGranularity, type StepKind } from './stepper';
import { ThreadTracker } from './thread-tracker';
import { VmEventFilters } from './vm-event-filters';
import { VmViewBuilder } from './vm-view-builder';

export type { StepGranularity } from './stepper';
export type { DataAccessType } from './data-breakpoints';
export type { ExceptionDetails } from './exception-details';

/** The kernel command line Pintos echoes for a run (`-q -f put ... run '...'`). */
function kernelArguments(files: LoadedDiskFile[], cmdline: string): string {
  return ['-q', '-f', ...files.flatMap((f) => ['put', f.guest]), 'run', `'${cmdline}'`].join(' ');
}

/** One debuggable machine. All methods are synchronous; stops and output arrive through RuntimeEvents. */
export class DebugRuntime implements Debuggable {
  /**
   * Validates `args` (every bad value → UserFacingError naming the attribute and what is
   * expected), reads the program and files from the host, boots the machine. Does not run yet.
   */
  static launch(args: PintosLaunchArguments, events: RuntimeEvents): DebugRuntime {
    const options = resolveLaunchOptions(args);
    const files = collectDiskFiles(options);
    return new DebugRuntime(options, files, events);
  }

  /** The inspection side (variables, expressions, memory, disassembly), built on this runtime. */
  readonly inspector: Inspector;
  private readonly booted: BootedMachine;
  private readonly registry: ProgramRegistry;
  private readonly addresses: AddressBreakpoints;
  private readonly codeBreakpoints: CodeBreakpoints;
  private readonly dataBreakpoints: DataBreakpoints;
  private readonly filters: VmEventFilters;
  private readonly timeline: StatsTimeline;
  private readonly watcher: KernelEventWatcher;
  private readonly registers: ProcessRegisters;
  private readonly frames: StackFrames;
  private readonly driver: KernelDriver;
  private readonly threadTracker: ThreadTracker;
  private readonly views: VmViewBuilder;
  private readonly loop: RunLoop;
  private readonly rewinder: Rewinder;
  /** the stop being reported came from a kernel event (its position is that event) */
  private stopFromEvent = false;
  /** console characters already sent to the client (output replayed after travelling back is not sent again) */
  private consoleSent = 0;
  private readonly exceptions = new Map<number, ExceptionDetails>();
  private readonly bootTranscript: string;
  private selected: number | undefined;
  private ended = false;
  /** the end stop after a halt was shown (the next finish powers off) */
  private haltStopShown = false;
  private started = false;
  private nextBreakpointId = 1;

  private constructor(
    private readonly options: LaunchOptions,
    files: LoadedDiskFile[],
    private readonly events: RuntimeEvents,
  ) {
    const config: KernelConfig = {
      memoryMB: options.memoryMB,
      swapDiskUnits: options.swapDisk,
      fsDiskSectors: DEFAULT_FS_SECTORS,
      evictionPolicy: options.evictionPolicy,
      seed: options.seed,
      checkInvariants: options.checkInvariants,
      stdin: options.stdin,
    };
    this.booted = buildMachine(config);
    const { kernel, machine, memory } = this.booted;
    const services = () => this.inspector;
    const newId = () => this.nextBreakpointId++;
    this.registry = new ProgramRegistry(files, new SourceResolver(new SourceMap(options.sourceMap), options.cwd, existsSync), (m) => this.events.output(`${m}\n`, 'console'));
    this.addresses = new AddressBreakpoints(machine);
    this.codeBreakpoints = new CodeBreakpoints(this.registry, this.addresses, services, newId);
    this.dataBreakpoints = new DataBreakpoints(memory, services, newId, (r) => this.readRange(r));
    this.filters = new VmEventFilters(services);
    this.timeline = new StatsTimeline(kernel.vm);
    this.watcher = new KernelEventWatcher(kernel, this.registry, this.filters, this.timeline, {
      programStarted: (_pid, program) => this.placeBreakpoints(program),
      message: (text) => this.events.output(text, 'console'),
    });
    this.registers = new ProcessRegisters(kernel, machine);
    this.frames = new StackFrames(kernel, memory.phys, this.registers, this.registry);
    this.driver = new KernelDriver({
      kernel,
      machine,
      registry: this.registry,
      codeBreakpoints: this.codeBreakpoints,
      dataBreakpoints: this.dataBreakpoints,
      frames: this.frames,
      services,
      output: (text) => this.events.output(text, 'console'),
      takeEventStop: () => this.takeEventStop(),
      errorStop: (e) => this.errorStop(e),
      history: { untilNext: () => this.rewinder.checkpoints.untilNext(), takeIfDue: () => this.rewinder.checkpoints.takeIfDue(), due: () => this.rewinder.checkpoints.due() },
    });
    this.rewinder = new Rewinder({
      booted: this.booted,
      driver: this.driver,
      watcher: this.watcher,
      registry: this.registry,
      frames: this.frames,
      participants: [this.watcher, this.registry, this.timeline],
      budgetBytes: options.historyMB * 1024 * 1024,
      mark: (addr, on) => (on ? this.addresses.acquire(addr) : this.addresses.release(addr)),
    });
    this.threadTracker = new ThreadTracker(kernel, events);
    this.views = new VmViewBuilder(kernel, this.registry, this.timeline, () => this.watcher.exited.values(), () => !this.loop.running);
    this.loop = new RunLoop(this.driver, {
      stopped: (stop) => this.onStopped(stop),
      finished: () => this.onFinished(),
      sliceDone: (tick) => this.onSliceDone(tick),
      pausePid: () => this.currentOrSelectedPid(),
      errorStop: (e) => this.errorStop(e),
    });
    this.loop.setSpeed(options.guestSpeed);
    this.inspector = createInspector(this.inspectorHost());
    if (options.trace) this.watcher.openTrace(options.trace);
    const cmdline = [options.programGuest, ...options.args].join(' ');
    try {
      kernel.boot(cmdline, files.map((f) => ({ name: f.guest, content: f.content })), kernelArguments(files, cmdline));
    } catch (e) {
      this.watcher.closeTrace();
      if (e instanceof Error && /^cannot put/.test(e.message)) throw new UserFacingError(`files: ${e.message}`, 'files');
      throw e;
    }
    this.registry.debugInfo(options.programGuest);
    this.bootTranscript = kernel.console.text;
    this.consoleSent = kernel.console.charactersOutput;
    kernel.console.onOutput((text) => this.forwardOutput(text));
    this.selected = kernel.processes.initialPid;
  }

  /** True while the machine runs (between a resume/step and the next stop or exit), forwards or back in time. */
  get running(): boolean {
    return this.loop.running;
  }

  /** After configuration is done: stops on entry (reason 'entry') when asked to, else runs. */
  start(): void {
    if (this.started || this.ended) return;
    this.started = true;
    this.events.output(this.bootTranscript, 'stdout');
    this.threadTracker.sync();
    if (this.booted.kernel.finished) {
      this.finish();
      return;
    }
    const pid = this.booted.kernel.processes.initialPid;
    this.rewinder.start();
    if (this.options.stopOnEntry) this.onStopped({ reason: 'entry', pid, description: 'Paused on entry' });
    else this.run({ kind: 'continue' });
  }

  /** Steps process `pid` back one line (over calls) or one instruction, through history. */
  stepBack(pid: number, granularity: StepGranularity): void {
    this.reverse(() => this.rewinder.stepBack(pid, granularity === 'instruction'));
  }

  /** Runs backwards to the last stop a forward run would have made (breakpoints, data breakpoints, VM filters). */
  reverseContinue(): void {
    this.reverse(() => this.rewinder.reverseContinue());
  }

  /** Continues all processes. */
  resume(): void {
    if (!this.canRun()) return;
    const p = this.booted.kernel.processes.current;
    const at = p ? this.registers.pcAndSp(p) : undefined;
    this.run({ kind: 'continue', passOver: p && at ? { pid: p.pid, pc: at.pc } : undefined });
  }

  /** Stops at the next slice boundary (reason 'pause'), even in a tight loop. No-op when stopped. */
  pause(): void {
    this.loop.pause();
  }

  /** Steps process `pid` into calls. */
  stepIn(pid: number, granularity: StepGranularity): void {
    this.step(pid, 'in', granularity);
  }

  /** Steps process `pid` over calls. */
  stepOver(pid: number, granularity: StepGranularity): void {
    this.step(pid, 'over', granularity);
  }

  /** Runs process `pid` until its current function returns. */
  stepOut(pid: number, granularity: StepGranularity): void {
    this.step(pid, 'out', granularity);
  }

  /** Ends the run at any time (running or stopped): powers off and emits `exited`. */
  terminate(): void {
    if (this.ended) return;
    this.loop.cancel();
    this.finish();
  }

  /** Replaces the source breakpoints of `path`; one result per spec, in order. */
  setSourceBreakpoints(path: string, specs: SourceBreakpointSpec[]): BreakpointResult[] {
    return this.codeBreakpoints.setSource(path, specs);
  }

  /** Lines in [line, endLine] of `path` where a breakpoint can go (lines with code in the programs read so far, else in any program on the disk). */
  breakpointLocations(path: string, line: number, endLine?: number): { line: number; column?: number }[] {
    const last = endLine ?? line;
    const lines = new Set<number>();
    const collect = (programs: string[]) => {
      for (const program of programs) {
        const compiled = this.registry.compiledSource(path, program);
        if (compiled === undefined) continue;
        for (const l of this.registry.debugInfo(program)?.linesWithCode(compiled) ?? []) if (l >= line && l <= last) lines.add(l);
      }
    };
    collect(this.registry.loadedPrograms());
    if (lines.size === 0) collect(this.registry.knownPrograms());
    return [...lines].sort((a, b) => a - b).map((l) => ({ line: l }));
  }

  /** Replaces the function breakpoints. */
  setFunctionBreakpoints(specs: { name: string; condition?: string; hitCondition?: string }[]): BreakpointResult[] {
    return this.codeBreakpoints.setFunctions(specs);
  }

  /** Replaces the instruction breakpoints (`instructionReference` is an address like `0x401000`). */
  setInstructionBreakpoints(specs: { instructionReference: string; offset?: number; condition?: string; hitCondition?: string }[]): BreakpointResult[] {
    return this.codeBreakpoints.setInstructions(specs);
  }

  /** Replaces the enabled VM-event filters (ids of VM_FILTERS), each with an optional condition over the event's fields. */
  setExceptionFilters(filters: { filterId: string; condition?: string }[]): { verified: boolean; message?: string }[] {
    return this.filters.configure(filters);
  }

  /** Whether (and how) a data breakpoint can be set on a variable or an address expression. */
  dataBreakpointInfo(args: { name: string; variablesReference?: number; frameId?: number; bytes?: number; asAddress?: boolean }): {
    dataId: string | null;
    description: string;
    accessTypes?: DataAccessType[];
  } {
    try {
      const framePid = args.frameId !== undefined ? this.frames.context(args.frameId)?.pid : undefined;
      const { range, description } = dataTarget(args, this.inspector, framePid, this.liveSelectedPid());
      return { dataId: this.dataBreakpoints.offer(range, description), description, accessTypes: ['read', 'write', 'readWrite'] };
    } catch (e) {
      return { dataId: null, description: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Replaces the data breakpoints. */
  setDataBreakpoints(specs: { dataId: string; accessType?: DataAccessType; condition?: string; hitCondition?: string }[]): BreakpointResult[] {
    return this.dataBreakpoints.set(specs);
  }

  /** One thread per live process, named `PID NAME`. */
  threads(): { id: number; name: string }[] {
    return this.threadTracker.threads();
  }

  /** Frames [startFrame, startFrame+levels) of process `pid` (levels 0 = all) and the total count. */
  stackTrace(pid: number, startFrame: number, levels: number): { frames: FrameInfo[]; total: number } {
    if (this.running) return { frames: [], total: 0 };
    return this.frames.stackTrace(pid, startFrame, levels);
  }

  /** The context of a frame from the last stackTrace, or undefined when unknown or stale. */
  frameContext(frameId: number): FrameContext | undefined {
    return this.running ? undefined : this.frames.context(frameId);
  }

  /** Details of the VM-event or error stop of `pid`, or undefined when it did not stop for one. */
  exceptionInfo(pid: number): ExceptionDetails | undefined {
    return this.exceptions.get(pid);
  }

  /** Source files of every program loaded so far (paths after sourceMap). */
  loadedSources(): { path: string; name: string }[] {
    return this.registry.loadedSources();
  }

  /** Machine counters for the `pintos/vmChanged` event: retired instructions, last event seq, the selected process. */
  vmState(): { retired: number; lastSeq: number; selectedPid?: number } {
    const { kernel, machine } = this.booted;
    const pid = this.liveSelectedPid();
    return pid === undefined ? { retired: machine.retired, lastSeq: kernel.events.count } : { retired: machine.retired, lastSeq: kernel.events.count, selectedPid: pid };
  }

  /** Answers a custom request with data built from the kernel's inspection functions. Throws UserFacingError for a bad pid or address. */
  custom<K extends CustomRequestName>(name: K, args: CustomRequestArgs<K>): CustomRequestBody<K> {
    const handlers: { [N in CustomRequestName]: (a: CustomRequests[N][0]) => CustomRequests[N][1] } = {
      'pintos/processes': () => this.views.processes(),
      'pintos/spt': (a) => this.views.spt(a),
      'pintos/pageTables': (a) => this.views.pageTables(a),
      'pintos/pageWalk': (a) => this.views.pageWalk(a),
      'pintos/frames': () => this.views.frames(),
      'pintos/swap': () => this.views.swap(),
      'pintos/events': (a) => this.views.events(a ?? {}),
      'pintos/stats': () => this.views.stats(),
      'pintos/watchPage': (a) => this.watchPage(a),
      'pintos/travelToEvent': (a) => this.travelToEvent(a),
      'pintos/reverseStepOut': (a) => {
        this.events.continued?.(this.currentOrSelectedPid());
        this.reverse(() => this.rewinder.reverseStepOut(a.threadId));
        return {};
      },
      'pintos/history': () => this.rewinder.stats(),
      'pintos/setGuestSpeed': (a) => {
        const ips = Number(a?.instructionsPerSecond);
        if (!Number.isInteger(ips) || ips < 0 || ips > MAX_GUEST_SPEED) throw new UserFacingError(`guest speed must be an integer number of instructions per second from 0 (full speed) to ${MAX_GUEST_SPEED}, not ${JSON.stringify(a?.instructionsPerSecond)}`);
        this.loop.setSpeed(ips);
        return { instructionsPerSecond: ips };
      },
    };
    const handler = handlers[name] as ((a: CustomRequestArgs<K>) => CustomRequestBody<K>) | undefined;
    if (!handler) throw new UserFacingError(`unknown request '${String(name)}'`);
    return handler(args);
  }

  // ---- internals

  private canRun(): boolean {
    return this.started && !this.ended && !this.loop.running;
  }

  private step(pid: number, kind: StepKind, granularity: StepGranularity): void {
    if (!this.canRun()) return;
    const p = this.liveProcess(pid) ?? this.liveProcess(this.currentOrSelectedPid());
    if (!p) return;
    this.prepareToRun();
    this.watcher.stepPid = p.pid;
    const stepper = new Stepper(
      { kernel: this.booted.kernel, phys: this.booted.memory.phys, registers: this.registers, registry: this.registry, frames: this.frames, addresses: this.addresses, driver: this.driver },
      p.pid,
      kind,
      granularity,
    );
    this.loop.start({ kind: 'step', stepper });
  }

  private run(mode: { kind: 'continue'; passOver?: { pid: number; pc: number } }): void {
    this.prepareToRun();
    this.watcher.stepPid = undefined;
    this.loop.start(mode);
  }

  private prepareToRun(): void {
    this.frames.invalidate();
    this.inspector.invalidate();
    this.exceptions.clear();
    this.watcher.armed = true;
    this.watcher.stopAtEnd = this.options.stopAtEnd;
  }

  private onStopped(stop: StopInfo): void {
    this.rewinder.stoppedAt(stop.pid, this.stopFromEvent);
    this.stopFromEvent = false;
    this.watcher.armed = false;
    this.watcher.stepPid = undefined;
    this.selected = stop.pid;
    this.threadTracker.sync();
    this.timeline.observe(this.booted.machine.retired, true);
    this.events.stopped(stop);
    this.events.vmChanged(false);
  }

  private onSliceDone(tick: boolean): void {
    this.threadTracker.sync();
    if (tick) this.events.vmChanged(true);
  }

  /**
   * The kernel finished the run. After a halt, with stopAtEnd, the session first stops there
   * ("Program ended: halt()") with the halting process and everything else still in place;
   * continuing from that stop powers off. (An exit already stopped at its event: see the watcher.)
   */
  private onFinished(): void {
    const { kernel } = this.booted;
    const halted = kernel.finished?.kind === 'finished' && kernel.finished.how === 'halt';
    const pid = this.watcher.haltPid;
    if (halted && this.options.stopAtEnd && !this.haltStopShown && pid !== undefined && this.liveProcess(pid)) {
      this.haltStopShown = true;
      this.onStopped({ reason: 'end', pid, description: 'Program ended: halt()', text: 'Program ended' });
      return;
    }
    this.finish();
  }

  /** The run is over (completed, halted or terminated): power off and tell the host. */
  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.watcher.armed = false;
    const { kernel } = this.booted;
    kernel.powerOff();
    this.watcher.closeTrace();
    this.threadTracker.endAll();
    this.events.exited(this.exitCode());
  }

  private exitCode(): number {
    const { kernel } = this.booted;
    if (kernel.finished?.kind === 'finished' && kernel.finished.how === 'halt') return 0;
    const initial = kernel.processes.processes.get(kernel.processes.initialPid);
    return initial?.exitStatus ?? this.watcher.exited.get(kernel.processes.initialPid)?.exitStatus ?? -1;
  }

  private placeBreakpoints(program: string): void {
    for (const changed of this.codeBreakpoints.placeIn(program)) this.events.breakpointChanged(changed);
  }

  private takeEventStop(): StopInfo | 'yield' | undefined {
    const { stop, exception } = this.watcher.take();
    if (exception) this.exceptions.set(exception.pid, exception.details);
    this.stopFromEvent = stop !== undefined && stop !== 'yield';
    return stop;
  }

  /** Sends guest output the client has not seen yet (after travelling back, the replayed part was seen). */
  private forwardOutput(text: string): void {
    const total = this.booted.kernel.console.charactersOutput;
    const fresh = Math.min(text.length, total - this.consoleSent);
    if (fresh <= 0) return;
    this.consoleSent = total;
    this.events.output(text.slice(text.length - fresh), 'stdout');
  }

  /**
   * Runs a reverse command in the run loop (it replays history in slices, so requests are answered
   * meanwhile) and reports the stop it returns, as a forward stop is reported.
   */
  private reverse(command: () => Work<StopInfo>): void {
    if (!this.canRun()) return;
    this.frames.invalidate();
    this.inspector.invalidate();
    this.exceptions.clear();
    this.stopFromEvent = false;
    const dataBreakpoints = this.dataBreakpoints;
    this.loop.start({
      kind: 'travel',
      work: (function* () {
        try {
          return yield* command();
        } finally {
          // data breakpoints compare against the values where the machine now stands
          dataBreakpoints.rememberAll();
        }
      })(),
    });
  }

  private travelToEvent(args: CustomRequestArgs<'pintos/travelToEvent'>): CustomRequestBody<'pintos/travelToEvent'> {
    if (!this.canRun()) throw new UserFacingError('the program must be paused to travel in time');
    const seq = Math.trunc(Number(args.seq));
    const known = this.booted.kernel.events.recent().find((e) => e.seq === seq);
    if (!Number.isFinite(seq) || seq < 1 || seq > this.booted.kernel.events.count) throw new UserFacingError(`there is no kernel event #${args.seq} (events so far: 1 to ${this.booted.kernel.events.count})`);
    this.events.continued?.(this.currentOrSelectedPid());
    const rewinder = this.rewinder;
    const travelled = (): StopInfo => ({ reason: 'step', pid: this.currentOrSelectedPid(), description: `Travelled to event #${seq}` });
    this.reverse(function* () {
      return (yield* rewinder.toEvent(seq, known?.icount ?? 0)) ?? travelled();
    });
    return { seq };
  }

  private errorStop(error: unknown): StopInfo {
    const pid = this.currentOrSelectedPid();
    const details = errorException(error);
    this.exceptions.set(pid, details);
    if (details.exceptionId === INTERNAL_ERROR) this.events.output(`${details.details.message}\n`, 'stderr');
    return { reason: 'exception', pid, description: details.description, text: details.details.typeName };
  }

  private readRange(range: DataRange): Uint8Array | undefined {
    const phys = this.booted.memory.phys;
    if (range.space === 'physical') return range.start + range.length <= phys.size ? phys.ram.slice(range.start, range.start + range.length) : undefined;
    const p = range.pid !== undefined ? this.liveProcess(range.pid) : undefined;
    if (!p) return undefined;
    const r = readUserMemory(phys, p.space.pml4, range.start, range.length, (a) => this.booted.kernel.vm.peekAbsentPage(p.space, a));
    return r.bytes.length === range.length ? r.bytes : undefined;
  }

  private watchPage(args: CustomRequestArgs<'pintos/watchPage'>): CustomRequestBody<'pintos/watchPage'> {
    const { range, description } = pageTarget(this.booted.memory.phys, this.views.process(args.pid), args.va, args.physical);
    const watching = this.dataBreakpoints.togglePageWatch(range, description);
    return { dataId: this.dataBreakpoints.offer(range, description), description, watching };
  }

  private inspectorHost(): InspectorHost {
    return {
      frameContext: (frameId) => this.frameContext(frameId),
      selectedPid: () => this.liveSelectedPid(),
      processMemory: (pid) => {
        const p = this.liveProcess(pid);
        return p ? processMemoryOf(this.booted.memory.phys, p, (a) => this.booted.kernel.vm.peekAbsentPage(p.space, a)) : undefined;
      },
      debugInfoFor: (pid) => this.registry.debugInfoOfPid(pid),
      debugInfoForAddress: (pid) => this.registry.debugInfoOfPid(pid),
      vmView: (name, args) => this.custom(name, args),
    };
  }

  private liveProcess(pid: number): Process | undefined {
    const p = this.booted.kernel.processes.processes.get(pid);
    return p && p.state !== 'exited' ? p : undefined;
  }

  private liveSelectedPid(): number | undefined {
    if (this.selected !== undefined && this.liveProcess(this.selected)) return this.selected;
    return this.booted.kernel.processes.current?.pid ?? this.booted.kernel.processes.live()[0]?.pid;
  }

  private currentOrSelectedPid(): number {
    const current = this.booted.kernel.processes.current;
    if (current && current.state !== 'exited') return current.pid;
    return this.liveSelectedPid() ?? this.booted.kernel.processes.initialPid;
  }
}
