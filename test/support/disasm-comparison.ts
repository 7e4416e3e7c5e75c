// Compares our disassembler with GNU objdump over whole ELF files: every instruction line objdump
// prints is decoded from the same bytes by the machine's decoder, printed, and compared as text
// (whitespace-normalised, `<sym+0xNN>` annotations included).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CodeBufferBus } from '../../src/emu/disasm/code-buffer-bus';
import { disassembleAt } from '../../src/emu/disasm/disassemble-range';
import { normaliseSpace, parseObjdump, runObjdumpOnBytes, runObjdumpOnFiles, type ObjdumpInsn, type ObjdumpListing } from './objdump';
import { symbolizersFor } from './objdump-symbolizer';

/** One line where we and objdump disagree. */
export interface Mismatch {
  readonly file: string;
  readonly address: number;
  readonly bytes: number[];
  readonly expected: string;
  readonly actual: string;
}

/** The outcome of comparing one or more files. */
export interface FileComparison {
  readonly instructions: number;
  readonly mismatches: Mismatch[];
}

/** Returns true when `file` starts with the ELF magic. */
function isElf(file: string): boolean {
  const head = readFileSync(file).subarray(0, 4);
  return head.length === 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

function elfFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && isElf(path));
}

/** Returns the ELF files directly in `buildDir` and in each `buildDir/variants/*`, sorted. */
export function userprogElfs(buildDir: string): string[] {
  const files = elfFilesIn(buildDir);
  const variants = join(buildDir, 'variants');
  try {
    for (const v of readdirSync(variants).sort()) {
      if (statSync(join(variants, v)).isDirectory()) files.push(...elfFilesIn(join(variants, v)));
    }
  } catch {
    // no variants directory: only the top-level programs
  }
  return files;
}

/** Lays the bytes of every listed instruction into one buffer spanning the listing (gaps are zero). */
function codeImage(insns: readonly ObjdumpInsn[]): CodeBufferBus {
  const first = insns[0].address;
  const last = insns[insns.length - 1];
  const bytes = new Uint8Array(last.address + last.bytes.length - first);
  for (const insn of insns) bytes.set(insn.bytes, insn.address - first);
  return new CodeBufferBus(bytes, first);
}

/** Decodes and prints every instruction of `listing` (from `file`) and compares it with objdump's line. */
function compareListing(file: string, listing: ObjdumpListing, syntax: 'att' | 'intel', symbolize: (addr: number) => string | undefined): FileComparison {
  if (listing.insns.length === 0) return { instructions: 0, mismatches: [] };
  const bus = codeImage(listing.insns);
  const mismatches: Mismatch[] = [];
  for (const insn of listing.insns) {
    const row = disassembleAt(bus, insn.address, { syntax, symbolize });
    const expected = normaliseSpace(insn.text);
    const actual = normaliseSpace(row.text);
    const sameLength = row.bytes.length === insn.bytes.length;
    if (actual !== expected || !sameLength) {
      const note = sameLength ? '' : ` [length ${row.bytes.length}, objdump ${insn.bytes.length}]`;
      mismatches.push({ file, address: insn.address, bytes: insn.bytes, expected, actual: actual + note });
    }
  }
  return { instructions: listing.insns.length, mismatches };
}

/**
 * Disassembles every instruction `objdump -d` lists in each of `files` and compares the text in
 * `syntax`; branch-target and RIP-relative annotations use a symbolizer built from each file's
 * own symbol table. Runs objdump once per syntax for all files, plus once for the symbols.
 */
export function compareFilesWithObjdump(files: readonly string[], syntax: 'att' | 'intel'): FileComparison {
  const symbolizers = symbolizersFor(files);
  const listings = runObjdumpOnFiles(files, ['-d', '-w', ...(syntax === 'intel' ? ['-M', 'intel'] : [])]);
  let instructions = 0;
  const mismatches: Mismatch[] = [];
  for (const file of files) {
    const text = listings.get(file);
    const symbolize = symbolizers.get(file);
    if (text === undefined || symbolize === undefined) throw new Error(`objdump printed nothing for ${file}`);
    const result = compareListing(file, parseObjdump(text), syntax, symbolize);
    instructions += result.instructions;
    mismatches.push(...result.mismatches);
  }
  return { instructions, mismatches };
}

/** Formats one mismatch as a report line. */
export function describeMismatch(m: Mismatch): string {
  const bytes = m.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `${m.file} ${m.address.toString(16)}: ${bytes}\n    objdump: ${m.expected}\n    ours:    ${m.actual}`;
}

/**
 * Lays `encodings` one after another at `vma`, has objdump disassemble the raw bytes, and
 * compares each encoding's line with ours (text and length). Encodings our decoder rejects are
 * left out by the caller.
 */
export function compareEncodingsWithObjdump(encodings: readonly number[][], vma: number, syntax: 'att' | 'intel'): Mismatch[] {
  const blob = new Uint8Array(encodings.reduce((n, e) => n + e.length, 0));
  let offset = 0;
  for (const e of encodings) {
    blob.set(e, offset);
    offset += e.length;
  }
  const listing = parseObjdump(runObjdumpOnBytes(blob, vma, syntax));
  const byAddress = new Map(listing.insns.map((insn) => [insn.address, insn]));
  const bus = new CodeBufferBus(blob, vma);
  const mismatches: Mismatch[] = [];
  let address = vma;
  for (const bytes of encodings) {
    const theirs = byAddress.get(address);
    const row = disassembleAt(bus, address, { syntax });
    const actual = normaliseSpace(row.text);
    const expected = theirs ? normaliseSpace(theirs.text) : '(no objdump line at this address)';
    if (!theirs || actual !== expected || theirs.bytes.length !== bytes.length || row.bytes.length !== bytes.length) {
      const note = row.bytes.length === bytes.length ? '' : ` [decoded length ${row.bytes.length}]`;
      const theirNote = theirs && theirs.bytes.length !== bytes.length ? ` [objdump length ${theirs.bytes.length}]` : '';
      mismatches.push({ file: 'table', address, bytes, expected: expected + theirNote, actual: actual + note });
    }
    address += bytes.length;
  }
  return mismatches;
}
