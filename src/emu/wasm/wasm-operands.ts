// Operand plumbing of WebAssembly block functions: registers in the control area, linear addresses with
// their canonical check, the inline TLB probe with its slow path, loads and stores through the
// resulting physical address (or a split handle), lazy-flag records, and the bookkeeping every
// slow path needs (which instruction is running, so a fault can be placed exactly).
//
// Values on the WebAssembly stack: 64-bit operands as i64; 8-, 16- and 32-bit operands as i32
// holding the zero-extended value. RAM starts at address 0 of the module's memory, so a physical
// address is a memory address.
import type { Insn } from '../decoder/insn';
import { NO_REG } from '../decoder/insn';
import { Slot } from '../cpu/registers';
import { Access } from '../memory/contract';
import { CODE_CACHE_ENTRIES, Control } from '../memory/control-area';
import { TLB_BITS, TLB_ENTRIES } from '../memory/tlb';
import { NotCompilable } from '../jit/block-source';
import { Code, Op, VOID } from './wasm-code';
import { ValType } from './wasm-module';
import { X_DONE, X_FLAG_BITS, X_FLAG_OP, X_INSN, X_LEAVE, X_NEXT, X_RIP } from './exchange';
import { Import } from './block-imports';

const TWO47 = 140737488355328;
const TWO48 = 281474976710656;
const MASK48 = (1n << 48n) - 1n;

/** Flags known at compile time: the last flag-writing instruction of the block and where its
 *  operands are (locals of `size` 8 → i64, else i32). */
export interface WasmKnownFlags {
  readonly kind: number;
  readonly size: number;
  readonly a: number;
  readonly b: number;
  readonly res: number;
}

/** Locals handed out since the last release, and those free to hand out again, by type. */
class LocalPool {
  readonly used: [ValType, number][] = [];
  readonly free = new Map<ValType, number[]>();

  release(): void {
    for (const [type, local] of this.used) {
      const list = this.free.get(type) ?? [];
      list.push(local);
      this.free.set(type, list);
    }
    this.used.length = 0;
  }
}

/** One block function's code, with the layout of its machine's guest memory. */
export class BlockCode {
  readonly code: Code;
  /** local: the rip the block continues at (i64) */
  readonly rip: number;
  /** parameter: instructions the dispatcher completed before this block (i32) */
  readonly done: number;
  /** local: a slow path ran in the current instruction (i32) */
  readonly slow: number;
  /** the instruction being emitted as X_INSN names it (its block's table index times MAX_BLOCK plus its place) */
  index = 0;
  /** flags known at compile time, or undefined */
  known: WasmKnownFlags | undefined;
  /** a flag record not stored in memory yet (see recordFlags) */
  private pending: WasmKnownFlags | undefined;
  /** the i64 local of each general register, or -1 */
  private readonly registerLocals = new Array<number>(16).fill(-1);
  /** registers whose local holds their value (bit per register) */
  private loaded = 0;
  /** registers whose local holds a value the register file does not have yet */
  private dirty = 0;
  private readonly instructionLocals = new LocalPool();
  private readonly blockLocals = new LocalPool();
  private readonly registers: number;
  private readonly exchange: number;
  private readonly tags: number;
  private readonly frames: number;
  private readonly cache: number;
  private readonly lastPages = new Map<number, { page: number; frame: number }>();

  /** The code of one block function, for guest memory whose control area starts at
   *  `controlBase`. The function's parameters are (budget i32, done i32); it leaves the rip it
   *  continues at in the exchange word X_NEXT and returns the new completed count, or -1 minus
   *  that count when the dispatcher must return to the run loop after it. */
  constructor(controlBase: number) {
    this.code = new Code(2);
    this.done = 1;
    this.rip = this.code.local(ValType.I64);
    this.slow = this.code.local(ValType.I32);
    this.registers = controlBase + Control.REGISTERS;
    this.exchange = controlBase + Control.EXCHANGE;
    this.tags = controlBase + Control.TLB_TAGS;
    this.frames = controlBase + Control.TLB_FRAMES;
    this.cache = controlBase + Control.CODE_CACHE;
  }

  /** A local of `type` for the instruction being emitted: locals are reused from one instruction
   *  to the next (few locals keep the engine's loop merges small). */
  temp(type: ValType): number {
    return this.take(this.instructionLocals, type);
  }

  /** A local of `type` that stays valid until the end of the block (known-flag operands). */
  blockTemp(type: ValType): number {
    return this.take(this.blockLocals, type);
  }

  /** Starts an instruction: its locals may be reused. */
  startInstruction(): void {
    this.instructionLocals.release();
  }

  /** Starts a block: its locals may be reused. */
  startBlock(): void {
    this.pending = undefined;
    this.instructionLocals.release();
    this.blockLocals.release();
  }

  private take(pool: LocalPool, type: ValType): number {
    const free = pool.free.get(type);
    const local = free !== undefined && free.length !== 0 ? (free.pop() as number) : this.code.local(type);
    pool.used.push([type, local]);
    return local;
  }

  // ---- registers ------------------------------------------------------------------------------
  //
  // The general registers a block uses live in i64 locals while it runs: loaded from the register
  // file at first use, stored back before every call out (the JavaScript side, and a fault, see
  // the register file) and when the block ends. Every register access is emitted at the top level
  // of an instruction (never inside a branch), so a local is loaded on every path that uses it.

  /** Pushes general register `reg` (0..15) as i64. */
  get64(reg: number): void {
    this.code.get(this.registerLocal(reg, true));
  }

  /** Sets general register `reg` (0..15) to the i64 `push()` leaves. */
  set64(reg: number, push: () => void): void {
    push();
    this.code.set(this.registerLocal(reg, false));
    this.dirty |= 1 << reg;
  }

  /** Pushes register `reg` read at `size` bytes (1, 2, 4; 16..19 are ah..bh) as a zero-extended i32. */
  getSmall(reg: number, size: number): void {
    const c = this.code;
    if (size === 1 && reg >= 16) {
      this.get64(reg - 16);
      c.i64(8).op(Op.I64ShrU, Op.I32WrapI64).i32(0xff).op(Op.I32And);
      return;
    }
    this.get64(reg);
    c.op(Op.I32WrapI64);
    if (size !== 4) c.i32(size === 2 ? 0xffff : 0xff).op(Op.I32And);
  }

  /** Writes the i32 `push()` leaves to register `reg` at `size` bytes (4 zero-extends to 64;
   *  1 and 2 keep the other bits). */
  setSmall(reg: number, size: number, push: () => void): void {
    const c = this.code;
    if (size === 4) {
      this.set64(reg, () => { push(); c.op(Op.I64ExtendI32U); });
      return;
    }
    const full = size === 1 && reg >= 16 ? reg - 16 : reg;
    const shift = full !== reg ? 8 : 0;
    const mask = (size === 2 ? 0xffffn : 0xffn) << BigInt(shift);
    const v = this.temp(ValType.I32);
    push();
    c.set(v);
    this.set64(full, () => {
      this.get64(full);
      c.i64(BigInt.asIntN(64, ~mask)).op(Op.I64And);
      c.get(v).i32(size === 2 ? 0xffff : 0xff).op(Op.I32And, Op.I64ExtendI32U);
      if (shift !== 0) c.i64(shift).op(Op.I64Shl);
      c.op(Op.I64Or);
    });
  }

  /** Pushes register `reg` at `size` bytes (i64 for 8, else i32). */
  getReg(reg: number, size: number): void {
    if (size === 8) this.get64(reg);
    else this.getSmall(reg, size);
  }

  /** Writes register `reg` at `size` bytes from what `push()` leaves (i64 for 8, else i32). */
  setReg(reg: number, size: number, push: () => void): void {
    if (size === 8) this.set64(reg, push);
    else this.setSmall(reg, size, push);
  }

  /** Stores the registers changed in locals back to the register file. */
  storeRegisters(): void {
    for (let reg = 0; reg < 16; reg++) {
      if ((this.dirty & (1 << reg)) === 0) continue;
      this.code.i32(0).get(this.registerLocals[reg]).mem(Op.I64Store, 3, this.registers + reg * 8);
    }
  }

  /** After a call that may change any register (an interpreted instruction): the register file
   *  holds them all; locals are loaded again at their next use. */
  registersChanged(): void {
    this.loaded = 0;
    this.dirty = 0;
  }

  /** What the compiler knows of the register locals (which are loaded, which are dirty), to emit
   *  two branches from the same state (see `joinRegisters`). */
  registerState(): { loaded: number; dirty: number } {
    return { loaded: this.loaded, dirty: this.dirty };
  }

  /** Emits the next branch from register state `s` (taken before the previous branch). */
  restoreRegisters(s: { loaded: number; dirty: number }): void {
    this.loaded = s.loaded;
    this.dirty = s.dirty;
  }

  /** After two branches that end with the registers of `after` (the first branch's state) and
   *  the current state: every local loaded in both stays loaded, and dirty if dirty in either. */
  joinRegisters(after: { loaded: number; dirty: number }): void {
    this.loaded &= after.loaded;
    this.dirty = (this.dirty | after.dirty) & this.loaded;
  }

  /** Loads register `reg` from the register file into its local (an import changed it there). */
  reloadRegister(reg: number): void {
    const local = this.registerLocal(reg, false);
    this.code.i32(0).mem(Op.I64Load, 3, this.registers + reg * 8).set(local);
    this.dirty &= ~(1 << reg);
  }

  /** Runs the instruction being emitted with its interpreter handler (a slow path inside it). */
  interpretHere(): void {
    this.noteSlowPath();
    this.code.i32(this.index).call(Import.Interpret);
  }

  /** The local of register `reg`, loaded from the register file first when `read` and not yet loaded. */
  private registerLocal(reg: number, read: boolean): number {
    let local = this.registerLocals[reg];
    if (local < 0) {
      local = this.code.local(ValType.I64);
      this.registerLocals[reg] = local;
    }
    if (read && (this.loaded & (1 << reg)) === 0) this.code.i32(0).mem(Op.I64Load, 3, this.registers + reg * 8).set(local);
    this.loaded |= 1 << reg;
    return local;
  }

  /** Adds the constant `delta` to rsp (64-bit wrap). */
  addRsp(delta: number): void {
    if (delta === 0) return;
    this.set64(4, () => { this.get64(4); this.code.i64(delta).op(Op.I64Add); });
  }

  // ---- exchange words -------------------------------------------------------------------------

  /** Before a call out: stores pending flags, and records which instruction runs a slow path
   *  (and the count before its block), for faults. */
  noteSlowPath(): void {
    this.flushFlags();
    this.storeRegisters();
    const c = this.code;
    c.i32(0).i32(this.index).mem(Op.I32Store, 2, this.exchange + X_INSN);
    c.i32(0).get(this.done).mem(Op.I32Store, 2, this.exchange + X_DONE);
    c.i32(1).set(this.slow);
  }

  /** Pushes the "return to the run loop" exchange word (X_LEAVE) as i32. */
  leaveFlag(): void {
    this.code.i32(0).mem(Op.I32Load, 2, this.exchange + X_LEAVE);
  }

  /** Pushes the rip the interpreter left in the exchange words as i64. */
  interpretedRip(): void {
    this.code.i32(0).mem(Op.F64Load, 3, this.exchange + X_RIP).op(Op.I64TruncF64U);
  }

  /** Returns from the block asking the dispatcher to return to the run loop: rip `setRip` (pushes i64, or undefined
   *  to keep the rip local) and the completed count `done + extra`. */
  leave(extra: number, setRip?: () => void): void {
    this.flushFlags();
    this.storeRegisters();
    const c = this.code;
    if (setRip !== undefined) {
      setRip();
      c.set(this.rip);
    }
    c.i32(0).get(this.rip).mem(Op.I64Store, 3, this.exchange + X_NEXT);
    c.i32(-1).get(this.done);
    if (extra !== 0) c.i32(extra).op(Op.I32Add);
    c.op(Op.I32Sub, Op.Return);
  }

  /** Ends the block: the dispatcher goes on at the rip local with `length` more instructions done. */
  finish(length: number): void {
    this.flushFlags();
    this.storeRegisters();
    const c = this.code;
    c.i32(0).get(this.rip).mem(Op.I64Store, 3, this.exchange + X_NEXT);
    c.get(this.done).i32(length).op(Op.I32Add);
  }

  /**
   * Ends the block like `finish`, but first continues straight into the next block when it starts
   * on `page` (the block's first page: its virtual page number, mapped to physical address
   * `frame`), is in the code cache and fits in the budget: the dispatcher's own test, without
   * its TLB probe (the mapping of the page was probed when the dispatcher entered this block, and
   * mappings cannot change during a run). A tail call (through the Chain import), so chains do
   * not grow the stack.
   */
  chainOrFinish(length: number, page: number, frame: number): void {
    this.flushFlags();
    this.storeRegisters();
    const c = this.code;
    const now = this.temp(ValType.I32);
    const pa = this.temp(ValType.I32);
    const entry = this.temp(ValType.I32);
    c.get(this.done).i32(length).op(Op.I32Add).set(now);
    c.get(this.rip).i64(12).op(Op.I64ShrU).i64(page).op(Op.I64Eq);
    c.open(Op.If);
    c.get(this.rip).op(Op.I32WrapI64).i32(4095).op(Op.I32And).i32(frame).op(Op.I32Or).set(pa);
    c.get(pa).get(pa).i32(13).op(Op.I32ShrU, Op.I32Xor).i32(CODE_CACHE_ENTRIES - 1).op(Op.I32And).i32(5).op(Op.I32Shl).set(entry);
    c.get(entry).mem(Op.I32Load, 2, this.cache + 8).get(pa).op(Op.I32Eq);
    c.get(entry).mem(Op.F64Load, 3, this.cache).get(this.rip).op(Op.F64ConvertI64U, Op.F64Eq, Op.I32And);
    c.get(now).get(entry).mem(Op.I32Load, 2, this.cache + 16).op(Op.I32Add).get(0).op(Op.I32LeS, Op.I32And);
    c.open(Op.If);
    c.get(0).get(now).get(entry).mem(Op.I32Load, 2, this.cache + 12).returnCall(Import.Chain);
    c.end();
    c.end();
    c.i32(0).get(this.rip).mem(Op.I64Store, 3, this.exchange + X_NEXT);
    c.get(now);
  }

  /** The operation `kind` on `size`-byte values in locals a, b, res, copied into locals that stay
   *  valid to the end of the block (for conditions and for recordFlags). */
  keepFlags(kind: number, size: number, a: number, b: number, res: number): WasmKnownFlags {
    const type = size === 8 ? ValType.I64 : ValType.I32;
    const keep = (local: number) => {
      const k = this.blockTemp(type);
      this.code.get(local).set(k);
      return k;
    };
    return { kind, size, a: keep(a), b: keep(b), res: keep(res) };
  }

  /**
   * Records that the lazy flags are now `flags` (from keepFlags). The record is stored in memory
   * only where someone outside the block's code may look at it (see flushFlags): at every slow
   * path and when the block ends.
   */
  recordFlags(flags: WasmKnownFlags): void {
    this.pending = flags;
  }

  /** Stores the i32 in local `bits` as flagBits (the carry-in of an adc/sbb record). */
  storeFlagBits(bits: number): void {
    this.code.i32(0).get(bits).mem(Op.I32Store, 2, this.exchange + X_FLAG_BITS);
  }

  /** Forgets a pending flag record (the flags in memory are current: an import wrote them). */
  flagsStored(): void {
    this.pending = undefined;
  }

  /** Stores the pending flag record, if any, where the lazy-flags code reads it. */
  flushFlags(): void {
    const p = this.pending;
    if (p === undefined) return;
    const { kind, size, a, b, res } = p;
    const store = (slot: number, local: number) => {
      this.code.i32(0).get(local);
      if (size === 8) this.code.mem(Op.I64Store, 3, this.registers + slot * 8);
      else this.code.mem(Op.I32Store, 2, this.registers + slot * 8);
    };
    store(Slot.FLAG_DST, a);
    store(Slot.FLAG_SRC, b);
    store(Slot.FLAG_RES, res);
    this.code.i32(0).i32((kind << 2) | sizeLog(size)).mem(Op.I32Store, 2, this.exchange + X_FLAG_OP);
  }

  // ---- memory ---------------------------------------------------------------------------------

  /**
   * Computes the linear address of `insn`'s memory operand into a new i64 local: the 64-bit value,
   * which `translate` checks for being canonical (on its slow path: the TLB holds only lower-half
   * pages for user code). Throws NotCompilable for forms left to the interpreter.
   */
  address(insn: Insn): number {
    const c = this.code;
    const va = this.temp(ValType.I64);
    if (insn.ripRelative || (insn.base === NO_REG && insn.index === NO_REG)) {
      const d = insn.disp;
      if (!insn.ripRelative && insn.asize !== 8) throw new NotCompilable('32-bit addressing');
      if (insn.ripRelative) c.i64(d >= TWO47 ? d - TWO48 : d).set(va);
      else if (d < TWO47 && d >= -TWO47) c.i64(d).set(va);
      else throw new NotCompilable('non-canonical absolute operand');
      return va;
    }
    if (insn.asize !== 8) throw new NotCompilable('32-bit addressing');
    let first = true;
    const add = () => {
      if (!first) c.op(Op.I64Add);
      first = false;
    };
    if (insn.base !== NO_REG) {
      this.get64(insn.base);
      add();
    }
    if (insn.index !== NO_REG) {
      this.get64(insn.index);
      if (insn.scale !== 1) c.i64(Math.log2(insn.scale)).op(Op.I64Shl);
      add();
    }
    if (insn.disp !== 0) c.i64(insn.disp).op(Op.I64Add);
    c.set(va);
    return va;
  }

  /** Takes the i64 on the stack as an address: #GP unless canonical, then its 48-bit form into
   *  `va`. Emitted on a slow path after noteSlowPath. */
  private checkCanonical(va: number): void {
    const c = this.code;
    c.tee(va).i64(TWO47).op(Op.I64Add).i64(48).op(Op.I64ShrU, Op.I64Eqz, Op.I32Eqz);
    c.open(Op.If);
    c.get(va).op(Op.I32WrapI64).get(va).i64(32).op(Op.I64ShrU, Op.I32WrapI64).call(Import.NonCanonical);
    c.end();
    c.get(va).i64(MASK48).op(Op.I64And).set(va);
  }

  /**
   * Translates a `size`-byte `access` at the 64-bit address in local `va`: a lower-half address
   * whose page the TLB holds inline, anything else through the Translate import after the
   * canonical check (either may fault). Returns locals [pa, handle]: pa (i32) is the physical
   * address, or -1 when the access is split, then `handle` (f64) holds the split handle for
   * `load`/`store`. `va` may hold the 48-bit form of the address afterwards.
   */
  translate(va: number, size: number, access: Access, slot: number): [number, number] {
    const c = this.code;
    const off = this.temp(ValType.I32);
    const e = this.temp(ValType.I32);
    const pa = this.temp(ValType.I32);
    const h = this.temp(ValType.F64);
    const page = this.temp(ValType.I64);
    const table = (access << 1) | 1;
    const last = this.lastPage(table);
    c.get(va).op(Op.I32WrapI64).i32(4095).op(Op.I32And).set(off);
    c.get(va).i64(12).op(Op.I64ShrU).tee(page).get(last.page).op(Op.I64Eq);
    if (size > 1) c.get(off).i32(4096 - size).op(Op.I32LeU, Op.I32And);
    c.open(Op.If);
    c.get(last.frame).get(off).op(Op.I32Add).set(pa);
    c.op(Op.Else);
    c.get(page).op(Op.I32WrapI64).i32(TLB_ENTRIES - 1).op(Op.I32And).set(e);
    c.get(e).i32(3).op(Op.I32Shl).mem(Op.F64Load, 3, this.tags + ((table << TLB_BITS) * 8));
    c.get(va).get(off).op(Op.I64ExtendI32U, Op.I64Sub, Op.F64ConvertI64S, Op.F64Eq);
    c.get(va).i64(47).op(Op.I64ShrU, Op.I64Eqz, Op.I32And);
    if (size > 1) c.get(off).i32(4096 - size).op(Op.I32LeU, Op.I32And);
    c.open(Op.If);
    c.get(e).i32(2).op(Op.I32Shl).mem(Op.I32Load, 2, this.frames + ((table << TLB_BITS) * 4)).tee(last.frame).get(off).op(Op.I32Add).set(pa);
    c.get(page).set(last.page);
    c.op(Op.Else);
    this.noteSlowPath();
    c.get(va);
    this.checkCanonical(va);
    c.get(va).op(Op.F64ConvertI64U).i32(size).i32(access).i32(slot).call(Import.Translate).tee(h);
    c.f64(0).op(Op.F64Lt);
    c.open(Op.If, ValType.I32).i32(-1).op(Op.Else).get(h).op(Op.I32TruncF64U).end();
    c.set(pa);
    c.end();
    c.end();
    return [pa, h];
  }

  /**
   * The locals remembering the last page the TLB gave for `table` in this function, and its
   * frame: later accesses to that page skip the probe. A pair stays right for the whole call, as
   * mappings cannot change during a dispatcher run (and the TLB only holds pages whose accesses
   * need nothing done: A and D set, no decoded code for writes, no watch).
   */
  private lastPage(table: number): { page: number; frame: number } {
    let last = this.lastPages.get(table);
    if (last === undefined) {
      last = { page: this.code.local(ValType.I64), frame: this.code.local(ValType.I32) };
      this.lastPages.set(table, last);
    }
    return last;
  }

  /** Code to run first in the function: no page remembered yet (-1 is no page number). */
  prologue(): number[] {
    const c = new Code(0);
    for (const { page } of this.lastPages.values()) c.i64(-1).set(page);
    return c.bytes;
  }

  /** Pushes the `size`-byte value at [pa, handle] (i64 for 8, else zero-extended i32). */
  load(where: [number, number], size: number): void {
    const c = this.code;
    const [pa, h] = where;
    const type = size === 8 ? ValType.I64 : ValType.I32;
    c.get(pa).i32(0).op(Op.I32GeS).open(Op.If, type);
    c.get(pa);
    if (size === 8) c.mem(Op.I64Load, 0, 0);
    else if (size === 4) c.mem(Op.I32Load, 0, 0);
    else if (size === 2) c.mem(Op.I32Load16U, 0, 0);
    else c.mem(Op.I32Load8U, 0, 0);
    c.op(Op.Else);
    c.get(h).i32(size).call(Import.LoadHandle);
    if (size !== 8) c.op(Op.I32WrapI64);
    c.end();
  }

  /** Stores local `value` (i64 for size 8, else i32) at [pa, handle]. */
  store(where: [number, number], size: number, value: number): void {
    const c = this.code;
    const [pa, h] = where;
    c.get(pa).i32(0).op(Op.I32GeS).open(Op.If, VOID);
    c.get(pa).get(value);
    if (size === 8) c.mem(Op.I64Store, 0, 0);
    else if (size === 4) c.mem(Op.I32Store, 0, 0);
    else if (size === 2) c.mem(Op.I32Store16, 0, 0);
    else c.mem(Op.I32Store8, 0, 0);
    c.op(Op.Else);
    c.get(h).i32(size).get(value);
    if (size !== 8) c.op(Op.I64ExtendI32U);
    c.call(Import.StoreHandle);
    c.end();
  }

  /** A local holding what `push()` leaves, of `type`. */
  hold(type: ValType, push: () => void): number {
    const t = this.temp(type);
    push();
    this.code.set(t);
    return t;
  }
}

/** log2 of an operand size (1, 2, 4, 8). */
export function sizeLog(size: number): number {
  return size === 8 ? 3 : size === 4 ? 2 : size === 2 ? 1 : 0;
}

/** The 64-bit immediate of `insn` (imm with immHi) as a signed bigint. */
export function immediate64(insn: Insn): bigint {
  return BigInt.asIntN(64, (BigInt(insn.immHi >>> 0) << 32n) | BigInt(insn.imm >>> 0));
}

/** The immediate as an unsigned value of `size` bytes (1, 2 or 4). */
export function immediateSmall(insn: Insn, size: number): number {
  return size === 4 ? insn.imm >>> 0 : insn.imm & (size === 2 ? 0xffff : 0xff);
}
