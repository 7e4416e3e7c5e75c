// xadd (0F C0/C1) and cmpxchg (0F B0/B1). Single-threaded, so a lock prefix needs no extra work.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import { Reg, Slot } from '../cpu/registers';
import { alu64, aluSmall, AluOp } from './alu-core';
import { sizeLog } from '../cpu/lazy-flags';
import { Access } from './memory-access';
import { getReg, readRm, regToSlot, rmHandle, rmToSlot, setReg, slotToReg, slotToRm, writeRm } from './operands';
import { cachedHandler } from './handler-cache';

/** `xadd r/m, r`: temp = r/m + r; r = old r/m; r/m = temp. */
export const xadd: HandlerSelector = (insn) =>
  cachedHandler(`xadd/${insn.opsize}/${insn.hasMem}`, (): Handler => {
    const size = insn.opsize;
    if (size === 8) {
      return (cpu, i) => {
        const h = rmHandle(cpu, i, 8, Access.Write);
        rmToSlot(cpu, i, 8, h, Slot.T0);
        cpu.r64[Slot.T1] = cpu.r64[Slot.T0];
        alu64(cpu, AluOp.ADD, Slot.T0, i.reg);
        slotToReg(cpu, Slot.T1, 8, i.reg);
        slotToRm(cpu, i, 8, h, Slot.T0);
      };
    }
    return (cpu, i) => {
      const h = rmHandle(cpu, i, size, Access.Write);
      const old = readRm(cpu, i, size, h);
      const sum = aluSmall(cpu, AluOp.ADD, sizeLog(size), old, getReg(cpu, i.reg, size));
      setReg(cpu, i.reg, size, old);
      writeRm(cpu, i, size, h, sum);
    };
  });

/**
 * `cmpxchg r/m, r`: compare the accumulator with r/m (flags as cmp); equal: r/m = r; else
 * accumulator = r/m. The destination is written in both cases (as hardware does), so a
 * read-only page faults either way.
 */
export const cmpxchg: HandlerSelector = (insn) =>
  cachedHandler(`cmpxchg/${insn.opsize}/${insn.hasMem}`, (): Handler => {
    const size = insn.opsize;
    return (cpu, i) => {
      const h = rmHandle(cpu, i, size, Access.Write);
      rmToSlot(cpu, i, size, h, Slot.T0);
      regToSlot(cpu, Reg.RAX, size, Slot.T1);
      if (size === 8) alu64(cpu, AluOp.CMP, Slot.T1, Slot.T0);
      else aluSmall(cpu, AluOp.CMP, sizeLog(size), cpu.r32[Slot.T1 * 2], cpu.r32[Slot.T0 * 2]);
      const equal = cpu.r32[Slot.T0 * 2] === cpu.r32[Slot.T1 * 2] && cpu.r32[Slot.T0 * 2 + 1] === cpu.r32[Slot.T1 * 2 + 1];
      if (equal) {
        regToSlot(cpu, i.reg, size, Slot.T1);
        slotToRm(cpu, i, size, h, Slot.T1);
      } else {
        if (i.hasMem) slotToRm(cpu, i, size, h, Slot.T0);
        slotToReg(cpu, Slot.T0, size, Reg.RAX);
      }
    };
  });
