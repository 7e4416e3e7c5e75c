// Location lists: which location expression holds a variable at which pc, from
// .debug_loclists (DWARF 5) and .debug_loc (DWARF 2-4).
import { walkLegacyList } from './address-ranges';
import { ByteReader } from './byte-reader';
import type { Unit } from './die-tree';

/** One entry: `expr` describes the location for pc in [low, high) (default entries: 0..max). */
export interface LocationListEntry {
  low: number;
  high: number;
  expr: Uint8Array;
}

const MAX_ENTRIES = 100000;

/** Reads the DWARF 5 location list at `offset`. Throws DecodeError on bad input. */
export function readLocationList(unit: Unit, offset: number): LocationListEntry[] {
  const out: LocationListEntry[] = [];
  const r = new ByteReader(unit.sections.loclists, offset);
  let base = unit.baseAddress;
  const addrx = (index: number): number => new ByteReader(unit.sections.addr, unit.addrBase + index * unit.addressSize).uint(unit.addressSize);
  const expr = (): Uint8Array => r.bytesView(r.uleb());
  for (let n = 0; n < MAX_ENTRIES; n++) {
    const kind = r.u8();
    switch (kind) {
      case 0: return out;
      case 1: base = addrx(r.uleb()); break;
      case 2: { const low = addrx(r.uleb()); const high = addrx(r.uleb()); out.push({ low, high, expr: expr() }); break; }
      case 3: { const low = addrx(r.uleb()); const high = low + r.uleb(); out.push({ low, high, expr: expr() }); break; }
      case 4: { const low = base + r.uleb(); const high = base + r.uleb(); out.push({ low, high, expr: expr() }); break; }
      case 5: out.push({ low: 0, high: Number.MAX_SAFE_INTEGER, expr: expr() }); break;
      case 6: base = r.uint(unit.addressSize); break;
      case 7: { const low = r.uint(unit.addressSize); const high = r.uint(unit.addressSize); out.push({ low, high, expr: expr() }); break; }
      case 8: { const low = r.uint(unit.addressSize); const high = low + r.uleb(); out.push({ low, high, expr: expr() }); break; }
      case 9: r.uleb(); r.uleb(); break; // DW_LLE_view_pair (GNU): location views, not needed
      default: return out;
    }
  }
  return out;
}

/** Reads the DWARF 2-4 location list at `offset` of .debug_loc. Throws DecodeError on bad input. */
export function readLegacyLocationList(unit: Unit, offset: number): LocationListEntry[] {
  return walkLegacyList(unit, new ByteReader(unit.sections.loc, offset), (low, high, r) => ({ low, high, expr: r.bytesView(r.u16()) }));
}
