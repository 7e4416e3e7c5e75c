// Runs a hostile program through pintos-vm (dist/cli.js) with a guest-time limit, measuring the
// host time it takes; huge-bss is put on the disk beside every program (exec-huge runs it).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { hostile, ROOT } from './hostile-programs';

/** What a run printed and cost. */
export interface HostileRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `cmdline` (its first word a hostile program) under `-T seconds`; kills it after 60 s of host time. */
export function runHostile(cmdline: string, seconds: number, options: string[] = []): HostileRun {
  const name = cmdline.split(' ')[0];
  const puts = [name, ...(name === 'huge-bss' ? [] : ['huge-bss'])].flatMap((p) => ['-p', `${hostile(p)}:${p}`]);
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), '-T', String(seconds), ...options, ...puts, '--', '-q', '-f', 'run', cmdline], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}
