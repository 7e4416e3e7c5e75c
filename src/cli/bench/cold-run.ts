// Cold runs of ours: a fresh `node dist/bench.js --run WORKLOAD ENGINE` process boots the kernel,
// runs the workload once and exits; the parent times it from spawn to exit, so the figure holds
// Node's start-up, loading the bundle, V8 warming up and every block compiled on the way.
import { emulate, OUR_ENGINES, type OurEngine } from './emulate';
import { timeProcess } from './processes';
import { ranCorrectly, workloadByKey, type Workload } from './workloads';

/** The flag that makes dist/bench.js a cold-run child. */
export const COLD_RUN_FLAG = '--run';

/** What a child reports on its last line of output. */
interface ChildReport {
  retired: number;
  ok: boolean;
  vmEvents: { evictions: number; swapOuts: number; swapIns: number };
}

/** What the parent learns from one cold run. */
export interface ColdRun extends ChildReport {
  /** seconds from the spawn of the child to its exit */
  seconds: number;
}

/**
 * The child's side: runs workload `key` (under repository root `root`) once on `engine` and prints
 * its report as one JSON line. Throws on an unknown workload or engine.
 */
export function runColdChild(root: string, key: string, engine: string): void {
  const ours = OUR_ENGINES.find((e) => e === engine);
  if (ours === undefined) throw new Error(`no engine ${engine} (${OUR_ENGINES.join(', ')})`);
  const w = workloadByKey(root, key);
  const r = emulate(w, ours);
  const report: ChildReport = { retired: r.retired, ok: ranCorrectly(w, r.transcript), vmEvents: r.vmEvents };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/**
 * The parent's side: runs `w` on `engine` in a fresh Node process started on `benchScript`, timed
 * from spawn to exit. Throws when the child fails or reports nothing readable.
 */
export function coldRun(benchScript: string, w: Workload, engine: OurEngine): ColdRun {
  const p = timeProcess(process.execPath, [benchScript, COLD_RUN_FLAG, w.key, engine]);
  const last = p.stdout.trim().split('\n').pop() ?? '';
  if (p.status !== 0 || !last.startsWith('{')) throw new Error(`cold run of ${w.key} (${engine}) failed: ${p.stderr.trim() || `exit ${p.status}`}`);
  return { ...(JSON.parse(last) as ChildReport), seconds: p.seconds };
}
