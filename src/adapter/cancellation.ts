// `cancel` support. Every request served gets a token; a `cancel` naming a request that is still
// pending marks its token, long handlers look at it between pieces of work, and a request that
// finishes cancelled is answered with the `cancelled` error the protocol defines.

/** Tells a handler whether the client has cancelled its request. */
export interface CancelToken {
  readonly cancelled: boolean;
}

/** Requests being served, by sequence number. */
export class PendingRequests {
  private readonly tokens = new Map<number, { cancelled: boolean }>();

  /** Registers request `seq`; returns its token. Pair with finish(seq). */
  begin(seq: number): CancelToken {
    const token = { cancelled: false };
    this.tokens.set(seq, token);
    return token;
  }

  /** Forgets request `seq`; returns whether it was cancelled meanwhile. */
  finish(seq: number): boolean {
    const token = this.tokens.get(seq);
    this.tokens.delete(seq);
    return token?.cancelled ?? false;
  }

  /** Marks request `seq` cancelled; false when it is not pending (already answered or unknown). */
  cancel(seq: number): boolean {
    const token = this.tokens.get(seq);
    if (!token) return false;
    token.cancelled = true;
    return true;
  }
}

/** Lets other work (and incoming requests, such as `cancel`) run before continuing. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
