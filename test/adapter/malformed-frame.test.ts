// Frames that are not DAP messages, sent over the raw stdio of a spawned adapter: each is
// reported in an output event and the adapter goes on answering the next request.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ADAPTER, buildAdapter } from './harness';

/** A frame with `body` as it is (no JSON check). */
function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** The messages the adapter wrote to stdout so far, parsed from their frames. */
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

describe('adapter: malformed frames', function () {
  let adapter: ChildProcessWithoutNullStreams;
  let out: Buffer;

  before(() => buildAdapter());
  beforeEach(() => {
    adapter = spawn(process.execPath, [ADAPTER], { env: { ...process.env, PINTOS_VM_LOG: '' } });
    out = Buffer.alloc(0);
    adapter.stdout.on('data', (d: Buffer) => (out = Buffer.concat([out, d])));
  });
  afterEach(() => adapter.kill());

  /** Waits up to 5 s for a message accepted by `accept`. */
  async function waitFor(accept: (m: DebugProtocol.ProtocolMessage) => boolean): Promise<DebugProtocol.ProtocolMessage> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const hit = messages(out).find(accept);
      if (hit) return hit;
      assert.equal(adapter.exitCode, null, `the adapter exited; it wrote ${out.toString('utf8')}`);
      assert.ok(Date.now() < deadline, `no such message; the adapter wrote ${out.toString('utf8')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  for (const [label, body] of [
    ['invalid JSON', '{"seq": 1, "type": "request", "command": '],
    ['JSON that is not a message', 'null'],
  ] as const) {
    it(`reports a frame of ${label} and answers the initialize after it`, async () => {
      adapter.stdin.write(frame(body));
      const report = (await waitFor((m) => m.type === 'event' && (m as DebugProtocol.Event).event === 'output')) as DebugProtocol.OutputEvent;
      assert.equal(report.body.category, 'stderr');
      assert.match(report.body.output, /ignored a message the adapter could not read/);
      const initialize = { seq: 2, type: 'request', command: 'initialize', arguments: { adapterID: 'pintos', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true } };
      adapter.stdin.write(frame(JSON.stringify(initialize)));
      const answer = (await waitFor((m) => m.type === 'response' && (m as DebugProtocol.Response).request_seq === 2)) as DebugProtocol.InitializeResponse;
      assert.equal(answer.success, true, answer.message);
      assert.equal(answer.body?.supportsDisassembleRequest, true);
      assert.equal(adapter.exitCode, null);
    });
  }
});
