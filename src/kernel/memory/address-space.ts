// A process's address space as the VM subsystem keeps it: the PML4 and the page-table pages (real
// bytes in guest RAM, taken from the kernel pool), the supplemental page table, the mmap regions
// and the files the lazily loaded pages read from. Plain data; the operations live in src/kernel/vm.
import type { OpenFile } from '../filesys/file';
import type { Page } from '../vm/page';
import type { FramePool } from './frame-pool';

/** SPT entries one kernel page of bookkeeping covers. */
export const SPT_ENTRIES_PER_PAGE = 64;

/** One mmap mapping: pages [addr, addr + pageCount*4096) backed by its own reopened file. */
export interface MmapRegion {
  readonly id: number;
  readonly addr: number;
  /** length the process asked for, in bytes */
  readonly length: number;
  readonly pageCount: number;
  /** the mapping's own file description, closed at munmap or exit */
  readonly file: OpenFile;
  readonly name: string;
  readonly fd: number;
  readonly offset: number;
  readonly writable: boolean;
}

/** A file that lazily loaded segment pages read from: the space's own reopened description. */
export interface BackingFile {
  /** the description the loader passed (to recognise further segments of the same file) */
  readonly source: OpenFile;
  /** this space's description, closed when the space is destroyed */
  readonly own: OpenFile;
  readonly name: string;
}

/** One process image: its page tables, SPT, mappings and backing files. Plain data. */
export interface AddressSpace {
  /** unique among all spaces ever created (a pid has two while exec loads the new image) */
  readonly id: number;
  readonly pid: number;
  /** physical address of the PML4 (a kernel-pool page) */
  readonly pml4: number;
  /** PDPT, PD and PT pages (kernel pool), in allocation order */
  readonly tablePages: number[];
  /** kernel pages charged for SPT bookkeeping (one per SPT_ENTRIES_PER_PAGE entries) */
  readonly sptPages: number[];
  /** supplemental page table, keyed by page address */
  readonly spt: Map<number, Page>;
  readonly mappings: MmapRegion[];
  readonly files: BackingFile[];
  /** pages in frames now, and the most there ever were */
  resident: number;
  peakResident: number;
  destroyed: boolean;
}

/** Returns a new empty address space around an already zeroed PML4 page. */
export function newAddressSpace(id: number, pid: number, pml4: number): AddressSpace {
  return { id, pid, pml4, tablePages: [], sptPages: [], spt: new Map(), mappings: [], files: [], resident: 0, peakResident: 0, destroyed: false };
}

/** Kernel-pool pages charged to `space`: PML4, page-table pages and SPT bookkeeping. */
export function kernelPagesCharged(space: AddressSpace): number {
  return 1 + space.tablePages.length + space.sptPages.length;
}

/** Kernel pages needed for an SPT of `entries` entries. */
export function sptPagesFor(entries: number): number {
  return Math.ceil(entries / SPT_ENTRIES_PER_PAGE);
}

/**
 * Makes sure `space` is charged enough kernel pages for an SPT of `entries` entries, allocating
 * from `pool`. Returns false (keeping any pages it took, which stay charged and are released by
 * `trimSptCharge` or at destruction) when the pool runs out.
 */
export function chargeSpt(space: AddressSpace, pool: FramePool, entries: number): boolean {
  while (space.sptPages.length < sptPagesFor(entries)) {
    const page = pool.allocate();
    if (page === undefined) return false;
    space.sptPages.push(page);
  }
  return true;
}

/** Returns to `pool` the SPT bookkeeping pages `space` no longer needs for its current SPT size. */
export function trimSptCharge(space: AddressSpace, pool: FramePool): void {
  while (space.sptPages.length > sptPagesFor(space.spt.size)) pool.free(space.sptPages.pop() as number);
}
