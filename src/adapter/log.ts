// The adapter's diagnostic log. stdout carries the Debug Adapter Protocol, so nothing may be
// written there: lines go to a file, `PINTOS_VM_LOG` when set, else pintos-vm-adapter.log in the
// OS temp directory (shared by concurrent adapters: every line names its process).
import { appendFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Where the log lines of this adapter process go. */
export const logFile = process.env.PINTOS_VM_LOG || path.join(tmpdir(), 'pintos-vm-adapter.log');

/** Above this size the log is moved to `<file>.1` (replacing it) when an adapter starts logging. */
const ROTATE_BYTES = 8 * 1024 * 1024;

let state: 'fresh' | 'open' | 'broken' = 'fresh';

/** Moves an oversized log aside, once per process. */
function rotate(): void {
  try {
    if (statSync(logFile).size > ROTATE_BYTES) renameSync(logFile, `${logFile}.1`);
  } catch {
    // no log yet, or it cannot be moved: append to it as it is
  }
}

/**
 * Appends one line, stamped with the wall-clock time and this process's id, to the log file.
 * Never throws: when the file cannot be written, logging stops silently (the adapter must keep
 * working).
 */
export function log(message: string): void {
  if (state === 'broken') return;
  if (state === 'fresh') {
    rotate();
    state = 'open';
  }
  try {
    appendFileSync(logFile, `${new Date().toISOString()} [${process.pid}] ${message}\n`);
  } catch {
    state = 'broken';
  }
}

/** Logs an error with its stack (or its text when it is not an Error), after `context`. */
export function logError(context: string, error: unknown): void {
  log(`${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
