// Data movement: mov (all forms), movzx, movsx, movsxd, lea, xchg, bswap, cbw-family, cwd-family.
import type { Handler, Insn } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { Slot } from '../cpu/registers';
import { Access, ld32, ld64, linearAddress, phys, st64 } from './memory-access';
import { getReg, readRm, rmHandle, rmToSlot, setReg, slotToReg, slotToRm, writeRm, immToSlot } from './operands';
import { cachedHandler } from './handler-cache';
import { isBaseDisp, loadBaseDisp32, loadBaseDisp64, storeBaseDisp32, storeBaseDisp64, storeImmBaseDisp32 } from './base-disp';

function formKey(name: string, insn: Insn): string {
  return `${name}/${insn.opsize}/${insn.hasMem ? 'm' : 'r'}`;
}

/** `mov r/m, r` (88, 89). */
export const movRmReg: HandlerSelector = (insn) =>
  isBaseDisp(insn) && insn.opsize >= 4 ? (insn.opsize === 8 ? storeBaseDisp64 : storeBaseDisp32) : cachedHandler(formKey('mov rm,r', insn), (): Handler => {
    const size = insn.opsize;
    if (size === 8) {
      if (!insn.hasMem) {
        return (cpu, i) => {
          const r = cpu.r32;
          r[i.rm * 2] = r[i.reg * 2];
          r[i.rm * 2 + 1] = r[i.reg * 2 + 1];
        };
      }
      return (cpu, i) => st64(cpu, phys(cpu, linearAddress(cpu, i), 8, Access.Write, 0), i.reg);
    }
    return (cpu, i) => writeRm(cpu, i, size, rmHandle(cpu, i, size, Access.Write), getReg(cpu, i.reg, size));
  });

/** `mov r, r/m` (8A, 8B). */
export const movRegRm: HandlerSelector = (insn) =>
  isBaseDisp(insn) && insn.opsize >= 4 ? (insn.opsize === 8 ? loadBaseDisp64 : loadBaseDisp32) : cachedHandler(formKey('mov r,rm', insn), (): Handler => {
    const size = insn.opsize;
    if (size === 8) {
      if (!insn.hasMem) {
        return (cpu, i) => {
          const r = cpu.r32;
          r[i.reg * 2] = r[i.rm * 2];
          r[i.reg * 2 + 1] = r[i.rm * 2 + 1];
        };
      }
      return (cpu, i) => ld64(cpu, phys(cpu, linearAddress(cpu, i), 8, Access.Read, 0), i.reg);
    }
    if (size === 4 && insn.hasMem) {
      return (cpu, i) => {
        const r = cpu.r32;
        r[i.reg * 2] = ld32(cpu, phys(cpu, linearAddress(cpu, i), 4, Access.Read, 0));
        r[i.reg * 2 + 1] = 0;
      };
    }
    return (cpu, i) => setReg(cpu, i.reg, size, readRm(cpu, i, size, rmHandle(cpu, i, size, Access.Read)));
  });

/** `mov r/m, imm` (C6 /0, C7 /0) and `mov +r, imm` (B0+r, B8+r; 64-bit = movabs). */
export const movRmImm: HandlerSelector = (insn) =>
  isBaseDisp(insn) && insn.opsize === 4 ? storeImmBaseDisp32 : cachedHandler(formKey('mov rm,imm', insn), (): Handler => {
    const size = insn.opsize;
    if (size === 8) {
      return (cpu, i) => {
        const h = rmHandle(cpu, i, 8, Access.Write);
        immToSlot(cpu, i, Slot.T0);
        slotToRm(cpu, i, 8, h, Slot.T0);
      };
    }
    return (cpu, i) => writeRm(cpu, i, size, rmHandle(cpu, i, size, Access.Write), size === 4 ? i.imm >>> 0 : i.imm & (size === 2 ? 0xffff : 0xff));
  });

/** `movzx r, r/m8` / `movzx r, r/m16` (0F B6, 0F B7): `srcSize` is 1 or 2. */
export function movzx(srcSize: number): HandlerSelector {
  return (insn) =>
    cachedHandler(formKey(`movzx${srcSize}`, insn), (): Handler => {
      const size = insn.opsize;
      return (cpu, i) => {
        const v = readRm(cpu, i, srcSize, rmHandle(cpu, i, srcSize, Access.Read));
        if (size === 8) {
          cpu.r32[i.reg * 2] = v;
          cpu.r32[i.reg * 2 + 1] = 0;
        } else setReg(cpu, i.reg, size, v);
      };
    });
}

/** `movsx r, r/m8` / `movsx r, r/m16` / `movsxd r, r/m32` (0F BE, 0F BF, 63): `srcSize` 1, 2 or 4. */
export function movsx(srcSize: number): HandlerSelector {
  return (insn) =>
    cachedHandler(formKey(`movsx${srcSize}`, insn), (): Handler => {
      const size = insn.opsize;
      const shift = 32 - srcSize * 8;
      return (cpu, i) => {
        const v = (readRm(cpu, i, srcSize, rmHandle(cpu, i, srcSize, Access.Read)) << shift) >> shift;
        if (size === 8) {
          cpu.s32[i.reg * 2] = v;
          cpu.s32[i.reg * 2 + 1] = v >> 31;
        } else setReg(cpu, i.reg, size, size === 4 ? v >>> 0 : v & 0xffff);
      };
    });
}

/** Computes the effective address of `insn` (no canonical check, no memory access) into slot `slot`. */
export function effectiveAddress(cpu: CpuState, insn: Insn, slot: number): void {
  const r = cpu.r32;
  let lo: number;
  let hi: number;
  if (insn.ripRelative) {
    hi = Math.floor(insn.disp / 4294967296);
    lo = insn.disp - hi * 4294967296;
    if (hi >= 0x8000) hi |= 0xffff0000;
  } else {
    lo = insn.disp;
    hi = 0;
    const b = insn.base;
    if (b >= 0) {
      lo += r[b * 2];
      hi += r[b * 2 + 1];
    }
    const x = insn.index;
    if (x >= 0) {
      lo += r[x * 2] * insn.scale;
      hi += r[x * 2 + 1] * insn.scale;
    }
  }
  const carry = Math.floor(lo / 4294967296);
  r[slot * 2] = lo - carry * 4294967296;
  r[slot * 2 + 1] = insn.asize === 4 ? 0 : hi + carry;
}

/** `lea r, m` (8D). */
export const lea: HandlerSelector = (insn) =>
  cachedHandler(`lea/${insn.opsize}`, (): Handler => {
    const size = insn.opsize;
    if (size === 8) return (cpu, i) => effectiveAddress(cpu, i, i.reg);
    return (cpu, i) => {
      effectiveAddress(cpu, i, Slot.T0);
      slotToReg(cpu, Slot.T0, size, i.reg);
    };
  });

/** `xchg r/m, r` (86, 87) and `xchg +r, acc` (90+r, decoded with rm = rax). */
export const xchg: HandlerSelector = (insn) =>
  cachedHandler(formKey('xchg', insn), (): Handler => {
    const size = insn.opsize;
    return (cpu, i) => {
      const h = rmHandle(cpu, i, size, Access.Write);
      rmToSlot(cpu, i, size, h, Slot.T0);
      if (size === 8) cpu.r64[Slot.T1] = cpu.r64[i.reg];
      else {
        cpu.r32[Slot.T1 * 2] = getReg(cpu, i.reg, size);
        cpu.r32[Slot.T1 * 2 + 1] = 0;
      }
      slotToRm(cpu, i, size, h, Slot.T1);
      slotToReg(cpu, Slot.T0, size, i.reg);
    };
  });

/** `bswap +r` (0F C8+r), 32 or 64 bits. */
export const bswap: HandlerSelector = (insn) =>
  cachedHandler(`bswap/${insn.opsize}`, (): Handler => {
    const swap = (v: number) => ((v << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
    if (insn.opsize === 8) {
      return (cpu, i) => {
        const r = cpu.r32;
        const lo = r[i.reg * 2];
        r[i.reg * 2] = swap(r[i.reg * 2 + 1]);
        r[i.reg * 2 + 1] = swap(lo);
      };
    }
    if (insn.opsize === 2) return (cpu, i) => { cpu.r16[i.reg * 4] = 0; }; // the SDM leaves it undefined; hardware zeroes it
    return (cpu, i) => {
      cpu.r32[i.reg * 2] = swap(cpu.r32[i.reg * 2]);
      cpu.r32[i.reg * 2 + 1] = 0;
    };
  });

/** cbw / cwde / cdqe (98): sign-extends the low half of rax into its operand size. */
export const convertAcc: HandlerSelector = (insn) =>
  cachedHandler(`cbw/${insn.opsize}`, (): Handler => {
    switch (insn.opsize) {
      case 8: return (cpu) => { cpu.s32[1] = cpu.s32[0] >> 31; };
      case 4: return (cpu) => { cpu.s32[0] = (cpu.r32[0] << 16) >> 16; cpu.r32[1] = 0; };
      default: return (cpu) => { cpu.r16[0] = (cpu.r8[0] << 24) >> 24; };
    }
  });

/** cwd / cdq / cqo (99): fills rdx with the sign of rax at the operand size. */
export const convertAccToDx: HandlerSelector = (insn) =>
  cachedHandler(`cwd/${insn.opsize}`, (): Handler => {
    switch (insn.opsize) {
      case 8: return (cpu) => { cpu.s32[4] = cpu.s32[5] = cpu.s32[1] >> 31; };
      case 4: return (cpu) => { cpu.s32[4] = cpu.s32[0] >> 31; cpu.r32[5] = 0; };
      default: return (cpu) => { cpu.r16[8] = (cpu.r16[0] << 16) >> 31; };
    }
  });

/** Moves the value in slot `slot` to the r/m destination (used by the moffs and +r forms). */
export function storeSlotToRm(cpu: CpuState, insn: Insn, size: number, slot: number): void {
  slotToRm(cpu, insn, size, rmHandle(cpu, insn, size, Access.Write), slot);
}
