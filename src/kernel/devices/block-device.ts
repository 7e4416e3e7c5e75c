// A block device of 512-byte sectors that counts its traffic, as Pintos' block layer does for
// the `hdX:Y: N reads, N writes` lines of the power-off transcript. The bytes live in chunks that
// are allocated on first write and shared copy-on-write with snapshots of the device, so a
// snapshot costs a list of chunk references and only the chunks written since are copied.
import { SNAPSHOT_COPY, SNAPSHOT_KEEP, SNAPSHOT_RESTORE, type SelfSnapshotting } from '../snapshot-hooks';

export const SECTOR_SIZE = 512;
/** Sectors per storage chunk (32 KiB). */
const CHUNK_SECTORS = 64;
const CHUNK_BYTES = CHUNK_SECTORS * SECTOR_SIZE;

/** A disk: sector-addressed bytes plus read/write counters. */
export class BlockDevice implements SelfSnapshotting {
  reads = 0;
  writes = 0;
  /** Called with the number of sectors after every transfer (the kernel charges guest time for them). */
  onTransfer: ((sectors: number) => void) | undefined;
  /** storage chunks; undefined = never written (zeros) */
  private chunks: (Uint8Array | undefined)[];
  /** 1 where the chunk belongs to this device alone and may be written in place */
  private owned: Uint8Array;

  /** Creates a zero-filled disk named like Pintos names it (`hd0:1`) with `sectorCount` sectors. */
  constructor(
    readonly name: string,
    readonly sectorCount: number,
  ) {
    const count = Math.ceil(sectorCount / CHUNK_SECTORS);
    this.chunks = new Array<Uint8Array | undefined>(count).fill(undefined);
    this.owned = new Uint8Array(count);
  }

  /** Copies sector `sector` into `dst` (at least 512 bytes). Throws on a sector past the end: a kernel bug. */
  read(sector: number, dst: Uint8Array): void {
    this.check(sector);
    this.copyOut(sector * SECTOR_SIZE, dst.subarray(0, SECTOR_SIZE));
    this.reads++;
    this.onTransfer?.(1);
  }

  /** Writes the first 512 bytes of `src` to sector `sector`. Throws on a sector past the end: a kernel bug. */
  write(sector: number, src: Uint8Array): void {
    this.check(sector);
    const chunk = this.writableChunk(Math.floor(sector / CHUNK_SECTORS));
    chunk.set(src.subarray(0, SECTOR_SIZE), (sector % CHUNK_SECTORS) * SECTOR_SIZE);
    this.writes++;
    this.onTransfer?.(1);
  }

  /** Counts `count` sector reads made on the host's behalf (the scratch disk `pintos -p` fills). */
  countReads(count: number): void {
    this.reads += count;
    this.onTransfer?.(count);
  }

  /** Copies `length` bytes at byte `offset` for the debugger: no traffic counted, no effect. Bytes past the end read as zeros. */
  peekBytes(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, length));
    const end = Math.min(offset + length, this.sectorCount * SECTOR_SIZE);
    if (offset >= 0 && end > offset) this.copyOut(offset, out.subarray(0, end - offset));
    return out;
  }

  /** The storage chunks written so far (for measuring what snapshots of the device hold). */
  storageChunks(): Uint8Array[] {
    return this.chunks.filter((c): c is Uint8Array => c !== undefined);
  }

  /** A snapshot copy sharing every chunk; both sides copy a chunk before their next write to it. */
  [SNAPSHOT_COPY](): BlockDevice {
    const copy = Object.create(BlockDevice.prototype) as BlockDevice;
    Object.assign(copy, { ...this, chunks: this.chunks.slice(), owned: new Uint8Array(this.owned.length), onTransfer: undefined });
    this.owned.fill(0);
    return copy;
  }

  /** Makes this device hold what snapshot copy `source` holds (its chunks shared, copy-on-write). */
  [SNAPSHOT_RESTORE](source: object): void {
    const s = source as BlockDevice;
    this.chunks = s.chunks.slice();
    this.owned.fill(0);
    this.reads = s.reads;
    this.writes = s.writes;
  }

  /** Copies bytes [offset, offset + dst.length) into `dst` (the range is inside the disk). */
  private copyOut(offset: number, dst: Uint8Array): void {
    for (let done = 0; done < dst.length; ) {
      const at = offset + done;
      const index = Math.floor(at / CHUNK_BYTES);
      const inChunk = at % CHUNK_BYTES;
      const n = Math.min(dst.length - done, CHUNK_BYTES - inChunk);
      const chunk = this.chunks[index];
      if (chunk) dst.set(chunk.subarray(inChunk, inChunk + n), done);
      else dst.fill(0, done, done + n);
      done += n;
    }
  }

  private writableChunk(index: number): Uint8Array {
    let chunk = this.chunks[index];
    if (!chunk) chunk = new Uint8Array(CHUNK_BYTES);
    else if (!this.owned[index]) chunk = chunk.slice();
    this.chunks[index] = chunk;
    this.owned[index] = 1;
    return chunk;
  }

  private check(sector: number): void {
    if (!Number.isInteger(sector) || sector < 0 || sector >= this.sectorCount) {
      throw new Error(`${this.name}: sector ${sector} out of range (disk has ${this.sectorCount} sectors)`);
    }
  }
}

/** The transfer hook is wiring set by the kernel, not disk state. */
(BlockDevice.prototype as unknown as Record<symbol, string[]>)[SNAPSHOT_KEEP] = ['onTransfer'];
