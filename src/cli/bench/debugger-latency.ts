// Debugger latency over a real DAP stream, each as a series of samples: launch to the first stop
// (from spawning the adapter process), `next` over lines, the SPT of a 5 MiB process, and the data
// the frame map panel loads (frames and processes, fetched together as the panel does) with most
// frames in use.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BenchClient, msSince, timeToStop } from './dap-client';

/** Where the adapter and the sample programs are. */
export interface DebuggerPaths {
  /** dist/adapter.js */
  adapter: string;
  /** userprogs/build */
  build: string;
  /** userprogs/src */
  sources: string;
}

/** The line of the `#BP:marker` comment in `sources`/NAME.c; throws when there is none. */
export function markerLine(sources: string, name: string, marker: string): number {
  const index = readFileSync(path.join(sources, `${name}.c`), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(`#BP:${marker} `));
  if (index < 0) throw new Error(`no #BP:${marker} in ${name}.c`);
  return index + 1;
}

/** A started client stopped at the `#BP:marker` of sample `name`, and the stopped thread. */
async function stoppedAt(p: DebuggerPaths, name: string, marker: string, args: string[] = []): Promise<{ client: BenchClient; threadId: number }> {
  const client = new BenchClient(p.adapter);
  await client.start();
  await client.launch({ program: path.join(p.build, name), args }, path.join(p.sources, `${name}.c`), [markerLine(p.sources, name, marker)]);
  return { client, threadId: (await client.stopped()).body.threadId! };
}

/**
 * `runs` fresh sessions on `hello` with stopOnEntry: for each, milliseconds from spawning the
 * adapter process to the first `stopped` event (`withSpawn`), and from the launch request alone
 * (`launchOnly`, the adapter already running and initialized).
 */
export async function launchSeries(p: DebuggerPaths, runs: number): Promise<{ withSpawn: number[]; launchOnly: number[] }> {
  const withSpawn: number[] = [];
  const launchOnly: number[] = [];
  for (let i = 0; i < runs; i++) {
    const client = new BenchClient(p.adapter);
    const spawned = process.hrtime.bigint();
    await client.start();
    const launched = process.hrtime.bigint();
    await client.launch({ program: path.join(p.build, 'hello'), stopOnEntry: true });
    await client.stopped();
    launchOnly.push(msSince(launched));
    withSpawn.push(msSince(spawned));
    await client.stop();
  }
  return { withSpawn, launchOnly };
}

/**
 * `next` over `count` lines from the `#BP:marker` of sample `name`: milliseconds from the request
 * to the stop (`step`), and to the stack trace an editor fetches next (`withStack`).
 */
export async function stepSeries(p: DebuggerPaths, name: string, marker: string, args: string[], count: number): Promise<{ step: number[]; withStack: number[] }> {
  const { client, threadId } = await stoppedAt(p, name, marker, args);
  const step: number[] = [];
  const withStack: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    step.push(await timeToStop(client, () => client.dc.nextRequest({ threadId })));
    await client.dc.stackTraceRequest({ threadId, startFrame: 0, levels: 20 });
    withStack.push(msSince(start));
  }
  await client.stop();
  return { step, withStack };
}

/** `count` fetches of 'pintos/spt' for lazy-bss (5 MiB of .bss) after it touched its pages; and the entry count. */
export async function sptSeries(p: DebuggerPaths, count: number): Promise<{ times: number[]; entries: number }> {
  const { client, threadId: pid } = await stoppedAt(p, 'lazy-bss', 'reread');
  const times: number[] = [];
  let entries = 0;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const r = await client.dc.customRequest('pintos/spt', { pid });
    times.push(msSince(start));
    entries = (r.body as { entries: unknown[] }).entries.length;
  }
  await client.stop();
  return { times, entries };
}

/**
 * `count` fetches of the frame map panel's data while `pressure 8` re-reads the 8 MiB it wrote (most
 * of the 2,495 frames in use): 'pintos/frames' and 'pintos/processes' sent together, timed until
 * both answered; and the frames in use and in all.
 */
export async function frameMapSeries(p: DebuggerPaths, count: number): Promise<{ times: number[]; used: number; capacity: number }> {
  const { client } = await stoppedAt(p, 'pressure', 'verify_word', ['8']);
  const times: number[] = [];
  let used = 0;
  let capacity = 0;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const [table] = await Promise.all([client.dc.customRequest('pintos/frames', {}), client.dc.customRequest('pintos/processes', {})]);
    times.push(msSince(start));
    ({ used, capacity } = table.body as { used: number; capacity: number });
  }
  await client.stop();
  return { times, used, capacity };
}
