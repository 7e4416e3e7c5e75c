// Process lifetime and scheduling: creating the first process, fork, exec, wait, exit, and the
// round-robin ready queue with context switches. Everything a process owned is released at exit.
import type { CpuState } from '../../emu/cpu/cpu-state';
import { Reg } from '../../emu/cpu/registers';
import type { Console } from '../devices/console';
import type { EventBus } from '../events';
import type { FileSystem } from '../filesys/filesys';
import type { FramePool } from '../memory/frame-pool';
import { finish, type Steps } from '../steps';
import type { VirtualMemory } from '../vm/virtual-memory';
import { loadProgram } from './loader';
import { Process, processName } from './process';
import type { UserMemory } from './user-memory';

/** Result of a system call that may block: the value for rax, or a request to block. */
export type CallOutcome = { kind: 'return'; value: number } | { kind: 'blocked' } | { kind: 'gone' };

/** The set of processes of one machine and the scheduler over them. */
export class ProcessManager {
  readonly processes = new Map<number, Process>();
  readonly readyQueue: number[] = [];
  /** name of every process ever started, by pid (exited ones included) */
  readonly names = new Map<number, string>();
  current: Process | undefined;
  /** pid of the process started by the `run` action; its end ends the run */
  initialPid = 0;
  private nextPid = 1;

  constructor(
    private readonly cpu: CpuState,
    private readonly fs: FileSystem,
    private readonly vm: VirtualMemory,
    private readonly userMemory: UserMemory,
    private readonly kernelPool: FramePool,
    private readonly events: EventBus,
    private readonly console: Console,
  ) {}

  /** Starts the first process from `cmdline`. Returns false (after printing the load message) when it cannot load. */
  startInitial(cmdline: string): boolean {
    const pid = this.nextPid++;
    this.initialPid = pid;
    const threadPage = this.kernelPool.allocate();
    if (threadPage === undefined) return false;
    const loaded = finish(loadProgram(this.fs, this.vm, this.userMemory, pid, cmdline, undefined));
    if (!loaded.ok) {
      this.kernelPool.free(threadPage);
      this.console.print(`${loaded.message}\n`);
      return false;
    }
    const p = new Process(pid, processName(cmdline), 0, loaded.image.space, cmdline);
    p.kernelPages.push(threadPage);
    p.executable = loaded.image.executable;
    p.context = loaded.image.context;
    this.processes.set(pid, p);
    this.names.set(pid, p.name);
    this.events.emit(pid, { kind: 'process-start', name: p.name, cmdline, parentPid: 0 }, loaded.image.context.rip);
    this.readyQueue.push(pid);
    return true;
  }

  /**
   * fork(name): a copy-on-write child of the running process `parent`. Returns the child's pid,
   * or -1; the teardown of a failed fork pauses at its events like any other (steps.ts).
   */
  *fork(parent: Process, name: string): Steps<number> {
    const threadPage = this.kernelPool.allocate();
    if (threadPage === undefined) return -1;
    const pid = this.nextPid;
    const space = this.vm.createSpace(pid);
    if (!space) {
      this.kernelPool.free(threadPage);
      return -1;
    }
    if (!this.vm.forkSpace(parent.space, space)) {
      yield* this.vm.destroySteps(space);
      this.kernelPool.free(threadPage);
      return -1;
    }
    this.nextPid++;
    const child = new Process(pid, name.slice(0, 15), parent.pid, space, parent.cmdline);
    child.kernelPages.push(threadPage);
    child.fds = parent.fds.fork();
    child.executable = parent.executable?.duplicate();
    const context = this.cpu.snapshot();
    new DataView(context.registerFile.buffer).setBigUint64(Reg.RAX * 8, 0n, true);
    child.context = context;
    parent.children.push(pid);
    this.processes.set(pid, child);
    this.names.set(pid, child.name);
    this.readyQueue.push(pid);
    this.events.emit(parent.pid, { kind: 'fork', childPid: pid, childName: child.name });
    this.events.emit(pid, { kind: 'process-start', name: child.name, cmdline: child.cmdline, parentPid: parent.pid }, context.rip);
    return pid;
  }

  /**
   * exec(cmdline) in the running process `p`: on success the new image replaces the old one
   * (same pid, same descriptors, same name), the process continues at its entry and undefined
   * is returned; on failure the load message is printed and returned, with the old image intact
   * (the caller ends the process). Pauses at the events of loading the new image and of
   * releasing the old one that a debugger stops on; the old image stays the process's until it
   * is gone (see steps.ts).
   */
  *exec(p: Process, cmdline: string): Steps<string | undefined> {
    const loaded = yield* loadProgram(this.fs, this.vm, this.userMemory, p.pid, cmdline, p.space);
    if (!loaded.ok) {
      this.console.print(`${loaded.message}\n`);
      this.events.emit(p.pid, { kind: 'exec', cmdline, ok: false });
      return loaded.message;
    }
    yield* this.vm.destroySteps(p.space);
    p.space = loaded.image.space;
    this.vm.activate(p.space);
    p.executable?.close();
    p.executable = loaded.image.executable;
    p.cmdline = cmdline;
    this.cpu.restore(loaded.image.context);
    this.events.emit(p.pid, { kind: 'exec', cmdline, ok: true }, loaded.image.context.rip);
    return undefined;
  }

  /** wait(pid) by `p`: the child's status once, -1 for a non-child or a second wait; blocks while the child runs. */
  wait(p: Process, pid: number): CallOutcome {
    const child = this.processes.get(pid);
    if (!child || child.parentPid !== p.pid || child.waited || !p.children.includes(pid)) return { kind: 'return', value: -1 };
    if (child.state === 'exited') return { kind: 'return', value: this.collect(p, child) };
    p.state = 'blocked';
    p.waiting = { kind: 'child', pid };
    return { kind: 'blocked' };
  }

  /**
   * Ends process `p` with `status`: prints the exit line, releases descriptors, the executable,
   * the address space and kernel pages, orphans its children and wakes a waiting parent.
   */
  exit(p: Process, status: number, killed = false, reason?: string): void {
    this.announceExit(p, status, killed, reason);
    finish(this.releaseSteps(p));
    this.finishExit(p, status);
  }

  /**
   * Prints the exit line and emits the exit event, before anything is released (as Pintos prints
   * it first), so a debugger stopping on the event sees the process whole and its exit line.
   */
  announceExit(p: Process, status: number, killed: boolean, reason?: string): void {
    this.console.print(`${p.name}: exit(${status})\n`);
    this.events.emit(p.pid, { kind: 'exit', status, name: p.name, killed, ...(reason ? { reason } : {}) });
  }

  /**
   * The second part of `exit`: closes the descriptors and the executable and releases the address
   * space, pausing at the events of its teardown that a debugger stops on (see steps.ts).
   */
  *releaseSteps(p: Process): Steps<void> {
    p.fds.closeAll();
    p.executable?.close();
    p.executable = undefined;
    yield* this.vm.destroySteps(p.space);
  }

  /** The last part of `exit`, once `releaseSteps` ended: the process is gone (see `exit`). */
  finishExit(p: Process, status: number): void {
    p.exitStatus = status;
    p.state = 'exited';
    for (const page of p.kernelPages) this.kernelPool.free(page);
    p.kernelPages = [];
    for (const pid of p.children) {
      const child = this.processes.get(pid);
      if (!child) continue;
      child.orphan = true;
      if (child.state === 'exited') this.processes.delete(pid);
    }
    if (this.current === p) this.current = undefined;
    const parent = this.processes.get(p.parentPid);
    if (!parent || p.orphan) {
      if (p.pid !== this.initialPid) this.processes.delete(p.pid);
      return;
    }
    if (parent.state === 'blocked' && parent.waiting?.pid === p.pid) {
      const value = this.collect(parent, p);
      parent.waiting = undefined;
      parent.state = 'ready';
      setRax(parent, value);
      this.readyQueue.push(parent.pid);
    }
  }

  /** Picks the next ready process and makes it current (restoring its registers and address space). */
  switchToNext(): Process | undefined {
    while (this.readyQueue.length > 0) {
      const pid = this.readyQueue.shift()!;
      const p = this.processes.get(pid);
      if (!p || p.state !== 'ready') continue;
      this.switchTo(p);
      return p;
    }
    return undefined;
  }

  /** Puts the running process at the back of the ready queue (end of its time slice). */
  preempt(): void {
    const p = this.current;
    if (!p) return;
    this.saveCurrent();
    p.state = 'ready';
    this.readyQueue.push(p.pid);
  }

  /** Saves the running process's registers and leaves no process running (it blocked or is being switched out). */
  saveCurrent(): void {
    const p = this.current;
    if (!p) return;
    p.context = this.cpu.snapshot();
    if (p.state === 'running') p.state = 'ready';
    this.current = undefined;
  }

  /** Live processes (not exited), by pid. */
  live(): Process[] {
    return [...this.processes.values()].filter((p) => p.state !== 'exited').sort((a, b) => a.pid - b.pid);
  }

  private switchTo(p: Process): void {
    if (p.context) this.cpu.restore(p.context);
    p.context = undefined;
    p.state = 'running';
    this.vm.activate(p.space);
    this.current = p;
  }

  /** Hands the exit status of `child` to `parent` (once) and forgets the child. */
  private collect(parent: Process, child: Process): number {
    child.waited = true;
    parent.children = parent.children.filter((c) => c !== child.pid);
    if (child.pid !== this.initialPid) this.processes.delete(child.pid);
    return child.exitStatus ?? -1;
  }
}

/** Sets rax in a process's saved context (a blocked process resuming with a result). */
function setRax(p: Process, value: number): void {
  if (!p.context) return;
  new DataView(p.context.registerFile.buffer).setBigInt64(Reg.RAX * 8, BigInt(value), true);
}
