// The flat root directory of the Pintos base file system: a file of 20-byte entries
// (sector u32, name of up to 14 characters plus NUL, in-use flag), read one entry at a time.
import { Inode, InodeTable } from './inode';

export const NAME_MAX = 14;
const ENTRY_SIZE = 20;

/** One directory slot. */
interface Entry {
  sector: number;
  name: string;
  inUse: boolean;
  offset: number;
}

/** Operations on the directory stored in `inode`. */
export class Directory {
  constructor(
    private readonly inodes: InodeTable,
    readonly inode: Inode,
  ) {}

  /** Returns the inode sector of `name`, or undefined. */
  lookup(name: string): number | undefined {
    return this.find(name)?.sector;
  }

  /**
   * Adds `name` → `sector`. Fails (false) when the name is empty or longer than 14 characters,
   * already present, or the directory is full (directories never grow in the base file system).
   */
  add(name: string, sector: number): boolean {
    if (name.length === 0 || name.length > NAME_MAX || this.find(name)) return false;
    let offset = 0;
    for (const e of this.entries()) {
      offset = e.offset + ENTRY_SIZE;
      if (!e.inUse) {
        offset = e.offset;
        break;
      }
    }
    return this.writeEntry({ sector, name, inUse: true, offset });
  }

  /** Removes `name`; returns its sector, or undefined when absent. */
  remove(name: string): number | undefined {
    const e = this.find(name);
    if (!e) return undefined;
    this.writeEntry({ ...e, inUse: false });
    return e.sector;
  }

  /** Names of the files present, in directory order. */
  list(): string[] {
    return [...this.entries()].filter((e) => e.inUse).map((e) => e.name);
  }

  private find(name: string): Entry | undefined {
    for (const e of this.entries()) if (e.inUse && e.name === name) return e;
    return undefined;
  }

  private *entries(): Generator<Entry> {
    const raw = new Uint8Array(ENTRY_SIZE);
    for (let offset = 0; this.inodes.readAt(this.inode, raw, ENTRY_SIZE, offset) === ENTRY_SIZE; offset += ENTRY_SIZE) {
      const view = new DataView(raw.buffer);
      const nameBytes = raw.subarray(4, 4 + NAME_MAX + 1);
      const end = nameBytes.indexOf(0);
      yield {
        sector: view.getUint32(0, true),
        name: String.fromCharCode(...nameBytes.subarray(0, end < 0 ? NAME_MAX : end)),
        inUse: raw[19] !== 0,
        offset,
      };
    }
  }

  private writeEntry(e: Entry): boolean {
    const raw = new Uint8Array(ENTRY_SIZE);
    new DataView(raw.buffer).setUint32(0, e.sector, true);
    for (let i = 0; i < e.name.length; i++) raw[4 + i] = e.name.charCodeAt(i) & 0xff;
    raw[19] = e.inUse ? 1 : 0;
    return this.inodes.writeAt(this.inode, raw, ENTRY_SIZE, e.offset) === ENTRY_SIZE;
  }
}
