// `mov +r, imm` (B0+r byte, B8+r word/dword, REX.W B8+r = movabs r64, imm64).
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import { setReg } from './operands';
import { cachedHandler } from './handler-cache';

/** Handler selector for `mov +r, imm` at every size. */
export const movRegImm: HandlerSelector = (insn) =>
  cachedHandler(`mov r,imm/${insn.opsize}`, (): Handler => {
    const size = insn.opsize;
    if (size === 8) {
      return (cpu, i) => {
        cpu.r32[i.reg * 2] = i.imm;
        cpu.r32[i.reg * 2 + 1] = i.immHi;
      };
    }
    if (size === 4) {
      return (cpu, i) => {
        cpu.r32[i.reg * 2] = i.imm;
        cpu.r32[i.reg * 2 + 1] = 0;
      };
    }
    return (cpu, i) => setReg(cpu, i.reg, size, i.imm & (size === 2 ? 0xffff : 0xff));
  });
