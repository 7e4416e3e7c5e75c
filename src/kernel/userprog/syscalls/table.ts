// The system-call table: number → name and handler (PINTOS-ABI.md §4). Numbers without a
// handler (project 4's file-system calls, mount, umount) fail cleanly: false or -1 by return type.
import { ret, type SyscallHandler } from './context';
import * as files from './file-calls';
import * as procs from './process-calls';
import * as vm from './vm-calls';

/** A system call's name and handler. */
export interface SyscallEntry {
  readonly name: string;
  readonly handler: SyscallHandler;
}

/** Project 4 calls returning bool: false. */
const unsupportedBool: SyscallHandler = () => ret(0);
/** Project 4 calls returning int: -1. */
const unsupported: SyscallHandler = () => ret(-1);

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
  { name: 'chdir', handler: unsupportedBool },
  { name: 'mkdir', handler: unsupportedBool },
  { name: 'readdir', handler: unsupportedBool },
  { name: 'isdir', handler: unsupportedBool },
  { name: 'inumber', handler: unsupported },
  { name: 'symlink', handler: unsupported },
  { name: 'dup2', handler: files.dup2 },
  { name: 'mount', handler: unsupported },
  { name: 'umount', handler: unsupported },
];

/** Number of arguments each call takes (for event and trace display). */
export const SYSCALL_ARITY: readonly number[] = [0, 1, 1, 1, 1, 2, 1, 1, 1, 3, 3, 2, 1, 1, 5, 1, 1, 1, 2, 1, 1, 2, 2, 3, 1];
