// The free-sector bitmap of the file-system disk, stored in a file whose inode is sector 0 (as
// in the Pintos base file system). Allocation is of contiguous runs, first fit.

/**
 * In-memory free map; `persist` writes it back to its file after every change. The on-disk
 * bitmap is kept up to date beside the per-sector flags, so a write-back costs the run changed,
 * not the whole disk.
 */
export class FreeMap {
  private readonly used: Uint8Array;
  /** the on-disk form: bit i of byte i/8 set when sector i is used */
  private readonly packed: Uint8Array;
  persist: () => void = () => {};

  constructor(readonly sectorCount: number) {
    this.used = new Uint8Array(sectorCount);
    this.packed = new Uint8Array(Math.ceil(sectorCount / 8));
  }

  /** Marks `count` sectors from `start` used (formatting: the free map and root directory sectors). */
  markUsed(start: number, count: number): void {
    this.setRun(start, count, 1);
  }

  /** Allocates `count` contiguous sectors, first fit; returns the first or undefined when no run is free. */
  allocate(count: number): number | undefined {
    if (count === 0) return 0;
    let run = 0;
    for (let s = 0; s < this.sectorCount; s++) {
      run = this.used[s] ? 0 : run + 1;
      if (run === count) {
        const start = s - count + 1;
        this.setRun(start, count, 1);
        this.persist();
        return start;
      }
    }
    return undefined;
  }

  /** Returns `count` sectors from `start` to the free pool. */
  release(start: number, count: number): void {
    if (count === 0) return;
    this.setRun(start, count, 0);
    this.persist();
  }

  /** Number of free sectors. */
  get freeSectors(): number {
    let n = 0;
    for (let s = 0; s < this.sectorCount; s++) if (!this.used[s]) n++;
    return n;
  }

  /**
   * The bitmap as packed bytes, bit i of byte i/8 set when sector i is used (its on-disk form).
   * The map's own array, current until the next change: read it, do not modify or keep it.
   */
  toBytes(): Uint8Array {
    return this.packed;
  }

  /** Sets the flag of `count` sectors from `start` to `value` (1 used, 0 free), in both forms. */
  private setRun(start: number, count: number, value: 0 | 1): void {
    this.used.fill(value, start, start + count);
    for (let s = start; s < start + count; s++) {
      if (value === 1) this.packed[s >> 3] |= 1 << (s & 7);
      else this.packed[s >> 3] &= ~(1 << (s & 7));
    }
  }
}
