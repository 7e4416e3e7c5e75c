// Guest memory is one buffer: RAM from byte 0, then a control area holding the software TLB, the
// machine CPU's register file and the words the compiled tier exchanges with the run loop. Kept
// together so that WebAssembly code compiled from guest code (which can reach only its one
// linear memory) loads registers, probes the TLB and reads RAM with plain memory instructions.
import { Slot } from '../cpu/registers';
import { TLB_ENTRIES, TLB_TABLES } from './tlb';

const TLB_SLOTS = TLB_TABLES * TLB_ENTRIES;

/** Entries of the compiled tier's code cache (a power of two). */
export const CODE_CACHE_ENTRIES = 4096;

/** Byte offsets of the parts of the control area, from its start. */
export const Control = {
  /** Float64 TLB tags (see tlb.ts) */
  TLB_TAGS: 0,
  /** Int32 TLB frame addresses */
  TLB_FRAMES: TLB_SLOTS * 8,
  /** the register file of the machine's CPU (see cpu-state.ts) */
  REGISTERS: TLB_SLOTS * 12,
  /** exchange words of the compiled tier (see emu/wasm) */
  EXCHANGE: TLB_SLOTS * 12 + Slot.COUNT * 8,
  /** the compiled tier's cache of compiled blocks, CODE_CACHE_ENTRIES entries of 32 bytes */
  CODE_CACHE: TLB_SLOTS * 12 + Slot.COUNT * 8 + 64,
  /** bytes of the whole control area */
  SIZE: TLB_SLOTS * 12 + Slot.COUNT * 8 + 64 + CODE_CACHE_ENTRIES * 32,
} as const;

/** A place inside a buffer. */
export interface Area {
  readonly buffer: ArrayBuffer;
  readonly offset: number;
}

const WASM_PAGE = 65536;

/** Guest memory: its buffer, the WebAssembly memory it belongs to (when one could be made), and
 *  where its control area starts. */
export interface GuestMemoryBuffer {
  readonly buffer: ArrayBuffer;
  readonly wasm: WebAssembly.Memory | undefined;
  readonly controlBase: number;
}

/**
 * Allocates zeroed guest memory for `ramBytes` of RAM plus the control area: the buffer of a
 * fixed-size WebAssembly memory, or a plain ArrayBuffer where the engine cannot reserve one.
 */
export function allocateGuestMemory(ramBytes: number): GuestMemoryBuffer {
  const controlBase = ramBytes;
  const pages = Math.ceil((ramBytes + Control.SIZE) / WASM_PAGE);
  try {
    const wasm = new WebAssembly.Memory({ initial: pages, maximum: pages });
    return { buffer: wasm.buffer, wasm, controlBase };
  } catch {
    return { buffer: new ArrayBuffer(pages * WASM_PAGE), wasm: undefined, controlBase };
  }
}
