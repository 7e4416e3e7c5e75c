// `npm run bench`, emulator part: the same workloads side by side on the Linux build natively, under
// qemu-x86_64 (user mode), and on our machine with the compiled tier and with the interpreter alone;
// ours warm (in this process, after a warm-up) and cold (a fresh process, compile time included).
// Interleaved rounds, medians; MIPS and the ratios of ours to qemu and native; then a kernel-heavy
// workload (eviction and swap) on ours. `node dist/bench.js --rounds N --workload KEY` narrows it;
// `node dist/bench.js --run KEY ENGINE` is one cold run (what the benchmark itself starts).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { COLD_RUN_FLAG, runColdChild } from './bench/cold-run';
import { countLinuxInstructions } from './bench/instruction-count';
import { whatThisLeavesOut } from './bench/leaves-out';
import { describeMachine } from './bench/machine';
import { measureWorkload } from './bench/measure-workload';
import { timeProcess } from './bench/processes';
import { findQemu } from './bench/qemu';
import { reportCompute, reportKernelHeavy } from './bench/report-workload';
import { median } from './bench/series';
import { workloads } from './bench/workloads';

const root = path.resolve(__dirname, '..');

/** Options of the emulator benchmark. */
interface BenchOptions {
  rounds: number;
  /** workload keys to run (all when empty) */
  only: string[];
}

/** Parses `--rounds N` and `--workload KEY` (repeatable); throws naming a bad argument. */
function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = { rounds: 3, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--rounds' && /^[1-9]\d*$/.test(value ?? '')) options.rounds = Number(value);
    else if (argv[i] === '--workload' && value) options.only.push(value);
    else throw new Error(`unknown argument ${argv[i]} (use --rounds N, --workload KEY)`);
    i++;
  }
  return options;
}

async function main(options: BenchOptions): Promise<void> {
  const qemu = findQemu((line) => console.log(line));
  const started = Date.now();
  console.log(`Emulator speed, side by side (median of ${options.rounds} interleaved rounds; MIPS = million guest instructions per second):`);
  console.log(`  on ${describeMachine()} (load at the start)`);
  if ('skipped' in qemu) console.log(`  qemu-x86_64 skipped: ${qemu.skipped}`);
  const chosen = workloads(root).filter((w) => options.only.length === 0 || options.only.includes(w.key));
  for (const w of chosen) {
    const missing = [w.pintos, w.linux].filter((f): f is string => f !== undefined && !existsSync(f));
    if (missing.length > 0) {
      console.log(`${w.label}: missing ${missing.join(', ')}; run npm run userprogs`);
      process.exitCode = 1;
      continue;
    }
    const linuxCount = w.linux === undefined ? undefined : countLinuxInstructions(w.linux, w.args);
    const m = await measureWorkload(w, { benchScript: __filename, qemu: 'command' in qemu ? qemu.command : undefined }, options.rounds);
    const lines = w.kernelHeavy ? reportKernelHeavy(m) : reportCompute(m, { qemuVersion: 'version' in qemu ? qemu.version : undefined, linuxCount });
    console.log(lines.join('\n'));
    if (m.measured.some((x) => x.samples.some((s) => !s.ok)) || !m.retiredAgrees) process.exitCode = 1;
  }
  const nodeStart = median([0, 1, 2].map(() => timeProcess(process.execPath, ['-e', '0']).seconds * 1000));
  console.log(whatThisLeavesOut(options.rounds, nodeStart).join('\n'));
  console.log(`(emulator benchmark: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

if (process.argv[2] === COLD_RUN_FLAG) {
  runColdChild(root, process.argv[3] ?? '', process.argv[4] ?? '');
} else {
  main(parseOptions(process.argv.slice(2))).catch((e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
