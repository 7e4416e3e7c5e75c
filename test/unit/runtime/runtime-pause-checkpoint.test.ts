// A history checkpoint never delays a pause that came before it: when a continue slice ends where a
// checkpoint falls due, the checkpoint is left to the start of the next slice, and a pause that
// arrived in between is answered first (no checkpoint taken, no instruction run). Resuming takes it.
import { strict as assert } from 'node:assert';
import { CHECKPOINT_INTERVAL } from '../../../src/runtime/history/checkpoint-list';
import { RuntimeHarness } from './runtime-harness';

interface History {
  checkpoints: number;
  newestRetired: number;
}

describe('runtime: a pause is answered before a due checkpoint', function () {
  this.timeout(120_000);

  it('stops on a pause between slices without taking the checkpoint due there, and takes it on resuming', async () => {
    // slow motion at 400 M instructions per second: each slice may run 10 M instructions, more than
    // the checkpoint interval, so slices end where a checkpoint falls due
    const h = new RuntimeHarness({ program: 'bench', guestSpeed: 400_000_000 });
    const history = () => h.runtime.custom('pintos/history', {}) as History;
    try {
      h.runtime.start();
      let dueAtPause = 0;
      for (let round = 0; round < 3; round++) {
        await h.nextRunningTick();
        // between two slices (the next one has not started): a pause arrives
        const before = history();
        const retired = h.runtime.vmState().retired;
        const due = retired >= before.newestRetired + CHECKPOINT_INTERVAL;
        const stop = await h.nextStop(() => h.runtime.pause());
        assert.equal(stop.reason, 'pause');
        assert.deepEqual(history(), before, 'no checkpoint taken before the pause was answered');
        assert.equal(h.runtime.vmState().retired, retired, 'no instruction ran before the pause was answered');
        if (due) {
          dueAtPause++;
          h.runtime.resume();
          await h.nextRunningTick();
          assert.ok(history().newestRetired >= retired, 'the checkpoint left for the pause is taken after resuming');
        } else {
          h.runtime.resume();
        }
      }
      assert.ok(dueAtPause > 0, 'a pause arrived where a checkpoint was due');
    } finally {
      h.runtime.terminate();
    }
  });
});
