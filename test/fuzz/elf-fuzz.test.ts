// A quick run of the ELF mutation fuzzer (fixed seed): every mutant of a real program ends as a
// clear load failure or as Pintos ends a program, never with a host exception, and never past the
// guest-time limit. `npm run fuzz` runs thousands of cases.
import { strict as assert } from 'node:assert';
import { elfCampaign } from './elf-campaign';
import { buildHostile } from './hostile-programs';

describe('fuzz: mutated ELF files', function () {
  this.timeout(120_000);
  before(() => buildHostile());

  it('60 mutants (seed 13) each end cleanly within the limit of 70 ticks', () => {
    const figures = elfCampaign(13, 60, 70);
    assert.deepEqual(figures.failures, []);
    assert.equal(figures.cases, 60);
    const kinds = Object.keys(figures.outcomes);
    assert.ok(kinds.includes('load-failed') && kinds.length >= 2, `the mutants reach the loader's checks and beyond: ${JSON.stringify(figures.outcomes)}`);
  });
});
