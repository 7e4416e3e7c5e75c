// A quick run of the DAP request fuzzer (fixed seed): random sequences of hostile requests against
// a real adapter over a real DAP stream; every request is answered in time, the adapter stays
// alive and keeps answering, its memory stays bounded. `npm run fuzz` runs thousands of requests.
import { strict as assert } from 'node:assert';
import { AdapterSession, buildAdapter, buildTestProgram } from '../adapter/harness';
import { dapCampaign } from './dap-campaign';

/** Resident memory the adapter may reach: a sanity bound far above a normal session's. */
const MAX_RSS_MB = 1536;

describe('fuzz: hostile DAP requests', function () {
  this.timeout(120_000);
  let s: AdapterSession;
  let spin: string;
  before(() => {
    buildAdapter();
    spin = buildTestProgram('spin');
  });
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  it('30 sequences (seed 7) of up to 8 requests are each answered within 5 s, and the adapter keeps answering', async () => {
    await s.launch({ program: spin, stopOnEntry: true });
    await s.nextStop();
    const figures = await dapCampaign(s, 7, 30, 8);
    assert.equal(figures.failure, undefined);
    assert.equal(figures.sequences, 30);
    assert.ok(figures.succeeded > 0 && figures.refused > 0, `some requests succeed, some are refused: ${figures.succeeded} / ${figures.refused}`);
    assert.ok(figures.maxRssMB < MAX_RSS_MB, `adapter memory ${figures.maxRssMB.toFixed(0)} MiB`);
  });
});
