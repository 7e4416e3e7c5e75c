// The benchmark's pure helpers: median and worst of a series, the interleaved order of rounds,
// number and table formatting, and the report of a workload built from given samples (no timing).
import { strict as assert } from 'node:assert';
import { formatMips, formatRatio, formatTable } from '../../../src/cli/bench/format';
import { interleavedOrder, runInterleaved } from '../../../src/cli/bench/interleave';
import { latencyTable } from '../../../src/cli/bench/latency-table';
import type { WorkloadMeasurement } from '../../../src/cli/bench/measure-workload';
import { reportCompute, reportKernelHeavy } from '../../../src/cli/bench/report-workload';
import { median, summarize, worst } from '../../../src/cli/bench/series';
import { workloads } from '../../../src/cli/bench/workloads';

describe('benchmark helpers', () => {
  describe('series', () => {
    it('median is the middle sample, whatever the order', () => {
      assert.equal(median([30, 10, 20]), 20);
      assert.equal(median([5]), 5);
      assert.equal(median([9, 1, 1000, 2, 3]), 3);
    });
    it('median of an even count is the mean of the two middle samples', () => {
      assert.equal(median([4, 1, 3, 2]), 2.5);
    });
    it('worst is the largest sample; summarize gives both and the count', () => {
      assert.equal(worst([3, 17, 2]), 17);
      assert.deepEqual(summarize([3, 17, 2]), { median: 3, worst: 17, count: 3 });
    });
    it('an empty series is an error, not a figure', () => {
      assert.throws(() => median([]), /empty/);
      assert.throws(() => worst([]), /empty/);
    });
    it('does not reorder the caller\'s array', () => {
      const values = [3, 1, 2];
      median(values);
      assert.deepEqual(values, [3, 1, 2]);
    });
  });

  describe('interleaving', () => {
    it('runs every contender once per round, in the same order each round', () => {
      const order = interleavedOrder(3, 2).map((s) => `${s.round}:${s.contender}`);
      assert.deepEqual(order, ['0:0', '0:1', '1:0', '1:1', '2:0', '2:1']);
    });
    it('has nothing to run with no rounds or no contenders', () => {
      assert.deepEqual(interleavedOrder(0, 4), []);
      assert.deepEqual(interleavedOrder(3, 0), []);
    });
    it('runInterleaved calls A B C, A B C and returns each one\'s results in round order', async () => {
      const calls: string[] = [];
      const make = (name: string) => {
        let n = 0;
        return () => {
          calls.push(name);
          return `${name}${n++}`;
        };
      };
      const results = await runInterleaved(2, [make('A'), make('B'), make('C')]);
      assert.deepEqual(calls, ['A', 'B', 'C', 'A', 'B', 'C']);
      assert.deepEqual(results, [
        ['A0', 'A1'],
        ['B0', 'B1'],
        ['C0', 'C1'],
      ]);
    });
    it('a failing run stops the schedule', async () => {
      let after = 0;
      const failing = () => {
        throw new Error('run failed');
      };
      await assert.rejects(
        runInterleaved(2, [failing, () => after++]),
        /run failed/,
      );
      assert.equal(after, 0);
    });
  });

  describe('formatting', () => {
    it('MIPS: whole numbers with separators from 100 up, one decimal below', () => {
      assert.equal(formatMips(7974.4), '7,974');
      assert.equal(formatMips(125.6), '126');
      assert.equal(formatMips(43.21), '43.2');
      assert.equal(formatMips(NaN), '—');
    });
    it('ratios: faster as a multiple, slower as a fraction', () => {
      assert.equal(formatRatio(2.5), '2.5×');
      assert.equal(formatRatio(0.1), '1/10.0');
      assert.equal(formatRatio(1 / 9.4), '1/9.4');
      assert.equal(formatRatio(undefined), '—');
      assert.equal(formatRatio(Infinity), '—');
    });
    it('tables: first column left-aligned, the others right-aligned, missing cells empty', () => {
      assert.deepEqual(
        formatTable([
          ['engine', 'MIPS'],
          ['native', '7,974'],
          ['ours', '44'],
          ['short'],
        ]),
        ['  engine   MIPS', '  native  7,974', '  ours       44', '  short'],
      );
    });
  });

  describe('latency table', () => {
    it('gives count, median and worst of each series, and judges the target on the median', () => {
      const lines = latencyTable([
        { label: 'step', samples: [4, 30, 5, 6, 3], targetMs: 10 },
        { label: 'launch', samples: [400, 250, 260], targetMs: 300 },
        { label: 'history', samples: [1234.4] },
      ]);
      assert.match(lines[0], /measure\s+samples\s+median\s+worst\s+target \(median\)/);
      assert.match(lines[1], /step\s+5\s+5\.0 ms\s+30\.0 ms\s+< 10 ms: met$/);
      assert.match(lines[2], /launch\s+3\s+260 ms\s+400 ms\s+< 300 ms: met$/);
      assert.match(lines[3], /history\s+1\s+1,234 ms\s+1,234 ms$/);
      assert.match(latencyTable([{ label: 'slow', samples: [120, 90, 130], targetMs: 100 }])[1], /NOT met$/);
    });
  });

  describe('workload report', () => {
    const [bench] = workloads('/repo');
    const sample = (seconds: number, ok = true) => ({ seconds, ok, retired: 400e6 });
    const measurement: WorkloadMeasurement = {
      workload: bench,
      retired: 400e6,
      retiredAgrees: true,
      measured: [
        { engine: 'native', mode: 'cold', samples: [{ seconds: 0.05, ok: true }, { seconds: 0.04, ok: true }, { seconds: 0.06, ok: true }] },
        { engine: 'qemu', mode: 'cold', samples: [{ seconds: 0.4, ok: true }] },
        { engine: 'compiled', mode: 'warm', samples: [sample(4), sample(2), sample(3)] },
        { engine: 'compiled', mode: 'cold', samples: [sample(4)] },
        { engine: 'interpreter', mode: 'warm', samples: [sample(10, false)] },
      ],
    };

    it('prints MIPS from the median times and ratios of ours to qemu and native', () => {
      const lines = reportCompute(measurement, { qemuVersion: '7.2', linuxCount: { instructions: 400e6 + 7 } });
      const row = (start: string) => lines.find((l) => l.trimStart().startsWith(start)) ?? assert.fail(`no row ${start}`);
      assert.match(lines[0], /400,000,000 instructions retired.*Linux build 400,000,007 \(valgrind lackey, \+7\)/);
      assert.match(row('native'), /\s—\s+8,000\s+0\.050 \(0\.040–0\.060\)$/);
      assert.match(row('qemu-x86_64 7.2'), /1,000/);
      // compiled: warm median 3 s = 133 MIPS, cold 4 s = 100 MIPS; qemu 1,000 MIPS, native 8,000.
      assert.match(row('ours, WebAssembly tier'), /133\s+100\s+4\.000 \(4\.000–4\.000\)\s+1\/7\.5, 1\/10\.0\s+1\/60\.0, 1\/80\.0$/);
    });
    it('marks an engine whose runs printed the wrong output', () => {
      const lines = reportCompute(measurement, {});
      assert.match(lines.find((l) => l.includes('interpreter')) ?? '', /WRONG OUTPUT/);
      assert.doesNotMatch(lines.find((l) => l.includes('WebAssembly')) ?? '', /WRONG/);
    });
    it('says when runs of ours disagreed on the instruction count', () => {
      assert.match(reportCompute({ ...measurement, retiredAgrees: false }, {})[0], /determinism bug/);
    });
    it('kernel-heavy: host microseconds per eviction, swap-out and swap-in', () => {
      const vmEvents = { evictions: 600, swapOuts: 600, swapIns: 300 };
      const lines = reportKernelHeavy({
        ...measurement,
        retired: 3e6,
        measured: [{ engine: 'compiled', mode: 'warm', samples: [{ seconds: 0.3, ok: true, retired: 3e6, vmEvents }] }],
      });
      assert.match(lines[0], /3,000,000 instructions, 600 evictions, 600 swap-outs, 300 swap-ins/);
      assert.match(lines.find((l) => l.includes('WebAssembly')) ?? '', /0\.300\s+—\s+200\.0\s+10\.0$/);
    });
  });
});
