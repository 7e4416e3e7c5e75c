// System calls of the virtual-memory project: mmap and munmap (validity rules in the VM).
import { asInt, asPointer, ret, type SyscallHandler } from './context';

/** mmap(addr, length, writable, fd, offset): the mapping's address, or 0 (NULL). */
export const mmap: SyscallHandler = (k, p, a) => {
  const addr = asPointer(a[0]);
  const length = Number(BigInt.asUintN(64, a[1]) > 0x7fffffffffffn ? 0x7fffffffffffn : a[1]);
  const writable = a[2] !== 0n;
  const fd = asInt(a[3]);
  const offset = asInt(a[4]);
  const d = p.fds.get(fd);
  if (!d || d.kind !== 'file' || offset < 0 || addr < 0) return ret(0);
  const file = d.file.reopen();
  return ret(k.vm.mmap(p.space, addr, length, writable, file, offset, fd));
};

/** munmap(addr): unmaps the mapping that mmap returned at `addr`. */
export const munmap: SyscallHandler = (k, p, a) => {
  k.vm.munmap(p.space, asPointer(a[0]));
  return ret(0);
};
