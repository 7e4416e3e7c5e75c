// The Pintos kernel of one machine: devices, file system, virtual memory, processes, system
// calls, and the loop that runs user code on the CPU and services what stops it (system calls,
// interrupts, faults, the end of a time slice). Deterministic: guest time comes from work done.
import type { CpuState } from '../emu/cpu/cpu-state';
import { Vector } from '../emu/cpu/faults';
import { Reg } from '../emu/cpu/registers';
import { PfError } from '../emu/memory/contract';
import { describeUnemulated } from '../emu/decoder/unemulated';
import type { MemorySystem } from '../emu/memory/memory-system';
import { BlockDevice, SECTOR_SIZE } from './devices/block-device';
import { Console } from './devices/console';
import { digitGroups } from './digit-groups';
import { EventBus } from './events';
import { FileSystem } from './filesys/filesys';
import { FramePool, PAGE_SIZE, poolPages, RESERVED_PAGES } from './memory/frame-pool';
import { advance, type Steps } from './steps';
import { GuestTimer } from './threads/timer';
import { BOOT_COST, eventWork, FS_SECTOR_COST, KERNEL_COST, SWAP_SECTOR_COST, type SectorCost } from './threads/work-costs';
import { WorkMeter } from './threads/work-meter';
import { KERN_BASE } from './userprog/elf';
import type { PendingAction, Process, SuspendedFault, SuspendedWork } from './userprog/process';
import { ProcessManager, type CallOutcome } from './userprog/process-manager';
import { SYSCALL_ARITY, SYSCALLS } from './userprog/syscalls/table';
import { isCallWork, type SyscallServices } from './userprog/syscalls/context';
import { ProcessKilled, UserMemory } from './userprog/user-memory';
import { VirtualMemory, type EvictionPolicyName } from './vm/virtual-memory';

/** Sectors in one unit of `--swap-disk` (0xfc000 bytes). */
export const SWAP_UNIT_SECTORS = 2016;
/** Default file-system disk size in sectors. */
export const DEFAULT_FS_SECTORS = 20160;

/** How the machine is built. */
export interface KernelConfig {
  memoryMB: number;
  swapDiskUnits: number;
  fsDiskSectors: number;
  evictionPolicy: EvictionPolicyName;
  seed: number;
  checkInvariants: boolean;
  /** keyboard input for read(0, ...) */
  stdin: Uint8Array;
  /** the run stops when the clock reaches this tick (`-T`, see ticksForSeconds); no deadline when absent */
  tickLimit?: number;
}

/** Why the machine stopped, as the CPU reports it (see src/emu/machine.ts). */
export interface MachineStop {
  kind: string;
  vector?: number;
  errorCode?: number;
  addr?: number;
  message?: string;
}

/** The CPU as the kernel drives it. */
export interface KernelMachine {
  readonly cpu: CpuState;
  readonly retired: number;
  run(budget: number): MachineStop;
}

/** Why `Kernel.run` returned. */
export type KernelStop =
  | { kind: 'finished'; how: 'completed' | 'halt' | 'load-failed' }
  | { kind: 'budget' }
  /** process `until.pid` has retired `until.userInstructions` and is about to run its next one */
  | { kind: 'reached' }
  /** the clock reached the configured tick limit; the machine stays stopped there */
  | { kind: 'timeout' }
  | { kind: 'event' }
  | { kind: 'debug'; stop: MachineStop };

/** One Pintos machine's kernel. */
export class Kernel implements SyscallServices {
  readonly events: EventBus;
  readonly console: Console;
  readonly timer: GuestTimer;
  /** charges work to the clock and to the running process's time slice */
  readonly meter: WorkMeter;
  readonly fsDisk: BlockDevice;
  readonly swapDisk: BlockDevice | undefined;
  readonly scratchDisk: BlockDevice;
  readonly kernelDisk: BlockDevice;
  readonly fs: FileSystem;
  readonly userPool: FramePool;
  readonly kernelPool: FramePool;
  readonly vm: VirtualMemory;
  readonly userMemory: UserMemory;
  readonly processes: ProcessManager;
  pageFaults = 0;
  finished: KernelStop | undefined;
  private commandLine = '';
  /** the tick the kernel last handled (see timerTick) */
  private lastTick = 0;
  /** the process whose kernel work waits in its `pending` while a debugger is stopped at an event */
  private heldBack: Process | undefined;
  /** sectors the format moved while the kernel was built, charged when the boot reaches it */
  private readonly formatSectors: number;

  constructor(
    readonly config: KernelConfig,
    readonly memory: MemorySystem,
    readonly machine: KernelMachine,
  ) {
    this.events = new EventBus(() => ({ icount: machine.retired, rip: machine.cpu.rip }));
    this.timer = new GuestTimer(config.tickLimit);
    this.meter = new WorkMeter(this.timer, () => this.processes.current !== undefined);
    this.console = new Console(config.stdin);
    this.console.onOutput((text) => this.meter.busy(text.length * KERNEL_COST.consoleChar));
    const pages = poolPages(config.memoryMB);
    this.kernelPool = new FramePool('kernel', RESERVED_PAGES * PAGE_SIZE, pages);
    this.userPool = new FramePool('user', (RESERVED_PAGES + pages) * PAGE_SIZE, pages);
    this.kernelDisk = new BlockDevice('hd0:0', 329);
    this.fsDisk = new BlockDevice('hd0:1', config.fsDiskSectors);
    this.scratchDisk = new BlockDevice('hd1:0', 1);
    this.swapDisk = config.swapDiskUnits > 0 ? new BlockDevice('hd1:1', Math.floor(config.swapDiskUnits * SWAP_UNIT_SECTORS)) : undefined;
    this.fs = new FileSystem(this.fsDisk);
    this.formatSectors = this.fsDisk.reads + this.fsDisk.writes;
    for (const disk of [this.kernelDisk, this.fsDisk, this.scratchDisk]) this.meterDisk(disk, FS_SECTOR_COST);
    if (this.swapDisk) this.meterDisk(this.swapDisk, SWAP_SECTOR_COST);
    this.vm = new VirtualMemory({
      mem: memory,
      phys: memory.phys,
      userPool: this.userPool,
      kernelPool: this.kernelPool,
      swapDisk: this.swapDisk,
      events: this.events,
      policy: config.evictionPolicy,
      seed: config.seed,
      checkInvariants: config.checkInvariants,
      kernBase: KERN_BASE,
      chargeWork: (units) => this.meter.busy(units),
    });
    this.userMemory = new UserMemory(memory, memory.phys, this.vm, () => machine.cpu.rip, () => this.events.stopRequested);
    this.processes = new ProcessManager(machine.cpu, this.fs, this.vm, this.userMemory, this.kernelPool, this.events, this.console);
    this.events.listen((e) => {
      if (e.kind === 'page-fault') this.pageFaults++;
      this.meter.busy(eventWork(e));
    });
  }

  /** Total physical RAM the machine needs for `memoryMB` (reserved pages plus both pools). */
  static ramBytes(memoryMB: number): number {
    return (RESERVED_PAGES + 2 * poolPages(memoryMB)) * PAGE_SIZE;
  }

  /**
   * Boots: prints the boot banner, puts `files` on the disk (as `pintos -p` does through the
   * scratch disk), and starts `cmdline`. A file that cannot be stored throws an Error naming it.
   * Booting takes guest time; when the clock reaches its deadline during the boot, the boot stops
   * there and the machine is finished with a timeout.
   */
  boot(cmdline: string, files: { name: string; content: Uint8Array }[], kernelArgs: string): void {
    this.commandLine = cmdline;
    const kb = this.config.memoryMB * 1024;
    this.console.print(`Kernel command line: ${kernelArgs}\n`);
    this.console.print(`Pintos booting with ${digitGroups(kb)} kB RAM...\n`);
    this.console.print(`${poolPages(this.config.memoryMB)} pages available in kernel pool.\n`);
    this.console.print(`${poolPages(this.config.memoryMB)} pages available in user pool.\n`);
    this.meter.busy(BOOT_COST.calibrate);
    if (this.stopIfExpired()) return;
    this.meter.idle(BOOT_COST.probeDisks);
    if (this.stopIfExpired()) return;
    for (const disk of [this.kernelDisk, this.fsDisk, this.scratchDisk, this.swapDisk]) {
      if (disk) this.console.print(`${disk.name}: detected ${digitGroups(disk.sectorCount)} sector disk\n`);
    }
    this.meter.sectors(this.formatSectors, FS_SECTOR_COST);
    if (this.stopIfExpired()) return;
    this.console.print('Formatting file system...done.\n');
    this.console.print('Boot complete.\n');
    for (const f of files) {
      this.console.print(`Putting '${f.name}' into the file system...\n`);
      this.scratchDisk.countReads(1 + Math.ceil(f.content.length / SECTOR_SIZE));
      this.fs.putFile(f.name, f.content);
      if (this.stopIfExpired()) return;
    }
    if (files.length > 0) this.scratchDisk.countReads(2);
    this.console.print(`Executing '${cmdline}':\n`);
    if (!this.processes.startInitial(cmdline)) this.completeRun('load-failed');
  }

  /**
   * Runs user code for at most `budget` retired instructions. Returns when the budget is used,
   * when the run finishes, when the clock reaches the tick limit (checked after every kernel
   * operation; user code never runs past it), when an event listener asked to stop, or on a
   * debug stop (breakpoint, watchpoint) reported by the CPU, which leaves the process stopped
   * before that instruction. With `until`, also returns ('reached') when that process has retired
   * that many instructions and is about to run its next one (the debugger's replay target).
   *
   * A stop an event asked for returns at once, with the rest of the kernel's work held back in
   * the process (Process.pending); that work is done first when the run goes on, before the
   * deadline, the timer tick and the scheduler look at the machine, so a run that stops on
   * events does exactly what a run without stops does.
   */
  run(budget: number, until?: { pid: number; userInstructions: number }): KernelStop {
    let left = budget;
    for (;;) {
      if (this.finished) return this.finished;
      if (this.events.stopRequested) {
        this.events.stopRequested = false;
        return { kind: 'event' };
      }
      const held = this.heldBack;
      if (held) {
        this.resumePending(held);
        continue;
      }
      if (this.stopIfExpired()) continue;
      if (this.timer.ticks !== this.lastTick) this.timerTick();
      const p = this.processes.current ?? this.processes.switchToNext();
      if (!p) {
        this.completeRun('completed');
        continue;
      }
      if (this.meter.sliceOver) {
        this.endSlice();
        continue;
      }
      if (left <= 0) return { kind: 'budget' };
      let allowed = left;
      if (until !== undefined && p.pid === until.pid) {
        if (p.userInstructions >= until.userInstructions) return { kind: 'reached' };
        allowed = Math.min(allowed, until.userInstructions - p.userInstructions);
      }
      const before = this.machine.retired;
      const stop = this.machine.run(this.meter.userBudget(allowed));
      const ran = this.machine.retired - before;
      left -= ran;
      this.meter.userInstructions(ran);
      p.userInstructions += ran;
      switch (stop.kind) {
        case 'budget':
          break;
        case 'syscall':
          this.syscall(p);
          break;
        case 'interrupt':
          this.interrupt(p, stop.vector ?? -1);
          break;
        case 'fault':
          this.fault(p, stop);
          break;
        case 'halt':
          this.kill(p, 'privileged instruction hlt in user mode');
          break;
        default:
          return { kind: 'debug', stop };
      }
    }
  }

  /** Powers the machine off now (halt system call). */
  halt(): void {
    this.processes.saveCurrent();
    this.finished = { kind: 'finished', how: 'halt' };
  }

  /** The process whose code is on the CPU, if any. */
  get currentProcess(): Process | undefined {
    return this.processes.current;
  }

  /** The power-off transcript lines (Pintos prints them after the run). */
  trailer(): string {
    const t = this.timer;
    const lines = [
      `Timer: ${t.ticks} ticks`,
      `Thread: ${t.idleTicks} idle ticks, ${t.kernelTicks} kernel ticks, ${t.userTicks} user ticks`,
    ];
    for (const disk of [this.kernelDisk, this.fsDisk, this.scratchDisk, this.swapDisk]) {
      if (disk) lines.push(`${disk.name}: ${disk.reads} reads, ${disk.writes} writes`);
    }
    lines.push(`Console: ${this.console.charactersOutput} characters output`);
    lines.push(`Keyboard: ${this.console.keysPressed} keys pressed`);
    lines.push(`Exception: ${this.pageFaults} page faults`);
    lines.push('Powering off...');
    return lines.map((l) => `${l}\n`).join('');
  }

  /** Prints the end of the run and the power-off trailer. */
  powerOff(): void {
    const f = this.finished;
    if (f?.kind === 'finished' && f.how !== 'halt') this.console.print(`Execution of '${this.commandLine}' complete.\n`);
    this.console.print(this.trailer());
  }

  /**
   * Kernel objects still held once every process has exited: user frames, kernel pages, swap
   * slots, open files. Empty when nothing leaked. Processes still alive are skipped (their
   * resources are legitimately held), so the report is only meaningful at the end of a run.
   */
  leakReport(): string[] {
    if (this.processes.live().length > 0) return [];
    const leaks: string[] = [];
    if (this.userPool.inUse > 0) leaks.push(`${this.userPool.inUse} user frames still allocated`);
    if (this.kernelPool.inUse > 0) leaks.push(`${this.kernelPool.inUse} kernel pages still allocated`);
    const swapUsed = this.vm.inspectSwap().used.length;
    if (swapUsed > 0) leaks.push(`${swapUsed} swap slots still in use`);
    if (this.fs.openFileInodes > 0) leaks.push(`${this.fs.openFileInodes} files still open`);
    for (const v of this.vm.checkInvariants()) leaks.push(`invariant: ${v}`);
    return leaks;
  }

  private completeRun(how: 'completed' | 'load-failed'): void {
    this.finished = { kind: 'finished', how };
  }

  /** Finishes the machine with a timeout once the clock has reached its deadline; true if so. */
  private stopIfExpired(): boolean {
    if (!this.timer.expired) return false;
    this.finished ??= { kind: 'timeout' };
    return true;
  }

  /** Charges guest time for every sector `disk` moves, at `cost` each. */
  private meterDisk(disk: BlockDevice, cost: SectorCost): void {
    disk.onTransfer = (sectors) => this.meter.sectors(sectors, cost);
  }

  /** The initial process ended: the run is complete (other processes are cut off by power-off). */
  private checkInitialDone(): void {
    const initial = this.processes.processes.get(this.processes.initialPid);
    if (!initial || initial.state === 'exited') this.completeRun('completed');
  }

  /** What the kernel does once per timer tick: an LRU observation round over the accessed bits. */
  private timerTick(): void {
    this.lastTick = this.timer.ticks;
    this.vm.observeAccessBits();
  }

  private endSlice(): void {
    this.meter.newSlice();
    if (this.processes.readyQueue.length > 0) this.processes.preempt();
  }

  /** Ends `p` with `status`: the exit event, then (unless a debugger stops on that event first) the release of everything. */
  exitProcess(p: Process, status: number, killed = false, reason?: string): void {
    this.processes.announceExit(p, status, killed, reason);
    const exit: PendingAction & { kind: 'exit' } = { kind: 'exit', status, killed, ...(reason ? { reason } : {}) };
    if (this.events.stopRequested) {
      this.holdBack(p, exit);
      return;
    }
    this.finishExit(p, exit);
  }

  /** Keeps `action` in `p` until the run goes on: a debugger stopped at the event of this step. */
  private holdBack(p: Process, action: PendingAction): void {
    p.pending = action;
    this.heldBack = p;
  }

  /** Does the work held back when a debugger stopped on the event announcing it (or in the middle of it). */
  private resumePending(p: Process): void {
    const action = p.pending;
    p.pending = undefined;
    this.heldBack = undefined;
    if (action?.kind === 'kill') this.exitProcess(p, -1, true, action.reason);
    else if (action?.kind === 'exit') this.finishExit(p, action);
    else if (action?.kind === 'fault') this.continueFault(p, action.fault);
    else if (action?.kind === 'return') this.setReturnValue(action.value);
    else if (action?.kind === 'syscall') {
      if (action.call) this.continueSyscall(p, action.call);
      else this.dispatchSyscall(p);
    }
  }

  /**
   * Releases exiting `p` (its exit already announced), going on with the release `exit` holds
   * when a stop interrupted it; pauses again at an event that makes a debugger stop.
   */
  private finishExit(p: Process, exit: PendingAction & { kind: 'exit' }): void {
    let release = exit.release;
    if (release === undefined) {
      if (this.processes.current === p) this.processes.saveCurrent();
      release = { steps: this.processes.releaseSteps(p), doing: '' };
    }
    const r = advance(release.steps);
    if (!r.done) {
      this.holdBack(p, { ...exit, release: { steps: release.steps, doing: r.doing } });
      return;
    }
    this.processes.finishExit(p, exit.status);
    this.afterExit();
  }

  private syscall(p: Process): void {
    const cpu = this.machine.cpu;
    const nr = cpu.r64[Reg.RAX];
    p.syscallRsp = Number(cpu.r64[Reg.RSP]);
    this.meter.busy(KERNEL_COST.syscall);
    const entry = nr < BigInt(SYSCALLS.length) ? SYSCALLS[Number(nr)] : undefined;
    if (!entry) {
      this.kill(p, `unknown system call ${nr}`);
      return;
    }
    const args = this.syscallArgs();
    this.events.emit(p.pid, { kind: 'syscall', nr: Number(nr), name: entry.name, args: args.slice(0, SYSCALL_ARITY[Number(nr)]).map(Number) });
    if (this.events.stopRequested) {
      this.holdBack(p, { kind: 'syscall' });
      return;
    }
    this.dispatchSyscall(p);
  }

  /** Puts a system call's return value in rax. */
  private setReturnValue(value: number): void {
    this.machine.cpu.r64[Reg.RAX] = BigInt.asUintN(64, BigInt(value));
  }

  /** rdi, rsi, rdx, r10, r8, r9 of the running process. */
  private syscallArgs(): bigint[] {
    const r = this.machine.cpu.r64;
    return [r[Reg.RDI], r[Reg.RSI], r[Reg.RDX], r[Reg.R10], r[Reg.R8], r[Reg.R9]];
  }

  /** Runs the system call the running process `p` made (its number in rax). */
  private dispatchSyscall(p: Process): void {
    const entry = SYSCALLS[Number(this.machine.cpu.r64[Reg.RAX])];
    let call: CallOutcome | Steps<CallOutcome>;
    try {
      call = entry.handler(this, p, this.syscallArgs());
    } catch (e) {
      this.killIfMisbehaved(p, e);
      return;
    }
    if (isCallWork(call)) this.continueSyscall(p, { steps: call, doing: '' });
    else this.completeSyscall(p, call);
  }

  /**
   * Drives the system call of `p` as far as it goes: to its end, or to an event that makes a
   * debugger stop, where the rest of the call waits in `p`.
   */
  private continueSyscall(p: Process, call: SuspendedWork<CallOutcome>): void {
    let r;
    try {
      r = advance(call.steps);
    } catch (e) {
      this.killIfMisbehaved(p, e);
      return;
    }
    if (!r.done) this.holdBack(p, { kind: 'syscall', call: { steps: call.steps, doing: r.doing } });
    else this.completeSyscall(p, r.value);
  }

  /** Kills `p` when `e` says it misbehaved in a system call (ProcessKilled); rethrows anything else. */
  private killIfMisbehaved(p: Process, e: unknown): void {
    if (!(e instanceof ProcessKilled)) throw e;
    this.kill(p, e.reason);
  }

  /**
   * Finishes the system call of the running process `p` with `outcome`: its value in rax (held
   * back when the call's last event made a debugger stop), or the process leaves the CPU.
   */
  private completeSyscall(p: Process, outcome: CallOutcome): void {
    if (outcome.kind === 'return' && this.events.stopRequested) this.holdBack(p, { kind: 'return', value: outcome.value });
    else if (outcome.kind === 'return') this.setReturnValue(outcome.value);
    else if (outcome.kind === 'blocked') {
      this.processes.saveCurrent();
      this.meter.newSlice();
    }
  }

  private interrupt(p: Process, vector: number): void {
    if (vector !== 0x42) {
      this.kill(p, `int 0x${vector.toString(16)} from user mode (general protection)`);
      return;
    }
    const cpu = this.machine.cpu;
    const addr = cpu.r64[Reg.RAX];
    const frame = addr < BigInt(KERN_BASE) ? this.vm.frameAddress(p.space, Number(addr)) : 0;
    cpu.r64[Reg.RAX] = BigInt(frame);
  }

  private fault(p: Process, stop: MachineStop): void {
    if (stop.vector === 14 && stop.addr !== undefined && stop.errorCode !== undefined) {
      const cpu = this.machine.cpu;
      const steps = this.vm.faultSteps(p.space, {
        addr: stop.addr,
        write: (stop.errorCode & PfError.Write) !== 0,
        user: true,
        present: (stop.errorCode & PfError.Present) !== 0,
        fetch: (stop.errorCode & PfError.Fetch) !== 0,
        errorCode: stop.errorCode,
        rsp: Number(cpu.r64[Reg.RSP]),
        rip: cpu.rip,
      });
      this.continueFault(p, { steps, doing: '', addr: stop.addr, killReason: `page fault at 0x${stop.addr.toString(16)}` });
      return;
    }
    if (stop.vector === Vector.UD) {
      // up to 15 bytes of the instruction, read without side effects, as far as they are mapped
      const insn = describeUnemulated(this.memory.readVirtual(this.machine.cpu.rip, 15, { user: true }).bytes);
      if (insn) {
        this.kill(p, `instruction not emulated: ${insn.text} (${insn.family}) at 0x${this.machine.cpu.rip.toString(16)} in pid ${p.pid}`);
        return;
      }
    }
    const names: Record<number, string> = { 0: 'divide error', 6: 'invalid opcode', 13: 'general protection fault' };
    const what = names[stop.vector ?? -1] ?? `exception ${stop.vector}`;
    this.kill(p, `${what} at rip 0x${this.machine.cpu.rip.toString(16)}${stop.message ? `: ${stop.message}` : ''}`);
  }

  /**
   * Resolves the page fault of user code in `p` as far as it goes: to its end (the instruction
   * runs again, or `p` is killed when the fault is invalid), or to an event that makes a debugger
   * stop, where the rest waits in `p` with the instruction not yet retried.
   */
  private continueFault(p: Process, fault: SuspendedFault): void {
    const r = advance(fault.steps);
    if (!r.done) {
      this.holdBack(p, { kind: 'fault', fault: { ...fault, doing: r.doing } });
      return;
    }
    if (!r.value) this.kill(p, fault.killReason);
  }

  /**
   * Terminates `p` with exit(-1), as Pintos does for a misbehaving process. When an event of this
   * step (the invalid page fault) made a debugger stop, the kill waits until the process resumes,
   * so the debugger shows it alive at the faulting instruction.
   */
  private kill(p: Process, reason: string): void {
    if (this.events.stopRequested) {
      this.holdBack(p, { kind: 'kill', reason });
      return;
    }
    this.exitProcess(p, -1, true, reason);
  }

  private afterExit(): void {
    this.meter.newSlice();
    this.checkInitialDone();
  }
}
