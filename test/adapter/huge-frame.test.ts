// Frame headers announcing absurd lengths, sent over the raw stdio of a spawned adapter: the frame
// is refused with a message in an output event (not buffered while the adapter waits for bytes
// that never come), and the adapter answers the next request.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildAdapter } from './harness';
import { frame, INITIALIZE, RawAdapter } from './raw-adapter';

describe('adapter: frames announcing absurd lengths', function () {
  let adapter: RawAdapter;

  before(() => buildAdapter());
  beforeEach(() => (adapter = new RawAdapter()));
  afterEach(() => adapter.kill());

  for (const [label, header, expected] of [
    ['10^12 bytes', 'Content-Length: 1000000000000', /refused a frame of 1000000000000 bytes \(at most \d+ are accepted\)/],
    ['2^64 bytes', 'Content-Length: 18446744073709551616', /refused a frame of \d+ bytes/],
    ['a negative length', 'Content-Length: -5', /refused a frame header without a valid Content-Length/],
  ] as const) {
    it(`refuses a frame of ${label}, then answers the next request`, async () => {
      // the refused frame's "body": a megabyte of bytes that must be dropped, not kept
      adapter.write(`${header}\r\n\r\n`);
      adapter.write(Buffer.alloc(1 << 20, 0x61));
      const report = await adapter.nextOutput();
      assert.equal(report.body.category, 'stderr');
      assert.match(report.body.output, expected);
      adapter.write(frame(INITIALIZE));
      const answer = await adapter.responseTo<DebugProtocol.InitializeResponse>(2);
      assert.equal(answer.success, true, answer.message);
      assert.equal(adapter.process.exitCode, null);
    });
  }

  it('passes a frame split into one-byte chunks through unchanged', async () => {
    for (const byte of Buffer.from(frame(INITIALIZE))) adapter.write(Buffer.from([byte]));
    const answer = await adapter.responseTo<DebugProtocol.InitializeResponse>(2);
    assert.equal(answer.success, true, answer.message);
  });
});
