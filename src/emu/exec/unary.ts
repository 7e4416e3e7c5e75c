// inc, dec, neg, not on an r/m operand (FE/FF /0 /1, F6/F7 /2 /3).
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { Slot } from '../cpu/registers';
import { carryFlag, LazyKind, sizeLog } from '../cpu/lazy-flags';
import { Access } from './memory-access';
import { readRm, rmHandle, rmToSlot, slotToRm, SIZE_MASK, writeRm } from './operands';
import { cachedHandler } from './handler-cache';

/** Unary operations. */
export const enum UnaryOp { INC = 0, DEC = 1, NOT = 2, NEG = 3 }

const FD = Slot.FLAG_DST;
const FS = Slot.FLAG_SRC;
const FR = Slot.FLAG_RES;

function small(cpu: CpuState, op: number, size: number, a: number): number {
  const mask = SIZE_MASK[size];
  const r = cpu.r32;
  let res: number;
  switch (op) {
    case UnaryOp.NOT:
      return (~a & mask) >>> 0;
    case UnaryOp.NEG:
      res = (-a & mask) >>> 0;
      r[FD * 2] = 0;
      r[FS * 2] = a;
      cpu.flagOp = (LazyKind.SUB << 2) | sizeLog(size);
      break;
    default:
      cpu.flagBits = carryFlag(cpu);
      res = ((op === UnaryOp.INC ? a + 1 : a - 1) & mask) >>> 0;
      r[FD * 2] = a;
      r[FS * 2] = 1;
      cpu.flagOp = ((op === UnaryOp.INC ? LazyKind.INC : LazyKind.DEC) << 2) | sizeLog(size);
  }
  r[FR * 2] = res;
  return res;
}

function wide(cpu: CpuState, op: number, slot: number): void {
  const q = cpu.r64;
  switch (op) {
    case UnaryOp.NOT:
      q[slot] = ~q[slot];
      return;
    case UnaryOp.NEG:
      q[FD] = 0n;
      q[FS] = q[slot];
      q[FR] = -q[FS];
      cpu.flagOp = (LazyKind.SUB << 2) | 3;
      break;
    default:
      cpu.flagBits = carryFlag(cpu);
      q[FD] = q[slot];
      q[FS] = 1n;
      q[FR] = op === UnaryOp.INC ? q[FD] + 1n : q[FD] - 1n;
      cpu.flagOp = ((op === UnaryOp.INC ? LazyKind.INC : LazyKind.DEC) << 2) | 3;
  }
  q[slot] = q[FR];
}

/** Handler selector for `op r/m`. */
export function unaryRm(op: UnaryOp): HandlerSelector {
  return (insn) => cachedHandler(`unary/${op}/${insn.opsize}/${insn.hasMem}`, () => make(op, insn.opsize, insn.hasMem));
}

function make(op: number, size: number, mem: boolean): Handler {
  if (size === 8) {
    if (!mem) return (cpu, i) => wide(cpu, op, i.rm);
    return (cpu, i) => {
      const h = rmHandle(cpu, i, 8, Access.Write);
      rmToSlot(cpu, i, 8, h, Slot.T0);
      wide(cpu, op, Slot.T0);
      slotToRm(cpu, i, 8, h, Slot.T0);
    };
  }
  return (cpu, i) => {
    const h = rmHandle(cpu, i, size, Access.Write);
    writeRm(cpu, i, size, h, small(cpu, op, size, readRm(cpu, i, size, h)));
  };
}
