// C's view of the DWARF types: which are integers, pointers, aggregates; the built-in base types;
// integer promotions and the usual arithmetic conversions of an LP64 target (int 32, long 64).
import { sizeOfType, stripTypedefs, VOID_TYPE, type BaseEncoding, type DwarfType } from '../../debuginfo';

/** Ids of types made up by the debugger (not in any DWARF file) are negative. */
let nextSyntheticId = -100;

function base(name: string, size: number, encoding: BaseEncoding): DwarfType {
  return { kind: 'base', id: nextSyntheticId--, name, size, encoding };
}

/** The C base types the expression language knows without debug info. */
export const BUILTIN = {
  char: base('char', 1, 'signedChar'),
  signedChar: base('signed char', 1, 'signedChar'),
  unsignedChar: base('unsigned char', 1, 'unsignedChar'),
  short: base('short', 2, 'signed'),
  unsignedShort: base('unsigned short', 2, 'unsigned'),
  int: base('int', 4, 'signed'),
  unsignedInt: base('unsigned int', 4, 'unsigned'),
  long: base('long', 8, 'signed'),
  unsignedLong: base('unsigned long', 8, 'unsigned'),
  longLong: base('long long', 8, 'signed'),
  unsignedLongLong: base('unsigned long long', 8, 'unsigned'),
  bool: base('_Bool', 1, 'boolean'),
  float: base('float', 4, 'float'),
  double: base('double', 8, 'float'),
  void: VOID_TYPE,
} as const;

const pointerCache = new WeakMap<DwarfType, DwarfType>();

/** The type `target *` (one shared object per target). */
export function pointerTo(target: DwarfType): DwarfType {
  let p = pointerCache.get(target);
  if (!p) {
    p = { kind: 'pointer', id: nextSyntheticId--, target, size: 8 };
    pointerCache.set(target, p);
  }
  return p;
}

/** The type `element [count]`. */
export function arrayOf(element: DwarfType, count: number | undefined): DwarfType {
  return { kind: 'array', id: nextSyntheticId--, element, counts: [count] };
}

/** The type of one element of an array type (a sub-array for multi-dimensional arrays). */
export function elementType(array: DwarfType & { kind: 'array' }): DwarfType {
  if (array.counts.length <= 1) return array.element;
  return { kind: 'array', id: nextSyntheticId--, element: array.element, counts: array.counts.slice(1) };
}

/** Element count of the outermost dimension, or undefined when unknown. */
export function arrayLength(array: DwarfType & { kind: 'array' }): number | undefined {
  return array.counts[0];
}

/** True for integer types: base integers, characters, booleans and enums. */
export function isInteger(type: DwarfType): boolean {
  const t = stripTypedefs(type);
  if (t.kind === 'enum') return true;
  return t.kind === 'base' && t.encoding !== 'float' && t.encoding !== 'other';
}

/** True for float and double. */
export function isFloat(type: DwarfType): boolean {
  const t = stripTypedefs(type);
  return t.kind === 'base' && t.encoding === 'float';
}

/** True for pointer types. */
export function isPointer(type: DwarfType): boolean {
  return stripTypedefs(type).kind === 'pointer';
}

/** True for character types (char, signed char, unsigned char). */
export function isCharType(type: DwarfType): boolean {
  const t = stripTypedefs(type);
  return t.kind === 'base' && t.size === 1 && (t.encoding === 'signedChar' || t.encoding === 'unsignedChar');
}

/** True when the integer type is signed (enums follow their underlying type, else unsigned unless a value is negative). */
export function isSigned(type: DwarfType): boolean {
  const t = stripTypedefs(type);
  if (t.kind === 'base') return t.encoding === 'signed' || t.encoding === 'signedChar';
  if (t.kind === 'enum') {
    if (t.underlying) return isSigned(t.underlying);
    return t.enumerators.some((e) => e.value < 0n);
  }
  return false;
}

/** The size in bytes, treating functions and void as 1 (for GNU pointer arithmetic) when `gnu` is set. */
export function sizeOf(type: DwarfType, gnu = false): number | undefined {
  const t = stripTypedefs(type);
  if (gnu && (t.kind === 'void' || t.kind === 'function')) return 1;
  return sizeOfType(type);
}

/** Type after the integer promotions (integers narrower than int become int). */
export function promote(type: DwarfType): DwarfType {
  const t = stripTypedefs(type);
  if (t.kind === 'enum') return isSigned(t) || t.size < 4 ? BUILTIN.int : t.size > 4 ? BUILTIN.unsignedLong : BUILTIN.unsignedInt;
  if (t.kind !== 'base' || t.encoding === 'float') return type;
  if (t.size < 4) return BUILTIN.int;
  if (t.encoding === 'boolean') return BUILTIN.int;
  if (t.size === 4) return isSigned(t) ? BUILTIN.int : BUILTIN.unsignedInt;
  return isSigned(t) ? BUILTIN.long : BUILTIN.unsignedLong;
}

/** The common type of two arithmetic operands (C's usual arithmetic conversions, LP64). */
export function commonType(a: DwarfType, b: DwarfType): DwarfType {
  if (isFloat(a) || isFloat(b)) return BUILTIN.double;
  const pa = promote(a);
  const pb = promote(b);
  const sa = sizeOfType(pa) ?? 4;
  const sb = sizeOfType(pb) ?? 4;
  const size = Math.max(sa, sb);
  const unsigned = (sa === size && !isSigned(pa)) || (sb === size && !isSigned(pb));
  if (size <= 4) return unsigned ? BUILTIN.unsignedInt : BUILTIN.int;
  return unsigned ? BUILTIN.unsignedLong : BUILTIN.long;
}

/** `value` reduced to the width and signedness of integer `type` (pointers: unsigned 64-bit). */
export function fitToType(value: bigint, type: DwarfType): bigint {
  const t = stripTypedefs(type);
  if (t.kind === 'base' && t.encoding === 'boolean') return value !== 0n ? 1n : 0n;
  const bits = (sizeOfType(t) ?? 8) * 8;
  return isSigned(t) ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
}
