// The evaluation environment of a frame (or of a process when no frame is selected): its memory
// and registers, the variables in scope at its pc, the program's globals and functions.
import type { DebugInfo, FrameState, RegisterName, RegisterValues, Variable } from '../../debuginfo';
import type { FrameContext } from '../contract';
import { BUILTIN } from './c-types';
import type { EvalEnv } from './expr/evaluator';
import { frameMemory, frameRegisters, processMemoryPort, type MemoryPort, type RegisterPort } from './memory-port';
import { typeIndexOf, type TypeIndex } from './type-index';
import { variableValue } from './variable-value';
import type { Value } from './value';
import type { ProcessMemory } from '../inspector-host';

/** An environment plus what the scopes and completions need to list. */
export interface ScopeEnv extends EvalEnv {
  readonly debugInfo: DebugInfo | undefined;
  /** the pc of the frame (undefined without a frame) */
  readonly pc: number | undefined;
  /** locals and parameters visible at the pc, innermost first, shadowed names removed */
  readonly locals: readonly Variable[];
  /** globals and file statics, the current file's first */
  readonly globals: readonly Variable[];
  /** the value of a variable (local or global) */
  valueOf(variable: Variable): Value;
  /** names a code address: `main`, `main+0x12` */
  symbolize(address: number): string | undefined;
}

const REGISTER_NAMES: readonly RegisterName[] = ['rax', 'rdx', 'rcx', 'rbx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip'];

function registerValues(map: Map<string, bigint>): RegisterValues {
  const out: RegisterValues = {};
  for (const name of REGISTER_NAMES) {
    const v = map.get(name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** The environment of frame `frame`. */
export function frameEnv(frame: FrameContext, allowWrites: boolean): ScopeEnv {
  const state: FrameState = {
    pc: frame.pc,
    registers: registerValues(frame.registers),
    readMemory: (addr, size) => (addr < 0n || addr >= 1n << 47n ? undefined : frame.readMemory(Number(addr), size)),
    innermost: frame.frameIndex === 0,
  };
  const lookupPc = frame.frameIndex === 0 ? frame.pc : frame.pc - 1;
  return buildEnv(frame.debugInfo, frameMemory(frame), frameRegisters(frame), state, lookupPc, allowWrites);
}

/** The environment of process memory without a frame: globals and functions, no registers. */
export function processEnv(debugInfo: DebugInfo | undefined, memory: ProcessMemory, allowWrites: boolean): ScopeEnv {
  const state: FrameState = {
    pc: 0,
    registers: {},
    readMemory: (addr, size) => {
      const got = memory.read(Number(addr), size);
      return got.bytes.length === size ? got.bytes : undefined;
    },
    innermost: true,
  };
  return buildEnv(debugInfo, processMemoryPort(memory), undefined, state, undefined, allowWrites);
}

function buildEnv(debugInfo: DebugInfo | undefined, memory: MemoryPort, registers: RegisterPort | undefined, state: FrameState, pc: number | undefined, allowWrites: boolean): ScopeEnv {
  const types: TypeIndex = typeIndexOf(debugInfo);
  const locals = debugInfo && pc !== undefined ? debugInfo.variablesAt(pc) : [];
  const fn = debugInfo && pc !== undefined ? debugInfo.functionAt(pc) : undefined;
  const globals = orderGlobals(debugInfo ? debugInfo.globals() : [], fn?.declFile);
  const valueOf = (v: Variable): Value => (debugInfo ? variableValue(debugInfo, v, state) : { type: v.type, place: { kind: 'none' }, error: 'no debug info' });
  const symbolize = (address: number): string | undefined => {
    const s = debugInfo?.symbolize(address);
    return s ? (s.offset === 0 ? s.name : `${s.name}+0x${s.offset.toString(16)}`) : undefined;
  };
  const lookup = (name: string): Value | undefined => {
    const local = locals.find((v) => v.name === name);
    if (local) return valueOf(local);
    const global = globals.find((v) => v.name === name);
    if (global) return valueOf(global);
    const func = debugInfo?.functionNamed(name);
    if (func) return { type: func.type, place: { kind: 'memory', address: BigInt(func.lowPc) } };
    const symbol = debugInfo?.lookupSymbol(name);
    if (symbol && symbol.address !== 0) {
      return { type: BUILTIN.int, place: { kind: 'memory', address: BigInt(symbol.address) }, error: `'${name}' has no debug info; use *(TYPE *)&${name}` };
    }
    return undefined;
  };
  return { memory, registers, types, allowWrites, debugInfo, pc, locals, globals, valueOf, symbolize, lookup };
}

/** Globals of the current file first (statics of other files after), each group by name. */
function orderGlobals(all: readonly Variable[], file: string | undefined): Variable[] {
  const rank = (v: Variable): number => (v.declFile === file ? 0 : 1);
  return all.filter((v) => v.functionName === undefined).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
