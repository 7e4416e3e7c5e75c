// Decoding one attribute value of any DWARF form into a small tagged union.
import { ByteReader, DecodeError, cStringAt } from './byte-reader';
import { DW_FORM } from './dwarf-constants';
import type { DwarfSections } from './dwarf-sections';

/** A decoded attribute value, by form class. Indexed forms are resolved once bases are known. */
export type AttrValue =
  | { cls: 'address'; value: number }
  /** dataN / udata / sdata / implicit_const; `width` is the byte size for dataN, 0 for LEB forms. */
  | { cls: 'constant'; value: bigint; width: number }
  | { cls: 'flag'; value: boolean }
  | { cls: 'string'; value: string }
  /** Absolute offset of the referenced DIE in .debug_info. */
  | { cls: 'reference'; offset: number }
  /** block1/2/4, block, exprloc and data16 bytes. */
  | { cls: 'block'; bytes: Uint8Array; exprloc: boolean }
  /** sec_offset, or a resolved rnglistx/loclistx: an offset into the section the attribute names. */
  | { cls: 'secOffset'; offset: number }
  /** An unresolved strx/addrx/rnglistx/loclistx index. */
  | { cls: 'index'; kind: 'str' | 'addr' | 'rnglist' | 'loclist'; index: number }
  | { cls: 'unsupported'; form: number };

/** What a form decoder needs to know about the unit it reads. */
export interface FormContext {
  sections: DwarfSections;
  version: number;
  addressSize: number;
  offsetSize: 4 | 8;
  /** Offset of the unit header in .debug_info (unit-relative references add it). */
  unitOffset: number;
}

/** Reads one attribute of `form` at the reader's position. Throws DecodeError on bad input. */
export function readAttributeValue(r: ByteReader, form: number, ctx: FormContext, implicitConst: bigint): AttrValue {
  const { sections } = ctx;
  switch (form) {
    case DW_FORM.addr:
      return { cls: 'address', value: r.uint(ctx.addressSize) };
    case DW_FORM.data1:
      return { cls: 'constant', value: BigInt(r.u8()), width: 1 };
    case DW_FORM.data2:
      return { cls: 'constant', value: BigInt(r.u16()), width: 2 };
    case DW_FORM.data4:
      return { cls: 'constant', value: BigInt(r.u32()), width: 4 };
    case DW_FORM.data8:
      return { cls: 'constant', value: r.u64big(), width: 8 };
    case DW_FORM.data16:
      return { cls: 'block', bytes: r.bytesView(16), exprloc: false };
    case DW_FORM.sdata:
      return { cls: 'constant', value: r.slebBig(), width: 0 };
    case DW_FORM.udata:
      return { cls: 'constant', value: r.ulebBig(), width: 0 };
    case DW_FORM.implicit_const:
      return { cls: 'constant', value: implicitConst, width: 0 };
    case DW_FORM.flag:
      return { cls: 'flag', value: r.u8() !== 0 };
    case DW_FORM.flag_present:
      return { cls: 'flag', value: true };
    case DW_FORM.string:
      return { cls: 'string', value: r.cstring() };
    case DW_FORM.strp:
      return { cls: 'string', value: cStringAt(sections.str, r.offset(ctx.offsetSize)) };
    case DW_FORM.line_strp:
      return { cls: 'string', value: cStringAt(sections.lineStr, r.offset(ctx.offsetSize)) };
    case DW_FORM.strp_sup:
    case DW_FORM.GNU_strp_alt:
      r.offset(ctx.offsetSize);
      return { cls: 'unsupported', form };
    case DW_FORM.strx:
    case DW_FORM.GNU_str_index:
      return { cls: 'index', kind: 'str', index: r.uleb() };
    case DW_FORM.strx1:
      return { cls: 'index', kind: 'str', index: r.u8() };
    case DW_FORM.strx2:
      return { cls: 'index', kind: 'str', index: r.u16() };
    case DW_FORM.strx3:
      return { cls: 'index', kind: 'str', index: r.u24() };
    case DW_FORM.strx4:
      return { cls: 'index', kind: 'str', index: r.u32() };
    case DW_FORM.addrx:
    case DW_FORM.GNU_addr_index:
      return { cls: 'index', kind: 'addr', index: r.uleb() };
    case DW_FORM.addrx1:
      return { cls: 'index', kind: 'addr', index: r.u8() };
    case DW_FORM.addrx2:
      return { cls: 'index', kind: 'addr', index: r.u16() };
    case DW_FORM.addrx3:
      return { cls: 'index', kind: 'addr', index: r.u24() };
    case DW_FORM.addrx4:
      return { cls: 'index', kind: 'addr', index: r.u32() };
    case DW_FORM.rnglistx:
      return { cls: 'index', kind: 'rnglist', index: r.uleb() };
    case DW_FORM.loclistx:
      return { cls: 'index', kind: 'loclist', index: r.uleb() };
    case DW_FORM.ref1:
      return { cls: 'reference', offset: ctx.unitOffset + r.u8() };
    case DW_FORM.ref2:
      return { cls: 'reference', offset: ctx.unitOffset + r.u16() };
    case DW_FORM.ref4:
      return { cls: 'reference', offset: ctx.unitOffset + r.u32() };
    case DW_FORM.ref8:
      return { cls: 'reference', offset: ctx.unitOffset + r.u64() };
    case DW_FORM.ref_udata:
      return { cls: 'reference', offset: ctx.unitOffset + r.uleb() };
    case DW_FORM.ref_addr:
      return { cls: 'reference', offset: ctx.version <= 2 ? r.uint(ctx.addressSize) : r.offset(ctx.offsetSize) };
    case DW_FORM.ref_sig8:
      r.skip(8);
      return { cls: 'unsupported', form };
    case DW_FORM.ref_sup4:
      r.skip(4);
      return { cls: 'unsupported', form };
    case DW_FORM.ref_sup8:
      r.skip(8);
      return { cls: 'unsupported', form };
    case DW_FORM.GNU_ref_alt:
      r.offset(ctx.offsetSize);
      return { cls: 'unsupported', form };
    case DW_FORM.sec_offset:
      return { cls: 'secOffset', offset: r.offset(ctx.offsetSize) };
    case DW_FORM.exprloc:
    case DW_FORM.block:
      return { cls: 'block', bytes: r.bytesView(r.uleb()), exprloc: form === DW_FORM.exprloc };
    case DW_FORM.block1:
      return { cls: 'block', bytes: r.bytesView(r.u8()), exprloc: false };
    case DW_FORM.block2:
      return { cls: 'block', bytes: r.bytesView(r.u16()), exprloc: false };
    case DW_FORM.block4:
      return { cls: 'block', bytes: r.bytesView(r.u32()), exprloc: false };
    case DW_FORM.indirect:
      return readAttributeValue(r, r.uleb(), ctx, implicitConst);
    default:
      // An unknown form has an unknown size: the rest of the unit cannot be read.
      throw new DecodeError(`unknown attribute form 0x${form.toString(16)}`);
  }
}

/** Bases from the unit's root DIE, used to resolve indexed forms. */
export interface IndexBases {
  strOffsetsBase: number;
  addrBase: number;
  rnglistsBase: number;
  loclistsBase: number;
}

/** Resolves strx/addrx/rnglistx/loclistx values; unresolvable ones become 'unsupported'. */
export function resolveIndexed(value: AttrValue, ctx: FormContext, bases: IndexBases): AttrValue {
  if (value.cls !== 'index') return value;
  const { sections, offsetSize, addressSize } = ctx;
  try {
    switch (value.kind) {
      case 'str': {
        const r = new ByteReader(sections.strOffsets, bases.strOffsetsBase + value.index * offsetSize);
        return { cls: 'string', value: cStringAt(sections.str, r.offset(offsetSize)) };
      }
      case 'addr': {
        const r = new ByteReader(sections.addr, bases.addrBase + value.index * addressSize);
        return { cls: 'address', value: r.uint(addressSize) };
      }
      case 'rnglist': {
        const r = new ByteReader(sections.rnglists, bases.rnglistsBase + value.index * offsetSize);
        return { cls: 'secOffset', offset: bases.rnglistsBase + r.offset(offsetSize) };
      }
      case 'loclist': {
        const r = new ByteReader(sections.loclists, bases.loclistsBase + value.index * offsetSize);
        return { cls: 'secOffset', offset: bases.loclistsBase + r.offset(offsetSize) };
      }
    }
  } catch {
    return { cls: 'unsupported', form: 0 };
  }
  return value;
}
