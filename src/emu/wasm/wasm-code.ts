// The body of one WebAssembly function under construction: typed helpers that append
// instructions in the binary encoding, with locals allocated as they are needed.
import { sleb, slebBig, uleb, ValType } from './wasm-module';

/** Opcodes used by the compiled tier (WebAssembly 1.0 numbering). */
export const enum Op {
  Unreachable = 0x00, Block = 0x02, Loop = 0x03, If = 0x04, Else = 0x05, End = 0x0b, Br = 0x0c, BrIf = 0x0d,
  BrTable = 0x0e, Return = 0x0f, Call = 0x10, CallIndirect = 0x11, ReturnCall = 0x12, ReturnCallIndirect = 0x13, Drop = 0x1a, Select = 0x1b,
  LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22,
  I32Load = 0x28, I64Load = 0x29, F64Load = 0x2b, I32Load8U = 0x2d, I32Load16U = 0x2f,
  I64Load8U = 0x31, I64Load16U = 0x33, I64Load32U = 0x35,
  I32Store = 0x36, I64Store = 0x37, F64Store = 0x39, I32Store8 = 0x3a, I32Store16 = 0x3b,
  I64Store8 = 0x3c, I64Store16 = 0x3d, I64Store32 = 0x3e,
  I32Const = 0x41, I64Const = 0x42, F64Const = 0x44,
  I32Eqz = 0x45, I32Eq = 0x46, I32Ne = 0x47, I32LtS = 0x48, I32LtU = 0x49, I32GtS = 0x4a, I32GtU = 0x4b,
  I32LeS = 0x4c, I32LeU = 0x4d, I32GeS = 0x4e, I32GeU = 0x4f,
  I64Eqz = 0x50, I64Eq = 0x51, I64Ne = 0x52, I64LtS = 0x53, I64LtU = 0x54, I64GtS = 0x55, I64GtU = 0x56,
  I64LeS = 0x57, I64LeU = 0x58, I64GeS = 0x59, I64GeU = 0x5a,
  F64Eq = 0x61, F64Ne = 0x62, F64Lt = 0x63, F64Ge = 0x66,
  I32Popcnt = 0x69, I32Add = 0x6a, I32Sub = 0x6b, I32Mul = 0x6c, I32And = 0x71, I32Or = 0x72, I32Xor = 0x73,
  I32Shl = 0x74, I32ShrS = 0x75, I32ShrU = 0x76, I32Rotl = 0x77, I32Rotr = 0x78,
  I64Add = 0x7c, I64Sub = 0x7d, I64Mul = 0x7e, I64DivS = 0x7f, I64DivU = 0x80, I64RemS = 0x81, I64RemU = 0x82, I64And = 0x83, I64Or = 0x84, I64Xor = 0x85,
  I64Shl = 0x86, I64ShrS = 0x87, I64ShrU = 0x88, I64Rotl = 0x89, I64Rotr = 0x8a,
  I32WrapI64 = 0xa7, I32TruncF64U = 0xab, I64ExtendI32S = 0xac, I64ExtendI32U = 0xad, I64TruncF64U = 0xb1,
  F64ConvertI64S = 0xb9, F64ConvertI64U = 0xba, F64ConvertI32U = 0xb8,
  I32Extend8S = 0xc0, I32Extend16S = 0xc1, I64Extend8S = 0xc2, I64Extend16S = 0xc3, I64Extend32S = 0xc4,
}

/** Block types: no result, or one value. */
export const VOID = 0x40;

/** A function body. Parameters are locals 0..params-1; `local(type)` adds more. */
export class Code {
  readonly bytes: number[] = [];
  readonly locals: ValType[] = [];

  constructor(private readonly params: number) {}

  /** The current length of the body (a mark for `truncate`). */
  mark(): number {
    return this.bytes.length;
  }

  /** Puts `bytes` (whole instructions) before everything appended so far. */
  prepend(bytes: readonly number[]): void {
    this.bytes.unshift(...bytes);
  }

  /** Drops what was appended after mark `n` (locals made since stay declared, unused). */
  truncate(n: number): void {
    this.bytes.length = n;
  }

  /** Appends opcode `op` followed by the index (local, function or label depth) `n`. */
  private withIndex(op: Op, n: number): this {
    this.bytes.push(op);
    uleb(this.bytes, n);
    return this;
  }

  /** A new local of `type`; returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params + this.locals.length - 1;
  }

  /** Appends plain opcodes. */
  op(...ops: Op[]): this {
    for (const o of ops) this.bytes.push(o);
    return this;
  }

  /** i32.const of `n` (taken as a 32-bit integer). */
  i32(n: number): this {
    this.bytes.push(Op.I32Const);
    sleb(this.bytes, n | 0);
    return this;
  }

  /** i64.const of an integer (a number below 2^53 in magnitude, or a bigint). */
  i64(n: number | bigint): this {
    this.bytes.push(Op.I64Const);
    if (typeof n === 'bigint') slebBig(this.bytes, n);
    else sleb(this.bytes, n);
    return this;
  }

  /** f64.const of `n`. */
  f64(n: number): this {
    this.bytes.push(Op.F64Const);
    const b = new Uint8Array(new Float64Array([n]).buffer);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  /** local.get of local `i`. */
  get(i: number): this {
    return this.withIndex(Op.LocalGet, i);
  }

  /** local.set of local `i`. */
  set(i: number): this {
    return this.withIndex(Op.LocalSet, i);
  }

  /** local.tee of local `i`. */
  tee(i: number): this {
    return this.withIndex(Op.LocalTee, i);
  }

  /** A load or store `op` with alignment hint log2 `align` and constant `offset`. */
  mem(op: Op, align: number, offset: number): this {
    this.bytes.push(op);
    uleb(this.bytes, align);
    uleb(this.bytes, offset);
    return this;
  }

  /** A direct call of function `func` (imports first, then the module's own). */
  call(func: number): this {
    return this.withIndex(Op.Call, func);
  }

  /** return_call (a tail call) of function `func`. */
  returnCall(func: number): this {
    return this.withIndex(Op.ReturnCall, func);
  }

  /** call_indirect through table 0 with function type `type` (the index is on the stack). */
  callIndirect(type: number): this {
    this.bytes.push(Op.CallIndirect);
    uleb(this.bytes, type);
    this.bytes.push(0x00);
    return this;
  }

  /** return_call_indirect (a tail call) through table 0 with function type `type`. */
  returnCallIndirect(type: number): this {
    this.bytes.push(Op.ReturnCallIndirect);
    uleb(this.bytes, type);
    this.bytes.push(0x00);
    return this;
  }

  /** Opens a block, loop or if with block type `type` (VOID or a value type). */
  open(kind: Op.Block | Op.Loop | Op.If, type: number = VOID): this {
    this.bytes.push(kind, type);
    return this;
  }

  /** Closes the innermost block, loop or if. */
  end(): this {
    this.bytes.push(Op.End);
    return this;
  }

  /** Branches to the label `depth` levels out. */
  br(depth: number): this {
    return this.withIndex(Op.Br, depth);
  }

  /** Branches to the label `depth` levels out when the i32 on the stack is not zero. */
  brIf(depth: number): this {
    return this.withIndex(Op.BrIf, depth);
  }

  /** br_table with `targets` (label depths) and `fallback`. */
  brTable(targets: readonly number[], fallback: number): this {
    this.bytes.push(Op.BrTable);
    uleb(this.bytes, targets.length);
    for (const t of targets) uleb(this.bytes, t);
    uleb(this.bytes, fallback);
    return this;
  }
}
