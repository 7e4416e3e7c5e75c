// The machine's address breakpoints, shared by user breakpoints and the stepper's temporary ones:
// each address is installed once however many users it has, and removed with its last user.
import type { Machine } from '../emu/machine';

/** Reference-counted machine breakpoints. */
export class AddressBreakpoints {
  private readonly users = new Map<number, number>();

  constructor(private readonly machine: Machine) {}

  /** Adds one user of `addr` (installs it on the first). */
  acquire(addr: number): void {
    const n = this.users.get(addr) ?? 0;
    this.users.set(addr, n + 1);
    if (n === 0) this.machine.addBreakpoint(addr);
  }

  /** Drops one user of `addr` (removes it with the last). */
  release(addr: number): void {
    const n = this.users.get(addr);
    if (n === undefined) return;
    if (n > 1) this.users.set(addr, n - 1);
    else {
      this.users.delete(addr);
      this.machine.removeBreakpoint(addr);
    }
  }

  /** True when some user holds `addr`. */
  has(addr: number): boolean {
    return this.users.has(addr);
  }
}
