// The variables references the client holds. The inspector hands them out while the machine is
// stopped and forgets them when it runs; the adapter notes every reference it passes on, so a
// request naming one from before the last stop (or one never given) gets a clear error.

/** References handed to the client since the machine last stopped. */
export class VariableReferences {
  private readonly live = new Set<number>();

  /** Notes `ref` (0 means "no children" and is not noted); returns it. */
  note(ref: number): number {
    if (ref > 0) this.live.add(ref);
    return ref;
  }

  /** Whether `ref` was handed out since the last stop. */
  has(ref: number): boolean {
    return this.live.has(ref);
  }

  /** The machine ran: every reference is stale. */
  clear(): void {
    this.live.clear();
  }
}
