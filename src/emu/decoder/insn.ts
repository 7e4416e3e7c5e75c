// The decoded instruction: what the decoder produces from bytes, what the executor runs and what
// the disassembler prints. One class (one hidden shape) so the executor's field reads stay
// monomorphic. Numbers only: no BigInt ever lives in an Insn.
import type { OpcodeEntry } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';

/** Executes one decoded instruction. Reads its operands from `insn`; may throw a fault. */
export type Handler = (cpu: CpuState, insn: Insn) => void;

/** No register (`Insn.base`, `Insn.index`, `Insn.rm` when there is none). */
export const NO_REG = -1;

/**
 * A decoded x86-64 instruction.
 *
 * Register numbers: 0..15 = rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8..r15 (REX already applied).
 * For 8-bit register operands (`opsize` 1, or the fixed `r/m8`/`r8` forms) the numbers 0..15 are
 * al, cl, dl, bl, spl, bpl, sil, dil, r8b..r15b, and 16..19 are ah, ch, dh, bh (only possible
 * without a REX prefix). `byteRegOffset` in cpu/registers.ts maps either kind to a byte offset.
 *
 * Memory operand (`rm === NO_REG`): linear address = base + index * scale + disp (64-bit wrap,
 * or 32-bit when `asize` is 4), where base/index may be NO_REG. RIP-relative operands have
 * `ripRelative` set, base NO_REG, and `disp` already holding the absolute address of the target
 * (next-instruction address + disp32, as a number in [0, 2^48)): the decoder resolves it.
 * Segment prefixes fs/gs/cs/ds/es/ss are recorded in `segment` (for printing) and add nothing:
 * every segment base is 0 in this machine.
 *
 * Immediates: `imm` holds the low 32 bits as a signed int32 after the form's sign extension
 * (`imm8`/`imm` forms), or the unsigned value for `imm8u`/`imm16`; `immHi` holds bits 63..32
 * (0 or -1 for sign-extended forms, the real high half for `immv` with opsize 8). So the 64-bit
 * value is `BigInt.asUintN(64, (BigInt(immHi) << 32n) | BigInt(imm >>> 0))`.
 * Branches (`rel8`/`rel32`): `target` is the absolute destination (next + displacement).
 */
export class Insn {
  /** linear address of the first byte (number in [0, 2^48)) */
  addr = 0;
  /** length in bytes (1..15) */
  len = 0;
  /** address of the next instruction (addr + len) */
  next = 0;
  /** the table entry this instruction decoded to */
  entry: OpcodeEntry;
  /** the handler bound at decode time (by entry, operand size and register/memory form) */
  exec: Handler;
  /** operand size in bytes: 1, 2, 4 or 8 (see SizeRule) */
  opsize = 4;
  /** address size in bytes: 8, or 4 with a 67 prefix */
  asize = 8;
  /** ModRM.reg register (REX.R applied), or the `+r` register, or NO_REG */
  reg = NO_REG;
  /** ModRM r/m register when mod = 3 (REX.B applied), NO_REG for a memory operand or none */
  rm = NO_REG;
  /** true when the instruction has a memory operand (ModRM with mod != 3) */
  hasMem = false;
  /** memory base register or NO_REG */
  base = NO_REG;
  /** memory index register or NO_REG */
  index = NO_REG;
  /** index scale: 1, 2, 4 or 8 */
  scale = 1;
  /** displacement (signed), or the absolute target address for RIP-relative operands */
  disp = 0;
  /** the memory operand is RIP-relative (disp is absolute) */
  ripRelative = false;
  /** low 32 bits of the immediate (see class comment) */
  imm = 0;
  /** high 32 bits of the immediate */
  immHi = 0;
  /** absolute branch target for rel8/rel32 forms */
  target = 0;
  /** condition code 0..15 for jcc/setcc/cmovcc (o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g) */
  cc = 0;
  /** segment override prefix byte (0x26 es, 0x2e cs, 0x36 ss, 0x3e ds, 0x64 fs, 0x65 gs) or 0 */
  segment = 0;
  /** repeat prefix on string instructions: 0, 0xf3 (rep/repe) or 0xf2 (repne) */
  rep = 0;
  /** a lock prefix was present (accepted on lockable memory forms; atomicity is trivial here) */
  lock = false;
  /** the REX byte (0x40..0x4f) or 0 when absent; decides spl/bpl/sil/dil vs ah/ch/dh/bh */
  rex = 0;
  /** every legacy prefix byte in encoding order (for printing, e.g. `data16`, `cs nopw`) */
  prefixes: number[] = [];

  constructor(entry: OpcodeEntry, exec: Handler) {
    this.entry = entry;
    this.exec = exec;
  }
}
