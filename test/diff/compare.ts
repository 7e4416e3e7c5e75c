// Compares the native and emulated final states of a case: outcome, rip, fault address, every
// general register, the status flags and DF (except the flags the SDM leaves undefined at that
// point), and every byte of the data area. Bits 63:32 of registers whose upper half the
// implementation chooses (see implementation-specific.ts) can be left out as well.
import { FinalState, REG_NAMES, STATUS_FLAGS } from './state';

const hex = (v: bigint | number): string => `0x${v.toString(16)}`;

/** Names of the set bits of a flags value, e.g. "CF ZF". */
export function flagNames(flags: number): string {
  const names: Array<[number, string]> = [[0x1, 'CF'], [0x4, 'PF'], [0x10, 'AF'], [0x40, 'ZF'], [0x80, 'SF'], [0x400, 'DF'], [0x800, 'OF']];
  return names.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n).join(' ') || '-';
}

/**
 * Returns the differences between the native result and the emulator's, one line each; empty
 * when they agree. `undefinedFlags` are the status flags not compared; `upperUnspecified` is a
 * mask of registers (bit n = register n in encoding order) whose bits 63:32 are not compared.
 */
export function compareStates(native: FinalState, emu: FinalState, undefinedFlags: number, upperUnspecified = 0): string[] {
  const out: string[] = [];
  if (emu.error !== undefined) return [`emulator error: ${emu.error}`];
  if (native.kind !== emu.kind) out.push(`outcome: native ${native.kind}, emulator ${emu.kind}`);
  if (native.rip !== emu.rip) out.push(`rip: native ${hex(native.rip)}, emulator ${hex(emu.rip)}`);
  if (native.kind === 'page-fault' && emu.kind === 'page-fault' && native.addr !== emu.addr) {
    out.push(`fault address: native ${hex(native.addr)}, emulator ${hex(emu.addr)}`);
  }
  for (let i = 0; i < 16; i++) {
    const keep = (upperUnspecified & (1 << i)) !== 0 ? 0xffff_ffffn : ~0n;
    if ((native.regs[i] & keep) !== (emu.regs[i] & keep)) out.push(`${REG_NAMES[i]}: native ${hex(native.regs[i])}, emulator ${hex(emu.regs[i])}`);
  }
  const mask = STATUS_FLAGS & ~undefinedFlags;
  if ((native.flags & mask) !== (emu.flags & mask)) {
    const differ = (native.flags ^ emu.flags) & mask;
    out.push(`flags: native [${flagNames(native.flags & mask)}], emulator [${flagNames(emu.flags & mask)}], differ in [${flagNames(differ)}]`);
  }
  const a = new Map(native.changes);
  const b = new Map(emu.changes);
  const bytes: string[] = [];
  for (const off of [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y)) {
    if (a.get(off) !== b.get(off)) bytes.push(`+${hex(off)}: native ${fmtByte(a.get(off))}, emulator ${fmtByte(b.get(off))}`);
  }
  if (bytes.length > 0) out.push(`memory (data area offsets; '=' means unchanged): ${bytes.slice(0, 16).join('; ')}${bytes.length > 16 ? ` ... (${bytes.length} bytes)` : ''}`);
  return out;
}

/** Names of the registers in a register mask (bit n = register n in encoding order), e.g. "rcx rsi". */
export function registerNames(mask: number): string {
  return REG_NAMES.filter((_, i) => (mask & (1 << i)) !== 0).join(' ');
}

function fmtByte(v: number | undefined): string {
  return v === undefined ? '=' : v.toString(16).padStart(2, '0');
}
