// Hand-built memory, registers and types for the expression tests: pages of bytes that can be
// absent, a register map, and a few C types (struct point, struct node, arrays, enums).
import type { DwarfType } from '../../../src/debuginfo';
import { BUILTIN, pointerTo } from '../../../src/runtime/inspect/c-types';
import type { EvalEnv } from '../../../src/runtime/inspect/expr/evaluator';
import { parseExpression } from '../../../src/runtime/inspect/expr/parser';
import { evaluateExpr } from '../../../src/runtime/inspect/expr/evaluator';
import { formatValue } from '../../../src/runtime/inspect/format-value';
import { processMemoryPort, type RegisterPort } from '../../../src/runtime/inspect/memory-port';
import { TypeIndex } from '../../../src/runtime/inspect/type-index';
import type { Value } from '../../../src/runtime/inspect/value';
import type { ProcessMemory } from '../../../src/runtime/inspector-host';

const PAGE = 4096;

/** Pages of memory; absent pages are unreadable. */
export class FakeMemory implements ProcessMemory {
  readonly pid = 1;
  readonly pages = new Map<number, Uint8Array>();
  readonly readOnly = new Set<number>();

  map(va: number, writable = true): void {
    const page = Math.floor(va / PAGE);
    if (!this.pages.has(page)) this.pages.set(page, new Uint8Array(PAGE));
    if (!writable) this.readOnly.add(page);
  }

  poke(va: number, bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) {
      const a = va + i;
      this.map(a);
      (this.pages.get(Math.floor(a / PAGE)) as Uint8Array)[a % PAGE] = bytes[i];
    }
  }

  poke64(va: number, value: bigint, size = 8): void {
    const out: number[] = [];
    for (let i = 0; i < size; i++) out.push(Number((BigInt.asUintN(64, value) >> BigInt(8 * i)) & 0xffn));
    this.poke(va, out);
  }

  read(va: number, length: number): { bytes: Uint8Array; unreadableAt?: number } {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const page = this.pages.get(Math.floor((va + i) / PAGE));
      if (!page) return { bytes: out.slice(0, i), unreadableAt: va + i };
      out[i] = page[(va + i) % PAGE];
    }
    return { bytes: out };
  }

  write(va: number, bytes: Uint8Array): boolean {
    for (let i = 0; i < bytes.length; i++) {
      const p = Math.floor((va + i) / PAGE);
      if (!this.pages.has(p) || this.readOnly.has(p)) return false;
    }
    this.poke(va, bytes);
    return true;
  }
}

/** Registers in a map; `locked` registers refuse writes. */
export function fakeRegisters(values: Record<string, bigint>): RegisterPort & { values: Map<string, bigint> } {
  const map = new Map(Object.entries(values));
  return { values: map, get: (n) => map.get(n), set: (n, v) => (map.set(n, v), true) };
}

let ids = 1;
const member = (name: string, type: DwarfType, offset: number) => ({ name, type, offset });

export const POINT: DwarfType = { kind: 'struct', id: ids++, name: 'point', size: 8, declaration: false, members: [member('x', BUILTIN.int, 0), member('y', BUILTIN.int, 4)] };
export const NODE = { kind: 'struct', id: ids++, name: 'node', size: 24, declaration: false, members: [] } as DwarfType & { kind: 'struct' };
NODE.members.push(member('value', BUILTIN.int, 0), member('next', pointerTo(NODE), 8), member('name', { kind: 'array', id: ids++, element: BUILTIN.char, counts: [8] }, 16));
export const COLOR: DwarfType = { kind: 'enum', id: ids++, name: 'color', size: 4, underlying: BUILTIN.unsignedInt, enumerators: [{ name: 'RED', value: 0n }, { name: 'GREEN', value: 1n }, { name: 'BLUE', value: 2n }] };
export const INT_ARRAY: DwarfType = { kind: 'array', id: ids++, element: BUILTIN.int, counts: [5] };
export const FLAGS: DwarfType = {
  kind: 'struct', id: ids++, name: 'flags', size: 4, declaration: false,
  members: [{ name: 'a', type: BUILTIN.unsignedInt, offset: 0, bitField: { bitOffset: 0, bitSize: 3 } }, { name: 'b', type: BUILTIN.int, offset: 0, bitField: { bitOffset: 3, bitSize: 5 } }],
};

/** A type index that knows the fake types. */
export class FakeTypes extends TypeIndex {
  constructor() {
    super(undefined);
  }

  override resolve(spec: { words: string[]; pointers: number }): DwarfType {
    const name = spec.words.join(' ');
    const known: Record<string, DwarfType> = { 'struct point': POINT, 'struct node': NODE, 'enum color': COLOR };
    let t = known[name];
    if (!t) return super.resolve(spec);
    for (let i = 0; i < spec.pointers; i++) t = pointerTo(t);
    return t;
  }

  override enumConstant(name: string): { value: bigint; type: DwarfType } | undefined {
    const e = (COLOR as DwarfType & { kind: 'enum' }).enumerators.find((x) => x.name === name);
    return e ? { value: e.value, type: COLOR } : super.enumConstant(name);
  }
}

/** Memory layout of the fake program. */
export const ADDR = { point: 0x600000, nodes: 0x600100, arr: 0x600200, str: 0x600300, ptr: 0x600400, color: 0x600408, uc: 0x60040c, flags: 0x600410, absent: 0x700000 };

/** The fake program: variables p (struct point), n1→n2 (struct node), arr (int[5]), s (char *), ... */
export function fakeProgram(): { env: EvalEnv; memory: FakeMemory; regs: ReturnType<typeof fakeRegisters>; types: FakeTypes } {
  const memory = new FakeMemory();
  memory.poke64(ADDR.point, 3n, 4);
  memory.poke64(ADDR.point + 4, -4n, 4);
  memory.poke64(ADDR.nodes, 10n, 4);
  memory.poke64(ADDR.nodes + 8, BigInt(ADDR.nodes + 24));
  memory.poke(ADDR.nodes + 16, [0x6f, 0x6e, 0x65, 0]);
  memory.poke64(ADDR.nodes + 24, 20n, 4);
  memory.poke64(ADDR.nodes + 32, 0n);
  memory.poke(ADDR.nodes + 40, [0x74, 0x77, 0x6f, 0]);
  for (let i = 0; i < 5; i++) memory.poke64(ADDR.arr + 4 * i, BigInt(i * 10 + 1), 4);
  memory.poke(ADDR.str, [...Buffer.from('hello\n'), 0]);
  memory.poke64(ADDR.ptr, BigInt(ADDR.str));
  memory.poke64(ADDR.color, 2n, 4);
  memory.poke(ADDR.uc, [200]);
  memory.poke(ADDR.flags, [0b10101_101]);
  const regs = fakeRegisters({ rax: 0x1122334455667788n, rsp: 0x47480000n, rip: 0x401000n, rflags: 0x246n, rbx: 5n });
  const types = new FakeTypes();
  const charPtr = pointerTo(BUILTIN.char);
  const vars: Record<string, Value> = {
    p: { type: POINT, place: { kind: 'memory', address: BigInt(ADDR.point) } },
    n1: { type: NODE, place: { kind: 'memory', address: BigInt(ADDR.nodes) } },
    np: { type: pointerTo(NODE), place: { kind: 'memory', address: 0x600500n } },
    arr: { type: INT_ARRAY, place: { kind: 'memory', address: BigInt(ADDR.arr) } },
    s: { type: charPtr, place: { kind: 'memory', address: BigInt(ADDR.ptr) } },
    c: { type: COLOR, place: { kind: 'memory', address: BigInt(ADDR.color) } },
    uc: { type: BUILTIN.unsignedChar, place: { kind: 'memory', address: BigInt(ADDR.uc) } },
    f: { type: FLAGS, place: { kind: 'memory', address: BigInt(ADDR.flags) } },
    gone: { type: BUILTIN.int, place: { kind: 'memory', address: BigInt(ADDR.absent) } },
    r: { type: BUILTIN.int, place: { kind: 'register', name: 'rbx', offset: 0 } },
  };
  memory.poke64(0x600500, BigInt(ADDR.nodes));
  const env: EvalEnv = { memory: processMemoryPort(memory), registers: regs, types, lookup: (name) => (vars[name] ? { ...vars[name] } : undefined), allowWrites: true };
  return { env, memory, regs, types };
}

/** Evaluates `text` in `env` and formats the result. */
export function show(env: EvalEnv, text: string, hex = false): string {
  return formatValue(evaluateExpr(parseExpression(text), env), env, env.types, { hex });
}
