// Stack traces of the CPU of a booted kernel (unwound with the call-frame information of the code
// each frame is in: kernel.o for kernel addresses, the thread's user program below them) and the
// frame contexts the inspection side reads. Memory is read through the current page tables with
// no side effect. Frame ids are valid until the machine runs again.
import type { RegisterValues } from '../../debuginfo/dwarf-registers';
import type { DebugInfo } from '../../debuginfo/debug-info';
import { REG64_NAMES } from '../../emu/cpu/registers';
import { readRflags, writeRflagsUser } from '../../emu/exec/stack';
import type { PcMachine } from '../../emu/pc/pc-machine';
import type { FrameContext, FrameInfo } from '../contract';
import { toRegisterValues, type RegisterMap } from '../process-registers';
import { frameName } from '../stack-frames';
import type { SystemPrograms } from './system-programs';

/** Most frames one trace unwinds. */
const MAX_FRAMES = 512;

interface FrameRecord {
  thread: number;
  index: number;
  pc: number;
  registers: RegisterMap;
  info: DebugInfo | undefined;
  /** the frame is the CPU's (its registers can be set) */
  onCpu: boolean;
}


/** Frames of the stopped PC. */
export class SystemFrames {
  private readonly byId = new Map<number, FrameRecord>();
  private nextId = 1;

  constructor(
    private readonly pc: PcMachine,
    private readonly programs: SystemPrograms,
    /** the user program of the thread on the CPU (its name on the disk), when known */
    private readonly userProgram: () => string | undefined,
  ) {}

  /** Forgets every frame id (the machine is about to run). */
  invalidate(): void {
    this.byId.clear();
  }

  /** The CPU's registers now (rax..r15, rip, rflags). */
  registers(): RegisterMap {
    const cpu = this.pc.machine.cpu;
    const out: RegisterMap = new Map();
    REG64_NAMES.forEach((name, i) => out.set(name, cpu.r64[i]));
    out.set('rip', BigInt(cpu.rip));
    out.set('rflags', BigInt(readRflags(cpu)));
    return out;
  }

  /** Reads [va, va+length) through the current page tables; undefined unless all of it is mapped. */
  read(va: number, length: number): Uint8Array | undefined {
    if (!Number.isSafeInteger(va) || va < 0) return undefined;
    const r = this.pc.memory.readVirtual(va, length, { user: false });
    return r.bytes.length === length ? r.bytes : undefined;
  }

  /**
   * Frames [start, start+levels) (levels 0 = all) and the total unwound: of the thread on the CPU,
   * or of a thread off it from the registers it saved (`saved`).
   */
  stackTrace(thread: number, start: number, levels: number, saved?: RegisterMap): { frames: FrameInfo[]; total: number } {
    const all = this.unwind(levels > 0 ? Math.min(MAX_FRAMES, start + levels + 1) : MAX_FRAMES, saved);
    const slice = all.slice(start, levels > 0 ? start + levels : undefined);
    return { frames: slice.map((regs, i) => this.describe(thread, start + i, regs, saved === undefined)), total: all.length };
  }

  /** The context of frame `frameId`, or undefined when unknown or stale. */
  context(frameId: number): FrameContext | undefined {
    const record = this.byId.get(frameId);
    return record ? this.contextOf(record) : undefined;
  }

  /** The innermost frame, without a frame id (breakpoint conditions, logpoints). */
  topContext(thread: number): FrameContext {
    const registers = this.registers();
    const pc = this.pc.machine.cpu.rip;
    return this.contextOf({ thread, index: 0, pc, registers, info: this.infoAt(pc), onCpu: true });
  }

  /** The caller of the innermost frame: its canonical frame address and return address, when known. */
  callerOf(): { cfa: number; returnAddress: number } | undefined {
    const frames = this.unwind(2);
    const caller = frames[1];
    if (caller?.rsp === undefined || caller.rip === undefined) return undefined;
    return { cfa: Number(caller.rsp), returnAddress: Number(caller.rip) };
  }

  /** Debug information of the code at `va`. */
  infoAt(va: number): DebugInfo | undefined {
    return this.programs.at(va, this.userProgram())?.info;
  }

  private reader(): (addr: bigint, size: number) => Uint8Array | undefined {
    return (addr, size) => (addr < 2n ** 53n ? this.read(Number(addr), size) : undefined);
  }

  /** Unwinds frame by frame, each with the debug information of its own pc (kernel frames over user frames). */
  private unwind(maxFrames: number, saved?: RegisterMap): RegisterValues[] {
    const frames: RegisterValues[] = [toRegisterValues(saved ?? this.registers())];
    while (frames.length < maxFrames) {
      const regs = frames[frames.length - 1];
      const pc = Number(regs.rip ?? 0n);
      const info = this.infoAt(frames.length === 1 ? pc : pc - 1);
      if (!info) break;
      const next = info.unwindStep(pc, regs, this.reader());
      if (!next || next.rip === undefined || next.rip === 0n || (next.rsp !== undefined && regs.rsp !== undefined && next.rsp <= regs.rsp)) break;
      frames.push(next);
    }
    return frames;
  }

  private describe(thread: number, index: number, regs: RegisterValues, onCpu: boolean): FrameInfo {
    const pc = Number(regs.rip ?? 0n);
    const registers: RegisterMap = new Map(Object.entries(regs));
    if (index === 0 && onCpu) registers.set('rflags', BigInt(readRflags(this.pc.machine.cpu)));
    const lookup = index === 0 ? pc : pc - 1;
    const program = this.programs.at(lookup, this.userProgram());
    const info = program?.info;
    const id = this.nextId++;
    this.byId.set(id, { thread, index, pc, registers, info, onCpu });
    const frame: FrameInfo = { id, name: frameName(info, lookup, pc), line: 0, column: 0, pc, program: program?.name ?? '' };
    const where = info?.linesForAddress(lookup);
    if (where) {
      frame.source = this.programs.localSource(where.file);
      frame.line = where.line;
      frame.column = Math.max(1, where.column);
    }
    return frame;
  }

  private contextOf(record: FrameRecord): FrameContext {
    const cpu = this.pc.machine.cpu;
    const frame: FrameContext = {
      pid: record.thread,
      frameIndex: record.index,
      pc: record.pc,
      registers: record.registers,
      debugInfo: record.info,
      readMemory: (va, length) => this.read(va, length),
      writeMemory: (va, bytes) => this.pc.memory.pokeVirtual(va, bytes, { user: false }) === undefined,
      setRegister: (name, value) => {
        if (record.index !== 0 || !record.onCpu) return false;
        const v = BigInt.asUintN(64, value);
        const index = REG64_NAMES.indexOf(name);
        if (index >= 0) cpu.r64[index] = v;
        else if (name === 'rip') cpu.rip = Number(v);
        else if (name === 'rflags') writeRflagsUser(cpu, Number(v & 0xffffffffn));
        else return false;
        record.registers.set(name, v);
        return true;
      },
    };
    const cfa = record.info?.cfaOf({ pc: record.pc, registers: toRegisterValues(record.registers), readMemory: this.reader(), innermost: record.index === 0 });
    return cfa === undefined ? frame : { ...frame, cfa };
  }
}

