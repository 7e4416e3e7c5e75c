// Building and editing 4-level page tables in guest RAM, for the kernel (pml4e_walk,
// pml4_set_page, pml4_clear_page in Pintos terms). 4 KiB pages only; every write goes through the
// physical-memory write barrier, so snapshots and watches see page-table edits.
//
// None of these functions touches a TLB: after changing a mapping that may be cached, the kernel
// must call `invalidatePage` (or `flushTlb`) on the memory system, as it would execute INVLPG.

import { PAGE_SIZE, PhysicalMemory } from './physical-memory';
import {
  PTE_ADDR_MASK,
  PTE_P,
  PTE_PS,
  PTE_U,
  PTE_W,
  TABLE_FLAGS_KERNEL,
  TABLE_FLAGS_USER,
  levelSpan,
  makePte,
  pteAddress,
  tableIndex,
} from './pte';

export * from './pte';
export { describeWalk, enumerateMappings } from './page-table-inspect';
export type { WalkLevel, WalkDescription, Mapping } from './page-table-inspect';

/** Supplies a free physical page for a new page table, or undefined when none is left. */
export type AllocTablePage = () => number | undefined;

/** Returns the 64-bit entry at physical address `ptePa`. Throws RangeError outside RAM. */
export function readPte(mem: PhysicalMemory, ptePa: number): bigint {
  return mem.readU64(ptePa);
}

/** Stores `pte` at physical address `ptePa` (through the write barrier). Throws RangeError outside RAM. */
export function writePte(mem: PhysicalMemory, ptePa: number, pte: bigint): void {
  mem.writeU64(ptePa, pte);
}

/** Sets the bits `set` and then clears the bits `clear` of the entry at `ptePa`; returns the new entry. */
export function updatePte(mem: PhysicalMemory, ptePa: number, set: bigint, clear: bigint): bigint {
  const pte = (mem.readU64(ptePa) | set) & ~clear;
  mem.writeU64(ptePa, pte);
  return pte;
}

/**
 * Returns the physical address of the level-1 entry (PTE) for `va` in the tables rooted at `pml4`.
 * When an intermediate table is missing: returns undefined if `create` is false; otherwise takes a
 * page from `allocTablePage`, zeroes it, links it with `tableFlags` (P|W|U by default, as Pintos
 * does) and continues; returns undefined if the allocator has no page. Returns undefined when a
 * 2 MiB or 1 GiB page (PS) covers va, since there is no level-1 entry then.
 * Assumes pml4 is a page-aligned physical address in RAM and 0 <= va < 2^48.
 */
export function walk(
  mem: PhysicalMemory,
  pml4: number,
  va: number,
  create: boolean,
  allocTablePage?: AllocTablePage,
  tableFlags: bigint = TABLE_FLAGS_USER,
): number | undefined {
  let table = pml4;
  for (let level = 4; level > 1; level--) {
    const entryPa = table + tableIndex(va, level) * 8;
    const entry = mem.readU64(entryPa);
    if ((entry & PTE_P) !== 0n) {
      if ((entry & PTE_PS) !== 0n) return undefined;
      table = pteAddress(entry);
      continue;
    }
    if (!create || allocTablePage === undefined) return undefined;
    const page = allocTablePage();
    if (page === undefined) return undefined;
    mem.zeroPage(page);
    mem.writeU64(entryPa, makePte(page, tableFlags));
    table = page;
  }
  return table + tableIndex(va, 1) * 8;
}

/**
 * Maps the page at `va` to the frame at `pa` with leaf flags `perm` (P is added), creating missing
 * tables from `allocTablePage` (linked P|W|U when perm has U, else P|W). Replaces any previous
 * mapping of va. Returns false (and maps nothing) when a table page cannot be allocated or a large
 * page covers va. Throws RangeError when va or pa is not page-aligned.
 */
export function mapPage(
  mem: PhysicalMemory,
  pml4: number,
  va: number,
  pa: number,
  perm: bigint,
  allocTablePage: AllocTablePage,
): boolean {
  if (va % PAGE_SIZE !== 0) throw new RangeError(`virtual address 0x${va.toString(16)} is not page-aligned`);
  const tableFlags = (perm & PTE_U) !== 0n ? TABLE_FLAGS_USER : TABLE_FLAGS_KERNEL;
  const ptePa = walk(mem, pml4, va, true, allocTablePage, tableFlags);
  if (ptePa === undefined) return false;
  mem.writeU64(ptePa, makePte(pa, (perm & ~PTE_ADDR_MASK) | PTE_P));
  return true;
}

/**
 * Marks the page at `va` not present, keeping the entry's other bits (as Pintos' pml4_clear_page).
 * Returns the entry as it was when it was present, or undefined when va was not mapped. Frees no
 * table page.
 */
export function unmapPage(mem: PhysicalMemory, pml4: number, va: number): bigint | undefined {
  const ptePa = walk(mem, pml4, va, false);
  if (ptePa === undefined) return undefined;
  const pte = mem.readU64(ptePa);
  if ((pte & PTE_P) === 0n) return undefined;
  mem.writeU64(ptePa, pte & ~PTE_P);
  return pte;
}

/** Permissions an access needs at every level of the walk (see lookupPage). */
export interface AccessNeeds {
  /** every level must allow user access (US) */
  readonly user?: boolean;
  /** every level must allow writing (RW) */
  readonly write?: boolean;
}

/**
 * Returns the physical address that `va` maps to in the tables at `pml4` (any page size), or
 * undefined when it is not present, when a table lies outside RAM (corrupt tables), or when a
 * level lacks a permission in `needs`. Changes nothing: no A/D bits, no TLB (pml4_get_page).
 */
export function lookupPage(mem: PhysicalMemory, pml4: number, va: number, needs: AccessNeeds = {}): number | undefined {
  const required = PTE_P | (needs.user ? PTE_U : 0n) | (needs.write ? PTE_W : 0n);
  let table = pml4;
  for (let level = 4; level >= 1; level--) {
    if (table + PAGE_SIZE > mem.size) return undefined;
    const entry = mem.readU64(table + tableIndex(va, level) * 8);
    if ((entry & required) !== required) return undefined;
    const addr = pteAddress(entry);
    if (level === 1) return addr + (va % PAGE_SIZE);
    if ((entry & PTE_PS) !== 0n) {
      if (level === 4) return undefined;
      const span = levelSpan(level);
      return addr - (addr % span) + (va % span);
    }
    table = addr;
  }
  return undefined;
}

/**
 * Returns the physical addresses of the table pages (PDPT, PD, PT; not the PML4 itself) whose whole
 * span lies below `vaLimit`, children before parents, so the kernel can free a process's tables
 * (pml4_destroy) while leaving tables shared with kernel mappings above the limit. Reads only.
 */
export function tablePagesBelow(mem: PhysicalMemory, pml4: number, vaLimit: number): number[] {
  const out: number[] = [];
  const visit = (table: number, level: number, vaBase: number) => {
    const span = 2 ** (12 + 9 * (level - 1));
    for (let index = 0; index < 512; index++) {
      const va = vaBase + index * span;
      if (va >= vaLimit) break;
      const entry = mem.readU64(table + index * 8);
      if ((entry & PTE_P) === 0n || (entry & PTE_PS) !== 0n || level === 1) continue;
      const child = pteAddress(entry);
      visit(child, level - 1, va);
      if (va + span <= vaLimit) out.push(child);
    }
  };
  visit(pml4, 4, 0);
  return out;
}
