// Instructions on RFLAGS itself: clc, stc, cmc, cld, std, lahf, sahf.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import { carryFlag, setStatusFlags, statusFlags } from '../cpu/lazy-flags';
import { Flag } from '../isa/operand-forms';
import { cachedHandler } from './handler-cache';

/** clc (F8), stc (F9), cmc (F5). */
export const carryOp = (kind: 'clc' | 'stc' | 'cmc'): HandlerSelector => () =>
  cachedHandler(kind, (): Handler => {
    if (kind === 'clc') return (cpu) => setStatusFlags(cpu, Flag.CF, 0);
    if (kind === 'stc') return (cpu) => setStatusFlags(cpu, Flag.CF, Flag.CF);
    return (cpu) => setStatusFlags(cpu, Flag.CF, carryFlag(cpu) ^ 1);
  });

/** cld (FC), std (FD). */
export const directionOp = (set: boolean): HandlerSelector => () =>
  cachedHandler(set ? 'std' : 'cld', (): Handler =>
    set ? (cpu) => { cpu.controlFlags |= Flag.DF; } : (cpu) => { cpu.controlFlags &= ~Flag.DF; });

const AH_FLAGS = Flag.SF | Flag.ZF | Flag.AF | Flag.PF | Flag.CF;

/** lahf (9F): AH = SF ZF 0 AF 0 PF 1 CF. */
export const lahf: HandlerSelector = () =>
  cachedHandler('lahf', (): Handler => (cpu) => { cpu.r8[1] = (statusFlags(cpu) & AH_FLAGS) | 2; });

/** sahf (9E): SF ZF AF PF CF = AH bits. */
export const sahf: HandlerSelector = () =>
  cachedHandler('sahf', (): Handler => (cpu) => setStatusFlags(cpu, AH_FLAGS, cpu.r8[1]));
