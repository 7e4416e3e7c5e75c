// A program compiled without -mno-sse, debugged: the invalid-access stop (on by default) names the
// SSE instruction the emulator does not run, in the stop and in the exception details.
import * as assert from 'node:assert/strict';
import { buildHostile, hostile } from '../fuzz/hostile-programs';
import { AdapterSession, buildAdapter } from './harness';

describe('adapter: an instruction not emulated', function () {
  let s: AdapterSession;
  before(() => {
    buildAdapter();
    buildHostile();
  });
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  it('stops on the SSE instruction with a message naming it', async () => {
    await s.launch({ program: hostile('sse-math') });
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'exception');
    const expected = /^Instruction not emulated: movsd .+ \(SSE\) at 0x[0-9a-f]+ in pid 1 — process will be killed$/;
    assert.match(stop.body.description ?? '', expected);
    const info = await s.dc.exceptionInfoRequest({ threadId: stop.body.threadId! });
    assert.match(info.body.description ?? '', /instruction not emulated: movsd/i);
    const names = (await s.frames(stop.body.threadId!)).map((f) => f.name);
    assert.ok(names.includes('main'), `the call stack shows main: ${names.join(' < ')}`);
  });
});
