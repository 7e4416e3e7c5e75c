// The frame table: one record per user-pool frame in use, naming the pages (of one or several
// address spaces, when shared copy-on-write) that it backs. Frames come from the user FramePool;
// choosing a victim when the pool is empty is the evictor's business (evictor.ts).
import type { FramePool } from '../memory/frame-pool';

/** A page a frame backs: address space id, page address, and the physical address of the page's
 *  leaf PTE (stable: page-table pages live as long as their space). */
export interface FrameOwner {
  space: number;
  va: number;
  pte: number;
}

/** A frame in use. Plain data. */
export interface FrameRecord {
  /** index in the user pool (the frame number the views show) */
  readonly index: number;
  /** physical address */
  readonly pa: number;
  /** pages mapping it, in the order they started to share it */
  owners: FrameOwner[];
  /** > 0 while a kernel operation fills or copies it: never chosen as a victim */
  pins: number;
  /** allocation stamp (FIFO order) */
  loadedAt: number;
  /** LRU stamp: the observation round in which the kernel last saw it accessed */
  lastUse: number;
  /** content differs from its file: dirty bits harvested from PTEs that no longer map it */
  dirty: boolean;
}

/** The records of the frames in use, indexed by user-pool frame number. */
export class FrameTable {
  private readonly records: (FrameRecord | undefined)[];
  private nextLoad = 1;
  private used = 0;
  /** allocation order as pairs (index, loadedAt) from `orderHead` on; pairs of frames freed since are stale */
  private order: number[] = [];
  private orderHead = 0;

  constructor(readonly pool: FramePool) {
    this.records = new Array<FrameRecord | undefined>(pool.count).fill(undefined);
  }

  /** Number of frames in the user pool. */
  get capacity(): number {
    return this.pool.count;
  }

  /** Number of frames in use. */
  get count(): number {
    return this.used;
  }

  /**
   * Takes the lowest free frame of the pool and returns its record, pinned once, with no owner and
   * stamped with `lruNow`; undefined when the pool is empty (the caller evicts).
   */
  allocate(lruNow: number): FrameRecord | undefined {
    const pa = this.pool.allocate();
    if (pa === undefined) return undefined;
    const index = this.pool.indexOf(pa);
    const record: FrameRecord = { index, pa, owners: [], pins: 1, loadedAt: this.nextLoad++, lastUse: lruNow, dirty: false };
    this.records[index] = record;
    this.used++;
    this.order.push(index, record.loadedAt);
    return record;
  }

  /** Returns `frame` to the pool. Throws when it still has owners or pins: a kernel bug. */
  release(frame: FrameRecord): void {
    if (frame.owners.length !== 0 || frame.pins !== 0) {
      throw new Error(`frame ${frame.index} released while it has ${frame.owners.length} owners and ${frame.pins} pins`);
    }
    if (this.records[frame.index] !== frame) throw new Error(`frame ${frame.index} released twice`);
    this.records[frame.index] = undefined;
    this.used--;
    this.pool.free(frame.pa);
  }

  /** The record of frame `index`, or undefined when it is free. */
  at(index: number): FrameRecord | undefined {
    return this.records[index];
  }

  /** The record of frame `index`; throws when the frame is free (a kernel bug). */
  get(index: number): FrameRecord {
    const r = this.records[index];
    if (r === undefined) throw new Error(`frame ${index} is not in use`);
    return r;
  }

  /** Every frame in use, by increasing index. */
  inUse(): FrameRecord[] {
    const out: FrameRecord[] = [];
    for (const r of this.records) if (r !== undefined) out.push(r);
    return out;
  }

  /**
   * The frame in use filled longest ago (smallest loadedAt) that passes `test`; undefined when none
   * does. Walks the allocation order from its oldest live entry, so frames freed since cost one
   * step once they reach the head, not a scan of the whole table.
   */
  oldestWhere(test: (frame: FrameRecord) => boolean): FrameRecord | undefined {
    const order = this.order;
    let found: FrameRecord | undefined;
    for (let i = this.orderHead; i < order.length; i += 2) {
      const r = this.records[order[i]];
      if (r === undefined || r.loadedAt !== order[i + 1]) {
        if (i === this.orderHead) this.orderHead += 2;
        continue;
      }
      if (test(r)) {
        found = r;
        break;
      }
    }
    if (this.orderHead > 4096 && this.orderHead * 2 > order.length) {
      order.splice(0, this.orderHead);
      this.orderHead = 0;
    }
    return found;
  }

  /** Removes owner (space, va) from `frame`; returns false when it was not an owner. */
  removeOwner(frame: FrameRecord, space: number, va: number): boolean {
    const i = frame.owners.findIndex((o) => o.space === space && o.va === va);
    if (i < 0) return false;
    frame.owners.splice(i, 1);
    return true;
  }
}
