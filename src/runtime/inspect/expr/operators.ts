// C's operators on values: array/function decay, casts, unary and binary arithmetic with the
// integer promotions and usual arithmetic conversions, pointer arithmetic scaled by the pointee
// size, comparisons (and string equality for conditions).
import { formatTypeName, sizeOfType, stripTypedefs, type DwarfType } from '../../../debuginfo';
import { UserFacingError } from '../../contract';
import { BUILTIN, commonType, elementType, fitToType, isFloat, isInteger, pointerTo, promote, sizeOf } from '../c-types';
import { floatValue, intValue, loadFloat, loadInteger, type Storage, type Value } from '../value';
import type { BinaryOp, UnaryOp } from './ast';

/** A scalar operand. */
type Num =
  | { kind: 'int'; value: bigint; type: DwarfType }
  | { kind: 'float'; value: number; type: DwarfType }
  | { kind: 'ptr'; value: bigint; type: DwarfType & { kind: 'pointer' } };

/** Longest string a condition compares against memory. */
const MAX_COMPARED_STRING = 4096;

function fail(message: string): never {
  throw new UserFacingError(message);
}

/** `v` with arrays and functions turned into pointers to their first element / entry. */
export function decay(v: Value): Value {
  const t = stripTypedefs(v.type);
  if (t.kind !== 'array' && t.kind !== 'function') return v;
  if (v.text !== undefined) return v;
  if (v.place.kind !== 'memory') fail(t.kind === 'array' ? 'array is not in memory' : 'function has no address');
  const target = t.kind === 'array' ? elementType(t) : v.type;
  return intValue(pointerTo(target), v.place.address);
}

/** The scalar behind `v` (after decay); throws for structs, strings and void. */
function toNum(value: Value, storage: Storage): Num {
  const v = decay(value);
  if (v.text !== undefined) fail('a string can only be compared with == or !=');
  const t = stripTypedefs(v.type);
  if (t.kind === 'pointer') return { kind: 'ptr', value: BigInt.asUintN(64, loadInteger(v, storage)), type: t };
  if (isFloat(t)) return { kind: 'float', value: loadFloat(v, storage), type: t };
  if (isInteger(t)) return { kind: 'int', value: loadInteger(v, storage), type: v.type };
  fail(`invalid operand of type '${formatTypeName(v.type)}'`);
}

/** True when `v` is nonzero (C's test of a condition). */
export function truthy(v: Value, storage: Storage): boolean {
  const n = toNum(v, storage);
  return n.kind === 'float' ? n.value !== 0 : n.value !== 0n;
}

/** The integer value of `v` (integers and pointers), for indexes, shift counts and addresses. */
export function integerOf(v: Value, storage: Storage): bigint {
  const n = toNum(v, storage);
  if (n.kind === 'float') return BigInt(Math.trunc(n.value));
  return n.value;
}

function convertNum(n: Num, target: DwarfType): Value {
  if (isFloat(target)) return floatValue(target, n.kind === 'float' ? n.value : Number(n.value));
  const value = n.kind === 'float' ? BigInt(Math.trunc(Number.isFinite(n.value) ? n.value : 0)) : n.value;
  return intValue(target, value);
}

/** `(target) v`. Throws for casts C does not allow (struct to int, ...). */
export function castValue(v: Value, target: DwarfType, storage: Storage): Value {
  const t = stripTypedefs(target);
  if (t.kind === 'void') return { type: target, place: { kind: 'none' }, bytes: new Uint8Array(0) };
  if (t.kind === 'struct' || t.kind === 'union') {
    const from = stripTypedefs(v.type);
    if ((from.kind === 'struct' || from.kind === 'union') && from.name === t.name && from.kind === t.kind) return { ...v, type: target };
    fail(`invalid cast to '${formatTypeName(target)}'`);
  }
  if (t.kind === 'array' || t.kind === 'function') fail(`cannot cast to '${formatTypeName(target)}'`);
  const n = toNum(v, storage);
  if (t.kind === 'pointer' && n.kind === 'float') fail('cannot cast a floating-point value to a pointer');
  return convertNum(n, target);
}

/** Converts `v` to the type of an assignment target (as C's simple assignment does). */
export function convertForAssignment(v: Value, target: DwarfType, storage: Storage): Value {
  const t = stripTypedefs(target);
  if (t.kind === 'struct' || t.kind === 'union') return castValue(v, target, storage);
  if (t.kind === 'array') fail('cannot assign to an array');
  return castValue(v, target, storage);
}

/** A unary arithmetic operator: `-`, `+`, `~`, `!`. (`*` and `&` are the evaluator's.) */
export function unaryOp(op: Exclude<UnaryOp, '*' | '&'>, v: Value, storage: Storage): Value {
  const n = toNum(v, storage);
  if (op === '!') return intValue(BUILTIN.int, (n.kind === 'float' ? n.value === 0 : n.value === 0n) ? 1n : 0n);
  if (n.kind === 'ptr') fail(`invalid operand of type '${formatTypeName(n.type)}' to unary '${op}'`);
  if (n.kind === 'float') {
    if (op === '~') fail("invalid operand of floating type to '~'");
    return floatValue(n.type, op === '-' ? -n.value : n.value);
  }
  const type = promote(n.type);
  const value = op === '-' ? -n.value : op === '~' ? ~n.value : n.value;
  return intValue(type, value);
}

/** A binary operator applied to two values (already evaluated; `&&`, `||` are the evaluator's). */
export function binaryOp(op: BinaryOp, left: Value, right: Value, storage: Storage): Value {
  if ((op === '==' || op === '!=') && (left.text !== undefined || right.text !== undefined)) {
    const equal = stringOf(left, storage) === stringOf(right, storage);
    return intValue(BUILTIN.int, equal === (op === '==') ? 1n : 0n);
  }
  const a = toNum(left, storage);
  const b = toNum(right, storage);
  if (a.kind === 'ptr' || b.kind === 'ptr') return pointerOp(op, a, b);
  if (a.kind === 'float' || b.kind === 'float') return floatOp(op, Number(a.value), Number(b.value));
  return integerOp(op, a, b);
}

function compare(op: BinaryOp, x: bigint | number, y: bigint | number): Value | undefined {
  let r: boolean;
  switch (op) {
    case '<': r = x < y; break;
    case '>': r = x > y; break;
    case '<=': r = x <= y; break;
    case '>=': r = x >= y; break;
    case '==': r = x === y; break;
    case '!=': r = x !== y; break;
    default: return undefined;
  }
  return intValue(BUILTIN.int, r ? 1n : 0n);
}

function integerOp(op: BinaryOp, a: Num & { kind: 'int' }, b: Num & { kind: 'int' }): Value {
  if (op === '<<' || op === '>>') {
    const type = promote(a.type);
    const bits = BigInt((sizeOfType(type) ?? 4) * 8);
    const x = fitToType(a.value, type);
    const count = b.value;
    if (count < 0n || count >= bits) return intValue(type, op === '>>' && x < 0n ? -1n : 0n);
    return intValue(type, op === '<<' ? x << count : x >> count);
  }
  const type = commonType(a.type, b.type);
  const x = fitToType(a.value, type);
  const y = fitToType(b.value, type);
  const compared = compare(op, x, y);
  if (compared) return compared;
  switch (op) {
    case '+': return intValue(type, x + y);
    case '-': return intValue(type, x - y);
    case '*': return intValue(type, x * y);
    case '/':
    case '%':
      if (y === 0n) fail('division by zero');
      return intValue(type, op === '/' ? x / y : x % y);
    case '&': return intValue(type, x & y);
    case '|': return intValue(type, x | y);
    case '^': return intValue(type, x ^ y);
    default: fail(`unsupported operator '${op}'`);
  }
}

function floatOp(op: BinaryOp, x: number, y: number): Value {
  const compared = compare(op, x, y);
  if (compared) return compared;
  switch (op) {
    case '+': return floatValue(BUILTIN.double, x + y);
    case '-': return floatValue(BUILTIN.double, x - y);
    case '*': return floatValue(BUILTIN.double, x * y);
    case '/': return floatValue(BUILTIN.double, x / y);
    default: fail(`invalid operands of floating type to '${op}'`);
  }
}

/** Size of what pointer type `p` points to, for scaling (GNU: void and functions count as 1). */
function stride(p: DwarfType & { kind: 'pointer' }): bigint {
  const size = sizeOf(p.target, true);
  if (size === undefined) fail(`arithmetic on a pointer to an incomplete type '${formatTypeName(p.target)}'`);
  return BigInt(size);
}

function pointerOp(op: BinaryOp, a: Num, b: Num): Value {
  if (a.kind === 'ptr' && b.kind === 'ptr') {
    const compared = compare(op, a.value, b.value);
    if (compared) return compared;
    if (op === '-') {
      const size = stride(a.type);
      if (size !== stride(b.type)) fail('subtracting pointers to different types');
      return intValue(BUILTIN.long, BigInt.asIntN(64, a.value - b.value) / size);
    }
    fail(`invalid operands to '${op}' (two pointers)`);
  }
  const [p, n, pointerFirst] = a.kind === 'ptr' ? [a, b, true] : [b as Num & { kind: 'ptr' }, a, false];
  if (n.kind === 'float') fail(`invalid operands to '${op}' (pointer and floating value)`);
  const compared = compare(op, p.value, BigInt.asUintN(64, n.value));
  if (compared) return pointerFirst ? compared : compare(op, BigInt.asUintN(64, n.value), p.value) as Value;
  if (op === '+') return intValue(p.type, p.value + n.value * stride(p.type));
  if (op === '-' && pointerFirst) return intValue(p.type, p.value - n.value * stride(p.type));
  if (op === '&' || op === '|' || op === '^') {
    const x = pointerFirst ? p.value : BigInt.asUintN(64, n.value);
    const y = pointerFirst ? BigInt.asUintN(64, n.value) : p.value;
    const r = op === '&' ? x & y : op === '|' ? x | y : x ^ y;
    return intValue(BUILTIN.unsignedLong, r);
  }
  fail(`invalid operands to '${op}' (pointer and integer)`);
}

/** The string a value denotes for `==`: a literal's text, or the C string a char pointer/array points at. */
function stringOf(v: Value, storage: Storage): string {
  if (v.text !== undefined) return v.text;
  const d = decay(v);
  const t = stripTypedefs(d.type);
  if (t.kind !== 'pointer' || (sizeOfType(t.target) ?? 0) !== 1) fail(`cannot compare '${formatTypeName(v.type)}' with a string`);
  const address = Number(BigInt.asUintN(64, loadInteger(d, storage)));
  const got = storage.memory.readPrefix(address, MAX_COMPARED_STRING);
  const nul = got.bytes.indexOf(0);
  if (nul < 0) storage.memory.read(BigInt(address + got.bytes.length), 1);
  return String.fromCharCode(...got.bytes.subarray(0, nul));
}
