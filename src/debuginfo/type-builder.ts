// Builds the C type model from DWARF type entries, memoised by entry offset so that
// recursive types (a struct holding a pointer to itself) become cyclic object graphs.
import { attrDie, attrFlag, attrNumber, attrString, type Die, type DieForest } from './die-tree';
import { DW_AT, DW_ATE, DW_TAG } from './dwarf-constants';
import { evaluateLocation } from './location-expression';
import { VOID_TYPE, type BaseEncoding, type DwarfType, type StructMember } from './type-model';

/** Turns type entries into DwarfType objects; one instance per file. */
export class TypeBuilder {
  private readonly memo = new Map<number, DwarfType>();

  constructor(private readonly forest: DieForest) {}

  /** The type named by `die`'s DW_AT_type (void when absent or unreadable). */
  typeOfAttr(die: Die, at: number = DW_AT.type): DwarfType {
    const target = attrDie(die, at, this.forest);
    return target ? this.typeOf(target) : VOID_TYPE;
  }

  /** The type an entry describes; unknown tags give an 'unknown' type. Never throws. */
  typeOf(die: Die): DwarfType {
    const known = this.memo.get(die.offset);
    if (known) return known;
    try {
      return this.build(die);
    } catch {
      const fallback: DwarfType = { kind: 'unknown', id: die.offset, name: '?' };
      this.memo.set(die.offset, fallback);
      return fallback;
    }
  }

  private build(die: Die): DwarfType {
    const id = die.offset;
    const name = attrString(die, DW_AT.name);
    const size = attrNumber(die, DW_AT.byte_size);
    switch (die.tag) {
      case DW_TAG.base_type: {
        const t: DwarfType = { kind: 'base', id, name: name ?? '?', size: size ?? 0, encoding: encodingOf(attrNumber(die, DW_AT.encoding)) };
        this.memo.set(id, t);
        return t;
      }
      case DW_TAG.unspecified_type: {
        const t: DwarfType = { kind: 'unknown', id, name: name ?? 'void' };
        this.memo.set(id, t);
        return t;
      }
      case DW_TAG.pointer_type:
      case DW_TAG.reference_type: {
        const t = { kind: 'pointer', id, target: VOID_TYPE, size: size ?? die.unit.addressSize } as DwarfType & { kind: 'pointer' };
        this.memo.set(id, t);
        t.target = this.typeOfAttr(die);
        return t;
      }
      case DW_TAG.typedef: {
        const t = { kind: 'typedef', id, name: name ?? '?', target: VOID_TYPE } as DwarfType & { kind: 'typedef' };
        this.memo.set(id, t);
        t.target = this.typeOfAttr(die);
        return t;
      }
      case DW_TAG.const_type:
      case DW_TAG.volatile_type:
      case DW_TAG.restrict_type:
      case DW_TAG.atomic_type: {
        const qualifier = die.tag === DW_TAG.const_type ? 'const' : die.tag === DW_TAG.volatile_type ? 'volatile' : die.tag === DW_TAG.restrict_type ? 'restrict' : '_Atomic';
        const t = { kind: 'qualified', id, qualifier, target: VOID_TYPE } as DwarfType & { kind: 'qualified' };
        this.memo.set(id, t);
        t.target = this.typeOfAttr(die);
        return t;
      }
      case DW_TAG.array_type: {
        const t = { kind: 'array', id, element: VOID_TYPE, counts: [] } as DwarfType & { kind: 'array' };
        this.memo.set(id, t);
        t.element = this.typeOfAttr(die);
        for (const child of die.children) {
          if (child.tag === DW_TAG.subrange_type || child.tag === DW_TAG.enumeration_type) t.counts.push(subrangeCount(child));
        }
        if (t.counts.length === 0) t.counts.push(undefined);
        return t;
      }
      case DW_TAG.structure_type:
      case DW_TAG.class_type:
      case DW_TAG.union_type: {
        const kind = die.tag === DW_TAG.union_type ? 'union' : 'struct';
        const t = { kind, id, name, size, members: [], declaration: attrFlag(die, DW_AT.declaration) } as DwarfType & { kind: 'struct' | 'union' };
        this.memo.set(id, t);
        for (const child of die.children) if (child.tag === DW_TAG.member) t.members.push(this.member(child));
        return t;
      }
      case DW_TAG.enumeration_type: {
        const t = { kind: 'enum', id, name, size: size ?? 4, enumerators: [], underlying: undefined } as DwarfType & { kind: 'enum' };
        this.memo.set(id, t);
        if (die.attrs.has(DW_AT.type)) t.underlying = this.typeOfAttr(die);
        for (const child of die.children) {
          if (child.tag !== DW_TAG.enumerator) continue;
          const v = child.attrs.get(DW_AT.const_value);
          let value = 0n;
          if (v?.cls === 'constant') value = v.width > 0 && v.width < 8 && isSigned(t.underlying) ? BigInt.asIntN(v.width * 8, v.value) : v.value;
          t.enumerators.push({ name: attrString(child, DW_AT.name) ?? '?', value });
        }
        return t;
      }
      case DW_TAG.subroutine_type:
      case DW_TAG.subprogram: {
        const t = { kind: 'function', id, returnType: VOID_TYPE, params: [], variadic: false, prototyped: attrFlag(die, DW_AT.prototyped) } as DwarfType & { kind: 'function' };
        this.memo.set(id, t);
        t.returnType = this.typeOfAttr(die);
        for (const child of die.children) {
          if (child.tag === DW_TAG.formal_parameter) t.params.push(this.typeOfAttr(child));
          if (child.tag === DW_TAG.unspecified_parameters) t.variadic = true;
        }
        return t;
      }
      default: {
        const t: DwarfType = { kind: 'unknown', id, name: name ?? `<tag 0x${die.tag.toString(16)}>` };
        this.memo.set(id, t);
        return t;
      }
    }
  }

  private member(die: Die): StructMember {
    const type = this.typeOfAttr(die);
    const member: StructMember = { name: attrString(die, DW_AT.name), type, offset: memberOffset(die) };
    const bitSize = attrNumber(die, DW_AT.bit_size);
    if (bitSize !== undefined) {
      const dataBitOffset = attrNumber(die, DW_AT.data_bit_offset);
      let bitOffset: number;
      if (dataBitOffset !== undefined) {
        bitOffset = dataBitOffset;
      } else {
        // DWARF 2/3: DW_AT_bit_offset counts from the most significant bit of the storage unit.
        const storage = attrNumber(die, DW_AT.byte_size) ?? 4;
        bitOffset = member.offset * 8 + storage * 8 - (attrNumber(die, DW_AT.bit_offset) ?? 0) - bitSize;
      }
      member.offset = Math.floor(bitOffset / 8);
      member.bitField = { bitOffset, bitSize };
    }
    return member;
  }
}

function memberOffset(die: Die): number {
  const v = die.attrs.get(DW_AT.data_member_location);
  if (!v) return 0;
  if (v.cls === 'constant') return Number(v.value);
  if (v.cls === 'block') {
    const result = evaluateLocation(v.bytes, { registers: {}, readMemory: () => undefined, initialStack: [0n] });
    if (result.kind === 'memory') return Number(result.addr);
  }
  return 0;
}

function subrangeCount(die: Die): number | undefined {
  const count = die.attrs.get(DW_AT.count);
  if (count?.cls === 'constant') return Number(count.value);
  const upper = die.attrs.get(DW_AT.upper_bound);
  if (upper?.cls !== 'constant') return undefined;
  const lowerAttr = die.attrs.get(DW_AT.lower_bound);
  const lower = lowerAttr?.cls === 'constant' ? lowerAttr.value : 0n;
  // data1-4 bounds are unsigned; data8 is read as signed so that -1 (zero-length arrays) works.
  const high = upper.width === 8 ? BigInt.asIntN(64, upper.value) : upper.value;
  const n = Number(high - lower + 1n);
  return n >= 0 ? n : undefined;
}

function encodingOf(code: number | undefined): BaseEncoding {
  switch (code) {
    case DW_ATE.signed: return 'signed';
    case DW_ATE.unsigned: return 'unsigned';
    case DW_ATE.signed_char: return 'signedChar';
    case DW_ATE.unsigned_char: return 'unsignedChar';
    case DW_ATE.boolean: return 'boolean';
    case DW_ATE.float: return 'float';
    case DW_ATE.address: return 'address';
    case DW_ATE.UTF: return 'unsignedChar';
    default: return 'other';
  }
}

function isSigned(t: DwarfType | undefined): boolean {
  const base = t?.kind === 'typedef' || t?.kind === 'qualified' ? t.target : t;
  return base?.kind === 'base' && (base.encoding === 'signed' || base.encoding === 'signedChar');
}
