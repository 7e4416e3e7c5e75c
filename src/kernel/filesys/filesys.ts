// The Pintos base file system on a block device: format, create, open, remove, plus the host
// side (putting files on the disk before a run, fetching them after).
import { BlockDevice, SECTOR_SIZE } from '../devices/block-device';
import { Directory } from './directory';
import { OpenFile } from './file';
import { FreeMap } from './free-map';
import { bytesToSectors, InodeTable } from './inode';

const FREE_MAP_SECTOR = 0;
const ROOT_DIR_SECTOR = 1;
const ROOT_DIR_ENTRIES = 16;
const ENTRY_SIZE = 20;

/** The mounted file system. */
export class FileSystem {
  private readonly freeMap: FreeMap;
  private readonly inodes: InodeTable;
  private readonly freeMapFile: OpenFile;
  private readonly root: Directory;

  /** Formats `disk` (free map and an empty 16-entry root directory) and mounts it. */
  constructor(readonly disk: BlockDevice) {
    this.freeMap = new FreeMap(disk.sectorCount);
    this.freeMap.markUsed(FREE_MAP_SECTOR, 1);
    this.freeMap.markUsed(ROOT_DIR_SECTOR, 1);
    this.inodes = new InodeTable(disk, (start, count) => this.freeMap.release(start, count));
    const mapBytes = this.freeMap.toBytes().length;
    const mapStart = this.mustAllocate(bytesToSectors(mapBytes), 'free map');
    this.inodes.create(FREE_MAP_SECTOR, mapStart, mapBytes);
    const dirBytes = ROOT_DIR_ENTRIES * ENTRY_SIZE;
    const dirStart = this.mustAllocate(bytesToSectors(dirBytes), 'root directory');
    this.inodes.create(ROOT_DIR_SECTOR, dirStart, dirBytes);
    this.freeMapFile = new OpenFile(this.inodes, this.inodes.openInode(FREE_MAP_SECTOR));
    this.freeMap.persist = () => {
      const bytes = this.freeMap.toBytes();
      this.freeMapFile.writeAt(bytes, bytes.length, 0);
    };
    this.freeMap.persist();
    this.root = new Directory(this.inodes, this.inodes.openInode(ROOT_DIR_SECTOR));
  }

  /** Creates `name` with `size` zero bytes; false when the name is bad or taken, or the disk is full. */
  create(name: string, size: number): boolean {
    if (size < 0 || name.length === 0 || name.length > 14 || this.root.lookup(name) !== undefined) return false;
    const sector = this.freeMap.allocate(1);
    if (sector === undefined) return false;
    const start = this.freeMap.allocate(bytesToSectors(size));
    if (start === undefined) {
      this.freeMap.release(sector, 1);
      return false;
    }
    this.inodes.create(sector, start, size);
    if (!this.root.add(name, sector)) {
      this.freeMap.release(start, bytesToSectors(size));
      this.freeMap.release(sector, 1);
      return false;
    }
    return true;
  }

  /** Opens `name`; undefined when absent. */
  open(name: string): OpenFile | undefined {
    const sector = this.root.lookup(name);
    return sector === undefined ? undefined : new OpenFile(this.inodes, this.inodes.openInode(sector));
  }

  /** Removes `name`; open descriptors keep working, the space is freed at the last close. */
  remove(name: string): boolean {
    const sector = this.root.remove(name);
    if (sector === undefined) return false;
    const inode = this.inodes.openInode(sector);
    inode.removed = true;
    this.inodes.close(inode);
    return true;
  }

  /** Names of the files in the root directory. */
  list(): string[] {
    return this.root.list();
  }

  /** Inodes open besides the file system's own two (free map, root directory): for leak checks. */
  get openFileInodes(): number {
    return this.inodes.openInodes - 2;
  }

  /** Free sectors left on the disk. */
  get freeSectors(): number {
    return this.freeMap.freeSectors;
  }

  /**
   * Host side: creates `name` holding `content` (like `pintos -p`). Throws an Error naming the
   * file when it cannot be stored (bad name, duplicate, disk full): the user must fix the command.
   */
  putFile(name: string, content: Uint8Array): void {
    if (name.length > 14) throw new Error(`cannot put '${name}' on the Pintos disk: names are at most 14 characters`);
    if (!this.create(name, content.length)) {
      throw new Error(`cannot put '${name}' on the Pintos disk: the name is taken, the directory is full or the disk is too small`);
    }
    const file = this.open(name);
    if (!file) throw new Error(`internal error: '${name}' vanished after creation`);
    file.write(content, content.length);
    file.close();
  }

  /** Host side: the content of `name`, or undefined when absent (like `pintos -g`). */
  getFile(name: string): Uint8Array | undefined {
    const file = this.open(name);
    if (!file) return undefined;
    const content = new Uint8Array(file.length);
    file.readAt(content, content.length, 0);
    file.close();
    return content;
  }

  private mustAllocate(count: number, what: string): number {
    const start = this.freeMap.allocate(count);
    if (start === undefined) throw new Error(`file-system disk too small for the ${what} (${this.disk.sectorCount * SECTOR_SIZE} bytes)`);
    return start;
  }
}
