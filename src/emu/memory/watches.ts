// Watched memory ranges and the hits recorded against them. Virtual watches apply to whatever
// address space is current; physical watches flag their frames (FrameFlag.WatchRead/WatchWrite) so
// every alias of the frame, and kernel writes through the physical accessors, are seen.

import { WatchHit, WatchRange } from './contract';
import { FrameFlag, PAGE_SIZE, PhysicalMemory } from './physical-memory';

/** Returns true when [aStart, aStart+aLength) and [bStart, bStart+bLength) overlap. */
function overlaps(aStart: number, aLength: number, bStart: number, bLength: number): boolean {
  return aStart < bStart + bLength && bStart < aStart + aLength;
}

/** The set of active watches and the hits not yet taken. */
export class WatchSet {
  private virtualWatches: WatchRange[] = [];
  private physicalWatches: WatchRange[] = [];
  private hits: WatchHit[] = [];

  constructor(private readonly phys: PhysicalMemory) {}

  /** Number of active watches of both kinds. */
  get count(): number {
    return this.virtualWatches.length + this.physicalWatches.length;
  }

  /** True when hits are waiting. */
  get hasHits(): boolean {
    return this.hits.length !== 0;
  }

  /**
   * Adds a watch. Throws RangeError when the id is already used, the length is not positive, or a
   * physical range leaves RAM. For a physical watch, flags the frames it covers.
   */
  add(range: WatchRange): void {
    if (this.find(range.id) !== undefined) throw new RangeError(`watch id ${range.id} is already in use`);
    if (!(range.length > 0)) throw new RangeError(`watch ${range.id} has length ${range.length}`);
    if (range.space === 'physical') {
      this.phys.checkRange(range.start, range.length);
      this.physicalWatches.push(range);
      this.reflagFrames(range);
    } else {
      this.virtualWatches.push(range);
    }
  }

  /** Removes the watch with `id`; returns it, or undefined when there is none. */
  remove(id: number): WatchRange | undefined {
    const range = this.find(id);
    if (range === undefined) return undefined;
    if (range.space === 'physical') {
      this.physicalWatches = this.physicalWatches.filter((w) => w.id !== id);
      this.reflagFrames(range);
    } else {
      this.virtualWatches = this.virtualWatches.filter((w) => w.id !== id);
    }
    return range;
  }

  /** Returns the watch with `id`, or undefined. */
  find(id: number): WatchRange | undefined {
    return this.virtualWatches.find((w) => w.id === id) ?? this.physicalWatches.find((w) => w.id === id);
  }

  /** True when a virtual watch on reads (write = false) or writes covers part of the page at pageBase. */
  watchesVirtualPage(pageBase: number, write: boolean): boolean {
    for (const w of this.virtualWatches) {
      if ((write ? w.onWrite : w.onRead) && overlaps(w.start, w.length, pageBase, PAGE_SIZE)) return true;
    }
    return false;
  }

  /** Records hits of a translated access of `size` bytes at va (physical pa), within one page. */
  recordTranslated(va: number, pa: number, size: number, write: boolean): void {
    for (const w of this.virtualWatches) {
      if ((write ? w.onWrite : w.onRead) && overlaps(w.start, w.length, va, size)) {
        this.hits.push({ watch: w, addr: va, size, write, paddr: pa });
      }
    }
    for (const w of this.physicalWatches) {
      if ((write ? w.onWrite : w.onRead) && overlaps(w.start, w.length, pa, size)) {
        this.hits.push({ watch: w, addr: va, size, write, paddr: pa });
      }
    }
  }

  /** Records hits of an access through the physical-memory accessors (no virtual address). */
  recordDirect(pa: number, size: number, write: boolean): void {
    for (const w of this.physicalWatches) {
      if ((write ? w.onWrite : w.onRead) && overlaps(w.start, w.length, pa, size)) {
        this.hits.push({ watch: w, addr: pa, size, write, paddr: pa, direct: true });
      }
    }
  }

  /** Returns and clears the recorded hits, oldest first. */
  take(): WatchHit[] {
    const hits = this.hits;
    this.hits = [];
    return hits;
  }

  /** Recomputes the watch flags of the frames `range` covers from all physical watches. */
  private reflagFrames(range: WatchRange): void {
    const flags = this.phys.frameFlags;
    const first = Math.floor(range.start / PAGE_SIZE);
    const last = Math.floor((range.start + range.length - 1) / PAGE_SIZE);
    for (let ppn = first; ppn <= last; ppn++) {
      let bits = 0;
      for (const w of this.physicalWatches) {
        if (!overlaps(w.start, w.length, ppn * PAGE_SIZE, PAGE_SIZE)) continue;
        if (w.onRead) bits |= FrameFlag.WatchRead;
        if (w.onWrite) bits |= FrameFlag.WatchWrite;
      }
      flags[ppn] = (flags[ppn] & ~(FrameFlag.WatchRead | FrameFlag.WatchWrite)) | bits;
    }
  }
}
