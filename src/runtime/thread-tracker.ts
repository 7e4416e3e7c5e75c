// Threads as the debugger shows them: one per live Pintos process, named `PID NAME`, with
// started/exited notifications sent when the set of live processes changes.
import type { Kernel } from '../kernel/kernel';
import type { RuntimeEvents } from './contract';

/** Keeps the host's thread list in step with the kernel's live processes. */
export class ThreadTracker {
  private readonly known = new Set<number>();

  constructor(
    private readonly kernel: Kernel,
    private readonly events: RuntimeEvents,
  ) {}

  /** The threads now: one per live process, by pid. */
  threads(): { id: number; name: string }[] {
    return this.kernel.processes.live().map((p) => ({ id: p.pid, name: `${p.pid} ${p.name}` }));
  }

  /** Sends threadStarted/threadExited for every change since the last call. */
  sync(): void {
    const live = new Set<number>();
    for (const p of this.kernel.processes.live()) {
      live.add(p.pid);
      if (!this.known.has(p.pid)) {
        this.known.add(p.pid);
        this.events.threadStarted(p.pid, `${p.pid} ${p.name}`);
      }
    }
    for (const pid of [...this.known]) {
      if (live.has(pid)) continue;
      this.known.delete(pid);
      this.events.threadExited(pid);
    }
  }

  /** Sends threadExited for every thread still known (the run is over). */
  endAll(): void {
    for (const pid of [...this.known].sort((a, b) => a - b)) this.events.threadExited(pid);
    this.known.clear();
  }
}
