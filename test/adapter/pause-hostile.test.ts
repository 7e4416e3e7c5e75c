// Pause while a hostile guest keeps the kernel busy (a fork storm, a tree of forks, exec loops
// of a huge program, a loop of system calls): the stop comes promptly, because the run loop ends
// a slice at the first kernel event once the guest clock has moved on, whatever user code does.
// The latency is printed; the bound asserted is only a sanity bound (npm run fuzz prints figures).
import * as assert from 'node:assert/strict';
import { buildHostile, hostile } from '../fuzz/hostile-programs';
import { AdapterSession, buildAdapter } from './harness';

describe('adapter: pause during hostile kernel work', function () {
  this.timeout(60_000);
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

  for (const name of ['fork-storm', 'fork-tree', 'exec-huge', 'syscall-spin']) {
    it(`pauses ${name} promptly, twice`, async () => {
      await s.launch({ program: hostile(name) }, () => s.dc.setExceptionBreakpointsRequest({ filters: [] }));
      const latencies: number[] = [];
      for (let round = 0; round < 2; round++) {
        await new Promise((r) => setTimeout(r, 400));
        const sent = performance.now();
        await s.dc.pauseRequest({ threadId: 1 });
        const stop = await s.nextStop(5000);
        latencies.push(performance.now() - sent);
        assert.equal(stop.body.reason, 'pause');
        const threads = (await s.dc.threadsRequest()).body.threads;
        assert.ok(threads.length >= 1, 'the paused machine lists its processes');
        await s.dc.continueRequest({ threadId: stop.body.threadId! });
      }
      console.log(`      pause latency of ${name}: ${latencies.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
      for (const ms of latencies) assert.ok(ms < 2000, `paused after ${ms.toFixed(0)} ms`);
    });
  }
});
