// Measures how long `pause` takes to stop a hostile guest in a real adapter: `rounds` pauses,
// each after a run of `runMs`, continuing in between. For `npm run fuzz` (median and worst).
import type { AdapterSession } from '../adapter/harness';

/** The latency of each pause of `program`, in ms (launched here, exception stops off). */
export async function pauseLatencies(session: AdapterSession, program: string, rounds: number, runMs: (round: number) => number): Promise<number[]> {
  await session.launch({ program }, () => session.dc.setExceptionBreakpointsRequest({ filters: [] }));
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await new Promise((r) => setTimeout(r, runMs(round)));
    const sent = performance.now();
    await session.dc.pauseRequest({ threadId: 1 });
    const stop = await session.nextStop(10_000);
    latencies.push(performance.now() - sent);
    await session.dc.continueRequest({ threadId: stop.body.threadId ?? 1 });
  }
  return latencies;
}
