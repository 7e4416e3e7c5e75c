// Lazy status flags. Arithmetic handlers do not compute CF/PF/AF/ZF/SF/OF; they record the kind
// of operation, its operand size and its operands/result (in the register-file slots FLAG_DST,
// FLAG_SRC, FLAG_RES), and the flags are computed here only when something reads them.
//
// Operand values for sizes 1, 2 and 4 are stored zero-extended in the low 32 bits of the slots
// (the high halves are stale and never read); 64-bit operands fill the whole slot.
//
// Choices for flags the SDM leaves undefined (the differential tester masks them; see
// isa/undefined-flags.ts), following what this machine's host CPU (AMD) does where we measured it:
// logic ops (and/or/xor/test) clear AF; shifts set AF (as the host does) and compute OF with the
// count-1 formula for every count; shl/shr of an 8/16-bit value by more than its width give CF = 0.
// Other instructions set their undefined flags explicitly (see exec/).
import type { CpuState } from './cpu-state';
import { Slot } from './registers';

/** Operation kinds, shifted left by 2 and or-ed with log2(operand size) to form a LazyOp. */
export const enum LazyKind {
  NONE = 0, ADD = 1, ADC = 2, SUB = 3, SBB = 4, LOGIC = 5, INC = 6, DEC = 7, SHL = 8, SHR = 9, SAR = 10,
}

/** log2 of an operand size in bytes (1→0, 2→1, 4→2, 8→3). */
export function sizeLog(bytes: number): number {
  return bytes === 8 ? 3 : bytes === 4 ? 2 : bytes === 2 ? 1 : 0;
}

const D = Slot.FLAG_DST * 2;
const S = Slot.FLAG_SRC * 2;
const R = Slot.FLAG_RES * 2;

/** PF value (0 or 4) for every byte value. */
export const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let bits = 0;
  for (let v = i; v; v >>= 1) bits += v & 1;
  PARITY[i] = bits & 1 ? 0 : 4;
}

/** Computes the six status flags (RFLAGS bit layout) from the lazy state, without changing it. */
export function statusFlags(cpu: CpuState): number {
  const op = cpu.flagOp;
  if (op === 0) return cpu.flagBits;
  return (op & 3) === 3 ? flags64(cpu, op >> 2) : flagsSmall(cpu, op >> 2, op & 3);
}

/** Makes the status flags concrete in `flagBits` (flagOp becomes NONE); returns them. */
export function materializeFlags(cpu: CpuState): number {
  const f = statusFlags(cpu);
  cpu.flagBits = f;
  cpu.flagOp = 0;
  return f;
}

/** Replaces the status flags selected by `mask` with those bits of `value`. */
export function setStatusFlags(cpu: CpuState, mask: number, value: number): void {
  const f = cpu.flagOp === 0 ? cpu.flagBits : statusFlags(cpu);
  cpu.flagBits = (f & ~mask) | (value & mask);
  cpu.flagOp = 0;
}

/** The carry flag, computed cheaply when possible. */
export function carryFlag(cpu: CpuState): number {
  return cpu.flagOp === 0 ? cpu.flagBits & 1 : statusFlags(cpu) & 1;
}

function flagsSmall(cpu: CpuState, kind: number, log: number): number {
  const r = cpu.r32;
  const a = r[D];
  const b = r[S];
  const res = r[R];
  const sh = (8 << log) - 1;
  let f = PARITY[res & 0xff] | (res === 0 ? 0x40 : 0) | (((res >>> sh) & 1) << 7);
  switch (kind) {
    case LazyKind.ADD:
      return f | (res < a ? 1 : 0) | ((a ^ b ^ res) & 0x10) | ((((a ^ res) & (b ^ res)) >>> sh) & 1) << 11;
    case LazyKind.ADC:
      f |= (cpu.flagBits & 1 ? res <= a : res < a) ? 1 : 0;
      return f | ((a ^ b ^ res) & 0x10) | ((((a ^ res) & (b ^ res)) >>> sh) & 1) << 11;
    case LazyKind.SUB:
      return f | (a < b ? 1 : 0) | ((a ^ b ^ res) & 0x10) | ((((a ^ b) & (a ^ res)) >>> sh) & 1) << 11;
    case LazyKind.SBB:
      f |= (cpu.flagBits & 1 ? a <= b : a < b) ? 1 : 0;
      return f | ((a ^ b ^ res) & 0x10) | ((((a ^ b) & (a ^ res)) >>> sh) & 1) << 11;
    case LazyKind.LOGIC:
      return f;
    case LazyKind.INC:
      return f | (cpu.flagBits & 1) | ((a ^ 1 ^ res) & 0x10) | ((((a ^ res) & (1 ^ res)) >>> sh) & 1) << 11;
    case LazyKind.DEC:
      return f | (cpu.flagBits & 1) | ((a ^ 1 ^ res) & 0x10) | ((((a ^ 1) & (a ^ res)) >>> sh) & 1) << 11;
    case LazyKind.SHL: {
      const bits = sh + 1;
      const cf = b > bits ? 0 : (a >>> (bits - b)) & 1;
      return f | 0x10 | cf | ((((res >>> sh) & 1) ^ cf) << 11);
    }
    case LazyKind.SHR: {
      const cf = b > sh + 1 ? 0 : (a >>> (b - 1)) & 1;
      return f | 0x10 | cf | (((a >>> sh) & 1) << 11);
    }
    case LazyKind.SAR: {
      const signed = (a << (31 - sh)) >> (31 - sh);
      return f | 0x10 | ((signed >> Math.min(b - 1, 31)) & 1);
    }
  }
  return f;
}

function flags64(cpu: CpuState, kind: number): number {
  const r = cpu.r32;
  const aL = r[D], aH = r[D + 1];
  const bL = r[S], bH = r[S + 1];
  const rL = r[R], rH = r[R + 1];
  const f = PARITY[rL & 0xff] | ((rL | rH) === 0 ? 0x40 : 0) | ((rH >>> 31) << 7);
  switch (kind) {
    case LazyKind.ADD:
    case LazyKind.ADC: {
      const cin = kind === LazyKind.ADC && (cpu.flagBits & 1) !== 0;
      const carry = rH < aH || (rH === aH && (cin ? rL <= aL : rL < aL));
      return f | (carry ? 1 : 0) | ((aL ^ bL ^ rL) & 0x10) | ((((aH ^ rH) & (bH ^ rH)) >>> 31) << 11);
    }
    case LazyKind.SUB:
    case LazyKind.SBB: {
      const cin = kind === LazyKind.SBB && (cpu.flagBits & 1) !== 0;
      const borrow = aH < bH || (aH === bH && (cin ? aL <= bL : aL < bL));
      return f | (borrow ? 1 : 0) | ((aL ^ bL ^ rL) & 0x10) | ((((aH ^ bH) & (aH ^ rH)) >>> 31) << 11);
    }
    case LazyKind.LOGIC:
      return f;
    case LazyKind.INC:
      return f | (cpu.flagBits & 1) | ((aL ^ 1 ^ rL) & 0x10) | ((((aH ^ rH) & rH) >>> 31) << 11);
    case LazyKind.DEC:
      return f | (cpu.flagBits & 1) | ((aL ^ 1 ^ rL) & 0x10) | (((aH & (aH ^ rH)) >>> 31) << 11);
    case LazyKind.SHL: {
      const n = 64 - bL;
      const cf = n >= 32 ? (aH >>> (n - 32)) & 1 : (aL >>> n) & 1;
      return f | 0x10 | cf | (((rH >>> 31) ^ cf) << 11);
    }
    case LazyKind.SHR: {
      const n = bL - 1;
      const cf = n >= 32 ? (aH >>> (n - 32)) & 1 : (aL >>> n) & 1;
      return f | 0x10 | cf | ((aH >>> 31) << 11);
    }
    case LazyKind.SAR: {
      const n = bL - 1;
      const cf = n >= 32 ? ((aH | 0) >> (n - 32)) & 1 : (aL >>> n) & 1;
      return f | 0x10 | cf;
    }
  }
  return f;
}

/** Evaluates condition code `cc` (0..15: o no b ae e ne be a s ns p np l ge le g) on flags `f`. */
export function conditionOnFlags(f: number, cc: number): boolean {
  let t: boolean;
  switch (cc >> 1) {
    case 0: t = (f & 0x800) !== 0; break;
    case 1: t = (f & 1) !== 0; break;
    case 2: t = (f & 0x40) !== 0; break;
    case 3: t = (f & 0x41) !== 0; break;
    case 4: t = (f & 0x80) !== 0; break;
    case 5: t = (f & 4) !== 0; break;
    case 6: t = ((f >> 7) & 1) !== ((f >> 11) & 1); break;
    default: t = (f & 0x40) !== 0 || ((f >> 7) & 1) !== ((f >> 11) & 1); break;
  }
  return (cc & 1) === 0 ? t : !t;
}

/** Evaluates condition code `cc` on the current flags, straight from the operands after cmp/sub/test. */
export function condition(cpu: CpuState, cc: number): boolean {
  const op = cpu.flagOp;
  if (op === ((LazyKind.SUB << 2) | 2)) {
    const r = cpu.r32;
    const a = r[D], b = r[S];
    switch (cc) {
      case 2: return a < b;
      case 3: return a >= b;
      case 4: return a === b;
      case 5: return a !== b;
      case 6: return a <= b;
      case 7: return a > b;
      case 12: return (a | 0) < (b | 0);
      case 13: return (a | 0) >= (b | 0);
      case 14: return (a | 0) <= (b | 0);
      case 15: return (a | 0) > (b | 0);
    }
  } else if (op === ((LazyKind.LOGIC << 2) | 2)) {
    const res = cpu.s32[R];
    switch (cc) {
      case 4: return res === 0;
      case 5: return res !== 0;
      case 8: return res < 0;
      case 9: return res >= 0;
      case 12: return res < 0;
      case 13: return res >= 0;
      case 14: return res <= 0;
      case 15: return res > 0;
    }
  } else if (op === ((LazyKind.SUB << 2) | 3)) {
    const s = cpu.s64;
    switch (cc) {
      case 4: return cpu.r32[D] === cpu.r32[S] && cpu.r32[D + 1] === cpu.r32[S + 1];
      case 5: return cpu.r32[D] !== cpu.r32[S] || cpu.r32[D + 1] !== cpu.r32[S + 1];
      case 12: return s[Slot.FLAG_DST] < s[Slot.FLAG_SRC];
      case 13: return s[Slot.FLAG_DST] >= s[Slot.FLAG_SRC];
      case 14: return s[Slot.FLAG_DST] <= s[Slot.FLAG_SRC];
      case 15: return s[Slot.FLAG_DST] > s[Slot.FLAG_SRC];
    }
  }
  return conditionOnFlags(statusFlags(cpu), cc);
}
