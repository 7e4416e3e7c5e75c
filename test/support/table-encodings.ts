// Generates byte encodings of every opcode-table row: each operand-size variant, REX-extended
// registers, every ModRM/SIB addressing shape (register, [reg], rip-relative, disp8, disp32,
// SIB with and without index or base), immediates, and the prefixes the row allows (lock, rep,
// fs/gs, notrack, bnd). Deterministic (a seeded generator), so failures reproduce.
import type { OpcodeEntry } from '../../src/emu/isa/opcode-entry';
import type { OperandForm } from '../../src/emu/isa/operand-forms';

/** One generated encoding and the table row it was made for. */
export interface TableEncoding {
  readonly bytes: number[];
  readonly entry: OpcodeEntry;
}

/** A small deterministic generator (xorshift32). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  /** Returns an integer in [0, n). */
  below(n: number): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state % n;
  }
  /** Returns `n` random bytes. */
  bytes(n: number): number[] {
    return Array.from({ length: n }, () => this.below(256));
  }
}

const MAP_BYTES = { one: [], '0f': [0x0f], '0f38': [0x0f, 0x38], '0f3a': [0x0f, 0x3a] } as const;

/** ModRM (and SIB, displacement) shapes for a memory operand, given the reg field. */
function memoryShapes(reg: number, rng: Rng): number[][] {
  const r = reg << 3;
  const low = () => [0, 1, 2, 3, 6, 7][rng.below(6)];
  const sib = (scale: number, index: number, base: number) => (scale << 6) | (index << 3) | base;
  return [
    [0x00 | r | low()], // [reg]
    [0x05 | r, ...rng.bytes(4)], // rip-relative
    [0x40 | r | low(), rng.below(256)], // disp8
    [0x45 | r, 0], // [rbp+0x0]
    [0x80 | r | low(), ...rng.bytes(4)], // disp32
    [0x04 | r, 0x24], // [rsp]
    [0x44 | r, sib(rng.below(4), low(), low()), rng.below(256)], // base+index*scale+disp8
    [0x04 | r, sib(rng.below(4), low(), 5), ...rng.bytes(4)], // index*scale+disp32, no base
    [0x04 | r, 0x25, ...rng.bytes(4)], // absolute disp32
    [0x84 | r, sib(rng.below(4), 5, 4), ...rng.bytes(4)], // rsp base, rbp index, disp32
    [0x44 | r, 0x00, 0x00], // [rax+rax*1+0x0], the multi-byte nop shape
  ];
}

/** Operand sizes a row can be encoded with, as [prefix bytes, REX.W, operand size]. */
function sizeVariants(entry: OpcodeEntry): Array<{ o16: boolean; w: boolean; size: number }> {
  switch (entry.size) {
    case 'v': return [{ o16: false, w: false, size: 4 }, { o16: true, w: false, size: 2 }, { o16: false, w: true, size: 8 }];
    case 'z': return [{ o16: false, w: false, size: 4 }, { o16: true, w: false, size: 2 }, { o16: false, w: true, size: 4 }];
    case 'd64': return [{ o16: false, w: false, size: 8 }, { o16: true, w: false, size: 2 }];
    case 'b': return [{ o16: false, w: false, size: 1 }];
    case 'w': return [{ o16: false, w: false, size: 2 }];
    case 'q': return [{ o16: false, w: false, size: 8 }];
    default: return [{ o16: false, w: false, size: 4 }];
  }
}

/** The immediate, address and branch bytes that follow ModRM for `forms` at operand size `size`. */
function trailingBytes(forms: readonly OperandForm[], size: number, address32: boolean, rng: Rng): number[] {
  const out: number[] = [];
  for (const form of forms) {
    switch (form) {
      case 'imm8': case 'imm8u': case 'rel8': out.push(...rng.bytes(1)); break;
      case 'imm16': out.push(...rng.bytes(2)); break;
      case 'imm': out.push(...rng.bytes(Math.min(size, 4))); break;
      case 'immv': out.push(...rng.bytes(size)); break;
      case 'rel32': out.push(...rng.bytes(4)); break;
      case 'moffs': out.push(...rng.bytes(4), ...(address32 ? [] : [0, 0, 0, 0])); break;
      default: break;
    }
  }
  return out;
}

/** The ModRM shapes to try for a row: its fixed byte, registers, and (unless register-only) memory. */
function modrmShapes(entry: OpcodeEntry, rng: Rng): number[][] {
  if (entry.modrmByte !== undefined) return [[entry.modrmByte]];
  const shapes: number[][] = [];
  for (let k = 0; k < 2; k++) {
    const reg = entry.digit ?? rng.below(8);
    if (entry.mod !== 'mem' && !entry.operands.includes('m')) shapes.push([0xc0 | (reg << 3) | rng.below(8)]);
    if (entry.mod !== 'reg') shapes.push(...memoryShapes(reg, rng).filter((_, i) => k === 0 || i % 3 === 0));
  }
  return shapes;
}

/**
 * Extra legacy prefixes worth printing with a row: lock, F3/F2 (rep, repz, bnd), segment overrides (consumed
 * by fs/gs operands, printed as words otherwise), address size, a doubled 66, notrack, bnd.
 */
function prefixVariants(entry: OpcodeEntry, hasMemory: boolean, o16: boolean): number[][] {
  const variants: number[][] = [[]];
  if (entry.lockable && hasMemory) variants.push([0xf0]);
  // F2 0F B8/BC/BD: objdump calls them (bad); the hardware ignores the F2 (popcnt/bsf/bsr)
  const f2Reserved = entry.map === '0f' && (entry.opcode === 0xb8 || entry.opcode === 0xbc || entry.opcode === 0xbd);
  variants.push([0xf3]);
  if (!f2Reserved) variants.push([0xf2]);
  if (hasMemory || entry.operands.includes('moffs')) variants.push([0x64], [0x65], [0x2e], [0x3e], [0x26], [0x36]);
  else variants.push([0x2e]);
  variants.push([0x67]);
  if (o16) variants.push([0x66, 0x2e]);
  if ((entry.flow === 'jump' || entry.flow === 'call') && entry.operands[0] === 'r/m') variants.push([0x3e]);
  return variants;
}

/** Returns encodings of `entry`: operand sizes x REX extensions x ModRM shapes x allowed prefixes. */
export function encodingsOf(entry: OpcodeEntry, rng: Rng): TableEncoding[] {
  const out: TableEncoding[] = [];
  // rows of 32-bit code only (inc/dec 40+r): in 64-bit code those bytes are REX prefixes
  if (entry.legacy32 === true) return out;
  const mandatory = entry.prefix === '66' ? [0x66] : entry.prefix === 'f2' ? [0xf2] : entry.prefix === 'f3' ? [0xf3] : [];
  const opcodes = entry.plusReg ? [entry.opcode, entry.opcode + 1 + rng.below(7)] : [entry.opcode];
  const modrms = entry.modrm ? modrmShapes(entry, rng) : [[]];
  for (const { o16, w, size } of sizeVariants(entry)) {
    for (const rexExtra of [0, 0x45, 0x42, 0x40]) {
      for (const opcode of opcodes) {
        for (const modrm of modrms) {
          const hasMemory = modrm.length > 0 && modrm[0] >> 6 !== 3;
          for (const extra of prefixVariants(entry, hasMemory, o16)) {
            if (rexExtra !== 0 && (extra.length > 0 || rng.below(3) !== 0)) continue;
            const rex = (w ? 0x48 : 0) | rexExtra;
            out.push({
              entry,
              bytes: [
                ...extra, ...(o16 ? [0x66] : []), ...mandatory, ...(rex ? [rex | 0x40] : []),
                ...MAP_BYTES[entry.map], opcode, ...modrm, ...trailingBytes(entry.operands, size, extra.includes(0x67), rng),
              ],
            });
          }
        }
      }
    }
  }
  return out;
}
