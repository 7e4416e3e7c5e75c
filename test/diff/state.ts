// Cases and results of the differential test, and the binary protocol spoken with harness.c.
//
// Case record (little-endian): u32 codeLen, code bytes, 16 x u64 registers (encoding order rax rcx
// rdx rbx rsp rbp rsi rdi r8..r15), u64 rflags, u32 data seed, u16 patch count, then per patch
// u16 offset + u64 value.
// Result record: u32 status, u32 si_code, u64 rip, u64 fault address, 16 x u64 registers,
// u64 rflags, u32 changed-byte count, then per changed byte u16 offset + u8 value.

/** Where the case's code starts (one page). */
export const CODE_ADDR = 0x1000_0000;
/** Size of the code page. */
export const CODE_SIZE = 0x1000;
/** Where the data area starts; unmapped guard pages lie just below and just above it. */
export const DATA_ADDR = 0x2000_0000;
/** Size of the data area (two pages). */
export const DATA_SIZE = 0x2000;
/** The status flags a case sets and the comparison looks at: CF PF AF ZF SF DF OF. */
export const STATUS_FLAGS = 0xcd5;

/** Register names in encoding order. */
export const REG_NAMES = [
  'rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi',
  'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15',
] as const;

/** A qword written over the seeded data area before the case runs. */
export interface Patch {
  readonly offset: number;
  readonly value: bigint;
}

/** One test case: code bytes and the machine state they start from. */
export interface DiffCase {
  readonly code: Uint8Array;
  /** the 16 general registers in encoding order */
  readonly regs: readonly bigint[];
  /** status flags (bits of STATUS_FLAGS) */
  readonly flags: number;
  /** xorshift32 seed the data area is filled from */
  readonly seed: number;
  readonly patches: readonly Patch[];
}

/** How a case ended, independent of who ran it. */
export type OutcomeKind = 'ok' | 'page-fault' | 'gp' | 'divide' | 'invalid-opcode' | 'trap' | 'timeout' | 'other';

/** The state a case ended in. At a fault, registers and flags are those at fault entry. */
export interface FinalState {
  readonly kind: OutcomeKind;
  /** rip at the end: the end of the code, or the faulting instruction */
  readonly rip: number;
  /** faulting linear address for a page fault, else 0 */
  readonly addr: number;
  readonly regs: readonly bigint[];
  readonly flags: number;
  /** bytes of the data area that differ from the initial contents, as [offset, value], ascending */
  readonly changes: ReadonlyArray<readonly [number, number]>;
  /** what went wrong, when the runner itself failed (kind 'other') */
  readonly error?: string;
}

const MAX_CODE = 3000;
const MAX_PATCHES = 64;

/**
 * Encodes cases as the harness's input stream. Throws when a case exceeds the harness limits
 * (code longer than 3000 bytes, more than 64 patches, a patch outside the data area).
 */
export function encodeCases(cases: readonly DiffCase[]): Buffer {
  let size = 0;
  for (const c of cases) size += 4 + c.code.length + 128 + 8 + 4 + 2 + c.patches.length * 10;
  const buf = Buffer.alloc(size);
  let p = 0;
  for (const c of cases) {
    if (c.code.length > MAX_CODE) throw new Error(`case code too long: ${c.code.length} bytes`);
    if (c.patches.length > MAX_PATCHES) throw new Error(`too many patches: ${c.patches.length}`);
    p = buf.writeUInt32LE(c.code.length, p);
    buf.set(c.code, p);
    p += c.code.length;
    for (let i = 0; i < 16; i++) p = buf.writeBigUInt64LE(BigInt.asUintN(64, c.regs[i]), p);
    p = buf.writeBigUInt64LE(BigInt(c.flags & STATUS_FLAGS), p);
    p = buf.writeUInt32LE(c.seed >>> 0, p);
    p = buf.writeUInt16LE(c.patches.length, p);
    for (const patch of c.patches) {
      if (patch.offset < 0 || patch.offset > DATA_SIZE - 8) throw new Error(`patch offset ${patch.offset} out of range`);
      p = buf.writeUInt16LE(patch.offset, p);
      p = buf.writeBigUInt64LE(BigInt.asUintN(64, patch.value), p);
    }
  }
  return buf;
}

const SIGSEGV_STATUS = 1;
const SIGBUS_STATUS = 2;
const SI_KERNEL = 0x80;

/** Maps a harness status and si_code to an outcome kind. */
function kindOf(status: number, siCode: number): OutcomeKind {
  switch (status) {
    case 0: return 'ok';
    case SIGSEGV_STATUS: return siCode === SI_KERNEL ? 'gp' : 'page-fault';
    case SIGBUS_STATUS: return siCode === SI_KERNEL ? 'gp' : 'other';
    case 3: return 'divide';
    case 4: return 'invalid-opcode';
    case 5: return 'trap';
    case 6: return 'timeout';
    default: return 'other';
  }
}

/** Decodes the harness's output stream. Throws when it does not hold exactly `count` results. */
export function decodeResults(buf: Buffer, count: number): FinalState[] {
  const out: FinalState[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 164 > buf.length) throw new Error(`harness output truncated at result ${n} of ${count}`);
    const status = buf.readUInt32LE(p);
    const siCode = buf.readUInt32LE(p + 4);
    const rip = Number(buf.readBigUInt64LE(p + 8));
    const kind = kindOf(status, siCode);
    const addr = kind === 'page-fault' ? Number(buf.readBigUInt64LE(p + 16)) : 0;
    p += 24;
    const regs: bigint[] = [];
    for (let i = 0; i < 16; i++, p += 8) regs.push(buf.readBigUInt64LE(p));
    const flags = Number(buf.readBigUInt64LE(p) & BigInt(STATUS_FLAGS));
    p += 8;
    const nchanged = buf.readUInt32LE(p);
    p += 4;
    const changes: Array<[number, number]> = [];
    for (let i = 0; i < nchanged; i++, p += 3) changes.push([buf.readUInt16LE(p), buf[p + 2]]);
    out.push({ kind, rip, addr, regs, flags, changes });
  }
  if (p !== buf.length) throw new Error(`harness output has ${buf.length - p} extra bytes`);
  return out;
}

/** Returns the initial data area of a case: the xorshift32 stream of harness.c, then the patches. */
export function initialData(c: DiffCase): Uint8Array {
  const data = new Uint8Array(DATA_SIZE);
  const view = new DataView(data.buffer);
  let x = c.seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < DATA_SIZE; i += 4) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    view.setUint32(i, x, true);
  }
  for (const patch of c.patches) view.setBigUint64(patch.offset, BigInt.asUintN(64, patch.value), true);
  return data;
}

/** Lists the bytes of `after` that differ from `before`, as [offset, value] pairs, ascending. */
export function diffBytes(before: Uint8Array, after: Uint8Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) out.push([i, after[i]]);
  return out;
}
