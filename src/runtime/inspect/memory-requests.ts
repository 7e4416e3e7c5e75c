// Raw memory requests of the client (memory view, hex editor): reads that stop at the first page
// that is not present, report how far the unreadable stretch goes, and never fault a page in;
// writes that are all-or-nothing unless a partial write is allowed.
import { UserFacingError } from '../contract';
import type { ProcessMemory } from '../inspector-host';
import { hex } from './format-text';
import { unreadableMessage } from './memory-port';
import type { MemoryContents } from './views';

const PAGE = 4096;
const USER_TOP = 2 ** 47;
/** Largest single read (the client pages its requests). */
const MAX_READ = 1 << 20;

/**
 * The readable prefix of `count` bytes at `address`, and the number of unreadable bytes after it
 * up to the next readable page (or the end of the request), so the client can skip them.
 */
export function readProcessMemory(memory: ProcessMemory, address: number, count: number): MemoryContents {
  const length = Math.max(0, Math.min(count, MAX_READ));
  if (address < 0 || address >= USER_TOP) return { address: hex(Math.max(0, address)), data: new Uint8Array(0), unreadableBytes: length };
  const end = Math.min(address + length, USER_TOP);
  const got = memory.read(address, end - address);
  if (got.unreadableAt === undefined && got.bytes.length === end - address) return { address: hex(address), data: got.bytes, unreadableBytes: length - got.bytes.length };
  const from = got.unreadableAt ?? address + got.bytes.length;
  let skip = from - (from % PAGE) + PAGE;
  while (skip < end && memory.read(skip, 1).bytes.length === 0) skip += PAGE;
  const unreadableEnd = Math.min(skip, end) + (end < address + length ? address + length - end : 0);
  return { address: hex(address), data: got.bytes, unreadableBytes: unreadableEnd - from };
}

/**
 * Writes `data` at `address`. All or nothing unless `allowPartial`, in which case it writes page by
 * page up to the first page that cannot be written. Throws UserFacingError when nothing can be written.
 */
export function writeProcessMemory(memory: ProcessMemory, address: number, data: Uint8Array, allowPartial: boolean): { bytesWritten: number } {
  if (address < 0 || address + data.length > USER_TOP) throw new UserFacingError(`cannot write: ${unreadableMessage(address)}`);
  if (memory.write(address, data)) return { bytesWritten: data.length };
  let written = 0;
  if (allowPartial) {
    while (written < data.length) {
      const at = address + written;
      const n = Math.min(data.length - written, PAGE - (at % PAGE));
      if (!memory.write(at, data.subarray(written, written + n))) break;
      written += n;
    }
    if (written > 0) return { bytesWritten: written };
  }
  const failedAt = firstUnwritable(memory, address, data.length);
  const got = memory.read(failedAt, 1);
  throw new UserFacingError(got.bytes.length === 0 ? `cannot write: ${unreadableMessage(failedAt)}` : `cannot write: page ${hex(failedAt - (failedAt % PAGE))} is read-only`);
}

function firstUnwritable(memory: ProcessMemory, address: number, length: number): number {
  for (let done = 0; done < length; ) {
    const at = address + done;
    const n = Math.min(length - done, PAGE - (at % PAGE));
    const got = memory.read(at, n);
    if (got.bytes.length < n) return got.unreadableAt ?? at;
    done += n;
  }
  return address;
}
