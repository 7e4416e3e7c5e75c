// Copy-on-write snapshots of physical memory. Snapshots form a chain S1 < S2 < ... < Sn in time.
// Each one keeps the old contents of the pages first written while it was the newest: the first
// write to a frame after Sn is taken saves the frame into Sn (frames not yet saved carry
// FrameFlag.Unsaved, and write-TLB entries are dropped when a snapshot is taken, so that first
// write takes the slow path). Restoring Sk copies back, newest to oldest, the pages saved in
// Sk..Sn, so its cost is the number of pages written since Sk, not the size of RAM.

import { FrameFlag, PAGE_SIZE, PhysicalMemory } from './physical-memory';

/** An opaque reference to a snapshot. */
export interface SnapshotHandle {
  readonly id: number;
}

/** What `restore` did. */
export interface RestoreResult {
  /** pages copied back into RAM (a page saved by several snapshots counts once per snapshot) */
  readonly pagesCopied: number;
  /** physical page numbers whose content was rewritten, each once, in increasing order */
  readonly frames: readonly number[];
  /** the value the snapshot recorded with `take` (the machine's page-table root) */
  readonly root: number;
}

class Snapshot implements SnapshotHandle {
  readonly saved = new Map<number, Uint8Array>();
  constructor(
    readonly id: number,
    readonly root: number,
  ) {}
}

/** The chain of live snapshots of one physical memory. */
export class SnapshotStore {
  private readonly chain: Snapshot[] = [];
  private nextId = 1;

  constructor(private readonly phys: PhysicalMemory) {}

  /** Number of live snapshots. */
  get liveCount(): number {
    return this.chain.length;
  }

  /**
   * Starts a new snapshot of the current RAM and returns its handle; `root` is kept with it.
   * Marks every frame Unsaved. The caller must drop all write-TLB entries.
   */
  take(root: number): SnapshotHandle {
    const snap = new Snapshot(this.nextId++, root);
    this.chain.push(snap);
    this.markAllUnsaved();
    return snap;
  }

  /** Saves frame `ppn` into the newest snapshot and clears its Unsaved flag. Call before the first
   *  change to a frame flagged Unsaved. Does nothing when no snapshot is alive. */
  saveFrame(ppn: number): void {
    const flags = this.phys.frameFlags;
    flags[ppn] &= ~FrameFlag.Unsaved;
    const newest = this.chain[this.chain.length - 1];
    if (newest === undefined || newest.saved.has(ppn)) return;
    const start = ppn * PAGE_SIZE;
    newest.saved.set(ppn, this.phys.ram.slice(start, start + PAGE_SIZE));
  }

  /**
   * Returns RAM to exactly the content it had when `handle` was taken. Snapshots taken after it are
   * released; `handle` stays alive (and can be restored again). Marks every frame Unsaved. The
   * caller must flush the TLB and deal with code pages among `frames`. Throws Error when the
   * handle was released.
   */
  restore(handle: SnapshotHandle): RestoreResult {
    const k = this.indexOf(handle);
    const ram = this.phys.ram;
    const touched = new Set<number>();
    let pagesCopied = 0;
    for (let j = this.chain.length - 1; j >= k; j--) {
      for (const [ppn, data] of this.chain[j].saved) {
        ram.set(data, ppn * PAGE_SIZE);
        touched.add(ppn);
        pagesCopied++;
      }
    }
    const target = this.chain[k];
    this.chain.length = k + 1;
    target.saved.clear();
    this.markAllUnsaved();
    return { pagesCopied, frames: [...touched].sort((a, b) => a - b), root: target.root };
  }

  /**
   * Releases `handle`: its saved pages move to the snapshot before it (where that one has no copy
   * of the page yet), so the others still restore exactly. Throws Error when already released.
   */
  release(handle: SnapshotHandle): void {
    const k = this.indexOf(handle);
    const snap = this.chain[k];
    const previous = k > 0 ? this.chain[k - 1] : undefined;
    if (previous !== undefined) {
      for (const [ppn, data] of snap.saved) if (!previous.saved.has(ppn)) previous.saved.set(ppn, data);
    }
    this.chain.splice(k, 1);
    if (k === this.chain.length) this.reflagAfterNewestChanged();
  }

  /** Returns how many pages `handle` holds (pages first written while it was the newest). */
  savedPageCount(handle: SnapshotHandle): number {
    return this.chain[this.indexOf(handle)].saved.size;
  }

  /** True when `handle` is alive. */
  isAlive(handle: SnapshotHandle): boolean {
    return this.chain.some((s) => s === handle);
  }

  private indexOf(handle: SnapshotHandle): number {
    const k = this.chain.findIndex((s) => s === handle);
    if (k < 0) throw new Error(`snapshot ${handle.id} was released`);
    return k;
  }

  private markAllUnsaved(): void {
    const flags = this.phys.frameFlags;
    for (let i = 0; i < flags.length; i++) flags[i] |= FrameFlag.Unsaved;
  }

  /** After the newest snapshot went away: Unsaved means "not saved in the new newest one". */
  private reflagAfterNewestChanged(): void {
    const flags = this.phys.frameFlags;
    const newest = this.chain[this.chain.length - 1];
    if (newest === undefined) {
      for (let i = 0; i < flags.length; i++) flags[i] &= ~FrameFlag.Unsaved;
      return;
    }
    this.markAllUnsaved();
    for (const ppn of newest.saved.keys()) flags[ppn] &= ~FrameFlag.Unsaved;
  }
}
