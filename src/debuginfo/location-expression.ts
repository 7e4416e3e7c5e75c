// Evaluator of DWARF location expressions (DW_OP_*) on a stack of 64-bit values.
import { ByteReader } from './byte-reader';
import { dwarfRegisterName, dwarfRegisterValue, type RegisterName, type RegisterValues } from './dwarf-registers';

/** What an expression may ask of the stopped program. */
export interface LocationContext {
  registers: RegisterValues;
  /** Reads `size` bytes at `addr`; undefined when unreadable. Must not have side effects. */
  readMemory: (addr: bigint, size: number) => Uint8Array | undefined;
  /** The function's frame base (value of DW_AT_frame_base), needed by DW_OP_fbreg. */
  frameBase?: bigint;
  /** The canonical frame address, needed by DW_OP_call_frame_cfa. */
  cfa?: bigint;
  /** Values pushed before evaluation (e.g. the struct address for a member location). */
  initialStack?: bigint[];
  /** Resolves DW_OP_addrx/DW_OP_constx indexes into .debug_addr. */
  addressAtIndex?: (index: number) => bigint | undefined;
}

/** One part of a composite (DW_OP_piece) location. */
export interface LocationPiece {
  sizeBytes: number;
  location: LocationResult;
}

/** Where a value lives, or the value itself. */
export type LocationResult =
  | { kind: 'memory'; addr: bigint }
  | { kind: 'register'; reg: number; name: RegisterName | undefined }
  | { kind: 'value'; value: bigint }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'pieces'; pieces: LocationPiece[] }
  | { kind: 'error'; message: string };

class EvalError extends Error {}

const MASK = (1n << 64n) - 1n;
const u64 = (v: bigint): bigint => v & MASK;
const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const MAX_STEPS = 10000;

function readUnsigned(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

/**
 * Evaluates `expr` and says where the object lives: in memory, in a register, as a computed
 * value, as literal bytes, or in pieces. Never throws: problems (unknown opcode, unreadable
 * memory, missing register, empty expression = optimised out) give kind 'error'.
 */
export function evaluateLocation(expr: Uint8Array, ctx: LocationContext): LocationResult {
  try {
    return run(expr, ctx);
  } catch (error) {
    return { kind: 'error', message: error instanceof EvalError ? error.message : `bad expression: ${(error as Error).message}` };
  }
}

function run(expr: Uint8Array, ctx: LocationContext): LocationResult {
  if (expr.length === 0) throw new EvalError('optimized out');
  const stack: bigint[] = [...(ctx.initialStack ?? [])];
  const pieces: LocationPiece[] = [];
  const r = new ByteReader(expr);
  let register: number | undefined;
  let isValue = false;
  let implicit: Uint8Array | undefined;
  const pop = (): bigint => {
    const v = stack.pop();
    if (v === undefined) throw new EvalError('expression stack underflow');
    return v;
  };
  const reg = (n: number): bigint => {
    const v = dwarfRegisterValue(ctx.registers, n);
    if (v === undefined) throw new EvalError(`register ${dwarfRegisterName(n) ?? n} unavailable`);
    return v;
  };
  const deref = (addr: bigint, size: number): bigint => {
    const bytes = ctx.readMemory(addr, size);
    if (!bytes || bytes.length < size) throw new EvalError(`cannot read memory at 0x${addr.toString(16)}`);
    return readUnsigned(bytes.subarray(0, size));
  };
  const current = (): LocationResult => {
    if (implicit) return { kind: 'bytes', bytes: implicit };
    if (register !== undefined) return { kind: 'register', reg: register, name: dwarfRegisterName(register) };
    if (stack.length === 0) return { kind: 'error', message: 'optimized out' };
    const top = stack[stack.length - 1];
    return isValue ? { kind: 'value', value: top } : { kind: 'memory', addr: top };
  };
  for (let steps = 0; !r.atEnd(); steps++) {
    if (steps > MAX_STEPS) throw new EvalError('expression does not terminate');
    const op = r.u8();
    if (op >= 0x30 && op <= 0x4f) { stack.push(BigInt(op - 0x30)); continue; }
    if (op >= 0x50 && op <= 0x6f) { register = op - 0x50; continue; }
    if (op >= 0x70 && op <= 0x8f) { stack.push(u64(reg(op - 0x70) + r.slebBig())); continue; }
    switch (op) {
      case 0x03: stack.push(r.u64big()); break; // addr
      case 0x06: stack.push(deref(pop(), 8)); break; // deref
      case 0x08: stack.push(BigInt(r.u8())); break;
      case 0x09: stack.push(u64(BigInt(r.i8()))); break;
      case 0x0a: stack.push(BigInt(r.u16())); break;
      case 0x0b: stack.push(u64(BigInt(r.i16()))); break;
      case 0x0c: stack.push(BigInt(r.u32())); break;
      case 0x0d: stack.push(u64(BigInt(r.i32()))); break;
      case 0x0e: stack.push(r.u64big()); break;
      case 0x0f: stack.push(u64(r.i64big())); break;
      case 0x10: stack.push(u64(r.ulebBig())); break; // constu
      case 0x11: stack.push(u64(r.slebBig())); break; // consts
      case 0x12: { const v = pop(); stack.push(v, v); break; } // dup
      case 0x13: pop(); break; // drop
      case 0x14: { if (stack.length < 2) throw new EvalError('expression stack underflow'); stack.push(stack[stack.length - 2]); break; } // over
      case 0x15: { const i = r.u8(); if (i >= stack.length) throw new EvalError('pick out of range'); stack.push(stack[stack.length - 1 - i]); break; }
      case 0x16: { const a = pop(); const b = pop(); stack.push(a, b); break; } // swap
      case 0x17: { const a = pop(); const b = pop(); const c = pop(); stack.push(a, c, b); break; } // rot
      case 0x19: { const v = s64(pop()); stack.push(u64(v < 0n ? -v : v)); break; } // abs
      case 0x1a: { const b = pop(); stack.push(pop() & b); break; }
      case 0x1b: { const b = s64(pop()); const a = s64(pop()); if (b === 0n) throw new EvalError('division by zero'); stack.push(u64(a / b)); break; }
      case 0x1c: { const b = pop(); stack.push(u64(pop() - b)); break; }
      case 0x1d: { const b = pop(); const a = pop(); if (b === 0n) throw new EvalError('division by zero'); stack.push(a % b); break; }
      case 0x1e: { const b = pop(); stack.push(u64(pop() * b)); break; }
      case 0x1f: stack.push(u64(-pop())); break;
      case 0x20: stack.push(u64(~pop())); break;
      case 0x21: { const b = pop(); stack.push(pop() | b); break; }
      case 0x22: { const b = pop(); stack.push(u64(pop() + b)); break; }
      case 0x23: stack.push(u64(pop() + r.ulebBig())); break; // plus_uconst
      case 0x24: { const b = pop(); stack.push(b >= 64n ? 0n : u64(pop() << b)); break; }
      case 0x25: { const b = pop(); stack.push(b >= 64n ? 0n : pop() >> b); break; }
      case 0x26: { const b = pop(); stack.push(u64(s64(pop()) >> (b >= 64n ? 63n : b))); break; }
      case 0x27: { const b = pop(); stack.push(pop() ^ b); break; }
      case 0x28: { const off = r.i16(); if (pop() !== 0n) r.pos += off; break; } // bra
      case 0x29: case 0x2a: case 0x2b: case 0x2c: case 0x2d: case 0x2e: {
        const b = s64(pop());
        const a = s64(pop());
        const result = [a === b, a >= b, a > b, a <= b, a < b, a !== b][op - 0x29];
        stack.push(result ? 1n : 0n);
        break;
      }
      case 0x2f: r.pos += r.i16(); break; // skip
      case 0x90: register = r.uleb(); break; // regx
      case 0x91: { // fbreg
        if (ctx.frameBase === undefined) throw new EvalError('frame base unavailable');
        stack.push(u64(ctx.frameBase + r.slebBig()));
        break;
      }
      case 0x92: { const n = r.uleb(); stack.push(u64(reg(n) + r.slebBig())); break; } // bregx
      case 0x93: // piece
      case 0x9d: { // bit_piece
        const size = r.uleb();
        if (op === 0x9d) r.uleb();
        pieces.push({ sizeBytes: op === 0x93 ? size : Math.ceil(size / 8), location: current() });
        stack.length = 0;
        register = undefined;
        isValue = false;
        implicit = undefined;
        break;
      }
      case 0x94: { const size = r.u8(); stack.push(deref(pop(), size)); break; } // deref_size
      case 0x96: break; // nop
      case 0x9c: { // call_frame_cfa
        if (ctx.cfa === undefined) throw new EvalError('CFA unavailable');
        stack.push(ctx.cfa);
        break;
      }
      case 0x9e: implicit = r.bytesView(r.uleb()); break; // implicit_value
      case 0x9f: isValue = true; break; // stack_value
      case 0xa1: case 0xa2: { // addrx, constx
        const v = ctx.addressAtIndex?.(r.uleb());
        if (v === undefined) throw new EvalError('address index unavailable');
        stack.push(v);
        break;
      }
      case 0xa3: case 0xf3: throw new EvalError('optimized out (entry value)');
      case 0xa0: case 0xf2: throw new EvalError('optimized out (implicit pointer)');
      case 0xa4: { r.uleb(); const size = r.u8(); stack.push(readUnsigned(r.bytesView(size))); break; } // const_type
      case 0xa5: { const n = r.uleb(); r.uleb(); stack.push(reg(n)); break; } // regval_type
      case 0xa6: { const size = r.u8(); r.uleb(); stack.push(deref(pop(), size)); break; } // deref_type
      case 0xa8: case 0xa9: r.uleb(); break; // convert, reinterpret: values stay 64-bit
      default:
        throw new EvalError(`unsupported DWARF operation 0x${op.toString(16)}`);
    }
  }
  if (pieces.length > 0) return { kind: 'pieces', pieces };
  return current();
}
