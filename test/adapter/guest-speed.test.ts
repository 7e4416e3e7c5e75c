// Slow motion over a real DAP stream: `guestSpeed` (and `pintos/setGuestSpeed` during a run)
// limits how many guest instructions run per second so the views can be watched, and changes
// nothing the guest does: the same transcript and the same instruction count as at full speed.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, buildAdapter, sample } from './harness';

/** Everything the guest printed in `s`. */
function stdout(s: AdapterSession): string {
  return (s.all('output') as DebugProtocol.OutputEvent[])
    .filter((o) => o.body.category === 'stdout')
    .map((o) => o.body.output)
    .join('');
}

/** Runs lazy-bss (2.66 M instructions) to its end stop; returns transcript, instructions and wall time. */
async function runToEnd(guestSpeed: number): Promise<{ transcript: string; retired: number; ms: number }> {
  const s = new AdapterSession();
  await s.start();
  try {
    const started = Date.now();
    await s.launch({ program: sample('lazy-bss'), stopAtEnd: true, guestSpeed });
    const stop = await s.nextStop(60_000);
    const ms = Date.now() - started;
    assert.equal(stop.body.reason, 'end');
    const stats = (await s.dc.customRequest('pintos/stats', {})).body as { retired: number };
    return { transcript: stdout(s), retired: stats.retired, ms };
  } finally {
    await s.stop();
  }
}

describe('adapter: slow motion (guest speed)', function () {
  before(() => buildAdapter());

  it('runs at most the set speed, with the same transcript and instruction count as at full speed', async () => {
    const full = await runToEnd(0);
    const slow = await runToEnd(1_000_000);
    assert.equal(slow.transcript, full.transcript);
    assert.equal(slow.retired, full.retired);
    assert.ok(full.retired > 2_000_000, `lazy-bss retires ${full.retired} instructions`);
    // a lower bound only: at 1 M instructions per second the run cannot take less than ~2 s
    assert.ok(slow.ms >= 2_000, `${full.retired} instructions at 1 M/s took ${slow.ms} ms`);
  });

  it('changes speed during a run, and refuses a speed that is not one', async () => {
    const s = new AdapterSession();
    await s.start();
    try {
      await s.launch({ program: sample('fork-cow'), stopAtEnd: true, guestSpeed: 10_000 });
      await new Promise((r) => setTimeout(r, 300));
      const slowStats = (await s.dc.customRequest('pintos/stats', {})).body as { retired: number };
      assert.ok(slowStats.retired < 100_000, `at 10,000 instructions per second, ${slowStats.retired} ran in 300 ms`);
      for (const bad of [-1, 1.5, 'fast', 2e9]) {
        await assert.rejects(s.dc.customRequest('pintos/setGuestSpeed', { instructionsPerSecond: bad }), /guest speed must be an integer/);
      }
      const answer = await s.dc.customRequest('pintos/setGuestSpeed', { instructionsPerSecond: 0 });
      assert.deepEqual(answer.body, { instructionsPerSecond: 0 });
      const stop = await s.nextStop(60_000);
      assert.equal(stop.body.reason, 'end');
      assert.match(stdout(s), /fork-cow: exit\(0\)/);
    } finally {
      await s.stop();
    }
  });

  it('refuses a guestSpeed launch attribute that is not a speed', async () => {
    const s = new AdapterSession();
    await s.start();
    try {
      await assert.rejects(s.dc.launchRequest({ program: sample('hello'), guestSpeed: -5 } as DebugProtocol.LaunchRequestArguments), /guestSpeed/);
    } finally {
      await s.stop();
    }
  });
});
