// The serial transcript of a booted kernel on its way to the client: bytes gathered as the kernel
// writes them, sent in one piece per slice, and counted, so that after travelling back in time the
// replay regenerates what the client has already seen without sending it again.

/** Gathers, counts and forwards the bytes of COM1. */
export class SerialForwarder {
  /** bytes not yet forwarded; the first is byte number `total - pending.length` of the run */
  private readonly pending: number[] = [];
  /** bytes the kernel produced so far (set back when travelling back) */
  private total = 0;
  /** bytes sent to the client */
  private sent = 0;

  /** `send` receives the text the client has not seen yet. */
  constructor(private readonly send: (text: string) => void) {}

  /** One byte the kernel wrote. */
  byte(b: number): void {
    this.pending.push(b);
    this.total++;
  }

  /** Bytes produced so far (a checkpoint remembers it). */
  count(): number {
    return this.total;
  }

  /** Back to `count` bytes produced (a checkpoint was restored); what follows is replayed. */
  rewind(count: number): void {
    this.pending.length = 0;
    this.total = count;
  }

  /** Sends the pending bytes the client has not seen. */
  flush(): void {
    if (this.pending.length === 0) return;
    const first = this.total - this.pending.length;
    const skip = Math.max(0, this.sent - first);
    if (skip < this.pending.length) this.send(Buffer.from(this.pending.slice(skip)).toString('latin1'));
    this.sent = Math.max(this.sent, this.total);
    this.pending.length = 0;
  }
}
