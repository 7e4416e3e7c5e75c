// Whole-process timing of a host program: from the spawn to its exit, as a user running it sees it.
import { spawnSync } from 'node:child_process';

/** A finished host process and how long it took. */
export interface TimedProcess {
  /** seconds from the spawn to the exit */
  seconds: number;
  stdout: string;
  /** exit status, or null when a signal ended it */
  status: number | null;
  /** stderr, for the message when a run went wrong */
  stderr: string;
}

/**
 * Runs `command args` to its end and times it (spawn, start-up, run, exit). Throws when it cannot be
 * started at all (missing program); a non-zero exit is returned, for the caller to judge.
 */
export function timeProcess(command: string, args: readonly string[]): TimedProcess {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw new Error(`cannot run ${command}: ${r.error.message}`);
  return { seconds, stdout: r.stdout, status: r.status, stderr: r.stderr };
}
