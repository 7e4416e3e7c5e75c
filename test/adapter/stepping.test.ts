// Stepping over a real DAP stream through the recursion of the stack-grow sample: over lines,
// into the recursive call, out of it again, and by single instructions.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, buildAdapter, lineWith, markerLine, sample, sampleSource } from './harness';

describe('adapter: stepping through a recursion', function () {
  const src = sampleSource('stack-grow');
  let s: AdapterSession;
  before(() => buildAdapter());
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  /** Steps with `request` and returns the top frame and depth of the stack afterwards. */
  async function step(request: 'next' | 'stepIn' | 'stepOut', threadId: number, granularity?: DebugProtocol.SteppingGranularity) {
    const args = granularity ? { threadId, granularity } : { threadId };
    if (request === 'next') await s.dc.nextRequest(args);
    else if (request === 'stepIn') await s.dc.stepInRequest(args);
    else await s.dc.stepOutRequest(args);
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'step');
    assert.equal(stop.body.threadId, threadId);
    const frames = await s.frames(threadId);
    return { top: frames[0], depth: frames.length };
  }

  /** The value of `expression` in frame `frameId`. */
  async function value(expression: string, frameId: number): Promise<string> {
    return (await s.dc.evaluateRequest({ expression, frameId, context: 'watch' })).body.result;
  }

  it('steps over lines, into the recursive call and out again', async () => {
    await s.launch({ program: sample('stack-grow') }, () => s.breakAt(src, ['recurse_entry']));
    const stop = await s.nextStop();
    const pid = stop.body.threadId!;
    const start = await s.frames(pid);
    assert.equal(start[0].name, 'recurse');
    assert.equal(start[0].line, markerLine(src, 'recurse_entry'));
    assert.equal(await value('depth', start[0].id), '2000');
    await s.dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [] });

    // over: the frame-filling loop, then the depth check, up to the recursive call
    const callLine = lineWith(src, 'sum = recurse (depth - 1);');
    let at = { top: start[0], depth: start.length };
    for (let n = 0; n < 80 && at.top.line !== callLine; n++) {
      at = await step('next', pid);
      assert.equal(at.depth, start.length, 'next never enters a call');
      assert.equal(at.top.name, 'recurse');
    }
    assert.equal(at.top.line, callLine);

    // into: one level deeper
    const inner = await step('stepIn', pid);
    assert.equal(inner.top.name, 'recurse');
    assert.equal(inner.depth, start.length + 1);
    assert.equal(await value('depth', inner.top.id), '1999');

    // out: back in the caller, on the line of the call, whole recursion below done
    const outer = await step('stepOut', pid);
    assert.equal(outer.depth, start.length);
    assert.equal(outer.top.line, callLine);
    assert.equal(await value('depth', outer.top.id), '2000');

    // over the rest of the line: on to the summing loop
    const after = await step('next', pid);
    assert.equal(after.depth, start.length);
    assert.ok(after.top.line > callLine, `line ${after.top.line} follows the call`);
  });

  it('steps single instructions', async () => {
    await s.launch({ program: sample('stack-grow') }, () => s.breakAt(src, ['main_entry']));
    const stop = await s.nextStop();
    const pid = stop.body.threadId!;
    const before = (await s.frames(pid))[0];
    const seen = new Set([before.instructionPointerReference]);
    for (let n = 0; n < 5; n++) {
      const { top } = await step('stepIn', pid, 'instruction');
      assert.ok(!seen.has(top.instructionPointerReference), 'each step moves rip');
      seen.add(top.instructionPointerReference);
    }
  });
});
