// Which memory the client is looking at. After every stop (and after writes) the adapter sends a
// `memory` event for each memory reference the client has read, so open memory views refresh.

/** Ranges read per memory reference, merged to one span each. */
export class MemoryTracker {
  private readonly spans = new Map<string, { offset: number; end: number }>();
  private static readonly LIMIT = 32;

  /** Notes that the client read `count` bytes at `offset` from `memoryReference`. */
  noteRead(memoryReference: string, offset: number, count: number): void {
    const span = this.spans.get(memoryReference);
    if (span) {
      span.offset = Math.min(span.offset, offset);
      span.end = Math.max(span.end, offset + count);
      return;
    }
    if (this.spans.size >= MemoryTracker.LIMIT) this.spans.delete(this.spans.keys().next().value!);
    this.spans.set(memoryReference, { offset, end: offset + count });
  }

  /** Every reference read so far with the span read, oldest first. */
  viewed(): { memoryReference: string; offset: number; count: number }[] {
    return [...this.spans].map(([memoryReference, s]) => ({ memoryReference, offset: s.offset, count: s.end - s.offset }));
  }

  /** Forgets everything (a new machine). */
  clear(): void {
    this.spans.clear();
  }
}
