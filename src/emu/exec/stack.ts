// The stack: push, pop (register, memory, immediate), pushf/popf, leave, and the rsp helpers
// used by call/ret. Every handler translates all its stack and operand addresses before it
// changes anything, so a push that faults leaves rsp as it was.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { USER_WRITABLE_CONTROL_FLAGS } from '../cpu/cpu-state';
import { Reg, Slot } from '../cpu/registers';
import { setStatusFlags, statusFlags } from '../cpu/lazy-flags';
import { STATUS_FLAGS } from '../isa/operand-forms';
import { Access, canonical, ld16, ld32, ld64, phys, st16, st32, st64 } from './memory-access';
import { immToSlot, rmHandle, rmToSlot, slotToRm, slotToReg } from './operands';
import { cachedHandler } from './handler-cache';

const TWO32 = 4294967296;

/** Linear address rsp + delta (checked canonical). */
export function stackAddress(cpu: CpuState, delta: number): number {
  const lo = cpu.r32[Reg.RSP * 2] + delta;
  const hi = cpu.r32[Reg.RSP * 2 + 1];
  if (hi === 0 && lo >= 0 && lo < TWO32) return lo;
  return canonical(lo, hi);
}

/** rsp += delta (delta a small signed number), with 64-bit wrap. */
export function adjustRsp(cpu: CpuState, delta: number): void {
  const r = cpu.r32;
  const lo = r[Reg.RSP * 2] + delta;
  r[Reg.RSP * 2] = lo;
  if (lo < 0) r[Reg.RSP * 2 + 1] = r[Reg.RSP * 2 + 1] - 1;
  else if (lo >= TWO32) r[Reg.RSP * 2 + 1] = r[Reg.RSP * 2 + 1] + 1;
}

/** Pushes the 64-bit value of slot `slot` (translating first: a fault changes nothing). */
export function push64(cpu: CpuState, slot: number): void {
  const h = phys(cpu, stackAddress(cpu, -8), 8, Access.Write, 1);
  st64(cpu, h, slot);
  adjustRsp(cpu, -8);
}

/** Stores the 64-bit value of `lo` + `hi` * 2^32 halves into slot `slot`. */
export function setSlotHalves(cpu: CpuState, slot: number, lo: number, hi: number): void {
  cpu.r32[slot * 2] = lo;
  cpu.r32[slot * 2 + 1] = hi;
}

/** `push +r` (50+r) at operand size 8 or 2 (4 in 32-bit code). */
export const pushReg: HandlerSelector = (insn) =>
  cachedHandler(`push r/${insn.opsize}`, (): Handler => {
    if (insn.opsize === 8) return (cpu, i) => push64(cpu, i.reg);
    if (insn.opsize === 4) {
      return (cpu, i) => {
        st32(cpu, phys(cpu, stackAddress(cpu, -4), 4, Access.Write, 1), cpu.r32[i.reg * 2]);
        adjustRsp(cpu, -4);
      };
    }
    return (cpu, i) => {
      st16(cpu, phys(cpu, stackAddress(cpu, -2), 2, Access.Write, 1), cpu.r16[i.reg * 4]);
      adjustRsp(cpu, -2);
    };
  });

/** `push imm` (6A, 68): sign-extended immediate, 8 bytes (2 with 66; 4 in 32-bit code). */
export const pushImm: HandlerSelector = (insn) =>
  cachedHandler(`push imm/${insn.opsize}`, (): Handler => {
    if (insn.opsize === 8) {
      return (cpu, i) => {
        const h = phys(cpu, stackAddress(cpu, -8), 8, Access.Write, 1);
        immToSlot(cpu, i, Slot.T0);
        st64(cpu, h, Slot.T0);
        adjustRsp(cpu, -8);
      };
    }
    if (insn.opsize === 4) {
      return (cpu, i) => {
        st32(cpu, phys(cpu, stackAddress(cpu, -4), 4, Access.Write, 1), i.imm >>> 0);
        adjustRsp(cpu, -4);
      };
    }
    return (cpu, i) => {
      st16(cpu, phys(cpu, stackAddress(cpu, -2), 2, Access.Write, 1), i.imm & 0xffff);
      adjustRsp(cpu, -2);
    };
  });

/** `push r/m` (FF /6). */
export const pushRm: HandlerSelector = (insn) =>
  cachedHandler(`push rm/${insn.opsize}/${insn.hasMem}`, (): Handler => {
    const size = insn.opsize;
    return (cpu, i) => {
      const src = rmHandle(cpu, i, size, Access.Read);
      const dst = phys(cpu, stackAddress(cpu, -size), size, Access.Write, 1);
      rmToSlot(cpu, i, size, src, Slot.T0);
      if (size === 8) st64(cpu, dst, Slot.T0);
      else st16(cpu, dst, cpu.r16[Slot.T0 * 4]);
      adjustRsp(cpu, -size);
    };
  });

/** `pop +r` (58+r). */
export const popReg: HandlerSelector = (insn) =>
  cachedHandler(`pop r/${insn.opsize}`, (): Handler => {
    if (insn.opsize === 8) {
      return (cpu, i) => {
        ld64(cpu, phys(cpu, stackAddress(cpu, 0), 8, Access.Read, 0), Slot.T0);
        adjustRsp(cpu, 8);
        const r = cpu.r32;
        r[i.reg * 2] = r[Slot.T0 * 2];
        r[i.reg * 2 + 1] = r[Slot.T0 * 2 + 1];
      };
    }
    if (insn.opsize === 4) {
      return (cpu, i) => {
        const v = ld32(cpu, phys(cpu, stackAddress(cpu, 0), 4, Access.Read, 0));
        adjustRsp(cpu, 4);
        cpu.r32[i.reg * 2] = v;
        cpu.r32[i.reg * 2 + 1] = 0;
      };
    }
    return (cpu, i) => {
      const v = ld16(cpu, phys(cpu, stackAddress(cpu, 0), 2, Access.Read, 0));
      adjustRsp(cpu, 2);
      cpu.r16[i.reg * 4] = v;
    };
  });

/** `pop r/m` (8F /0): the destination address is computed with rsp already incremented. */
export const popRm: HandlerSelector = (insn) =>
  cachedHandler(`pop rm/${insn.opsize}/${insn.hasMem}`, (): Handler => {
    const size = insn.opsize;
    return (cpu, i) => {
      const src = phys(cpu, stackAddress(cpu, 0), size, Access.Read, 0);
      adjustRsp(cpu, size);
      let dst: number;
      try {
        dst = rmHandle(cpu, i, size, Access.Write);
      } catch (e) {
        adjustRsp(cpu, -size);
        throw e;
      }
      if (size === 8) ld64(cpu, src, Slot.T0);
      else setSlotHalves(cpu, Slot.T0, ld16(cpu, src), 0);
      slotToRm(cpu, i, size, dst, Slot.T0);
    };
  });

/** Current RFLAGS as a number (status flags computed from the lazy state). */
export function readRflags(cpu: CpuState): number {
  return statusFlags(cpu) | cpu.controlFlags;
}

/** Writes RFLAGS as popf does in user mode: status flags and DF/AC/ID/NT; IF, IOPL, TF kept. */
export function writeRflagsUser(cpu: CpuState, v: number): void {
  setStatusFlags(cpu, STATUS_FLAGS, v);
  cpu.controlFlags = (cpu.controlFlags & ~USER_WRITABLE_CONTROL_FLAGS) | (v & USER_WRITABLE_CONTROL_FLAGS);
}

/** Writes RFLAGS as popf does at CPL 0: also IF and IOPL (TF stays clear: no single-step traps). */
export function writeRflagsKernel(cpu: CpuState, v: number): void {
  const writable = USER_WRITABLE_CONTROL_FLAGS | 0x200 | 0x3000;
  setStatusFlags(cpu, STATUS_FLAGS, v);
  cpu.controlFlags = (cpu.controlFlags & ~writable) | (v & writable);
}

/** `pushf` (9C). */
export const pushf: HandlerSelector = (insn) =>
  cachedHandler(`pushf/${insn.opsize}`, (): Handler => {
    const size = insn.opsize;
    return (cpu) => {
      const h = phys(cpu, stackAddress(cpu, -size), size, Access.Write, 1);
      setSlotHalves(cpu, Slot.T0, readRflags(cpu), 0);
      if (size === 8) st64(cpu, h, Slot.T0);
      else if (size === 4) st32(cpu, h, cpu.r32[Slot.T0 * 2]);
      else st16(cpu, h, cpu.r16[Slot.T0 * 4]);
      adjustRsp(cpu, -size);
    };
  });

/** `popf` (9D). At CPL 0 of a whole kernel IF and IOPL are written too; elsewhere they are kept. */
export const popf: HandlerSelector = (insn) =>
  cachedHandler(`popf/${insn.opsize}`, (): Handler => {
    const size = insn.opsize;
    return (cpu) => {
      const h = phys(cpu, stackAddress(cpu, 0), size, Access.Read, 0);
      const v = size === 8 ? (ld64(cpu, h, Slot.T0), cpu.r32[Slot.T0 * 2]) : size === 4 ? ld32(cpu, h) : ld16(cpu, h) | (readRflags(cpu) & 0xffff0000);
      adjustRsp(cpu, size);
      if (cpu.sys.cpl === 0 && cpu.fullSystem) writeRflagsKernel(cpu, v);
      else writeRflagsUser(cpu, v);
    };
  });

/** `leave` (C9): rsp = rbp, then pop rbp. */
export const leave: HandlerSelector = () =>
  cachedHandler('leave', (): Handler => (cpu) => {
    const r = cpu.r32;
    const lo = r[Reg.RBP * 2];
    const hi = r[Reg.RBP * 2 + 1];
    const va = hi === 0 ? lo : canonical(lo, hi);
    ld64(cpu, phys(cpu, va, 8, Access.Read, 0), Slot.T0);
    r[Reg.RSP * 2] = lo;
    r[Reg.RSP * 2 + 1] = hi;
    adjustRsp(cpu, 8);
    slotToReg(cpu, Slot.T0, 8, Reg.RBP);
  });
