// `npm run fuzz`: the long runs of the fuzzers of test/fuzz, printing their figures (cases run,
// outcomes by kind, worst time, memory): mutated ELF files through the kernel, hostile guest
// programs through pintos-vm under -T, hostile DAP request sequences and pause latency against a
// real adapter. Exits with 1 when a property broke. FUZZ_SCALE=0.1 makes every run 10x shorter.
import { AdapterSession, buildAdapter, buildTestProgram } from '../test/adapter/harness';
import { dapCampaign } from '../test/fuzz/dap-campaign';
import { elfCampaign } from '../test/fuzz/elf-campaign';
import { buildHostile, hostile } from '../test/fuzz/hostile-programs';
import { runHostile } from '../test/fuzz/hostile-run';
import { pauseLatencies } from '../test/fuzz/pause-latency';
import { SeededRandom } from '../test/fuzz/seeded-random';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));
let broken = false;

/** The median and the largest of `values`, formatted in ms. */
function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, worst ${sorted[sorted.length - 1].toFixed(0)} ms`;
}

function report(failures: string[]): void {
  for (const f of failures.slice(0, 10)) console.log(`  BROKEN: ${f}`);
  if (failures.length > 0) broken = true;
}

function fuzzElf(): void {
  const started = performance.now();
  const f = elfCampaign(1, scaled(2000), 80);
  console.log(`ELF mutants: ${f.cases} cases in ${((performance.now() - started) / 1000).toFixed(0)} s, outcomes ${JSON.stringify(f.outcomes)}, worst ${f.maxMs.toFixed(0)} ms and ${f.maxTicks} ticks (limit 80), max heap ${f.maxHeapMB.toFixed(0)} MiB`);
  report(f.failures);
}

function fuzzGuests(): void {
  const endless = ['fork-storm', 'fork-tree', 'exec-huge', 'syscall-spin'];
  const times: string[] = [];
  const failures: string[] = [];
  for (const name of endless) {
    const r = runHostile(name, 1);
    times.push(`${name} ${r.ms.toFixed(0)} ms`);
    if (!/^TIMEOUT after 1 seconds/m.test(r.stdout)) failures.push(`${name} did not stop at -T 1`);
  }
  console.log(`Hostile guests under -T 1 (100 ticks), host time: ${times.join(', ')}`);
  const random = new SeededRandom(2);
  const addresses = ['0x0', '0x1000', '0x400000', '0x4747f000', '0x47480000', '0x8004000000', '0x7fffffffffff', '0xffffffffffffffff'];
  const outcomes: Record<string, number> = {};
  let worst = 0;
  const cases = scaled(150);
  for (let i = 0; i < cases; i++) {
    const nr = random.below(30);
    const addr = random.below(4) === 0 ? `0x${Math.floor(random.next() * 2 ** 48).toString(16)}` : random.pick(addresses);
    const r = runHostile(`bad-call ${nr} ${addr}`, 5);
    worst = Math.max(worst, r.ms);
    const outcome = /^bad-call: exit\((-?\d+)\)$/m.exec(r.stdout)?.[1] ?? (/^TIMEOUT/m.test(r.stdout) ? 'timeout' : r.stdout.includes('Powering off') ? 'halt' : 'other');
    const kind = outcome === '-1' ? 'exit(-1)' : outcome === 'timeout' || outcome === 'halt' || outcome === 'other' ? outcome : 'returned';
    outcomes[kind] = (outcomes[kind] ?? 0) + 1;
    if (r.status === 3 || /internal error/.test(r.stderr) || kind === 'other') failures.push(`bad-call ${nr} ${addr}: status ${r.status} ${r.stderr.slice(0, 300)}`);
  }
  console.log(`Bad system-call arguments: ${cases} cases (call numbers 0-29, all six arguments one address), outcomes ${JSON.stringify(outcomes)}, worst ${worst.toFixed(0)} ms`);
  report(failures);
}

async function fuzzRequests(): Promise<void> {
  const spin = buildTestProgram('spin');
  const s = new AdapterSession();
  await s.start();
  try {
    await s.launch({ program: spin, stopOnEntry: true });
    await s.nextStop();
    const started = performance.now();
    const f = await dapCampaign(s, 3, scaled(400), 10);
    console.log(`DAP requests: ${f.sequences} sequences, ${f.requests} requests in ${((performance.now() - started) / 1000).toFixed(0)} s (${f.succeeded} answered, ${f.refused} refused with a message), response ${spread(f.responseMs)} (slowest: ${f.slowest.command}), adapter memory at most ${f.maxRssMB.toFixed(0)} MiB`);
    if (f.failure) report([f.failure]);
  } finally {
    await s.stop();
  }
}

async function measurePauses(): Promise<void> {
  const random = new SeededRandom(4);
  const all: string[] = [];
  let worst = 0;
  for (const name of ['fork-storm', 'fork-tree', 'exec-huge', 'syscall-spin']) {
    const s = new AdapterSession();
    await s.start();
    try {
      const ms = await pauseLatencies(s, hostile(name), scaled(10), () => 100 + random.below(900));
      all.push(`${name} ${spread(ms)}`);
      worst = Math.max(worst, ...ms);
    } finally {
      await s.stop();
    }
  }
  console.log(`Pause latency during hostile guests: ${all.join('; ')}; worst of all ${worst.toFixed(0)} ms (aim: under 100 ms on an unloaded machine; scripts/measure-checkpoints.ts pauses fork-tree longer)`);
}

async function main(): Promise<void> {
  buildAdapter();
  buildHostile();
  fuzzElf();
  fuzzGuests();
  await fuzzRequests();
  await measurePauses();
  process.exitCode = broken ? 1 : 0;
}

void main();
