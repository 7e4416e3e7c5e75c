// ELF64 little-endian reader: section headers, sections by name, and the symbol table with
// address-to-symbol lookup. Never throws: problems become entries of `warnings`.
import { ByteReader, cStringAt } from './byte-reader';

export interface ElfSection {
  name: string;
  type: number;
  flags: number;
  /** Virtual address when loaded (0 for non-allocated sections). */
  addr: number;
  offset: number;
  size: number;
  /** sh_link: for symbol tables, the index of their string table. */
  link: number;
  /** The section's bytes (empty for NOBITS or out-of-file sections). */
  data: Uint8Array;
}

export type SymbolKind = 'function' | 'object' | 'other';
export type SymbolBinding = 'local' | 'global' | 'weak' | 'other';

export interface ElfSymbol {
  name: string;
  address: number;
  size: number;
  kind: SymbolKind;
  binding: SymbolBinding;
  /** Index of the section the symbol is defined in (0 = undefined). */
  sectionIndex: number;
}

const SHT_NOBITS = 8;
const SHT_SYMTAB = 2;
const SHT_DYNSYM = 11;
const SHF_COMPRESSED = 0x800;
const SHN_UNDEF = 0;

/** A parsed ELF file; construct with `ElfFile.parse`. */
export class ElfFile {
  readonly sections: ElfSection[] = [];
  readonly symbols: ElfSymbol[] = [];
  readonly warnings: string[] = [];
  entry = 0;
  /** Function symbols sorted by address (ties: smaller first, so a backward scan meets the largest first). */
  private functionsByAddress: ElfSymbol[] = [];
  private byName = new Map<string, ElfSymbol>();

  private constructor() {}

  /** Parses `bytes` as an ELF64 little-endian file; anything unreadable becomes a warning. */
  static parse(bytes: Uint8Array): ElfFile {
    const elf = new ElfFile();
    try {
      elf.readSections(bytes);
    } catch (error) {
      elf.warnings.push(`ELF section headers unreadable: ${(error as Error).message}`);
    }
    try {
      elf.readSymbols();
    } catch (error) {
      elf.warnings.push(`ELF symbol table unreadable: ${(error as Error).message}`);
    }
    elf.indexSymbols();
    return elf;
  }

  /** The first section called `name`, or undefined. */
  section(name: string): ElfSection | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /** The bytes of section `name` (empty when absent). */
  sectionData(name: string): Uint8Array {
    return this.section(name)?.data ?? new Uint8Array(0);
  }

  /**
   * The function symbol containing `addr`: the nearest preceding FUNC symbol whose
   * [address, address+size) holds addr (a size-0 symbol matches only its own address,
   * or, when nothing sized covers addr, any address up to the next function symbol).
   */
  symbolize(addr: number): { name: string; offset: number; symbol: ElfSymbol } | undefined {
    const list = this.functionsByAddress;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].address <= addr) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return undefined;
    let unsized: ElfSymbol | undefined;
    for (let i = found; i >= 0 && i > found - 64; i--) {
      const sym = list[i];
      if (sym.size > 0 && addr < sym.address + sym.size) return { name: sym.name, offset: addr - sym.address, symbol: sym };
      if (sym.size === 0 && unsized === undefined) unsized = sym;
    }
    const nearest = list[found];
    if (unsized && unsized === nearest) return { name: unsized.name, offset: addr - unsized.address, symbol: unsized };
    return undefined;
  }

  /** The symbol called `name` (global preferred over local), or undefined. */
  lookupSymbol(name: string): ElfSymbol | undefined {
    return this.byName.get(name);
  }

  /** Function symbols sorted by address. */
  functionSymbols(): readonly ElfSymbol[] {
    return this.functionsByAddress;
  }

  private readSections(bytes: Uint8Array): void {
    const r = new ByteReader(bytes);
    if (bytes.length < 64 || r.u32() !== 0x464c457f) throw new Error('not an ELF file');
    const elfClass = bytes[4];
    const dataEncoding = bytes[5];
    if (elfClass !== 2 || dataEncoding !== 1) throw new Error('only ELF64 little-endian files are supported');
    r.pos = 0x18;
    this.entry = r.u64();
    r.pos = 0x28;
    const shoff = r.u64();
    r.pos = 0x3a;
    const shentsize = r.u16();
    let shnum = r.u16();
    let shstrndx = r.u16();
    if (shoff === 0) return;
    if (shentsize < 64) throw new Error(`section header size ${shentsize} too small`);
    const header = (index: number): ByteReader => new ByteReader(bytes, shoff + index * shentsize, shoff + (index + 1) * shentsize);
    if (shnum === 0 && shoff + 64 <= bytes.length) {
      const first = header(0);
      first.pos += 0x20;
      shnum = first.u64();
    }
    if (shstrndx === 0xffff && shoff + 64 <= bytes.length) {
      const first = header(0);
      first.pos += 0x2c;
      shstrndx = first.u32();
    }
    shnum = Math.min(shnum, Math.floor((bytes.length - shoff) / shentsize), 65536);
    const raw: { nameOff: number; section: ElfSection }[] = [];
    for (let i = 0; i < shnum; i++) {
      const h = header(i);
      const nameOff = h.u32();
      const type = h.u32();
      const flags = h.u64();
      const addr = h.u64();
      const offset = h.u64();
      const size = h.u64();
      const link = h.u32();
      let data: Uint8Array = new Uint8Array(0);
      if (type !== SHT_NOBITS && offset <= bytes.length) {
        if (offset + size > bytes.length) this.warnings.push(`section ${i} extends past the end of the file`);
        data = bytes.subarray(offset, Math.min(bytes.length, offset + size));
      }
      raw.push({ nameOff, section: { name: '', type, flags, addr, offset, size, link, data } });
    }
    const names = raw[shstrndx]?.section.data;
    for (const { nameOff, section } of raw) {
      if (names && nameOff < names.length) section.name = cStringAt(names, nameOff);
      if (section.flags & SHF_COMPRESSED && section.name.startsWith('.debug')) {
        this.warnings.push(`compressed section ${section.name} is not supported; ignored`);
        section.data = new Uint8Array(0);
      }
      this.sections.push(section);
    }
  }

  private readSymbols(): void {
    const table = this.sections.find((s) => s.type === SHT_SYMTAB) ?? this.sections.find((s) => s.type === SHT_DYNSYM);
    if (!table) return;
    const strings = this.sections[table.link]?.data;
    const r = new ByteReader(table.data);
    const count = Math.floor(table.data.length / 24);
    for (let i = 1; i < count; i++) {
      r.pos = i * 24;
      const nameOff = r.u32();
      const info = r.u8();
      r.u8();
      const sectionIndex = r.u16();
      const address = r.u64();
      const size = r.u64();
      let name = '';
      try {
        if (strings && nameOff < strings.length) name = cStringAt(strings, nameOff);
      } catch {
        name = '';
      }
      const type = info & 0xf;
      const bind = info >> 4;
      this.symbols.push({
        name,
        address,
        size,
        kind: type === 2 ? 'function' : type === 1 ? 'object' : 'other',
        binding: bind === 0 ? 'local' : bind === 1 ? 'global' : bind === 2 ? 'weak' : 'other',
        sectionIndex,
      });
    }
  }

  private indexSymbols(): void {
    this.functionsByAddress = this.symbols
      .filter((s) => s.kind === 'function' && s.sectionIndex !== SHN_UNDEF && s.name !== '')
      .sort((a, b) => a.address - b.address || a.size - b.size);
    for (const sym of this.symbols) {
      if (sym.name === '' || sym.sectionIndex === SHN_UNDEF) continue;
      const known = this.byName.get(sym.name);
      if (!known || (known.binding === 'local' && sym.binding !== 'local')) this.byName.set(sym.name, sym);
    }
  }
}
