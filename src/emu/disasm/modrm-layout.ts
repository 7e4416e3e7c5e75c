// Reads back, from an instruction's bytes, the encoding details a decoded Insn does not keep but
// a disassembler must show: whether a displacement byte was present (`0x0(%rax)` vs `(%rax)`)
// and whether a SIB byte named no index (`%riz`).
import type { OpcodeMap } from '../isa/operand-forms';

/** The parts of a memory operand's encoding that change how it is printed. */
export interface ModrmLayout {
  /** a SIB byte follows the ModRM byte */
  readonly hasSib: boolean;
  /** the SIB byte's index field is 100 without REX.X: no index register */
  readonly sibNoIndex: boolean;
  /** the SIB byte's scale (1, 2, 4, 8); 1 without a SIB byte */
  readonly sibScale: number;
  /** displacement width in bytes: 0, 1 or 4 */
  readonly dispSize: number;
}

const OPCODE_BYTES: Record<OpcodeMap, number> = { one: 1, '0f': 2, '0f38': 3, '0f3a': 3 };

/** Returns true for a legacy prefix byte (operand/address size, lock, rep, segment). */
function isLegacyPrefix(byte: number): boolean {
  switch (byte) {
    case 0x66: case 0x67: case 0xf0: case 0xf2: case 0xf3:
    case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
      return true;
    default:
      return false;
  }
}

/**
 * Returns the layout of the ModRM operand of an instruction whose opcode lies in `map`, read from
 * its bytes (prefixes first). Assumes the instruction has a ModRM byte; returns undefined when the
 * bytes end before it.
 */
export function modrmLayout(bytes: ArrayLike<number>, map: OpcodeMap): ModrmLayout | undefined {
  let i = 0;
  let rex = 0;
  while (i < bytes.length && (isLegacyPrefix(bytes[i]) || (bytes[i] & 0xf0) === 0x40)) {
    rex = (bytes[i] & 0xf0) === 0x40 ? bytes[i] : 0;
    i++;
  }
  i += OPCODE_BYTES[map];
  if (i >= bytes.length) return undefined;
  const modrm = bytes[i];
  const mod = modrm >> 6;
  const rm = modrm & 7;
  const hasSib = mod !== 3 && rm === 4;
  const sib = hasSib && i + 1 < bytes.length ? bytes[i + 1] : 0;
  const sibNoIndex = hasSib && ((sib >> 3) & 7) === 4 && (rex & 2) === 0;
  const sibNoBase = hasSib && mod === 0 && (sib & 7) === 5;
  const dispSize = mod === 1 ? 1 : mod === 2 ? 4 : mod === 0 && (rm === 5 || sibNoBase) ? 4 : 0;
  return { hasSib, sibNoIndex, sibScale: 1 << (sib >> 6), dispSize };
}
