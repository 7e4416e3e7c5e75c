// Prints what history checkpoints cost while a guest keeps hundreds of processes alive, and how
// long a pause waits then: `npx tsx scripts/measure-checkpoints.ts` (after `npm run build` and
// `npm run userprogs`). Part 1 runs userprogs/hostile/fork-tree (every process forks for ever)
// in machines of 1, 7 and 20 MiB (about 10, 100 and 300 live processes) and takes a checkpoint
// every 2 M instructions as the debugger does, printing the median and worst time per checkpoint,
// the kernel objects it records and how many records it made anew (the others are shared). Part 2 pauses fork-tree in a real adapter
// (PAUSES times, after 0.1-1 s of running each) and prints the median and worst pause latency.
import { bootMachine, defaultKernelConfig } from '../src/cli/boot';
import { CHECKPOINT_INTERVAL, CheckpointList } from '../src/runtime/history/checkpoint-list';
import { AdapterSession, buildAdapter } from '../test/adapter/harness';
import { buildHostile, hostile } from '../test/fuzz/hostile-programs';
import { pauseLatencies } from '../test/fuzz/pause-latency';
import { SeededRandom } from '../test/fuzz/seeded-random';

const CHECKPOINTS = Number(process.env.CHECKPOINTS ?? 150);
const PAUSES = Number(process.env.PAUSES ?? 30);

/** The median and the largest of `values`, formatted in ms. */
function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, worst ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

function measureCheckpoints(memoryMB: number): void {
  const program = hostile('fork-tree');
  const booted = bootMachine({ ...defaultKernelConfig(), memoryMB }, [{ host: program, guest: 'fork-tree' }], 'fork-tree', `-q -f run 'fork-tree'`);
  const list = new CheckpointList(booted, [], 512 * 2 ** 20);
  list.takeIfDue();
  const times: number[] = [];
  let fresh = 0;
  let objects = 0;
  for (let i = 0; i < CHECKPOINTS; i++) {
    const due = booted.machine.retired + CHECKPOINT_INTERVAL;
    while (booted.machine.retired < due) booted.kernel.run(due - booted.machine.retired);
    const started = performance.now();
    list.takeIfDue();
    times.push(performance.now() - started);
    const image = list.newest()?.kernel;
    fresh += image?.fresh ?? 0;
    objects = image?.objects.length ?? 0;
  }
  const stats = list.stats();
  console.log(
    `fork-tree in ${memoryMB} MiB, ${booted.kernel.processes.processes.size} live processes: ${CHECKPOINTS} checkpoints ${spread(times)}; ` +
      `${objects} kernel objects, ${(fresh / CHECKPOINTS).toFixed(0)} records made anew per checkpoint; history ${stats.checkpoints} checkpoints, ${(stats.bytes / 2 ** 20).toFixed(0)} MiB estimated`,
  );
}

async function measurePauses(): Promise<void> {
  const random = new SeededRandom(4);
  const s = new AdapterSession();
  await s.start();
  try {
    const ms = await pauseLatencies(s, hostile('fork-tree'), PAUSES, () => 100 + random.below(900));
    console.log(`pause during fork-tree (adapter, ${PAUSES} pauses): ${spread(ms)}`);
  } finally {
    await s.stop();
  }
}

async function main(): Promise<void> {
  buildHostile();
  for (const mb of [1, 7, 20]) measureCheckpoints(mb);
  buildAdapter();
  await measurePauses();
}

void main();
