// Decides which legacy prefixes objdump prints as words before the mnemonic (`lock`, `rep`,
// `repz`, `notrack`, `bnd`, `data16`, `cs`, `ds`, `addr32`) and which it shows through the
// instruction itself (an operand-size 66, an fs override inside the operand, a mandatory F3).
import type { Insn } from '../decoder/insn';
import type { ModrmLayout } from './modrm-layout';
import type { Operand } from './operand-model';
import { segmentName } from './operands';

/** Returns true when the instruction has a memory operand a segment override applies to (es:[rdi] takes none). */
function hasOverridableMemory(insn: Insn): boolean {
  return insn.hasMem || insn.entry.operands.some((f) => f === 'Xs' || f === 'moffs');
}

/** Returns true when objdump shows an address-size prefix through a memory operand (`(%eax)`); an A0..A3 address keeps `addr32`. */
function hasAddressedMemory(insn: Insn): boolean {
  const forms = insn.entry.operands;
  if (forms.includes('moffs')) return false;
  return insn.hasMem || forms.some((f) => f === 'Xs' || f === 'Yd');
}

/** Returns true for indirect jmp/call (`ff /2`, `ff /4`), the forms a 3E prefix marks `notrack`. */
function isIndirectBranch(insn: Insn): boolean {
  const flow = insn.entry.flow;
  return (flow === 'jump' || flow === 'call') && insn.entry.operands[0] === 'r/m';
}

function isBranch(insn: Insn): boolean {
  const flow = insn.entry.flow;
  return flow === 'jump' || flow === 'call' || flow === 'ret' || flow === 'branch';
}

/**
 * Returns true where F2/F3 are the hardware-lock-elision hints xacquire/xrelease: on a locked
 * memory operation, and on xchg with memory (locked implicitly).
 */
function isElisionTarget(insn: Insn): boolean {
  return insn.hasMem && (insn.lock || insn.entry.mnemonic === 'xchg');
}

/** A store `mov` (88, 89, C6, C7 to memory): F3 on it is xrelease. */
function isMovStore(insn: Insn): boolean {
  return insn.hasMem && insn.entry.mnemonic === 'mov' && insn.entry.operands[0] === 'r/m' && insn.entry.operands[1] !== 'Sreg';
}

/** The word for an F2/F3 prefix: rep/repz/repnz, bnd on branches, xacquire/xrelease for lock elision. */
function repeatWord(insn: Insn, byte: number): string {
  if (byte === 0xf2) {
    if (isElisionTarget(insn)) return 'xacquire';
    return insn.entry.repeatable || !isBranch(insn) ? 'repnz' : 'bnd';
  }
  if (isElisionTarget(insn) || isMovStore(insn)) return 'xrelease';
  return insn.entry.repeatable && !insn.entry.repCondition ? 'rep' : 'repz';
}

/**
 * Returns the AT&T branch-hint suffix of a conditional jump: `,pn` for a 2E prefix, `,pt` for 3E
 * (`je,pt 401020`); undefined otherwise. Intel syntax prints these prefixes as `cs`/`ds` words.
 */
export function branchHint(insn: Insn): string | undefined {
  if (insn.entry.flow !== 'branch' && insn.entry.flow !== 'loop') return undefined;
  return insn.segment === 0x2e ? ',pn' : insn.segment === 0x3e ? ',pt' : undefined;
}

/** Returns whether the last prefix of one kind is consumed by the instruction (not printed). */
function consumes(insn: Insn, byte: number, intel: boolean): boolean {
  const entry = insn.entry;
  if (!intel && (byte === 0x2e || byte === 0x3e) && branchHint(insn) !== undefined) return true;
  switch (byte) {
    case 0x66:
      // a segment register moved to or from memory is a word whatever the operand size; sysret
      // has no 16-bit form
      if ((insn.hasMem && entry.operands.includes('Sreg')) || entry.mnemonic === 'sysret') return false;
      return entry.prefix === '66' || (insn.opsize === 2 && (entry.size === 'v' || entry.size === 'z' || entry.size === 'd64' || entry.size === 'w'));
    case 0xf2:
      return entry.prefix === 'f2';
    case 0xf3:
      return entry.prefix === 'f3';
    case 0x67:
      // a counted branch counts with ecx: AT&T says so in the mnemonic (loopl, jecxz), Intel only for jecxz
      if (insn.entry.flow === 'loop') return !intel || insn.entry.mnemonic === 'jrcxz';
      return hasAddressedMemory(insn);
    case 0x64:
    case 0x65:
      return hasOverridableMemory(insn);
    case 0x26:
    case 0x2e:
    case 0x36:
    case 0x3e:
      // cs/ds/es/ss mean nothing in 64-bit mode: printed as words, except on a string source
      return insn.entry.operands.includes('Xs');
    default:
      return false;
  }
}

/** Prefix kinds: all segment overrides share one, F2 and F3 share one. */
function kindOf(byte: number): number {
  if (segmentName(byte) !== undefined) return 0x2e;
  return byte === 0xf2 ? 0xf3 : byte;
}

const REG_FORMS = new Set(['r', 'r8', 'r16', 'r32', 'r64', 'CRn']);
const RM_FORMS = new Set(['r/m', 'r/m8', 'r/m16', 'r/m32', 'r/m64', 'm', '+r']);
const REX_BYTE_REGISTERS = new Set(['spl', 'bpl', 'sil', 'dil']);

/**
 * Returns objdump's name for a REX prefix that does not fully serve the instruction (`rex`,
 * `rex.W`, `rex.RB`, ...), or undefined when every bit it sets is used: W by an operand size that
 * REX.W selects, R by a ModRM reg operand, X by a SIB index, B by a ModRM r/m or `+r` operand; a
 * bare 40 is used only by spl/bpl/sil/dil.
 */
function rexWord(insn: Insn, operands: readonly Operand[], layout: ModrmLayout | undefined): string | undefined {
  const rex = insn.rex;
  if (rex === 0) return undefined;
  const forms = insn.entry.operands;
  let used = 0;
  if (insn.entry.size === 'v' && !(insn.hasMem && forms.includes('Sreg'))) used |= 8;
  if (forms.some((f) => REG_FORMS.has(f))) used |= 4;
  if (layout?.hasSib) used |= 2;
  if (forms.some((f) => RM_FORMS.has(f))) used |= 1;
  const bits = rex & 0xf;
  if (bits !== 0 && (bits & ~used) === 0) return undefined;
  if (bits === 0 && operands.some((op) => op.kind === 'reg' && REX_BYTE_REGISTERS.has(op.name))) return undefined;
  const letters = (bits & 8 ? 'W' : '') + (bits & 4 ? 'R' : '') + (bits & 2 ? 'X' : '') + (bits & 1 ? 'B' : '');
  return letters === '' ? 'rex' : `rex.${letters}`;
}

/**
 * Returns the words objdump prints for `insn`'s prefixes, in encoding order: the legacy prefixes
 * the instruction does not consume, then a REX prefix whose bits are not all used.
 */
export function prefixWords(insn: Insn, operands: readonly Operand[], layout: ModrmLayout | undefined, intel: boolean): string[] {
  const words: string[] = [];
  const prefixes = insn.prefixes;
  prefixes.forEach((byte, i) => {
    const isLastOfKind = !prefixes.slice(i + 1).some((b) => kindOf(b) === kindOf(byte));
    if (isLastOfKind && consumes(insn, byte, intel)) return;
    if (byte === 0xf0) words.push('lock');
    else if (byte === 0xf2 || byte === 0xf3) words.push(repeatWord(insn, byte));
    else if (byte === 0x66) words.push('data16');
    else if (byte === 0x67) words.push('addr32');
    else if (byte === 0x3e && isIndirectBranch(insn)) words.push('notrack');
    else words.push(segmentName(byte) ?? `.byte 0x${byte.toString(16)}`);
  });
  const rex = rexWord(insn, operands, layout);
  if (rex !== undefined) words.push(rex);
  return words;
}
