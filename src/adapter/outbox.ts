// Ordering of outgoing messages. While a request is being served, events (a stop the runtime
// reports at once, thread starts during a launch) wait until its response has gone out, and
// actions that must follow the response (start running, shut down) run after it.
import type { DebugProtocol } from '@vscode/debugprotocol';

/** Queues events and follow-up actions while at least one request is being served. */
export class Outbox {
  private holds = 0;
  private readonly events: DebugProtocol.Event[] = [];
  private readonly actions: (() => void)[] = [];

  constructor(
    private readonly deliver: (event: DebugProtocol.Event) => void,
    private readonly onActionError: (error: unknown) => void,
  ) {}

  /** Sends `event` now, or after the response of the request being served. */
  send(event: DebugProtocol.Event): void {
    if (this.holds > 0) this.events.push(event);
    else this.deliver(event);
  }

  /** Runs `action` after the response of the request being served (at once when none is). */
  afterResponse(action: () => void): void {
    if (this.holds > 0) this.actions.push(action);
    else this.run(action);
  }

  /** Starts holding; every hold() is paired with one release(). */
  hold(): void {
    this.holds++;
  }

  /**
   * Ends one hold. When the last one ends, runs the deferred actions (events they send are still
   * held), then delivers every held event in order.
   */
  release(): void {
    if (this.holds > 1) {
      this.holds--;
      return;
    }
    while (this.actions.length > 0) this.run(this.actions.shift()!);
    this.holds = 0;
    for (const event of this.events.splice(0)) this.deliver(event);
  }

  private run(action: () => void): void {
    try {
      action();
    } catch (e) {
      this.onActionError(e);
    }
  }
}
