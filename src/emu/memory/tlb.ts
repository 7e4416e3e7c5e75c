// Software TLB: direct-mapped, one table per (access kind, privilege), indexed by the low bits of
// the virtual page number. An entry is a tag (the page's virtual base address, -1 when empty) and
// the physical base address of the 4 KiB frame. Entries stay until invalidated, like a real TLB.

import { Access } from './contract';
/** Bytes per page (as physical-memory.ts; not imported, which would make an import cycle). */
const PAGE_SIZE = 4096;

export const TLB_BITS = 11;
export const TLB_ENTRIES = 1 << TLB_BITS;
export const TLB_MASK = TLB_ENTRIES - 1;
/** read/write/execute × kernel/user */
export const TLB_TABLES = 6;
const EMPTY = -1;

/** Returns the table number for an access kind and privilege: access * 2 + user. */
export function tlbTable(access: Access, user: boolean): number {
  return access * 2 + (user ? 1 : 0);
}

/** Returns the slot of `va` in the flat entry arrays for the given table. */
export function tlbSlot(va: number, table: number): number {
  return (table << TLB_BITS) | ((va >>> 12) & TLB_MASK);
}

/** The TLB's entry arrays and maintenance operations. Lookups are done inline by the caller:
 *  `tags[slot] === pageBase ? frames[slot] + offset : miss`. */
export class Tlb {
  /** Virtual page base address per slot, or -1. */
  readonly tags: Float64Array;
  /** Physical frame base address per slot. */
  readonly frames: Int32Array;
  /** True once an entry from a 2 MiB or 1 GiB page was filled: INVLPG must then drop more than one
   *  4 KiB entry, so `invalidatePage` flushes everything. */
  largePages = false;

  /** An empty TLB whose arrays live in `buffer` at `tagsOffset` and `framesOffset` (both
   *  8-byte aligned), or in buffers of their own. */
  constructor(buffer?: ArrayBuffer, tagsOffset = 0, framesOffset = 0) {
    const n = TLB_TABLES * TLB_ENTRIES;
    this.tags = (buffer === undefined ? new Float64Array(n) : new Float64Array(buffer, tagsOffset, n)).fill(EMPTY);
    this.frames = buffer === undefined ? new Int32Array(n) : new Int32Array(buffer, framesOffset, n);
  }

  /** Caches page `pageBase` → `framePa` for (access, user). Evicts whatever held the slot. */
  fill(pageBase: number, access: Access, user: boolean, framePa: number): void {
    const slot = tlbSlot(pageBase, tlbTable(access, user));
    this.tags[slot] = pageBase;
    this.frames[slot] = framePa;
  }

  /** Drops every cached translation of the page holding `va` (INVLPG). */
  invalidatePage(va: number): void {
    if (this.largePages) {
      this.flush();
      return;
    }
    const pageBase = va - (va & (PAGE_SIZE - 1));
    for (let table = 0; table < TLB_TABLES; table++) {
      const slot = tlbSlot(pageBase, table);
      if (this.tags[slot] === pageBase) this.tags[slot] = EMPTY;
    }
  }

  /** Drops every entry. */
  flush(): void {
    this.tags.fill(EMPTY);
    this.largePages = false;
  }

  /** Drops every write entry (read and execute entries stay). */
  flushWrites(): void {
    for (const user of [false, true]) {
      const start = tlbTable(Access.Write, user) << TLB_BITS;
      this.tags.fill(EMPTY, start, start + TLB_ENTRIES);
    }
  }

  /** Drops the entries of tables `tables` (bit i = table i) whose frame lies in physical
   *  [startPa, endPa). One pass over those tables, whatever the size of the range. */
  dropFrames(startPa: number, endPa: number, tables: number): void {
    for (let table = 0; table < TLB_TABLES; table++) {
      if ((tables & (1 << table)) === 0) continue;
      const start = table << TLB_BITS;
      for (let slot = start; slot < start + TLB_ENTRIES; slot++) {
        const frame = this.frames[slot];
        if (frame >= startPa && frame < endPa) this.tags[slot] = EMPTY;
      }
    }
  }

  /** Returns how many entries are filled (for tests and statistics). */
  countEntries(): number {
    let n = 0;
    for (let i = 0; i < this.tags.length; i++) if (this.tags[i] !== EMPTY) n++;
    return n;
  }
}

/** Table mask of both write tables (for `dropFrames`). */
export const WRITE_TABLES = (1 << tlbTable(Access.Write, false)) | (1 << tlbTable(Access.Write, true));
/** Table mask of both read tables. */
export const READ_TABLES = (1 << tlbTable(Access.Read, false)) | (1 << tlbTable(Access.Read, true));
