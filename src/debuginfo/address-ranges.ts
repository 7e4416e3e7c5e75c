// Address ranges of entries (DW_AT_low_pc/high_pc or DW_AT_ranges) from .debug_rnglists
// (DWARF 5) and .debug_ranges (DWARF 2-4).
import { ByteReader } from './byte-reader';
import { DW_AT } from './dwarf-constants';
import type { Die, Unit } from './die-tree';

/** A half-open address range [low, high). */
export interface AddressRange {
  low: number;
  high: number;
}

const MAX_ENTRIES = 100000;

/** Reads the DWARF 5 range list at `offset` of .debug_rnglists. Throws DecodeError on bad input. */
export function readRangeList(unit: Unit, offset: number): AddressRange[] {
  const out: AddressRange[] = [];
  const r = new ByteReader(unit.sections.rnglists, offset);
  let base = unit.baseAddress;
  const addrx = (index: number): number => new ByteReader(unit.sections.addr, unit.addrBase + index * unit.addressSize).uint(unit.addressSize);
  for (let n = 0; n < MAX_ENTRIES; n++) {
    const kind = r.u8();
    switch (kind) {
      case 0: return out;
      case 1: base = addrx(r.uleb()); break;
      case 2: { const low = addrx(r.uleb()); out.push({ low, high: addrx(r.uleb()) }); break; }
      case 3: { const low = addrx(r.uleb()); out.push({ low, high: low + r.uleb() }); break; }
      case 4: { const low = base + r.uleb(); out.push({ low, high: base + r.uleb() }); break; }
      case 5: base = r.uint(unit.addressSize); break;
      case 6: { const low = r.uint(unit.addressSize); out.push({ low, high: r.uint(unit.addressSize) }); break; }
      case 7: { const low = r.uint(unit.addressSize); out.push({ low, high: low + r.uleb() }); break; }
      default: return out;
    }
  }
  return out;
}

/** Reads the DWARF 2-4 range list at `offset` of .debug_ranges. Throws DecodeError on bad input. */
export function readLegacyRangeList(unit: Unit, offset: number): AddressRange[] {
  return walkLegacyList(unit, new ByteReader(unit.sections.ranges, offset), (low, high) => ({ low, high }));
}

/**
 * Walks a DWARF 2-4 list (.debug_ranges or .debug_loc): pairs of addresses relative to the unit's
 * base, a base-address selector entry, and a (0, 0) end. `entry` reads whatever follows a pair
 * (nothing for ranges, an expression for locations) and makes the list element.
 * Throws DecodeError on bad input.
 */
export function walkLegacyList<T>(unit: Unit, r: ByteReader, entry: (low: number, high: number, r: ByteReader) => T): T[] {
  const out: T[] = [];
  const size = unit.addressSize;
  const selector = size === 8 ? 2 ** 64 - 1 : 0xffffffff;
  let base = unit.baseAddress;
  for (let n = 0; n < MAX_ENTRIES; n++) {
    const start = r.uint(size);
    const end = r.uint(size);
    if (start === 0 && end === 0) return out;
    if (start >= selector) base = end;
    else out.push(entry(base + start, base + end, r));
  }
  return out;
}

/**
 * The address ranges an entry covers: [low_pc, high_pc) (high_pc as an address or, as a
 * constant, a length) or its DW_AT_ranges list. Empty ranges and tombstoned ones (low 0 or
 * all ones) are dropped. Never throws (an unreadable list yields what was read, or []).
 */
export function rangesOfDie(die: Die): AddressRange[] {
  const low = die.attrs.get(DW_AT.low_pc);
  const high = die.attrs.get(DW_AT.high_pc);
  let ranges: AddressRange[] = [];
  if (low?.cls === 'address' && high) {
    if (high.cls === 'address') ranges = [{ low: low.value, high: high.value }];
    else if (high.cls === 'constant') ranges = [{ low: low.value, high: low.value + Number(high.value) }];
  } else {
    const list = die.attrs.get(DW_AT.ranges);
    const offset = list?.cls === 'secOffset' ? list.offset : list?.cls === 'constant' ? Number(list.value) : undefined;
    if (offset !== undefined) {
      try {
        ranges = die.unit.version >= 5 ? readRangeList(die.unit, offset) : readLegacyRangeList(die.unit, offset);
      } catch {
        ranges = [];
      }
    } else if (low?.cls === 'address') {
      ranges = [{ low: low.value, high: low.value + 1 }];
    }
  }
  return ranges.filter((r) => r.high > r.low && r.low !== 0 && r.low < 0xffffffffffff0000);
}

/** True when `addr` lies in one of `ranges`. */
export function rangesContain(ranges: readonly AddressRange[], addr: number): boolean {
  return ranges.some((r) => addr >= r.low && addr < r.high);
}
