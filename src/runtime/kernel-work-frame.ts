// The call stack's top frame while a process is stopped inside the kernel: the work the kernel is
// doing for it (a system call suspended at a fault, a call not started yet, an exit or a kill held
// back at its event), named like "[kernel] read: checking the user buffer (writable)".
import type { Process } from '../kernel/userprog/process';
import { SYSCALLS } from '../kernel/userprog/syscalls/table';

/**
 * The label of the kernel work `p` is stopped in, or undefined when it is stopped in user code.
 * `rax` is the process's rax (the system call number while a call is pending).
 */
export function kernelWorkLabel(p: Process, rax: bigint | undefined): string | undefined {
  const pending = p.pending;
  if (pending === undefined) return undefined;
  switch (pending.kind) {
    case 'syscall': {
      const name = rax !== undefined && rax < BigInt(SYSCALLS.length) ? SYSCALLS[Number(rax)].name : 'system call';
      return `[kernel] ${name}: ${pending.doing ?? 'entered, not started yet'}`;
    }
    case 'exit':
      return `[kernel] exit(${pending.status}): about to release the process`;
    case 'kill':
      return `[kernel] killing the process: ${pending.reason}`;
  }
}
