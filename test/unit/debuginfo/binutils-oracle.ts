// Test support: the sample ELF files, their sources' #BP markers, and parsers for the output
// of readelf, nm and gdb, which serve as the reference for the debug-information layer.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const userprogsDir = path.resolve(__dirname, '..', '..', '..', 'userprogs');
export const buildDir = path.join(userprogsDir, 'build');

/** Runs a tool and returns its stdout. */
export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function isElf(file: string): boolean {
  if (!statSync(file).isFile()) return false;
  const head = readFileSync(file).subarray(0, 4);
  return head.length === 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

/** ELF files directly inside `dir`, sorted. */
export function elfFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((n) => path.join(dir, n)).filter(isElf).sort();
}

/** Builds the samples when they are missing (the Makefile is the only writer of userprogs/build). */
export function ensureSamples(): void {
  if (elfFilesIn(buildDir).length > 0 && existsSync(path.join(buildDir, 'variants', 'O2-pintos'))) return;
  run('make', ['-s', '-C', userprogsDir, 'all', 'variants']);
}

/** Every sample ELF: build/NAME and build/variants/V/NAME. */
export function allSampleElfs(): string[] {
  const variants = path.join(buildDir, 'variants');
  const dirs = existsSync(variants) ? readdirSync(variants).map((v) => path.join(variants, v)) : [];
  return [buildDir, ...dirs].flatMap(elfFilesIn);
}

let dwarf4Dir: string | undefined;

/** A temporary directory removed when the test process exits. */
export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Builds the samples with DWARF 4 (-gdwarf-4) into a temporary directory: an -O0 build and an
 * -O2 build with .debug_frame instead of .eh_frame (-fno-asynchronous-unwind-tables), which
 * exercise .debug_ranges, .debug_loc and .debug_frame. Returns the directories.
 */
export function dwarf4Builds(): { o0: string; o2: string } {
  if (!dwarf4Dir) {
    dwarf4Dir = temporaryDir('debuginfo-dwarf4-');
    const pintos = '-msoft-float -mno-sse -fno-omit-frame-pointer -mno-red-zone -mcmodel=large -fno-plt -fno-pic -fno-stack-protector';
    const build = (sub: string, flags: string): void => {
      run('make', ['-s', '-C', userprogsDir, `OUT=${path.join(dwarf4Dir as string, sub)}`, `CODEFLAGS=${flags} ${pintos}`, 'all']);
    };
    build('O0', '-g -gdwarf-4 -O0');
    build('O2', '-g -gdwarf-4 -O2 -fno-asynchronous-unwind-tables');
  }
  return { o0: path.join(dwarf4Dir, 'O0'), o2: path.join(dwarf4Dir, 'O2') };
}

/** Line number of the `/* #BP:name *\/` marker in `source`. */
export function markerLine(source: string, name: string): number {
  const lines = readFileSync(source, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`/* #BP:${name} */`));
  if (index < 0) throw new Error(`no marker ${name} in ${source}`);
  return index + 1;
}

/** Every marker name of a source file. */
export function markersOf(source: string): string[] {
  return [...readFileSync(source, 'utf8').matchAll(/\/\* #BP:(\w+) \*\//g)].map((m) => m[1]);
}

export interface OracleLineRow {
  name: string;
  line: number | undefined;
  address: number;
  isStmt: boolean;
}

/**
 * The rows of `readelf -W --debug-dump=decodedline`, per line program in section order
 * (a new program starts at each "CU:" header or at a new "Contents" block).
 */
export function readelfLineRows(file: string): OracleLineRow[][] {
  const out = run('readelf', ['-W', '--debug-dump=decodedline', file]);
  const programs: OracleLineRow[][] = [];
  let current: OracleLineRow[] | undefined;
  for (const text of out.split('\n')) {
    if (/^CU: /.test(text) || (/^\S.*:$/.test(text) && !text.startsWith('Contents') && current === undefined)) {
      current = [];
      programs.push(current);
      continue;
    }
    const m = /^(\S+)\s+(\d+|-)\s+(0x[0-9a-f]+)(?:\s+(\d+))?(\s+x)?\s*$/.exec(text);
    if (!m || !current) continue;
    current.push({ name: m[1], line: m[2] === '-' ? undefined : Number(m[2]), address: Number(m[3]), isStmt: m[5] !== undefined });
  }
  return programs;
}

export interface OracleSymbol {
  name: string;
  address: number;
  size: number;
  type: string;
  bind: string;
}

/** Symbols from `readelf -sW` (defined ones only). */
export function readelfSymbols(file: string): OracleSymbol[] {
  const out = run('readelf', ['-sW', file]);
  const symbols: OracleSymbol[] = [];
  for (const text of out.split('\n')) {
    const m = /^\s*\d+:\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+(\w+)\s+(\w+)\s+\w+\s+(\w+)\s*(\S*)/.exec(text);
    if (!m || m[5] === 'UND' || m[6] === '') continue;
    symbols.push({ name: m[6], address: parseInt(m[1], 16), size: Number(m[2]), type: m[3], bind: m[4] });
  }
  return symbols;
}

export interface OracleFrameRow {
  pc: number;
  cfa: string;
  /** Register name → rule text as readelf prints it ("c-16", "u", ...). */
  rules: Map<string, string>;
}

export interface OracleFde {
  low: number;
  high: number;
  rows: OracleFrameRow[];
}

/** FDE tables from `readelf -W --debug-dump=frames-interp`. */
export function readelfFrameTables(file: string): OracleFde[] {
  const out = run('readelf', ['-W', '--debug-dump=frames-interp', file]);
  const fdes: OracleFde[] = [];
  let current: OracleFde | undefined;
  let columns: string[] = [];
  for (const text of out.split('\n')) {
    const fde = /FDE cie=[0-9a-f]+ pc=([0-9a-f]+)\.\.([0-9a-f]+)/.exec(text);
    if (fde) {
      current = { low: parseInt(fde[1], 16), high: parseInt(fde[2], 16), rows: [] };
      fdes.push(current);
      continue;
    }
    if (/CIE/.test(text)) {
      current = undefined;
      continue;
    }
    if (/^\s+LOC\s+CFA/.test(text)) {
      columns = text.trim().split(/\s+/).slice(2);
      continue;
    }
    const row = /^([0-9a-f]{16})\s+(\S+)\s*(.*)$/.exec(text);
    if (row && current) {
      const values = row[3].trim() === '' ? [] : row[3].trim().split(/\s+/);
      const rules = new Map<string, string>();
      columns.forEach((c, i) => rules.set(c, values[i] ?? ''));
      current.rows.push({ pc: parseInt(row[1], 16), cfa: row[2], rules });
    }
  }
  return fdes;
}

export interface OracleDie {
  offset: number;
  depth: number;
  tag: string;
  attrs: Map<string, string>;
}

/** The entries of `readelf --debug-dump=info`, flat in file order, attribute values as text. */
export function readelfDies(file: string): OracleDie[] {
  const out = run('readelf', ['-W', '--debug-dump=info', file]);
  const dies: OracleDie[] = [];
  let current: OracleDie | undefined;
  for (const text of out.split('\n')) {
    const head = /^\s*<(\d+)><([0-9a-f]+)>: Abbrev Number: \d+ \((DW_TAG_\w+)\)/.exec(text);
    if (head) {
      current = { depth: Number(head[1]), offset: parseInt(head[2], 16), tag: head[3], attrs: new Map() };
      dies.push(current);
      continue;
    }
    const at = /^\s*<[0-9a-f]+>\s+(DW_AT_\w+)\s*:\s*(.*)$/.exec(text);
    if (at && current) current.attrs.set(at[1], at[2].trim());
  }
  return dies;
}

/** The value of a readelf string attribute ("(indirect string, offset: 0x20): name" or "name"). */
export function readelfName(die: OracleDie): string | undefined {
  const raw = die.attrs.get('DW_AT_name');
  if (raw === undefined) return undefined;
  const m = /^(?:\(strp\) )?\((?:indirect (?:line )?string, )?offset: (?:0x[0-9a-f]+|0)\): (.*)$/.exec(raw) ?? /^\(string\) (.*)$/.exec(raw);
  return m ? m[1] : raw;
}

/** gdb's view of functions and variables: `info functions` / `info variables` declarations. */
export function gdbDeclarations(file: string, what: 'functions' | 'variables'): string[] {
  let out: string;
  try {
    out = run('gdb', ['-nx', '-batch', '-ex', `info ${what}`, file]);
  } catch {
    return [];
  }
  const decls: string[] = [];
  for (const text of out.split('\n')) {
    if (/^Non-debugging symbols:/.test(text)) break;
    const m = /^\d+:\s+(.*);$/.exec(text);
    if (m) decls.push(m[1].replace(/^static /, ''));
  }
  return decls;
}

/** True when gdb runs here. */
export function haveGdb(): boolean {
  try {
    run('gdb', ['--version']);
    return true;
  } catch {
    return false;
  }
}
