// Frame headers announcing absurd lengths, sent over the raw stdio of a spawned adapter: the frame
// is refused with a message in an output event (not buffered while the adapter waits for bytes
// that never come), and the adapter answers the next request.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ADAPTER, buildAdapter } from './harness';

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

const INITIALIZE = JSON.stringify({ seq: 2, type: 'request', command: 'initialize', arguments: { adapterID: 'pintos', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true } });

describe('adapter: frames announcing absurd lengths', function () {
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

  for (const [label, header, expected] of [
    ['10^12 bytes', 'Content-Length: 1000000000000', /refused a frame of 1000000000000 bytes \(at most \d+ are accepted\)/],
    ['2^64 bytes', 'Content-Length: 18446744073709551616', /refused a frame of \d+ bytes/],
    ['a negative length', 'Content-Length: -5', /refused a frame header without a valid Content-Length/],
  ] as const) {
    it(`refuses a frame of ${label}, then answers the next request`, async () => {
      // the refused frame's "body": a megabyte of bytes that must be dropped, not kept
      adapter.stdin.write(`${header}\r\n\r\n`);
      adapter.stdin.write(Buffer.alloc(1 << 20, 0x61));
      const report = (await waitFor((m) => m.type === 'event' && (m as DebugProtocol.Event).event === 'output')) as DebugProtocol.OutputEvent;
      assert.equal(report.body.category, 'stderr');
      assert.match(report.body.output, expected);
      adapter.stdin.write(`Content-Length: ${Buffer.byteLength(INITIALIZE)}\r\n\r\n${INITIALIZE}`);
      const answer = (await waitFor((m) => m.type === 'response' && (m as DebugProtocol.Response).request_seq === 2)) as DebugProtocol.InitializeResponse;
      assert.equal(answer.success, true, answer.message);
      assert.equal(adapter.exitCode, null);
    });
  }

  it('passes a frame split into one-byte chunks through unchanged', async () => {
    const frame = Buffer.from(`Content-Length: ${Buffer.byteLength(INITIALIZE)}\r\n\r\n${INITIALIZE}`);
    for (const byte of frame) adapter.stdin.write(Buffer.from([byte]));
    const answer = (await waitFor((m) => m.type === 'response' && (m as DebugProtocol.Response).request_seq === 2)) as DebugProtocol.InitializeResponse;
    assert.equal(answer.success, true, answer.message);
  });
});
