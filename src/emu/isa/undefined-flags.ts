// Which status flags the Intel SDM leaves undefined after an instruction, for the differential
// tester: it compares every other flag with the host CPU. The per-row mask is
// `OpcodeEntry.flagsUndefined`; `undefinedFlagsFor` refines it with the shift count when known.
//
// Not captured by flag masks (the tester should not generate these, their results are undefined):
// 16-bit shld/shrd with a masked count above 16 (the destination itself is undefined), and bsf/bsr
// with a zero source on Intel (we keep the destination, as AMD documents).
import type { OpcodeEntry } from './opcode-entry';
import { Flag } from './operand-forms';
import { OPCODE_TABLE } from './opcode-table';

/**
 * Undefined-flag mask for `entry` at operand size `opsize` (bytes). `count` is the masked
 * shift/rotate count when known: 0 means no flag changes (nothing undefined), 1 makes OF
 * defined, and a count at or above the width makes CF undefined for shl/shr of 8/16-bit operands.
 */
export function undefinedFlagsFor(entry: OpcodeEntry, opsize: number, count?: number): number {
  let mask = entry.flagsUndefined;
  if (count === undefined) return mask;
  const name = entry.mnemonic;
  const shift = name === 'shl' || name === 'sal' || name === 'shr' || name === 'sar';
  const rotate = name === 'rol' || name === 'ror' || name === 'rcl' || name === 'rcr';
  if (!shift && !rotate && name !== 'shld' && name !== 'shrd') return mask;
  if (count === 0) return 0;
  if (count === 1) mask &= ~Flag.OF;
  if (shift && name !== 'sar' && count >= opsize * 8) mask |= Flag.CF;
  return mask;
}

/** Undefined-flag masks by Intel mnemonic (the union over the mnemonic's rows). */
export const UNDEFINED_FLAGS_BY_MNEMONIC: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const e of OPCODE_TABLE) m.set(e.mnemonic, (m.get(e.mnemonic) ?? 0) | e.flagsUndefined);
  return m;
})();
