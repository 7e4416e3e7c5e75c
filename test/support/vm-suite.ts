// The virtual-memory test set (userprogs/tests/vm, format in userprogs/tests/vm/README.md): the
// expected-output files of the system-call suite plus two directives of its own — `#! get:` (a file
// fetched back from the Pintos disk after the run and compared byte for byte with a file in the
// repository) and `#! events:` (a count of kernel events in the run's `--trace`, e.g. no write-back
// at all, or at least one eviction). Runs go through `pintos-vm` asynchronously, so several can
// share the machine's cores.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { compareOutput, extractRun, leakLines, parseExpected, toLines, type Put, type TestSpec } from './userprog-suite';
import { countMatching, parseEventRule, type EventRule } from './vm-suite-events';
import { pintosVmEnvironment } from '../../src/shared/child-environment';

/** The eviction policies of `pintos-vm --eviction`, the default first. */
export const EVICTION_POLICIES = ['clock', 'fifo', 'lru', 'random'] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];

/** Where the VM tests' sources and expected files are, relative to the repository root. */
export const VM_TESTS_DIR = 'userprogs/tests/vm';
/** Where `make -C userprogs vm-tests` puts the programs, relative to the repository root. */
export const VM_BUILD_DIR = 'userprogs/build/tests/vm';

/** A file fetched back after the run: Pintos file `guest` must equal repository file `expected`. */
export interface Get {
  guest: string;
  expected: string;
}

/** A VM test: a system-call suite spec plus fetched files and event counts. */
export interface VmTestSpec extends TestSpec {
  gets: Get[];
  events: EventRule[];
}

/**
 * Parses expected-output file `text` of VM test `name`: `#! get: GUEST:EXPECTED` and
 * `#! events: RULE` here, everything else by the system-call suite's parser. Throws on a
 * malformed directive.
 */
export function parseVmExpected(name: string, text: string): VmTestSpec {
  const gets: Get[] = [];
  const events: EventRule[] = [];
  const rest: string[] = [];
  for (const [i, line] of text.replace(/\r\n/g, '\n').split('\n').entries()) {
    const m = /^#!\s*(get|events)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      rest.push(line);
      continue;
    }
    const value = m[2].trim();
    const where = `${name}:${i + 1}`;
    if (m[1] === 'get') {
      const colon = value.indexOf(':');
      if (colon <= 0 || colon === value.length - 1) throw new Error(`${where}: 'get' takes GUEST:EXPECTED`);
      gets.push({ guest: value.slice(0, colon), expected: value.slice(colon + 1) });
    } else {
      events.push(parseEventRule(value, where));
    }
    rest.push('#');
  }
  return { ...parseExpected(name, rest.join('\n')), gets, events };
}

/** Every VM test under repository `root`, sorted by name. */
export function loadVmSpecs(root: string): VmTestSpec[] {
  const dir = path.join(root, VM_TESTS_DIR);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected'))
    .sort()
    .map((f) => parseVmExpected(f.replace(/\.expected$/, ''), readFileSync(path.join(dir, f), 'utf8')));
}

/** Where a run writes fetched files and its trace. */
export interface RunPaths {
  fetchDir: string;
  tracePath: string;
}

/** The `pintos-vm` arguments that run `spec` under `policy`, paths relative to the repository root. */
export function vmCliArguments(spec: VmTestSpec, policy: EvictionPolicy, paths: RunPaths): string[] {
  const puts: Put[] = [{ host: `${VM_BUILD_DIR}/${spec.program}`, guest: spec.program }, ...spec.puts];
  return [
    '--check-invariants',
    `--eviction=${policy}`,
    ...(spec.events.length > 0 ? [`--trace=${paths.tracePath}`] : []),
    ...spec.options,
    ...puts.flatMap((p) => ['-p', `${p.host}:${p.guest}`]),
    ...spec.gets.flatMap((g) => ['-g', `${g.guest}:${path.join(paths.fetchDir, g.guest)}`]),
    '--',
    '-q',
    '-f',
    'run',
    spec.command,
  ];
}

/** The outcome of one run. */
export interface VmRunResult {
  stdout: string;
  stderr: string;
  status: number | null;
  /** wall time of the pintos-vm process */
  ms: number;
  /** everything wrong with the run; empty when the test passed */
  problems: string[];
}

/** Runs test `spec` under `policy` with `cli` (dist/cli.js) from repository `root`. Never rejects. */
export async function runVmTest(root: string, cli: string, spec: VmTestSpec, policy: EvictionPolicy): Promise<VmRunResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), `vm-${spec.name}-${policy}-`));
  // pintos-vm writes a trace only inside its current directory (the repository root)
  const traceDir = mkdtempSync(path.join(root, 'userprogs', 'build', `trace-${spec.name}-${policy}-`));
  const paths = { fetchDir: work, tracePath: path.join(traceDir, 'trace.jsonl') };
  try {
    const started = Date.now();
    const r = await spawnCollect(process.execPath, [cli, ...vmCliArguments(spec, policy, paths)], root, spec.stdin, spec.timeoutSeconds * 1000);
    const ms = Date.now() - started;
    const problems = outputProblems(spec, r);
    if (r.error === undefined) {
      problems.push(...fetchedFileProblems(root, spec, paths.fetchDir));
      if (spec.events.length > 0) problems.push(...(await eventProblems(spec.events, paths.tracePath)));
    }
    return { stdout: r.stdout, stderr: r.stderr, status: r.status, ms, problems };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(traceDir, { recursive: true, force: true });
  }
}

interface Spawned {
  stdout: string;
  stderr: string;
  status: number | null;
  error?: string;
}

/** Runs a pintos-vm process to completion (its environment: pintosVmEnvironment), killing it after `timeoutMs`. */
function spawnCollect(file: string, args: string[], cwd: string, stdin: string, timeoutMs: number): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: pintosVmEnvironment() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let error: string | undefined;
    const timer = setTimeout(() => {
      error = `timed out after ${timeoutMs / 1000} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // EPIPE only means the program did not read all of its keyboard input.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
    child.on('error', (e) => {
      error ??= e.message;
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), status, error });
    });
  });
}

/** The last lines of `text`, indented. */
function tail(text: string, count = 12): string {
  return toLines(text)
    .slice(-count)
    .map((l) => `    ${l}`)
    .join('\n');
}

/** Problems with the transcript: output, exit status, leak and invariant reports, failed fetches. */
function outputProblems(spec: VmTestSpec, r: Spawned): string[] {
  const problems: string[] = [];
  if (r.error !== undefined) problems.push(`${r.error}; output ends with:\n${tail(r.stdout)}`);
  const leaks = [...leakLines(r.stdout), ...leakLines(r.stderr)];
  if (leaks.length > 0) problems.push(`kernel objects not released or invariants broken:\n${leaks.map((l) => `    ${l}`).join('\n')}`);
  if (r.error !== undefined) return problems;
  const part = extractRun(r.stdout, spec.command, spec.halt);
  if ('error' in part) problems.push(part.error);
  else {
    const diff = compareOutput(spec, part.lines);
    if (diff !== undefined) problems.push(`output differs from ${spec.name}.expected (- expected, + actual):\n${diff}`);
  }
  const fetchErrors = toLines(r.stdout).filter((l) => l.startsWith('pintos-vm: cannot get'));
  problems.push(...fetchErrors);
  if (r.status !== 0 && leaks.length === 0) problems.push(`pintos-vm exited with status ${r.status}; stderr:\n${tail(r.stderr)}`);
  return problems;
}

/** Compares every fetched file with its expected file. */
function fetchedFileProblems(root: string, spec: VmTestSpec, fetchDir: string): string[] {
  const problems: string[] = [];
  for (const g of spec.gets) {
    const fetched = path.join(fetchDir, g.guest);
    if (!existsSync(fetched)) {
      problems.push(`'${g.guest}' was not fetched back from the Pintos disk`);
      continue;
    }
    const diff = describeDifference(readFileSync(path.join(root, g.expected)), readFileSync(fetched));
    if (diff !== undefined) problems.push(`'${g.guest}' fetched after the run differs from ${g.expected}: ${diff}`);
  }
  return problems;
}

/** Undefined when `expected` and `actual` are equal, else where they first differ. */
export function describeDifference(expected: Uint8Array, actual: Uint8Array): string | undefined {
  const n = Math.min(expected.length, actual.length);
  let at = 0;
  while (at < n && expected[at] === actual[at]) at++;
  if (at === n && expected.length === actual.length) return undefined;
  const show = (b: Uint8Array) => JSON.stringify(Buffer.from(b.subarray(at, at + 40)).toString('latin1'));
  const sizes = expected.length === actual.length ? '' : `; ${actual.length} bytes instead of ${expected.length}`;
  return `first difference at byte ${at}: expected ${show(expected)}, got ${show(actual)}${sizes}`;
}

/** Counts the trace's events for each rule; problems for the rules that do not hold. */
async function eventProblems(rules: EventRule[], tracePath: string): Promise<string[]> {
  if (!existsSync(tracePath)) return [`no trace written to ${tracePath}`];
  const counts = new Array<number>(rules.length).fill(0);
  const lines = createInterface({ input: createReadStream(tracePath), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    const event = JSON.parse(line) as Record<string, unknown>;
    rules.forEach((rule, i) => {
      counts[i] += countMatching(rule, event);
    });
  }
  return rules.flatMap((rule, i) => (rule.holds(counts[i]) ? [] : [`events: '${rule.text}' does not hold: the trace has ${counts[i]}`]));
}

/** How many runs may go at once: $PINTOS_VM_JOBS, else the number of cores. */
export function defaultConcurrency(): number {
  const env = Number(process.env.PINTOS_VM_JOBS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, os.availableParallelism());
}

/** Runs tasks at most `limit` at a time, in the order they are queued. */
export class RunPool {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Queues `task`; resolves with its result. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.queue.shift()?.();
          });
      };
      if (this.running < this.limit) start();
      else this.queue.push(start);
    });
  }
}
