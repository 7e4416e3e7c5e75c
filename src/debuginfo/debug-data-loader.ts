// Loads every part of the debug information of an ELF file: symbols, DIE tree, line tables,
// functions/globals/types and call-frame tables. Each part fails on its own: a broken part
// adds a warning and leaves the others intact.
import { readFrameEntries, type FrameDescription } from './call-frame-entries';
import { attrNumber, readDieForest, type Die, type DieForest } from './die-tree';
import { DW_AT } from './dwarf-constants';
import { dwarfSectionsOf, type DwarfSections } from './dwarf-sections';
import { ElfFile } from './elf-file';
import { decodeLineProgram, type LineProgram } from './line-program';
import { LineTable } from './line-table';
import { readProgram, type ProgramModel } from './program-reader';
import { StackUnwinder } from './stack-unwinder';
import { TypeBuilder } from './type-builder';

export interface DebugData {
  elf: ElfFile;
  sections: DwarfSections;
  forest: DieForest;
  types: TypeBuilder;
  lines: LineTable;
  program: ProgramModel;
  unwinder: StackUnwinder;
  warnings: string[];
}

/** Runs `step`, turning an exception into a warning and the fallback value. */
function guarded<T>(warnings: string[], what: string, step: () => T, fallback: () => T): T {
  try {
    return step();
  } catch (error) {
    warnings.push(`${what}: ${(error as Error).message}`);
    return fallback();
  }
}

/** Reads everything from the bytes of an ELF file. Never throws. */
export function loadDebugData(bytes: Uint8Array): DebugData {
  const warnings: string[] = [];
  const elf = ElfFile.parse(bytes);
  warnings.push(...elf.warnings);
  const sections = dwarfSectionsOf(elf);
  const forest = guarded(warnings, '.debug_info', () => readDieForest(sections, warnings), () => ({ units: [], byOffset: new Map() }));
  const types = new TypeBuilder(forest);
  const { programs, programOfUnit } = guarded(warnings, '.debug_line', () => readLinePrograms(sections, forest, warnings), () => ({
    programs: [] as LineProgram[],
    programOfUnit: new Map<number, LineProgram>(),
  }));
  const lines = guarded(warnings, 'line table', () => new LineTable(programs), () => new LineTable([]));
  const fileName = (die: Die, index: number): string | undefined => programOfUnit.get(die.unit.unitOffset)?.files[index];
  const program = guarded(warnings, 'functions', () => readProgram(forest, types, fileName, warnings), () => ({ functions: [], globals: [] }));
  const fdes = guarded(warnings, 'call-frame information', () => readAllFrameEntries(sections, warnings), () => [] as FrameDescription[]);
  const unwinder = new StackUnwinder(fdes);
  return { elf, sections, forest, types, lines, program, unwinder, warnings };
}

/**
 * Decodes the line programs in section order (as binutils lists them), plus any program a
 * unit references that the sequential walk did not reach. Units give each program its
 * compilation directory and address size.
 */
function readLinePrograms(sections: DwarfSections, forest: DieForest, warnings: string[]): { programs: LineProgram[]; programOfUnit: Map<number, LineProgram> } {
  const unitsByProgram = new Map<number, Die>();
  for (const unit of forest.units) {
    const root = unit.root;
    const offset = root ? attrNumber(root, DW_AT.stmt_list) : undefined;
    if (root && offset !== undefined && !unitsByProgram.has(offset)) unitsByProgram.set(offset, root);
  }
  const byOffset = new Map<number, LineProgram>();
  const decode = (offset: number): LineProgram => {
    const root = unitsByProgram.get(offset);
    const program = decodeLineProgram(sections, offset, root?.unit.compDir ?? '', root?.unit.addressSize ?? 8, warnings);
    byOffset.set(offset, program);
    return program;
  };
  let offset = 0;
  while (offset < sections.line.length) {
    const program = decode(offset);
    if (program.end <= offset) break;
    offset = program.end;
  }
  for (const programOffset of unitsByProgram.keys()) if (!byOffset.has(programOffset)) decode(programOffset);
  const programOfUnit = new Map<number, LineProgram>();
  for (const [programOffset, root] of unitsByProgram) {
    const program = byOffset.get(programOffset);
    if (program) programOfUnit.set(root.unit.unitOffset, program);
  }
  for (const unit of forest.units) {
    const offset = unit.root ? attrNumber(unit.root, DW_AT.stmt_list) : undefined;
    const program = offset === undefined ? undefined : byOffset.get(offset);
    if (program) programOfUnit.set(unit.unitOffset, program);
  }
  const programs = [...byOffset.values()].sort((a, b) => a.offset - b.offset);
  return { programs, programOfUnit };
}

function readAllFrameEntries(sections: DwarfSections, warnings: string[]): FrameDescription[] {
  const fromDebugFrame = readFrameEntries(sections.debugFrame, 0, false, warnings);
  const fromEhFrame = readFrameEntries(sections.ehFrame, sections.ehFrameAddress, true, warnings);
  const covered = (fde: FrameDescription): boolean => fromDebugFrame.some((d) => fde.low < d.high && d.low < fde.high);
  return [...fromDebugFrame, ...fromEhFrame.filter((fde) => !covered(fde))];
}
