// A DAP client on a fresh adapter process (dist/adapter.js) for the debugger benchmarks: `stopped`
// events are queued as they arrive, so a stop that comes before anyone waits for it is not lost.
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

const STOP_TIMEOUT_MS = 120_000;

/** One adapter process and the client talking to it. */
export class BenchClient {
  readonly dc: DebugClient;
  private readonly stops: DebugProtocol.StoppedEvent[] = [];
  private wake: (() => void) | undefined;

  /** A client for the adapter script `adapter`; nothing is spawned before start(). */
  constructor(adapter: string) {
    this.dc = new DebugClient(process.execPath, adapter, 'pintos');
    this.dc.defaultTimeout = STOP_TIMEOUT_MS;
    this.dc.on('stopped', (e: DebugProtocol.StoppedEvent) => {
      this.stops.push(e);
      this.wake?.();
    });
  }

  /** Spawns the adapter process and initializes the session. */
  async start(): Promise<void> {
    await this.dc.start();
    await this.dc.initializeRequest({ adapterID: 'pintos', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  }

  /** Launches and configures (breakpoints at `lines` of `source`, if any). Throws when the launch fails. */
  async launch(args: Record<string, unknown>, source?: string, lines: number[] = []): Promise<void> {
    const initialized = this.dc.waitForEvent('initialized');
    initialized.catch(() => undefined); // a failed launch is reported by launchRequest
    await this.dc.launchRequest(args as DebugProtocol.LaunchRequestArguments);
    await initialized;
    if (source) await this.dc.setBreakpointsRequest({ source: { path: source }, breakpoints: lines.map((line) => ({ line })) });
    await this.dc.configurationDoneRequest();
  }

  /** The next stopped event (queued or to come); throws when none comes within two minutes. */
  async stopped(): Promise<DebugProtocol.StoppedEvent> {
    while (this.stops.length === 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no stop within ${STOP_TIMEOUT_MS / 1000} s`)), STOP_TIMEOUT_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.stops.shift()!;
  }

  /** Ends the session and the adapter process. */
  async stop(): Promise<void> {
    await this.dc.stop();
  }
}

/** Milliseconds since `start` (a process.hrtime.bigint()). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times `send` followed by the stop it causes, on `client`, in milliseconds. */
export async function timeToStop(client: BenchClient, send: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await send();
  await client.stopped();
  return msSince(start);
}
