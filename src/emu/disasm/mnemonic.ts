// Chooses the printed mnemonic of a decoded instruction from its table entry: Intel spelling as
// the table gives it, AT&T spelling with objdump's operand-size suffix rules.
import type { Insn } from '../decoder/insn';
import type { Operand } from './operand-model';
import { branchHint } from './prefix-words';

const SUFFIX: Readonly<Record<number, string>> = { 1: 'b', 2: 'w', 4: 'l', 8: 'q' };

/** objdump prints `movabs` for moves with a 64-bit immediate or a 64-bit absolute address (not a 32-bit one, after 67). */
function isMovabs(insn: Insn): boolean {
  const forms = insn.entry.operands;
  return (forms.includes('moffs') && insn.asize === 8) || (forms.includes('immv') && insn.opsize === 8);
}

/** An A0..A3 move with a 32-bit address (67 prefix): plain `mov`, whatever the table's AT&T name. */
function isShortMoffs(insn: Insn): boolean {
  return insn.asize === 4 && insn.entry.operands.includes('moffs');
}

/** Returns the mnemonic from the table, Intel spelling, without any size suffix. */
function baseMnemonic(insn: Insn): string {
  const entry = insn.entry;
  if (isMovabs(insn)) return 'movabs';
  if (entry.mnemonic === 'jrcxz' && insn.asize === 4) return 'jecxz';
  return entry.mnemonicBySize?.[insn.opsize as 1 | 2 | 4 | 8] ?? entry.mnemonic;
}

/**
 * Returns the Intel mnemonic (`movzx`, `cdqe`, `movabs`, `movs`, `jne`). Like objdump, a 16-bit
 * push/pop/pushf/popf whose operands do not show the size is suffixed `w` (`pushw 0x64`, `pushfw`).
 */
export function intelMnemonic(insn: Insn, operands: readonly Operand[]): string {
  const name = baseMnemonic(insn);
  const showsSize = operands.some((op) => op.kind === 'reg' || op.kind === 'mem');
  return insn.entry.size === 'd64' && insn.opsize === 2 && !showsSize ? name + 'w' : name;
}

/** A move that widens a fixed-size source to the operand size (movzx, movsx): AT&T names both sizes. */
function isWideningMove(insn: Insn): boolean {
  const forms = insn.entry.operands;
  return forms.includes('r') && forms.some((f) => f === 'r/m8' || f === 'r/m16');
}

/**
 * Returns the AT&T mnemonic. A per-size AT&T spelling in the table is used as is (`cltq`,
 * `movslq`); a plain one (`movzb`, `movabs`) replaces the Intel name. Then objdump's size suffix
 * rules: widening moves always name the destination size (`movzbl`); otherwise the suffix appears
 * only when no register operand shows the operand size: `movl $0x0,-0x4(%rbp)` but
 * `mov $0x0,%eax`, `shll %cl,(%rax)`, `movsb`, `nopw 0x0(%rax,%rax,1)`. Branches never take one;
 * push and pop only with a 16-bit operand size (`pushw`).
 */
export function attMnemonic(insn: Insn, operands: readonly Operand[]): string {
  const entry = insn.entry;
  const size = insn.opsize as 1 | 2 | 4 | 8;
  if (entry.att !== undefined && typeof entry.att !== 'string') {
    const att = entry.att[size];
    if (att !== undefined) return att;
  }
  if (entry.mnemonicBySize?.[size] !== undefined) return baseMnemonic(insn);
  const plainAtt = typeof entry.att === 'string' && !isShortMoffs(insn) ? entry.att : undefined;
  // loop with 32-bit addressing counts with ecx: objdump's AT&T names it loopl (jecxz is named above)
  const counted = entry.flow === 'loop' && insn.asize === 4 && entry.mnemonic !== 'jrcxz' ? 'l' : '';
  const name = plainAtt ?? baseMnemonic(insn) + counted + (branchHint(insn) ?? '');
  if (isWideningMove(insn)) return name + SUFFIX[size];
  const rule = entry.size;
  if (rule === 'none' || rule === 'q') return name;
  if (operands.some((op) => op.kind === 'reg' && op.sized)) return name;
  if (rule === 'd64') return size === 2 && operands.length > 0 ? name + 'w' : name;
  return operands.some((op) => op.kind === 'mem' && op.sized) ? name + SUFFIX[size] : name;
}
