// Physical page pools, as Pintos' palloc splits RAM: the first pages hold the kernel image and
// low memory, the rest is halved into a kernel pool and a user pool. For `-m M` each pool has
// 128*M - 65 pages (PINTOS-ABI.md §1).

export const PAGE_SIZE = 4096;

/** Pages Pintos never hands out (kernel image, boot data, low memory): 130 for every RAM size. */
export const RESERVED_PAGES = 130;

/** Number of pages in each pool for a RAM of `memoryMB` MiB. */
export function poolPages(memoryMB: number): number {
  return 128 * memoryMB - RESERVED_PAGES / 2;
}

/** A pool of physical pages handing out the lowest free page first (deterministic). */
export class FramePool {
  private readonly used: Uint8Array;
  private searchFrom = 0;
  private usedCount = 0;

  /** A pool of `count` pages starting at physical address `base`. */
  constructor(
    readonly name: string,
    readonly base: number,
    readonly count: number,
  ) {
    this.used = new Uint8Array(count);
  }

  /** Allocates one page; returns its physical address, or undefined when the pool is empty. */
  allocate(): number | undefined {
    // Every page below searchFrom is in use, so the first free one found is the lowest.
    for (let i = this.searchFrom; i < this.count; i++) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.usedCount++;
        this.searchFrom = i + 1;
        return this.base + i * PAGE_SIZE;
      }
    }
    return undefined;
  }

  /** Returns page `pa` to the pool. Throws on a page not from this pool or not allocated: a kernel bug. */
  free(pa: number): void {
    const i = this.indexOf(pa);
    if (!this.used[i]) throw new Error(`${this.name} pool: double free of 0x${pa.toString(16)}`);
    this.used[i] = 0;
    this.usedCount--;
    if (i < this.searchFrom) this.searchFrom = i;
  }

  /** Index of page `pa` in this pool (frame number). Throws when `pa` is outside the pool. */
  indexOf(pa: number): number {
    const i = (pa - this.base) / PAGE_SIZE;
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new Error(`${this.name} pool: 0x${pa.toString(16)} is not one of its pages`);
    return i;
  }

  /** True when page `pa` belongs to this pool. */
  contains(pa: number): boolean {
    return pa >= this.base && pa < this.base + this.count * PAGE_SIZE;
  }

  /** Pages in use. */
  get inUse(): number {
    return this.usedCount;
  }

  /** Pages free. */
  get available(): number {
    return this.count - this.usedCount;
  }
}
