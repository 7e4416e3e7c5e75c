// Turns one row of the opcode table into a concrete random instruction: operand size and
// prefixes, registers, a memory operand reaching the data area (with the setup moves it needs),
// immediates and branch targets.
import type { OpcodeEntry } from '../../src/emu/isa/opcode-entry';
import type { OperandForm } from '../../src/emu/isa/operand-forms';
import { le } from './encode';
import { MemPlan, pickOffset, planMem } from './memory-operand';
import type { Rng } from './random';
import type { GenFlow, GenInsn, Target } from './sequence';
import { DATA_ADDR } from './state';

/** Operand forms this generator knows how to fill in. */
const KNOWN_FORMS = new Set<OperandForm>([
  'r/m', 'r/m8', 'r/m16', 'r/m32', 'r/m64', 'r', 'r8', 'r16', 'r32', 'r64', 'm', '+r', 'acc', 'CL', '1',
  'imm8', 'imm8u', 'imm16', 'imm', 'immv', 'rel8', 'rel32', 'Xs', 'Yd', 'moffs',
]);

/** Returns true when every operand form of the entry is one the generator can fill in. */
export function formsKnown(entry: OpcodeEntry): boolean {
  return entry.operands.every((o) => KNOWN_FORMS.has(o));
}

/** Choices the caller makes for special instructions; everything left out is random. */
export interface InstanceOptions {
  /** rsp as a data-area offset at this point, for rsp-based memory operands */
  rsp?: number;
  /** operand size to use instead of a random one allowed by the size rule */
  opsize?: number;
  /** force a register (ModRM.reg field or `+r`) */
  reg?: number;
  /** force the r/m operand to a register (a number) or to memory ('mem') */
  rm?: number | 'mem';
  /** the memory operand's offset in the data area (default: pickOffset) */
  memOffset?: number;
  /** registers the memory operand must not use */
  memAvoid?: number[];
  /** skip the setup moves of the memory operand (lea, nop: no access happens) */
  noMemSetup?: boolean;
  /** immediate value (default random) */
  imm?: bigint;
  /** branch target */
  target?: Target;
  /** repeat prefix byte (0xf3/0xf2), for string forms */
  rep?: number;
  /** no random segment or address-size prefix */
  plain?: boolean;
  /** add a 67 prefix (string forms, which have no ModRM) */
  addr32?: boolean;
}

/** A concrete instruction and the setup instructions to place before it. */
export interface Instance {
  readonly setup: GenInsn[];
  readonly insn: GenInsn;
  readonly opsize: number;
  /** register numbers used as operands (ModRM.reg, ModRM.rm register, `+r`), -1 when absent */
  readonly reg: number;
  readonly rmReg: number;
  /** the memory operand, when there is one */
  readonly mem?: MemPlan;
  /** the instruction has a 67 prefix */
  readonly addr32: boolean;
}

const SHIFT_LIKE = new Set(['rol', 'ror', 'rcl', 'rcr', 'shl', 'sal', 'shr', 'sar', 'shld', 'shrd']);

/** Operand size for an entry's size rule: random where the rule allows several. */
function pickSize(rng: Rng, entry: OpcodeEntry): number {
  switch (entry.size) {
    case 'b': return 1;
    case 'v': return rng.pick([2, 4, 4, 8, 8]);
    case 'd64': return rng.chance(0.15) ? 2 : 8;
    case 'q': return 8;
    case 'w': return 2;
    default: return 4;
  }
}

/** Size in bytes of a fixed-size operand form, or the operand size. */
function formSize(form: OperandForm, opsize: number): number {
  if (form.endsWith('8')) return 1;
  if (form.endsWith('16')) return 2;
  if (form.endsWith('32')) return 4;
  if (form.endsWith('64')) return 8;
  return opsize;
}

/** Bytes of the immediate of `form` at operand size `opsize`. */
function immLen(form: OperandForm, opsize: number): number {
  if (form === 'imm8' || form === 'imm8u') return 1;
  if (form === 'imm16') return 2;
  if (form === 'imm') return Math.min(opsize, 4);
  return opsize; // immv
}

/** A random register for an operand: never rsp (or spl), ah..bh allowed only without REX. */
function pickOperandReg(rng: Rng, byteSized: boolean, withRex: boolean): number {
  for (;;) {
    const r = rng.int(withRex ? 16 : 8);
    if (r === 4 && !(byteSized && !withRex)) continue;
    return r;
  }
}

/**
 * Builds a random instance of `entry` honouring `opt`. Returns undefined when the entry cannot be
 * instantiated with these options (for example a register form where memory was required).
 */
export function instantiate(rng: Rng, entry: OpcodeEntry, opt: InstanceOptions = {}): Instance | undefined {
  const ops = entry.operands;
  const opsize = opt.opsize ?? pickSize(rng, entry);
  const hasRm = ops.some((o) => o.startsWith('r/m') || o === 'm');
  const rmForm = ops.find((o) => o.startsWith('r/m') || o === 'm');
  const regForm = ops.find((o) => /^r(8|16|32|64)?$/.test(o));
  const isByte = (f: OperandForm | undefined): boolean => f !== undefined && formSize(f, opsize) === 1;

  // memory or register r/m
  let useMem = false;
  if (entry.modrm && hasRm) {
    if (entry.modrmByte !== undefined) useMem = false;
    else if (entry.mod === 'mem' || rmForm === 'm' || opt.rm === 'mem') useMem = true;
    else if (entry.mod === 'reg' || typeof opt.rm === 'number') useMem = false;
    else useMem = rng.chance(0.5);
    if (useMem && entry.mod === 'reg') return undefined;
  }

  const w = opsize === 8 && entry.size === 'v';
  const byteOperands = isByte(regForm) || isByte(rmForm) || (ops.includes('+r') && opsize === 1);
  let mem: MemPlan | undefined;
  const memSize = rmForm === 'm' ? 1 : formSize(rmForm ?? 'r/m', opsize);
  if (useMem) {
    const offset = opt.memOffset ?? pickOffset(rng, memSize);
    mem = planMem(rng, offset, { rsp: opt.rsp, avoid: [...(opt.memAvoid ?? [])], allowAddr32: !opt.plain });
  }
  // REX is decided before the registers: with it, byte registers 4..7 are spl..dil, without it ah..bh
  const forcedHigh = (opt.reg ?? -1) >= 8 || (typeof opt.rm === 'number' && opt.rm >= 8);
  const withRex = w || forcedHigh || (mem !== undefined && (mem.rexB | mem.rexX) !== 0) || rng.chance(byteOperands ? 0.5 : 0.25);

  let reg = opt.reg ?? -1;
  if (reg < 0 && (regForm !== undefined || ops.includes('+r'))) {
    reg = pickOperandReg(rng, regForm !== undefined ? isByte(regForm) : opsize === 1, withRex);
  }
  const regField = entry.digit ?? (regForm !== undefined ? reg : 0);
  let rmReg = -1;
  if (!useMem && entry.modrm && hasRm && entry.modrmByte === undefined) {
    rmReg = typeof opt.rm === 'number' ? opt.rm : pickOperandReg(rng, isByte(rmForm), withRex);
  }

  // prefixes
  const legacy: number[] = [];
  if (!opt.plain && rng.chance(0.04)) legacy.push(rng.pick([0x2e, 0x36, 0x3e, 0x26, 0x65]));
  if (mem?.addr32 || opt.addr32) legacy.push(0x67);
  if (entry.lockable && useMem ? rng.chance(0.2) : !opt.plain && rng.chance(0.003)) legacy.push(0xf0); // else #UD
  if (opt.rep !== undefined) legacy.push(opt.rep);
  if (opsize === 2 && (entry.size === 'v' || entry.size === 'd64')) legacy.push(0x66);
  if (entry.prefix === 'f2') legacy.push(0xf2);
  if (entry.prefix === 'f3') legacy.push(0xf3);
  if (entry.prefix === '66') legacy.push(0x66);

  const rBit = regForm !== undefined && reg >= 8 ? 1 : 0;
  const bReg = ops.includes('+r') ? reg : rmReg;
  const bBit = mem ? mem.rexB : bReg >= 8 ? 1 : 0;
  const xBit = mem ? mem.rexX : 0;
  const rexByte = withRex || (rBit | bBit | xBit) !== 0 ? 0x40 | (w ? 8 : 0) | (rBit << 2) | (xBit << 1) | bBit : -1;

  const mapBytes = entry.map === 'one' ? [] : entry.map === '0f' ? [0x0f] : entry.map === '0f38' ? [0x0f, 0x38] : [0x0f, 0x3a];
  const opcode = entry.plusReg ? entry.opcode + (reg & 7) : entry.opcode;

  // a moffs operand is an absolute address: 8 bytes, or 4 with a 67 prefix
  const moffs32 = ops.includes('moffs') && !opt.plain && rng.chance(0.2);
  if (moffs32) legacy.unshift(0x67);

  // immediates and branch displacements
  const immBytes: number[] = [];
  let rel: { size: number; target: Target } | undefined;
  for (const o of ops) {
    if (o.startsWith('imm')) {
      const n = immLen(o, opsize);
      immBytes.push(...le(opt.imm ?? rng.interesting(), n));
    } else if (o === 'moffs') {
      immBytes.push(...le(DATA_ADDR + (opt.memOffset ?? pickOffset(rng, opsize)), moffs32 ? 4 : 8));
    } else if (o === 'rel8' || o === 'rel32') {
      if (!opt.target) return undefined;
      rel = { size: o === 'rel8' ? 1 : 4, target: opt.target };
    }
  }

  const head = [...legacy, ...(rexByte >= 0 ? [rexByte] : []), ...mapBytes, opcode];
  const modrmLen = !entry.modrm ? 0 : mem ? mem.len : 1;
  const len = head.length + modrmLen + immBytes.length + (rel ? rel.size : 0);
  const modrmByte = entry.modrmByte ?? (0xc0 | ((regField & 7) << 3) | (rmReg & 7));
  const flow: GenFlow = entry.flow === 'jump' || entry.flow === 'branch' || entry.flow === 'call' || entry.flow === 'ret' ? entry.flow : 'none';
  const insn: GenInsn = {
    len,
    encode(addr, resolve) {
      const out = [...head];
      if (entry.modrm) out.push(...(mem ? mem.bytes(regField, addr + len) : [modrmByte]));
      out.push(...immBytes);
      if (rel) {
        const d = resolve(rel.target) - (addr + len);
        if (rel.size === 1 && (d < -128 || d > 127)) throw new RangeError(`rel8 out of range (${d})`);
        out.push(...le(d, rel.size));
      }
      return out;
    },
    text: `${entry.mnemonic}${opsize !== 4 && entry.size !== 'none' ? `/${opsize * 8}` : ''} ${ops.join(',')}${useMem ? ' (mem)' : ''}`,
    flagsRead: entry.flagsRead,
    flagsWritten: entry.flagsWritten,
    flagsUndefined: entry.flagsUndefined,
    maybeUnchanged: opt.rep !== undefined || (SHIFT_LIKE.has(entry.mnemonic) && !ops.includes('1')),
    flow,
    ...(rel ? { target: rel.target } : {}),
  };
  return { setup: mem && !opt.noMemSetup ? [...mem.setup] : [], insn, opsize, reg, rmReg, mem, addr32: mem?.addr32 || opt.addr32 || moffs32 };
}
