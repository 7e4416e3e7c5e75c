// Emulator speed in MIPS next to native and qemu-x86_64 (when installed), for working on the
// compiled tier: `npx tsx scripts/mips.ts [rounds]` (MIPS_ENGINE=js or wasm picks the tier, a number
// the compile threshold). Each figure is the median of `rounds`
// (default 3) interleaved rounds. "cold" is a fresh process, timed from the start of its boot of
// the machine (decoding, compiling and V8's warm-up included); "warm" is the second run of the
// same program in one process. Wall-clock MIPS, and in brackets MIPS per CPU second of the process
// (all its threads, so V8's background compilation counts), which moves less on a loaded machine.
// Workloads: bench at -O0 and -O2; short: the first 10 M instructions of bench -O0; kernel-heavy:
// tests/vm/swap-anon at -m 10 --swap-disk=30 (evictions and swap). Children run this script
// bundled as the build bundles the runner, with plain node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { MachineOptions } from '../src/emu/machine';
import { bootMachine, defaultKernelConfig } from '../src/cli/boot';

const root = path.resolve(__dirname, '..');
const build = path.join(root, 'userprogs', 'build');
const SHORT = 10_000_000;

interface Run { retired: number; seconds: number; cpuSeconds: number; ok: boolean }

/** A guest program and how to boot it. */
interface Workload { program: string; name: string; memoryMB: number; swapDiskUnits: number; expect: RegExp }

function bench(program: string): Workload {
  return { program, name: 'bench', memoryMB: 20, swapDiskUnits: 4, expect: /all results match[\s\S]*bench: exit\(0\)/ };
}

const SWAP: Workload = { program: path.join(build, 'tests', 'vm', 'swap-anon'), name: 'swap-anon', memoryMB: 10, swapDiskUnits: 30, expect: /swap-anon: exit\(0\)/ };

/** Boots `w` and runs it for `limit` instructions or to its end. */
function emulate(w: Workload, options: MachineOptions, limit: number): Run {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const config = { ...defaultKernelConfig(), memoryMB: w.memoryMB, swapDiskUnits: w.swapDiskUnits };
  const { kernel, machine } = bootMachine(config, [{ host: w.program, guest: w.name }], w.name, `-q -f put ${w.name} run '${w.name}'`, options);
  let finished = false;
  while (machine.retired < limit) {
    if (kernel.run(Math.min(50_000_000, limit - machine.retired)).kind === 'finished') {
      finished = true;
      break;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const ok = !finished || w.expect.test(kernel.console.text);
  return { retired: machine.retired, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, ok };
}

/** Child mode: `--child workload-json compileAfter limit runs` prints the runs as JSON. */
function child(args: string[]): void {
  const [workload, after, limit, runs] = args;
  const w = JSON.parse(workload) as Workload & { expect: string };
  const options: MachineOptions = after === 'default' ? {} : after === 'js' || after === 'wasm' ? { engine: after } : { compileAfter: Number(after) };
  const out: Run[] = [];
  for (let i = 0; i < Number(runs); i++) out.push(emulate({ ...w, expect: new RegExp(w.expect) }, options, Number(limit)));
  console.log(JSON.stringify(out));
}

const bundle = path.join(root, 'dist', `mips-${process.pid}.js`);

function spawnRuns(w: Workload, after: string, limit: number, runs: number): Run[] {
  const arg = JSON.stringify({ ...w, expect: w.expect.source });
  const r = spawnSync(process.execPath, [bundle, '--child', arg, after, `${limit}`, `${runs}`], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  const result = JSON.parse(r.stdout.trim().split('\n').pop() as string) as Run[];
  if (result.some((x) => !x.ok)) throw new Error(`${w.program}: wrong output`);
  return result;
}

function timeCommand(cmd: string, args: string[]): number {
  const start = process.hrtime.bigint();
  execFileSync(cmd, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  if (process.argv[2] === '--child') return child(process.argv.slice(3));
  buildSync({ entryPoints: [__filename], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'es2022', external: ['esbuild'], logLevel: 'warning' });
  process.on('exit', () => rmSync(bundle, { force: true }));
  const rounds = Number(process.argv[2] ?? 3);
  const engine = process.env.MIPS_ENGINE ?? 'default';
  const hasQemu = spawnSync('qemu-x86_64', ['--version']).status === 0;
  const cases = [
    { label: '-O0', w: bench(path.join(build, 'bench')), native: path.join(build, 'native', 'bench') },
    { label: '-O2', w: bench(path.join(build, 'variants', 'O2-pintos', 'bench')), native: path.join(build, 'native', 'bench-O2') },
  ];
  for (const f of [...cases.flatMap((c) => [c.w.program, c.native]), SWAP.program]) {
    if (!existsSync(f)) throw new Error(`missing ${f}; run npm run userprogs`);
  }
  const rows = new Map<string, { wall: number[]; cpu: number[] }>();
  const add = (k: string, r: Run | { retired: number; seconds: number }) => {
    const row = rows.get(k) ?? { wall: [], cpu: [] };
    row.wall.push(r.retired / r.seconds / 1e6);
    if ('cpuSeconds' in r) row.cpu.push(r.retired / r.cpuSeconds / 1e6);
    rows.set(k, row);
  };
  const counts: string[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      const [cold, warm] = spawnRuns(c.w, engine, Infinity, 2);
      if (round === 0) counts.push(`${c.label} ${cold.retired.toLocaleString('en-US')}`);
      add(`${c.label} ours cold`, cold);
      add(`${c.label} ours warm`, warm);
      add(`${c.label} native`, { retired: cold.retired, seconds: timeCommand(c.native, []) });
      if (hasQemu) add(`${c.label} qemu-x86_64`, { retired: cold.retired, seconds: timeCommand('qemu-x86_64', [c.native]) });
    }
    add('short (10 M of -O0) ours cold', spawnRuns(cases[0].w, engine, SHORT, 1)[0]);
    const [swap] = spawnRuns(SWAP, engine, Infinity, 1);
    if (round === 0) counts.push(`swap-anon ${swap.retired.toLocaleString('en-US')}`);
    add('swap-anon -m 10 ours cold', swap);
  }
  console.log(`engine ${engine}, median of ${rounds} interleaved rounds; instructions (counted by the emulator): ${counts.join(', ')}`);
  const med = (k: string) => median((rows.get(k) as { wall: number[] }).wall);
  for (const [k, v] of rows) {
    const cpu = v.cpu.length === 0 ? '' : `   [${median(v.cpu).toFixed(1)} per CPU second]`;
    console.log(`  ${k.padEnd(32)} ${median(v.wall).toFixed(1).padStart(8)} MIPS${cpu}   rounds: ${v.wall.map((x) => x.toFixed(0)).join(', ')}`);
  }
  for (const c of cases) {
    if (!rows.has(`${c.label} qemu-x86_64`)) continue;
    const q = med(`${c.label} qemu-x86_64`);
    console.log(`  ${c.label}: ours/qemu-x86_64 cold ${(med(`${c.label} ours cold`) / q).toFixed(3)}, warm ${(med(`${c.label} ours warm`) / q).toFixed(3)}`);
  }
  console.log(`  short / long-run (-O0 cold): ${(med('short (10 M of -O0) ours cold') / med('-O0 ours cold')).toFixed(3)}`);
}
main();
