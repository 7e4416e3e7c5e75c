// The disassemble request: `count` instructions around an address, forwards or backwards. Going
// backwards decodes from a point known to start an instruction (the start of the enclosing
// function or symbol) and keeps the rows before the target. Unreadable memory gives 'invalid'
// rows, so the count is always honoured.
import type { DebugInfo } from '../../debuginfo';
import { disassembleRange, type DisasmRow } from '../../emu/disasm';
import type { ProcessMemory } from '../inspector-host';
import { hex } from './format-text';
import type { InstructionView } from './views';

const MAX_INSN = 15;
/** Furthest back a function or symbol start is used as the place to decode from. */
const MAX_SYNC_DISTANCE = 1 << 16;
const USER_TOP = 2 ** 47;
/** Most rows one listing holds; larger counts are cut to it. */
export const MAX_DISASSEMBLY_ROWS = 4096;
/** Furthest (in rows, either way) a listing may start from its address; further offsets are cut to it. */
export const MAX_DISASSEMBLY_OFFSET = 16384;

/** Finds the debug info of the program holding an address. */
export type DebugInfoAt = (address: number) => DebugInfo | undefined;

/** What decoding reads from: the process's memory, its programs' debug info, whether to name addresses. */
interface Source {
  memory: ProcessMemory;
  debugInfoAt: DebugInfoAt;
  symbols: boolean;
}

interface Decoded {
  address: number;
  row?: DisasmRow;
}

/** Decodes rows from `start` until `limit` rows or address `end`; unreadable bytes become rows without `row`. */
function decodeForward(src: Source, start: number, limit: { count?: number; end?: number }): Decoded[] {
  const count = limit.count ?? Infinity;
  const end = Math.min(limit.end ?? Infinity, USER_TOP);
  const length = Math.max(0, Math.min(end === Infinity ? count * MAX_INSN : end - start, MAX_SYNC_DISTANCE + MAX_INSN * 64));
  const got = start >= 0 && start < USER_TOP ? src.memory.read(start, Math.min(length, USER_TOP - start)) : { bytes: new Uint8Array(0) };
  const di = src.symbols ? src.debugInfoAt(start) : undefined;
  const symbolize = di ? (a: number) => symbolName(di, a) : undefined;
  const rows: Decoded[] = disassembleRange(got.bytes, start, { symbolize }, { count, end }).map((row) => ({ address: row.address, row }));
  let next = rows.length > 0 ? rows[rows.length - 1].address + (rows[rows.length - 1].row?.bytes.length ?? 1) : start;
  if (got.bytes.length < length && rows.length > 0 && rows[rows.length - 1].row?.bad) {
    const last = rows.pop() as Decoded;
    next = last.address;
  }
  while (rows.length < count && next < end) rows.push({ address: next++ });
  return rows;
}

function symbolName(di: DebugInfo, address: number): string | undefined {
  const s = di.symbolize(address);
  return s ? (s.offset === 0 ? s.name : `${s.name}+0x${s.offset.toString(16)}`) : undefined;
}

/** An address before `address` where an instruction is known to start: its function's or symbol's start. */
function syncPoint(debugInfoAt: DebugInfoAt, address: number): number | undefined {
  const di = debugInfoAt(address);
  if (!di) return undefined;
  const fn = di.functionAt(address);
  if (fn && address - fn.lowPc <= MAX_SYNC_DISTANCE) return fn.lowPc;
  const s = di.symbolize(address);
  if (s && s.offset <= MAX_SYNC_DISTANCE) return address - s.offset;
  return undefined;
}

/** The `n` instruction rows that end right before `target` (padded with unreadable rows). */
function decodeBackward(src: Source, target: number, n: number): Decoded[] {
  let rows: Decoded[] = [];
  let end = target;
  for (let round = 0; round < 64 && rows.length < n && end > 0; round++) {
    const start = syncPoint(src.debugInfoAt, end - 1);
    if (start === undefined || start >= end) break;
    const decoded = decodeForward(src, start, { end });
    if (decoded.some((d) => !d.row)) break;
    rows = decoded.concat(rows);
    end = start;
  }
  if (rows.length < n && end > 0) rows = guessBackward(src, end, n - rows.length).concat(rows);
  if (rows.length < n) {
    const first = rows[0]?.address ?? target;
    const padding: Decoded[] = [];
    for (let i = n - rows.length; i >= 1; i--) padding.push({ address: Math.max(first - i, 0) });
    rows = padding.concat(rows);
  }
  return rows.slice(rows.length - n);
}

/** Without a known start: decodes from the earliest nearby address whose rows land exactly on `end`. */
function guessBackward(src: Source, end: number, n: number): Decoded[] {
  const from = Math.max(0, end - n * MAX_INSN);
  for (let start = from; start < Math.min(end, from + MAX_INSN + 1); start++) {
    const decoded = decodeForward(src, start, { end });
    if (decoded.some((d) => !d.row)) continue;
    const last = decoded[decoded.length - 1];
    if (last && last.address + (last.row?.bytes.length ?? 1) === end) return decoded;
  }
  return [];
}

/**
 * `count` instruction rows: those from `instructionOffset` rows after `address` (negative: before
 * it). Rows carry the symbol (at a function's first row and at the first row of the listing), and
 * the source path and line when the line table knows them. `count` is cut to
 * MAX_DISASSEMBLY_ROWS and `instructionOffset` to ±MAX_DISASSEMBLY_OFFSET, so the work is bounded.
 */
export function disassembleAround(
  memory: ProcessMemory,
  debugInfoAt: DebugInfoAt,
  address: number,
  instructionOffset: number,
  count: number,
  resolveSymbols: boolean,
  localPath: (compiled: string) => string = (p) => p,
): InstructionView[] {
  count = Math.min(count, MAX_DISASSEMBLY_ROWS);
  instructionOffset = Math.max(-MAX_DISASSEMBLY_OFFSET, Math.min(instructionOffset, MAX_DISASSEMBLY_OFFSET));
  if (!(count > 0) || !Number.isFinite(instructionOffset)) return [];
  const src: Source = { memory, debugInfoAt, symbols: resolveSymbols };
  let rows: Decoded[];
  if (instructionOffset >= 0) {
    rows = decodeForward(src, address, { count: instructionOffset + count }).slice(instructionOffset);
  } else {
    const before = decodeBackward(src, address, -instructionOffset).slice(0, count);
    const after = count > before.length ? decodeForward(src, address, { count: count - before.length }) : [];
    rows = before.concat(after);
  }
  const lookup = debugInfoAt(address);
  return rows.map((d, i) => view(d, i === 0, debugInfoAt(d.address) ?? lookup, resolveSymbols, localPath));
}

function view(d: Decoded, first: boolean, di: DebugInfo | undefined, symbols: boolean, localPath: (compiled: string) => string): InstructionView {
  if (!d.row) return { address: hex(d.address), instruction: '??', presentationHint: 'invalid' };
  const out: InstructionView = {
    address: hex(d.address),
    instructionBytes: d.row.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' '),
    instruction: d.row.text,
  };
  if (d.row.bad) out.presentationHint = 'invalid';
  if (!di) return out;
  const s = symbols ? di.symbolize(d.address) : undefined;
  if (s && (s.offset === 0 || first)) out.symbol = s.offset === 0 ? s.name : `${s.name}+0x${s.offset.toString(16)}`;
  const line = di.linesForAddress(d.address);
  if (line) {
    const local = localPath(line.file);
    out.location = { path: local, name: local.split('/').pop() };
    out.line = line.line;
  }
  return out;
}
