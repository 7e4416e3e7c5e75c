// Decodes one x86-64 instruction from guest memory into an Insn, using the opcode table.
// Legacy prefixes (66 67 F0 F2 F3, segment overrides) in any order, REX (ignored unless it
// immediately precedes the opcode), one-byte and 0F maps, ModRM/SIB/displacement, immediates.
import type { MemoryBus } from '../memory/contract';
import { Access } from '../memory/contract';
import type { OpcodeEntry } from '../isa/opcode-entry';
import type { OperandForm } from '../isa/operand-forms';
import { Insn, NO_REG, type Handler } from './insn';
import { candidates } from './opcode-index';
import { InvalidOpcode } from '../cpu/faults';

const TWO32 = 4294967296;
const TWO48 = 281474976710656;
const MAX_LENGTH = 15;

const unbound: Handler = () => {
  throw new Error('instruction executed before its handler was bound');
};

/** Reads instruction bytes at a linear address, translating for execute (the second page only when reached). */
class ByteReader {
  private readonly pa0: number;
  private pa1 = -1;
  private readonly room: number;
  readonly bytes: number[] = [];

  constructor(private readonly mem: MemoryBus, private readonly va: number) {
    this.pa0 = mem.translate(va, Access.Execute, true);
    this.room = 4096 - (va & 0xfff);
  }

  /** The byte at offset `k` (throws PageFault when its page is not executable). */
  at(k: number): number {
    if (k >= MAX_LENGTH) throw new InvalidOpcode(this.bytes);
    let b: number;
    if (k < this.room) b = this.mem.ram[this.pa0 + k];
    else {
      if (this.pa1 < 0) this.pa1 = this.mem.translate((this.va + this.room) % TWO48, Access.Execute, true);
      b = this.mem.ram[this.pa1 + k - this.room];
    }
    if (k === this.bytes.length) this.bytes.push(b);
    return b;
  }
}

function isLegacyPrefix(b: number): boolean {
  return b === 0x66 || b === 0x67 || b === 0xf0 || b === 0xf2 || b === 0xf3 ||
    b === 0x26 || b === 0x2e || b === 0x36 || b === 0x3e || b === 0x64 || b === 0x65;
}

function operandSize(e: OpcodeEntry, rexW: boolean, o16: boolean, bits: number): number {
  switch (e.size) {
    case 'b': return 1;
    case 'v': return rexW ? 8 : o16 ? 2 : 4;
    case 'z': return o16 ? 2 : 4;
    case 'd64': return o16 ? 2 : bits === 32 ? 4 : 8;
    case 'q': return bits === 32 ? 4 : 8;
    case 'w': return 2;
    default: return 4;
  }
}

function formSize(form: OperandForm, opsize: number): number {
  switch (form) {
    case 'r/m8': case 'r8': return 1;
    case 'r/m16': case 'r16': return 2;
    case 'r/m32': case 'r32': return 4;
    case 'r/m64': case 'r64': return 8;
    default: return opsize;
  }
}

/** Maps register number `n` to the Insn byte-register numbering (ah..bh = 16..19 without REX). */
function byteReg(n: number, rex: number): number {
  return rex === 0 && n >= 4 && n < 8 ? n + 12 : n;
}

function choose(list: readonly OpcodeEntry[], opcode: number, modrm: number, rexB: number, o16: boolean, rep: number): OpcodeEntry | undefined {
  const mandatory = rep === 0xf3 ? 'f3' : rep === 0xf2 ? 'f2' : '';
  let fallback: OpcodeEntry | undefined;
  for (const e of list) {
    if (e.digit !== undefined && ((modrm >> 3) & 7) !== e.digit) continue;
    if (e.mod === 'reg' && modrm >> 6 !== 3) continue;
    if (e.mod === 'mem' && modrm >> 6 === 3) continue;
    if (e.modrmByte !== undefined && modrm !== e.modrmByte) continue;
    if (!e.plusReg && e.opcode !== opcode) continue;
    // 90 is nop (F3 90 pause) unless REX.B or 66 makes it a real xchg.
    if (opcode === 0x90 && e.map === 'one') {
      const plain = rexB === 0 && !o16;
      if (e.plusReg === plain) continue;
    }
    if (e.prefix === 'none') fallback ??= e;
    else if (e.prefix === mandatory) return e;
  }
  return fallback;
}

/**
 * Decodes the instruction at linear address `va` as 64-bit code, or, with `bits` 32, as the
 * 32-bit code a kernel boots through (no REX: 40-4F are inc and dec; 32-bit addresses with
 * absolute disp32 instead of RIP-relative; 4-byte stack operands). Throws PageFault when its bytes
 * cannot be fetched, InvalidOpcode (#UD, with the bytes) when they are no supported instruction
 * (in 32-bit code: also 16-bit addressing and the near call, ret and leave, which a boot path
 * does not use).
 */
export function decode(mem: MemoryBus, va: number, bits: 64 | 32 = 64): Insn {
  const rd = new ByteReader(mem, va);
  let pos = 0;
  let o16 = false;
  let a32 = false;
  let rep = 0;
  let lock = false;
  let segment = 0;
  let rex = 0;
  const prefixes: number[] = [];
  let b = rd.at(pos);
  for (;;) {
    if (isLegacyPrefix(b)) {
      prefixes.push(b);
      if (b === 0x66) o16 = true;
      else if (b === 0x67) a32 = true;
      else if (b === 0xf2 || b === 0xf3) rep = b;
      else if (b === 0xf0) lock = true;
      else segment = b;
      rex = 0;
    } else if (b >= 0x40 && b <= 0x4f && bits === 64) rex = b;
    else break;
    b = rd.at(++pos);
  }
  let map = 0;
  if (b === 0x0f) {
    b = rd.at(++pos);
    map = 1;
    if (b === 0x38 || b === 0x3a) {
      map = b === 0x38 ? 2 : 3;
      b = rd.at(++pos);
    }
  }
  const opcode = b;
  pos++;
  const list = candidates(map, opcode);
  if (!list) throw new InvalidOpcode(rd.bytes);
  const hasModrm = list[0].modrm;
  const modrm = hasModrm ? rd.at(pos++) : 0;
  const rexB = rex & 1;
  const entry = choose(list, opcode, modrm, rexB, o16, rep);
  if (!entry) throw new InvalidOpcode(rd.bytes);
  const rexW = (rex & 8) !== 0;
  const flow = entry.flow ?? 'none';
  if (o16 && (flow === 'jump' || flow === 'branch' || flow === 'call' || flow === 'ret')) throw new InvalidOpcode(rd.bytes);
  if (bits === 32 && (a32 || flow === 'call' || flow === 'ret' || entry.mnemonic === 'leave' || entry.legacy32 === false)) throw new InvalidOpcode(rd.bytes);
  if (bits === 64 && entry.legacy32 === true) throw new InvalidOpcode(rd.bytes);

  const insn = new Insn(entry, unbound);
  insn.addr = va;
  insn.opsize = operandSize(entry, rexW, o16, bits);
  insn.asize = a32 || bits === 32 ? 4 : 8;
  insn.rex = rex;
  insn.segment = segment;
  insn.prefixes = prefixes;
  insn.lock = lock;
  insn.rep = entry.repeatable ? rep : 0;
  if (map === 0 && opcode >= 0x70 && opcode <= 0x7f) insn.cc = opcode & 15;
  else if (map === 1 && ((opcode & 0xf0) === 0x40 || (opcode & 0xf0) === 0x80 || (opcode & 0xf0) === 0x90)) insn.cc = opcode & 15;

  const ops = entry.operands;
  let ripRelative = false;
  if (hasModrm) {
    const mod = modrm >> 6;
    const regField = ((modrm >> 3) & 7) | ((rex & 4) << 1);
    const rmField = modrm & 7;
    const regForm = ops.find((o) => o === 'r' || o === 'r8' || o === 'r16' || o === 'r32' || o === 'r64');
    if (regForm) insn.reg = formSize(regForm, insn.opsize) === 1 ? byteReg(regField, rex) : regField;
    else if (ops.includes('CRn')) insn.reg = regField;
    else if (ops.includes('Sreg')) {
      insn.reg = (modrm >> 3) & 7;
      if (insn.reg > 5) throw new InvalidOpcode(rd.bytes);
    }
    const rmForm = ops.find((o) => o.startsWith('r/m') || o === 'm');
    if (mod === 3) {
      if (rmForm === 'm') throw new InvalidOpcode(rd.bytes);
      const n = rmField | (rexB << 3);
      insn.rm = rmForm && formSize(rmForm, insn.opsize) === 1 ? byteReg(n, rex) : n;
    } else {
      insn.hasMem = true;
      let base = rmField;
      if (rmField === 4) {
        const sib = rd.at(pos++);
        insn.scale = 1 << (sib >> 6);
        const idx = ((sib >> 3) & 7) | ((rex & 2) << 2);
        if (idx !== 4) insn.index = idx;
        base = sib & 7;
        if (base === 5 && mod === 0) base = NO_REG;
        else base |= rexB << 3;
      } else if (rmField === 5 && mod === 0) {
        base = NO_REG;
        ripRelative = bits === 64;
      } else base |= rexB << 3;
      insn.base = base;
      if (mod === 1) insn.disp = (rd.at(pos++) << 24) >> 24;
      else if (mod === 2 || base === NO_REG) {
        insn.disp = rd.at(pos) | (rd.at(pos + 1) << 8) | (rd.at(pos + 2) << 16) | (rd.at(pos + 3) << 24);
        pos += 4;
      }
    }
  }
  if (lock && !(entry.lockable && insn.hasMem)) throw new InvalidOpcode(rd.bytes);

  let rel = 0;
  for (const form of ops) {
    switch (form) {
      case '+r': {
        const n = (opcode & 7) | (rexB << 3);
        insn.reg = insn.opsize === 1 ? byteReg(n, rex) : n;
        break;
      }
      case 'acc':
        if (!hasModrm) {
          if (ops.includes('moffs')) insn.reg = 0;
          else insn.rm = 0;
        }
        break;
      case 'imm8':
        insn.imm = (rd.at(pos++) << 24) >> 24;
        insn.immHi = insn.imm >> 31;
        break;
      case 'imm8u':
        insn.imm = rd.at(pos++);
        break;
      case 'imm16':
        insn.imm = rd.at(pos) | (rd.at(pos + 1) << 8);
        pos += 2;
        break;
      case 'imm':
      case 'immv': {
        const n = form === 'imm' ? Math.min(insn.opsize, 4) : insn.opsize;
        let v = 0;
        for (let k = Math.min(n, 4) - 1; k >= 0; k--) v = (v << 8) | rd.at(pos + k);
        if (n === 1) v = (v << 24) >> 24;
        else if (n === 2) v = (v << 16) >> 16;
        insn.imm = v | 0;
        insn.immHi = insn.imm >> 31;
        if (n === 8) insn.immHi = rd.at(pos + 4) | (rd.at(pos + 5) << 8) | (rd.at(pos + 6) << 16) | (rd.at(pos + 7) << 24);
        pos += n;
        break;
      }
      case 'rel8':
        rel = (rd.at(pos++) << 24) >> 24;
        break;
      case 'rel32':
        rel = rd.at(pos) | (rd.at(pos + 1) << 8) | (rd.at(pos + 2) << 16) | (rd.at(pos + 3) << 24);
        pos += 4;
        break;
      case 'far': {
        const n = insn.opsize === 2 ? 2 : 4;
        let off = 0;
        for (let k = n - 1; k >= 0; k--) off = off * 256 + rd.at(pos + k);
        insn.target = off;
        insn.imm = rd.at(pos + n) | (rd.at(pos + n + 1) << 8);
        pos += n + 2;
        break;
      }
      case 'moffs': {
        insn.hasMem = true;
        const lo = (rd.at(pos) | (rd.at(pos + 1) << 8) | (rd.at(pos + 2) << 16) | (rd.at(pos + 3) << 24)) >>> 0;
        if (a32) {
          insn.disp = lo;
          pos += 4;
        } else {
          const hi = rd.at(pos + 4) | (rd.at(pos + 5) << 8) | (rd.at(pos + 6) << 16) | (rd.at(pos + 7) << 24);
          insn.disp = hi * TWO32 + lo;
          pos += 8;
        }
        break;
      }
      default:
        break;
    }
  }
  if (opcode === 0xcc && map === 0) insn.imm = 3;
  rd.at(pos - 1);
  insn.len = pos;
  insn.next = va + pos;
  if (insn.next >= TWO48) insn.next -= TWO48;
  if (bits === 32) insn.next %= TWO32;
  if (ripRelative) {
    insn.ripRelative = true;
    let t = insn.next + insn.disp;
    if (a32) t = t % TWO32;
    insn.disp = t < 0 ? t + TWO48 : t >= TWO48 ? t - TWO48 : t;
  }
  if (rel !== 0 || ops.includes('rel8') || ops.includes('rel32')) {
    let t = insn.next + rel;
    if (t < 0) t += TWO48;
    else if (t >= TWO48) t -= TWO48;
    insn.target = bits === 32 ? t % TWO32 : t;
  }
  insn.exec = entry.handler(insn);
  return insn;
}
