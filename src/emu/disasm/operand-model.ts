// The syntax-neutral description of one printed operand, built from a decoded Insn by
// operands.ts and spelled by att-syntax.ts or intel-syntax.ts.

/** A memory reference as printed: `seg:disp(base,index,scale)` / `seg:[base+index*scale+disp]`. */
export interface MemoryOperand {
  /** access size in bytes (Intel `DWORD PTR`), 0 when the size is not printed (lea) */
  readonly size: number;
  /** segment register name printed inside the operand (`fs`), or undefined */
  readonly segment: string | undefined;
  /** base register name, `rip`/`eip`, or undefined */
  readonly base: string | undefined;
  /** index register name (possibly `riz`), or undefined */
  readonly index: string | undefined;
  readonly scale: number;
  /**
   * the displacement as encoded (signed), or undefined when the encoding has none; with neither
   * base nor index it is the absolute address (printed as a 64-bit pattern)
   */
  readonly disp: number | undefined;
  /** absolute address of a RIP-relative operand (printed as a `#` comment), or undefined */
  readonly ripTarget: number | undefined;
}

/** One operand of an instruction, in Intel order. */
export type Operand =
  /** `sized`: the register's width is the instruction's operand size (decides AT&T suffixes) */
  | { readonly kind: 'reg'; readonly name: string; readonly sized: boolean }
  | { readonly kind: 'mem'; readonly mem: MemoryOperand; readonly sized: boolean }
  /** `text`: the value as objdump spells it, `0x…` */
  | { readonly kind: 'imm'; readonly text: string; readonly value: number }
  /** the implicit count 1 of shift-by-one forms: Intel prints `1`, AT&T prints nothing */
  | { readonly kind: 'one' }
  /** an absolute branch target */
  | { readonly kind: 'target'; readonly address: number }
  /** the port in dx of in/out/ins/outs: Intel prints `dx`, AT&T `(%dx)` */
  | { readonly kind: 'port' };
