// Register results the architecture leaves to the implementation. The comparison treats them like
// undefined flags, but only on a host that does not do what the emulator does.
//
// A repeated string instruction (rep/repe/repne with movs, cmps, stos, lods, scas) with 32-bit
// addressing (a 67 prefix in 64-bit mode) uses ecx, esi and edi. Before its first element the
// Intel processor this was measured on (a Xeon) writes some of them as 32-bit registers, clearing bits
// 63:32: rcx always, rsi and rdi for movs, rdi for stos (lods, cmps and scas leave their index
// registers alone). So these bits are cleared even with ecx = 0, when no element moves, and when
// the first element faults. The emulator does the same (src/emu/exec/string.ts). Other
// processors need not do it, so every run first probes the host with ADDR32_REP_PROBES:
// - when the host clears exactly these registers, the comparison stays exact;
// - otherwise bits 63:32 of every register the instruction names (rcx, and rsi and/or rdi) are
//   not compared in a generated case where such an instruction runs with a zero count, nor in
//   the probes themselves (diff-random.test.ts runs them as hand-written cases).
// The generator puts a zero-count instruction with nonzero upper bits in those registers only at
// the very end of a case, so nothing can read the bits afterwards and the mask covers every effect.
import type { OpcodeEntry } from '../../src/emu/isa/opcode-entry';
import { DATA_ADDR, DiffCase, FinalState } from './state';

const RCX = 1;
const RSI = 6;
const RDI = 7;
const UPPER = 0xdead_beef_0000_0000n;

/** Register bit masks (bit n = register n in encoding order) of what a host like this one widens. */
const WIDENED: Readonly<Record<string, number>> = {
  movs: (1 << RCX) | (1 << RSI) | (1 << RDI),
  stos: (1 << RCX) | (1 << RDI),
  lods: 1 << RCX,
  cmps: 1 << RCX,
  scas: 1 << RCX,
};

/** Opcodes (byte forms; +1 is the wider form) of the string instructions. */
const OPCODES: ReadonlyArray<readonly [number, string]> = [[0xa4, 'movs'], [0xa6, 'cmps'], [0xaa, 'stos'], [0xac, 'lods'], [0xae, 'scas']];

/** Registers a string instruction names, as a bit mask: rcx, rsi for a source, rdi for a destination. */
export function stringRegisters(entry: OpcodeEntry): number {
  return (1 << RCX) | (entry.operands.includes('Xs') ? 1 << RSI : 0) | (entry.operands.includes('Yd') ? 1 << RDI : 0);
}

/** One probe: a case, the string instruction's mnemonic and the registers it names. */
export interface Addr32RepProbe {
  readonly name: string;
  readonly diffCase: DiffCase;
  readonly kind: string;
  readonly names: number;
}

function probe(name: string, code: number[], kind: string, ecx: bigint, esi: number, edi: number, flags = 0): Addr32RepProbe {
  const regs = new Array<bigint>(16).fill(0n).map((_, i) => UPPER | BigInt(0x100 + i));
  regs[4] = BigInt(DATA_ADDR + 0x1900);
  regs[RCX] = UPPER | ecx;
  regs[RSI] = UPPER | BigInt(esi);
  regs[RDI] = UPPER | BigInt(edi);
  const names = (1 << RCX) | (kind === 'stos' || kind === 'scas' ? 0 : 1 << RSI) | (kind === 'lods' ? 0 : 1 << RDI);
  return { name, diffCase: { code: Uint8Array.from(code), regs, flags, seed: 7, patches: [] }, kind, names };
}

/**
 * Hand-written cases of repeated string instructions with 32-bit addressing and garbage in bits
 * 63:32 of rcx, rsi and rdi: every form with ecx = 0 (rep and repne, both directions), and movs,
 * stos and lods faulting on their first element (esi or edi in the guard page below the data).
 */
export const ADDR32_REP_PROBES: readonly Addr32RepProbe[] = (() => {
  const out: Addr32RepProbe[] = [];
  const src = DATA_ADDR + 0x100;
  const dst = DATA_ADDR + 0x300;
  for (const [op, kind] of OPCODES) {
    for (const [rep, wide, df] of [[0xf3, 0, 0], [0xf2, 1, 0x400], [0xf3, 1, 0x400], [0xf2, 0, 0]] as const) {
      const code = [0x67, rep, op + wide];
      out.push(probe(`${code.map((b) => b.toString(16)).join(' ')} ecx=0${df ? ' DF' : ''}`, code, kind, 0n, src, dst, df));
    }
  }
  const guard = DATA_ADDR - 0x10;
  out.push(probe('67 f3 a5 fault on the source', [0x67, 0xf3, 0xa5], 'movs', 3n, guard, dst));
  out.push(probe('67 f3 a4 fault on the destination', [0x67, 0xf3, 0xa4], 'movs', 2n, src, guard));
  out.push(probe('67 f3 48 ab fault', [0x67, 0xf3, 0x48, 0xab], 'stos', 1n, src, guard));
  out.push(probe('67 f3 ac fault', [0x67, 0xf3, 0xac], 'lods', 4n, guard, dst));
  return out;
})();

/**
 * True when the host's results of ADDR32_REP_PROBES (`natives`, in order) show bits 63:32 of
 * exactly the registers this host's kind widens cleared, and of the other named ones kept.
 */
export function hostWidensLikeEmulator(natives: readonly FinalState[]): boolean {
  return ADDR32_REP_PROBES.every((p, i) => {
    for (const reg of [RCX, RSI, RDI]) {
      const before = p.diffCase.regs[reg];
      const upper = natives[i].regs[reg] >> 32n;
      const expected = (WIDENED[p.kind] & (1 << reg)) !== 0 ? 0n : before >> 32n;
      if (upper !== expected) return false;
    }
    return true;
  });
}
