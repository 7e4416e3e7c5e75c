// The DWARF-related sections of an ELF file, gathered once so readers take one argument.
import type { ElfFile } from './elf-file';

export interface DwarfSections {
  info: Uint8Array;
  abbrev: Uint8Array;
  line: Uint8Array;
  str: Uint8Array;
  lineStr: Uint8Array;
  strOffsets: Uint8Array;
  addr: Uint8Array;
  rnglists: Uint8Array;
  ranges: Uint8Array;
  loclists: Uint8Array;
  loc: Uint8Array;
  debugFrame: Uint8Array;
  ehFrame: Uint8Array;
  /** Load address of .eh_frame (its pc-relative pointers are relative to it). */
  ehFrameAddress: number;
}

/** Collects the debug sections of `elf` (missing ones are empty arrays). */
export function dwarfSectionsOf(elf: ElfFile): DwarfSections {
  const data = (name: string): Uint8Array => elf.sectionData(name);
  return {
    info: data('.debug_info'),
    abbrev: data('.debug_abbrev'),
    line: data('.debug_line'),
    str: data('.debug_str'),
    lineStr: data('.debug_line_str'),
    strOffsets: data('.debug_str_offsets'),
    addr: data('.debug_addr'),
    rnglists: data('.debug_rnglists'),
    ranges: data('.debug_ranges'),
    loclists: data('.debug_loclists'),
    loc: data('.debug_loc'),
    debugFrame: data('.debug_frame'),
    ehFrame: data('.eh_frame'),
    ehFrameAddress: elf.section('.eh_frame')?.addr ?? 0,
  };
}
