// Reads the loadable segments of a static x86-64 ELF executable (the guest programs).

/** One PT_LOAD segment. */
export interface Segment {
  readonly vaddr: number;
  readonly memSize: number;
  readonly data: Uint8Array;
  readonly writable: boolean;
  readonly executable: boolean;
}

/** Entry point and non-empty PT_LOAD segments. */
export interface ElfImage {
  readonly entry: number;
  readonly segments: readonly Segment[];
}

/** Returns the entry point and segments of `bytes`. Throws Error unless it is an ELF64
 *  little-endian x86-64 executable whose fields lie inside the file. */
export function readElf(bytes: Uint8Array): ElfImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 64 || view.getUint32(0, false) !== 0x7f454c46 || bytes[4] !== 2 || bytes[5] !== 1) {
    throw new Error('not an ELF64 little-endian file');
  }
  if (view.getUint16(18, true) !== 0x3e) throw new Error('not an x86-64 executable');
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const phoff = u64(32);
  const phnum = view.getUint16(56, true);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * 56;
    if (view.getUint32(at, true) !== 1) continue;
    const flags = view.getUint32(at + 4, true);
    const offset = u64(at + 8);
    const fileSize = u64(at + 32);
    const memSize = u64(at + 40);
    if (memSize === 0) continue;
    if (offset + fileSize > bytes.length) throw new Error(`segment ${i} lies outside the file`);
    segments.push({
      vaddr: u64(at + 16),
      memSize,
      data: bytes.subarray(offset, offset + fileSize),
      writable: (flags & 2) !== 0,
      executable: (flags & 1) !== 0,
    });
  }
  return { entry: u64(24), segments };
}
