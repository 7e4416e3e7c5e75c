// The hardware page walk of 4-level paging over the page-table bytes in guest RAM: presence at
// every level, permission checks (US, RW with CR0.WP = 1, NX with EFER.NXE), and the accessed and
// dirty bits. Entries are read as two 32-bit halves so the walk allocates nothing.

import { Access, PfError } from './contract';
import { FrameFlag, PAGE_SIZE, PhysicalMemory } from './physical-memory';
import { PteBit } from './pte';

const TWO_POW_32 = 0x1_0000_0000;
const LOW_ADDR_MASK = 0xffff_f000;
const HIGH_ADDR_MASK = 0x000f_ffff; // bits 51..32 of an entry
const HIGH_NX = 0x8000_0000; // bit 63
/** Flags of a frame that must be handled before the MMU changes a byte in it. */
const TABLE_WRITE_GUARD = FrameFlag.Code | FrameFlag.Unsaved;

/** Returns the 9-bit table index of a virtual address (given as its low and high 32 bits) at
 *  `level` (4 = PML4 ... 1 = PT). */
export function levelIndex(vaLow: number, vaHigh: number, level: number): number {
  switch (level) {
    case 4:
      return (vaHigh >>> 7) & 511;
    case 3:
      return ((vaHigh << 2) | (vaLow >>> 30)) & 511;
    case 2:
      return (vaLow >>> 21) & 511;
    default:
      return (vaLow >>> 12) & 511;
  }
}

/** Returns the page-fault error code for an access, without the Present bit. */
export function faultBits(access: Access, user: boolean, noExecute: boolean): number {
  let code = user ? PfError.User : 0;
  if (access === Access.Write) code |= PfError.Write;
  if (access === Access.Execute && noExecute) code |= PfError.Fetch;
  return code;
}

/** Encodes a fault error code as a walk result (always negative). */
export function walkFault(errorCode: number): number {
  return -1 - errorCode;
}

/** Decodes a negative walk result into the fault error code. */
export function walkFaultCode(result: number): number {
  return -1 - result;
}

/**
 * Walks the paging structures rooted at a PML4 in guest RAM, as the processor does on a TLB miss.
 * One instance per memory; it keeps scratch space between calls, so it is not reentrant.
 */
export class PageWalker {
  /** Set by the last successful `walk`: the translation came from a 2 MiB or 1 GiB page. */
  largePage = false;
  /** EFER.NXE: honour NX bits and report instruction fetches in error codes. */
  noExecute: boolean;
  private readonly entryAddrs = new Float64Array(4);
  private readonly entryLows = new Float64Array(4);

  constructor(
    private readonly phys: PhysicalMemory,
    /** Called before the walk sets an A or D bit in frame `ppn` when that frame is a code page or
     *  not yet saved for the newest snapshot. */
    private readonly beforeTableWrite: (ppn: number) => void,
    noExecute: boolean,
  ) {
    this.noExecute = noExecute;
  }

  /**
   * Translates `va` for `access` by user or kernel code through the tables at `root`.
   * Returns the physical base address of the 4 KiB frame holding va (>= 0), or a negative value
   * `walkFault(errorCode)` when the access faults. When `update` is true and the access succeeds,
   * sets A in every entry used and D in the leaf on a write (nothing is set on a fault). When
   * `update` is false the walk has no side effects. Throws RangeError when an entry points at a
   * table outside RAM (a kernel bug). Assumes 0 <= va < 2^48.
   */
  walk(root: number, va: number, access: Access, user: boolean, update: boolean): number {
    const view = this.phys.view;
    const size = this.phys.size;
    const base = faultBits(access, user, this.noExecute);
    const vaLow = va >>> 0;
    const vaHigh = (va - vaLow) / TWO_POW_32;
    let table = root;
    let writable: number = PteBit.W;
    let userOk: number = PteBit.U;
    let noExec = 0;
    let levels = 0;
    let frame = 0;
    for (let level = 4; level >= 1; level--) {
      if (table + PAGE_SIZE > size) throw new RangeError(`paging structure at 0x${table.toString(16)} is outside RAM`);
      const entryAddr = table + levelIndex(vaLow, vaHigh, level) * 8;
      const low = view.getUint32(entryAddr, true);
      const high = view.getUint32(entryAddr + 4, true);
      if ((low & PteBit.P) === 0) return walkFault(base);
      this.entryAddrs[levels] = entryAddr;
      this.entryLows[levels] = low;
      levels++;
      writable &= low;
      userOk &= low;
      noExec |= high & HIGH_NX;
      const addrHigh = (high & HIGH_ADDR_MASK) * TWO_POW_32;
      if (level === 1) {
        frame = addrHigh + ((low & LOW_ADDR_MASK) >>> 0);
        this.largePage = false;
        break;
      }
      if ((low & PteBit.PS) !== 0) {
        if (level === 4) return walkFault(base | PfError.Present | PfError.Reserved);
        // 2 MiB page (PD) or 1 GiB page (PDPT): the low bits of the address come from va.
        const spanMask = level === 2 ? 0x1f_ffff : 0x3fff_ffff;
        frame = addrHigh + (((low & ~spanMask) | (vaLow & spanMask & LOW_ADDR_MASK)) >>> 0);
        this.largePage = true;
        break;
      }
      table = addrHigh + ((low & LOW_ADDR_MASK) >>> 0);
    }
    if (user && userOk === 0) return walkFault(base | PfError.Present);
    if (access === Access.Write && writable === 0) return walkFault(base | PfError.Present);
    if (access === Access.Execute && this.noExecute && noExec !== 0) return walkFault(base | PfError.Present);
    if (frame + PAGE_SIZE > size) throw new RangeError(`page at 0x${va.toString(16)} maps frame 0x${frame.toString(16)} outside RAM`);
    if (update) this.setAccessedDirty(levels, access === Access.Write);
    return frame;
  }

  private setAccessedDirty(levels: number, write: boolean): void {
    const view = this.phys.view;
    const flags = this.phys.frameFlags;
    for (let i = 0; i < levels; i++) {
      const low = this.entryLows[i];
      const wanted = i === levels - 1 && write ? PteBit.A | PteBit.D : PteBit.A;
      if ((low & wanted) === wanted) continue;
      const entryAddr = this.entryAddrs[i];
      const ppn = Math.floor(entryAddr / PAGE_SIZE);
      if ((flags[ppn] & TABLE_WRITE_GUARD) !== 0) this.beforeTableWrite(ppn);
      // Re-read: with a recursive mapping two levels can use the same entry.
      view.setUint32(entryAddr, view.getUint32(entryAddr, true) | wanted, true);
    }
  }
}
