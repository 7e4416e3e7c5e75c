// A Pintos user process: identity, family, saved CPU context, address space, descriptors and
// exit bookkeeping. Plain data; the kernel's operations live in the files beside this one.
import type { CpuSnapshot } from '../../emu/cpu/cpu-state';
import type { OpenFile } from '../filesys/file';
import type { AddressSpace } from '../vm/virtual-memory';
import { FdTable } from './fd-table';

export type ProcessState = 'ready' | 'running' | 'blocked' | 'exited';

/**
 * Work the kernel decided on but held back because a debugger stopped the machine on the event
 * announcing it; done when the process next runs.
 */
export type PendingAction =
  | { kind: 'kill'; reason: string }
  /** the system call has not run yet, or was suspended before any side effect (`doing` says where) and restarts */
  | { kind: 'syscall'; doing?: string }
  | { kind: 'exit'; status: number; killed: boolean; reason?: string };

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
