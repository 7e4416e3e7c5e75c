// Index of the opcode table by (map, opcode byte), built once at load.
import type { OpcodeEntry } from '../isa/opcode-entry';
import type { OpcodeMap } from '../isa/operand-forms';
import { OPCODE_TABLE } from '../isa/opcode-table';

const MAP_NUMBER: Record<OpcodeMap, number> = { one: 0, '0f': 1, '0f38': 2, '0f3a': 3 };

const index: (OpcodeEntry[] | undefined)[] = new Array(4 * 256);
for (const e of OPCODE_TABLE) {
  const first = MAP_NUMBER[e.map] * 256 + e.opcode;
  for (let k = 0; k < (e.plusReg ? 8 : 1); k++) (index[first + k] ??= []).push(e);
}

/** The table rows that can match opcode byte `opcode` in map `map` (0 one-byte, 1 0F, 2 0F38, 3 0F3A). */
export function candidates(map: number, opcode: number): readonly OpcodeEntry[] | undefined {
  return index[map * 256 + opcode];
}
