// What request handlers share: the machine being debugged (once launched), the launch arguments,
// what the client said about itself, the breakpoints asked for, and the ways to talk back.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Debuggable } from '../runtime/debuggable';
import type { PintosLaunchArguments, PintosSystemLaunchArguments } from '../shared/launch';
import { BreakpointIds } from './breakpoint-ids';
import { BreakpointRecord } from './breakpoint-record';
import { PendingRequests } from './cancellation';
import type { EventBridge } from './event-bridge';
import { MemoryTracker } from './memory-tracker';
import type { Outbox } from './outbox';
import { RequestError } from './request-errors';
import { VariableReferences } from './variable-references';

/** Conversions between the client's line/column/path conventions and the runtime's (1-based, native paths). */
export interface Coordinates {
  lineToClient(line: number): number;
  lineFromClient(line: number): number;
  columnToClient(column: number): number;
  columnFromClient(column: number): number;
  pathToClient(path: string): string;
  pathFromClient(path: string): string;
}

/** A launched machine and the bridge that carries its events to the client. */
export interface Debuggee {
  runtime: Debuggable;
  bridge: EventBridge;
}

/** Session-wide state and services, handed to every request handler. */
export class SessionContext {
  /** the machine being debugged; undefined before `launch` */
  debuggee: Debuggee | undefined;
  /** arguments of the last successful launch (for `restart`) */
  launchArgs: PintosLaunchArguments | PintosSystemLaunchArguments | undefined;
  /** what the client announced in `initialize` */
  client: DebugProtocol.InitializeRequestArguments = { adapterID: 'pintos' };
  /** set once `configurationDone` started the machine */
  configured = false;
  readonly breakpoints = new BreakpointRecord();
  readonly breakpointIds = new BreakpointIds();
  readonly pending = new PendingRequests();
  readonly memory = new MemoryTracker();
  readonly references = new VariableReferences();

  constructor(
    readonly outbox: Outbox,
    readonly coordinates: Coordinates,
    /** ends the adapter process once the current response is out (after `disconnect`) */
    readonly shutdown: () => void,
  ) {}

  /** Sends an event to the client (after the response of the request being served). */
  send(event: DebugProtocol.Event): void {
    this.outbox.send(event);
  }

  /** The runtime, even after the program ended (its last state stays viewable); throws RequestError before a launch. */
  runtime(): Debuggable {
    if (!this.debuggee) throw new RequestError('no Pintos program is being debugged; launch one first');
    return this.debuggee.runtime;
  }

  /** The runtime of a machine that has not ended; throws RequestError otherwise. */
  liveRuntime(): Debuggable {
    const runtime = this.runtime();
    if (this.debuggee!.bridge.ended) throw new RequestError('the Pintos program has ended');
    return runtime;
  }

  /** The runtime of a live machine that is stopped; throws RequestError otherwise. */
  stoppedRuntime(): Debuggable {
    const runtime = this.liveRuntime();
    if (runtime.running) throw new RequestError('the program is running; pause it first');
    return runtime;
  }
}
