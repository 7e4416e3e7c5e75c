// Stack traces of any process (unwound with its program's call-frame information over its own
// address space) and the frame contexts the inspection side reads. Frame ids are valid until the
// machine runs again.
import type { DebugInfo } from '../debuginfo/debug-info';
import type { RegisterValues } from '../debuginfo/dwarf-registers';
import type { PhysicalMemory } from '../emu/memory/physical-memory';
import type { Kernel } from '../kernel/kernel';
import type { Process } from '../kernel/userprog/process';
import type { FrameContext, FrameInfo } from './contract';
import { kernelWorkLabel } from './kernel-work-frame';
import { readUserMemory, writeUserMemory, type UserMemoryRead } from './process-memory';
import { toRegisterValues, type ProcessRegisters, type RegisterMap } from './process-registers';
import type { ProgramRegistry } from './program-registry';

/** Most frames one stack trace unwinds. */
const MAX_FRAMES = 8192;

/** One unwound frame. */
interface FrameRecord {
  pid: number;
  index: number;
  pc: number;
  registers: RegisterMap;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** Frames of the stopped machine. */
export class StackFrames {
  private readonly byId = new Map<number, FrameRecord>();
  private nextId = 1;

  constructor(
    private readonly kernel: Kernel,
    private readonly phys: PhysicalMemory,
    private readonly registers: ProcessRegisters,
    private readonly registry: ProgramRegistry,
  ) {}

  /** Forgets every frame id (the machine is about to run). */
  invalidate(): void {
    this.byId.clear();
  }

  /** Frames [start, start+levels) of `pid` (levels 0 = all) and the total (an estimate when the stack is longer than what was unwound). */
  stackTrace(pid: number, start: number, levels: number): { frames: FrameInfo[]; total: number } {
    const p = this.liveProcess(pid);
    if (!p) return { frames: [], total: 0 };
    const want = levels > 0 ? Math.min(MAX_FRAMES, start + levels + 1) : MAX_FRAMES;
    const all = this.unwind(p, want);
    const kernel = kernelWorkLabel(p, all[0]?.rax);
    if (kernel === undefined) {
      const slice = all.slice(start, levels > 0 ? start + levels : undefined);
      return { frames: slice.map((regs, i) => this.describe(p, start + i, regs)), total: all.length };
    }
    // the kernel work comes first, above the user frames (index i of the list is user frame i - 1)
    const end = levels > 0 ? start + levels : all.length + 1;
    const frames: FrameInfo[] = [];
    for (let i = start; i < Math.min(end, all.length + 1); i++) {
      frames.push(i === 0 ? { ...this.describe(p, 0, all[0]), name: kernel, source: undefined, line: 0, column: 0, kernel: true } : this.describe(p, i - 1, all[i - 1]));
    }
    return { frames, total: all.length + 1 };
  }

  /** The context of frame `frameId`, or undefined when unknown or stale. */
  context(frameId: number): FrameContext | undefined {
    const record = this.byId.get(frameId);
    const p = record ? this.liveProcess(record.pid) : undefined;
    return record && p ? this.contextOf(p, record) : undefined;
  }

  /** The innermost frame of `p`, without a frame id (for breakpoint conditions and logpoints). */
  topContext(p: Process): FrameContext {
    const registers = this.registers.read(p);
    return this.contextOf(p, { pid: p.pid, index: 0, pc: Number(registers.get('rip') ?? 0n), registers });
  }

  /** The pc of each frame of `p`'s stack, innermost first (at most `max`), without frame ids. */
  pcs(p: Process, max = MAX_FRAMES): number[] {
    return this.unwind(p, max).map((regs) => Number(regs.rip ?? 0n));
  }

  /** The canonical frame address of `p`'s innermost frame and its caller's pc (return address), when known. */
  callerOf(p: Process): { cfa: number; returnAddress: number } | undefined {
    const frames = this.unwind(p, 2);
    if (frames.length < 2) return undefined;
    const caller = frames[1];
    if (caller.rsp === undefined || caller.rip === undefined) return undefined;
    return { cfa: Number(caller.rsp), returnAddress: Number(caller.rip) };
  }

  /** Reads `size` bytes of `p` for the unwinder; undefined unless all are readable. */
  private reader(p: Process): (addr: bigint, size: number) => Uint8Array | undefined {
    return (addr, size) => this.readAll(p, Number(addr), size);
  }

  /** Reads [va, va+length) of `p`, non-resident pages from where they live; undefined unless all are readable. */
  private readAll(p: Process, va: number, length: number): Uint8Array | undefined {
    const r = this.readSeeingThrough(p, va, length);
    return r.bytes.length === length ? r.bytes : undefined;
  }

  private readSeeingThrough(p: Process, va: number, length: number): UserMemoryRead {
    return readUserMemory(this.phys, p.space.pml4, va, length, (a) => this.kernel.vm.peekAbsentPage(p.space, a));
  }

  private unwind(p: Process, maxFrames: number): RegisterValues[] {
    const regs = toRegisterValues(this.registers.read(p));
    const info = this.registry.debugInfoOfPid(p.pid);
    if (!info) return [regs];
    return info.unwindStack(regs, this.reader(p), maxFrames).map((f) => f.registers);
  }

  private describe(p: Process, index: number, regs: RegisterValues): FrameInfo {
    const pc = Number(regs.rip ?? 0n);
    const registers: RegisterMap = new Map(Object.entries(regs));
    if (index === 0) registers.set('rflags', this.registers.read(p).get('rflags') ?? 0n);
    const id = this.nextId++;
    this.byId.set(id, { pid: p.pid, index, pc, registers });
    const program = this.registry.programOf(p.pid) ?? '';
    const info = this.registry.debugInfo(program);
    const lookup = index === 0 ? pc : pc - 1;
    const frame: FrameInfo = { id, name: frameName(info, lookup, pc), line: 0, column: 0, pc, program };
    const where = info?.linesForAddress(lookup);
    if (where) {
      frame.source = this.registry.localSource(where.file);
      frame.line = where.line;
      frame.column = Math.max(1, where.column);
    }
    return frame;
  }

  private contextOf(p: Process, record: FrameRecord): FrameContext {
    const frame = {
      pid: p.pid,
      frameIndex: record.index,
      pc: record.pc,
      registers: record.registers,
      debugInfo: this.registry.debugInfoOfPid(p.pid),
      readMemory: (va: number, length: number) => this.readAll(p, va, length),
      memoryOrigin: (va: number, length: number) => this.readSeeingThrough(p, va, length).origins?.join(', '),
      writeMemory: (va: number, bytes: Uint8Array) => writeUserMemory(this.phys, p.space.pml4, va, bytes),
      setRegister: (name: string, value: bigint) => {
        if (record.index !== 0 || !this.registers.write(p, name, value)) return false;
        record.registers.set(name, BigInt.asUintN(64, value));
        return true;
      },
    };
    const cfa = frame.debugInfo?.cfaOf({ pc: record.pc, registers: toRegisterValues(record.registers), readMemory: this.reader(p), innermost: record.index === 0 });
    return cfa === undefined ? frame : { ...frame, cfa };
  }

  private liveProcess(pid: number): Process | undefined {
    const p = this.kernel.processes.processes.get(pid);
    return p && p.state !== 'exited' ? p : undefined;
  }
}

/** A frame's name: its function, else symbol+offset, else its address (`lookup` is the pc, or pc - 1 in a caller). */
export function frameName(info: DebugInfo | undefined, lookup: number, pc: number): string {
  const fn = info?.functionAt(lookup);
  if (fn) return fn.name;
  const sym = info?.symbolize(lookup);
  if (sym) return sym.offset === 0 ? sym.name : `${sym.name}+${hex(pc - (lookup - sym.offset))}`;
  return hex(pc);
}
