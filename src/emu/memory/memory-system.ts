// The machine's memory: physical RAM behind a 4-level paging MMU with a software TLB, code-page
// tracking for the block cache, watches and copy-on-write snapshots. Implements MemoryBus for the
// CPU core, plus kernel- and debugger-side accessors that are not the user-access path.

import { Access, MemoryBus, PageFault, TlbArrays, WatchHit, WatchRange } from './contract';
import { Control, type GuestMemoryBuffer } from './control-area';
import { PageWalker, walkFault, walkFaultCode } from './mmu';
import { FrameFlag, FrameWriteGuard, PAGE_MASK, PAGE_SIZE, PhysicalMemory } from './physical-memory';
import { RestoreResult, SnapshotHandle, SnapshotStore } from './snapshot';
import { READ_TABLES, TLB_BITS, TLB_MASK, Tlb, WRITE_TABLES } from './tlb';
import { PeekResult, VirtualFault, VirtualRead, copyIn, copyOut, pokeVirtualNoFault, readVirtualNoFault } from './virtual-access';
import { WatchSet } from './watches';

/** Options of a memory system. */
export interface MemorySystemOptions {
  /** EFER.NXE: NX bits forbid instruction fetches and fetch faults report PfError.Fetch (default true) */
  readonly noExecute?: boolean;
}

/** Flags that keep a frame out of the write TLB. */
const NO_WRITE_CACHE = FrameFlag.Code | FrameFlag.WatchWrite | FrameFlag.Unsaved;

/**
 * Guest memory of one machine. Construct with the RAM size in bytes (a multiple of 4096).
 * Everything that writes RAM must go through `translate`, the methods here, or `phys`'s accessors;
 * writing `ram` directly is only allowed at a physical address `translate` returned for a write.
 */
export class MemorySystem implements MemoryBus, FrameWriteGuard {
  readonly phys: PhysicalMemory;
  readonly ram: Uint8Array;
  readonly view: DataView;
  private rootPa = 0;
  /** accesses the CPU makes as user code are checked as the kernel's (CPL 0 in full-system mode) */
  private supervisor = false;
  /** paging is off: linear addresses are physical (a booting kernel before it sets CR0.PG) */
  private pagingOff = false;
  private readonly tlbCache: Tlb;
  private readonly tlbTags: Float64Array;
  private readonly tlbFrames: Int32Array;
  private readonly flags: Uint8Array;
  private readonly walker: PageWalker;
  private readonly watches: WatchSet;
  private readonly snapshots: SnapshotStore;
  private codeWriteListener: (ppn: number) => void = () => undefined;
  private watchHitListener: () => void = () => undefined;
  /** See MemoryBus.tlb: the entry arrays, probed inline by compiled code. */
  readonly tlb: TlbArrays;
  /** See MemoryBus.guest. */
  readonly guest: GuestMemoryBuffer;

  /** Allocates zeroed RAM. Throws RangeError for a size that is not a positive multiple of 4096. */
  constructor(ramBytes: number, options: MemorySystemOptions = {}) {
    this.phys = new PhysicalMemory(ramBytes);
    this.guest = this.phys.guest;
    const { buffer, controlBase } = this.guest;
    this.tlbCache = new Tlb(buffer, controlBase + Control.TLB_TAGS, controlBase + Control.TLB_FRAMES);
    this.ram = this.phys.ram;
    this.view = this.phys.view;
    this.flags = this.phys.frameFlags;
    this.tlbTags = this.tlbCache.tags;
    this.tlbFrames = this.tlbCache.frames;
    this.tlb = { tags: this.tlbTags, frames: this.tlbFrames, bits: TLB_BITS };
    this.walker = new PageWalker(this.phys, (ppn) => this.prepareFrameWrite(ppn), options.noExecute ?? true);
    this.watches = new WatchSet(this.phys);
    this.snapshots = new SnapshotStore(this.phys);
    this.phys.setWriteGuard(this);
  }

  // ---- MemoryBus: translation -------------------------------------------------------------

  /** See MemoryBus.translate. The TLB hit path: one tag compare. */
  translate(va: number, access: Access, user: boolean, size = 1): number {
    const offset = va & PAGE_MASK;
    const slot = (((access << 1) | (user ? 1 : 0)) << TLB_BITS) | ((va >>> 12) & TLB_MASK);
    if (this.tlbTags[slot] === va - offset) return this.tlbFrames[slot] + offset;
    return this.translateMiss(va, access, user, size, slot);
  }

  /** TLB miss: walks the tables (setting A/D), handles guarded frames and watches, fills the TLB. */
  private translateMiss(va: number, access: Access, user: boolean, size: number, slot: number): number {
    const frame = this.pagingOff ? this.identityFrame(va) : this.walker.walk(this.rootPa, va, access, user && !this.supervisor, true);
    if (frame < 0) throw new PageFault(va, walkFaultCode(frame));
    const offset = va & PAGE_MASK;
    const pageBase = va - offset;
    const ppn = frame / PAGE_SIZE;
    let cacheable: boolean;
    if (access === Access.Write) {
      if ((this.flags[ppn] & (FrameFlag.Code | FrameFlag.Unsaved)) !== 0) this.prepareFrameWrite(ppn);
      cacheable = (this.flags[ppn] & NO_WRITE_CACHE) === 0;
    } else if (access === Access.Read) {
      cacheable = (this.flags[ppn] & FrameFlag.WatchRead) === 0;
    } else {
      cacheable = true;
    }
    if (access !== Access.Execute && this.watches.count !== 0) {
      const write = access === Access.Write;
      if (cacheable && this.watches.watchesVirtualPage(pageBase, write)) cacheable = false;
      this.watches.recordTranslated(va, frame + offset, Math.min(Math.max(size, 1), PAGE_SIZE - offset), write);
      if (this.watches.hasHits) this.watchHitListener();
    }
    if (cacheable) {
      this.tlbTags[slot] = pageBase;
      this.tlbFrames[slot] = frame;
      if (access === Access.Write) this.flags[ppn] |= FrameFlag.WriteCached;
      if (this.walker.largePage) this.tlbCache.largePages = true;
    }
    return frame + offset;
  }

  /** Before the first change to a frame flagged Code or Unsaved: save it for the newest snapshot,
   *  and unmark a code page and tell the listener. */
  private prepareFrameWrite(ppn: number): void {
    const f = this.flags[ppn];
    if ((f & FrameFlag.Unsaved) !== 0) this.snapshots.saveFrame(ppn);
    if ((f & FrameFlag.Code) !== 0) {
      this.flags[ppn] &= ~FrameFlag.Code;
      this.codeWriteListener(ppn);
    }
  }

  /** FrameWriteGuard: a write through the physical accessors touches a guarded frame. */
  beforeDirectWrite(pa: number, length: number): void {
    const first = Math.floor(pa / PAGE_SIZE);
    const last = Math.floor((pa + length - 1) / PAGE_SIZE);
    let watched = false;
    for (let ppn = first; ppn <= last; ppn++) {
      const f = this.flags[ppn];
      if ((f & (FrameFlag.Code | FrameFlag.Unsaved)) !== 0) this.prepareFrameWrite(ppn);
      if ((f & FrameFlag.WatchWrite) !== 0) watched = true;
    }
    if (watched) {
      this.watches.recordDirect(pa, length, true);
      if (this.watches.hasHits) this.watchHitListener();
    }
  }

  /** Switches address space (CR3 write): flushes the TLB. Throws RangeError unless pml4 is a
   *  page-aligned address inside RAM. */
  setRoot(pml4: number): void {
    if (pml4 % PAGE_SIZE !== 0) throw new RangeError(`page-table root 0x${pml4.toString(16)} is not page-aligned`);
    this.phys.checkRange(pml4, PAGE_SIZE);
    this.rootPa = pml4;
    this.tlbCache.flush();
  }

  /** See MemoryBus.setCpuMode. */
  setCpuMode(user: boolean, paging: boolean): void {
    if (this.supervisor === !user && this.pagingOff === !paging) return;
    this.supervisor = !user;
    this.pagingOff = !paging;
    this.tlbCache.flush();
  }

  /** The frame of physical address `pa` with paging off; outside RAM it is a #PF-like failure
   *  (the guest reached no memory there). */
  private identityFrame(pa: number): number {
    const frame = pa - (pa & PAGE_MASK);
    if (frame + PAGE_SIZE > this.phys.size) return walkFault(0);
    return frame;
  }

  /** Current PML4 physical address (0 until `setRoot`). */
  get root(): number {
    return this.rootPa;
  }

  /** INVLPG: drops every cached translation of the page holding `va`. */
  invalidatePage(va: number): void {
    this.tlbCache.invalidatePage(va);
  }

  /** Drops every cached translation. */
  flushTlb(): void {
    this.tlbCache.flush();
  }

  /** Returns how many TLB entries are filled (statistics and tests). */
  tlbEntryCount(): number {
    return this.tlbCache.countEntries();
  }

  // ---- code pages ----------------------------------------------------------------------------

  /** Marks frame `ppn` as holding decoded code: the next write to it by any path calls the
   *  code-write listener once and unmarks it. Throws RangeError outside RAM. */
  markCodePage(ppn: number): void {
    this.checkPpn(ppn);
    const f = this.flags[ppn];
    if ((f & FrameFlag.WriteCached) !== 0) this.tlbCache.dropFrames(ppn * PAGE_SIZE, (ppn + 1) * PAGE_SIZE, WRITE_TABLES);
    this.flags[ppn] = (f | FrameFlag.Code) & ~FrameFlag.WriteCached;
  }

  /** True when frame `ppn` is marked as holding code. */
  isCodePage(ppn: number): boolean {
    this.checkPpn(ppn);
    return (this.flags[ppn] & FrameFlag.Code) !== 0;
  }

  /** Sets the single listener told (with the frame number) when a code page is written. It runs
   *  in the middle of a translation, so it must only drop cached code, not access guest memory. */
  onCodeWrite(listener: (ppn: number) => void): void {
    this.codeWriteListener = listener;
  }

  // ---- watches -------------------------------------------------------------------------------

  /** Adds a watch and drops the TLB entries that would let watched accesses bypass it. Throws
   *  RangeError for a duplicate id, an empty range, or a physical range outside RAM. */
  addWatch(range: WatchRange): void {
    this.watches.add(range);
    const tables = (range.onRead ? READ_TABLES : 0) | (range.onWrite ? WRITE_TABLES : 0);
    if (tables === 0) return;
    const firstPage = Math.floor(range.start / PAGE_SIZE);
    const lastPage = Math.floor((range.start + range.length - 1) / PAGE_SIZE);
    if (range.space === 'virtual') {
      if (lastPage - firstPage >= 64) this.tlbCache.flush();
      else for (let p = firstPage; p <= lastPage; p++) this.tlbCache.invalidatePage(p * PAGE_SIZE);
    } else {
      this.tlbCache.dropFrames(firstPage * PAGE_SIZE, (lastPage + 1) * PAGE_SIZE, tables);
    }
  }

  /** Removes the watch with `id`; returns false when there was none. */
  removeWatch(id: number): boolean {
    return this.watches.remove(id) !== undefined;
  }

  /** See MemoryBus.onWatchHit: a single listener, called after hits are recorded. */
  onWatchHit(listener: () => void): void {
    this.watchHitListener = listener;
  }

  /** True when at least one watch hit happened since the last `takeWatchHits`. */
  get hasWatchHits(): boolean {
    return this.watches.hasHits;
  }

  /** Returns and clears the recorded watch hits, oldest first. */
  takeWatchHits(): WatchHit[] {
    return this.watches.take();
  }

  // ---- snapshots -----------------------------------------------------------------------------

  /** Takes a copy-on-write snapshot of RAM (and the page-table root). Cost: one pass over the frame
   *  flags; pages are copied later, on their first write. */
  snapshot(): SnapshotHandle {
    const handle = this.snapshots.take(this.rootPa);
    this.tlbCache.flushWrites();
    return handle;
  }

  /**
   * Returns RAM and the page-table root to `handle`'s state; snapshots taken after it are released,
   * `handle` stays alive. Flushes the TLB; code pages among the restored frames are unmarked and
   * reported to the code-write listener. Throws Error for a released handle.
   */
  restore(handle: SnapshotHandle): RestoreResult {
    const result = this.snapshots.restore(handle);
    this.rootPa = result.root;
    this.tlbCache.flush();
    for (const ppn of result.frames) {
      if ((this.flags[ppn] & FrameFlag.Code) !== 0) {
        this.flags[ppn] &= ~FrameFlag.Code;
        this.codeWriteListener(ppn);
      }
    }
    return result;
  }

  /** Releases a snapshot (the others still restore exactly). Throws Error when already released. */
  releaseSnapshot(handle: SnapshotHandle): void {
    this.snapshots.release(handle);
  }

  /** True when `handle` can still be restored. */
  isSnapshotAlive(handle: SnapshotHandle): boolean {
    return this.snapshots.isAlive(handle);
  }

  /** Pages held by a live snapshot (those first written while it was the newest). */
  snapshotPageCount(handle: SnapshotHandle): number {
    return this.snapshots.savedPageCount(handle);
  }

  // ---- kernel and debugger access ------------------------------------------------------------------

  /** Translates without any side effect (no A/D bits, no TLB, no watch hits), for the debugger.
   *  Reads the page tables in RAM, so it ignores stale TLB entries. */
  peekTranslate(va: number, access: Access = Access.Read, user = false): PeekResult {
    const frame = this.pagingOff ? this.identityFrame(va) : this.walker.walk(this.rootPa, va, access, user, false);
    if (frame < 0) return { ok: false, errorCode: walkFaultCode(frame) };
    return { ok: true, pa: frame + (va & PAGE_MASK) };
  }

  /** Reads `length` bytes at `va` without side effects; see `readVirtualNoFault`. */
  readVirtual(va: number, length: number, options: { user?: boolean } = {}): VirtualRead {
    return readVirtualNoFault(this, va, length, options.user === true);
  }

  /** Writes `bytes` at `va` for the debugger; see `pokeVirtualNoFault`. */
  pokeVirtual(va: number, bytes: Uint8Array, options: { user?: boolean } = {}): VirtualFault | undefined {
    return pokeVirtualNoFault(this, va, bytes, options.user === true);
  }

  /** Reads through the MMU as the kernel dereferencing a pointer; see `copyIn`. Throws PageFault. */
  copyFromVirtual(va: number, length: number, user = false): Uint8Array {
    return copyIn(this, va, length, user);
  }

  /** Writes through the MMU, all pages translated first; see `copyOut`. Throws PageFault. */
  copyToVirtual(va: number, bytes: Uint8Array, user = false): void {
    copyOut(this, va, bytes, user);
  }

  /** Returns a copy of physical [pa, pa+length) and records read hits of physical watches.
   *  Throws RangeError outside RAM. */
  readPhysical(pa: number, length: number): Uint8Array {
    this.phys.checkRange(pa, length);
    if (length > 0) {
      const first = Math.floor(pa / PAGE_SIZE);
      const last = Math.floor((pa + length - 1) / PAGE_SIZE);
      for (let ppn = first; ppn <= last; ppn++) {
        if ((this.flags[ppn] & FrameFlag.WatchRead) !== 0) {
          this.watches.recordDirect(pa, length, false);
          if (this.watches.hasHits) this.watchHitListener();
          break;
        }
      }
    }
    return this.ram.slice(pa, pa + length);
  }

  /** Writes `bytes` at physical `pa` through the write barrier (snapshots, code pages, physical
   *  watches). Throws RangeError outside RAM. */
  writePhysical(pa: number, bytes: Uint8Array): void {
    this.phys.writeBytes(pa, bytes);
  }

  private checkPpn(ppn: number): void {
    if (!(Number.isInteger(ppn) && ppn >= 0 && ppn < this.phys.frameCount)) {
      throw new RangeError(`frame ${ppn} is outside RAM (${this.phys.frameCount} frames)`);
    }
  }
}
