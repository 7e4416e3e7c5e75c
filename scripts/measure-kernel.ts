// Kernel speed figures: `npx tsx scripts/measure-kernel.ts [startup] [checker] [events] [suites]`
// (all four by default; build first with `npm run build && npm run userprogs`).
//   startup  process start to the first guest instruction of `pintos-vm` (dist/cli.js), wall and
//            CPU time as the process itself reports them (PINTOS_VM_REPORT_TIMES=1), next to a bare
//            `node` start, what pintos-vm adds (Node ready, bundle loaded, boot) and the whole run
//            from spawn to exit; median and best of several runs. pintos-vm and node run in the
//            environment the test harnesses give pintos-vm (without NODE_EXTRA_CA_CERTS, see
//            src/shared/child-environment.ts); when that variable is set here, also with it.
//   checker  swap-anon at -m 10 --swap-disk=30 with and without --check-invariants: run time and ratio.
//   events   host microseconds per VM event (faults by resolution and eviction, fork, teardown),
//            measured in this process (scripts/measure-kernel-events.ts).
//   suites   wall time of the system-call test set and of the VM test set, each run serially with
//            the invariant checker on, the way their mocha suites run them (the VM set as
//            scripts/bench-vm-suite.ts runs it), and the CPU time their pintos-vm processes report
//            (the first run after a build writes the code cache: one run is made before timing).
// Wall times depend on what else the machine runs; CPU times much less so. PINTOS_VM_CLI=PATH
// measures another build of pintos-vm (one without the time reports shows wall times only).
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cliArguments, compareOutput, extractRun, leakLines, parseExpected } from '../test/support/userprog-suite';
import { loadVmSpecs, runVmTest } from '../test/support/vm-suite';
import { pintosVmEnvironment } from '../src/shared/child-environment';
import { instrument, printGroups, runInProcess } from './measure-kernel-events';

const root = path.resolve(__dirname, '..');
/** The runner measured: dist/cli.js, or the script named by $PINTOS_VM_CLI (another build, for before/after figures). */
const cli = process.env.PINTOS_VM_CLI ? path.resolve(process.env.PINTOS_VM_CLI) : path.join(root, 'dist', 'cli.js');
const SWAP_ANON = ['-m', '10', '--swap-disk=30', '-p', 'userprogs/build/tests/vm/swap-anon:swap-anon', '--', '-q', '-f', 'run', 'swap-anon'];

/** A moment a pintos-vm run reported: wall and CPU milliseconds since its process started. */
interface Moment {
  wall: number;
  cpu: number;
}

/** The environment pintos-vm runs in: as the test harnesses and `pintos-vm check` start it, or (`inherited`) this process's own. */
function runEnvironment(inherited = false): NodeJS.ProcessEnv {
  return { ...(inherited ? process.env : pintosVmEnvironment()), PINTOS_VM_REPORT_TIMES: '1' };
}

/** Runs pintos-vm `args` with time reports on; returns the moments it printed, by name. */
function timedRun(args: string[], inherited = false): Map<string, Moment> {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: runEnvironment(inherited), maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`pintos-vm ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  const moments = new Map<string, Moment>();
  for (const m of r.stderr.matchAll(/^pintos-vm: (.+) at ([\d.]+) ms \(cpu ([\d.]+) ms\)$/gm)) moments.set(m[1], { wall: Number(m[2]), cpu: Number(m[3]) });
  return moments;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function summary(label: string, ms: Moment[]): string {
  const wall = ms.map((m) => m.wall);
  const cpu = ms.map((m) => m.cpu);
  return `  ${label.padEnd(42)} wall median ${median(wall).toFixed(0)} ms (best ${Math.min(...wall).toFixed(0)}), CPU median ${median(cpu).toFixed(0)} ms (best ${Math.min(...cpu).toFixed(0)})`;
}

/** A bare `node -e` start in the environment runEnvironment(inherited) gives: wall and CPU milliseconds since its process started. */
function bareNode(inherited = false): Moment {
  const out = execFileSync(process.execPath, ['-e', 'const c = process.cpuUsage(); console.log(performance.now(), (c.user + c.system) / 1000)'], { encoding: 'utf8', env: runEnvironment(inherited) });
  const [wall, cpu] = out.trim().split(' ').map(Number);
  return { wall, cpu };
}

function startup(): void {
  const runs = 9;
  const args = ['-p', 'userprogs/build/tests/args-none:args-none', '--', '-q', '-f', 'run', 'args-none'];
  timedRun(args); // writes the code cache if this build has none yet (the first run after a build)
  const phases = { node: [] as Moment[], bundle: [] as Moment[], boot: [] as Moment[], first: [] as Moment[], ours: [] as Moment[], bare: [] as Moment[] };
  const wholeMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const moments = timedRun(args);
    wholeMs.push(performance.now() - t0);
    const launcher = moments.get('launcher started (Node ready)');
    const loaded = moments.get('start of main (bundle loaded)');
    const first = moments.get('first guest instruction');
    if (first === undefined) throw new Error('pintos-vm did not report its first guest instruction');
    phases.first.push(first);
    if (launcher !== undefined && loaded !== undefined) {
      phases.node.push(launcher);
      phases.bundle.push(minus(loaded, launcher));
      phases.boot.push(minus(first, loaded));
    }
    const bare = bareNode();
    phases.bare.push(bare);
    phases.ours.push(minus(first, bare));
  }
  console.log(`Start-up: process start to the first guest instruction (${runs} runs of pintos-vm ... run args-none, code cache warm)`);
  console.log(summary('pintos-vm', phases.first));
  console.log(summary('bare node (node -e)', phases.bare));
  const ours = phases.ours;
  console.log(`  ${"ours minus Node's (run by run)".padEnd(42)} wall median ${median(ours.map((m) => m.wall)).toFixed(0)} ms, CPU median ${median(ours.map((m) => m.cpu)).toFixed(0)} ms`);
  if (phases.node.length === runs) {
    console.log('  of which, as pintos-vm reports its moments:');
    console.log(summary('  Node start-up to the launcher', phases.node));
    console.log(summary('  bundle loaded (code cache, module init)', phases.bundle));
    console.log(summary('  boot (disks, format, put, ELF load)', phases.boot));
  }
  console.log(`  whole args-none run, spawn to exit: wall median ${median(wholeMs).toFixed(0)} ms (best ${Math.min(...wholeMs).toFixed(0)})`);
  if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
    const first: Moment[] = [];
    const bare: Moment[] = [];
    for (let i = 0; i < runs; i++) {
      first.push(timedRun(args, true).get('first guest instruction')!);
      bare.push(bareNode(true));
    }
    console.log('  with NODE_EXTRA_CA_CERTS, set in this environment (the test harnesses and pintos-vm check remove it: see src/shared/child-environment.ts):');
    console.log(summary('  pintos-vm', first));
    console.log(summary('  bare node (node -e)', bare));
  }
}

/** `a` minus `b`, wall and CPU. */
function minus(a: Moment, b: Moment): Moment {
  return { wall: a.wall - b.wall, cpu: a.cpu - b.cpu };
}

function checker(): void {
  const runs = 3;
  const off: Moment[] = [];
  const on: Moment[] = [];
  for (let i = 0; i < runs; i++) {
    off.push(timedRun(SWAP_ANON).get('end of run')!);
    on.push(timedRun(['--check-invariants', ...SWAP_ANON]).get('end of run')!);
  }
  console.log(`Invariant checker: pintos-vm ${SWAP_ANON.join(' ')} (${runs} runs each)`);
  console.log(summary('without --check-invariants', off));
  console.log(summary('with --check-invariants', on));
  const ratio = median(on.map((m) => m.cpu)) / median(off.map((m) => m.cpu));
  console.log(`  cost of the checker: ${ratio.toFixed(2)}× (CPU medians)`);
}

function events(): void {
  instrument();
  console.log('Host microseconds per VM event (in this process, invariant checker off)');
  const workloads: [string, string[]][] = [
    ['swap-anon -m 10 --swap-disk=30', SWAP_ANON],
    ['swap-fork -m 2 --swap-disk=8', ['-m', '2', '--swap-disk=8', '-p', 'userprogs/build/tests/vm/swap-fork:swap-fork', '--', '-q', '-f', 'run', 'swap-fork']],
    ['sort-par -m 2 --swap-disk=4', ['-m', '2', '--swap-disk=4', '-p', 'userprogs/build/tests/vm/sort-par:sort-par', '-p', 'userprogs/build/tests/vm/sort-par-child:sort-par-child', '--', '-q', '-f', 'run', 'sort-par']],
  ];
  for (const [title, argv] of workloads) {
    const status = runInProcess(argv);
    printGroups(`${title}${status === 0 ? '' : ` (exit status ${status})`}`);
  }
}

/** CPU milliseconds a run reported at its end (PINTOS_VM_REPORT_TIMES=1), 0 when it did not. */
function reportedCpu(stderr: string): number {
  const m = /^pintos-vm: end of run at [\d.]+ ms \(cpu ([\d.]+) ms\)$/m.exec(stderr);
  return m === null ? 0 : Number(m[1]);
}

/** One line of a test set's figures. */
function setLine(title: string, count: number, wallMs: number, cpuMs: number, failed: string[], slowest: { name: string; ms: number }[]): string {
  const top = [...slowest].sort((a, b) => b.ms - a.ms).slice(0, 3).map((t) => `${t.name} ${(t.ms / 1000).toFixed(1)} s`);
  const fails = failed.length > 0 ? `; FAILED: ${failed.join(', ')}` : '';
  const cpu = cpuMs > 0 ? `, ${(cpuMs / 1000).toFixed(1)} s CPU in pintos-vm processes` : '';
  return `${title}: ${count} tests in ${(wallMs / 1000).toFixed(1)} s wall time${cpu} (invariant checker on, serial); slowest ${top.join(', ')}${fails}`;
}

async function suites(): Promise<void> {
  execFileSync('make', ['-s', '-C', path.join(root, 'userprogs'), 'tests', 'vm-tests'], { stdio: 'pipe' });
  process.env.PINTOS_VM_REPORT_TIMES = '1';
  timedRun(['-p', 'userprogs/build/tests/args-none:args-none', '--', '-q', '-f', 'run', 'args-none']); // the code cache, if this build has none yet
  const dir = path.join(root, 'userprogs', 'tests');
  const specs = readdirSync(dir)
    .filter((f) => f.endsWith('.expected'))
    .sort()
    .map((f) => parseExpected(f.replace(/\.expected$/, ''), readFileSync(path.join(dir, f), 'utf8')));
  const failed: string[] = [];
  const times: { name: string; ms: number }[] = [];
  let cpu = 0;
  let started = Date.now();
  for (const spec of specs) {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [cli, ...cliArguments(spec)], { cwd: root, input: spec.stdin, encoding: 'utf8', maxBuffer: 1 << 26, env: runEnvironment() });
    times.push({ name: spec.name, ms: Date.now() - t0 });
    cpu += reportedCpu(r.stderr ?? '');
    const part = extractRun(r.stdout ?? '', spec.command, spec.halt);
    const ok = r.status === 0 && leakLines(r.stdout ?? '').length === 0 && !('error' in part) && compareOutput(spec, part.lines) === undefined;
    if (!ok) failed.push(spec.name);
  }
  console.log(setLine('System-call test set', specs.length, Date.now() - started, cpu, failed, times));
  const vmSpecs = loadVmSpecs(root);
  const vmFailed: string[] = [];
  const vmTimes: { name: string; ms: number }[] = [];
  cpu = 0;
  started = Date.now();
  for (const spec of vmSpecs) {
    const r = await runVmTest(root, cli, spec, 'clock');
    vmTimes.push({ name: spec.name, ms: r.ms });
    cpu += reportedCpu(r.stderr);
    if (r.problems.length > 0) vmFailed.push(spec.name);
  }
  console.log(setLine('VM test set', vmSpecs.length, Date.now() - started, cpu, vmFailed, vmTimes));
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const wants = (part: string) => asked.length === 0 || asked.includes(part);
  if (wants('startup')) startup();
  if (wants('checker')) checker();
  if (wants('events')) events();
  if (wants('suites')) await suites();
}

void main();
