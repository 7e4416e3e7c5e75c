// Byte-level encoding of generated instructions, and the few fixed setup instructions
// the generator places before an instruction to give its operands known values.
import type { GenInsn, Target } from './sequence';

/** Little-endian bytes of the low `n` bytes of a value. */
export function le(value: bigint | number, n: number): number[] {
  let v = BigInt.asUintN(n * 8, BigInt(value));
  const out: number[] = [];
  for (let i = 0; i < n; i++, v >>= 8n) out.push(Number(v & 0xffn));
  return out;
}

/** A REX byte from its W, R, X, B bits. */
export function rex(w: boolean, r: number, x: number, b: number): number {
  return 0x40 | (w ? 8 : 0) | ((r >> 3) & 1) << 2 | ((x >> 3) & 1) << 1 | ((b >> 3) & 1);
}

/** A fixed instruction with no branch and no RIP-relative operand. */
export function fixed(bytes: number[], text: string, flags: Partial<Pick<GenInsn, 'flagsWritten' | 'flagsUndefined'>> = {}): GenInsn {
  return {
    len: bytes.length,
    encode: () => bytes,
    text,
    flagsRead: 0,
    flagsWritten: flags.flagsWritten ?? 0,
    flagsUndefined: flags.flagsUndefined ?? 0,
    maybeUnchanged: false,
    flow: 'none',
  };
}

/** `mov r32, imm32` (B8+r): sets the register to a zero-extended 32-bit value. */
export function movR32Imm(reg: number, value: number): GenInsn {
  const bytes = reg >= 8 ? [0x41, 0xb8 + (reg & 7)] : [0xb8 + reg];
  return fixed([...bytes, ...le(value, 4)], `mov r${reg}d, imm32`);
}

/** `mov r64, simm32` (REX.W C7 /0): sets the register to a sign-extended 32-bit value. */
export function movR64Simm(reg: number, value: number): GenInsn {
  return fixed([rex(true, 0, 0, reg), 0xc7, 0xc0 | (reg & 7), ...le(value, 4)], `mov r${reg}, simm32`);
}

/** `movabs r64, imm64` (REX.W B8+r): sets the register to any 64-bit value. */
export function movR64Imm64(reg: number, value: bigint): GenInsn {
  return fixed([rex(true, 0, 0, reg), 0xb8 + (reg & 7), ...le(value, 8)], `movabs r${reg}, imm64`);
}

/** Sets a register to `value` with the shortest of the three moves above. */
export function setReg(reg: number, value: bigint): GenInsn {
  const v = BigInt.asUintN(64, value);
  if (v < 0x1_0000_0000n) return movR32Imm(reg, Number(v));
  const s = BigInt.asIntN(64, v);
  if (s >= -0x8000_0000n && s < 0x8000_0000n) return movR64Simm(reg, Number(s));
  return movR64Imm64(reg, v);
}

/** `cmp r64, r64` (REX.W 39 /r): gives all six status flags defined values. */
export function cmpRegs(a: number, b: number): GenInsn {
  return fixed([rex(true, b, 0, a), 0x39, 0xc0 | ((b & 7) << 3) | (a & 7)], `cmp r${a}, r${b}`, {
    flagsWritten: 0x8d5,
  });
}

/** `mov [disp32], r64` (REX.W 89 /r with an absolute SIB address): stores a register at `addr`. */
export function storeAbs(addr: number, src: number): GenInsn {
  return fixed([rex(true, src, 0, 0), 0x89, 0x04 | ((src & 7) << 3), 0x25, ...le(addr, 4)], `mov [abs32], r${src}`);
}

/** `mov r32, imm32` whose value is the address of a branch target, known at assembly. */
export function movLabel(reg: number, target: Target): GenInsn {
  const head = reg >= 8 ? [0x41, 0xb8 + (reg & 7)] : [0xb8 + reg];
  return {
    len: head.length + 4,
    encode: (_addr, resolve) => [...head, ...le(resolve(target), 4)],
    text: `mov r${reg}d, label`,
    flagsRead: 0,
    flagsWritten: 0,
    flagsUndefined: 0,
    maybeUnchanged: false,
    flow: 'none',
  };
}

/** `jmp rel8` to a target (EB cb). */
export function jmpShort(target: Target): GenInsn {
  return {
    len: 2,
    encode: (addr, resolve) => {
      const d = resolve(target) - (addr + 2);
      if (d < -128 || d > 127) throw new RangeError(`rel8 out of range (${d})`);
      return [0xeb, d & 0xff];
    },
    text: 'jmp rel8',
    flagsRead: 0,
    flagsWritten: 0,
    flagsUndefined: 0,
    maybeUnchanged: false,
    flow: 'jump',
    target,
  };
}

/** `lea rbp, [rsp + disp8]` (48 8D 6C 24 d8). */
export function leaRbpFromRsp(disp: number): GenInsn {
  return fixed([0x48, 0x8d, 0x6c, 0x24, disp & 0xff], 'lea rbp, [rsp+disp8]');
}

/** `push imm32` (68 id), sign-extended to 64 bits. */
export function pushImm32(value: number): GenInsn {
  return fixed([0x68, ...le(value, 4)], 'push imm32');
}
