// Turns one decoded instruction into text, in AT&T syntax exactly as GNU objdump prints it or in
// Intel syntax as `objdump -M intel` prints it (whitespace aside).
import type { Insn } from '../decoder/insn';
import { attOperand } from './att-syntax';
import { spellAddress, type Symbolizer } from './branch-target';
import { intelOperand } from './intel-syntax';
import { attMnemonic, intelMnemonic } from './mnemonic';
import { modrmLayout } from './modrm-layout';
import type { Operand } from './operand-model';
import { buildOperand } from './operands';
import { prefixWords } from './prefix-words';

/** How to print. */
export interface DisasmOptions {
  /** `att` (default) or `intel` */
  readonly syntax?: 'att' | 'intel';
  /** names code and data addresses (`main`, `buf+0x10`); branch targets and RIP-relative operands use it */
  readonly symbolize?: Symbolizer;
  /**
   * also name the 64-bit constant of a `movabs` (a `# 404010 <buf>` comment when `symbolize`
   * knows the value); off by default, as objdump does not do it
   */
  readonly symbolizeConstants?: boolean;
}

/** One printed instruction. */
export interface Disassembly {
  /** prefix words and mnemonic, e.g. `rep stos`, `movl`, `notrack jmp` */
  readonly mnemonic: string;
  /** the operands joined by commas, in the syntax's order; empty when there are none */
  readonly operands: string;
  /** objdump's trailing comment without the `# ` (the RIP-relative target), or undefined */
  readonly comment: string | undefined;
  /** the whole line as objdump prints it: mnemonic padded to 6, operands, `        # comment` */
  readonly text: string;
}

/** The comment objdump adds: the absolute target of a RIP-relative operand; optionally a movabs constant's symbol. */
function commentOf(insn: Insn, operands: readonly Operand[], options: DisasmOptions): string | undefined {
  for (const op of operands) {
    if (op.kind === 'mem' && op.mem.ripTarget !== undefined) return spellAddress(op.mem.ripTarget, options.symbolize);
  }
  if (options.symbolizeConstants && options.symbolize && insn.entry.operands.includes('immv') && insn.opsize === 8) {
    const imm = operands.find((op) => op.kind === 'imm');
    const name = imm?.kind === 'imm' ? options.symbolize(imm.value) : undefined;
    if (imm?.kind === 'imm' && name !== undefined) return `${imm.value.toString(16)} <${name}>`;
  }
  return undefined;
}

/** Joins the parts the way objdump lays out a line. */
function layoutLine(mnemonic: string, operands: string, comment: string | undefined): string {
  const head = operands === '' ? mnemonic : `${mnemonic.padEnd(6)} ${operands}`;
  return comment === undefined ? head : `${head}        # ${comment}`;
}

/**
 * Returns the text of `insn`. `bytes` are the instruction's own bytes (at least `insn.len` of
 * them, from its first prefix); they decide details the Insn does not keep (`0x0(%rax)` vs
 * `(%rax)`). Never throws for an Insn the decoder produced.
 */
export function disassemble(insn: Insn, bytes: ArrayLike<number>, options: DisasmOptions = {}): Disassembly {
  const layout = insn.entry.modrm ? modrmLayout(bytes, insn.entry.map) : undefined;
  const operands = insn.entry.operands.map((form) => buildOperand(insn, form, layout));
  const intel = options.syntax === 'intel';
  const indirect = insn.entry.flow === 'jump' || insn.entry.flow === 'call';
  const spelled = intel
    ? operands.map((op) => intelOperand(op, options.symbolize))
    : operands
        .map((op) => attOperand(op, options.symbolize, indirect && op.kind !== 'target'))
        .filter((s): s is string => s !== undefined)
        .reverse();
  const name = intel ? intelMnemonic(insn, operands) : attMnemonic(insn, operands);
  const mnemonic = [...prefixWords(insn, operands, layout, intel), name].join(' ');
  const operandText = spelled.join(',');
  const comment = commentOf(insn, operands, options);
  return { mnemonic, operands: operandText, comment, text: layoutLine(mnemonic, operandText, comment) };
}
