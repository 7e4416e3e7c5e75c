// System calls about files and the console: create, remove, open, filesize, read, write, seek,
// tell, close, dup2. Buffers are copied page by page through the MMU (see UserMemory).
import { asInt, asPointer, asUnsigned, ret, type SyscallHandler } from './context';

/** Bytes moved per chunk between a file and user memory. */
const CHUNK = 4096;

export const create: SyscallHandler = function* (k, p, a) {
  const name = yield* k.userMemory.readString(p, asPointer(a[0]));
  return ret(k.fs.create(name, asUnsigned(a[1])) ? 1 : 0);
};

export const remove: SyscallHandler = function* (k, p, a) {
  const name = yield* k.userMemory.readString(p, asPointer(a[0]));
  return ret(k.fs.remove(name) ? 1 : 0);
};

export const open: SyscallHandler = function* (k, p, a) {
  const name = yield* k.userMemory.readString(p, asPointer(a[0]));
  const file = k.fs.open(name);
  if (!file) return ret(-1);
  const fd = p.fds.add({ kind: 'file', refs: 1, file, name });
  if (fd < 0) file.close();
  return ret(fd);
};

export const filesize: SyscallHandler = (_k, p, a) => {
  const d = p.fds.get(asInt(a[0]));
  return ret(d?.kind === 'file' ? d.file.length : -1);
};

/** read(fd, buf, size): bytes read; keyboard input for stdin; -1 on a bad descriptor. */
export const read: SyscallHandler = function* (k, p, a) {
  const d = p.fds.get(asInt(a[0]));
  const buf = asPointer(a[1]);
  const size = asUnsigned(a[2]);
  if (!d || d.kind === 'stdout') {
    if (size > 0) yield* k.userMemory.check(p, buf, 1, true);
    return ret(-1);
  }
  yield* k.userMemory.check(p, buf, size, true);
  if (d.kind === 'stdin') {
    const input = k.console.readInput(size);
    yield* k.userMemory.copyOut(p, buf, input);
    return ret(input.length);
  }
  let done = 0;
  const chunk = new Uint8Array(CHUNK);
  while (done < size) {
    const n = d.file.read(chunk, Math.min(CHUNK, size - done));
    if (n === 0) break;
    yield* k.userMemory.copyOut(p, buf + done, chunk.subarray(0, n));
    done += n;
  }
  return ret(done);
};

/** write(fd, buf, size): bytes written; the console for stdout; 0 on a write-denied file; -1 on a bad descriptor. */
export const write: SyscallHandler = function* (k, p, a) {
  const d = p.fds.get(asInt(a[0]));
  const buf = asPointer(a[1]);
  const size = asUnsigned(a[2]);
  if (!d || d.kind === 'stdin') {
    if (size > 0) yield* k.userMemory.check(p, buf, 1, false);
    return ret(-1);
  }
  const data = yield* k.userMemory.copyIn(p, buf, size);
  if (d.kind === 'stdout') {
    k.console.printBytes(data);
    return ret(size);
  }
  return ret(d.file.write(data, size));
};

export const seek: SyscallHandler = (_k, p, a) => {
  const d = p.fds.get(asInt(a[0]));
  if (d?.kind === 'file') d.file.position = asUnsigned(a[1]);
  return ret(0);
};

export const tell: SyscallHandler = (_k, p, a) => {
  const d = p.fds.get(asInt(a[0]));
  return ret(d?.kind === 'file' ? d.file.position : -1);
};

export const close: SyscallHandler = (_k, p, a) => {
  p.fds.close(asInt(a[0]));
  return ret(0);
};

export const dup2: SyscallHandler = (_k, p, a) => ret(p.fds.dup2(asInt(a[0]), asInt(a[1])));
