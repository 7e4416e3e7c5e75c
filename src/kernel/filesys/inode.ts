// On-disk inodes of the Pintos base file system: one sector holding the start sector and length
// of a contiguous run of data sectors. Reads and writes go sector by sector through a bounce
// buffer for partial sectors, so disk traffic matches what the base file system generates.
import { BlockDevice, SECTOR_SIZE } from '../devices/block-device';

const INODE_MAGIC = 0x494e4f44;

/** Number of sectors needed to hold `bytes` bytes. */
export function bytesToSectors(bytes: number): number {
  return Math.ceil(bytes / SECTOR_SIZE);
}

/** An open inode. Several opens of one sector share one Inode (see InodeTable). */
export class Inode {
  openCount = 1;
  removed = false;
  denyWriteCount = 0;

  constructor(
    readonly sector: number,
    readonly start: number,
    readonly length: number,
  ) {}
}

/** The open-inode list and the sector-level operations on inodes of one disk. */
export class InodeTable {
  private readonly open = new Map<number, Inode>();
  private readonly bounce = new Uint8Array(SECTOR_SIZE);

  constructor(
    readonly disk: BlockDevice,
    private readonly releaseSectors: (start: number, count: number) => void,
  ) {}

  /** Writes a new inode of `length` bytes at `sector` with data at `start`, zeroing the data sectors. */
  create(sector: number, start: number, length: number): void {
    const disk = new Uint8Array(SECTOR_SIZE);
    const view = new DataView(disk.buffer);
    view.setUint32(0, start, true);
    view.setInt32(4, length, true);
    view.setUint32(8, INODE_MAGIC, true);
    this.disk.write(sector, disk);
    const zeros = new Uint8Array(SECTOR_SIZE);
    for (let i = 0; i < bytesToSectors(length); i++) this.disk.write(start + i, zeros);
  }

  /** Opens the inode at `sector`, reading it from disk unless it is already open. */
  openInode(sector: number): Inode {
    const existing = this.open.get(sector);
    if (existing) {
      existing.openCount++;
      return existing;
    }
    const raw = new Uint8Array(SECTOR_SIZE);
    this.disk.read(sector, raw);
    const view = new DataView(raw.buffer);
    const inode = new Inode(sector, view.getUint32(0, true), view.getInt32(4, true));
    this.open.set(sector, inode);
    return inode;
  }

  /** Adds an opener to an already open inode (file reopen). */
  reopen(inode: Inode): Inode {
    inode.openCount++;
    return inode;
  }

  /** Closes one opener; the last close of a removed inode frees its sectors. */
  close(inode: Inode): void {
    if (--inode.openCount > 0) return;
    this.open.delete(inode.sector);
    if (inode.removed) {
      this.releaseSectors(inode.sector, 1);
      this.releaseSectors(inode.start, bytesToSectors(inode.length));
    }
  }

  /** Number of inodes currently open (for leak checks). */
  get openInodes(): number {
    return this.open.size;
  }

  /**
   * Copies up to `size` bytes of `inode` at `offset` into `dst` straight from the disk's bytes,
   * for the debugger: no disk traffic is counted and no state changes. Returns the count (short at
   * end of file).
   */
  peekAt(inode: Inode, dst: Uint8Array, size: number, offset: number): number {
    const n = Math.max(0, Math.min(size, inode.length - offset, dst.length));
    if (n === 0) return 0;
    dst.set(this.disk.peekBytes(inode.start * SECTOR_SIZE + offset, n));
    return n;
  }

  /** Reads up to `size` bytes at `offset` into `dst`; returns the count read (short at end of file). */
  readAt(inode: Inode, dst: Uint8Array, size: number, offset: number): number {
    let done = 0;
    while (size > 0) {
      const left = inode.length - offset;
      if (left <= 0) break;
      const sectorOfs = offset % SECTOR_SIZE;
      const chunk = Math.min(size, left, SECTOR_SIZE - sectorOfs);
      const sector = inode.start + Math.floor(offset / SECTOR_SIZE);
      this.disk.read(sector, this.bounce);
      dst.set(this.bounce.subarray(sectorOfs, sectorOfs + chunk), done);
      size -= chunk;
      offset += chunk;
      done += chunk;
    }
    return done;
  }

  /**
   * Writes up to `size` bytes of `src` at `offset`; returns the count written. Files never grow:
   * writing stops at the end of the file. A write to a write-denied inode writes nothing.
   */
  writeAt(inode: Inode, src: Uint8Array, size: number, offset: number): number {
    if (inode.denyWriteCount > 0) return 0;
    let done = 0;
    while (size > 0) {
      const left = inode.length - offset;
      if (left <= 0) break;
      const sectorOfs = offset % SECTOR_SIZE;
      const sectorLeft = SECTOR_SIZE - sectorOfs;
      const chunk = Math.min(size, left, sectorLeft);
      const sector = inode.start + Math.floor(offset / SECTOR_SIZE);
      if (sectorOfs > 0 || chunk < sectorLeft) this.disk.read(sector, this.bounce);
      else this.bounce.fill(0);
      this.bounce.set(src.subarray(done, done + chunk), sectorOfs);
      this.disk.write(sector, this.bounce);
      size -= chunk;
      offset += chunk;
      done += chunk;
    }
    return done;
  }
}
