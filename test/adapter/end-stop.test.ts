// The end is a place to stand, over a real DAP stream: by default the session stops when the
// program ends ("Program ended: exit(0)", or halt()) with the process and everything it owns still
// in place and its exit line printed; Continue then ends the session. `stopAtEnd: false` ends it
// at once, and both runs print the same transcript.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as path from 'node:path';
import type { FrameTableView, SptEntryView } from '../../src/shared/vm-views';
import { AdapterSession, buildAdapter, ROOT, sample } from './harness';

/** Everything the guest printed in `s`. */
function stdout(s: AdapterSession): string {
  return (s.all('output') as DebugProtocol.OutputEvent[])
    .filter((o) => o.body.category === 'stdout')
    .map((o) => o.body.output)
    .join('');
}

describe('adapter: the stop at the end of the program', function () {
  let s: AdapterSession;
  before(() => buildAdapter());
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  it('stops at the exit by default, with the final state in place, and ends on Continue', async () => {
    await s.launch({ program: sample('lazy-bss'), stopAtEnd: undefined });
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'end');
    assert.equal(stop.body.description, 'Program ended: exit(0)');
    assert.match(stdout(s), /lazy-bss: exit\(0\)\n$/, 'the exit line is printed before the stop');
    const pid = stop.body.threadId!;
    assert.ok((await s.dc.threadsRequest()).body.threads.some((t) => t.id === pid), 'the ended process is still a thread');
    const spt = ((await s.dc.customRequest('pintos/spt', { pid })).body as { entries: SptEntryView[] }).entries;
    assert.ok(spt.some((e) => e.state === 'in-frame'), 'its pages are still resident');
    const frames = (await s.dc.customRequest('pintos/frames', {})).body as FrameTableView;
    assert.ok(frames.used > 0, 'its frames are still taken');
    assert.equal(s.all('exited').length, 0, 'the session has not ended');
    await s.dc.continueRequest({ threadId: pid });
    const exited = await s.next<DebugProtocol.ExitedEvent>('exited');
    assert.equal(exited.body.exitCode, 0);
    await s.next('terminated');
  });

  it('stops at halt() with the halting process in place', async () => {
    await s.launch({ program: path.join(ROOT, 'userprogs', 'build', 'tests', 'halt-now'), stopAtEnd: true });
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'end');
    assert.equal(stop.body.description, 'Program ended: halt()');
    assert.ok((await s.frames(stop.body.threadId!)).length > 0, 'the halting process has a call stack');
    await s.dc.continueRequest({ threadId: stop.body.threadId! });
    await s.next('terminated');
  });

  it('ends at once with stopAtEnd false, printing the same transcript', async () => {
    await s.launch({ program: sample('fork-cow'), stopAtEnd: true });
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'end');
    await s.dc.continueRequest({ threadId: stop.body.threadId! });
    await s.next('terminated');
    const withStop = stdout(s);
    await s.stop();
    s = new AdapterSession();
    await s.start();
    await s.launch({ program: sample('fork-cow'), stopAtEnd: false });
    await s.next('terminated');
    assert.equal(s.all('stopped').length, 0);
    assert.equal(stdout(s), withStop);
  });
});
