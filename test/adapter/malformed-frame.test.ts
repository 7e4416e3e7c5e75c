// Frames that are not DAP messages, sent over the raw stdio of a spawned adapter: each is
// reported in an output event and the adapter goes on answering the next request.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildAdapter } from './harness';
import { frame, INITIALIZE, RawAdapter } from './raw-adapter';

describe('adapter: malformed frames', function () {
  let adapter: RawAdapter;

  before(() => buildAdapter());
  beforeEach(() => (adapter = new RawAdapter()));
  afterEach(() => adapter.kill());

  for (const [label, body] of [
    ['invalid JSON', '{"seq": 1, "type": "request", "command": '],
    ['JSON that is not a message', 'null'],
  ] as const) {
    it(`reports a frame of ${label} and answers the initialize after it`, async () => {
      adapter.write(frame(body));
      const report = await adapter.nextOutput();
      assert.equal(report.body.category, 'stderr');
      assert.match(report.body.output, /ignored a message the adapter could not read/);
      adapter.write(frame(INITIALIZE));
      const answer = await adapter.responseTo<DebugProtocol.InitializeResponse>(2);
      assert.equal(answer.success, true, answer.message);
      assert.equal(answer.body?.supportsDisassembleRequest, true);
      assert.equal(adapter.process.exitCode, null);
    });
  }
});
