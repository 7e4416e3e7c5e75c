// A read-only memory bus over a buffer of code bytes, so the machine's own decoder can decode
// bytes that do not live in guest RAM (an ELF section, a range the debugger read).
import { PageFault, PfError, type Access, type MemoryBus, type WatchHit } from '../memory/contract';

const PAGE = 4096;

/**
 * Maps linear addresses [base, end) onto a private copy of the bytes. Any other address faults as
 * not present; the rest of the bus (paging, TLB, watches) does nothing. The copy is padded with
 * zeros to whole pages, so a decoder reading past `end` inside a page sees zeros: callers compare
 * the decoded length with `end`.
 */
export class CodeBufferBus implements MemoryBus {
  readonly ram: Uint8Array;
  readonly view: DataView;
  readonly root = 0;
  readonly hasWatchHits = false;
  /** the address just past the last byte */
  readonly end: number;
  private readonly pageStart: number;

  constructor(bytes: ArrayLike<number>, readonly base: number) {
    this.pageStart = base - (base % PAGE);
    this.end = base + bytes.length;
    this.ram = new Uint8Array(Math.ceil((this.end - this.pageStart) / PAGE) * PAGE + PAGE);
    for (let i = 0; i < bytes.length; i++) this.ram[base - this.pageStart + i] = bytes[i];
    this.view = new DataView(this.ram.buffer);
  }

  /** Returns the buffer offset of `va`; throws PageFault (not present, fetch) outside [base, end). */
  translate(va: number, _access: Access, user: boolean): number {
    if (va < this.base || va >= this.end) throw new PageFault(va, PfError.Fetch | (user ? PfError.User : 0));
    return va - this.pageStart;
  }

  /** Returns the byte at `va` (which must lie in [base, end)). */
  byteAt(va: number): number {
    return this.ram[va - this.pageStart];
  }

  setRoot(): void {}
  setCpuMode(): void {}
  invalidatePage(): void {}
  flushTlb(): void {}
  markCodePage(): void {}
  onCodeWrite(): void {}
  onWatchHit(): void {}
  takeWatchHits(): WatchHit[] {
    return [];
  }
}
