// Handlers of the ALU instructions by operand form: `op r/m, r`, `op r, r/m`, `op r/m, imm`
// (the accumulator forms decode as `op r/m, imm` with rm = rax).
import type { Handler, Insn } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import { Slot } from '../cpu/registers';
import { sizeLog } from '../cpu/lazy-flags';
import { alu64, aluSmall, aluWrites } from './alu-core';
import { Access, ld64, linearAddress, phys, st64 } from './memory-access';
import { getReg, immToSlot, immValue, readRm, setReg, writeRm } from './operands';
import { cachedHandler } from './handler-cache';
import { addImmBaseDisp32, cmpImmBaseDisp32, cmpRegBaseDisp32, isBaseDisp } from './base-disp';
import { regImm64, regReg64 } from './reg64-alu';
import { AluOp } from './alu-core';

function key(name: string, op: number, insn: Insn): string {
  return `${name}/${op}/${insn.opsize}/${insn.hasMem ? 'm' : 'r'}`;
}

/** `op r/m, r` (00, 01, 08, 09, ..., 38, 39, 84, 85). */
export function aluRmReg(op: number): HandlerSelector {
  const reg64 = regReg64(op);
  return (insn) => {
    if (reg64 !== undefined && insn.opsize === 8 && !insn.hasMem) return reg64;
    return cachedHandler(key('rm,r', op, insn), () => makeRmReg(op, insn.opsize, insn.hasMem));
  };
}

function makeRmReg(op: number, size: number, mem: boolean): Handler {
  const writes = aluWrites(op);
  const log = sizeLog(size);
  const access = writes ? Access.Write : Access.Read;
  if (size === 8) {
    if (!mem) return (cpu, i) => alu64(cpu, op, i.rm, i.reg);
    return (cpu, i) => {
      const h = phys(cpu, linearAddress(cpu, i), 8, access, 0);
      ld64(cpu, h, Slot.T0);
      alu64(cpu, op, Slot.T0, i.reg);
      if (writes) st64(cpu, h, Slot.T0);
    };
  }
  if (!mem) {
    return (cpu, i) => {
      const res = aluSmall(cpu, op, log, getReg(cpu, i.rm, size), getReg(cpu, i.reg, size));
      if (writes) setReg(cpu, i.rm, size, res);
    };
  }
  return (cpu, i) => {
    const h = phys(cpu, linearAddress(cpu, i), size, access, 0);
    const res = aluSmall(cpu, op, log, readRm(cpu, i, size, h), getReg(cpu, i.reg, size));
    if (writes) writeRm(cpu, i, size, h, res);
  };
}

/** `op r, r/m` (02, 03, 0A, 0B, ..., 3A, 3B). */
export function aluRegRm(op: number): HandlerSelector {
  return (insn) => {
    if (op === AluOp.CMP && insn.opsize === 4 && isBaseDisp(insn)) return cmpRegBaseDisp32;
    return cachedHandler(key('r,rm', op, insn), () => makeRegRm(op, insn.opsize, insn.hasMem));
  };
}

function makeRegRm(op: number, size: number, mem: boolean): Handler {
  const writes = aluWrites(op);
  const log = sizeLog(size);
  if (size === 8) {
    if (!mem) return (cpu, i) => alu64(cpu, op, i.reg, i.rm);
    return (cpu, i) => {
      ld64(cpu, phys(cpu, linearAddress(cpu, i), 8, Access.Read, 0), Slot.T0);
      alu64(cpu, op, i.reg, Slot.T0);
    };
  }
  return (cpu, i) => {
    const h = mem ? phys(cpu, linearAddress(cpu, i), size, Access.Read, 0) : NaN;
    const res = aluSmall(cpu, op, log, getReg(cpu, i.reg, size), readRm(cpu, i, size, h));
    if (writes) setReg(cpu, i.reg, size, res);
  };
}

/** `op r/m, imm` (80, 81, 83, and 04/05-style accumulator forms, F6/F7 /0 test). */
export function aluRmImm(op: number): HandlerSelector {
  const reg64 = regImm64(op);
  return (insn) => {
    if (reg64 !== undefined && insn.opsize === 8 && !insn.hasMem) return reg64;
    if (insn.opsize === 4 && isBaseDisp(insn)) {
      if (op === AluOp.CMP) return cmpImmBaseDisp32;
      if (op === AluOp.ADD) return addImmBaseDisp32;
    }
    return cachedHandler(key('rm,imm', op, insn), () => makeRmImm(op, insn.opsize, insn.hasMem));
  };
}

function makeRmImm(op: number, size: number, mem: boolean): Handler {
  const writes = aluWrites(op);
  const log = sizeLog(size);
  const access = writes ? Access.Write : Access.Read;
  if (size === 8) {
    if (!mem) {
      return (cpu, i) => {
        immToSlot(cpu, i, Slot.T1);
        alu64(cpu, op, i.rm, Slot.T1);
      };
    }
    return (cpu, i) => {
      const h = phys(cpu, linearAddress(cpu, i), 8, access, 0);
      ld64(cpu, h, Slot.T0);
      immToSlot(cpu, i, Slot.T1);
      alu64(cpu, op, Slot.T0, Slot.T1);
      if (writes) st64(cpu, h, Slot.T0);
    };
  }
  return (cpu, i) => {
    const h = mem ? phys(cpu, linearAddress(cpu, i), size, access, 0) : NaN;
    const res = aluSmall(cpu, op, log, readRm(cpu, i, size, h), immValue(i, size));
    if (writes) writeRm(cpu, i, size, h, res);
  };
}
