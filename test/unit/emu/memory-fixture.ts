// Shared setup of the memory tests: a memory system with a bump allocator for page-table pages
// (from TABLE_POOL upward) and data frames chosen by the tests (from FRAME_POOL upward).

import { PageFault } from '../../../src/emu/memory/contract';
import { MemorySystem, MemorySystemOptions } from '../../../src/emu/memory/memory-system';
import { mapPage } from '../../../src/emu/memory/page-table';
import { PTE_U, PTE_W } from '../../../src/emu/memory/pte';

export const MiB = 1024 * 1024;
export const TABLE_POOL = 0x10_0000;
export const FRAME_POOL = 0x20_0000;
export const USER_RW = PTE_U | PTE_W;
export const USER_RO = PTE_U;
export const KERNEL_RW = PTE_W;

export interface Fixture {
  readonly ms: MemorySystem;
  readonly pml4: number;
  /** page-table pages handed out so far */
  tablePages(): number;
  /** a fresh page-table page, or undefined after `limit` pages */
  alloc(): number | undefined;
  /** maps va → pa in the fixture's address space; throws if a table page is missing */
  map(va: number, pa: number, perm: bigint): void;
}

/** Returns a fresh memory of `mib` MiB whose root is an empty PML4. */
export function makeFixture(mib = 4, options: MemorySystemOptions = {}, limit = 64): Fixture {
  const ms = new MemorySystem(mib * MiB, options);
  let next = TABLE_POOL;
  let handed = 0;
  const alloc = (): number | undefined => {
    if (handed >= limit) return undefined;
    handed++;
    const page = next;
    next += 4096;
    return page;
  };
  const pml4 = alloc() as number;
  ms.phys.zeroPage(pml4);
  ms.setRoot(pml4);
  return {
    ms,
    pml4,
    tablePages: () => handed,
    alloc,
    map(va, pa, perm) {
      if (!mapPage(ms.phys, pml4, va, pa, perm, alloc)) throw new Error(`could not map 0x${va.toString(16)}`);
    },
  };
}

/** Returns the error code of the PageFault `fn` throws; fails if it does not throw one. */
export function faultOf(fn: () => unknown): { addr: number; errorCode: number } {
  try {
    fn();
  } catch (e) {
    if (e instanceof PageFault) return { addr: e.addr, errorCode: e.errorCode };
    throw e;
  }
  throw new Error('expected a page fault');
}
