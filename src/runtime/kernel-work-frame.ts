// The call stack's top frame while a process is stopped inside the kernel: the work the kernel is
// doing for it (a page fault resolved in part, a system call stopped in the middle, not started
// yet or about to return, an exit or a kill held back at its event, the release of an exiting
// process), named like
// "[kernel] page fault at 0x4747c000: evicting frame 12 (page 0x4747f000 of pid 1)" or
// "[kernel] read: checking the user buffer (writable), page fault at 0x4747c000: resolved".
import type { Process } from '../kernel/userprog/process';
import { SYSCALLS } from '../kernel/userprog/syscalls/table';

/** The name of system call `rax`. */
function callName(rax: bigint | undefined): string {
  return rax !== undefined && rax < BigInt(SYSCALLS.length) ? SYSCALLS[Number(rax)].name : 'system call';
}

/**
 * The label of the kernel work `p` is stopped in, or undefined when it is stopped in user code.
 * `rax` is the process's rax (the system call number while a call is pending).
 */
export function kernelWorkLabel(p: Process, rax: bigint | undefined): string | undefined {
  const pending = p.pending;
  if (pending === undefined) return undefined;
  switch (pending.kind) {
    case 'fault':
      return `[kernel] page fault at 0x${pending.fault.addr.toString(16)}: ${pending.fault.doing}`;
    case 'syscall':
      return `[kernel] ${callName(rax)}: ${pending.call?.doing ?? 'entered, not started yet'}`;
    case 'return': {
      const name = callName(rax);
      return `[kernel] ${name}: returning ${name === 'mmap' ? `0x${pending.value.toString(16)}` : pending.value}`;
    }
    case 'exit':
      return `[kernel] exit(${pending.status}): ${pending.release?.doing ?? 'about to release the process'}`;
    case 'kill':
      return `[kernel] killing the process: ${pending.reason}`;
  }
}
