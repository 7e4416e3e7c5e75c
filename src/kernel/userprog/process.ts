// A Pintos user process: identity, family, saved CPU context, address space, descriptors and
// exit bookkeeping. Plain data (but for work held back at a debugger stop, see SuspendedWork); the
// kernel's operations live in the files beside this one.
import type { CpuSnapshot } from '../../emu/cpu/cpu-state';
import type { OpenFile } from '../filesys/file';
import type { Steps } from '../steps';
import type { AddressSpace } from '../vm/virtual-memory';
import { FdTable } from './fd-table';
import type { CallOutcome } from './process-manager';

export type ProcessState = 'ready' | 'running' | 'blocked' | 'exited';

/**
 * Kernel work stopped in the middle at one of its events (see steps.ts): the rest of it, and the
 * words naming what it was doing. Not plain data: it exists only while a debugger is stopped at
 * that event, and the kernel finishes it before anything else when the process resumes, so the
 * machine is only ever snapshotted (for time travel) between instructions, when no process holds
 * such work.
 */
export interface SuspendedWork<T> {
  steps: Steps<T>;
  doing: string;
}

/** A page fault whose resolution a debugger stopped in the middle of. */
export interface SuspendedFault extends SuspendedWork<boolean> {
  /** the faulting address */
  addr: number;
  /** why the process is killed if the fault turns out invalid */
  killReason: string;
}

/**
 * Work the kernel decided on but held back because a debugger stopped the machine on the event
 * announcing it; done when the process next runs, before anything else.
 */
export type PendingAction =
  | { kind: 'kill'; reason: string }
  /** a page fault of user code, resolved in part; the instruction runs again once it is resolved */
  | { kind: 'fault'; fault: SuspendedFault }
  /** the system call has not started yet, or stopped in the middle (`call`, the rest of it) */
  | { kind: 'syscall'; call?: SuspendedWork<CallOutcome> }
  /** the system call is done; its return value goes to rax */
  | { kind: 'return'; value: number }
  /** the exit was announced; the release of the process starts, or goes on (`release`) */
  | { kind: 'exit'; status: number; killed: boolean; reason?: string; release?: SuspendedWork<void> };

/** Why a blocked process waits. */
export type WaitReason = { kind: 'child'; pid: number };

/** One user process (one Pintos thread running user code). */
export class Process {
  state: ProcessState = 'ready';
  waiting: WaitReason | undefined;
  /** saved registers while not running */
  context: CpuSnapshot | undefined;
  /** held-back kernel work (see PendingAction) */
  pending: PendingAction | undefined;
  /** user rsp saved at the last syscall entry (stack growth inside syscalls needs it) */
  syscallRsp = 0;
  /** the executable, open and write-denied while the process runs */
  executable: OpenFile | undefined;
  fds = FdTable.standard();
  children: number[] = [];
  exitStatus: number | undefined;
  /** the parent already collected the exit status with wait */
  waited = false;
  /** the parent exited: nobody will wait for this process */
  orphan = false;
  /** kernel-pool pages charged to the process itself (thread page); the address space charges its own */
  kernelPages: number[] = [];
  /** retired user instructions, for statistics */
  userInstructions = 0;

  constructor(
    readonly pid: number,
    /** name printed in the exit line: first word of the command line, at most 15 characters */
    public name: string,
    readonly parentPid: number,
    public space: AddressSpace,
    public cmdline: string,
  ) {}
}

/** The process name Pintos derives from a command line: its first word, cut to 15 characters. */
export function processName(cmdline: string): string {
  const first = cmdline.trim().split(/ +/)[0] ?? '';
  return first.slice(0, 15);
}
