// An open file: an inode plus a position. Several descriptors may share one File (dup2).
import { Inode, InodeTable } from './inode';

/** An open file description. */
export class OpenFile {
  position = 0;
  private denied = false;

  constructor(
    private readonly inodes: InodeTable,
    readonly inode: Inode,
  ) {}

  /** Reads up to `size` bytes at the position into `dst`, advancing it; returns the count. */
  read(dst: Uint8Array, size: number): number {
    const n = this.inodes.readAt(this.inode, dst, size, this.position);
    this.position += n;
    return n;
  }

  /** Writes up to `size` bytes of `src` at the position, advancing it; returns the count (0 when denied). */
  write(src: Uint8Array, size: number): number {
    const n = this.inodes.writeAt(this.inode, src, size, this.position);
    this.position += n;
    return n;
  }

  /** Copies bytes at `offset` without disk traffic, position change or any other effect (the debugger's reads). */
  peekAt(dst: Uint8Array, size: number, offset: number): number {
    return this.inodes.peekAt(this.inode, dst, size, offset);
  }

  /** Reads at an explicit offset without moving the position (page loading, mmap). */
  readAt(dst: Uint8Array, size: number, offset: number): number {
    return this.inodes.readAt(this.inode, dst, size, offset);
  }

  /** Writes at an explicit offset without moving the position (mmap write-back). */
  writeAt(src: Uint8Array, size: number, offset: number): number {
    return this.inodes.writeAt(this.inode, src, size, offset);
  }

  /** File length in bytes (fixed at creation). */
  get length(): number {
    return this.inode.length;
  }

  /** Denies writes to the inode while this file is open (running executables). */
  denyWrite(): void {
    if (!this.denied) {
      this.denied = true;
      this.inode.denyWriteCount++;
    }
  }

  /** Opens the same inode again with its own position (mmap keeps its own reopened file). */
  reopen(): OpenFile {
    return new OpenFile(this.inodes, this.inodes.reopen(this.inode));
  }

  /** A second description of the same inode with the same position and write denial (fork). */
  duplicate(): OpenFile {
    const copy = new OpenFile(this.inodes, this.inodes.reopen(this.inode));
    copy.position = this.position;
    if (this.denied) copy.denyWrite();
    return copy;
  }

  /** Closes this description: lifts its write denial and releases the inode. */
  close(): void {
    if (this.denied) {
      this.denied = false;
      this.inode.denyWriteCount--;
    }
    this.inodes.close(this.inode);
  }
}
