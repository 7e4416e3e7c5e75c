// x86-64 paging-entry format (Intel SDM vol. 3, 4.5): bit constants and decoding. Entries are
// 64-bit; as bigint for the kernel-facing API, and as two 32-bit halves inside the MMU.

export const PTE_P = 0x1n; // present
export const PTE_W = 0x2n; // writable (RW)
export const PTE_U = 0x4n; // user-accessible (US)
export const PTE_PWT = 0x8n; // write-through
export const PTE_PCD = 0x10n; // cache disable
export const PTE_A = 0x20n; // accessed
export const PTE_D = 0x40n; // dirty (leaf only)
export const PTE_PS = 0x80n; // page size (PDPT: 1 GiB page, PD: 2 MiB page)
export const PTE_G = 0x100n; // global
export const PTE_NX = 0x8000_0000_0000_0000n; // no-execute
export const PTE_ADDR_MASK = 0x000f_ffff_ffff_f000n;

/** The same low flag bits as plain numbers, for the 32-bit low half of an entry. */
export const enum PteBit {
  P = 0x1,
  W = 0x2,
  U = 0x4,
  PWT = 0x8,
  PCD = 0x10,
  A = 0x20,
  D = 0x40,
  PS = 0x80,
  G = 0x100,
}

/** Intermediate entries created for user mappings (as Pintos does). */
export const TABLE_FLAGS_USER = PTE_P | PTE_W | PTE_U;
/** Intermediate entries created for kernel-only mappings. */
export const TABLE_FLAGS_KERNEL = PTE_P | PTE_W;

/** Decoded flags of one paging entry. */
export interface PteFlags {
  readonly present: boolean;
  readonly writable: boolean;
  readonly user: boolean;
  readonly writeThrough: boolean;
  readonly cacheDisable: boolean;
  readonly accessed: boolean;
  readonly dirty: boolean;
  readonly pageSize: boolean;
  readonly global: boolean;
  readonly noExecute: boolean;
}

/** Returns the physical address an entry points at (bits 51..12). */
export function pteAddress(pte: bigint): number {
  return Number(pte & PTE_ADDR_MASK);
}

/** Returns an entry pointing at page-aligned `pa` with `flags`. Throws RangeError if pa is unaligned. */
export function makePte(pa: number, flags: bigint): bigint {
  if (pa % 4096 !== 0 || pa < 0) throw new RangeError(`0x${pa.toString(16)} is not a page-aligned physical address`);
  return (BigInt(pa) & PTE_ADDR_MASK) | (flags & ~PTE_ADDR_MASK);
}

/** Returns every flag of an entry as booleans. */
export function decodePteFlags(pte: bigint): PteFlags {
  const low = Number(pte & 0xfffn);
  return {
    present: (low & PteBit.P) !== 0,
    writable: (low & PteBit.W) !== 0,
    user: (low & PteBit.U) !== 0,
    writeThrough: (low & PteBit.PWT) !== 0,
    cacheDisable: (low & PteBit.PCD) !== 0,
    accessed: (low & PteBit.A) !== 0,
    dirty: (low & PteBit.D) !== 0,
    pageSize: (low & PteBit.PS) !== 0,
    global: (low & PteBit.G) !== 0,
    noExecute: (pte & PTE_NX) !== 0n,
  };
}

/** Returns the flags as the short letters a page-table view shows, e.g. "P W U A D" ('-' when clear). */
export function formatPteFlags(pte: bigint): string {
  const f = decodePteFlags(pte);
  const bit = (on: boolean, letter: string) => (on ? letter : '-');
  return [
    bit(f.noExecute, 'NX'),
    bit(f.global, 'G'),
    bit(f.pageSize, 'PS'),
    bit(f.dirty, 'D'),
    bit(f.accessed, 'A'),
    bit(f.cacheDisable, 'PCD'),
    bit(f.writeThrough, 'PWT'),
    bit(f.user, 'U'),
    bit(f.writable, 'W'),
    bit(f.present, 'P'),
  ].join(' ');
}

/** Bytes one entry covers, by level (index 1..4): 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
const LEVEL_SPANS: readonly number[] = [0, 2 ** 12, 2 ** 21, 2 ** 30, 2 ** 39];

/** Index of `va` in the table at `level` (4 = PML4, 3 = PDPT, 2 = PD, 1 = PT): 9 bits each. */
export function tableIndex(va: number, level: number): number {
  return Math.floor(va / LEVEL_SPANS[level]) % 512;
}

/** Bytes one entry at `level` covers: 512 GiB, 1 GiB, 2 MiB, 4 KiB. */
export function levelSpan(level: number): number {
  return LEVEL_SPANS[level];
}

/** Conventional name of each level's table. */
export const LEVEL_NAMES: Readonly<Record<number, string>> = { 4: 'PML4', 3: 'PDPT', 2: 'PD', 1: 'PT' };
