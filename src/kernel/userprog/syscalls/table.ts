// The system-call table: number → name and handler (PINTOS-ABI.md §4). Project 4's file-system
// calls, mount and umount check their pointers, then fail cleanly (see dir-calls.ts).
import type { SyscallHandler } from './context';
import * as dirs from './dir-calls';
import * as files from './file-calls';
import * as procs from './process-calls';
import * as vm from './vm-calls';

/** A system call's name and handler. */
export interface SyscallEntry {
  readonly name: string;
  readonly handler: SyscallHandler;
}

/** Entries indexed by system-call number. */
export const SYSCALLS: readonly SyscallEntry[] = [
  { name: 'halt', handler: procs.halt },
  { name: 'exit', handler: procs.exit },
  { name: 'fork', handler: procs.fork },
  { name: 'exec', handler: procs.exec },
  { name: 'wait', handler: procs.wait },
  { name: 'create', handler: files.create },
  { name: 'remove', handler: files.remove },
  { name: 'open', handler: files.open },
  { name: 'filesize', handler: files.filesize },
  { name: 'read', handler: files.read },
  { name: 'write', handler: files.write },
  { name: 'seek', handler: files.seek },
  { name: 'tell', handler: files.tell },
  { name: 'close', handler: files.close },
  { name: 'mmap', handler: vm.mmap },
  { name: 'munmap', handler: vm.munmap },
  { name: 'chdir', handler: dirs.chdir },
  { name: 'mkdir', handler: dirs.mkdir },
  { name: 'readdir', handler: dirs.readdir },
  { name: 'isdir', handler: dirs.isdir },
  { name: 'inumber', handler: dirs.inumber },
  { name: 'symlink', handler: dirs.symlink },
  { name: 'dup2', handler: files.dup2 },
  { name: 'mount', handler: dirs.mount },
  { name: 'umount', handler: dirs.umount },
];

/** Number of arguments each call takes (for event and trace display). */
export const SYSCALL_ARITY: readonly number[] = [0, 1, 1, 1, 1, 2, 1, 1, 1, 3, 3, 2, 1, 1, 5, 1, 1, 1, 2, 1, 1, 2, 2, 3, 1];
