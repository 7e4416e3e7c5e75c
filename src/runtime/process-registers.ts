// Registers of any process: the CPU's for the process on it, the saved context for the others.
import { CpuState } from '../emu/cpu/cpu-state';
import { REG64_NAMES } from '../emu/cpu/registers';
import { readRflags, writeRflagsUser } from '../emu/exec/stack';
import type { Machine } from '../emu/machine';
import type { RegisterValues } from '../debuginfo/dwarf-registers';
import type { Kernel } from '../kernel/kernel';
import type { Process } from '../kernel/userprog/process';

/** Register values of one process: rax..r15, rip and rflags. */
export type RegisterMap = Map<string, bigint>;

/** Reads and writes the registers of processes of one machine. */
export class ProcessRegisters {
  /** scratch CPU used to decode saved contexts (flags are kept lazily) */
  private readonly scratch: CpuState;

  constructor(
    private readonly kernel: Kernel,
    private readonly machine: Machine,
  ) {
    this.scratch = new CpuState(machine.mem);
  }

  /** The CPU state holding `p`'s registers, or undefined (no saved context). */
  private stateOf(p: Process): CpuState | undefined {
    if (this.kernel.processes.current === p) return this.machine.cpu;
    if (!p.context) return undefined;
    this.scratch.restore(p.context);
    return this.scratch;
  }

  /** All registers of `p`; empty when unknown. */
  read(p: Process): RegisterMap {
    const out: RegisterMap = new Map();
    const cpu = this.stateOf(p);
    if (!cpu) return out;
    REG64_NAMES.forEach((name, i) => out.set(name, cpu.r64[i]));
    out.set('rip', BigInt(cpu.rip));
    out.set('rflags', BigInt(readRflags(cpu)));
    return out;
  }

  /** The rip and rsp of `p` (cheap: no map), or undefined. */
  pcAndSp(p: Process): { pc: number; sp: number } | undefined {
    const cpu = this.stateOf(p);
    return cpu ? { pc: cpu.rip, sp: Number(cpu.r64[4]) } : undefined;
  }

  /** Sets one register (rax..r15, rip, rflags) of `p`; false for an unknown name or no context. */
  write(p: Process, name: string, value: bigint): boolean {
    const cpu = this.stateOf(p);
    if (!cpu) return false;
    const v = BigInt.asUintN(64, value);
    const index = REG64_NAMES.indexOf(name);
    if (index >= 0) cpu.r64[index] = v;
    else if (name === 'rip') {
      if (v >= 1n << 47n) return false;
      cpu.rip = Number(v);
    } else if (name === 'rflags') writeRflagsUser(cpu, Number(v & 0xffffffffn));
    else return false;
    if (cpu === this.scratch) p.context = this.scratch.snapshot();
    return true;
  }
}

/** The debug-info register set (names the unwinder uses) of a register map. */
export function toRegisterValues(map: RegisterMap): RegisterValues {
  const out: RegisterValues = {};
  for (const name of [...REG64_NAMES, 'rip'] as const) {
    const v = map.get(name);
    if (v !== undefined) (out as Record<string, bigint>)[name] = v;
  }
  return out;
}
