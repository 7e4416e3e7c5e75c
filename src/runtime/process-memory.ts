// Side-effect-free access to the memory of any process, through its own page tables (not the
// MMU's current root): no page is faulted in, no accessed/dirty bit or TLB entry changes. Reads see
// through to where a non-resident page lives (swap slot, file, zeros) when given a peek function.
import type { PhysicalMemory } from '../emu/memory/physical-memory';
import { lookupPage } from '../emu/memory/page-table';
import type { Process } from '../kernel/userprog/process';
import type { PeekedPage } from '../kernel/vm/peek-page';
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

/** The content of the non-resident user page holding `va` and where it lives; undefined when it is not mapped at all. */
export type AbsentPagePeek = (va: number) => PeekedPage | undefined;

/** A read of user memory: the readable prefix, where it stopped, and where non-resident bytes came from. */
export interface UserMemoryRead {
  bytes: Uint8Array;
  /** the first address that could not be read, when `bytes` is short */
  unreadableAt?: number;
  /** origins of bytes that are not in a frame (`in swap slot 17`, ...), each once, in address order */
  origins?: string[];
}

/**
 * Reads the readable prefix of [va, va+length) in the tables at `pml4`. Pages that are not present
 * are read through `peek` (their swap slot, file or zeros) when it knows them, else the read stops.
 */
export function readUserMemory(phys: PhysicalMemory, pml4: number, va: number, length: number, peek?: AbsentPagePeek): UserMemoryRead {
  const out = new Uint8Array(Math.max(0, length));
  const origins: string[] = [];
  for (let done = 0; done < length; ) {
    const at = va + done;
    const offset = at % PAGE_SIZE;
    const n = Math.min(length - done, PAGE_SIZE - offset);
    const pa = peekUserAddress(phys, pml4, at, false);
    if (pa !== undefined) {
      out.set(phys.ram.subarray(pa, pa + n), done);
    } else {
      const absent = at >= 0 && at < USER_LIMIT ? peek?.(at) : undefined;
      if (absent === undefined) return withOrigins({ bytes: out.slice(0, done), unreadableAt: at }, origins);
      out.set(absent.bytes.subarray(offset, offset + n), done);
      if (!origins.includes(absent.origin)) origins.push(absent.origin);
    }
    done += n;
  }
  return withOrigins({ bytes: out }, origins);
}

function withOrigins(read: UserMemoryRead, origins: string[]): UserMemoryRead {
  return origins.length > 0 ? { ...read, origins } : read;
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

/** ProcessMemory of `process`, following its current address space (exec replaces it); non-resident pages through `peek`. */
export function processMemoryOf(phys: PhysicalMemory, process: Process, peek?: AbsentPagePeek): ProcessMemory {
  return {
    pid: process.pid,
    read: (va, length) => readUserMemory(phys, process.space.pml4, va, length, peek),
    write: (va, bytes) => writeUserMemory(phys, process.space.pml4, va, bytes),
  };
}
