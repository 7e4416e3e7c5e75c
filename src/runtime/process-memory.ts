// Side-effect-free access to the memory of any process, through its own page tables (not the
// MMU's current root): no page is faulted in, no accessed/dirty bit or TLB entry changes.
import type { PhysicalMemory } from '../emu/memory/physical-memory';
import { lookupPage } from '../emu/memory/page-table';
import type { Process } from '../kernel/userprog/process';
import type { ProcessMemory } from './inspector-host';

const PAGE_SIZE = 4096;
const USER_LIMIT = 2 ** 47;

/**
 * The physical address of user-accessible `va` in the tables at `pml4` (writable too when `write`),
 * or undefined when an access from user mode would fault. Reads the tables only.
 */
export function peekUserAddress(phys: PhysicalMemory, pml4: number, va: number, write: boolean): number | undefined {
  if (!(va >= 0 && va < USER_LIMIT)) return undefined;
  return lookupPage(phys, pml4, va, { user: true, write });
}

/** Reads the readable prefix of [va, va+length) in the tables at `pml4`. */
export function readUserMemory(phys: PhysicalMemory, pml4: number, va: number, length: number): { bytes: Uint8Array; unreadableAt?: number } {
  const out = new Uint8Array(Math.max(0, length));
  for (let done = 0; done < length; ) {
    const at = va + done;
    const n = Math.min(length - done, PAGE_SIZE - (at % PAGE_SIZE));
    const pa = peekUserAddress(phys, pml4, at, false);
    if (pa === undefined) return { bytes: out.slice(0, done), unreadableAt: at };
    out.set(phys.ram.subarray(pa, pa + n), done);
    done += n;
  }
  return { bytes: out };
}

/** Writes all of `bytes` at `va` (through the physical write barrier) or nothing; false when a page is not writable. */
export function writeUserMemory(phys: PhysicalMemory, pml4: number, va: number, bytes: Uint8Array): boolean {
  const pieces: [number, number, number][] = [];
  for (let done = 0; done < bytes.length; ) {
    const at = va + done;
    const n = Math.min(bytes.length - done, PAGE_SIZE - (at % PAGE_SIZE));
    const pa = peekUserAddress(phys, pml4, at, true);
    if (pa === undefined) return false;
    pieces.push([pa, done, n]);
    done += n;
  }
  for (const [pa, from, n] of pieces) phys.writeBytes(pa, bytes.subarray(from, from + n));
  return true;
}

/** ProcessMemory of `process`, following its current address space (exec replaces it). */
export function processMemoryOf(phys: PhysicalMemory, process: Process): ProcessMemory {
  return {
    pid: process.pid,
    read: (va, length) => readUserMemory(phys, process.space.pml4, va, length),
    write: (va, bytes) => writeUserMemory(phys, process.space.pml4, va, bytes),
  };
}
