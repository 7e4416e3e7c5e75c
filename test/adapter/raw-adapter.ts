// A spawned adapter spoken to over its raw stdio, for tests that send bytes no DAP client would:
// frames with bad bodies or absurd headers. Collects what the adapter writes and finds messages in it.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ADAPTER } from './harness';

/** A frame with `body` as it is (no JSON check). */
export function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** An `initialize` request with seq 2, as JSON. */
export const INITIALIZE = JSON.stringify({ seq: 2, type: 'request', command: 'initialize', arguments: { adapterID: 'pintos', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true } });

/** The messages in `out`, parsed from their frames. */
function messages(out: Buffer): DebugProtocol.ProtocolMessage[] {
  const found: DebugProtocol.ProtocolMessage[] = [];
  let rest = out.toString('utf8');
  for (let m = /^Content-Length: (\d+)\r\n\r\n/.exec(rest); m; m = /^Content-Length: (\d+)\r\n\r\n/.exec(rest)) {
    const start = m[0].length;
    found.push(JSON.parse(rest.slice(start, start + Number(m[1]))) as DebugProtocol.ProtocolMessage);
    rest = rest.slice(start + Number(m[1]));
  }
  return found;
}

/** dist/adapter.js in its own process (no log file), with everything it writes kept. */
export class RawAdapter {
  readonly process: ChildProcessWithoutNullStreams;
  private out = Buffer.alloc(0);

  constructor() {
    this.process = spawn(process.execPath, [ADAPTER], { env: { ...process.env, PINTOS_VM_LOG: '' } });
    this.process.stdout.on('data', (d: Buffer) => (this.out = Buffer.concat([this.out, d])));
  }

  /** Sends raw bytes. */
  write(bytes: string | Buffer): void {
    this.process.stdin.write(bytes);
  }

  /** Waits up to 5 s for a message accepted by `accept`; fails if the adapter exits first. */
  async waitFor(accept: (m: DebugProtocol.ProtocolMessage) => boolean): Promise<DebugProtocol.ProtocolMessage> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const hit = messages(this.out).find(accept);
      if (hit) return hit;
      assert.equal(this.process.exitCode, null, `the adapter exited; it wrote ${this.out.toString('utf8')}`);
      assert.ok(Date.now() < deadline, `no such message; the adapter wrote ${this.out.toString('utf8')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The first output event the adapter wrote (waiting for it): how it reports a frame it refused. */
  async nextOutput(): Promise<DebugProtocol.OutputEvent> {
    return (await this.waitFor((m) => m.type === 'event' && (m as DebugProtocol.Event).event === 'output')) as DebugProtocol.OutputEvent;
  }

  /** The response to the request with seq `seq`. */
  async responseTo<R extends DebugProtocol.Response>(seq: number): Promise<R> {
    return (await this.waitFor((m) => m.type === 'response' && (m as DebugProtocol.Response).request_seq === seq)) as R;
  }

  /** Ends the process. */
  kill(): void {
    this.process.kill();
  }
}
