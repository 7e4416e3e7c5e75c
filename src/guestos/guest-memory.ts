// How the guest-OS readers see a booted kernel's memory: reads of kernel virtual addresses with
// no side effect, and the little-endian integers they are made of.

/** Reads `length` bytes at kernel virtual address `va`, or undefined where they are not mapped. */
export interface GuestMemory {
  read(va: number, length: number): Uint8Array | undefined;
}

/** A failed read of guest memory, with what was being read (a reader turns it into a message). */
export class GuestReadError extends Error {}

/** The unsigned 64-bit value at `va` as a number (addresses and sizes stay below 2^53). */
export function readU64(mem: GuestMemory, va: number, what: string): number {
  const b = mem.read(va, 8);
  if (b === undefined) throw new GuestReadError(`${what} at 0x${va.toString(16)} is not mapped`);
  return Number(new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true));
}

/** The unsigned integer of `size` bytes (1, 2, 4 or 8) at `va`. */
export function readUnsigned(mem: GuestMemory, va: number, size: number, what: string): number {
  if (size === 8) return readU64(mem, va, what);
  const b = mem.read(va, size);
  if (b === undefined) throw new GuestReadError(`${what} at 0x${va.toString(16)} is not mapped`);
  let v = 0;
  for (let k = size - 1; k >= 0; k--) v = v * 256 + b[k];
  return v;
}
