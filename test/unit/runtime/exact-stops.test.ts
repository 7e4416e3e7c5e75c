// Exact stops: a run that stops on every VM event (every exception filter on, Continue after each
// stop) must print the same transcript, emit the same event sequence (same seq, instruction count,
// pid, rip and fields) and end the same way as a run with no stops, for every program of
// userprogs/: the samples, the system-call tests and the VM tests. At every stop, the event that
// caused it (its number, from exceptionInfo) is the last event the kernel emitted: nothing that
// happens after it has happened.
// (The `bench` sample is left out: it retires 460 M instructions and emits no VM event of note.)
import { strict as assert } from 'node:assert';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseCommandLine } from '../../../src/cli/options';
import type { PintosLaunchArguments } from '../../../src/shared/launch';
import { VM_FILTERS } from '../../../src/shared/custom-requests';
import { parseExpected, splitCommand, TEST_BUILD_DIR, type TestSpec } from '../../support/userprog-suite';
import { loadVmSpecs, VM_BUILD_DIR } from '../../support/vm-suite';
import { RuntimeHarness } from './runtime-harness';

const root = path.resolve(__dirname, '..', '..', '..');
const samplesDir = path.join(root, 'userprogs', 'src');

interface Case {
  name: string;
  launch: PintosLaunchArguments;
}

/** The launch arguments that run `spec` (its program from `buildDir`, its files and options). */
function caseOf(spec: TestSpec, buildDir: string): Case {
  const words = splitCommand(spec.command);
  const parsed = parseCommandLine([...spec.options, '--', 'run', spec.command]);
  if (!parsed.ok) throw new Error(`${spec.name}: ${parsed.error}`);
  const o = parsed.options;
  return {
    name: spec.name,
    launch: {
      program: path.join(root, buildDir, spec.program),
      args: words.slice(1),
      files: spec.puts.map((p) => ({ host: path.join(root, p.host), guest: p.guest })),
      memoryMB: o.memoryMB,
      swapDisk: o.swapDiskUnits,
      evictionPolicy: o.evictionPolicy,
      seed: o.seed,
      stdin: spec.stdin,
    },
  };
}

/** Every program of userprogs/ with the arguments its suite runs it with. */
function allCases(): Case[] {
  const samples: Case[] = readdirSync(samplesDir)
    .filter((f) => f.endsWith('.c') && f !== 'bench.c')
    .map((f) => f.replace(/\.c$/, ''))
    .sort()
    .map((name) => ({
      name: `sample ${name}`,
      launch:
        name === 'merge-sort'
          ? { program: path.join(root, 'userprogs/build', name), files: [path.join(root, 'userprogs/build/sort-chunk')] }
          : name === 'sort-chunk'
            ? { program: path.join(root, 'userprogs/build', name), args: ['missing-file'] }
            : name === 'pressure'
              ? { program: path.join(root, 'userprogs/build', name), args: ['4'], memoryMB: 2 }
              : { program: path.join(root, 'userprogs/build', name) },
    }));
  const testsDir = path.join(root, 'userprogs', 'tests');
  const syscallTests = readdirSync(testsDir)
    .filter((f) => f.endsWith('.expected'))
    .sort()
    .map((f) => caseOf(parseExpected(f.replace(/\.expected$/, ''), readFileSync(path.join(testsDir, f), 'utf8')), TEST_BUILD_DIR));
  const vmTests = loadVmSpecs(root).map((spec) => caseOf(spec, VM_BUILD_DIR));
  return [...samples, ...syscallTests, ...vmTests.map((c) => ({ ...c, name: `vm/${c.name}` }))];
}

/** The last line of a trace file that grows while it is read, read incrementally (a run stops thousands of times). */
class TraceTail {
  private fd: number | undefined;
  private offset = 0;
  private last = '';
  private partial = '';
  private readonly chunk = Buffer.alloc(1 << 16);

  constructor(private readonly file: string) {}

  /** The last complete line written so far. */
  lastLine(): string {
    this.fd ??= openSync(this.file, 'r');
    const chunk = this.chunk;
    for (;;) {
      const n = readSync(this.fd, chunk, 0, chunk.length, this.offset);
      if (n === 0) break;
      this.offset += n;
      const lines = (this.partial + chunk.toString('utf8', 0, n)).split('\n');
      this.partial = lines.pop() ?? '';
      for (let i = lines.length - 1; i >= 0; i--) {
        if (lines[i] !== '') {
          this.last = lines[i];
          break;
        }
      }
    }
    return this.last;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

interface Outcome {
  transcript: string;
  trace: string[];
  exitCode: number;
  stops: number;
}

/** Runs `c` to its end, stopping on every VM event when `stopEverywhere`; checks each stop is at its event. */
async function runCase(c: Case, stopEverywhere: boolean, dir: string): Promise<Outcome> {
  const trace = path.join(dir, `${stopEverywhere ? 'stops' : 'plain'}.jsonl`);
  const h = new RuntimeHarness({ ...c.launch, cwd: dir, trace, stopAtEnd: false });
  if (stopEverywhere) h.runtime.setExceptionFilters(VM_FILTERS.map((f) => ({ filterId: f.filter })));
  const tail = new TraceTail(trace);
  let stops = 0;
  let resume = () => h.runtime.start();
  for (;;) {
    let stop;
    try {
      stop = await h.nextStop(resume);
    } catch {
      break; // the run exited
    }
    stops++;
    const last = JSON.parse(tail.lastLine()) as { seq: number };
    assert.equal(stop.reason, 'exception', `${c.name}: stop ${stops} is a VM event stop`);
    const details = h.runtime.exceptionInfo(stop.pid)?.details.message ?? '';
    const seq = Number(/event #(\d+)/.exec(details)?.[1]);
    assert.equal(seq, last.seq, `${c.name}: stop ${stops} "${stop.description}" is at event ${seq}, but the last event is ${JSON.stringify(last)}`);
    resume = () => h.runtime.resume();
  }
  tail.close();
  const exitCode = await h.exit();
  return { transcript: h.stdout, trace: readFileSync(trace, 'utf8').trimEnd().split('\n'), exitCode, stops };
}

describe('exact stops: stopping on every VM event changes nothing', function () {
  this.timeout(120_000);
  for (const c of allCases()) {
    it(c.name, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'exact-stops-'));
      try {
        const plain = await runCase(c, false, dir);
        const stopped = await runCase(c, true, dir);
        assert.ok(stopped.stops > 0, 'the run stopped at least once');
        assert.equal(stopped.transcript, plain.transcript, 'same transcript');
        assert.equal(stopped.exitCode, plain.exitCode, 'same exit code');
        assert.equal(stopped.trace.length, plain.trace.length, 'same number of events');
        for (let i = 0; i < plain.trace.length; i++) assert.equal(stopped.trace[i], plain.trace[i], `event ${i + 1} differs`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
