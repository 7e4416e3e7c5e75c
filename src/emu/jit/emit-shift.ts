// Compiled shifts and rotates by a constant (shl/shr/sar/rol/ror r/m, imm8 or 1) and rotates by
// CL, on 32- and 64-bit operands, as exec/shift.ts computes them (lazy flags for shifts, CF/OF
// for rotates). Shifts by CL, rcl/rcr and 8/16-bit operands are left to the interpreter's handlers.
import type { Insn } from '../decoder/insn';
import { Access } from '../memory/contract';
import { LazyKind } from '../cpu/lazy-flags';
import { Slot } from '../cpu/registers';
import { STATUS_FLAGS } from '../isa/operand-forms';
import type { BlockSource } from './block-source';
import type { Plan } from './plan';

const FD = Slot.FLAG_DST * 2;
const FS = Slot.FLAG_SRC * 2;
const FR = Slot.FLAG_RES * 2;
const CF_OF = 0x801;

type ShiftName = 'shl' | 'shr' | 'sar' | 'rol' | 'ror';

const SHIFT_KIND: Record<string, LazyKind> = { shl: LazyKind.SHL, shr: LazyKind.SHR, sar: LazyKind.SAR };

/** Emits the operand into slot T0 (or names the register) and returns where the value lives. */
function operandSlot(src: BlockSource, insn: Insn): { slot: number; h: string } {
  if (!insn.hasMem) return { slot: insn.rm, h: '' };
  const h = src.translate(src.address(insn), insn.opsize, Access.Write, 0);
  if (insn.opsize === 8) src.load64(h, Slot.T0);
  else src.emit(`r[${Slot.T0 * 2}] = ${src.load(h, 4)}; r[${Slot.T0 * 2 + 1}] = 0;`);
  return { slot: Slot.T0, h };
}

function writeBack(src: BlockSource, insn: Insn, slot: number, h: string): void {
  if (!insn.hasMem) return;
  if (insn.opsize === 8) src.store64(h, slot);
  else src.store(h, 4, `r[${slot * 2}]`);
}

function emitShift(src: BlockSource, insn: Insn, name: ShiftName, n: number): void {
  const size = insn.opsize;
  const { slot, h } = operandSlot(src, insn);
  const lo = slot * 2;
  const flags = src.liveOut !== 0;
  if (name === 'rol' || name === 'ror') {
    const left = name === 'rol' ? n : size * 8 - n;
    if (size === 8) rotate64(src, slot, left);
    else src.emit(`r[${lo}] = (r[${lo}] << ${left}) | (r[${lo}] >>> ${32 - left}); r[${lo + 1}] = 0;`);
    writeBack(src, insn, slot, h);
    if (flags) rotateFlags(src, name, size, slot);
    return;
  }
  const kind = SHIFT_KIND[name];
  if (flags) src.emit(`r[${FD}] = r[${lo}]; r[${FD + 1}] = ${size === 8 ? `r[${lo + 1}]` : '0'}; r[${FS}] = ${n}; r[${FS + 1}] = 0;`);
  if (size === 8) shift64(src, name, slot, n);
  else {
    const op = name === 'shl' ? '<<' : name === 'shr' ? '>>>' : '>>';
    src.emit(`r[${lo}] = r[${lo}] ${op} ${n}; r[${lo + 1}] = 0;`);
  }
  writeBack(src, insn, slot, h);
  if (flags) src.emit(`r[${FR}] = r[${lo}]; r[${FR + 1}] = r[${lo + 1}]; cpu.flagOp = ${(kind << 2) | (size === 8 ? 3 : 2)};`);
}

/** Emits the 64-bit shift of slot `slot` by the constant `n` (1..63) on its 32-bit halves. */
function shift64(src: BlockSource, name: ShiftName, slot: number, n: number): void {
  const lo = `r[${slot * 2}]`;
  const hi = `r[${slot * 2 + 1}]`;
  if (name === 'shl') {
    if (n >= 32) src.emit(`${hi} = ${lo} << ${n - 32}; ${lo} = 0;`);
    else src.emit(`${hi} = (${hi} << ${n}) | (${lo} >>> ${32 - n}); ${lo} = ${lo} << ${n};`);
  } else if (name === 'shr') {
    if (n >= 32) src.emit(`${lo} = ${hi} >>> ${n - 32}; ${hi} = 0;`);
    else src.emit(`${lo} = (${lo} >>> ${n}) | (${hi} << ${32 - n}); ${hi} = ${hi} >>> ${n};`);
  } else if (n >= 32) src.emit(`${lo} = si[${slot * 2 + 1}] >> ${n - 32}; ${hi} = si[${slot * 2 + 1}] >> 31;`);
  else src.emit(`${lo} = (${lo} >>> ${n}) | (${hi} << ${32 - n}); ${hi} = si[${slot * 2 + 1}] >> ${n};`);
}

/** Emits the 64-bit left rotate of slot `slot` by the constant `left` (1..63) on its 32-bit halves. */
function rotate64(src: BlockSource, slot: number, left: number): void {
  const swap = left >= 32;
  const s = left & 31;
  const a = src.temp('a');
  const b = src.temp('b');
  src.emit(`const ${a} = r[${slot * 2 + (swap ? 1 : 0)}], ${b} = r[${slot * 2 + (swap ? 0 : 1)}];`);
  if (s === 0) src.emit(`r[${slot * 2}] = ${a}; r[${slot * 2 + 1}] = ${b};`);
  else src.emit(`r[${slot * 2}] = (${a} << ${s}) | (${b} >>> ${32 - s}); r[${slot * 2 + 1}] = (${b} << ${s}) | (${a} >>> ${32 - s});`);
}

/** Emits the CF/OF update of a rotate whose result is in `slot`. */
function rotateFlags(src: BlockSource, name: ShiftName, size: number, slot: number): void {
  const lo = slot * 2;
  const top = size === 8 ? `r[${lo + 1}]` : `r[${lo}]`;
  const c = src.temp('c');
  if (name === 'rol') src.emit(`const ${c} = r[${lo}] & 1;`);
  else src.emit(`const ${c} = ${top} >>> 31;`);
  const of = name === 'rol' ? `((${top} >>> 31) ^ ${c})` : `(${c} ^ ((${top} >>> 30) & 1))`;
  src.emit(`setStatusFlags(cpu, ${CF_OF}, ${c} | (${of} << 11));`);
}

/** Rotate by CL: nothing but the write-back (and a 32-bit register's zeroed upper half) when the masked count is 0. */
function emitRotateByCl(src: BlockSource, insn: Insn, name: ShiftName): void {
  const size = insn.opsize;
  const { slot, h } = operandSlot(src, insn);
  const lo = slot * 2;
  const n = src.temp('n');
  src.emit(`const ${n} = b8[8] & ${size === 8 ? 0x3f : 0x1f};`);
  if (size === 4 && !insn.hasMem) src.emit(`r[${lo + 1}] = 0;`);
  src.emit(`if (${n} !== 0) {`);
  if (size === 8) {
    const s = src.temp('s');
    const a = src.temp('a');
    const b = src.temp('b');
    src.emit(`let ${s} = ${name === 'rol' ? n : `64 - ${n}`}, ${a} = r[${lo}], ${b} = r[${lo + 1}];`);
    src.emit(`if (${s} >= 32) { const sw = ${a}; ${a} = ${b}; ${b} = sw; ${s} -= 32; }`);
    src.emit(`if (${s} !== 0) { const nb = (${b} << ${s}) | (${a} >>> (32 - ${s})); ${a} = (${a} << ${s}) | (${b} >>> (32 - ${s})); ${b} = nb; }`);
    src.emit(`r[${lo}] = ${a}; r[${lo + 1}] = ${b};`);
  } else {
    const s = name === 'rol' ? n : `(32 - ${n})`;
    src.emit(`r[${lo}] = (r[${lo}] << ${s}) | (r[${lo}] >>> (32 - ${s}));`);
  }
  if (src.liveOut !== 0) rotateFlags(src, name, size, slot);
  src.emit('}');
  writeBack(src, insn, slot, h);
}

/** Plans constant-count shifts and rotates, and rotates by CL, of 32- and 64-bit operands. */
export function planShift(insn: Insn): Plan | undefined {
  const e = insn.entry;
  const name = e.mnemonic as ShiftName;
  if (!(name in SHIFT_KIND) && name !== 'rol' && name !== 'ror') return undefined;
  if (insn.opsize !== 4 && insn.opsize !== 8) return undefined;
  const count = e.operands[1];
  const rotate = name === 'rol' || name === 'ror';
  if (count === 'CL' && rotate) return { reads: 0, writes: 0, mayWrite: CF_OF, mayFault: insn.hasMem, emit: (s, i) => emitRotateByCl(s, i, name) };
  if (count !== 'imm8u' && count !== '1') return undefined;
  const n = (count === '1' ? 1 : insn.imm) & (insn.opsize === 8 ? 0x3f : 0x1f);
  if (n === 0) {
    if (insn.hasMem) return undefined;
    return { reads: 0, writes: 0, mayFault: false, emit: (s, i) => { if (i.opsize === 4) s.emit(`r[${i.rm * 2 + 1}] = 0;`); } };
  }
  const writes = rotate ? CF_OF : STATUS_FLAGS;
  return { reads: 0, writes, mayFault: insn.hasMem, emit: (s, i) => emitShift(s, i, name, n) };
}
