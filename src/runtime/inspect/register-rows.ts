// The Registers scope: rax..r15, rip and rflags of a frame, shown in hex; rflags as
// `0x246 [ PF ZF IF ]` with one child per decoded flag, each a one-bit field of the register.
import { BUILTIN } from './c-types';
import { GENERAL_REGISTERS, registerAlias } from './expr/registers';
import { hex } from './format-text';
import type { RegisterPort } from './memory-port';
import type { Row } from './value-children';

/** The status and control flags shown, in the order of the Registers view, with their bit. */
export const FLAG_BITS: readonly [string, number][] = [['CF', 0], ['PF', 2], ['AF', 4], ['ZF', 6], ['SF', 7], ['DF', 10], ['OF', 11], ['IF', 9]];
const BIT_ORDER = [...FLAG_BITS].sort((a, b) => a[1] - b[1]);

/** The rows of the Registers scope (registers the frame does not know are left out). */
export function registerRows(registers: RegisterPort): Row[] {
  const rows: Row[] = [];
  for (const name of [...GENERAL_REGISTERS, 'rip', 'rflags']) {
    if (registers.get(name) === undefined) continue;
    const alias = registerAlias(name);
    rows.push({
      name,
      value: { type: alias ? alias.type : BUILTIN.unsignedLong, place: { kind: 'register', name, offset: 0 } },
      evaluateName: `$${name}`,
      display: name === 'rflags' ? 'rflags' : 'register',
    });
  }
  return rows;
}

/** The flag rows under rflags. */
export function flagRows(): Row[] {
  return FLAG_BITS.map(([name, bit]) => ({
    name,
    value: { type: BUILTIN.unsignedInt, place: { kind: 'register', name: 'rflags', offset: 0 }, bitField: { bitOffset: bit, bitSize: 1 } },
    evaluateName: `($rflags >> ${bit}) & 1`,
  }));
}

/** `0x246 [ PF ZF IF ]`. */
export function formatRflags(value: bigint): string {
  const set = BIT_ORDER.filter(([, bit]) => (value >> BigInt(bit)) & 1n).map(([name]) => name);
  return `${hex(value)} [ ${set.join(' ')}${set.length > 0 ? ' ' : ''}]`;
}
