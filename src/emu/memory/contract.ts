// The contract between the CPU core (decoder/executor) and the memory subsystem (physical RAM,
// 4-level paging MMU, software TLB, snapshots, watch hooks). Both sides code against these
// types; the implementations live in memory/*.ts.
//
// Addresses: guest virtual and physical addresses are JS numbers. User and kernel addresses in
// Pintos are below 2^48, so they are exact in a double. A non-canonical address (bits 63..47 not
// all equal) is never translated: the core raises a general-protection fault instead.
import type { GuestMemoryBuffer } from './control-area';
import { GuestException } from '../guest-exception';

/** Kind of access, as the x86 page-fault error code sees it. */
export const enum Access {
  Read = 0,
  Write = 1,
  Execute = 2,
}

/** Page-fault error-code bits (Intel SDM vol. 3, 4.7). */
export const enum PfError {
  Present = 1, // 0: the page was not present; 1: a protection violation
  Write = 2, // the access was a write
  User = 4, // the access was made in user mode (CPL 3)
  Reserved = 8, // a reserved bit was set in a paging entry (PS in a PML4 entry)
  Fetch = 16, // the access was an instruction fetch (with NX enabled)
}

/** Thrown by translation when an access cannot complete. Carries what the kernel's handler needs. */
export class PageFault extends GuestException {
  constructor(
    /** faulting linear address (CR2) */
    public readonly addr: number,
    /** error code, PfError bits */
    public readonly errorCode: number,
  ) {
    super(`page fault at 0x${addr.toString(16)} (error ${errorCode})`);
  }
}

/** A watch on memory: hit when an access overlaps [start, start+length). */
export interface WatchRange {
  readonly id: number;
  /** virtual range (in the current address space) or physical range (any alias) */
  readonly space: 'virtual' | 'physical';
  readonly start: number;
  readonly length: number;
  readonly onRead: boolean;
  readonly onWrite: boolean;
}

/** Reported to the core when an access touches a watched range; the core stops after the instruction. */
export interface WatchHit {
  readonly watch: WatchRange;
  readonly addr: number; // virtual address of the access
  readonly size: number;
  readonly write: boolean;
  /** physical address of the access */
  readonly paddr?: number;
  /** true when made through the physical-memory accessors (no translation); `addr` is then physical */
  readonly direct?: boolean;
}

/**
 * The software TLB's entry arrays, for a compiled tier that inlines the hit path. A user access of
 * kind `a` to the page with base address `base` uses entry `((a * 2 + 1) << bits) | ((base / 4096)
 * mod 2^bits)`; it hits when `tags[entry] === base`, and the physical address is then
 * `frames[entry] + offset`. A hit never has a side effect (no watch hit, no code page, no A/D bit
 * to set), so a hit may skip `translate`; a miss must call it.
 */
export interface TlbArrays {
  readonly tags: Float64Array;
  readonly frames: Int32Array;
  readonly bits: number;
}

/**
 * What the CPU core needs from memory. One instance per machine; the kernel switches address
 * spaces with `setRoot`. Implemented by memory/memory-system.ts.
 *
 * The core's access pattern for an instruction: compute every linear address it will touch,
 * `translate` each one (all of them before changing any state, so a fault leaves the machine as
 * it was), then read/write the bytes in `ram` at the returned physical addresses. An access that
 * crosses a page boundary is translated page by page (`translate` covers one page).
 */
export interface MemoryBus {
  /** Guest physical RAM. Physical address p is ram[p]. Length is a multiple of 4096. */
  readonly ram: Uint8Array;
  /** Little-endian view of the same bytes, for multi-byte accesses. */
  readonly view: DataView;

  /**
   * Returns the physical address for linear address `va` accessed as `access`, by user code
   * (`user` = CPL 3) or by the kernel. Sets the accessed bit in every paging level, and the dirty
   * bit in the PTE on a write, exactly as hardware does (in the page-table bytes in RAM). Uses and
   * fills the software TLB. Throws PageFault with CR2 and the error code when the page is not
   * present, not writable for a write, or a supervisor page accessed by user code.
   * A write that lands in a physical page holding cached code calls the code-write listener
   * (before returning), so decoded blocks of that page can be dropped.
   * Records a WatchHit (see `takeWatchHits`) when the access overlaps a watch. `size` is the
   * number of bytes accessed from `va` within this page (default 1); it only matters for watches.
   */
  translate(va: number, access: Access, user: boolean, size?: number): number;

  /** Switches address space: physical address of the PML4 (like writing CR3). Flushes the TLB. */
  setRoot(pml4: number): void;
  /** Current PML4 physical address. */
  readonly root: number;
  /**
   * How the CPU's own accesses are made (full-system mode): `user` false checks them as the
   * kernel's (CPL 0) although the CPU passes `user` true to `translate`; `paging` false makes
   * linear addresses physical (before CR0.PG is set). Flushes the TLB when either changes. A
   * machine running user programs under our kernel never calls it (user, paging on).
   */
  setCpuMode(user: boolean, paging: boolean): void;
  /** Drops any cached translation of the page holding `va` (like INVLPG). */
  invalidatePage(va: number): void;
  /** Drops every cached translation. */
  flushTlb(): void;

  /** Marks physical page `ppn` (= physical address >> 12) as holding decoded code. */
  markCodePage(ppn: number): void;
  /** Registers the listener called with a physical page number when a code page is written. */
  onCodeWrite(listener: (ppn: number) => void): void;

  /** The TLB's entry arrays when the bus has a software TLB the core may probe itself (see TlbArrays). */
  readonly tlb?: TlbArrays;

  /** The buffer holding RAM and the control area (control-area.ts), when the bus has one: the
   *  machine's CPU keeps its registers there, and the compiled tier reaches all three. */
  readonly guest?: GuestMemoryBuffer;

  /** Registers the listener called each time watch hits are recorded (the hits stay for `takeWatchHits`). */
  onWatchHit(listener: () => void): void;

  /** True when at least one watch hit happened since the last `takeWatchHits` (cheap to poll). */
  readonly hasWatchHits: boolean;
  /** Returns and clears the recorded watch hits. */
  takeWatchHits(): WatchHit[];
}
