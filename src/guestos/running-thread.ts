// Which `struct thread` is on the CPU of a booted Pintos kernel: as Pintos's running_thread(), the
// page the kernel stack pointer is in (rsp at CPL 0, the TSS's rsp0 when user code runs), checked
// against the thread's magic number when its struct has one.
import type { CpuState } from '../emu/cpu/cpu-state';
import { tssStack } from '../emu/cpu/descriptors';
import { Reg } from '../emu/cpu/registers';
import { readUnsigned, type GuestMemory } from './guest-memory';
import type { StructIndex } from './struct-index';

/** Pintos's THREAD_MAGIC, the value a live thread's `magic` member holds. */
export const THREAD_MAGIC = 0xcd6abf4b;

/** The address of the running thread's `struct thread`, or undefined when the stack page holds no
 *  live thread (a bad magic) or the stack pointer cannot be found (no TSS loaded yet). */
export function runningThread(cpu: CpuState, mem: GuestMemory, types: StructIndex): number | undefined {
  let sp: number;
  try {
    sp = cpu.sys.cpl === 0 ? cpu.r32[Reg.RSP * 2] + cpu.r32[Reg.RSP * 2 + 1] * 4294967296 : tssStack(cpu, 0) - 1;
  } catch {
    return undefined;
  }
  const thread = sp - (sp % 4096);
  const magic = types.struct('thread')?.members.find((m) => m.name === 'magic');
  if (magic === undefined) return thread;
  try {
    return readUnsigned(mem, thread + magic.offset, 4, 'the thread\'s magic') === THREAD_MAGIC ? thread : undefined;
  } catch {
    return undefined;
  }
}
