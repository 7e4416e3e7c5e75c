// A value of the inspected program: its type and where it lives (memory, a register, or nowhere
// for computed values), loaded lazily so that a large array costs nothing until shown.
import { sizeOfType, stripTypedefs, type DwarfType } from '../../debuginfo';
import { UserFacingError } from '../contract';
import { fitToType, isSigned } from './c-types';
import type { MemoryPort, RegisterPort } from './memory-port';

/** Where a value lives. */
export type Place =
  /** an object in memory (an lvalue) */
  | { kind: 'memory'; address: bigint }
  /** (part of) a 64-bit register, `offset` bytes from its low end */
  | { kind: 'register'; name: string; offset: number }
  /** a computed value (not an lvalue) */
  | { kind: 'none' };

/** A typed value. `bytes` holds the contents once known (always for computed values). */
export interface Value {
  readonly type: DwarfType;
  readonly place: Place;
  bytes?: Uint8Array;
  /** a bit field: bits counted from the first byte of the place */
  readonly bitField?: { bitOffset: number; bitSize: number };
  /** the text of a string literal (or a string field of a VM event) */
  readonly text?: string;
  /** why the value cannot be read at all (optimised out, ...) */
  readonly error?: string;
}

/** What loading and storing need: memory and (optionally) registers. */
export interface Storage {
  readonly memory: MemoryPort;
  readonly registers: RegisterPort | undefined;
}

/** Largest object the inspector loads at once. */
export const MAX_LOAD = 1 << 20;

/** Little-endian unsigned integer of `bytes`. */
export function bytesToBigint(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

/** The `size` little-endian bytes of `value` (two's complement). */
export function bigintToBytes(value: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let v = BigInt.asUintN(size * 8, value);
  for (let i = 0; i < size; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** A computed value of integer or pointer `type`. */
export function intValue(type: DwarfType, value: bigint): Value {
  const size = sizeOfType(type) ?? 8;
  return { type, place: { kind: 'none' }, bytes: bigintToBytes(fitToType(value, type), size) };
}

/** A computed value of floating `type`. */
export function floatValue(type: DwarfType, value: number): Value {
  const size = sizeOfType(type) ?? 8;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  if (size === 4) view.setFloat32(0, value, true);
  else view.setFloat64(0, value, true);
  return { type, place: { kind: 'none' }, bytes };
}

/** A value whose contents cannot be known (shown as `<message>`). */
export function errorValue(type: DwarfType, message: string): Value {
  return { type, place: { kind: 'none' }, error: message };
}

/** The number of bytes a load of `v` reads. */
function loadSize(v: Value): number {
  if (v.bitField) return Math.ceil((v.bitField.bitOffset + v.bitField.bitSize) / 8);
  const size = sizeOfType(v.type);
  if (size === undefined) throw new UserFacingError('value of incomplete type');
  if (size > MAX_LOAD) throw new UserFacingError(`value too large to load (${size} bytes)`);
  return size;
}

/**
 * The raw bytes of `v` (for a bit field: the bytes holding it). Throws UserFacingError when they
 * cannot be read (page not present, register not saved, optimised out).
 */
export function loadBytes(v: Value, storage: Storage): Uint8Array {
  if (v.error !== undefined) throw new UserFacingError(v.error);
  if (v.bytes) return v.bytes;
  const size = loadSize(v);
  const place = v.place;
  if (place.kind === 'memory') {
    v.bytes = storage.memory.read(place.address, size);
    return v.bytes;
  }
  if (place.kind === 'register') {
    const reg = storage.registers?.get(place.name);
    if (reg === undefined) throw new UserFacingError(`register ${place.name} not saved in this frame`);
    if (place.offset + size > 8) throw new UserFacingError(`value does not fit in register ${place.name}`);
    v.bytes = bigintToBytes(reg >> BigInt(place.offset * 8), size);
    return v.bytes;
  }
  throw new UserFacingError('value unavailable');
}

/** The integer (or pointer) of `v`, sign-extended when its type is signed. */
export function loadInteger(v: Value, storage: Storage): bigint {
  const bytes = loadBytes(v, storage);
  let raw = bytesToBigint(bytes);
  let bits = bytes.length * 8;
  if (v.bitField) {
    raw = (raw >> BigInt(v.bitField.bitOffset)) & ((1n << BigInt(v.bitField.bitSize)) - 1n);
    bits = v.bitField.bitSize;
  }
  const t = stripTypedefs(v.type);
  if (t.kind === 'base' && t.encoding === 'boolean') return raw !== 0n ? 1n : 0n;
  return isSigned(v.type) ? BigInt.asIntN(bits, raw) : raw;
}

/** The number of a floating-point `v`. */
export function loadFloat(v: Value, storage: Storage): number {
  const bytes = loadBytes(v, storage);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length === 4) return view.getFloat32(0, true);
  if (bytes.length === 8) return view.getFloat64(0, true);
  throw new UserFacingError(`unsupported floating-point size ${bytes.length}`);
}

/** True when `v` is an lvalue (can be assigned or, in memory, have its address taken). */
export function isLvalue(v: Value): boolean {
  return v.place.kind !== 'none' && v.error === undefined;
}

/**
 * Stores `bytes` (already the size of `target`'s type; for a bit field the field's value in the
 * low bits) into lvalue `target`. Throws UserFacingError when it is not an lvalue or the write fails.
 */
export function storeBytes(target: Value, bytes: Uint8Array, storage: Storage): void {
  const place = target.place;
  if (place.kind === 'none' || target.error !== undefined) throw new UserFacingError('not an lvalue');
  let out = bytes;
  if (target.bitField) {
    const { bitOffset, bitSize } = target.bitField;
    const holder = loadBytes({ ...target, bytes: undefined }, storage);
    const mask = ((1n << BigInt(bitSize)) - 1n) << BigInt(bitOffset);
    const merged = (bytesToBigint(holder) & ~mask) | ((bytesToBigint(bytes) << BigInt(bitOffset)) & mask);
    out = bigintToBytes(merged, holder.length);
  }
  if (place.kind === 'memory') {
    storage.memory.write(place.address, out);
    return;
  }
  const regs = storage.registers;
  const old = regs?.get(place.name);
  if (!regs || old === undefined) throw new UserFacingError(`register ${place.name} not available in this frame`);
  const shift = BigInt(place.offset * 8);
  const mask = ((1n << BigInt(out.length * 8)) - 1n) << shift;
  const merged = (old & ~mask) | ((bytesToBigint(out) << shift) & mask);
  if (!regs.set(place.name, BigInt.asUintN(64, merged))) throw new UserFacingError(`cannot write register ${place.name} in this frame (only the innermost frame's registers can be changed)`);
}
