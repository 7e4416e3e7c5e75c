// Instructions that test a condition code without branching: cmovcc and setcc.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import { condition } from '../cpu/lazy-flags';
import { Slot } from '../cpu/registers';
import { Access } from './memory-access';
import { rmHandle, rmToSlot, setReg, slotToReg, writeRm } from './operands';
import { cachedHandler } from './handler-cache';

/**
 * `cmovcc r, r/m` (0F 40+cc). The source is read (and may fault) whatever the condition; with a
 * 32-bit operand size the destination's upper half is zeroed even when the condition is false.
 */
export const cmov: HandlerSelector = (insn) =>
  cachedHandler(`cmov/${insn.opsize}/${insn.hasMem}`, (): Handler => {
    const size = insn.opsize;
    return (cpu, i) => {
      rmToSlot(cpu, i, size, rmHandle(cpu, i, size, Access.Read), Slot.T0);
      if (condition(cpu, i.cc)) slotToReg(cpu, Slot.T0, size, i.reg);
      else if (size === 4) cpu.r32[i.reg * 2 + 1] = 0;
    };
  });

/** `setcc r/m8` (0F 90+cc). */
export const setcc: HandlerSelector = (insn) =>
  cachedHandler(`setcc/${insn.hasMem}`, (): Handler => {
    if (!insn.hasMem) return (cpu, i) => setReg(cpu, i.rm, 1, condition(cpu, i.cc) ? 1 : 0);
    return (cpu, i) => writeRm(cpu, i, 1, rmHandle(cpu, i, 1, Access.Write), condition(cpu, i.cc) ? 1 : 0);
  });


