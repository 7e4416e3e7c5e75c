// The text of one compiled block under construction, and the operand plumbing every emitter
// shares: register reads and writes by size, linear addresses, inline TLB probes, loads and stores.
//
// Names visible to the generated code (bound once per block by compile-block.ts): `cpu`, the
// register-file views `r` (Uint32), `si` (Int32), `q` (BigUint64), `sq` (BigInt64), `w` (Uint16),
// `b8` (Uint8), `view` and `ram` (guest RAM), `tags`/`frames` (the TLB arrays), `mem`, and the
// runtime helpers of block-runtime.ts. Locals of the block function: `k` (index of the instruction
// that may fault next, read by the fault handler), `x` (set once a translation took the slow
// path, which may have recorded a watch hit or dropped code) and `done` (instructions completed
// by earlier passes of a block that loops).
import type { Insn } from '../decoder/insn';
import { NO_REG } from '../decoder/insn';
import { Access } from '../memory/contract';
import { byteRegOffset } from '../cpu/registers';
import type { KnownFlags } from './conditions';

const TWO32 = 4294967296;
const TWO47 = 140737488355328;
const TWO48 = 281474976710656;

/** Thrown by an emitter that finds, while emitting, that it cannot handle an instruction. */
export class NotCompilable extends Error {}

/** The growing source of one block function. */
export class BlockSource {
  private readonly lines: string[] = [];
  private temps = 0;
  /** index of the instruction being emitted */
  index = 0;
  /** the status flags a later instruction (or the block's successor) may read from this one */
  liveOut = 0;
  /** the flags of the last flag-writing instruction, when known at compile time */
  known: KnownFlags | undefined;
  /** a translation in the current instruction may have taken the slow path */
  private slowPath = false;
  private faultMarked = false;

  /** `tlbBits` is the TLB's table size (log2), or -1 when every access goes through `translate`. */
  constructor(private readonly tlbBits: number) {}

  /** Appends one statement. */
  emit(line: string): void {
    this.lines.push(line);
  }

  /** The statements so far. */
  text(): string {
    return this.lines.join('\n');
  }

  /** The number of statements so far (a mark for `truncate`). */
  mark(): number {
    return this.lines.length;
  }

  /** Drops the statements after mark `n`. */
  truncate(n: number): void {
    this.lines.length = n;
  }

  /** A fresh local name. */
  temp(prefix = 't'): string {
    return `${prefix}_${this.temps++}`;
  }

  /** Starts instruction `index`. */
  begin(index: number): void {
    this.index = index;
    this.slowPath = false;
    this.faultMarked = false;
  }

  /** Records (once per instruction) that what follows may fault: the fault handler reads `k`. */
  mayFault(): void {
    if (this.faultMarked) return;
    this.faultMarked = true;
    this.emit(`k = ${this.index};`);
  }

  /** Marks that the current instruction called out to code that may drop code pages or record watch hits. */
  calledOut(): void {
    this.slowPath = true;
  }

  /** Ends the instruction: leaves the block after it when a slow path dropped code or hit a watch. */
  end(last: boolean): void {
    if (this.slowPath && !last) this.emit(`if (x !== 0 && (cpu.codeWritten || mem.hasWatchHits)) return done + ${this.index + 1};`);
  }

  // ---- registers ------------------------------------------------------------------------------

  /** Expression reading register `reg` as an unsigned value of `size` bytes (1, 2 or 4). */
  reg(reg: number, size: number): string {
    if (size === 4) return `r[${reg * 2}]`;
    if (size === 2) return `w[${reg * 4}]`;
    return `b8[${byteRegOffset(reg)}]`;
  }

  /** Writes `value` to register `reg` at `size` bytes (1, 2 or 4); 4 zero-extends. */
  setReg(reg: number, size: number, value: string): void {
    if (size === 4) this.emit(`r[${reg * 2}] = ${value}; r[${reg * 2 + 1}] = 0;`);
    else if (size === 2) this.emit(`w[${reg * 4}] = ${value};`);
    else this.emit(`b8[${byteRegOffset(reg)}] = ${value};`);
  }

  /** Copies register-file slot `from` to slot `to` (64 bits, as two halves). */
  copy64(to: number, from: number): void {
    if (to !== from) this.emit(`r[${to * 2}] = r[${from * 2}]; r[${to * 2 + 1}] = r[${from * 2 + 1}];`);
  }

  /** Adds the small constant `delta` (|delta| < 2^31) to rsp, 64-bit wrapping, on its halves. */
  addRsp(delta: number): void {
    if (delta === 0) return;
    const s = this.temp('sp');
    const carry = delta > 0 ? `${s} > ${TWO32 - 1}` : `${s} < 0`;
    this.emit(`const ${s} = r[8] + ${delta}; r[8] = ${s}; if (${carry}) r[9] = r[9] + ${delta > 0 ? 1 : -1};`);
  }

  // ---- memory ---------------------------------------------------------------------------------

  /**
   * Emits the linear address of `insn`'s memory operand into a new local and returns its name.
   * Same arithmetic and #GP as exec/memory-access.ts `linearAddress`.
   */
  address(insn: Insn): string {
    const va = this.temp('va');
    if (insn.ripRelative) {
      const d = insn.disp;
      if (!(d < TWO47 || d >= TWO48 - TWO47)) throw new NotCompilable('non-canonical rip-relative operand');
      this.emit(`const ${va} = ${d};`);
      return va;
    }
    const lo: string[] = [];
    const hi: string[] = [];
    if (insn.base !== NO_REG) {
      lo.push(`r[${insn.base * 2}]`);
      hi.push(`r[${insn.base * 2 + 1}]`);
    }
    if (insn.index !== NO_REG) {
      const s = insn.scale === 1 ? '' : ` * ${insn.scale}`;
      lo.push(`r[${insn.index * 2}]${s}`);
      hi.push(`r[${insn.index * 2 + 1}]${s}`);
    }
    if (insn.disp !== 0 || lo.length === 0) lo.push(`${insn.disp}`);
    const loExpr = lo.join(' + ');
    if (insn.asize === 4) {
      this.emit(`const ${va} = (${loExpr}) >>> 0;`);
      return va;
    }
    if (hi.length === 0) {
      this.emit(`const ${va} = ${constantAddress(insn.disp)};`);
      return va;
    }
    this.mayFault();
    const l = this.temp('lo');
    const h = this.temp('hi');
    this.emit(`const ${l} = ${loExpr}, ${h} = ${hi.join(' + ')};`);
    this.emit(`const ${va} = ${h} === 0 && ${l} >= 0 && ${l} < ${TWO32} ? ${l} : canonical(${l}, ${h});`);
    return va;
  }

  /** Emits rsp + delta as a checked linear address (exec/stack.ts `stackAddress`); returns the local. */
  stackAddress(delta: number): string {
    this.mayFault();
    const l = this.temp('lo');
    const h = this.temp('hi');
    const va = this.temp('va');
    this.emit(`const ${l} = r[8]${delta === 0 ? '' : ` + ${delta}`}, ${h} = r[9];`);
    this.emit(`const ${va} = ${h} === 0 && ${l} >= 0 && ${l} < ${TWO32} ? ${l} : canonical(${l}, ${h});`);
    return va;
  }

  /**
   * Emits the translation of a `size`-byte access at linear address `va` and returns the local
   * holding its handle (see exec/memory-access.ts: a physical address, or a negative split
   * handle using split slot `slot`). The TLB hit path is inline; a miss or a page-crossing access
   * calls `phys`.
   */
  translate(va: string, size: number, access: Access, slot: number): string {
    this.mayFault();
    this.calledOut();
    const h = this.temp('pa');
    if (this.tlbBits < 0) {
      this.emit(`x = 1; const ${h} = phys(cpu, ${va}, ${size}, ${access}, ${slot});`);
      return h;
    }
    const o = this.temp('o');
    const e = this.temp('e');
    const base = ((access << 1) | 1) << this.tlbBits;
    const mask = (1 << this.tlbBits) - 1;
    this.emit(`const ${o} = ${va} & 4095, ${e} = ${base} | ((${va} >>> 12) & ${mask});`);
    const fits = size === 1 ? '' : ` && ${o} <= ${4096 - size}`;
    this.emit(`const ${h} = tags[${e}] === ${va} - ${o}${fits} ? frames[${e}] + ${o} : (x = 1, phys(cpu, ${va}, ${size}, ${access}, ${slot}));`);
    return h;
  }

  /** Expression loading an unsigned value of `size` bytes (1, 2 or 4) through handle `h`. */
  load(h: string, size: number): string {
    if (size === 1) return `(${h} >= 0 ? ram[${h}] : ld8(cpu, ${h}))`;
    if (size === 2) return `(${h} >= 0 ? view.getUint16(${h}, true) : ld16(cpu, ${h}))`;
    return `(${h} >= 0 ? view.getUint32(${h}, true) : ld32(cpu, ${h}))`;
  }

  /** Stores `value` (size 1, 2 or 4) through handle `h`. */
  store(h: string, size: number, value: string): void {
    if (size === 1) this.emit(`if (${h} >= 0) ram[${h}] = ${value}; else st8(cpu, ${h}, ${value});`);
    else if (size === 2) this.emit(`if (${h} >= 0) view.setUint16(${h}, ${value}, true); else st16(cpu, ${h}, ${value});`);
    else this.emit(`if (${h} >= 0) view.setUint32(${h}, ${value}, true); else st32(cpu, ${h}, ${value});`);
  }

  /** Loads 64 bits through handle `h` into register-file slot `slot`. */
  load64(h: string, slot: number): void {
    this.emit(`if (${h} >= 0) { r[${slot * 2}] = view.getUint32(${h}, true); r[${slot * 2 + 1}] = view.getUint32(${h} + 4, true); } else ld64(cpu, ${h}, ${slot});`);
  }

  /** Stores register-file slot `slot` (64 bits) through handle `h`. */
  store64(h: string, slot: number): void {
    this.emit(`if (${h} >= 0) { view.setUint32(${h}, r[${slot * 2}], true); view.setUint32(${h} + 4, r[${slot * 2 + 1}], true); } else st64(cpu, ${h}, ${slot});`);
  }

  /** Stores the 64-bit value `lo` + `hi` * 2^32 (uint32 expressions) through handle `h`, using slot `slot` for a split access. */
  store64Halves(h: string, lo: string, hi: string, slot: number): void {
    this.emit(`if (${h} >= 0) { view.setUint32(${h}, ${lo}, true); view.setUint32(${h} + 4, ${hi}, true); } else { r[${slot * 2}] = ${lo}; r[${slot * 2 + 1}] = ${hi}; st64(cpu, ${h}, ${slot}); }`);
  }
}

/** The linear address of an absolute (base- and index-less) operand, as `linearAddress` computes it. */
function constantAddress(disp: number): number {
  let lo = disp;
  let hi = 0;
  if (lo >= 0 && lo < TWO32) return lo;
  const carry = Math.floor(lo / TWO32);
  lo -= carry * TWO32;
  hi = (hi + carry) | 0;
  if (hi > 0x7fff || hi < -0x8000) throw new NotCompilable('non-canonical absolute operand');
  return lo + (hi & 0xffff) * TWO32;
}

/** Splits a canonical linear address (number in [0, 2^48)) into its 64-bit halves. */
export function addressHalves(va: number): [number, number] {
  const hi = Math.floor(va / TWO32);
  return [va - hi * TWO32, hi >= 0x8000 ? (hi | 0xffff0000) >>> 0 : hi];
}
