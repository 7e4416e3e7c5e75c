// The WebAssembly tier of one machine: block functions compiled in batches into a function
// table, the code cache the dispatcher looks blocks up in (memory/control-area.ts), and the
// JavaScript side of a dispatcher run (lazy flags in, rip and flags out, faults placed exactly).
//
// Contract of `run(budget)`: called with `cpu.rip` at the start of a block passed to `enter`,
// and budget >= its length, it runs compiled blocks while the next one is compiled and fits in
// the budget, and returns how many instructions completed, with `cpu.rip` and the lazy flags at
// the state after them. It returns early after an instruction whose slow path wrote decoded code
// or hit a watch, and after an interpreted instruction that asked the run loop to stop. When an
// instruction faults it has changed nothing; `cpu.rip` is set to it and `cpu.blockFault` to the
// count of instructions completed before it, and the fault is rethrown.
import type { CpuState } from '../cpu/cpu-state';
import type { Insn } from '../decoder/insn';
import { MAX_BLOCK } from '../block-cache';
import type { GuestMemoryBuffer } from '../memory/control-area';
import { CODE_CACHE_ENTRIES, Control } from '../memory/control-area';
import { X_DONE, X_FLAG_BITS, X_FLAG_OP, X_INSN, X_LEAVE, X_RIP } from './exchange';
import { blockImports } from './block-imports';
import { compileBatch, type CompilableBlock } from './wasm-block';
import { buildFlags } from './wasm-flags';
import { buildDispatcher, codeCacheSlot, type Dispatcher } from './wasm-dispatcher';

/** A decoded block as the tier keeps it. */
export interface TierBlock extends CompilableBlock {
  /** its function's index in the table, or -1 */
  wasmIndex: number;
}

/** The WebAssembly tier of a machine whose memory is `guest` (which must have a WebAssembly memory). */
export class WasmTier {
  private readonly table = new WebAssembly.Table({ element: 'anyfunc', initial: 64 });
  private readonly blocks: (TierBlock | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly dispatch: Dispatcher;
  private readonly imports: ((...args: never[]) => unknown)[];
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly x32: number;
  private readonly x64: number;
  private readonly cache32: number;
  private readonly cache64: number;
  private readonly pages: number;

  constructor(private readonly cpu: CpuState, private readonly guest: GuestMemoryBuffer & { wasm: WebAssembly.Memory }) {
    this.pages = guest.buffer.byteLength / 65536;
    this.i32 = new Int32Array(guest.buffer);
    this.f64 = new Float64Array(guest.buffer, 0, Math.floor(guest.buffer.byteLength / 8));
    const exchange = guest.controlBase + Control.EXCHANGE;
    this.x32 = exchange / 4;
    this.x64 = exchange / 8;
    this.cache32 = (guest.controlBase + Control.CODE_CACHE) / 4;
    this.cache64 = (guest.controlBase + Control.CODE_CACHE) / 8;
    this.clearCache();
    const flags = buildFlags(guest.wasm, this.pages, guest.controlBase);
    this.dispatch = buildDispatcher(guest.wasm, this.pages, guest.controlBase, this.table);
    this.imports = blockImports(cpu, { i32: this.i32, f64: this.f64, i32Base: this.x32, f64Base: this.x64 }, flags, this.dispatch.chain, (t) => this.blocks[t] as TierBlock);
  }

  /** Compiles `blocks` (decoded, not compiled yet, none at a breakpoint) into one module and
   *  makes them known to the dispatcher. */
  compile(blocks: readonly TierBlock[]): void {
    const indexes = blocks.map(() => this.allocate());
    const fns = compileBatch(blocks, indexes, this.guest.controlBase, this.guest.wasm, this.pages, this.imports);
    blocks.forEach((b, i) => {
      const t = indexes[i];
      this.table.set(t, fns[i] as (...args: unknown[]) => unknown);
      this.blocks[t] = b;
      b.wasmIndex = t;
      this.enter(b);
    });
  }

  /** Puts compiled block `b` in the code cache (evicting whatever held its slot). */
  enter(b: TierBlock): void {
    const slot = codeCacheSlot(b.pa);
    this.f64[this.cache64 + slot * 4] = b.va;
    this.i32[this.cache32 + slot * 8 + 2] = b.pa;
    this.i32[this.cache32 + slot * 8 + 3] = b.wasmIndex;
    this.i32[this.cache32 + slot * 8 + 4] = b.insns.length;
  }

  /** Forgets compiled block `b` (its code was dropped): the dispatcher no longer enters it. */
  forget(b: TierBlock): void {
    const t = b.wasmIndex;
    if (t < 0) return;
    const slot = codeCacheSlot(b.pa);
    if (this.i32[this.cache32 + slot * 8 + 3] === t) this.i32[this.cache32 + slot * 8 + 2] = -1;
    this.blocks[t] = undefined;
    this.table.set(t, null);
    this.free.push(t);
    b.wasmIndex = -1;
  }

  /** Forgets every compiled block. */
  clear(): void {
    for (const b of this.blocks) if (b !== undefined) this.forget(b);
    this.clearCache();
  }

  /** Runs compiled blocks from `cpu.rip` (see the file comment). */
  run(budget: number): number {
    const { cpu, i32, x32 } = this;
    i32[x32 + X_FLAG_OP / 4] = cpu.flagOp;
    i32[x32 + X_FLAG_BITS / 4] = cpu.flagBits;
    i32[x32 + X_LEAVE / 4] = 0;
    let done: number;
    try {
      done = this.dispatch.run(budget, cpu.rip);
    } catch (e) {
      cpu.flagOp = i32[x32 + X_FLAG_OP / 4];
      cpu.flagBits = i32[x32 + X_FLAG_BITS / 4];
      const at = i32[x32 + X_INSN / 4];
      const insn = (this.blocks[Math.floor(at / MAX_BLOCK)] as TierBlock).insns[at % MAX_BLOCK] as Insn;
      cpu.rip = insn.addr;
      cpu.blockFault = i32[x32 + X_DONE / 4] + (at % MAX_BLOCK);
      throw e;
    }
    cpu.flagOp = i32[x32 + X_FLAG_OP / 4];
    cpu.flagBits = i32[x32 + X_FLAG_BITS / 4];
    cpu.rip = this.f64[this.x64 + X_RIP / 8];
    return done;
  }

  private allocate(): number {
    const t = this.free.pop();
    if (t !== undefined) return t;
    const n = this.blocks.length;
    if (n >= this.table.length) this.table.grow(this.table.length);
    this.blocks.push(undefined);
    return n;
  }

  private clearCache(): void {
    for (let slot = 0; slot < CODE_CACHE_ENTRIES; slot++) this.i32[this.cache32 + slot * 8 + 2] = -1;
  }
}
