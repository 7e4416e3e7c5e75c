// The adapter's diagnostic log. stdout carries the Debug Adapter Protocol, so nothing may be
// written there: lines go to a file. Where, in order: `PINTOS_VM_LOG` (a file), else
// adapter.log in `PINTOS_VM_LOG_DIR` (the extension passes VS Code's log folder), else
// adapter.log in a private folder made for this process under the OS temp directory (mode 0700,
// a fresh name, so nothing planted in the shared temp directory is ever followed). Adapters
// sharing a file are told apart by the process id on every line.
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Above this size the log is moved to `<file>.1` (replacing it) when an adapter starts logging. */
const ROTATE_BYTES = 8 * 1024 * 1024;

/** Appends, creating the file private to the user, and never through a symbolic link. */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

let chosen: string | undefined;
let state: 'fresh' | 'open' | 'broken' = 'fresh';

/**
 * The file the log lines of this process go to, chosen (and its folder made) on first use.
 * Throws when no folder can be made (callers treat that as "no log").
 */
function chooseLogFile(): string {
  if (chosen) return chosen;
  const file = process.env.PINTOS_VM_LOG;
  const dir = process.env.PINTOS_VM_LOG_DIR;
  if (file) chosen = file;
  else if (dir) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chosen = path.join(dir, 'adapter.log');
  } else {
    chosen = path.join(mkdtempSync(path.join(tmpdir(), 'pintos-vm-')), 'adapter.log');
  }
  return chosen;
}

/** Where the log lines of this adapter process go (for messages pointing the user there). */
export function logFile(): string {
  try {
    return chooseLogFile();
  } catch {
    return 'the adapter log (which cannot be written)';
  }
}

/** Moves an oversized log aside, once per process. */
function rotate(file: string): void {
  try {
    if (statSync(file).size > ROTATE_BYTES) renameSync(file, `${file}.1`);
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
  try {
    const file = chooseLogFile();
    if (state === 'fresh') {
      rotate(file);
      state = 'open';
    }
    const fd = openSync(file, APPEND_FLAGS, 0o600);
    try {
      writeSync(fd, `${new Date().toISOString()} [${process.pid}] ${message}\n`);
    } finally {
      closeSync(fd);
    }
  } catch {
    state = 'broken';
  }
}

/** Logs an error with its stack (or its text when it is not an Error), after `context`. */
export function logError(context: string, error: unknown): void {
  log(`${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
