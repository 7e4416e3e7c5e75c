// The free-sector bitmap of the file-system disk, stored in a file whose inode is sector 0 (as
// in the Pintos base file system). Allocation is of contiguous runs, first fit.

/** In-memory free map; `persist` writes it back to its file after every change. */
export class FreeMap {
  private readonly used: Uint8Array;
  persist: () => void = () => {};

  constructor(readonly sectorCount: number) {
    this.used = new Uint8Array(sectorCount);
  }

  /** Marks `count` sectors from `start` used (formatting: the free map and root directory sectors). */
  markUsed(start: number, count: number): void {
    this.used.fill(1, start, start + count);
  }

  /** Allocates `count` contiguous sectors, first fit; returns the first or undefined when no run is free. */
  allocate(count: number): number | undefined {
    if (count === 0) return 0;
    let run = 0;
    for (let s = 0; s < this.sectorCount; s++) {
      run = this.used[s] ? 0 : run + 1;
      if (run === count) {
        const start = s - count + 1;
        this.used.fill(1, start, s + 1);
        this.persist();
        return start;
      }
    }
    return undefined;
  }

  /** Returns `count` sectors from `start` to the free pool. */
  release(start: number, count: number): void {
    if (count === 0) return;
    this.used.fill(0, start, start + count);
    this.persist();
  }

  /** Number of free sectors. */
  get freeSectors(): number {
    let n = 0;
    for (let s = 0; s < this.sectorCount; s++) if (!this.used[s]) n++;
    return n;
  }

  /** The bitmap as packed bytes, bit i of byte i/8 set when sector i is used (its on-disk form). */
  toBytes(): Uint8Array {
    const bytes = new Uint8Array(Math.ceil(this.sectorCount / 8));
    for (let s = 0; s < this.sectorCount; s++) if (this.used[s]) bytes[s >> 3] |= 1 << (s & 7);
    return bytes;
  }
}
