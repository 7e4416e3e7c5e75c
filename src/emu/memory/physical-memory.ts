// Guest physical RAM: the start of the guest memory buffer (control-area.ts), with read/write accessors for the kernel. Every write made
// through these accessors passes the frame write barrier (frame flags), which is how code-page
// invalidation, physical watches and copy-on-write snapshots see kernel writes.

import { allocateGuestMemory, type GuestMemoryBuffer } from './control-area';

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
export const PAGE_MASK = 0xfff;

/** Largest RAM we accept: frame base addresses must fit in an Int32Array (the TLB stores them). */
export const MAX_RAM_BYTES = 0x7fff_f000;

/** Per-frame state bits, one byte per physical page in `PhysicalMemory.frameFlags`. */
export const enum FrameFlag {
  /** holds decoded code: the next write notifies the code-write listener */
  Code = 1,
  /** overlapped by a physical watch on reads */
  WatchRead = 2,
  /** overlapped by a physical watch on writes */
  WatchWrite = 4,
  /** a snapshot is alive and this frame was not saved since the newest one */
  Unsaved = 8,
  /** a write TLB entry may point at this frame */
  WriteCached = 16,
}

/** Flags that make a write to the frame take the guarded path. */
export const WRITE_GUARD_FLAGS = FrameFlag.Code | FrameFlag.WatchWrite | FrameFlag.Unsaved;

/** Told about writes to guarded frames (installed by the memory system). */
export interface FrameWriteGuard {
  /** Called before the bytes [pa, pa+length) change, when a frame they touch has a guard flag. */
  beforeDirectWrite(pa: number, length: number): void;
}

/** Guest physical memory of a fixed size. Physical address p is `ram[p]`. */
export class PhysicalMemory {
  /** the buffer RAM lives in, with the control area after it (see control-area.ts) */
  readonly guest: GuestMemoryBuffer;
  readonly ram: Uint8Array;
  readonly view: DataView;
  readonly size: number;
  readonly frameCount: number;
  /** FrameFlag bits per physical page number. */
  readonly frameFlags: Uint8Array;
  private guard: FrameWriteGuard | undefined;

  /** Allocates `size` bytes of zeroed RAM. Throws RangeError unless size is a positive multiple
   *  of PAGE_SIZE no larger than MAX_RAM_BYTES. */
  constructor(size: number) {
    if (!Number.isInteger(size) || size <= 0 || size % PAGE_SIZE !== 0 || size > MAX_RAM_BYTES) {
      throw new RangeError(`physical memory size ${size} must be a positive multiple of 4096 up to ${MAX_RAM_BYTES}`);
    }
    const guest = allocateGuestMemory(size);
    this.guest = guest;
    this.ram = new Uint8Array(guest.buffer, 0, size);
    this.view = new DataView(guest.buffer, 0, size);
    this.size = size;
    this.frameCount = size / PAGE_SIZE;
    this.frameFlags = new Uint8Array(this.frameCount);
  }

  /** Installs the write guard (one per memory; the memory system installs itself). */
  setWriteGuard(guard: FrameWriteGuard): void {
    this.guard = guard;
  }

  /** Throws RangeError unless [pa, pa+length) lies inside RAM. */
  checkRange(pa: number, length: number): void {
    if (!(pa >= 0 && length >= 0 && pa + length <= this.size && Number.isInteger(pa))) {
      throw new RangeError(`physical range 0x${pa.toString(16)}+${length} is outside RAM (${this.size} bytes)`);
    }
  }

  /** Runs the write barrier for [pa, pa+length): calls the guard when a touched frame is guarded.
   *  Assumes the range was checked. */
  noteWrite(pa: number, length: number): void {
    if (length <= 0 || this.guard === undefined) return;
    const first = Math.floor(pa / PAGE_SIZE);
    const last = Math.floor((pa + length - 1) / PAGE_SIZE);
    for (let ppn = first; ppn <= last; ppn++) {
      if ((this.frameFlags[ppn] & WRITE_GUARD_FLAGS) !== 0) {
        this.guard.beforeDirectWrite(pa, length);
        return;
      }
    }
  }

  /** Returns a copy of [pa, pa+length). Throws RangeError outside RAM. No barrier (reads are free). */
  readBytes(pa: number, length: number): Uint8Array {
    this.checkRange(pa, length);
    return this.ram.slice(pa, pa + length);
  }

  /** Copies `bytes` to pa through the write barrier. Throws RangeError outside RAM. */
  writeBytes(pa: number, bytes: Uint8Array): void {
    this.checkRange(pa, bytes.length);
    this.noteWrite(pa, bytes.length);
    this.ram.set(bytes, pa);
  }

  /** Fills [pa, pa+length) with `value` through the write barrier. Throws RangeError outside RAM. */
  fill(pa: number, length: number, value: number): void {
    this.checkRange(pa, length);
    this.noteWrite(pa, length);
    this.ram.fill(value, pa, pa + length);
  }

  /** Returns the byte at pa. */
  readU8(pa: number): number {
    this.checkRange(pa, 1);
    return this.ram[pa];
  }

  /** Stores a byte at pa through the write barrier. */
  writeU8(pa: number, value: number): void {
    this.checkRange(pa, 1);
    this.noteWrite(pa, 1);
    this.ram[pa] = value;
  }

  /** Returns the little-endian 32-bit value at pa (unsigned). */
  readU32(pa: number): number {
    this.checkRange(pa, 4);
    return this.view.getUint32(pa, true);
  }

  /** Stores a little-endian 32-bit value at pa through the write barrier. */
  writeU32(pa: number, value: number): void {
    this.checkRange(pa, 4);
    this.noteWrite(pa, 4);
    this.view.setUint32(pa, value >>> 0, true);
  }

  /** Returns the little-endian 64-bit value at pa (page-table entries). */
  readU64(pa: number): bigint {
    this.checkRange(pa, 8);
    return this.view.getBigUint64(pa, true);
  }

  /** Stores a little-endian 64-bit value at pa through the write barrier. */
  writeU64(pa: number, value: bigint): void {
    this.checkRange(pa, 8);
    this.noteWrite(pa, 8);
    this.view.setBigUint64(pa, BigInt.asUintN(64, value), true);
  }

  /** Zeroes the page at page-aligned pa. Throws RangeError if pa is unaligned or outside RAM. */
  zeroPage(pa: number): void {
    this.checkPage(pa);
    this.fill(pa, PAGE_SIZE, 0);
  }

  /** Copies the page at page-aligned `from` to page-aligned `to` through the write barrier. */
  copyPage(to: number, from: number): void {
    this.checkPage(to);
    this.checkPage(from);
    this.noteWrite(to, PAGE_SIZE);
    this.ram.copyWithin(to, from, from + PAGE_SIZE);
  }

  private checkPage(pa: number): void {
    if (pa % PAGE_SIZE !== 0) throw new RangeError(`physical address 0x${pa.toString(16)} is not page-aligned`);
    this.checkRange(pa, PAGE_SIZE);
  }
}
