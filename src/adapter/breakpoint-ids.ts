// Breakpoint ids as the client sees them. The adapter hands out its own ids and maps the current
// runtime's ids onto them, so a breakpoint keeps its id across a restart (a new runtime) and
// breakpoints set before the launch keep theirs once the runtime applies them.

/** Client-visible breakpoint ids and their link to the current runtime's ids. */
export class BreakpointIds {
  private next = 1;
  private readonly byRuntimeId = new Map<number, number>();

  /** A fresh client id not linked to any runtime breakpoint (yet). */
  fresh(): number {
    return this.next++;
  }

  /** The client id of runtime breakpoint `runtimeId`, linking a fresh one when there is none. */
  forRuntime(runtimeId: number): number {
    let id = this.byRuntimeId.get(runtimeId);
    if (id === undefined) {
      id = this.fresh();
      this.byRuntimeId.set(runtimeId, id);
    }
    return id;
  }

  /** Links runtime breakpoint `runtimeId` to an existing client id. */
  link(runtimeId: number, clientId: number): void {
    this.byRuntimeId.set(runtimeId, clientId);
  }

  /** The client id of `runtimeId` when it has one (no new id is made). */
  lookup(runtimeId: number): number | undefined {
    return this.byRuntimeId.get(runtimeId);
  }

  /** Forgets every runtime link (the runtime is gone); client ids stay unique. */
  unlinkAll(): void {
    this.byRuntimeId.clear();
  }
}
