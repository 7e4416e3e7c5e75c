// A booted Pintos kernel's threads as a debugger names them: the `struct thread` on the CPU (see
// running-thread.ts) with its `tid` and `name` members read through DWARF. Read-only.
import type { CpuState } from '../emu/cpu/cpu-state';
import { readUnsigned, type GuestMemory } from './guest-memory';
import { runningThread } from './running-thread';
import type { StructIndex } from './struct-index';

/** One kernel thread. */
export interface GuestThread {
  /** the thread's `tid`; 1 (Pintos's initial thread) when the struct has no tid or none is running yet */
  tid: number;
  /** `tid name`, or a description of the CPU's state when no thread is found */
  label: string;
  /** address of its `struct thread`, when found */
  address?: number;
  /** the thread's `name` member */
  name?: string;
}

/** Most characters read of a thread's name. */
const NAME_MAX = 32;

/** The `name` member (a char array) of the thread at `address`, or undefined. */
function threadName(mem: GuestMemory, types: StructIndex, address: number): string | undefined {
  const member = types.struct('thread')?.members.find((m) => m.name === 'name');
  if (member === undefined) return undefined;
  const bytes = mem.read(address + member.offset, NAME_MAX);
  if (bytes === undefined) return undefined;
  const end = bytes.indexOf(0);
  const text = Buffer.from(bytes.subarray(0, end < 0 ? bytes.length : end)).toString('latin1');
  return /^[\x20-\x7e]*$/.test(text) ? text : undefined;
}

/** The thread's `tid` member as a signed int, or undefined. */
function threadId(mem: GuestMemory, types: StructIndex, address: number): number | undefined {
  const member = types.struct('thread')?.members.find((m) => m.name === 'tid');
  if (member === undefined) return undefined;
  try {
    return readUnsigned(mem, address + member.offset, 4, 'tid') | 0;
  } catch {
    return undefined;
  }
}

/**
 * The thread on the CPU. Before the kernel has a thread (early boot) or when the stack page
 * holds none, a thread 1 labelled "kernel (no thread yet)" stands for the CPU, so the debugger
 * always has a thread to show.
 */
export function currentGuestThread(cpu: CpuState, mem: GuestMemory, types: StructIndex): GuestThread {
  const address = runningThread(cpu, mem, types);
  if (address === undefined) return { tid: 1, label: 'kernel (no thread yet)' };
  const tid = threadId(mem, types, address);
  const name = threadName(mem, types, address);
  const id = tid !== undefined && tid > 0 ? tid : 1;
  return { tid: id, label: `${id} ${name ?? 'thread'}`, address, name };
}
