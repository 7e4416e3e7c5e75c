// The one-line display of a value, in the style of gdb and cpptools: integers (signed or not by
// their DWARF encoding, chars with their character), enums by name, pointers in hex (char
// pointers with their string, function pointers with their symbol), arrays and structs as short
// `{...}` previews. Memory that cannot be read shows `<unreadable: page 0x... not present>`.
import { stripTypedefs, type DwarfType } from '../../debuginfo';
import { UserFacingError } from '../contract';
import { arrayLength, elementType, isCharType, sizeOf } from './c-types';
import { charLiteral, hex, stringLiteral } from './format-text';
import type { TypeIndex } from './type-index';
import { elementValue, memberValue } from './value-parts';
import { loadFloat, loadInteger, type Storage, type Value } from './value';

/** How to display. */
export interface FormatOptions {
  /** integers in hex */
  hex?: boolean;
  /** names a code address (`main`, `main+0x12`) */
  symbolize?: (address: number) => string | undefined;
}

/** Characters of a string shown before `...`. */
export const STRING_LIMIT = 100;
const ARRAY_PREVIEW = 10;
const PREVIEW_CHARS = 120;

/** Turns a failure to read into the text shown in place of the value. */
export function failureText(error: unknown): string {
  if (!(error instanceof UserFacingError)) throw error;
  const m = error.message;
  return /^(page|cannot access)/.test(m) ? `<unreadable: ${m}>` : `<${m}>`;
}

/** The display of `v`. Never throws for unreadable memory: the failure becomes the text. */
export function formatValue(v: Value, storage: Storage, types: TypeIndex, options: FormatOptions = {}, depth = 0): string {
  try {
    return format(v, storage, types, options, depth);
  } catch (error) {
    return failureText(error);
  }
}

function format(v: Value, storage: Storage, types: TypeIndex, options: FormatOptions, depth: number): string {
  if (v.error !== undefined) return `<${v.error}>`;
  if (v.text !== undefined) return stringLiteral(Array.from(v.text, (c) => c.charCodeAt(0)));
  const t = types.complete(stripTypedefs(v.type));
  switch (t.kind) {
    case 'void': return 'void';
    case 'base': return formatBase(v, t, storage, options);
    case 'enum': {
      const n = loadInteger(v, storage);
      const e = t.enumerators.find((x) => x.value === n);
      return e ? e.name : formatInteger(n, v.type, options);
    }
    case 'pointer': return formatPointer(v, t, storage, options);
    case 'array': return formatArray(v, t, storage, types, options, depth);
    case 'struct':
    case 'union': return formatAggregate(v, t, storage, types, options, depth);
    case 'function': return v.place.kind === 'memory' ? codeAddress(v.place.address, options) : '<function>';
    default: return `<${t.kind === 'unknown' ? `unknown type ${t.name}` : 'unsupported type'}>`;
  }
}

/** An integer of `type` in decimal, or in hex (two's complement at the type's width). */
export function formatInteger(n: bigint, type: DwarfType, options: FormatOptions): string {
  if (!options.hex) return n.toString();
  const bits = (sizeOf(type) ?? 8) * 8;
  return hex(BigInt.asUintN(bits, n));
}

function formatBase(v: Value, t: DwarfType & { kind: 'base' }, storage: Storage, options: FormatOptions): string {
  if (t.encoding === 'float') {
    const x = loadFloat(v, storage);
    return Number.isInteger(x) && Math.abs(x) < 1e16 ? x.toFixed(0) : String(x);
  }
  const n = loadInteger(v, storage);
  if (t.encoding === 'boolean') return n === 0n ? 'false' : n === 1n ? 'true' : n.toString();
  if (isCharType(t)) return `${formatInteger(n, t, options)} ${charLiteral(Number(BigInt.asUintN(8, n)))}`;
  return formatInteger(n, v.type, options);
}

function codeAddress(address: bigint, options: FormatOptions): string {
  const name = address === 0n ? undefined : options.symbolize?.(Number(address));
  return name === undefined ? hex(address) : `${hex(address)} <${name}>`;
}

function formatPointer(v: Value, t: DwarfType & { kind: 'pointer' }, storage: Storage, options: FormatOptions): string {
  const address = BigInt.asUintN(64, loadInteger(v, storage));
  const target = stripTypedefs(t.target);
  if (target.kind === 'function') return codeAddress(address, options);
  if (address === 0n || !isCharType(target)) return hex(address);
  return `${hex(address)} ${cString(storage, Number(address))}`;
}

/** The C string at `address` as a quoted literal (`"..."...` when longer than the limit). */
export function cString(storage: Storage, address: number, limit = STRING_LIMIT): string {
  const got = storage.memory.readPrefix(address, limit + 1);
  const nul = got.bytes.indexOf(0);
  if (nul >= 0) return stringLiteral(got.bytes.subarray(0, nul));
  if (got.bytes.length > limit) return `${stringLiteral(got.bytes.subarray(0, limit))}...`;
  const unreadable = failureText(new UserFacingError(readFailure(storage, got.unreadableAt ?? address + got.bytes.length)));
  return got.bytes.length === 0 ? unreadable : `${stringLiteral(got.bytes)}${unreadable}`;
}

function readFailure(storage: Storage, address: number): string {
  try {
    storage.memory.read(BigInt(address), 1);
    return `cannot access memory at ${hex(address)}`;
  } catch (error) {
    return (error as Error).message;
  }
}

function formatArray(v: Value, t: DwarfType & { kind: 'array' }, storage: Storage, types: TypeIndex, options: FormatOptions, depth: number): string {
  const count = arrayLength(t);
  const element = elementType(t);
  if (count === undefined) return v.place.kind === 'memory' ? hex(v.place.address) : '[]';
  if (isCharType(element) && t.counts.length === 1) {
    const shown = Math.min(count, STRING_LIMIT);
    const bytes = v.place.kind === 'memory' && !v.bytes ? storage.memory.read(v.place.address, shown) : charBytes(v, shown, storage);
    const nul = bytes.indexOf(0);
    if (nul >= 0) return stringLiteral(bytes.subarray(0, nul));
    return count > shown ? `${stringLiteral(bytes)}...` : stringLiteral(bytes);
  }
  if (depth > 0) return '{...}';
  const parts: string[] = [];
  for (let i = 0; i < Math.min(count, ARRAY_PREVIEW); i++) parts.push(format(elementValue(v, BigInt(i), storage), storage, types, options, depth + 1));
  if (count > ARRAY_PREVIEW) parts.push('...');
  return `{${parts.join(', ')}}`;
}

function charBytes(v: Value, count: number, storage: Storage): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = Number(BigInt.asUintN(8, loadInteger(elementValue(v, BigInt(i), storage), storage)));
  return out;
}

function formatAggregate(v: Value, t: DwarfType & { kind: 'struct' | 'union' }, storage: Storage, types: TypeIndex, options: FormatOptions, depth: number): string {
  if (t.declaration) return '<incomplete type>';
  if (depth > 0) return '{...}';
  let out = '';
  for (const m of t.members) {
    const text = format(memberValue(v, m, storage), storage, types, options, depth + 1);
    const part = m.name === undefined ? text : `${m.name} = ${text}`;
    if (out.length + part.length > PREVIEW_CHARS) return `{${out}${out === '' ? '' : ', '}...}`;
    out += out === '' ? part : `, ${part}`;
  }
  return `{${out}}`;
}
