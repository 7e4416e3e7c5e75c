// Privilege checks and the link between the CPU's mode and how memory is reached. A user-mode
// machine (CPL 3, paging on) never changes mode; in full-system mode every change of CPL, CR0
// or code width goes through `syncCpuMode`, so the TLB never holds a translation made under
// another privilege level.
import type { CpuState } from './cpu-state';
import { CpuFault, Vector } from './faults';
import { Cr0 } from './system-state';

/** RFLAGS.IF */
export const IF_FLAG = 0x200;

/** The I/O privilege level in RFLAGS. */
export function iopl(cpu: CpuState): number {
  return (cpu.controlFlags >> 12) & 3;
}

/** Throws #GP(0) unless the CPU runs at CPL 0 (privileged instructions). */
export function requireKernel(cpu: CpuState, what: string): void {
  if (cpu.sys.cpl !== 0) throw new CpuFault(Vector.GP, 0, `${what} at CPL ${cpu.sys.cpl}`);
}

/** Throws #GP(0) unless CPL <= IOPL (cli, sti, in, out) and devices are attached for port I/O. */
export function requireIoPrivilege(cpu: CpuState, what: string, port: boolean): void {
  if (cpu.sys.cpl > iopl(cpu)) throw new CpuFault(Vector.GP, 0, `${what} at CPL ${cpu.sys.cpl} with IOPL ${iopl(cpu)}`);
  if (port && cpu.ports === undefined) throw new CpuFault(Vector.GP, 0, `${what}: no devices on this machine`);
}

/** Makes memory check the CPU's accesses at its current privilege and paging mode (flushing the
 *  TLB when either changed). */
export function syncCpuMode(cpu: CpuState): void {
  cpu.mem.setCpuMode(cpu.sys.cpl === 3, (cpu.sys.cr0 & Cr0.PG) !== 0);
}
