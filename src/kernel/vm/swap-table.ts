// The swap map: the swap disk cut into page slots of 8 sectors, each with a reference count (the
// number of pages whose content lives there; more than one when a copy-on-write shared frame was
// swapped out). Slots are handed out lowest first. All disk traffic goes through the BlockDevice,
// so the transcript's read/write counters see it.
import { BlockDevice, SECTOR_SIZE } from '../devices/block-device';
import { PAGE_SIZE } from './layout';

/** Sectors in one page slot (8). */
export const SECTORS_PER_SLOT = PAGE_SIZE / SECTOR_SIZE;

/** Slots of a swap disk with reference counts. */
export class SwapTable {
  /** references per slot; 0 = free */
  readonly refs: Uint32Array;
  private used = 0;
  /** every slot below it is in use, so the lowest free slot is found from here */
  private searchFrom = 0;

  /** A swap map over `disk` (floor(sectors / 8) slots), or an empty one when there is no disk. */
  constructor(readonly disk: BlockDevice | undefined) {
    this.refs = new Uint32Array(disk === undefined ? 0 : Math.floor(disk.sectorCount / SECTORS_PER_SLOT));
  }

  get slotCount(): number {
    return this.refs.length;
  }

  /** Slots holding a page. */
  get usedCount(): number {
    return this.used;
  }

  /** True when a slot is free. */
  hasFree(): boolean {
    return this.used < this.refs.length;
  }

  /** Takes the lowest free slot with `refs` references; undefined when the disk is full or absent. */
  allocate(refs: number): number | undefined {
    for (let slot = this.searchFrom; slot < this.refs.length; slot++) {
      if (this.refs[slot] === 0) {
        this.refs[slot] = refs;
        this.used++;
        this.searchFrom = slot + 1;
        return slot;
      }
    }
    this.searchFrom = this.refs.length;
    return undefined;
  }

  /** Adds a reference to used slot `slot` (a fork sharing it). Throws on a free slot (a kernel bug). */
  addRef(slot: number): void {
    this.check(slot);
    this.refs[slot]++;
  }

  /** Drops one reference to `slot`; returns true when that freed it. Throws on a free slot. */
  dropRef(slot: number): boolean {
    this.check(slot);
    this.refs[slot]--;
    if (this.refs[slot] !== 0) return false;
    this.used--;
    if (slot < this.searchFrom) this.searchFrom = slot;
    return true;
  }

  /** Writes one page (`bytes`, 4096 long) to `slot`, sector by sector. */
  writePage(slot: number, bytes: Uint8Array): void {
    this.check(slot);
    const disk = this.disk as BlockDevice;
    for (let i = 0; i < SECTORS_PER_SLOT; i++) disk.write(slot * SECTORS_PER_SLOT + i, bytes.subarray(i * SECTOR_SIZE));
  }

  /** Returns the page stored in `slot`, read sector by sector. */
  readPage(slot: number): Uint8Array {
    this.check(slot);
    const disk = this.disk as BlockDevice;
    const out = new Uint8Array(PAGE_SIZE);
    for (let i = 0; i < SECTORS_PER_SLOT; i++) disk.read(slot * SECTORS_PER_SLOT + i, out.subarray(i * SECTOR_SIZE));
    return out;
  }

  private check(slot: number): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.refs.length || this.refs[slot] === 0) {
      throw new Error(`swap slot ${slot} is not in use`);
    }
  }
}
