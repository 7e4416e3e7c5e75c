// Building one machine: physical memory, the CPU and the kernel over them. Shared by the debugger
// runtime and the command-line runner.
import { Machine, type MachineOptions } from '../emu/machine';
import { MemorySystem } from '../emu/memory/memory-system';
import { Kernel, type KernelConfig } from '../kernel/kernel';

/** A machine ready to boot or run. */
export interface BootedMachine {
  kernel: Kernel;
  machine: Machine;
  memory: MemorySystem;
}

/**
 * Builds memory, CPU and kernel for `config`. Nothing runs and nothing is printed yet.
 * `machineOptions` tunes the CPU (e.g. `compileAfter: Infinity` runs the interpreter only).
 */
export function buildMachine(config: KernelConfig, machineOptions: MachineOptions = {}): BootedMachine {
  const memory = new MemorySystem(Kernel.ramBytes(config.memoryMB));
  const machine = new Machine(memory, machineOptions);
  const kernel = new Kernel(config, memory, machine);
  return { kernel, machine, memory };
}
