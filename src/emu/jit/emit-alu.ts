// Compiled ALU instructions: add or and sub xor cmp test in every operand form and size, and the
// two- and three-operand imul. Results and lazy flags as exec/alu-core.ts and exec/mul-div.ts
// produce them; the flag record is left out when flag liveness says nobody reads it.
import type { Insn } from '../decoder/insn';
import { Access } from '../memory/contract';
import { LazyKind, sizeLog } from '../cpu/lazy-flags';
import { Slot } from '../cpu/registers';
import { AluOp, ALU_MNEMONICS, aluWrites } from '../exec/alu-core';
import { STATUS_FLAGS } from '../isa/operand-forms';
import type { BlockSource } from './block-source';
import { immediate, readRmValue } from './emit-move';
import type { Plan } from './plan';

const FD = Slot.FLAG_DST;
const FS = Slot.FLAG_SRC;
const FR = Slot.FLAG_RES;
const CF_OF = 0x801;

const KIND: Record<number, LazyKind> = {
  [AluOp.ADD]: LazyKind.ADD, [AluOp.OR]: LazyKind.LOGIC, [AluOp.AND]: LazyKind.LOGIC, [AluOp.SUB]: LazyKind.SUB,
  [AluOp.XOR]: LazyKind.LOGIC, [AluOp.CMP]: LazyKind.SUB, [AluOp.TEST]: LazyKind.LOGIC,
};

const JS_OP: Record<number, string> = {
  [AluOp.ADD]: '+', [AluOp.OR]: '|', [AluOp.AND]: '&', [AluOp.SUB]: '-', [AluOp.XOR]: '^', [AluOp.CMP]: '-', [AluOp.TEST]: '&',
};

type Form = 'rm,r' | 'r,rm' | 'rm,imm';

function emitAlu(src: BlockSource, insn: Insn, op: number, form: Form): void {
  const size = insn.opsize;
  const writes = aluWrites(op);
  const flags = src.liveOut !== 0;
  const dstIsRm = form !== 'r,rm';
  const memDst = dstIsRm && insn.hasMem;
  let h = '';
  if (insn.hasMem) h = src.translate(src.address(insn), size, memDst && writes ? Access.Write : Access.Read, 0);
  const kind = KIND[op];
  const flagOp = (kind << 2) | sizeLog(size);
  if (size === 8) {
    emitAlu64(src, insn, op, form, h);
    return;
  }
  const rm = insn.hasMem ? valueOf(src, src.load(h, size)) : src.reg(insn.rm, size);
  let a: string;
  let b: string;
  if (form === 'rm,r') { a = rm; b = src.reg(insn.reg, size); } else if (form === 'r,rm') { a = src.reg(insn.reg, size); b = rm; } else { a = rm; b = `${immediate(insn, size)}`; }
  if (flags || writes) {
    a = valueOf(src, a);
    b = valueOf(src, b);
  }
  const res = src.temp('res');
  const sum = `${a} ${JS_OP[op]} ${b}`;
  src.emit(`const ${res} = ${size === 4 ? `(${sum}) >>> 0` : `(${sum}) & ${size === 2 ? 0xffff : 0xff}`};`);
  if (flags) {
    src.emit(`r[${FD * 2}] = ${a}; r[${FS * 2}] = ${b}; r[${FR * 2}] = ${res}; cpu.flagOp = ${flagOp};`);
    src.known = { kind, size, a, b, res };
  }
  if (!writes) return;
  if (memDst) src.store(h, size, res);
  else src.setReg(dstIsRm ? insn.rm : insn.reg, size, res);
}

/** The 64-bit ALU form on 32-bit halves (no BigInt): results and lazy flags as exec/alu-core.ts. */
function emitAlu64(src: BlockSource, insn: Insn, op: number, form: Form, h: string): void {
  const writes = aluWrites(op);
  const memDst = form !== 'r,rm' && insn.hasMem;
  if (insn.hasMem) src.load64(h, Slot.T0);
  const rmSlot = insn.hasMem ? Slot.T0 : insn.rm;
  const dSlot = form === 'r,rm' ? insn.reg : rmSlot;
  const [b0, b1] = form === 'rm,r' ? halvesOf(insn.reg) : form === 'r,rm' ? halvesOf(rmSlot) : [`${insn.imm >>> 0}`, `${insn.immHi >>> 0}`];
  const a0 = src.temp('a');
  const a1 = src.temp('a');
  src.emit(`const ${a0} = r[${dSlot * 2}], ${a1} = r[${dSlot * 2 + 1}];`);
  const r0 = src.temp('r');
  const r1 = src.temp('r');
  if (op === AluOp.ADD) {
    src.emit(`const ${r0} = (${a0} + ${b0}) >>> 0, ${r1} = (${a1} + ${b1} + (${r0} < ${a0} ? 1 : 0)) >>> 0;`);
  } else if (op === AluOp.SUB || op === AluOp.CMP) {
    src.emit(`const ${r0} = (${a0} - ${b0}) >>> 0, ${r1} = (${a1} - ${b1} - (${a0} < ${b0} ? 1 : 0)) >>> 0;`);
  } else {
    const o = JS_OP[op];
    src.emit(`const ${r0} = (${a0} ${o} ${b0}) >>> 0, ${r1} = (${a1} ${o} ${b1}) >>> 0;`);
  }
  if (src.liveOut !== 0) {
    src.emit(`r[${FD * 2}] = ${a0}; r[${FD * 2 + 1}] = ${a1}; r[${FS * 2}] = ${b0}; r[${FS * 2 + 1}] = ${b1}; r[${FR * 2}] = ${r0}; r[${FR * 2 + 1}] = ${r1}; cpu.flagOp = ${(KIND[op] << 2) | 3};`);
    src.known = { kind: KIND[op], size: 8, a: '', b: '', res: '' };
  }
  if (!writes) return;
  if (memDst) src.store64Halves(h, r0, r1, Slot.T1);
  else src.emit(`r[${dSlot * 2}] = ${r0}; r[${dSlot * 2 + 1}] = ${r1};`);
}

/** The two 32-bit halves of register-file slot `slot` as expressions. */
function halvesOf(slot: number): [string, string] {
  return [`r[${slot * 2}]`, `r[${slot * 2 + 1}]`];
}

/** Puts `expr` into a local unless it is one already (or a literal). */
function valueOf(src: BlockSource, expr: string): string {
  if (/^[a-z]+_\d+$/.test(expr) || /^\d+$/.test(expr)) return expr;
  const v = src.temp('v');
  src.emit(`const ${v} = ${expr};`);
  return v;
}

function emitImul(src: BlockSource, insn: Insn, three: boolean): void {
  const size = insn.opsize;
  const flags = src.liveOut !== 0;
  const d = insn.reg;
  if (size === 8) {
    let a: number;
    if (insn.hasMem) {
      src.load64(src.translate(src.address(insn), 8, Access.Read, 0), Slot.T0);
      a = Slot.T0;
    } else a = insn.rm;
    let b: number;
    if (three) {
      src.emit(`r[${Slot.T1 * 2}] = ${insn.imm >>> 0}; r[${Slot.T1 * 2 + 1}] = ${insn.immHi >>> 0};`);
      b = Slot.T1;
    } else {
      b = a;
      a = d;
    }
    const o = src.temp('o');
    if (flags) src.emit(`const ${o} = imul64Overflows(cpu, ${a}, ${b});`);
    src.emit(`mul64(r, ${a}, ${b}, ${d});`);
    if (flags) src.emit(`setStatusFlags(cpu, ${CF_OF}, ${o} ? ${CF_OF} : 0);`);
    return;
  }
  const rm = valueOf(src, readRmValue(src, insn, 4));
  const a = three ? rm : valueOf(src, src.reg(d, 4));
  const b = three ? `${insn.imm >>> 0}` : rm;
  const res = src.temp('res');
  src.emit(`const ${res} = Math.imul(${a}, ${b});`);
  src.emit(`r[${d * 2}] = ${res}; r[${d * 2 + 1}] = 0;`);
  if (flags) src.emit(`setStatusFlags(cpu, ${CF_OF}, (${a} | 0) * (${b} | 0) !== ${res} ? ${CF_OF} : 0);`);
}

/** Plans ALU instructions (not adc/sbb, which read CF) and 32/64-bit imul. */
export function planAlu(insn: Insn): Plan | undefined {
  const e = insn.entry;
  const forms = e.operands.join(',');
  if (e.mnemonic === 'imul') {
    if (insn.opsize !== 4 && insn.opsize !== 8) return undefined;
    if (forms === 'r,r/m') return { reads: 0, writes: CF_OF, mayFault: insn.hasMem, emit: (s, i) => emitImul(s, i, false) };
    if (forms === 'r,r/m,imm' || forms === 'r,r/m,imm8') return { reads: 0, writes: CF_OF, mayFault: insn.hasMem, emit: (s, i) => emitImul(s, i, true) };
    return undefined;
  }
  const op = ALU_MNEMONICS.indexOf(e.mnemonic);
  if (op < 0 || op === AluOp.ADC || op === AluOp.SBB) return undefined;
  let form: Form;
  if (forms === 'r/m,r') form = 'rm,r';
  else if (forms === 'r,r/m') form = 'r,rm';
  else if (forms === 'r/m,imm' || forms === 'r/m,imm8' || forms === 'acc,imm') form = 'rm,imm';
  else return undefined;
  return { reads: 0, writes: STATUS_FLAGS, mayFault: insn.hasMem, emit: (s, i) => emitAlu(s, i, op, form) };
}
