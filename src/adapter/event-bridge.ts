// Carries one runtime's events to the client as DAP events. A bridge is tied to one runtime: when
// that runtime is replaced (restart) or ended, its bridge is closed and later events are dropped.
import { BreakpointEvent, ContinuedEvent, Event, ExitedEvent, InvalidatedEvent, MemoryEvent, OutputEvent, StoppedEvent, TerminatedEvent, ThreadEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { BreakpointResult, RuntimeEvents, StopInfo } from '../runtime/contract';
import type { Debuggable } from '../runtime/debuggable';
import type { CustomEvents } from '../shared/custom-requests';
import { toDapBreakpoint } from './breakpoint-convert';
import type { SessionContext } from './session-context';

/** RuntimeEvents implemented by sending DAP events through the session's outbox. */
export class EventBridge implements RuntimeEvents {
  private closed = false;
  /** the run ended (`exited` or terminated); `terminated` has been sent */
  ended = false;
  /** the runtime, set once its launch returned (events during the launch come before) */
  runtime: Debuggable | undefined;

  constructor(private readonly ctx: SessionContext) {}

  /** Stops forwarding this runtime's events (it is being replaced); nothing is sent. */
  close(): void {
    this.closed = true;
  }

  stopped(stop: StopInfo): void {
    if (this.closed) return;
    this.ctx.references.clear();
    const hit = (stop.hitBreakpointIds ?? []).map((id) => this.ctx.breakpointIds.lookup(id)).filter((id) => id !== undefined);
    const event = new StoppedEvent(stop.reason, stop.pid) as DebugProtocol.StoppedEvent;
    event.body.allThreadsStopped = true;
    event.body.description = stop.description;
    if (stop.text !== undefined) event.body.text = stop.text;
    if (hit.length > 0) event.body.hitBreakpointIds = hit;
    this.ctx.send(event);
    // VS Code refreshes its variables on the stop itself; an `invalidated` now would only make it
    // redraw its views while it fetches the new call stack, and a view that fetches the stack on
    // its own then replaces the frames the editor checks its exception widget against (the widget
    // did not show). Memory views do not follow stops: they get their events.
    this.announceChangedMemory();
  }

  continued(pid: number): void {
    if (this.closed) return;
    this.ctx.send(new ContinuedEvent(pid, true));
  }

  /** Tells the client that values and viewed memory may have changed (when it understands those
   *  events), after a change made while stopped (setVariable). */
  announceChangedState(): void {
    if (this.ctx.client.supportsInvalidatedEvent) this.ctx.send(new InvalidatedEvent(['variables']));
    this.announceChangedMemory();
  }

  /** Tells the client that the memory its memory views show may have changed. */
  private announceChangedMemory(): void {
    if (this.ctx.client.supportsMemoryEvent) {
      for (const v of this.ctx.memory.viewed()) this.ctx.send(new MemoryEvent(v.memoryReference, v.offset, v.count));
    }
  }

  output(text: string, category: 'stdout' | 'console' | 'stderr'): void {
    if (this.closed) return;
    this.ctx.send(new OutputEvent(text, category));
  }

  threadStarted(pid: number, _name: string): void {
    if (this.closed) return;
    this.ctx.send(new ThreadEvent('started', pid));
  }

  threadExited(pid: number): void {
    if (this.closed) return;
    this.ctx.send(new ThreadEvent('exited', pid));
  }

  exited(exitCode: number): void {
    if (this.closed || this.ended) return;
    this.ctx.send(new ExitedEvent(exitCode));
    this.finish();
  }

  /** Sends `terminated` once: the debugging of this runtime is over. */
  finish(): void {
    if (this.closed || this.ended) return;
    this.ended = true;
    this.ctx.send(new TerminatedEvent());
  }

  vmChanged(running: boolean): void {
    if (this.closed || !this.runtime) return;
    const body: CustomEvents['pintos/vmChanged'] = { running, ...this.runtime.vmState() };
    this.ctx.send(new Event('pintos/vmChanged', body));
  }

  breakpointChanged(bp: BreakpointResult): void {
    if (this.closed) return;
    const id = this.ctx.breakpointIds.lookup(bp.id);
    if (id === undefined) return;
    this.ctx.send(new BreakpointEvent('changed', toDapBreakpoint(this.ctx, bp, id)));
  }
}
