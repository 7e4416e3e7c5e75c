// .debug_abbrev: the abbreviation declarations that give each DIE its tag and attribute forms.
import { ByteReader } from './byte-reader';
import { DW_FORM } from './dwarf-constants';

export interface AttributeSpec {
  name: number;
  form: number;
  /** The value carried in the abbreviation for DW_FORM_implicit_const. */
  implicitConst: bigint;
}

export interface Abbreviation {
  code: number;
  tag: number;
  hasChildren: boolean;
  specs: AttributeSpec[];
}

/**
 * Parses the abbreviation table at `offset` of .debug_abbrev into code → declaration.
 * Throws DecodeError when the table runs past the section.
 */
export function parseAbbrevTable(section: Uint8Array, offset: number): Map<number, Abbreviation> {
  const table = new Map<number, Abbreviation>();
  const r = new ByteReader(section, offset);
  for (;;) {
    const code = r.uleb();
    if (code === 0) break;
    const tag = r.uleb();
    const hasChildren = r.u8() !== 0;
    const specs: AttributeSpec[] = [];
    for (;;) {
      const name = r.uleb();
      const form = r.uleb();
      if (name === 0 && form === 0) break;
      const implicitConst = form === DW_FORM.implicit_const ? r.slebBig() : 0n;
      specs.push({ name, form, implicitConst });
    }
    table.set(code, { code, tag, hasChildren, specs });
  }
  return table;
}
