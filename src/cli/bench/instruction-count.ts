// The instructions a Linux program retires, counted by valgrind's lackey tool (exact, user mode,
// the whole process). Used to check that the Linux build retires what our Pintos build does.
import { spawnSync } from 'node:child_process';

/** The count, or why there is none. */
export type LinuxCount = { instructions: number } | { unavailable: string };

/**
 * Runs `program args` under `valgrind --tool=lackey --basic-counts=yes` (about 20 times slower than
 * natively) and returns its "guest instrs" count. Never throws: no valgrind, a failed run or an
 * unreadable report is returned as the reason.
 */
export function countLinuxInstructions(program: string, args: readonly string[]): LinuxCount {
  const r = spawnSync('valgrind', ['--tool=lackey', '--basic-counts=yes', program, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) return { unavailable: `valgrind not available (${r.error.message})` };
  if (r.status !== 0) return { unavailable: `valgrind exited with ${r.status}` };
  const m = /guest instrs:\s+([\d,]+)/.exec(r.stderr);
  if (!m) return { unavailable: 'no "guest instrs" line in valgrind\'s report' };
  return { instructions: Number(m[1].replace(/,/g, '')) };
}
