// .debug_info: unit headers (DWARF 2-5) and the tree of debugging information entries.
import { parseAbbrevTable, type Abbreviation } from './abbrev-table';
import { readAttributeValue, resolveIndexed, type AttrValue, type FormContext, type IndexBases } from './attribute-value';
import { ByteReader, DecodeError } from './byte-reader';
import { DW_AT } from './dwarf-constants';
import type { DwarfSections } from './dwarf-sections';

export interface Die {
  /** Offset of the entry in .debug_info (the key references use). */
  offset: number;
  tag: number;
  attrs: Map<number, AttrValue>;
  children: Die[];
  parent: Die | undefined;
  unit: Unit;
}

export interface Unit extends FormContext, IndexBases {
  unitType: number;
  /** The unit's root entry (compile unit), once read. */
  root: Die | undefined;
  /** Default base address for range and location lists (the root's DW_AT_low_pc). */
  baseAddress: number;
  /** Absolute compilation directory ('' if unknown). */
  compDir: string;
  name: string;
}

const DW_UT_compile = 1;
const DW_UT_type = 2;
const DW_UT_skeleton = 4;
const DW_UT_split_compile = 5;
const DW_UT_split_type = 6;

/** All units of .debug_info and an index of their entries by offset. */
export interface DieForest {
  units: Unit[];
  byOffset: Map<number, Die>;
}

/**
 * Reads every unit of .debug_info. A unit that cannot be read completely keeps the entries
 * read before the problem; the problem is added to `warnings`. Never throws.
 */
export function readDieForest(sections: DwarfSections, warnings: string[]): DieForest {
  const forest: DieForest = { units: [], byOffset: new Map() };
  const abbrevCache = new Map<number, Map<number, Abbreviation>>();
  const info = sections.info;
  let offset = 0;
  while (offset + 11 <= info.length) {
    let next: number;
    try {
      const r = new ByteReader(info, offset);
      const { end, offsetSize } = r.initialLength();
      next = end;
      if (end > info.length) warnings.push(`unit at 0x${offset.toString(16)} runs past .debug_info`);
      readUnit(r, offset, offsetSize, Math.min(end, info.length), sections, abbrevCache, forest, warnings);
    } catch (error) {
      warnings.push(`unit at 0x${offset.toString(16)}: ${(error as Error).message}`);
      break;
    }
    if (next <= offset) break;
    offset = next;
  }
  return forest;
}

function readUnit(
  r: ByteReader,
  unitOffset: number,
  offsetSize: 4 | 8,
  end: number,
  sections: DwarfSections,
  abbrevCache: Map<number, Map<number, Abbreviation>>,
  forest: DieForest,
  warnings: string[],
): void {
  const version = r.u16();
  if (version < 2 || version > 5) throw new DecodeError(`unsupported DWARF version ${version}`);
  let unitType = DW_UT_compile;
  let addressSize: number;
  let abbrevOffset: number;
  if (version >= 5) {
    unitType = r.u8();
    addressSize = r.u8();
    abbrevOffset = r.offset(offsetSize);
    if (unitType === DW_UT_skeleton || unitType === DW_UT_split_compile) r.skip(8);
    if (unitType === DW_UT_type || unitType === DW_UT_split_type) r.skip(8 + offsetSize);
  } else {
    abbrevOffset = r.offset(offsetSize);
    addressSize = r.u8();
  }
  if (addressSize !== 4 && addressSize !== 8) throw new DecodeError(`unsupported address size ${addressSize}`);
  let abbrevs = abbrevCache.get(abbrevOffset);
  if (!abbrevs) {
    abbrevs = parseAbbrevTable(sections.abbrev, abbrevOffset);
    abbrevCache.set(abbrevOffset, abbrevs);
  }
  const unit: Unit = {
    sections,
    version,
    addressSize,
    offsetSize,
    unitOffset,
    unitType,
    root: undefined,
    baseAddress: 0,
    compDir: '',
    name: '',
    strOffsetsBase: offsetSize === 8 ? 16 : 8,
    addrBase: 8,
    rnglistsBase: offsetSize === 8 ? 20 : 12,
    loclistsBase: offsetSize === 8 ? 20 : 12,
  };
  forest.units.push(unit);
  const body = new ByteReader(r.bytes, r.pos, end);
  try {
    readEntries(body, unit, abbrevs, forest);
  } catch (error) {
    warnings.push(`unit at 0x${unitOffset.toString(16)}: ${(error as Error).message}; entries after it ignored`);
  }
}

function readEntries(r: ByteReader, unit: Unit, abbrevs: Map<number, Abbreviation>, forest: DieForest): void {
  const stack: Die[] = [];
  while (!r.atEnd()) {
    const offset = r.pos;
    const code = r.uleb();
    if (code === 0) {
      stack.pop();
      if (stack.length === 0 && unit.root) return;
      continue;
    }
    const abbrev = abbrevs.get(code);
    if (!abbrev) throw new DecodeError(`unknown abbreviation ${code} at 0x${offset.toString(16)}`);
    const attrs = new Map<number, AttrValue>();
    const isRoot = unit.root === undefined;
    for (const spec of abbrev.specs) {
      const value = readAttributeValue(r, spec.form, unit, spec.implicitConst);
      if (spec.name === DW_AT.sibling) continue;
      attrs.set(spec.name, isRoot ? value : resolveIndexed(value, unit, unit));
    }
    const parent = stack[stack.length - 1];
    const die: Die = { offset, tag: abbrev.tag, attrs, children: [], parent, unit };
    forest.byOffset.set(offset, die);
    if (isRoot) {
      unit.root = die;
      takeUnitBases(unit, die);
    } else if (parent) {
      parent.children.push(die);
    }
    if (abbrev.hasChildren) stack.push(die);
    else if (isRoot) return;
  }
}

/** Reads the bases and directory of the unit from its root entry, then resolves its own indexed values. */
function takeUnitBases(unit: Unit, root: Die): void {
  const base = (at: number): number | undefined => {
    const v = root.attrs.get(at);
    if (v?.cls === 'secOffset') return v.offset;
    if (v?.cls === 'constant') return Number(v.value);
    return undefined;
  };
  unit.strOffsetsBase = base(DW_AT.str_offsets_base) ?? unit.strOffsetsBase;
  unit.addrBase = base(DW_AT.addr_base) ?? base(DW_AT.GNU_addr_base) ?? unit.addrBase;
  unit.rnglistsBase = base(DW_AT.rnglists_base) ?? unit.rnglistsBase;
  unit.loclistsBase = base(DW_AT.loclists_base) ?? unit.loclistsBase;
  for (const [name, value] of root.attrs) root.attrs.set(name, resolveIndexed(value, unit, unit));
  const low = root.attrs.get(DW_AT.low_pc);
  if (low?.cls === 'address') unit.baseAddress = low.value;
  const dir = root.attrs.get(DW_AT.comp_dir);
  if (dir?.cls === 'string') unit.compDir = dir.value;
  const name = root.attrs.get(DW_AT.name);
  if (name?.cls === 'string') unit.name = name.value;
}

/** The attribute as a string, following DW_AT_abstract_origin/specification when `forest` is given. */
export function attrString(die: Die, at: number, forest?: DieForest): string | undefined {
  const v = forest ? inheritedAttr(die, at, forest) : die.attrs.get(at);
  return v?.cls === 'string' ? v.value : undefined;
}

/** The attribute as a number (constants, addresses, section offsets), or undefined. */
export function attrNumber(die: Die, at: number, forest?: DieForest): number | undefined {
  const v = forest ? inheritedAttr(die, at, forest) : die.attrs.get(at);
  if (!v) return undefined;
  if (v.cls === 'constant') return Number(v.value);
  if (v.cls === 'address') return v.value;
  if (v.cls === 'secOffset') return v.offset;
  return undefined;
}

/** True when the flag attribute is present and set. */
export function attrFlag(die: Die, at: number, forest?: DieForest): boolean {
  const v = forest ? inheritedAttr(die, at, forest) : die.attrs.get(at);
  return v?.cls === 'flag' ? v.value : v !== undefined && v.cls === 'constant' ? v.value !== 0n : false;
}

/** The entry a reference attribute points to, or undefined. */
export function attrDie(die: Die, at: number, forest: DieForest): Die | undefined {
  const v = die.attrs.get(at);
  return v?.cls === 'reference' ? forest.byOffset.get(v.offset) : undefined;
}

/**
 * The attribute of `die`, or else of the entry its DW_AT_abstract_origin or DW_AT_specification
 * names (transitively, at most a few hops).
 */
export function inheritedAttr(die: Die, at: number, forest: DieForest): AttrValue | undefined {
  let current: Die | undefined = die;
  for (let hops = 0; current && hops < 6; hops++) {
    const v = current.attrs.get(at);
    if (v) return v;
    current = attrDie(current, DW_AT.abstract_origin, forest) ?? attrDie(current, DW_AT.specification, forest);
  }
  return undefined;
}
