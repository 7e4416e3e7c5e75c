// The format of one row of the opcode table (isa/opcode-table.ts), the single source of truth
// for decoding (which bytes, which operands), execution (which handler) and disassembly
// (mnemonic, operand forms, size rule).
import type { Handler, Insn } from '../decoder/insn';
import type { ControlFlow, MandatoryPrefix, OpcodeMap, OperandForm, SizeRule } from './operand-forms';

/** Chooses the handler for one decoded instruction (by `insn.opsize`, `insn.hasMem`, ...). */
export type HandlerSelector = (insn: Insn) => Handler;

/**
 * One encoding of one instruction, in the spirit of an SDM opcode-table row, e.g.
 * `01 /r  add r/m, r` or `C1 /4 ib  shl r/m, imm8u`.
 *
 * Matching (done by the decoder): `map` and `opcode` (for `plusReg` entries, any of the 8 bytes
 * opcode..opcode+7), then `digit` against ModRM.reg, then `mod` against ModRM.mod, then
 * `modrmByte` against the whole ModRM byte, then `prefix`: an entry with a mandatory prefix wins
 * over the `none` entry of the same opcode when that prefix is present (the last of F2/F3 counts).
 */
export interface OpcodeEntry {
  /** opcode map */
  readonly map: OpcodeMap;
  /** opcode byte (the base byte for `plusReg` forms) */
  readonly opcode: number;
  /** the low 3 bits of the opcode select a register (`+r` operand) */
  readonly plusReg?: boolean;
  /** a ModRM byte follows the opcode */
  readonly modrm: boolean;
  /** required ModRM.reg value (the SDM's /digit) */
  readonly digit?: number;
  /** restricts ModRM.mod: `reg` = 3 only, `mem` = 0..2 only */
  readonly mod?: 'reg' | 'mem';
  /** the whole ModRM byte must equal this (endbr64 = F3 0F 1E FA) */
  readonly modrmByte?: number;
  /** mandatory prefix (see MandatoryPrefix); default `none` */
  readonly prefix?: MandatoryPrefix;

  /** Intel-syntax mnemonic, lowercase (`add`, `movzx`, `jne`, `cmove`, `sete`, `movs`) */
  readonly mnemonic: string;
  /**
   * Mnemonic per operand size (bytes) when it changes with the size, Intel spelling:
   * cbw/cwde/cdqe, cwd/cdq/cqo. The disassembler prefers this over `mnemonic`.
   */
  readonly mnemonicBySize?: Readonly<Partial<Record<1 | 2 | 4 | 8, string>>>;
  /** AT&T spelling when it differs beyond the size suffix (cdqe → cltq, movsxd → movslq, ...) */
  readonly att?: string | Readonly<Partial<Record<1 | 2 | 4 | 8, string>>>;
  /** operands in Intel order (destination first) */
  readonly operands: readonly OperandForm[];
  /** operand-size rule */
  readonly size: SizeRule;
  /** rep/repe/repne prefixes apply (string instructions) */
  readonly repeatable?: boolean;
  /** the F3/F2 prefix is repe/repne (cmps/scas) rather than plain rep */
  readonly repCondition?: boolean;
  /** a lock prefix is allowed with a memory destination */
  readonly lockable?: boolean;
  /** how the instruction affects control flow; `none` when absent */
  readonly flow?: ControlFlow;
  /** flags the instruction reads (RFLAGS bit mask) */
  readonly flagsRead: number;
  /** flags the instruction may write (RFLAGS bit mask), defined or not */
  readonly flagsWritten: number;
  /** flags the SDM leaves undefined after this instruction (see isa/undefined-flags.ts) */
  readonly flagsUndefined: number;
  /** true: exists only in 32-bit code (inc/dec 40-4F); false: not in 32-bit code (the decoder
   *  refuses it there); absent: both */
  readonly legacy32?: boolean;
  /** picks the executor handler for a decoded instance */
  readonly handler: HandlerSelector;
}
