// Resolves addresses to `name` / `name+0xNN` the way GNU objdump annotates branch targets and
// RIP-relative operands, from the file's own symbol table (`objdump -t`) and section headers
// (`objdump -h`). Lets the comparison test check the annotations too.
import { parseSymbols, runObjdumpOnFiles, type ObjdumpSymbol } from './objdump';

/** One allocated section, from `objdump -h`. */
export interface ObjdumpSection {
  readonly name: string;
  readonly address: number;
  readonly size: number;
}

const sectionLine = /^ *\d+ (\S+) +([0-9a-f]+) +([0-9a-f]+) +[0-9a-f]+ +[0-9a-f]+ +2\*\*\d+$/;

/** Parses the section lines of `objdump -h` output, keeping sections with a non-zero address. */
export function parseSections(out: string): ObjdumpSection[] {
  const sections: ObjdumpSection[] = [];
  for (const line of out.split('\n')) {
    const m = sectionLine.exec(line);
    if (!m) continue;
    const address = parseInt(m[3], 16);
    if (address !== 0) sections.push({ name: m[1], size: parseInt(m[2], 16), address });
  }
  return sections;
}

/** Orders symbols at the same address the way objdump picks among them: global, then function, first seen. */
function preference(s: ObjdumpSymbol): number {
  return (s.global ? 0 : 2) + (s.kind === 'function' ? 0 : 1);
}

/**
 * Builds a lookup returning objdump's annotation for an address: the nearest symbol at or below it
 * (one in the address's own section when there is one), as `name` or `name+0xNN`; the section
 * name and offset when no symbol precedes the address; undefined outside every section and symbol.
 */
export function objdumpSymbolizer(symbols: readonly ObjdumpSymbol[], sections: readonly ObjdumpSection[]): (addr: number) => string | undefined {
  const usable = symbols
    .filter((s) => s.kind !== 'file' && s.kind !== 'section' && s.section !== '*ABS*' && s.section !== '*UND*')
    .map((s, order) => ({ s, order }))
    .sort((a, b) => a.s.address - b.s.address || preference(a.s) - preference(b.s) || a.order - b.order)
    .map((x) => x.s);
  const sectionOf = (addr: number) => sections.find((sec) => addr >= sec.address && addr < sec.address + sec.size);
  const lastAtOrBelow = (addr: number, section?: string): ObjdumpSymbol | undefined => {
    let found: ObjdumpSymbol | undefined;
    for (const s of usable) {
      if (s.address > addr) break;
      if (section !== undefined && s.section !== section) continue;
      if (found === undefined || s.address > found.address) found = s;
    }
    return found;
  };
  return (addr) => {
    const section = sectionOf(addr);
    const sym = (section && lastAtOrBelow(addr, section.name)) || lastAtOrBelow(addr);
    if (sym) return sym.address === addr ? sym.name : `${sym.name}+0x${(addr - sym.address).toString(16)}`;
    if (section) return addr === section.address ? section.name : `${section.name}+0x${(addr - section.address).toString(16)}`;
    return undefined;
  };
}

/** Builds the objdump-style symbolizer of each file from one `objdump -h -t` run over all of them. */
export function symbolizersFor(files: readonly string[]): Map<string, (addr: number) => string | undefined> {
  const result = new Map<string, (addr: number) => string | undefined>();
  for (const [file, text] of runObjdumpOnFiles(files, ['-h', '-t'])) {
    result.set(file, objdumpSymbolizer(parseSymbols(text), parseSections(text)));
  }
  return result;
}
