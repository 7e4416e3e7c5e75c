// mul, imul (one, two and three operands), div, idiv at every operand size.
//
// Flags: mul/imul define CF = OF = "the result did not fit"; SF, ZF, AF, PF (undefined by the
// SDM) are left unchanged, as the host CPU (AMD) does. div/idiv leave every
// flag unchanged (all undefined by the SDM). Division by zero and a quotient that does not fit
// raise #DE before anything is written.
import type { Handler, Insn } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { Reg, Slot } from '../cpu/registers';
import { setStatusFlags } from '../cpu/lazy-flags';
import { divideError } from '../cpu/faults';
import { Flag } from '../isa/operand-forms';
import { Access } from './memory-access';
import { getReg, readRm, rmHandle, rmToSlot, setReg, SIZE_MASK } from './operands';
import { cachedHandler } from './handler-cache';

/** Sets flags after a multiplication: CF = OF = overflow, the others unchanged. */
function mulFlags(cpu: CpuState, overflow: boolean, _lowByte: number, _zero: boolean, _sign: boolean): void {
  setStatusFlags(cpu, Flag.CF | Flag.OF, overflow ? 0x801 : 0);
}

function signExtend(v: number, size: number): number {
  return size === 4 ? v | 0 : size === 2 ? (v << 16) >> 16 : (v << 24) >> 24;
}

/** `mul r/m` (/4) and `imul r/m` (/5): rdx:rax (or ax, dx:ax, edx:eax) = rax * r/m. */
export function mulWide(signed: boolean): HandlerSelector {
  return (insn) =>
    cachedHandler(`mul/${signed}/${insn.opsize}/${insn.hasMem}`, (): Handler => {
      const size = insn.opsize;
      if (size === 8) {
        return (cpu, i) => {
          rmToSlot(cpu, i, 8, rmHandle(cpu, i, 8, Access.Read), Slot.T0);
          const q = cpu.r64;
          const s = cpu.s64;
          const p = signed ? s[Reg.RAX] * s[Slot.T0] : q[Reg.RAX] * q[Slot.T0];
          q[Reg.RAX] = p;
          q[Reg.RDX] = p >> 64n;
          const overflow = signed ? p !== BigInt.asIntN(64, p) : q[Reg.RDX] !== 0n;
          mulFlags(cpu, overflow, cpu.r8[0], (cpu.r32[0] | cpu.r32[1]) === 0, cpu.s32[1] < 0);
        };
      }
      return (cpu, i) => {
        const b = readRm(cpu, i, size, rmHandle(cpu, i, size, Access.Read));
        const a = getReg(cpu, Reg.RAX, size);
        if (size === 1) {
          const p = signed ? signExtend(a, 1) * signExtend(b, 1) : a * b;
          cpu.r16[0] = p;
          mulFlags(cpu, signed ? p !== signExtend(p & 0xff, 1) : p > 0xff, p, (p & 0xff) === 0, (p & 0x80) !== 0);
        } else if (size === 2) {
          const p = signed ? signExtend(a, 2) * signExtend(b, 2) : a * b;
          cpu.r16[0] = p;
          cpu.r16[8] = p >> 16;
          mulFlags(cpu, signed ? p !== signExtend(p & 0xffff, 2) : p > 0xffff, p, (p & 0xffff) === 0, (p & 0x8000) !== 0);
        } else {
          const q = cpu.r64;
          q[Slot.T0] = signed ? BigInt(a | 0) * BigInt(b | 0) : BigInt(a) * BigInt(b);
          const lo = cpu.r32[Slot.T0 * 2];
          const hi = cpu.r32[Slot.T0 * 2 + 1];
          setReg(cpu, Reg.RAX, 4, lo);
          setReg(cpu, Reg.RDX, 4, hi);
          mulFlags(cpu, signed ? hi !== ((lo | 0) < 0 ? 0xffffffff : 0) : hi !== 0, lo, lo === 0, (lo | 0) < 0);
        }
      };
    });
}

/** Truncating signed multiply of slot/number operands for the 2- and 3-operand imul forms. */
function imulInto(cpu: CpuState, size: number, dst: number, a: number, b: number): void {
  if (size === 4) {
    const res = Math.imul(a, b);
    cpu.r32[dst * 2] = res;
    cpu.r32[dst * 2 + 1] = 0;
    mulFlags(cpu, (a | 0) * (b | 0) !== res, res, res === 0, res < 0);
  } else {
    const p = signExtend(a, 2) * signExtend(b, 2);
    cpu.r16[dst * 4] = p;
    mulFlags(cpu, p !== signExtend(p & 0xffff, 2), p, (p & 0xffff) === 0, (p & 0x8000) !== 0);
  }
}

function imul64Into(cpu: CpuState, dst: number, a: number, b: number): void {
  const overflow = imul64Overflows(cpu, a, b);
  cpu.s64[dst] = cpu.s64[a] * cpu.s64[b];
  mulFlags(cpu, overflow, cpu.r8[dst * 8], (cpu.r32[dst * 2] | cpu.r32[dst * 2 + 1]) === 0, cpu.s32[dst * 2 + 1] < 0);
}

/**
 * True when the signed product of the 64-bit slots `a` and `b` does not fit in 64 bits. Decided
 * from the operands as doubles when the product is clearly small or clearly large (relative error
 * below 2^-50), exactly with BigInt otherwise; never builds the 128-bit product on the fast path.
 */
export function imul64Overflows(cpu: CpuState, a: number, b: number): boolean {
  const r = cpu.r32;
  const s = cpu.s32;
  const p = Math.abs(s[a * 2 + 1] * 4294967296 + r[a * 2]) * Math.abs(s[b * 2 + 1] * 4294967296 + r[b * 2]);
  if (p < 4611686018427387904) return false; // 2^62
  if (p > 18446744073709551616) return true; // 2^64
  const full = cpu.s64[a] * cpu.s64[b];
  return full !== BigInt.asIntN(64, full);
}

/** `imul r, r/m` (0F AF). */
export const imulRegRm: HandlerSelector = (insn) =>
  cachedHandler(`imul2/${insn.opsize}/${insn.hasMem}`, (): Handler => {
    const size = insn.opsize;
    if (size === 8) {
      return (cpu, i) => {
        rmToSlot(cpu, i, 8, rmHandle(cpu, i, 8, Access.Read), Slot.T0);
        imul64Into(cpu, i.reg, i.reg, Slot.T0);
      };
    }
    return (cpu, i) => imulInto(cpu, size, i.reg, getReg(cpu, i.reg, size), readRm(cpu, i, size, rmHandle(cpu, i, size, Access.Read)));
  });

/** `imul r, r/m, imm` (69, 6B). */
export const imulRegRmImm: HandlerSelector = (insn) =>
  cachedHandler(`imul3/${insn.opsize}/${insn.hasMem}`, (): Handler => {
    const size = insn.opsize;
    if (size === 8) {
      return (cpu, i) => {
        rmToSlot(cpu, i, 8, rmHandle(cpu, i, 8, Access.Read), Slot.T0);
        cpu.r32[Slot.T1 * 2] = i.imm;
        cpu.r32[Slot.T1 * 2 + 1] = i.immHi;
        imul64Into(cpu, i.reg, Slot.T0, Slot.T1);
      };
    }
    return (cpu, i) => imulInto(cpu, size, i.reg, readRm(cpu, i, size, rmHandle(cpu, i, size, Access.Read)), i.imm & SIZE_MASK[size]);
  });

/** `div r/m` (/6) and `idiv r/m` (/7). */
export function divide(signed: boolean): HandlerSelector {
  return (insn) =>
    cachedHandler(`div/${signed}/${insn.opsize}/${insn.hasMem}`, (): Handler => {
      const size = insn.opsize;
      if (size === 8) return (cpu, i) => divide64(cpu, signed, rmHandle(cpu, i, 8, Access.Read), i);
      return (cpu, i) => {
        const d = readRm(cpu, i, size, rmHandle(cpu, i, size, Access.Read));
        if (d === 0) divideError();
        if (size === 4) divide32(cpu, signed, d);
        else divideSmall(cpu, signed, size, d);
      };
    });
}

function divideSmall(cpu: CpuState, signed: boolean, size: number, d: number): void {
  const bits = size * 8;
  const mask = SIZE_MASK[size];
  let n: number;
  if (size === 1) n = cpu.r16[0];
  else n = cpu.r16[8] * 65536 + cpu.r16[0];
  if (signed) {
    n = size === 1 ? (n << 16) >> 16 : n | 0;
    d = signExtend(d, size);
  }
  const q = Math.trunc(n / d);
  const r = n - q * d;
  const limit = 2 ** (signed ? bits - 1 : bits);
  if (signed ? q >= limit || q < -limit : q >= limit) divideError();
  if (size === 1) {
    cpu.r8[0] = q & mask;
    cpu.r8[1] = r & mask;
  } else {
    cpu.r16[0] = q & mask;
    cpu.r16[8] = r & mask;
  }
}

function divide32(cpu: CpuState, signed: boolean, d: number): void {
  const lo = cpu.r32[Reg.RAX * 2];
  const hi = cpu.r32[Reg.RDX * 2];
  let q: number;
  let r: number;
  if (signed) {
    const ds = d | 0;
    if (hi === (((lo | 0) >> 31) >>> 0)) {
      const n = lo | 0;
      q = Math.trunc(n / ds);
      r = n - q * ds;
    } else {
      const nb = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
      const qb = nb / BigInt(ds);
      if (qb >= 2n ** 31n || qb < -(2n ** 31n)) divideError();
      q = Number(qb);
      r = Number(nb % BigInt(ds));
    }
    if (q >= 2 ** 31 || q < -(2 ** 31)) divideError();
  } else {
    if (hi >= d) divideError();
    if (hi === 0) {
      q = Math.floor(lo / d);
      r = lo - q * d;
    } else {
      const nb = (BigInt(hi) * 4294967296n) + BigInt(lo);
      q = Number(nb / BigInt(d));
      r = Number(nb % BigInt(d));
    }
  }
  setReg(cpu, Reg.RAX, 4, q >>> 0);
  setReg(cpu, Reg.RDX, 4, r >>> 0);
}

function divide64(cpu: CpuState, signed: boolean, h: number, insn: Insn): void {
  rmToSlot(cpu, insn, 8, h, Slot.T0);
  const q64 = cpu.r64;
  if (q64[Slot.T0] === 0n) divideError();
  if (signed) {
    const s = cpu.s64;
    const n = (s[Reg.RDX] << 64n) | q64[Reg.RAX];
    const d = s[Slot.T0];
    const q = n / d;
    if (q !== BigInt.asIntN(64, q)) divideError();
    q64[Reg.RAX] = q;
    q64[Reg.RDX] = n % d;
  } else {
    if (q64[Reg.RDX] >= q64[Slot.T0]) divideError();
    const n = (q64[Reg.RDX] << 64n) | q64[Reg.RAX];
    const d = q64[Slot.T0];
    q64[Reg.RAX] = n / d;
    q64[Reg.RDX] = n % d;
  }
}
