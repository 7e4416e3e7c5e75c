// A block device of 512-byte sectors that counts its traffic, as Pintos' block layer does for
// the `hdX:Y: N reads, N writes` lines of the power-off transcript.

export const SECTOR_SIZE = 512;

/** A disk: sector-addressed bytes plus read/write counters. */
export class BlockDevice {
  readonly data: Uint8Array;
  reads = 0;
  writes = 0;
  /** Called with the number of sectors after every transfer (the kernel charges guest time for them). */
  onTransfer: ((sectors: number) => void) | undefined;

  /** Creates a zero-filled disk named like Pintos names it (`hd0:1`) with `sectorCount` sectors. */
  constructor(
    readonly name: string,
    readonly sectorCount: number,
  ) {
    this.data = new Uint8Array(sectorCount * SECTOR_SIZE);
  }

  /** Copies sector `sector` into `dst` (at least 512 bytes). Throws on a sector past the end: a kernel bug. */
  read(sector: number, dst: Uint8Array): void {
    this.check(sector);
    dst.set(this.data.subarray(sector * SECTOR_SIZE, (sector + 1) * SECTOR_SIZE));
    this.reads++;
    this.onTransfer?.(1);
  }

  /** Writes the first 512 bytes of `src` to sector `sector`. Throws on a sector past the end: a kernel bug. */
  write(sector: number, src: Uint8Array): void {
    this.check(sector);
    this.data.set(src.subarray(0, SECTOR_SIZE), sector * SECTOR_SIZE);
    this.writes++;
    this.onTransfer?.(1);
  }

  /** Counts `count` sector reads made on the host's behalf (the scratch disk `pintos -p` fills). */
  countReads(count: number): void {
    this.reads += count;
    this.onTransfer?.(count);
  }

  private check(sector: number): void {
    if (!Number.isInteger(sector) || sector < 0 || sector >= this.sectorCount) {
      throw new Error(`${this.name}: sector ${sector} out of range (disk has ${this.sectorCount} sectors)`);
    }
  }
}
