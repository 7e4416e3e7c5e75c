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

/** Bytes in pieces, joined once at the end (block bodies are copied only there, natively). */
class Pieces {
  readonly parts: (readonly number[])[] = [];
  length = 0;

  add(bytes: readonly number[]): void {
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  /** Appends the unsigned LEB128 encoding of `n`. */
  uleb(n: number): void {
    const b: number[] = [];
    uleb(b, n);
    this.add(b);
  }

  /** Appends `items` as a vector (count, then each item). */
  vec(items: readonly (readonly number[])[]): void {
    this.uleb(items.length);
    for (const item of items) this.add(item);
  }

  /** Appends section `id` whose content is `body`. */
  section(id: number, body: Pieces): void {
    this.add([id]);
    this.uleb(body.length);
    for (const part of body.parts) this.add(part);
  }

  /** The bytes, joined. */
  join(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
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
  const out = new Pieces();
  out.add([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const typeSec = new Pieces();
  typeSec.vec(types.map(encodeType));
  out.section(1, typeSec);
  const imports: number[][] = importTypes.map((t, i) => {
    const entry = [...name('env'), ...name(`f${i}`), 0x00];
    uleb(entry, t);
    return entry;
  });
  const memEntry = [...name('env'), ...name('memory'), 0x02, 0x00];
  uleb(memEntry, memoryPages);
  imports.push(memEntry);
  if (importTable) imports.push([...name('env'), ...name('table'), 0x01, 0x70, 0x00, 0x00]);
  const importSec = new Pieces();
  importSec.vec(imports);
  out.section(2, importSec);
  const funcSec = new Pieces();
  funcSec.vec(funcs.map((f) => { const e: number[] = []; uleb(e, f.type); return e; }));
  out.section(3, funcSec);
  const exports = funcs.flatMap((f, i) => {
    if (f.exportName === undefined) return [];
    const e = [...name(f.exportName), 0x00];
    uleb(e, importTypes.length + i);
    return [e];
  });
  const exportSec = new Pieces();
  exportSec.vec(exports);
  out.section(7, exportSec);
  const codeSec = new Pieces();
  codeSec.uleb(funcs.length);
  for (const f of funcs) encodeBody(codeSec, f);
  out.section(10, codeSec);
  return out.join();
}

/** Appends function `f`'s code entry: its size, its local declarations, its body and `end`. */
function encodeBody(out: Pieces, f: FuncDef): void {
  const head: number[] = [];
  const groups: [ValType, number][] = [];
  for (const t of f.locals) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0] === t) last[1]++;
    else groups.push([t, 1]);
  }
  uleb(head, groups.length);
  for (const [t, n] of groups) {
    uleb(head, n);
    head.push(t);
  }
  out.uleb(head.length + f.body.length + 1);
  out.add(head);
  out.add(f.body);
  out.add([0x0b]);
}
