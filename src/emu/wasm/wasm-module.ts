// A small WebAssembly binary writer: one module with imported memory and functions, a list of
// function types, and defined functions whose bodies are built with `Code`. Only what the
// emulator's compiled tier needs (numeric i32/i64/f64 instructions, locals, loads and stores,
// blocks, loops, branches, calls); the encoding follows the WebAssembly 1.0 binary format.

/** Value types. */
export const enum ValType {
  I32 = 0x7f,
  I64 = 0x7e,
  F64 = 0x7c,
}

/** A function signature. */
export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** Appends the unsigned LEB128 encoding of `n` (a non-negative integer below 2^53) to `out`. */
export function uleb(out: number[], n: number): void {
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

/** Appends the signed LEB128 encoding of the integer `n` (|n| < 2^53) to `out`. */
export function sleb(out: number[], n: number): void {
  for (;;) {
    const byte = ((n % 128) + 128) % 128;
    n = Math.floor(n / 128);
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** Appends the signed LEB128 encoding of a 64-bit integer given as a bigint. */
export function slebBig(out: number[], n: bigint): void {
  let v = BigInt.asIntN(64, n);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

function vec(out: number[], items: readonly number[][]): void {
  uleb(out, items.length);
  for (const item of items) for (let i = 0; i < item.length; i++) out.push(item[i]);
}

function section(out: number[], id: number, body: number[]): void {
  out.push(id);
  uleb(out, body.length);
  for (let i = 0; i < body.length; i++) out.push(body[i]);
}

function name(s: string): number[] {
  const bytes = [...Buffer.from(s, 'utf8')];
  const out: number[] = [];
  uleb(out, bytes.length);
  return out.concat(bytes);
}

function encodeType(t: FuncType): number[] {
  const out = [0x60];
  uleb(out, t.params.length);
  for (const p of t.params) out.push(p);
  uleb(out, t.results.length);
  for (const r of t.results) out.push(r);
  return out;
}

/** A defined function: its type index, its extra locals and its body (without the final `end`). */
export interface FuncDef {
  readonly type: number;
  readonly locals: readonly ValType[];
  readonly body: readonly number[];
  /** exported under this name when given */
  readonly exportName?: string;
}

/**
 * Builds a module importing memory `env.memory` (at least `memoryPages` 64 KiB pages) and the
 * functions `importTypes` (as `env.f0`, `env.f1`, ...; function indexes 0..n-1, defined functions
 * follow), and with `importTable` a function table `env.table`; with the functions `funcs`.
 * Returns the binary.
 */
export function buildModule(types: readonly FuncType[], importTypes: readonly number[], memoryPages: number, funcs: readonly FuncDef[], importTable = false): Uint8Array<ArrayBuffer> {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const typeSec: number[] = [];
  vec(typeSec, types.map(encodeType));
  section(out, 1, typeSec);
  const imports: number[][] = importTypes.map((t, i) => {
    const entry = [...name('env'), ...name(`f${i}`), 0x00];
    uleb(entry, t);
    return entry;
  });
  const memEntry = [...name('env'), ...name('memory'), 0x02, 0x00];
  uleb(memEntry, memoryPages);
  imports.push(memEntry);
  if (importTable) imports.push([...name('env'), ...name('table'), 0x01, 0x70, 0x00, 0x00]);
  const importSec: number[] = [];
  vec(importSec, imports);
  section(out, 2, importSec);
  const funcSec: number[] = [];
  vec(funcSec, funcs.map((f) => { const e: number[] = []; uleb(e, f.type); return e; }));
  section(out, 3, funcSec);
  const exports = funcs.flatMap((f, i) => {
    if (f.exportName === undefined) return [];
    const e = [...name(f.exportName), 0x00];
    uleb(e, importTypes.length + i);
    return [e];
  });
  const exportSec: number[] = [];
  vec(exportSec, exports);
  section(out, 7, exportSec);
  const codeSec: number[] = [];
  vec(codeSec, funcs.map(encodeBody));
  section(out, 10, codeSec);
  return Uint8Array.from(out);
}

function encodeBody(f: FuncDef): number[] {
  const body: number[] = [];
  const groups: [ValType, number][] = [];
  for (const t of f.locals) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0] === t) last[1]++;
    else groups.push([t, 1]);
  }
  uleb(body, groups.length);
  for (const [t, n] of groups) {
    uleb(body, n);
    body.push(t);
  }
  for (let i = 0; i < f.body.length; i++) body.push(f.body[i]);
  body.push(0x0b);
  const out: number[] = [];
  uleb(out, body.length);
  for (let i = 0; i < body.length; i++) out.push(body[i]);
  return out;
}
