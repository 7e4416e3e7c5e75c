// ELF64 executable validation and segment list, exactly as the Pintos-KAIST loader accepts them
// (PINTOS-ABI.md §2). Pure function over the file's bytes; mapping the segments is the loader's.

export const PAGE_SIZE = 4096;
export const KERN_BASE = 0x8004000000;

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const PT_SHLIB = 5;
const PF_X = 1;
const PF_W = 2;
const PF_R = 4;

/** One PT_LOAD segment, already validated. */
export interface LoadSegment {
  /** file offset of the segment's first byte */
  offset: number;
  vaddr: number;
  fileSize: number;
  memSize: number;
  writable: boolean;
  executable: boolean;
  readable: boolean;
}

/** A loadable executable: entry point and segments, plus warnings about tolerated layouts. */
export interface ElfImage {
  entry: number;
  segments: LoadSegment[];
  warnings: string[];
}

export type ElfResult = { ok: true; image: ElfImage } | { ok: false; reason: string };

/**
 * Validates `bytes` as a Pintos-loadable ELF64 x86-64 executable and returns its entry point and
 * PT_LOAD segments. Fails (never throws) with a reason naming the first rule broken. Segments
 * whose pages overlap (newer binutils put a read-only header segment on the code page) are
 * accepted with a warning: real Pintos refuses such a binary, we merge the page.
 */
export function parseElf(bytes: Uint8Array): ElfResult {
  const fail = (reason: string): ElfResult => ({ ok: false, reason });
  if (bytes.length < 64) return fail('file is too short to be an ELF executable');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, false) !== 0x7f454c46) return fail('not an ELF file (bad magic)');
  if (bytes[4] !== 2) return fail('not a 64-bit ELF file (EI_CLASS must be 2)');
  if (bytes[5] !== 1) return fail('not a little-endian ELF file (EI_DATA must be 1)');
  if (bytes[6] !== 1) return fail('unsupported ELF version (EI_VERSION must be 1)');
  const type = view.getUint16(16, true);
  if (type !== 2) return fail(`not an executable (e_type is ${type}, must be 2 = EXEC; build with -static -no-pie)`);
  const machine = view.getUint16(18, true);
  if (machine !== 0x3e) return fail(`not an x86-64 program (e_machine is 0x${machine.toString(16)}, must be 0x3e)`);
  if (view.getUint32(20, true) !== 1) return fail('unsupported ELF version (e_version must be 1)');
  const entry = readU64(view, 24);
  const phoff = readU64(view, 32);
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  if (phentsize !== 56) return fail(`bad program header size ${phentsize} (must be 56)`);
  if (phnum > 1024) return fail(`too many program headers (${phnum}, at most 1024)`);
  if (phoff > bytes.length || phoff + phnum * 56 > bytes.length) return fail('program headers lie outside the file');

  const segments: LoadSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * 56;
    const ptype = view.getUint32(at, true);
    if (ptype === PT_DYNAMIC || ptype === PT_INTERP || ptype === PT_SHLIB) {
      return fail('dynamically linked programs cannot be loaded (link with -static)');
    }
    if (ptype !== PT_LOAD) continue;
    const flags = view.getUint32(at + 4, true);
    const offset = readU64(view, at + 8);
    const vaddr = readU64(view, at + 16);
    const fileSize = readU64(view, at + 32);
    const memSize = readU64(view, at + 40);
    const problem = checkSegment(offset, vaddr, fileSize, memSize, bytes.length);
    if (problem) return fail(`segment ${i}: ${problem}`);
    segments.push({
      offset,
      vaddr,
      fileSize,
      memSize,
      writable: (flags & PF_W) !== 0,
      executable: (flags & PF_X) !== 0,
      readable: (flags & PF_R) !== 0,
    });
  }
  if (segments.length === 0) return fail('no loadable segment');
  if (!isUserAddress(entry)) return fail(`entry point 0x${entry.toString(16)} is not a user address`);
  return { ok: true, image: { entry, segments, warnings: overlapWarnings(segments) } };
}

/** Returns why a PT_LOAD segment is unacceptable to Pintos, or undefined when it is fine. */
function checkSegment(offset: number, vaddr: number, fileSize: number, memSize: number, fileLength: number): string | undefined {
  if (offset % PAGE_SIZE !== vaddr % PAGE_SIZE) return 'p_offset and p_vaddr differ modulo the page size';
  if (offset > fileLength) return 'p_offset lies past the end of the file';
  if (memSize < fileSize) return 'p_memsz is smaller than p_filesz';
  if (memSize === 0) return 'p_memsz is 0';
  if (!isUserAddress(vaddr)) return 'p_vaddr is not a user address';
  if (vaddr + memSize < vaddr || !isUserAddress(vaddr + memSize - 1)) return 'segment extends past user space';
  if (vaddr < PAGE_SIZE) return 'segment maps page 0';
  if (offset + fileSize > fileLength) return 'segment data lies past the end of the file';
  return undefined;
}

/** Warnings for segments sharing a page (the newer-binutils layout). */
function overlapWarnings(segments: LoadSegment[]): string[] {
  const warnings: string[] = [];
  const sorted = [...segments].sort((a, b) => a.vaddr - b.vaddr);
  for (let i = 1; i < sorted.length; i++) {
    const prevLastPage = Math.floor((sorted[i - 1].vaddr + sorted[i - 1].memSize - 1) / PAGE_SIZE);
    const firstPage = Math.floor(sorted[i].vaddr / PAGE_SIZE);
    if (firstPage <= prevLastPage) {
      warnings.push(
        `segments at 0x${sorted[i - 1].vaddr.toString(16)} and 0x${sorted[i].vaddr.toString(16)} share page ` +
          `0x${(firstPage * PAGE_SIZE).toString(16)}; real Pintos refuses this binary (link with -z noseparate-code)`,
      );
    }
  }
  return warnings;
}

/** True for addresses Pintos treats as user addresses (below KERN_BASE). */
export function isUserAddress(addr: number): boolean {
  return addr >= 0 && addr < KERN_BASE;
}

/** Reads a u64 as a number; values past 2^53 become Infinity so range checks reject them. */
function readU64(view: DataView, at: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  return hi >= 0x200000 ? Infinity : hi * 0x100000000 + lo;
}
