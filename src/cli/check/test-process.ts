// Runs one test's command as a child process `node <cli.js> <pintos args>` in the build
// directory, with `< /dev/null 2> TEST.errors > TEST.output` as make's recipe has it.
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { pintosVmEnvironment } from '../../shared/child-environment';

/** How a run ended. */
export interface PintosRun {
  /** the exit status, or null when the process was killed */
  status: number | null;
  /** the run passed the host-time limit and was killed */
  killed: boolean;
  /** the child could not be started */
  startError?: string;
}

/**
 * The host-time limit of a run given `-T` guest seconds: generous, since -T already stops the
 * guest in guest time; it only ends runs that hang on the host.
 */
export function hostTimeLimitSeconds(timeoutSeconds: number | null): number {
  return Math.max(60, 4 * (timeoutSeconds ?? 60));
}

/**
 * Runs `cliPath` with `args` in `cwd`, standard output to `outputFile`, standard error to
 * `errorsFile` (both truncated first), standard input empty. Kills it after `limitSeconds`
 * of host time and notes that in the errors file.
 */
export function runTestProcess(cliPath: string, args: string[], cwd: string, outputFile: string, errorsFile: string, limitSeconds: number): Promise<PintosRun> {
  mkdirSync(path.dirname(outputFile), { recursive: true });
  const out = openSync(outputFile, 'w');
  const err = openSync(errorsFile, 'w');
  return new Promise((resolve) => {
    let killed = false;
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, stdio: ['ignore', out, err], env: pintosVmEnvironment() });
    closeSync(out);
    closeSync(err);
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, limitSeconds * 1000);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: null, killed: false, startError: e.message });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      if (killed) appendFileSync(errorsFile, `pintos-vm check: stopped after ${limitSeconds} seconds of host time\n`);
      resolve({ status, killed });
    });
  });
}
