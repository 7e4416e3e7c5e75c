// System calls about processes: halt, exit, fork, exec, wait.
import { asInt, asPointer, ret, type SyscallHandler } from './context';

/** halt(): powers off at once (the transcript's trailer follows; no exit line). */
export const halt: SyscallHandler = (k) => {
  k.halt();
  return { kind: 'gone' };
};

/** exit(status): ends the process with `status`. */
export const exit: SyscallHandler = (k, p, a) => {
  k.exitProcess(p, asInt(a[0]));
  return { kind: 'gone' };
};

/** fork(name): the child's pid to the parent, 0 to the child, -1 when memory runs out. */
export const fork: SyscallHandler = function* (k, p, a) {
  const name = yield* k.userMemory.readString(p, asPointer(a[0]));
  return ret(yield* k.processes.fork(p, name));
};

/**
 * exec(cmdline): never returns. On success the new image runs; when the program cannot be loaded
 * the loader's message is printed and the process ends with exit(-1), as Pintos-KAIST does.
 */
export const exec: SyscallHandler = function* (k, p, a) {
  const cmdline = yield* k.userMemory.readString(p, asPointer(a[0]));
  const failure = yield* k.processes.exec(p, cmdline);
  if (failure !== undefined) k.exitProcess(p, -1, true, `exec failed: ${failure}`);
  return { kind: 'gone' };
};

/** wait(pid): the child's exit status, or -1. */
export const wait: SyscallHandler = (k, p, a) => k.processes.wait(p, asInt(a[0]));
