// Debugger latency, measured over a real DAP stream against a spawned dist/adapter.js: launch to
// the first stop (stopOnEntry), the median time of a `next` over 50 lines (a tight loop, and lines
// that call printf), the time to fetch the supplemental page table of a 5 MiB process, and time
// travel at the end of a long run (step back, previous event, history memory). Run by `npm run
// bench` after the emulator figures.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

const root = path.resolve(__dirname, '..');
const adapter = path.join(root, 'dist', 'adapter.js');
const build = path.join(root, 'userprogs', 'build');
const sources = path.join(root, 'userprogs', 'src');

/** Milliseconds since `start` (a hrtime bigint). */
function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median of `values`. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The line of the `#BP:marker` comment in userprogs/src/NAME.c. */
function markerLine(name: string, marker: string): number {
  const index = readFileSync(path.join(sources, `${name}.c`), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(`#BP:${marker} `));
  if (index < 0) throw new Error(`no #BP:${marker} in ${name}.c`);
  return index + 1;
}

/** A client on a fresh adapter process whose `stopped` events are queued as they arrive. */
class Client {
  readonly dc = new DebugClient(process.execPath, adapter, 'pintos');
  private readonly stops: DebugProtocol.StoppedEvent[] = [];
  private wake: (() => void) | undefined;

  constructor() {
    this.dc.defaultTimeout = 30_000;
    this.dc.on('stopped', (e: DebugProtocol.StoppedEvent) => {
      this.stops.push(e);
      this.wake?.();
    });
  }

  async start(): Promise<void> {
    await this.dc.start();
    await this.dc.initializeRequest({ adapterID: 'pintos', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  }

  /** Launches and configures (breakpoints at `lines` of `source`, if any). */
  async launch(args: Record<string, unknown>, source?: string, lines: number[] = []): Promise<void> {
    const initialized = this.dc.waitForEvent('initialized');
    initialized.catch(() => undefined); // a failed launch is reported by launchRequest
    await this.dc.launchRequest(args as DebugProtocol.LaunchRequestArguments);
    await initialized;
    if (source) await this.dc.setBreakpointsRequest({ source: { path: source }, breakpoints: lines.map((line) => ({ line })) });
    await this.dc.configurationDoneRequest();
  }

  /** The next stopped event. */
  async stopped(): Promise<DebugProtocol.StoppedEvent> {
    while (this.stops.length === 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no stop within 30 s')), 30_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.stops.shift()!;
  }

  async stop(): Promise<void> {
    await this.dc.stop();
  }
}

/** Launch (request sent) to the first `stopped` event, stopOnEntry, median of `runs` fresh adapters. */
async function launchToFirstStop(runs: number): Promise<{ launch: number; spawn: number }> {
  const launch: number[] = [];
  const spawn: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = new Client();
    const spawned = process.hrtime.bigint();
    await c.start();
    const t = process.hrtime.bigint();
    await c.launch({ program: path.join(build, 'hello'), stopOnEntry: true });
    await c.stopped();
    launch.push(since(t));
    spawn.push(since(spawned));
    await c.stop();
  }
  return { launch: median(launch), spawn: median(spawn) };
}

/**
 * `next` over `count` lines from the `#BP:marker` of sample `name`: median of request → stopped,
 * and of request → stopped → stack trace (what an editor waits for before it shows the line).
 */
async function stepTimes(name: string, marker: string, args: string[], count: number): Promise<{ step: number; withStack: number; worst: number }> {
  const c = new Client();
  await c.start();
  const source = path.join(sources, `${name}.c`);
  await c.launch({ program: path.join(build, name), args }, source, [markerLine(name, marker)]);
  const threadId = (await c.stopped()).body.threadId!;
  const steps: number[] = [];
  const withStack: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = process.hrtime.bigint();
    await c.dc.nextRequest({ threadId });
    await c.stopped();
    steps.push(since(t));
    await c.dc.stackTraceRequest({ threadId, startFrame: 0, levels: 20 });
    withStack.push(since(t));
  }
  await c.stop();
  return { step: median(steps), withStack: median(withStack), worst: Math.max(...steps) };
}

/** Time of 'pintos/spt' for lazy-bss (5 MiB of .bss) after it touched its pages: first and median of 10. */
async function sptFetch(): Promise<{ first: number; median: number; entries: number }> {
  const c = new Client();
  await c.start();
  const source = path.join(sources, 'lazy-bss.c');
  await c.launch({ program: path.join(build, 'lazy-bss') }, source, [markerLine('lazy-bss', 'reread')]);
  const pid = (await c.stopped()).body.threadId!;
  const times: number[] = [];
  let entries = 0;
  for (let i = 0; i < 10; i++) {
    const t = process.hrtime.bigint();
    const r = await c.dc.customRequest('pintos/spt', { pid });
    times.push(since(t));
    entries = (r.body as { entries: unknown[] }).entries.length;
  }
  await c.stop();
  return { first: times[0], median: median(times), entries };
}

/**
 * Time travel at the end of the `bench` sample (about 460 M instructions of history): request →
 * stopped for Step Back by instruction and by line, and travel to the previous kernel event, each
 * the median and worst of 5; the history's checkpoints and memory; the run's wall time to the end.
 */
async function travelTimes(): Promise<{ toEnd: number; instruction: number[]; line: number[]; event: number[]; history: { checkpoints: number; bytes: number; budgetBytes: number; newestRetired: number } }> {
  const c = new Client();
  await c.start();
  const t = process.hrtime.bigint();
  await c.launch({ program: path.join(build, 'bench') });
  const end = await c.stopped();
  const toEnd = since(t);
  const threadId = end.body.threadId!;
  const timed = async (send: () => Promise<unknown>): Promise<number> => {
    const s = process.hrtime.bigint();
    await send();
    await c.stopped();
    return since(s);
  };
  const history = (await c.dc.customRequest('pintos/history', {})).body as { checkpoints: number; bytes: number; budgetBytes: number; newestRetired: number };
  const instruction: number[] = [];
  const line: number[] = [];
  const event: number[] = [];
  for (let i = 0; i < 5; i++) instruction.push(await timed(() => c.dc.stepBackRequest({ threadId, granularity: 'instruction' })));
  for (let i = 0; i < 5; i++) line.push(await timed(() => c.dc.stepBackRequest({ threadId })));
  for (let i = 0; i < 5; i++) {
    const last = ((await c.dc.customRequest('pintos/events', {})).body as { lastSeq: number }).lastSeq;
    event.push(await timed(() => c.dc.customRequest('pintos/travelToEvent', { seq: Math.max(1, last - 1) })));
  }
  await c.stop();
  return { toEnd, instruction, line, event, history };
}

/** Prints `label: value ms (target < limit ms)` with a verdict. */
function report(label: string, ms: number, limit: number): void {
  console.log(`  ${label}: ${ms.toFixed(1)} ms (target < ${limit} ms: ${ms < limit ? 'met' : 'NOT met'})`);
}

async function main(): Promise<void> {
  console.log('Debugger latency over DAP (dist/adapter.js):');
  const launch = await launchToFirstStop(5);
  report('launch to first stop (stopOnEntry, median of 5)', launch.launch, 300);
  console.log(`    including the adapter process start: ${launch.spawn.toFixed(1)} ms`);
  const loop = await stepTimes('stack-grow', 'main_entry', [], 50);
  report('step (next, median of 50 lines of a loop in stack-grow)', loop.step, 10);
  console.log(`    with the stack trace the editor fetches next: ${loop.withStack.toFixed(1)} ms; slowest step ${loop.worst.toFixed(1)} ms`);
  const calls = await stepTimes('hello', 'main_entry', Array.from({ length: 25 }, (_, i) => String.fromCharCode(97 + i)), 50);
  report('step (next, median of 50 lines calling printf in hello)', calls.step, 10);
  console.log(`    with the stack trace: ${calls.withStack.toFixed(1)} ms; slowest step ${calls.worst.toFixed(1)} ms`);
  const spt = await sptFetch();
  report(`SPT of the 5 MiB lazy-bss process (${spt.entries} entries, median of 10)`, spt.median, 50);
  console.log(`    first fetch: ${spt.first.toFixed(1)} ms`);
  const travel = await travelTimes();
  console.log(`Time travel at the end of bench (${(travel.history.newestRetired / 1e6).toFixed(0)} M instructions of history, run to its end in ${(travel.toEnd / 1000).toFixed(1)} s):`);
  report('step back one instruction (median of 5)', median(travel.instruction), 100);
  console.log(`    slowest: ${Math.max(...travel.instruction).toFixed(1)} ms`);
  report('step back one line (median of 5)', median(travel.line), 100);
  console.log(`    slowest: ${Math.max(...travel.line).toFixed(1)} ms`);
  report('travel to the previous kernel event (median of 5)', median(travel.event), 100);
  console.log(`    slowest: ${Math.max(...travel.event).toFixed(1)} ms`);
  console.log(`  history: ${travel.history.checkpoints} checkpoints, ${(travel.history.bytes / 2 ** 20).toFixed(1)} MiB of ${(travel.history.budgetBytes / 2 ** 20).toFixed(0)} MiB allowed`);
  console.log('  (what this leaves out: history is measured on one long computation; programs that swap or fork keep more per checkpoint)');
}

main().catch((e: unknown) => {
  console.error(`bench-debugger: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
