// Memory operands for generated instructions: picks an effective address in (or, rarely, just
// outside) the data area and an addressing form that reaches it, with the setup moves that give
// the base and index registers the values the form needs.
import { le, setReg } from './encode';
import type { Rng } from './random';
import type { GenInsn } from './sequence';
import { DATA_ADDR, DATA_SIZE } from './state';

/** The stack zone of the data area: only push/pop/call touch it, so return addresses stay intact. */
export const STACK_LO = 0x1780;
export const STACK_HI = 0x1a00;
/** Initial rsp (offset into the data area) lies in [RSP_LO, RSP_HI). */
export const RSP_LO = 0x1900;
export const RSP_HI = 0x19c0;

/** An addressing form chosen for one instruction. */
export interface MemPlan {
  /** setup instructions to place right before the instruction */
  readonly setup: GenInsn[];
  /** REX.X and REX.B bits the operand needs (0 or 1) */
  readonly rexX: number;
  readonly rexB: number;
  /** the operand uses 32-bit addressing (a 67 prefix) */
  readonly addr32: boolean;
  /** length of ModRM + SIB + displacement */
  readonly len: number;
  /** ModRM, SIB and displacement bytes with `regField` in ModRM.reg; `insnEnd` is the address
   *  after the whole instruction (for RIP-relative forms) */
  bytes(regField: number, insnEnd: number): number[];
  /** base and index registers the form uses */
  readonly regs: readonly number[];
  /** data-area offset of the first byte accessed */
  readonly offset: number;
}

/** What the planner must respect. */
export interface MemContext {
  /** rsp as a data-area offset, when known at this point of the sequence */
  readonly rsp?: number;
  /** registers that must not serve as base or index (operands the instruction itself needs) */
  readonly avoid: readonly number[];
  /** allow a 67 prefix */
  readonly allowAddr32: boolean;
}

/**
 * Picks a data-area offset for an access of `size` bytes: mostly anywhere outside the stack
 * zone, sometimes straddling the page boundary in the middle, rarely touching a guard page.
 */
export function pickOffset(rng: Rng, size: number): number {
  const sz = Math.max(size, 1);
  const r = rng.int(200);
  if (r < 12 && sz > 1) return 0x1000 - 1 - rng.int(sz - 1);
  if (r < 14) return -1 - rng.int(sz);
  if (r < 16) return DATA_SIZE - sz + 1 + rng.int(sz);
  const low = STACK_LO - sz + 1;
  const high = DATA_SIZE - sz + 1 - STACK_HI;
  const k = rng.int(low + high);
  return k < low ? k : STACK_HI + (k - low);
}

const fitsInt8 = (v: number): boolean => v >= -128 && v <= 127;

/** Returns a register in 0..15 other than rsp and the ones listed. */
export function pickReg(rng: Rng, avoid: readonly number[]): number {
  for (;;) {
    const r = rng.int(16);
    if (r !== 4 && !avoid.includes(r)) return r;
  }
}

/**
 * Plans a memory operand accessing `size` bytes at `offset` (see pickOffset): base only, base +
 * index, index only, absolute, RIP-relative or rsp-based, sometimes with 32-bit addressing and
 * garbage in the upper halves of the registers.
 */
export function planMem(rng: Rng, offset: number, ctx: MemContext): MemPlan {
  const ea = DATA_ADDR + offset;
  const addr32 = ctx.allowAddr32 && rng.chance(0.1);
  const kind = rng.int(ctx.rsp !== undefined ? 12 : 11);
  const setup: GenInsn[] = [];
  const scale = 1 << rng.int(4);
  const disp = pickDisp(rng);
  if (kind === 11) {
    // rsp-based: base rsp, no index; the displacement reaches the target from the known rsp
    return sibForm({ base: 4, index: -1, scale: 1, disp: ea - (DATA_ADDR + (ctx.rsp ?? 0)), setup, addr32, offset });
  }
  if (kind === 10) return ripForm(ea, addr32, offset);
  if (kind === 9) return sibForm({ base: -1, index: -1, scale: 1, disp: ea, setup, addr32, offset });
  if (kind === 8) {
    const index = pickReg(rng, ctx.avoid);
    const iv = smallValue(rng);
    setup.push(setReg(index, withGarbage(rng, BigInt(iv), addr32)));
    return sibForm({ base: -1, index, scale, disp: ea - iv * scale, setup, addr32, offset });
  }
  const base = pickReg(rng, ctx.avoid);
  if (!addr32 && rng.chance(0.004)) {
    // rarely a non-canonical address: a general-protection fault on both sides
    const wild = rng.pick([0x0000_8000_0000_0000n, 0xffff_7fff_ffff_f000n]) + BigInt(rng.int(0x1000));
    setup.push(setReg(base, wild));
    return sibForm({ base, index: -1, scale: 1, disp: 0, setup, addr32, offset });
  }
  if (kind >= 5) {
    const index = pickReg(rng, [...ctx.avoid, base]);
    const iv = smallValue(rng);
    setup.push(setReg(index, withGarbage(rng, BigInt(iv), addr32)));
    setup.push(setReg(base, withGarbage(rng, BigInt(ea - iv * scale - disp), addr32)));
    return sibForm({ base, index, scale, disp, setup, addr32, offset });
  }
  setup.push(setReg(base, withGarbage(rng, BigInt(ea - disp), addr32)));
  return sibForm({ base, index: -1, scale: 1, disp, setup, addr32, offset });
}

/** A displacement: none, 8-bit or 32-bit, small either way so the base stays near the data area. */
function pickDisp(rng: Rng): number {
  const r = rng.int(3);
  if (r === 0) return 0;
  if (r === 1) return rng.int(256) - 128;
  return rng.int(0x20000) - 0x10000;
}

/** A small signed index value. */
function smallValue(rng: Rng): number {
  return rng.chance(0.5) ? rng.int(64) - 32 : rng.int(0x2000) - 0x1000;
}

/** With 32-bit addressing, fills the upper half with random bits (the CPU must ignore them). */
function withGarbage(rng: Rng, v: bigint, addr32: boolean): bigint {
  const low = BigInt.asUintN(32, v);
  if (!addr32) return BigInt.asUintN(64, v);
  return rng.chance(0.5) ? low : (BigInt(rng.u32()) << 32n) | low;
}

interface SibSpec {
  base: number; // -1: none
  index: number; // -1: none
  scale: number;
  disp: number;
  setup: GenInsn[];
  addr32: boolean;
  offset: number;
}

/** Encodes base/index/displacement forms (ModRM with or without SIB). */
function sibForm(s: SibSpec): MemPlan {
  const disp = s.disp | 0;
  const needSib = s.base < 0 || s.index >= 0 || (s.base & 7) === 4;
  let mod: number;
  let dispLen: number;
  if (s.base < 0) {
    mod = 0;
    dispLen = 4;
  } else if (disp === 0 && (s.base & 7) !== 5) {
    mod = 0;
    dispLen = 0;
  } else if (fitsInt8(disp)) {
    mod = 1;
    dispLen = 1;
  } else {
    mod = 2;
    dispLen = 4;
  }
  const rm = needSib ? 4 : s.base & 7;
  const sib = needSib
    ? [(Math.log2(s.scale) << 6) | ((s.index < 0 ? 4 : s.index & 7) << 3) | (s.base < 0 ? 5 : s.base & 7)]
    : [];
  const tail = [...sib, ...le(disp, dispLen)];
  return {
    setup: s.setup,
    rexX: s.index >= 8 ? 1 : 0,
    rexB: s.base >= 8 ? 1 : 0,
    addr32: s.addr32,
    len: 1 + tail.length,
    bytes: (regField) => [(mod << 6) | ((regField & 7) << 3) | rm, ...tail],
    regs: [s.base, s.index].filter((r) => r >= 0),
    offset: s.offset,
  };
}

/** Encodes a RIP-relative operand reaching `ea`. */
function ripForm(ea: number, addr32: boolean, offset: number): MemPlan {
  return {
    setup: [],
    rexX: 0,
    rexB: 0,
    addr32,
    len: 5,
    bytes: (regField, insnEnd) => [((regField & 7) << 3) | 5, ...le(ea - insnEnd, 4)],
    regs: [],
    offset,
  };
}
