// Runs GNU objdump on an ELF file and parses its listing: function labels, instruction lines
// (address, bytes, text) and the symbol table. Used to compare our disassembler with objdump.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One instruction line of `objdump -d -w`. */
export interface ObjdumpInsn {
  readonly address: number;
  readonly bytes: number[];
  /** the instruction text after the bytes, as objdump printed it */
  readonly text: string;
  /** the function label the line appears under */
  readonly func: string;
}

/** One function label line, `0000000000401000 <main>:`. */
export interface ObjdumpLabel {
  readonly address: number;
  readonly name: string;
}

/** The parsed listing of one file. */
export interface ObjdumpListing {
  readonly labels: ObjdumpLabel[];
  readonly insns: ObjdumpInsn[];
}

/** One entry of `objdump -t`. */
export interface ObjdumpSymbol {
  readonly address: number;
  readonly name: string;
  readonly section: string;
  readonly size: number;
  readonly global: boolean;
  readonly kind: 'function' | 'object' | 'section' | 'file' | 'other';
}

/** Returns true when an `objdump` binary can be run. Never throws. */
export function objdumpAvailable(): boolean {
  try {
    execFileSync('objdump', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    return true;
  } catch {
    return false;
  }
}

/** Runs `objdump -d -w` (with `-M intel` for Intel syntax) and returns its stdout. Throws if objdump fails. */
export function runObjdump(file: string, syntax: 'att' | 'intel'): string {
  return runObjdumpOnFiles([file], ['-d', '-w', ...(syntax === 'intel' ? ['-M', 'intel'] : [])]).get(file) ?? '';
}

const fileHeader = /^(.+):\s+file format \S+$/gm;

/**
 * Runs objdump with `args` over several files in one process and returns its output split per
 * file (each part starts after the file's `NAME:     file format …` line). Throws if objdump fails.
 */
export function runObjdumpOnFiles(files: readonly string[], args: readonly string[]): Map<string, string> {
  const out = execFileSync('objdump', [...args, ...files], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const parts = new Map<string, string>();
  const headers = [...out.matchAll(fileHeader)];
  headers.forEach((h, i) => {
    const end = i + 1 < headers.length ? headers[i + 1].index : out.length;
    parts.set(h[1], out.slice(h.index + h[0].length, end));
  });
  return parts;
}

/**
 * Disassembles raw bytes placed at address `vma` (`objdump -D -z -b binary -m i386:x86-64`) and
 * returns objdump's stdout. No symbols: targets print as `0x…`. Throws if objdump fails.
 */
export function runObjdumpOnBytes(bytes: Uint8Array, vma: number, syntax: 'att' | 'intel'): string {
  const dir = mkdtempSync(join(tmpdir(), 'disasm-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, bytes);
    const args = ['-D', '-z', '-w', '-b', 'binary', '-m', 'i386:x86-64', `--adjust-vma=0x${vma.toString(16)}`];
    if (syntax === 'intel') args.push('-M', 'intel');
    return execFileSync('objdump', [...args, file], { encoding: 'utf8', maxBuffer: 256 << 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const labelLine = /^([0-9a-f]+) <(.+)>:$/;
const insnLine = /^ *([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*(?:\t(.*))?$/;

/**
 * Parses the output of `objdump -d -w`. Lines that are neither labels nor instructions (headers,
 * section titles, `...` for skipped zeros) are ignored. An instruction line with no text (a byte
 * continuation line) is appended to the previous instruction.
 */
export function parseObjdump(output: string): ObjdumpListing {
  const labels: ObjdumpLabel[] = [];
  const insns: ObjdumpInsn[] = [];
  let func = '';
  for (const line of output.split('\n')) {
    const label = labelLine.exec(line);
    if (label) {
      func = label[2];
      labels.push({ address: parseInt(label[1], 16), name: func });
      continue;
    }
    const m = insnLine.exec(line);
    if (!m) continue;
    const bytes = m[2].trim().split(' ').map((b) => parseInt(b, 16));
    const address = parseInt(m[1], 16);
    if (m[3] === undefined && insns.length > 0) {
      const prev = insns[insns.length - 1];
      insns[insns.length - 1] = { ...prev, bytes: [...prev.bytes, ...bytes] };
      continue;
    }
    insns.push({ address, bytes, text: m[3] ?? '', func });
  }
  return { labels, insns };
}

const symbolLine = /^([0-9a-f]+) (.{7}) (\S+)\t([0-9a-f]+) +(.*)$/;

/** Parses the `SYMBOL TABLE:` lines of `objdump -t` output (other lines are ignored). */
export function parseSymbols(out: string): ObjdumpSymbol[] {
  const symbols: ObjdumpSymbol[] = [];
  for (const line of out.split('\n')) {
    const m = symbolLine.exec(line);
    if (!m) continue;
    const flags = m[2];
    const kindChar = flags[6];
    const kind =
      kindChar === 'F' ? 'function' : kindChar === 'O' ? 'object' : kindChar === 'd' ? 'section' : kindChar === 'f' ? 'file' : 'other';
    symbols.push({
      address: parseInt(m[1], 16),
      name: m[5],
      section: m[3],
      size: parseInt(m[4], 16),
      global: flags[0] === 'g',
      kind,
    });
  }
  return symbols;
}

/** Collapses runs of spaces and tabs to one space and trims, the normalisation both sides are compared under. */
export function normaliseSpace(text: string): string {
  return text.replace(/[ \t]+/g, ' ').trim();
}
