// .debug_line: one line-number program (DWARF 2-5 header, directory and file tables, and the
// state machine with standard, extended and special opcodes) decoded into rows.
import { ByteReader, DecodeError, cStringAt } from './byte-reader';
import { DW_FORM } from './dwarf-constants';
import type { DwarfSections } from './dwarf-sections';
import { joinPath } from './source-path';

/** One row of the line table, in program order. */
export interface LineRow {
  address: number;
  /** Absolute (when the compilation directory is known) normalised path of the source file. */
  file: string;
  line: number;
  column: number;
  isStmt: boolean;
  endSequence: boolean;
  prologueEnd: boolean;
  discriminator: number;
}

export interface LineProgram {
  offset: number;
  /** Offset just past the program in .debug_line (equal to `offset` when the header is unreadable). */
  end: number;
  version: number;
  /** File table entries as absolute paths, indexed like the program's DW_LNS_set_file operands. */
  files: (string | undefined)[];
  rows: LineRow[];
}

const DW_LNCT_path = 1;
const DW_LNCT_directory_index = 2;

interface Header {
  version: number;
  addressSize: number;
  offsetSize: 4 | 8;
  minInstLength: number;
  defaultIsStmt: boolean;
  lineBase: number;
  lineRange: number;
  opcodeBase: number;
  standardLengths: number[];
  dirs: string[];
  files: (string | undefined)[];
  programStart: number;
  end: number;
}

/**
 * Decodes the line program at `offset` of .debug_line. `compDir` is the unit's compilation
 * directory (DWARF 2-4 directory 0) and `unitAddressSize` its address size.
 * Rows decoded before a problem are kept; the problem is pushed to `warnings`.
 */
export function decodeLineProgram(
  sections: DwarfSections,
  offset: number,
  compDir: string,
  unitAddressSize: number,
  warnings: string[],
): LineProgram {
  const program: LineProgram = { offset, end: offset, version: 0, files: [], rows: [] };
  let header: Header;
  try {
    header = readHeader(sections, offset, compDir, unitAddressSize);
  } catch (error) {
    warnings.push(`line program at 0x${offset.toString(16)}: bad header: ${(error as Error).message}`);
    return program;
  }
  program.version = header.version;
  program.end = header.end;
  program.files = header.files;
  try {
    runProgram(sections.line, header, program);
  } catch (error) {
    warnings.push(`line program at 0x${offset.toString(16)}: ${(error as Error).message}; later rows ignored`);
  }
  return program;
}

function readHeader(sections: DwarfSections, offset: number, compDir: string, unitAddressSize: number): Header {
  const r = new ByteReader(sections.line, offset);
  const { end, offsetSize } = r.initialLength();
  const version = r.u16();
  if (version < 2 || version > 5) throw new DecodeError(`unsupported line table version ${version}`);
  let addressSize = unitAddressSize;
  if (version >= 5) {
    addressSize = r.u8();
    r.u8(); // segment selector size
  }
  const headerLength = r.offset(offsetSize);
  const programStart = r.pos + headerLength;
  const minInstLength = r.u8();
  if (version >= 4) r.u8(); // maximum operations per instruction (1 on x86-64)
  const defaultIsStmt = r.u8() !== 0;
  const lineBase = r.i8();
  const lineRange = r.u8();
  const opcodeBase = r.u8();
  if (lineRange === 0) throw new DecodeError('line_range is 0');
  const standardLengths = [0];
  for (let i = 1; i < opcodeBase; i++) standardLengths.push(r.u8());
  const header: Header = {
    version, addressSize, offsetSize, minInstLength, defaultIsStmt, lineBase, lineRange, opcodeBase,
    standardLengths, dirs: [], files: [], programStart, end: Math.min(end, sections.line.length),
  };
  if (version >= 5) readTablesV5(r, sections, header);
  else readTablesV4(r, header, compDir);
  return header;
}

function readTablesV4(r: ByteReader, header: Header, compDir: string): void {
  header.dirs.push(compDir);
  for (;;) {
    const dir = r.cstring();
    if (dir === '') break;
    header.dirs.push(joinPath(compDir, dir));
  }
  header.files.push(undefined); // DWARF 2-4 file numbers start at 1
  for (;;) {
    const name = r.cstring();
    if (name === '') break;
    const dirIndex = r.uleb();
    r.uleb(); // modification time
    r.uleb(); // length
    header.files.push(joinPath(header.dirs[dirIndex] ?? compDir, name));
  }
}

type EntryFormat = { type: number; form: number }[];

function readEntryFormat(r: ByteReader): EntryFormat {
  const count = r.u8();
  const format: EntryFormat = [];
  for (let i = 0; i < count; i++) format.push({ type: r.uleb(), form: r.uleb() });
  return format;
}

/** Reads one DWARF 5 directory/file entry field: a string, a number, or undefined when skipped. */
function readEntryField(r: ByteReader, form: number, sections: DwarfSections, header: Header): string | number | undefined {
  switch (form) {
    case DW_FORM.string: return r.cstring();
    case DW_FORM.line_strp: return cStringAt(sections.lineStr, r.offset(header.offsetSize));
    case DW_FORM.strp: return cStringAt(sections.str, r.offset(header.offsetSize));
    case DW_FORM.udata: return r.uleb();
    case DW_FORM.data1: return r.u8();
    case DW_FORM.data2: return r.u16();
    case DW_FORM.data4: return r.u32();
    case DW_FORM.data8: return r.u64();
    case DW_FORM.data16: r.skip(16); return undefined;
    case DW_FORM.block: r.skip(r.uleb()); return undefined;
    case DW_FORM.strx: case DW_FORM.strx1: case DW_FORM.strx2: case DW_FORM.strx3: case DW_FORM.strx4:
      throw new DecodeError('indexed strings in line tables are not supported');
    default:
      throw new DecodeError(`unsupported form 0x${form.toString(16)} in line table`);
  }
}

function readTablesV5(r: ByteReader, sections: DwarfSections, header: Header): void {
  const dirFormat = readEntryFormat(r);
  const dirCount = r.uleb();
  const rawDirs: string[] = [];
  for (let i = 0; i < dirCount; i++) {
    let path = '';
    for (const { type, form } of dirFormat) {
      const value = readEntryField(r, form, sections, header);
      if (type === DW_LNCT_path && typeof value === 'string') path = value;
    }
    rawDirs.push(path);
  }
  const compDir = rawDirs[0] ?? '';
  header.dirs = rawDirs.map((d, i) => (i === 0 ? d : joinPath(compDir, d)));
  const fileFormat = readEntryFormat(r);
  const fileCount = r.uleb();
  for (let i = 0; i < fileCount; i++) {
    let path = '';
    let dirIndex = 0;
    for (const { type, form } of fileFormat) {
      const value = readEntryField(r, form, sections, header);
      if (type === DW_LNCT_path && typeof value === 'string') path = value;
      if (type === DW_LNCT_directory_index && typeof value === 'number') dirIndex = value;
    }
    header.files.push(joinPath(header.dirs[dirIndex] ?? compDir, path));
  }
}

function runProgram(section: Uint8Array, h: Header, program: LineProgram): void {
  const r = new ByteReader(section, h.programStart, h.end);
  const files = program.files;
  let address = 0;
  let file = 1;
  let line = 1;
  let column = 0;
  let isStmt = h.defaultIsStmt;
  let prologueEnd = false;
  let discriminator = 0;
  const reset = (): void => {
    address = 0; file = 1; line = 1; column = 0; isStmt = h.defaultIsStmt; prologueEnd = false; discriminator = 0;
  };
  const emit = (endSequence: boolean): void => {
    program.rows.push({ address, file: files[file] ?? `<file ${file}>`, line, column, isStmt, endSequence, prologueEnd, discriminator });
    prologueEnd = false;
    discriminator = 0;
  };
  while (!r.atEnd()) {
    const opcode = r.u8();
    if (opcode >= h.opcodeBase) {
      const adjusted = opcode - h.opcodeBase;
      address += Math.floor(adjusted / h.lineRange) * h.minInstLength;
      line += h.lineBase + (adjusted % h.lineRange);
      emit(false);
      continue;
    }
    switch (opcode) {
      case 0: {
        const length = r.uleb();
        const end = r.pos + length;
        if (length === 0) break;
        const sub = r.u8();
        if (sub === 1) {
          emit(true);
          reset();
        } else if (sub === 2) {
          address = r.uint(length - 1 === 4 ? 4 : 8);
        } else if (sub === 3) {
          const name = r.cstring();
          const dirIndex = r.uleb();
          files.push(joinPath(h.dirs[dirIndex] ?? '', name));
        } else if (sub === 4) {
          discriminator = r.uleb();
        }
        if (end > r.end) throw new DecodeError('extended opcode runs past the program');
        r.pos = end;
        break;
      }
      case 1: emit(false); break;
      case 2: address += r.uleb() * h.minInstLength; break;
      case 3: line += r.sleb(); break;
      case 4: file = r.uleb(); break;
      case 5: column = r.uleb(); break;
      case 6: isStmt = !isStmt; break;
      case 7: break;
      case 8: address += Math.floor((255 - h.opcodeBase) / h.lineRange) * h.minInstLength; break;
      case 9: address += r.u16(); break;
      case 10: prologueEnd = true; break;
      case 11: break;
      case 12: r.uleb(); break;
      default:
        for (let i = 0; i < (h.standardLengths[opcode] ?? 0); i++) r.uleb();
    }
  }
}
