// File descriptors of a process. A descriptor refers to a shared description (console input,
// console output, or an open file with its position); dup2 makes two descriptors share one.
import type { OpenFile } from '../filesys/file';

/** What a descriptor refers to. Shared by dup2'd descriptors; `refs` counts them. */
export type Description =
  | { kind: 'stdin'; refs: number }
  | { kind: 'stdout'; refs: number }
  | { kind: 'file'; refs: number; file: OpenFile; name: string };

/** The highest descriptor number a process may use (a generous fixed table, like most student kernels). */
export const MAX_FD = 511;

/** A process's descriptor table. */
export class FdTable {
  private readonly slots = new Map<number, Description>();

  /** A table with 0 = console input and 1 = console output. */
  static standard(): FdTable {
    const t = new FdTable();
    t.slots.set(0, { kind: 'stdin', refs: 1 });
    t.slots.set(1, { kind: 'stdout', refs: 1 });
    return t;
  }

  /** The description behind `fd`, or undefined when `fd` is not open. */
  get(fd: number): Description | undefined {
    return this.slots.get(fd);
  }

  /** Installs `d` at the lowest free descriptor ≥ 2; returns it, or -1 when the table is full. */
  add(d: Description): number {
    for (let fd = 2; fd <= MAX_FD; fd++) {
      if (!this.slots.has(fd)) {
        this.slots.set(fd, d);
        return fd;
      }
    }
    return -1;
  }

  /** Closes `fd`; closing the last reference to a file closes the file. Returns false when not open. */
  close(fd: number): boolean {
    const d = this.slots.get(fd);
    if (!d) return false;
    this.slots.delete(fd);
    release(d);
    return true;
  }

  /** dup2: makes `newfd` refer to `oldfd`'s description. Returns newfd, or -1 when oldfd is not open or newfd is out of range. */
  dup2(oldfd: number, newfd: number): number {
    const d = this.slots.get(oldfd);
    if (!d || !Number.isInteger(newfd) || newfd < 0 || newfd > MAX_FD) return -1;
    if (oldfd === newfd) return newfd;
    if (this.slots.has(newfd)) this.close(newfd);
    d.refs++;
    this.slots.set(newfd, d);
    return newfd;
  }

  /** A copy for a forked child: every description duplicated once (files reopened at the same position), sharing preserved. */
  fork(): FdTable {
    const copy = new FdTable();
    const copies = new Map<Description, Description>();
    for (const [fd, d] of this.slots) {
      let c = copies.get(d);
      if (!c) {
        c = duplicateDescription(d);
        copies.set(d, c);
      }
      c.refs++;
      copy.slots.set(fd, c);
    }
    return copy;
  }

  /** Closes every descriptor (process exit). */
  closeAll(): void {
    for (const fd of [...this.slots.keys()]) this.close(fd);
  }

  /** Open descriptors, ascending (for inspection). */
  entries(): [number, Description][] {
    return [...this.slots.entries()].sort((a, b) => a[0] - b[0]);
  }
}

function duplicateDescription(d: Description): Description {
  switch (d.kind) {
    case 'file':
      return { kind: 'file', refs: 0, file: d.file.duplicate(), name: d.name };
    case 'stdin':
      return { kind: 'stdin', refs: 0 };
    case 'stdout':
      return { kind: 'stdout', refs: 0 };
  }
}

function release(d: Description): void {
  if (--d.refs === 0 && d.kind === 'file') d.file.close();
}
