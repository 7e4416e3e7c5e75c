// The parts of a value: a struct member, an array element, the object a pointer points at.
// Parts of an lvalue are lvalues at the right address; parts of computed values are byte slices.
import { formatTypeName, stripTypedefs, type DwarfType, type StructMember } from '../../debuginfo';
import { UserFacingError } from '../contract';
import { elementType, sizeOf } from './c-types';
import type { TypeIndex } from './type-index';
import { loadBytes, loadInteger, type Place, type Storage, type Value } from './value';

function offsetPlace(place: Place, bytes: number): Place {
  if (place.kind === 'memory') return { kind: 'memory', address: BigInt.asUintN(64, place.address + BigInt(bytes)) };
  if (place.kind === 'register') return { kind: 'register', name: place.name, offset: place.offset + bytes };
  return place;
}

/** The part of `whole` at byte `offset` with `type` (and bit field `bitField`). */
function partOf(whole: Value, offset: number, type: DwarfType, storage: Storage, bitField?: { bitOffset: number; bitSize: number }): Value {
  if (whole.error !== undefined) return { type, place: { kind: 'none' }, error: whole.error };
  const place = offsetPlace(whole.place, offset);
  if (whole.place.kind === 'memory' && !whole.bytes) return { type, place, bitField };
  const size = bitField ? Math.ceil((bitField.bitOffset + bitField.bitSize) / 8) : (sizeOf(type) ?? 0);
  const source = whole.place.kind === 'none' || whole.bytes ? loadBytes(whole, storage) : undefined;
  if (!source) return { type, place, bitField };
  return { type, place, bitField, bytes: source.slice(offset, offset + size) };
}

/** A member of struct/union value `object`. */
export function memberValue(object: Value, member: StructMember, storage: Storage): Value {
  if (member.bitField) {
    const bitOffset = member.bitField.bitOffset - member.offset * 8;
    return partOf(object, member.offset, member.type, storage, { bitOffset, bitSize: member.bitField.bitSize });
  }
  return partOf(object, member.offset, member.type, storage);
}

/** Finds member `name` of a struct/union, looking inside anonymous members; the path of members to it. */
export function findMember(aggregate: DwarfType, name: string, types: TypeIndex, depth = 0): StructMember[] | undefined {
  const t = types.complete(stripTypedefs(aggregate));
  if ((t.kind !== 'struct' && t.kind !== 'union') || depth > 8) return undefined;
  for (const m of t.members) {
    if (m.name === name) return [m];
    if (m.name === undefined) {
      const inner = findMember(m.type, name, types, depth + 1);
      if (inner) return [m, ...inner];
    }
  }
  return undefined;
}

/** Element `index` of array value `array` (any index: C does not check bounds). */
export function elementValue(array: Value, index: bigint, storage: Storage): Value {
  const t = stripTypedefs(array.type);
  if (t.kind !== 'array') throw new UserFacingError('not an array');
  const element = elementType(t);
  const size = sizeOf(element);
  if (size === undefined) throw new UserFacingError(`array of incomplete type '${formatTypeName(element)}'`);
  const offset = Number(index) * size;
  if (array.place.kind === 'memory') return { type: element, place: offsetPlace(array.place, offset) };
  const count = t.counts[0];
  if (count !== undefined && (index < 0n || index >= BigInt(count))) throw new UserFacingError(`index ${index} out of bounds of a value not in memory`);
  return partOf(array, offset, element, storage);
}

/**
 * The object pointer `pointer` points at, as an lvalue in memory (its type completed when the
 * pointer's target is only declared). Throws for void pointers and non-pointers.
 */
export function derefValue(pointer: Value, storage: Storage, types: TypeIndex): Value {
  const t = stripTypedefs(pointer.type);
  if (t.kind !== 'pointer') throw new UserFacingError('cannot dereference a non-pointer');
  const target = stripTypedefs(t.target);
  if (target.kind === 'void') throw new UserFacingError('cannot dereference a void pointer');
  const address = BigInt.asUintN(64, loadInteger(pointer, storage));
  const type = target.kind === 'struct' || target.kind === 'union' ? (target.declaration ? types.complete(target) : t.target) : t.target;
  return { type, place: { kind: 'memory', address } };
}
