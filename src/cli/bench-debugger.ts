// `npm run bench`, debugger part: latency over a real DAP stream against spawned dist/adapter.js
// processes, each figure the median and worst of a series. Launch to the first stop counted from
// the adapter's spawn; `next` over lines of a loop and of printf calls; the SPT of a 5 MiB process;
// the frame map panel's data; then time travel at the end of a run of more than 10^9 instructions.
import * as path from 'node:path';
import { frameMapSeries, launchSeries, sptSeries, stepSeries, type DebuggerPaths } from './bench/debugger-latency';
import { formatCount } from './bench/format';
import { latencyTable } from './bench/latency-table';
import { describeMachine } from './bench/machine';
import { LINE_STEPS_BACK, MIX_ROUNDS_FOR_1E9, travelSeries } from './bench/time-travel';

const root = path.resolve(__dirname, '..');
const paths: DebuggerPaths = {
  adapter: path.join(root, 'dist', 'adapter.js'),
  build: path.join(root, 'userprogs', 'build'),
  sources: path.join(root, 'userprogs', 'src'),
};

/** Samples per series (steps are cheap, so they get more). */
const SERIES = 15;
const STEPS = 50;

async function main(): Promise<void> {
  const started = Date.now();
  const machine = describeMachine();
  const launch = await launchSeries(paths, SERIES);
  const loop = await stepSeries(paths, 'stack-grow', 'main_entry', [], STEPS);
  const letters = Array.from({ length: 25 }, (_, i) => String.fromCharCode(97 + i));
  const calls = await stepSeries(paths, 'hello', 'main_entry', letters, STEPS);
  const spt = await sptSeries(paths, SERIES);
  const frames = await frameMapSeries(paths, SERIES);
  console.log('Debugger latency over DAP (dist/adapter.js), milliseconds, median and worst of each series:');
  console.log(`  on ${machine} (load at the start)`);
  console.log(
    latencyTable([
      { label: 'launch to first stop, adapter spawn included (hello, stopOnEntry)', samples: launch.withSpawn, targetMs: 300 },
      { label: '  of which launch request to first stop', samples: launch.launchOnly },
      { label: 'step (next) in a loop (stack-grow)', samples: loop.step, targetMs: 10 },
      { label: '  and the stack trace the editor fetches next', samples: loop.withStack },
      { label: 'step (next) over printf calls (hello)', samples: calls.step, targetMs: 10 },
      { label: '  and the stack trace', samples: calls.withStack },
      { label: `SPT fetch of the 5 MiB lazy-bss (${formatCount(spt.entries)} entries)`, samples: spt.times, targetMs: 50 },
      { label: `frame map data (frames + processes; pressure 8, ${formatCount(frames.used)} of ${formatCount(frames.capacity)} frames used)`, samples: frames.times, targetMs: 50 },
    ]).join('\n'),
  );
  const travel = await travelSeries(paths, SERIES);
  const h = travel.history;
  console.log(`Time travel at the end of mix ${MIX_ROUNDS_FOR_1E9} (${formatCount(h.newestRetired / 1e6)} M instructions of history, run to its end in ${(travel.toEndMs / 1000).toFixed(1)} s):`);
  console.log(
    latencyTable([
      { label: 'step back one instruction', samples: travel.instruction, targetMs: 100 },
      { label: `step back one line (${LINE_STEPS_BACK} in a row; the last over a 9 M-instruction call)`, samples: travel.line, targetMs: 100 },
      { label: 'travel to the previous kernel event', samples: travel.event, targetMs: 100 },
    ]).join('\n'),
  );
  console.log(`  history: ${formatCount(h.checkpoints)} checkpoints, ${(h.bytes / 2 ** 20).toFixed(1)} MiB of ${(h.budgetBytes / 2 ** 20).toFixed(0)} MiB allowed`);
  console.log('What these figures leave out:');
  console.log('- The frame map figure is its data over DAP; drawing it in the webview is measured by the e2e test (test/e2e/vscode.test.ts).');
  console.log('- The editor\'s own work (VS Code drawing the stop, its other requests) is not in any of these.');
  console.log('- Time travel is measured at the end of one long computation on a 1 MiB array; programs that swap or fork keep more');
  console.log('  per checkpoint. Each series repeats on the same session, so later samples go further back. A step back over');
  console.log('  a line that calls a long function replays the whole call (once, from the checkpoints inside it): its cost grows');
  console.log('  with the call (the worst line figure), not with the length of the history.');
  console.log(`(debugger benchmark: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  console.error(`bench-debugger: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
