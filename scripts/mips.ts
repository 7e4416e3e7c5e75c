// Emulator speed in MIPS next to native and qemu-x86_64 (when installed), for working on the
// compiled tier: `npx tsx scripts/mips.ts [rounds]`. Each figure is the median of `rounds`
// (default 3) interleaved rounds. "cold" is a fresh process: its time runs from the start of the
// process's boot of the machine (decoding, compiling and V8's warm-up included); "warm" is the
// second run of the same program in one process. The short workload is the first 10 M
// instructions of bench -O0, cold. One emulator run per child process keeps the rounds apart.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { MachineOptions } from '../src/emu/machine';
import { bootMachine, defaultKernelConfig } from '../src/cli/boot';

const root = path.resolve(__dirname, '..');
const build = path.join(root, 'userprogs', 'build');
const SHORT = 10_000_000;

interface Run { retired: number; seconds: number; ok: boolean }

/** Boots `program` and runs it for `limit` instructions or to its end. */
function emulate(program: string, options: MachineOptions, limit: number): Run {
  const start = process.hrtime.bigint();
  const { kernel, machine } = bootMachine(defaultKernelConfig(), [{ host: program, guest: 'bench' }], 'bench', "-q -f put bench run 'bench'", options);
  let finished = false;
  while (machine.retired < limit) {
    if (kernel.run(Math.min(50_000_000, limit - machine.retired)).kind === 'finished') {
      finished = true;
      break;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const ok = !finished || (/all results match/.test(kernel.console.text) && /bench: exit\(0\)/.test(kernel.console.text));
  return { retired: machine.retired, seconds, ok };
}

/** Child mode: `--child program compileAfter limit runs` prints the runs as JSON. */
function child(args: string[]): void {
  const [program, after, limit, runs] = args;
  const options: MachineOptions = after === 'default' ? {} : { compileAfter: Number(after) };
  const out: Run[] = [];
  for (let i = 0; i < Number(runs); i++) out.push(emulate(program, options, Number(limit)));
  console.log(JSON.stringify(out));
}

/** This script bundled as the build bundles the runner (children run it with plain node, like dist/). */
const bundle = path.join(root, 'dist', `mips-${process.pid}.js`);

function spawnRuns(program: string, after: string, limit: number, runs: number): Run[] {
  const r = spawnSync(process.execPath, [bundle, '--child', program, after, `${limit}`, `${runs}`], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Run[];
}

function timeNative(cmd: string, args: string[]): number {
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
    { label: '-O0', pintos: path.join(build, 'bench'), native: path.join(build, 'native', 'bench') },
    { label: '-O2', pintos: path.join(build, 'variants', 'O2-pintos', 'bench'), native: path.join(build, 'native', 'bench-O2') },
  ];
  const rows = new Map<string, number[]>();
  const add = (k: string, v: number) => rows.set(k, [...(rows.get(k) ?? []), v]);
  let instructions = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      if (!existsSync(c.pintos) || !existsSync(c.native)) throw new Error(`missing ${c.pintos}; run npm run userprogs`);
      const [cold, warm] = spawnRuns(c.pintos, engine, Infinity, 2);
      if (!cold.ok || !warm.ok) throw new Error(`${c.label}: wrong output`);
      instructions = instructions.set(c.label, cold.retired);
      add(`${c.label} ours cold`, cold.retired / cold.seconds / 1e6);
      add(`${c.label} ours warm`, warm.retired / warm.seconds / 1e6);
      add(`${c.label} native`, cold.retired / timeNative(c.native, []) / 1e6);
      if (hasQemu) add(`${c.label} qemu`, cold.retired / timeNative('qemu-x86_64', [c.native]) / 1e6);
    }
    const [short] = spawnRuns(cases[0].pintos, engine, SHORT, 1);
    add('short (10 M of -O0) ours cold', short.retired / short.seconds / 1e6);
  }
  console.log(`engine ${engine}, median of ${rounds} interleaved rounds (instructions counted by the emulator: ${[...instructions].map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')})`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(32)} ${median(v).toFixed(1).padStart(8)} MIPS   [${v.map((x) => x.toFixed(0)).join(', ')}]`);
  for (const c of cases) {
    const q = rows.get(`${c.label} qemu`);
    if (q === undefined) continue;
    console.log(`  ${c.label}: ours cold / qemu = ${(median(rows.get(`${c.label} ours cold`) as number[]) / median(q)).toFixed(3)}, warm / qemu = ${(median(rows.get(`${c.label} ours warm`) as number[]) / median(q)).toFixed(3)}`);
  }
}
main();
