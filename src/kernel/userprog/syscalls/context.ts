// What a system-call handler works with: the kernel services and the calling process.
import type { Console } from '../../devices/console';
import type { FileSystem } from '../../filesys/filesys';
import type { Steps } from '../../steps';
import type { VirtualMemory } from '../../vm/virtual-memory';
import type { CallOutcome, ProcessManager } from '../process-manager';
import type { Process } from '../process';
import type { UserMemory } from '../user-memory';

/** Kernel services available to system calls. */
export interface SyscallServices {
  readonly fs: FileSystem;
  readonly console: Console;
  readonly vm: VirtualMemory;
  readonly userMemory: UserMemory;
  readonly processes: ProcessManager;
  /** Powers the machine off (halt). */
  halt(): void;
  /**
   * Ends process `p` with `status` (exit system call; `killed` when the kernel ends it, with the
   * `reason`); a debugger may hold it at the exit event.
   */
  exitProcess(p: Process, status: number, killed?: boolean, reason?: string): void;
}

/**
 * A system call: its arguments are rdi, rsi, rdx, r10, r8, r9 as unsigned 64-bit values. Returns
 * its outcome, or, for a call that touches user memory or releases an address space, work that
 * pauses at the events a debugger stops on and ends with the outcome (see steps.ts).
 */
export type SyscallHandler = (k: SyscallServices, p: Process, args: readonly bigint[]) => CallOutcome | Steps<CallOutcome>;

/** True when a handler returned work to drive rather than its outcome. */
export function isCallWork(r: CallOutcome | Steps<CallOutcome>): r is Steps<CallOutcome> {
  return !('kind' in r);
}

/** The value to return in rax. */
export function ret(value: number): CallOutcome {
  return { kind: 'return', value };
}

/** Argument as a C `int` (low 32 bits, signed). */
export function asInt(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

/** Argument as a C `unsigned` (low 32 bits). */
export function asUnsigned(v: bigint): number {
  return Number(BigInt.asUintN(32, v));
}

/** Argument as a pointer: exact below 2^53; larger values become -1, which every user-memory check rejects. */
export function asPointer(v: bigint): number {
  return v < 0x20000000000000n ? Number(v) : -1;
}
