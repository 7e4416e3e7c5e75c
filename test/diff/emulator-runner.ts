// Emulated half of the differential test: the same address space as the native harness (code
// page at CODE_ADDR, data area at DATA_ADDR, nothing around it) built with real 4-level page
// tables in a small guest RAM, and one Machine reused for every case.
import { Machine, type MachineOptions } from '../../src/emu/machine';
import { MemorySystem, PTE_NX, PTE_U, PTE_W, mapPage } from '../../src/emu/memory';
import type { StopReason } from '../../src/emu/stop-reason';
import { CODE_ADDR, CODE_SIZE, DATA_ADDR, DATA_SIZE, DiffCase, FinalState, OutcomeKind, STATUS_FLAGS, diffBytes, initialData } from './state';

const PAGE = 4096;
const RAM_BYTES = 32 * PAGE;
/** Upper bound of instructions per case; generated cases retire a few dozen at most. */
const BUDGET = 100_000;

const VECTOR_KIND: Readonly<Record<number, OutcomeKind>> = { 0: 'divide', 6: 'invalid-opcode', 13: 'gp', 14: 'page-fault' };

/** Maps a stop reason to an outcome; the end breakpoint is a normal end. */
function outcomeOf(stop: StopReason, end: number): { kind: OutcomeKind; addr: number } {
  switch (stop.kind) {
    case 'breakpoint': return { kind: stop.addr === end ? 'ok' : 'other', addr: 0 };
    case 'fault': return { kind: VECTOR_KIND[stop.vector] ?? 'other', addr: stop.vector === 14 ? stop.addr ?? 0 : 0 };
    case 'budget': return { kind: 'timeout', addr: 0 };
    default: return { kind: 'other', addr: 0 };
  }
}

/**
 * Creates an emulator for differential cases. The returned function loads a case (code, data,
 * registers, flags), runs it until rip reaches the end of the code or a stop, and returns the
 * final state. State of one case never leaks into the next. `options` tune the machine (e.g.
 * `compileAfter: 0` runs every block compiled).
 */
export function createEmulator(options: MachineOptions = {}): (c: DiffCase) => FinalState {
  const mem = new MemorySystem(RAM_BYTES);
  let nextFree = PAGE; // page 0 holds the PML4
  const alloc = (): number | undefined => {
    if (nextFree >= RAM_BYTES) return undefined;
    const pa = nextFree;
    nextFree += PAGE;
    return pa;
  };
  const pml4 = 0;
  const codePa = alloc() ?? 0;
  const dataPa = alloc() ?? 0;
  alloc(); // the second data page is contiguous with the first
  const ok =
    mapPage(mem.phys, pml4, CODE_ADDR, codePa, PTE_U | PTE_W, alloc) &&
    mapPage(mem.phys, pml4, DATA_ADDR, dataPa, PTE_U | PTE_W | PTE_NX, alloc) &&
    mapPage(mem.phys, pml4, DATA_ADDR + PAGE, dataPa + PAGE, PTE_U | PTE_W | PTE_NX, alloc);
  if (!ok) throw new Error('cannot build the page tables of the differential test');
  mem.setRoot(pml4);
  const machine = new Machine(mem, options);
  const clean = machine.snapshot();
  const filler = new Uint8Array(CODE_SIZE).fill(0xcc);
  let breakpoint = -1;

  return (c: DiffCase): FinalState => {
    const end = CODE_ADDR + c.code.length;
    const code = filler.slice();
    code.set(c.code);
    mem.phys.writeBytes(codePa, code);
    const before = initialData(c);
    mem.phys.writeBytes(dataPa, before);
    mem.flushTlb();
    machine.restore(clean);
    if (breakpoint !== end) {
      if (breakpoint >= 0) machine.removeBreakpoint(breakpoint);
      machine.addBreakpoint(end);
      breakpoint = end;
    }
    machine.flushDecodedCode();
    for (let i = 0; i < 16; i++) machine.setReg(i, c.regs[i]);
    machine.setRflags(0x202 | (c.flags & STATUS_FLAGS));
    machine.setRip(CODE_ADDR);

    const stop = machine.run(BUDGET);
    const { kind, addr } = outcomeOf(stop, end);
    const regs: bigint[] = [];
    for (let i = 0; i < 16; i++) regs.push(machine.getReg(i));
    const after = mem.phys.readBytes(dataPa, DATA_SIZE);
    return {
      kind,
      rip: machine.cpu.rip,
      addr,
      regs,
      flags: machine.getRflags() & STATUS_FLAGS,
      changes: diffBytes(before, after),
      ...(kind === 'other' ? { error: `unexpected stop: ${JSON.stringify(stop)}` } : {}),
    };
  };
}
