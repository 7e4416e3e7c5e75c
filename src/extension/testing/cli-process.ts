// Runs the extension's own command-line runner (dist/cli.js) as a child process with the Node
// that runs the extension host (in desktop VS Code that is Electron, which behaves as plain Node
// with ELECTRON_RUN_AS_NODE), streaming its stdout line by line. Nothing here blocks: the caller
// gets a promise of the exit and a way to stop the child (and whatever it started).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pintosVmEnvironment } from '../../shared/child-environment';
import { LineSplitter } from './line-splitter';

/** How a runner process ended. */
export interface CliExit {
  /** exit status, or null when it was killed by a signal or could not start */
  code: number | null;
  /** everything it wrote to stderr (the last 64 KiB) */
  stderr: string;
  /** why it could not start, when it could not */
  startError?: string;
  /** true when stop() ended it */
  stopped: boolean;
}

/** A running runner process. */
export interface CliProcess {
  readonly exited: Promise<CliExit>;
  /** Ends the process and the processes it started (SIGTERM, then SIGKILL after a grace time). */
  stop(): void;
}

const STDERR_KEPT = 64 * 1024;
const KILL_GRACE_MS = 2000;

/** Sends `signal` to the child's process group (its own, see `detached`), else to the child. */
function signalTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts `node cliPath ...args` in `cwd` and calls `onLine` with each line of its stdout. The
 * promise `exited` always resolves (never rejects): a missing cli.js or a failed start are
 * reported through `startError`.
 */
export function startCli(cliPath: string, args: string[], cwd: string, onLine: (line: string) => void): CliProcess {
  if (!existsSync(cliPath)) {
    const startError = `the test runner ${cliPath} is missing (build the extension with \`npm run build\`, or reinstall it)`;
    return { exited: Promise.resolve({ code: null, stderr: '', startError, stopped: false }), stop: () => undefined };
  }
  let stopped = false;
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd,
    env: { ...pintosVmEnvironment(), ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  const lines = new LineSplitter(onLine);
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => lines.push(chunk));
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEPT);
  });
  const exited = new Promise<CliExit>((resolve) => {
    let startError: string | undefined;
    child.once('error', (e) => {
      startError = `could not start ${process.execPath} ${cliPath}: ${e.message}`;
      if (child.pid === undefined) resolve({ code: null, stderr, startError, stopped });
    });
    // 'close' comes after stdout has ended, so every line has been handed on by then
    child.once('close', (code) => {
      lines.end();
      resolve({ code, stderr, ...(startError !== undefined ? { startError } : {}), stopped });
    });
  });
  return {
    exited,
    stop: () => {
      if (stopped || child.exitCode !== null || child.signalCode !== null) return;
      stopped = true;
      signalTree(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalTree(child.pid, 'SIGKILL'), KILL_GRACE_MS);
      timer.unref();
      void exited.then(() => clearTimeout(timer));
    },
  };
}

/** Runs the runner to its end and returns its whole stdout with the exit. */
export async function runCliToEnd(cliPath: string, args: string[], cwd: string): Promise<CliExit & { stdout: string }> {
  const out: string[] = [];
  const exit = await startCli(cliPath, args, cwd, (line) => out.push(line)).exited;
  return { ...exit, stdout: out.join('\n') };
}
