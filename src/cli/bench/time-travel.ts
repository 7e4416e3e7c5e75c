// Time travel at the end of a long run: `mix` with enough rounds to pass 10^9 instructions runs to
// its end in one session, then Step Back by instruction, by line, and travel to the previous kernel
// event are timed request → stopped, each as a series; with the history's checkpoints and memory.
import * as path from 'node:path';
import { BenchClient, msSince, timeToStop } from './dap-client';
import type { DebuggerPaths } from './debugger-latency';

/** Rounds of mix (about 8.96 M instructions each) that make at least 10^9 instructions of history. */
export const MIX_ROUNDS_FOR_1E9 = 112;

/** What 'pintos/history' reports. */
export interface HistoryFigures {
  checkpoints: number;
  bytes: number;
  budgetBytes: number;
  newestRetired: number;
}

/** The figures of one long session. */
export interface TravelFigures {
  /** milliseconds from the launch request to the stop at the program's end */
  toEndMs: number;
  history: HistoryFigures;
  /** request → stopped, in milliseconds, per sample */
  instruction: number[];
  line: number[];
  event: number[];
}

/**
 * Steps back by line that many times in a row from the end of mix: the last of them steps back over
 * a line that calls sort_slice (about 9 M instructions), which costs far more than the others.
 */
export const LINE_STEPS_BACK = 12;

/**
 * Runs `mix MIX_ROUNDS_FOR_1E9` to its end (the session stops there), then times `count` Step Backs
 * by instruction, LINE_STEPS_BACK by line, and `count` travels to the kernel event before the last.
 */
export async function travelSeries(p: DebuggerPaths, count: number): Promise<TravelFigures> {
  const client = new BenchClient(p.adapter);
  await client.start();
  const start = process.hrtime.bigint();
  await client.launch({ program: path.join(p.build, 'mix'), args: [String(MIX_ROUNDS_FOR_1E9)] });
  const threadId = (await client.stopped()).body.threadId!;
  const toEndMs = msSince(start);
  const history = (await client.dc.customRequest('pintos/history', {})).body as HistoryFigures;
  const instruction: number[] = [];
  const line: number[] = [];
  const event: number[] = [];
  for (let i = 0; i < count; i++) instruction.push(await timeToStop(client, () => client.dc.stepBackRequest({ threadId, granularity: 'instruction' })));
  for (let i = 0; i < LINE_STEPS_BACK; i++) line.push(await timeToStop(client, () => client.dc.stepBackRequest({ threadId })));
  for (let i = 0; i < count; i++) {
    const last = ((await client.dc.customRequest('pintos/events', {})).body as { lastSeq: number }).lastSeq;
    event.push(await timeToStop(client, () => client.dc.customRequest('pintos/travelToEvent', { seq: Math.max(1, last - 1) })));
  }
  await client.stop();
  return { toEndMs, history, instruction, line, event };
}
