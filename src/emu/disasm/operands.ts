// Builds the printed operands of a decoded instruction from its table entry's operand forms.
import { NO_REG, type Insn } from '../decoder/insn';
import { REG16_NAMES, REG32_NAMES, REG64_NAMES, REG8_NAMES } from '../cpu/registers';
import { SEGMENT_REGISTER_NAMES } from '../cpu/system-state';
import type { OperandForm } from '../isa/operand-forms';
import { hex, hexMasked } from './hex';
import type { ModrmLayout } from './modrm-layout';
import type { MemoryOperand, Operand } from './operand-model';

/** Returns the name of general register `reg` at `size` bytes (8-bit numbers 16..19 are ah..bh). */
export function registerName(reg: number, size: number): string {
  switch (size) {
    case 1: return REG8_NAMES[reg];
    case 2: return REG16_NAMES[reg];
    case 4: return REG32_NAMES[reg];
    default: return REG64_NAMES[reg];
  }
}

/** Segment register names by override prefix byte. */
const SEGMENT_NAMES: Readonly<Record<number, string>> = { 0x26: 'es', 0x2e: 'cs', 0x36: 'ss', 0x3e: 'ds', 0x64: 'fs', 0x65: 'gs' };

/** Returns the name of the segment selected by an override prefix byte, or undefined for 0. */
export function segmentName(prefix: number): string | undefined {
  return SEGMENT_NAMES[prefix];
}

/** fs and gs are printed inside memory operands; cs/ds/es/ss overrides are printed as prefixes. */
function operandSegment(insn: Insn): string | undefined {
  return insn.segment === 0x64 || insn.segment === 0x65 ? segmentName(insn.segment) : undefined;
}

/** Returns the ModRM memory operand of `insn`, `size` bytes wide (0 = unsized). */
function modrmMemory(insn: Insn, size: number, layout: ModrmLayout | undefined): MemoryOperand {
  const segment = operandSegment(insn);
  const regName = (r: number) => registerName(r, insn.asize);
  if (insn.ripRelative) {
    const disp = (insn.disp - insn.next) | 0;
    return {
      size, segment, base: insn.asize === 4 ? 'eip' : 'rip', index: undefined, scale: 1, disp, ripTarget: insn.disp,
    };
  }
  const base = insn.base === NO_REG ? undefined : regName(insn.base);
  let index = insn.index === NO_REG ? undefined : regName(insn.index);
  const scale = layout?.hasSib ? layout.sibScale : insn.scale;
  if (index === undefined && layout?.sibNoIndex && (scale !== 1 || (insn.base !== NO_REG && (insn.base & 7) !== 4))) {
    index = insn.asize === 4 ? 'eiz' : 'riz';
  }
  if (insn.asize === 4 && base === undefined && index === undefined && layout?.hasSib) {
    // 32-bit addressing keeps the empty index visible: 0x1000(,%eiz,1)
    return { size, segment, base, index: 'eiz', scale, disp: insn.disp >>> 0, ripTarget: undefined };
  }
  const hasDisp = layout ? layout.dispSize > 0 : insn.disp !== 0;
  const disp = hasDisp || base === undefined ? insn.disp : undefined;
  return { size, segment, base, index, scale, disp, ripTarget: undefined };
}

/** Returns the implicit string operand ds:[rsi] or es:[rdi]. */
function stringMemory(insn: Insn, reg: number, defaultSegment: string): MemoryOperand {
  const override = reg === 6 ? operandSegment(insn) : undefined;
  return {
    size: insn.opsize, segment: override ?? defaultSegment, base: registerName(reg, insn.asize), index: undefined,
    scale: 1, disp: undefined, ripTarget: undefined,
  };
}

/** Returns an immediate operand of `bytes` bytes from the Insn's 64-bit immediate halves. */
function immediate(hi: number, lo: number, bytes: number): Operand {
  const value = bytes >= 8 ? (hi >>> 0) * 0x100000000 + (lo >>> 0) : bytes === 4 ? lo >>> 0 : bytes === 2 ? lo & 0xffff : lo & 0xff;
  return { kind: 'imm', text: hexMasked(hi, lo, bytes), value };
}

const FIXED_SIZE: Partial<Record<OperandForm, number>> = {
  'r/m8': 1, 'r/m16': 2, 'r/m32': 4, 'r/m64': 8, r8: 1, r16: 2, r32: 4, r64: 8,
};

/**
 * Returns the operand `form` of `insn` as printed. `layout` is the ModRM layout read from the
 * instruction's bytes (undefined when there is no ModRM byte or the bytes are not known).
 */
export function buildOperand(insn: Insn, form: OperandForm, layout: ModrmLayout | undefined): Operand {
  const size = FIXED_SIZE[form] ?? insn.opsize;
  const sized = FIXED_SIZE[form] === undefined;
  switch (form) {
    case 'r/m': case 'r/m8': case 'r/m16': case 'r/m32': case 'r/m64':
      // a segment register stored to memory is a word, printed without a size suffix
      if (insn.hasMem && insn.entry.operands.includes('Sreg')) return { kind: 'mem', mem: modrmMemory(insn, 2, layout), sized: false };
      return insn.rm !== NO_REG
        ? { kind: 'reg', name: registerName(insn.rm, size), sized }
        : { kind: 'mem', mem: modrmMemory(insn, size, layout), sized };
    case 'm':
      // objdump names invlpg's operand a byte; lea, lgdt and lidt print no size
      return { kind: 'mem', mem: modrmMemory(insn, insn.entry.mnemonic === 'invlpg' ? 1 : 0, layout), sized: false };
    case 'r': case 'r8': case 'r16': case 'r32': case 'r64': case '+r':
      return { kind: 'reg', name: registerName(insn.reg, size), sized };
    case 'acc':
      return { kind: 'reg', name: registerName(0, size), sized: true };
    case 'CL':
      return { kind: 'reg', name: 'cl', sized: false };
    case '1':
      return { kind: 'one' };
    case 'imm8': case 'imm': case 'immv':
      return immediate(insn.immHi, insn.imm, insn.opsize);
    case 'imm8u':
      return { kind: 'imm', text: hex(insn.imm & 0xff), value: insn.imm & 0xff };
    case 'imm16':
      return { kind: 'imm', text: hex(insn.imm & 0xffff), value: insn.imm & 0xffff };
    case 'rel8': case 'rel32':
      return { kind: 'target', address: insn.target };
    case 'moffs':
      return {
        kind: 'mem', sized: true,
        mem: { size: 0, segment: operandSegment(insn), base: undefined, index: undefined, scale: 1, disp: insn.disp, ripTarget: undefined },
      };
    case 'Xs':
      return { kind: 'mem', mem: stringMemory(insn, 6, 'ds'), sized: true };
    case 'Yd':
      return { kind: 'mem', mem: stringMemory(insn, 7, 'es'), sized: true };
    case 'CRn':
      return { kind: 'reg', name: `cr${insn.reg}`, sized: false };
    case 'Sreg':
      return { kind: 'reg', name: SEGMENT_REGISTER_NAMES[insn.reg] ?? `sreg${insn.reg}`, sized: false };
    case 'DX':
      return { kind: 'port' };
    case 'far':
      return { kind: 'imm', text: `${hex(insn.imm & 0xffff)}:${hex(insn.target)}`, value: insn.target };
  }
}
