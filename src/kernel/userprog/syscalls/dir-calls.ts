// Project 4's system calls (chdir, mkdir, readdir, isdir, inumber, symlink) and mount/umount.
// This kernel has no directories or mounts, so each fails cleanly (false or -1 by return type),
// but only after checking its pointer arguments as every other call does: a bad pointer ends
// the process with exit(-1).
import { asPointer, ret, type SyscallHandler } from './context';

/** Length of a directory entry name readdir copies out (READDIR_MAX_LEN), without its NUL. */
const READDIR_MAX_LEN = 14;

/** chdir(dir): checks the string, then false. */
export const chdir: SyscallHandler = function* (k, p, a) {
  yield* k.userMemory.readString(p, asPointer(a[0]));
  return ret(0);
};

/** mkdir(dir): checks the string, then false. */
export const mkdir: SyscallHandler = function* (k, p, a) {
  yield* k.userMemory.readString(p, asPointer(a[0]));
  return ret(0);
};

/** readdir(fd, name): checks the name buffer (READDIR_MAX_LEN + 1 writable bytes), then false. */
export const readdir: SyscallHandler = function* (k, p, a) {
  yield* k.userMemory.check(p, asPointer(a[1]), READDIR_MAX_LEN + 1, true);
  return ret(0);
};

/** isdir(fd): no pointer; false. */
export const isdir: SyscallHandler = () => ret(0);

/** inumber(fd): no pointer; -1. */
export const inumber: SyscallHandler = () => ret(-1);

/** symlink(target, linkpath): checks both strings, then -1. */
export const symlink: SyscallHandler = function* (k, p, a) {
  yield* k.userMemory.readString(p, asPointer(a[0]));
  yield* k.userMemory.readString(p, asPointer(a[1]));
  return ret(-1);
};

/** mount(path, chan_no, dev_no): checks the string, then -1. */
export const mount: SyscallHandler = function* (k, p, a) {
  yield* k.userMemory.readString(p, asPointer(a[0]));
  return ret(-1);
};

/** umount(path): checks the string, then -1. */
export const umount: SyscallHandler = function* (k, p, a) {
  yield* k.userMemory.readString(p, asPointer(a[0]));
  return ret(-1);
};
