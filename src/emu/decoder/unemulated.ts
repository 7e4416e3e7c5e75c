// Naming the floating-point and vector instructions the emulator does not run (SSE, x87, AVX), so
// that a program compiled without -mno-sse stops with a message saying which instruction it met
// instead of a bare invalid-opcode fault. Only for messages: the decoder stays the one source of
// truth for what runs. Intel syntax, operands without size words: "movaps xmm0, [rsp+0x10]".

import { REG32_NAMES, REG64_NAMES } from '../cpu/registers';
import { hex } from '../disasm/hex';
import { intelMemory } from '../disasm/intel-syntax';

/** A recognised instruction the emulator does not run: its text and its extension. */
export interface UnemulatedInsn {
  /** the instruction in Intel syntax without size words, e.g. "movsd [rbp-0x8], xmm0" */
  text: string;
  family: 'SSE' | 'x87' | 'AVX' | 'MMX';
}

/** Mnemonics of the 0F map by opcode: [no prefix, 66, F3, F2] ('' when that form does not exist). */
const SSE_NAMES: Record<number, readonly [string, string, string, string]> = {
  0x10: ['movups', 'movupd', 'movss', 'movsd'],
  0x11: ['movups', 'movupd', 'movss', 'movsd'],
  0x12: ['movlps', 'movlpd', 'movsldup', 'movddup'],
  0x13: ['movlps', 'movlpd', '', ''],
  0x14: ['unpcklps', 'unpcklpd', '', ''],
  0x15: ['unpckhps', 'unpckhpd', '', ''],
  0x16: ['movhps', 'movhpd', 'movshdup', ''],
  0x17: ['movhps', 'movhpd', '', ''],
  0x28: ['movaps', 'movapd', '', ''],
  0x29: ['movaps', 'movapd', '', ''],
  0x2a: ['cvtpi2ps', 'cvtpi2pd', 'cvtsi2ss', 'cvtsi2sd'],
  0x2b: ['movntps', 'movntpd', '', ''],
  0x2c: ['cvttps2pi', 'cvttpd2pi', 'cvttss2si', 'cvttsd2si'],
  0x2d: ['cvtps2pi', 'cvtpd2pi', 'cvtss2si', 'cvtsd2si'],
  0x2e: ['ucomiss', 'ucomisd', '', ''],
  0x2f: ['comiss', 'comisd', '', ''],
  0x51: ['sqrtps', 'sqrtpd', 'sqrtss', 'sqrtsd'],
  0x54: ['andps', 'andpd', '', ''],
  0x55: ['andnps', 'andnpd', '', ''],
  0x56: ['orps', 'orpd', '', ''],
  0x57: ['xorps', 'xorpd', '', ''],
  0x58: ['addps', 'addpd', 'addss', 'addsd'],
  0x59: ['mulps', 'mulpd', 'mulss', 'mulsd'],
  0x5a: ['cvtps2pd', 'cvtpd2ps', 'cvtss2sd', 'cvtsd2ss'],
  0x5b: ['cvtdq2ps', 'cvtps2dq', 'cvttps2dq', ''],
  0x5c: ['subps', 'subpd', 'subss', 'subsd'],
  0x5d: ['minps', 'minpd', 'minss', 'minsd'],
  0x5e: ['divps', 'divpd', 'divss', 'divsd'],
  0x5f: ['maxps', 'maxpd', 'maxss', 'maxsd'],
  0x6e: ['movd', 'movd', '', ''],
  0x6f: ['movq', 'movdqa', 'movdqu', ''],
  0x70: ['pshufw', 'pshufd', 'pshufhw', 'pshuflw'],
  0x7e: ['movd', 'movd', 'movq', ''],
  0x7f: ['movq', 'movdqa', 'movdqu', ''],
  0xc2: ['cmpps', 'cmppd', 'cmpss', 'cmpsd'],
  0xc6: ['shufps', 'shufpd', '', ''],
  0xd4: ['paddq', 'paddq', '', ''],
  0xd6: ['', 'movq', '', ''],
  0xdb: ['pand', 'pand', '', ''],
  0xeb: ['por', 'por', '', ''],
  0xef: ['pxor', 'pxor', '', ''],
  0xfa: ['psubd', 'psubd', '', ''],
  0xfe: ['paddd', 'paddd', '', ''],
};

/** Opcodes whose first operand is the r/m one (stores). */
const STORES = new Set([0x11, 0x13, 0x17, 0x29, 0x2b, 0x7e, 0x7f, 0xd6]);

/** The eight arithmetic forms of D8/DC (floating-point operand) and DA/DE (integer operand), by ModRM reg field. */
const X87_ARITH = ['fadd', 'fmul', 'fcom', 'fcomp', 'fsub', 'fsubr', 'fdiv', 'fdivr'] as const;
const X87_INT_ARITH = ['fiadd', 'fimul', 'ficom', 'ficomp', 'fisub', 'fisubr', 'fidiv', 'fidivr'] as const;

/** x87 memory forms by escape byte and ModRM reg field. */
const X87_MEMORY: Record<number, readonly string[]> = {
  0xd8: X87_ARITH,
  0xd9: ['fld', '', 'fst', 'fstp', 'fldenv', 'fldcw', 'fnstenv', 'fnstcw'],
  0xda: X87_INT_ARITH,
  0xdb: ['fild', 'fisttp', 'fist', 'fistp', '', 'fld', '', 'fstp'],
  0xdc: X87_ARITH,
  0xdd: ['fld', 'fisttp', 'fst', 'fstp', 'frstor', '', 'fnsave', 'fnstsw'],
  0xde: X87_INT_ARITH,
  0xdf: ['fild', 'fisttp', 'fist', 'fistp', 'fbld', 'fild', 'fbstp', 'fistp'],
};

/** x87 register forms by escape byte and ModRM reg field (st(i) operand). */
const X87_REGISTER: Record<number, readonly string[]> = {
  0xd8: X87_ARITH,
  0xd9: ['fld', 'fxch', '', '', '', '', '', ''],
  0xda: ['fcmovb', 'fcmove', 'fcmovbe', 'fcmovu', '', '', '', ''],
  0xdb: ['fcmovnb', 'fcmovne', 'fcmovnbe', 'fcmovnu', '', 'fucomi', 'fcomi', ''],
  0xdc: ['fadd', 'fmul', 'fcom', 'fcomp', 'fsubr', 'fsub', 'fdivr', 'fdiv'],
  0xdd: ['ffree', '', 'fst', 'fstp', 'fucom', 'fucomp', '', ''],
  0xde: ['faddp', 'fmulp', '', '', 'fsubrp', 'fsubp', 'fdivrp', 'fdivp'],
  0xdf: ['', '', '', '', '', 'fucomip', 'fcomip', ''],
};

/** D9 E0..FF: the x87 instructions without operands. */
const X87_D9_NO_OPERAND: Record<number, string> = {
  0xe0: 'fchs', 0xe1: 'fabs', 0xe4: 'ftst', 0xe5: 'fxam', 0xe8: 'fld1', 0xe9: 'fldl2t', 0xea: 'fldl2e', 0xeb: 'fldpi',
  0xec: 'fldlg2', 0xed: 'fldln2', 0xee: 'fldz', 0xf0: 'f2xm1', 0xf1: 'fyl2x', 0xfa: 'fsqrt', 0xfc: 'frndint', 0xfe: 'fsin', 0xff: 'fcos',
};

/** Legacy prefixes (the mandatory ones 66, F3, F2 among them). */
const OTHER_PREFIXES = new Set([0x66, 0xf3, 0xf2, 0xf0, 0x67, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65]);

/** Reads the bytes of one instruction, never past the ones given. */
class Cursor {
  pos = 0;
  constructor(private readonly bytes: ArrayLike<number>) {}
  get more(): boolean {
    return this.pos < this.bytes.length;
  }
  peek(): number {
    return this.bytes[this.pos] ?? -1;
  }
  next(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new RangeError('instruction cut short');
    return b;
  }
  signed(size: 1 | 4): number {
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.next() << (8 * i);
    return size === 1 ? (v << 24) >> 24 : v | 0;
  }
}

/** The ModRM operand: its register number (mod = 3) or its memory text. */
interface ModRm {
  mod: number;
  reg: number;
  rm: number;
  memory: string;
}

/** Decodes ModRM (with SIB and displacement) at the cursor; `rex` gives the R, X and B bits. */
function modrm(c: Cursor, rex: { r: number; x: number; b: number }): ModRm {
  const byte = c.next();
  const mod = byte >> 6;
  const reg = ((byte >> 3) & 7) | (rex.r << 3);
  let rm = byte & 7;
  if (mod === 3) return { mod, reg, rm: rm | (rex.b << 3), memory: '' };
  let base: string | undefined;
  let index: string | undefined;
  let scale = 1;
  let disp = 0;
  if (rm === 4) {
    const sib = c.next();
    scale = 1 << (sib >> 6);
    const i = ((sib >> 3) & 7) | (rex.x << 3);
    if (i !== 4) index = REG64_NAMES[i];
    const b = sib & 7;
    if (b === 5 && mod === 0) disp = c.signed(4);
    else base = REG64_NAMES[b | (rex.b << 3)];
  } else if (rm === 5 && mod === 0) {
    base = 'rip';
    disp = c.signed(4);
  } else base = REG64_NAMES[rm | (rex.b << 3)];
  if (mod === 1) disp = c.signed(1);
  else if (mod === 2) disp = c.signed(4);
  rm |= rex.b << 3;
  // no size word (size 0), and a zero displacement is left out as the messages show it
  const memory = intelMemory({ size: 0, segment: undefined, base, index, scale, disp: disp === 0 && base !== undefined ? undefined : disp, ripTarget: undefined });
  return { mod, reg, rm, memory };
}

/** The text of an SSE/AVX instruction of the 0F map with opcode `op` under mandatory prefix `pp` (0 none, 1 66, 2 F3, 3 F2). */
function vectorText(c: Cursor, op: number, pp: number, rex: { r: number; x: number; b: number; w: number }, vex?: { vvvv: number; l: number }): string | undefined {
  const names = SSE_NAMES[op];
  const base = names?.[pp] || names?.[0];
  const inSseRange = (op >= 0x10 && op <= 0x17) || (op >= 0x28 && op <= 0x2f) || (op >= 0x50 && op <= 0x7f) || (op >= 0xc2 && op <= 0xc6) || op >= 0xd0;
  if (!base && !inSseRange) return undefined;
  const m = modrm(c, rex);
  const mmx = vex === undefined && pp === 0 && op >= 0x60 && op !== 0x70 && base !== undefined && /^(movq|movd|p)/.test(base) && op !== 0xd6;
  const vreg = (n: number) => (mmx ? `mm${n & 7}` : `${vex?.l ? 'ymm' : 'xmm'}${n}`);
  const gpr = (n: number) => (rex.w ? REG64_NAMES[n] : REG32_NAMES[n]);
  const rmText = m.mod === 3 ? vreg(m.rm) : m.memory;
  const name = `${vex ? 'v' : ''}${base || `simd ${hex(op)}`}`;
  let ops: string[];
  if ((op === 0x2c || op === 0x2d) && pp >= 2) ops = [gpr(m.reg), rmText];
  else if (op === 0x2a && pp >= 2) ops = [vreg(m.reg), m.mod === 3 ? gpr(m.rm) : m.memory];
  else if (op === 0x6e) ops = [vreg(m.reg), m.mod === 3 ? gpr(m.rm) : m.memory];
  else if (op === 0x7e && pp !== 2) ops = [m.mod === 3 ? gpr(m.rm) : m.memory, vreg(m.reg)];
  else if (STORES.has(op)) ops = [rmText, vreg(m.reg)];
  else ops = [vreg(m.reg), rmText];
  if (vex && !STORES.has(op) && vex.vvvv !== 15) ops.splice(1, 0, vreg(15 - vex.vvvv));
  if (op === 0x70 || op === 0xc2 || op === 0xc6) ops.push(hex(c.next()));
  return `${name} ${ops.join(', ')}`;
}

/** The text of the x87 instruction whose escape byte `esc` (D8..DF) the cursor has passed. */
function x87Text(c: Cursor, esc: number, rex: { r: number; x: number; b: number }): string {
  const next = c.peek();
  if (next >= 0xc0) {
    c.next();
    if (esc === 0xd9 && next >= 0xe0) return X87_D9_NO_OPERAND[next] ?? `x87 ${hex(esc)} ${hex(next)}`;
    const name = X87_REGISTER[esc][(next >> 3) & 7];
    return name ? `${name} st(${next & 7})` : `x87 ${hex(esc)} ${hex(next)}`;
  }
  const m = modrm(c, { ...rex, r: 0 });
  const name = X87_MEMORY[esc][m.reg & 7];
  return name ? `${name} ${m.memory}` : `x87 ${hex(esc)} /${m.reg & 7} ${m.memory}`;
}

/**
 * Names the SSE, x87, AVX or MMX instruction whose bytes start `bytes` (up to 15 of them, read at
 * the faulting rip). Returns undefined when they are none of those (a plain invalid opcode) or
 * are cut short before the instruction is known.
 */
export function describeUnemulated(bytes: ArrayLike<number>): UnemulatedInsn | undefined {
  const c = new Cursor(bytes);
  try {
    let pp = 0;
    let rex = { r: 0, x: 0, b: 0, w: 0 };
    for (let b = c.peek(); OTHER_PREFIXES.has(b) || (b >= 0x40 && b <= 0x4f); b = c.peek()) {
      if (b === 0x66) pp = pp || 1;
      else if (b === 0xf3) pp = 2;
      else if (b === 0xf2) pp = 3;
      else if (b >= 0x40 && b <= 0x4f) rex = { w: (b >> 3) & 1, r: (b >> 2) & 1, x: (b >> 1) & 1, b: b & 1 };
      c.next();
    }
    const op = c.next();
    if (op >= 0xd8 && op <= 0xdf) return { text: x87Text(c, op, rex), family: 'x87' };
    if (op === 0xc4 || op === 0xc5) {
      const p1 = c.next();
      let map = 1;
      let vexRex = { r: ((p1 >> 7) & 1) ^ 1, x: 0, b: 0, w: 0 };
      let p2 = p1;
      if (op === 0xc4) {
        map = p1 & 0x1f;
        p2 = c.next();
        vexRex = { r: ((p1 >> 7) & 1) ^ 1, x: ((p1 >> 6) & 1) ^ 1, b: ((p1 >> 5) & 1) ^ 1, w: p2 >> 7 };
      }
      const vex = { vvvv: (p2 >> 3) & 15, l: (p2 >> 2) & 1 };
      const opcode = c.next();
      const text = map === 1 ? vectorText(c, opcode, p2 & 3, vexRex, vex) : undefined;
      return { text: text ?? `vex map ${map} opcode ${hex(opcode)}`, family: 'AVX' };
    }
    if (op !== 0x0f) return undefined;
    const op2 = c.next();
    if (op2 === 0x38 || op2 === 0x3a) return { text: `sse4 ${hex(op2)} ${hex(c.next())}`, family: 'SSE' };
    if (op2 === 0x77) return { text: 'emms', family: 'MMX' };
    if (op2 === 0xae) {
      const m = modrm(c, rex);
      const name = ['fxsave', 'fxrstor', 'ldmxcsr', 'stmxcsr'][m.reg & 7];
      return name && m.mod !== 3 ? { text: `${name} ${m.memory}`, family: m.reg < 2 ? 'x87' : 'SSE' } : undefined;
    }
    const text = vectorText(c, op2, pp, rex);
    if (text === undefined) return undefined;
    return { text, family: text.startsWith('mm') || /\bmm\d/.test(text) ? 'MMX' : 'SSE' };
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}
