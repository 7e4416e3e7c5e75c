// Generators of single units: a plain instruction with whatever setup moves it needs, a forward
// branch, a call with its callee, an indirect jump, stack operations and string operations. Each
// keeps the rules that make a sequence safe to run natively: rsp stays in the stack zone, memory
// operands reach only the data area and its guard pages, branches only go forward.
import type { OpcodeEntry } from '../../src/emu/isa/opcode-entry';
import { fixed, jmpShort, leaRbpFromRsp, movLabel, pushImm32, setReg, storeAbs } from './encode';
import { instantiate } from './instance';
import { STACK_LO, pickReg } from './memory-operand';
import type { Rng } from './random';
import type { GenInsn, Target } from './sequence';
import { DATA_ADDR } from './state';
import { stringRegisters } from './implementation-specific';

/** The generator's view of the sequence being built. */
export interface UnitContext {
  readonly rng: Rng;
  /** id of the unit being generated */
  id: number;
  /** rsp as a data-area offset on the straight-line path */
  rsp: number;
  /** the unit being generated is the last of the case */
  last: boolean;
}

const RAX = 0;
const RCX = 1;
const RDX = 2;
const RBX = 3;
const RSI = 6;
const RDI = 7;

/** A data-area offset safe for an 8-byte slot, away from the guards and the stack zone. */
function slotOffset(rng: Rng): number {
  return 8 * rng.int((STACK_LO - 8) / 8);
}

/**
 * A plain instruction (no control flow, no stack use) and its setup moves. `regOnly` keeps
 * memory operands out (inside callees). Returns undefined when the entry cannot be used so.
 */
export function plainUnit(ctx: UnitContext, e: OpcodeEntry, regOnly = false): GenInsn[] | undefined {
  const { rng } = ctx;
  const pre: GenInsn[] = [];
  const m = e.mnemonic;
  const rm = regOnly ? pickReg(rng, []) : undefined;
  if (regOnly && e.mod === 'mem') return undefined;
  if (regOnly && e.operands.some((o) => o === 'm' || o === 'Xs' || o === 'Yd') ) return undefined;
  if (regOnly && m === 'xlat') return undefined;

  const bitOffsetReg = (m === 'bt' || m === 'bts' || m === 'btr' || m === 'btc') && e.operands.includes('r');
  if (bitOffsetReg && (regOnly || rng.chance(0.4))) {
    const inst = instantiate(rng, e, { rm: pickReg(rng, []) });
    return inst ? [inst.insn] : undefined;
  }
  if (bitOffsetReg) {
    // a register bit offset into memory is signed and moves the address: keep it small
    const reg = pickReg(rng, []);
    const inst = instantiate(rng, e, { rm: 'mem', reg, memAvoid: [reg], memOffset: 64 + rng.int(STACK_LO - 128), rsp: ctx.rsp });
    if (!inst) return undefined;
    return [...inst.setup, setReg(reg, BigInt(rng.int(512) - 256)), inst.insn];
  }
  if (m === 'xlat') {
    pre.push(setReg(RBX, BigInt(DATA_ADDR + rng.int(STACK_LO - 256))));
  }
  let opsize: number | undefined;
  if (m === 'bswap') opsize = rng.chance(0.5) ? 4 : 8; // 16-bit bswap is undefined
  let imm: bigint | undefined;
  if ((m === 'shld' || m === 'shrd') && e.size === 'v') {
    opsize = rng.pick([2, 4, 8]);
    if (opsize === 2) {
      // a count above 16 leaves a 16-bit result undefined
      if (e.operands.includes('CL')) pre.push(setReg(RCX, BigInt(rng.int(17))));
      else imm = BigInt(rng.int(17));
    }
  }
  // registers the setup moves in `pre` set must not serve as base or index of the memory operand
  const memAvoid = m === 'div' || m === 'idiv' ? [RAX, RDX] : m === 'shld' || m === 'shrd' ? [RCX] : m === 'xlat' ? [RBX] : [];
  // lea and nop access no memory: their address may come from whatever the registers hold
  const noMemSetup = (m === 'lea' || m === 'nop') && rng.chance(0.5);
  const inst = instantiate(rng, e, { opsize, imm, rsp: ctx.rsp, memAvoid, noMemSetup, ...(rm !== undefined ? { rm } : {}) });
  if (!inst) return undefined;
  if ((m === 'div' || m === 'idiv') && rng.chance(0.7)) {
    // mostly keep the quotient in range; the rest exercises the divide error
    if (inst.opsize === 1) pre.push(setReg(RAX, BigInt(rng.int(0x10000))));
    else pre.push(setReg(RDX, rng.chance(0.5) ? 0n : rng.chance(0.5) ? -1n : BigInt(rng.int(16))));
  }
  return [...inst.setup, ...pre, inst.insn];
}

/** An instruction that always faults (ud2): the units after it never run. */
export function trapUnit(ctx: UnitContext, e: OpcodeEntry): GenInsn[] | undefined {
  const inst = instantiate(ctx.rng, e, { plain: true });
  return inst ? [{ ...inst.insn, flow: 'none' }] : undefined;
}

/** A forward jcc/jmp (relative) skipping up to two following units. */
export function branchUnit(ctx: UnitContext, e: OpcodeEntry): GenInsn[] | undefined {
  const target: Target = { unit: ctx.id + 1 + ctx.rng.int(e.operands.includes('rel8') ? 2 : 3) };
  const inst = instantiate(ctx.rng, e, { target, plain: true });
  return inst ? [inst.insn] : undefined;
}

/**
 * A call and its callee inside one unit: `call F; jmp END; F: nop; body; ret[ imm16]; END:`.
 * The call is direct, through a register or through a data-area slot, as the entry says.
 * The body is 0..2 register-only plain instructions.
 */
export function callUnit(ctx: UnitContext, call: OpcodeEntry, rets: readonly OpcodeEntry[], plain: readonly OpcodeEntry[]): GenInsn[] | undefined {
  const { rng } = ctx;
  const entry = fixed([0x90], 'nop (callee entry)');
  const target: Target = { insn: entry };
  const ret = rng.pick(rets);
  const retImm = ret.operands.includes('imm16') ? BigInt(8 * rng.int(4)) : undefined;
  const out: GenInsn[] = [];
  if (call.operands.includes('rel32') || call.operands.includes('rel8')) {
    const inst = instantiate(rng, call, { target, plain: true });
    if (!inst) return undefined;
    out.push(inst.insn);
  } else {
    const reg = pickReg(rng, []);
    out.push(movLabel(reg, target));
    if (!indirectVia(ctx, call, reg, target, out)) return undefined;
  }
  out.push(jmpShort({ unit: ctx.id + 1 }), entry);
  const bodyLen = rng.int(3);
  for (let i = 0; i < bodyLen; i++) {
    const body = plainUnit(ctx, rng.pick(plain), true);
    if (body) out.push(...body);
  }
  const r = instantiate(rng, ret, { imm: retImm, opsize: 8, plain: true });
  if (!r) return undefined;
  out.push(r.insn);
  ctx.rsp += Number(retImm ?? 0n);
  return out;
}

/** Appends an indirect call/jmp through `reg` (which holds `target`) to `out`: either the
 *  register itself or a data-area slot the register is first stored to. The instruction carries
 *  its target, so the flag analysis follows it. */
function indirectVia(ctx: UnitContext, e: OpcodeEntry, reg: number, target: Target, out: GenInsn[]): boolean {
  const { rng } = ctx;
  if (e.mod !== 'mem' && (e.mod === 'reg' || rng.chance(0.5))) {
    const inst = instantiate(rng, e, { rm: reg, opsize: 8, plain: true });
    if (!inst) return false;
    out.push({ ...inst.insn, target });
    return true;
  }
  const slot = slotOffset(rng);
  out.push(storeAbs(DATA_ADDR + slot, reg));
  // not rsp-based: after a skipped push the tracked rsp can be off, and the slot must be exact
  const inst = instantiate(rng, e, { rm: 'mem', memOffset: slot, opsize: 8, plain: true });
  if (!inst) return false;
  out.push(...inst.setup, { ...inst.insn, target });
  return true;
}

/** An indirect jmp (register or memory) to the start of one of the next three units. */
export function indirectJumpUnit(ctx: UnitContext, e: OpcodeEntry): GenInsn[] | undefined {
  const reg = pickReg(ctx.rng, []);
  const target: Target = { unit: ctx.id + 1 + ctx.rng.int(3) };
  const out: GenInsn[] = [movLabel(reg, target)];
  return indirectVia(ctx, e, reg, target, out) ? out : undefined;
}

/** push/pop/pushf/popf/leave, keeping track of rsp. */
export function stackUnit(ctx: UnitContext, e: OpcodeEntry): GenInsn[] | undefined {
  const { rng } = ctx;
  const m = e.mnemonic;
  if (m === 'popf' || m === 'popfq') {
    const inst = instantiate(rng, e, { plain: true });
    if (!inst) return undefined;
    // only status flags, DF, NT and ID: TF would trap, AC would check alignment
    const value = (rng.u32() & (0xcd5 | 0x4000 | 0x200000)) | 2;
    ctx.rsp += inst.opsize - 8;
    return [pushImm32(value), inst.insn];
  }
  if (m === 'leave') {
    const inst = instantiate(rng, e, { plain: true });
    if (!inst) return undefined;
    const disp = -8 * rng.int(5);
    ctx.rsp += disp + inst.opsize;
    return [leaRbpFromRsp(disp), inst.insn];
  }
  const pop = m.startsWith('pop');
  // pop computes a memory destination after incrementing rsp: plan it without rsp
  const inst = instantiate(rng, e, pop ? {} : { rsp: ctx.rsp });
  if (!inst) return undefined;
  ctx.rsp += pop ? inst.opsize : -inst.opsize;
  return [...inst.setup, inst.insn];
}

/**
 * A string instruction with rsi/rdi in the data area and, with a rep prefix, a small rcx. With
 * 32-bit addressing and a zero count, bits 63:32 of rcx, rsi and rdi are implementation-specific
 * afterwards: garbage goes there only when the unit is the last of the case, and the instruction
 * then says so (`upperUnspecified`); elsewhere those bits start at zero.
 */
export function stringUnit(ctx: UnitContext, e: OpcodeEntry): GenInsn[] | undefined {
  const { rng } = ctx;
  const rep = e.repeatable && rng.chance(0.6) ? (e.repCondition && rng.chance(0.5) ? 0xf2 : 0xf3) : undefined;
  const addr32 = rng.chance(0.1);
  const inst = instantiate(rng, e, { rep, addr32, plain: rng.chance(0.7) });
  if (!inst) return undefined;
  // with 32-bit addressing only esi/edi/ecx count: put garbage in the upper halves
  const garbage = (): bigint => (addr32 && rng.chance(0.5) ? BigInt(rng.u32()) << 32n : 0n);
  const place = (): bigint => BigInt(DATA_ADDR + 96 + rng.int(STACK_LO - 192)) | garbage();
  const values: Array<[number, bigint]> = [];
  if (e.operands.includes('Xs')) values.push([RSI, place()]);
  if (e.operands.includes('Yd')) values.push([RDI, place()]);
  const count = rep === undefined ? -1 : rng.chance(0.1) ? 0 : rng.int(8);
  if (rep !== undefined) values.push([RCX, BigInt(count) | garbage()]);
  const unspecified = addr32 && count === 0;
  const pre = values.map(([reg, v]) => setReg(reg, unspecified && !ctx.last ? BigInt.asUintN(32, v) : v));
  return [...pre, unspecified && ctx.last ? { ...inst.insn, upperUnspecified: stringRegisters(e) } : inst.insn];
}
