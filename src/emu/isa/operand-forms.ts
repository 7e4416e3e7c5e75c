// The vocabulary of the opcode table: operand forms, operand-size rules, opcode maps and flag
// masks. The decoder, the executor, the disassembler and the differential tester all read the
// table through these types, so they are kept small and stable.

/**
 * One operand of an instruction, in Intel order (destination first), in SDM-like notation.
 * Sizes written as a number are fixed; the unsized forms take the instruction's operand size
 * (`Insn.opsize`, chosen by the entry's `SizeRule`).
 *
 * - `r/m`      ModRM r/m (register when mod = 3, memory otherwise), operand size
 * - `r/m8` `r/m16` `r/m32` `r/m64`   ModRM r/m with a fixed size (movzx/movsx sources, ...)
 * - `r`        ModRM reg field, operand size
 * - `r8` `r16` `r32` `r64`   ModRM reg field with a fixed size
 * - `m`        ModRM memory operand whose size does not matter (lea); mod = 3 is #UD
 * - `+r`       register in the low 3 bits of the opcode byte (extended by REX.B), operand size
 * - `acc`      AL / AX / EAX / RAX by operand size
 * - `CL`       the CL register (shift/rotate counts)
 * - `1`        the constant 1 (shift/rotate by one); no bytes in the encoding
 * - `imm8`     8-bit immediate sign-extended to the operand size
 * - `imm8u`    8-bit immediate taken as unsigned (shift counts, bit offsets, int vector)
 * - `imm16`    16-bit unsigned immediate (ret imm16)
 * - `imm`      immediate of the operand size, at most 32 bits, sign-extended to 64 (SDM "iz")
 * - `immv`     immediate of the full operand size, up to 64 bits (mov r64, imm64 = movabs)
 * - `rel8` `rel32`   branch displacement, resolved to an absolute target in `Insn.target`
 * - `moffs`    absolute memory address encoded as a 64-bit immediate (A0..A3; 32-bit with 67)
 * - `Xs`       the string source ds:[rsi] (esi with a 67 prefix), operand size
 * - `Yd`       the string destination es:[rdi] (edi with a 67 prefix), operand size
 * - `CRn`      ModRM reg field as a control register (cr0, cr2, cr3, cr4; REX.R adds 8)
 * - `Sreg`     ModRM reg field as a segment register (es, cs, ss, ds, fs, gs)
 * - `DX`       the I/O port number in dx (in, out, ins, outs)
 * - `far`      a far pointer: an offset of the operand size, then a 16-bit selector (32-bit code's
 *              `ljmp $sel, $off`); the decoder puts the offset in `Insn.target`, the selector in `imm`
 */
export type OperandForm =
  | 'r/m' | 'r/m8' | 'r/m16' | 'r/m32' | 'r/m64'
  | 'r' | 'r8' | 'r16' | 'r32' | 'r64'
  | 'm' | '+r' | 'acc' | 'CL' | '1'
  | 'imm8' | 'imm8u' | 'imm16' | 'imm' | 'immv'
  | 'rel8' | 'rel32' | 'moffs'
  | 'Xs' | 'Yd'
  | 'CRn' | 'Sreg' | 'DX' | 'far';

/**
 * How an entry's operand size (`Insn.opsize`, in bytes) follows from the prefixes:
 * - `b`    always 1 (byte forms)
 * - `v`    4 by default, 2 with a 66 prefix, 8 with REX.W (REX.W wins over 66)
 * - `d64`  8 by default, 2 with a 66 prefix (push/pop/near indirect call and jmp); REX.W ignored
 * - `q`    always 8 (near branches, ret, leave, syscall-like forms)
 * - `w`    always 2
 * - `z`    4 by default, 2 with a 66 prefix; REX.W ignored (in, out, ins, outs)
 * - `none` no data operand (nop-like, flags-only instructions); `Insn.opsize` is 4 then
 */
export type SizeRule = 'b' | 'v' | 'z' | 'd64' | 'q' | 'w' | 'none';

/** Opcode maps: the one-byte map, 0F, and the three-byte maps (unused by integer code so far). */
export type OpcodeMap = 'one' | '0f' | '0f38' | '0f3a';

/**
 * Mandatory-prefix selector of an entry: `none` means the entry matches only when no 66/F2/F3
 * prefix selects a different entry (F2/F3 may still act as rep prefixes on string forms);
 * `66`/`f2`/`f3` means that prefix must be present (e.g. F3 0F BC = tzcnt, F3 0F 1E FA = endbr64).
 */
export type MandatoryPrefix = 'none' | '66' | 'f2' | 'f3';

/** How an instruction leaves the straight line of execution (ends a decoded block when not `none`). */
export type ControlFlow =
  | 'none' // falls through to the next instruction
  | 'jump' // unconditional jmp (relative or indirect)
  | 'branch' // conditional jump (jcc)
  | 'call'
  | 'ret'
  | 'syscall' // stops the machine with {kind:'syscall'}
  | 'int' // stops the machine with {kind:'interrupt'}
  | 'halt' // hlt
  | 'trap' // ud2: always faults
  | 'loop' // loop, loope, loopne, jrcxz: a counted branch, ends a block, runs in the interpreter
  | 'system'; // privileged or mode-changing (cli, out, mov cr, iretq, ...): ends a block, never compiled

/** RFLAGS bits. */
export const enum Flag {
  CF = 0x1,
  PF = 0x4,
  AF = 0x10,
  ZF = 0x40,
  SF = 0x80,
  TF = 0x100,
  IF = 0x200,
  DF = 0x400,
  OF = 0x800,
}

/** The six arithmetic status flags. */
export const STATUS_FLAGS = 0x8d5;
