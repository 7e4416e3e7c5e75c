// `pintos-vm` command-line entry: parses options, runs, and reports errors as one clear line.
// `pintos-vm check ...` runs the tests of a Pintos build directory (see check/).
import { fstatSync, readFileSync } from 'node:fs';
import { UserError } from './boot';
import { stderr, stdout } from './console-output';
import { parseCommandLine, usage } from './options';
import { reportTime } from './report-time';
import { runPintos } from './run';
import { runCompare } from './system/compare-runs';
import { runSystem } from './system/run-system';

/** Runs the command line; returns the process exit status. */
function main(argv: string[]): number {
  reportTime('start of main (bundle loaded)');
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    stderr.write(`pintos-vm: ${parsed.error}\nTry 'pintos-vm --help' for more information.\n`);
    return 2;
  }
  if (parsed.options.help) {
    stdout.write(`${usage()}\nRunning a build directory's tests like \`make check\`:\n  pintos-vm check [OPTION...] [TEST...]   (see pintos-vm check --help)\n`);
    return 0;
  }
  try {
    if (parsed.options.system && parsed.options.compare) {
      stderr.write("pintos-vm: --compare runs both kernels itself; give it without --system\n");
      return 2;
    }
    if (parsed.options.compare) {
      const status = runCompare(parsed.options, (text) => stdout.write(text));
      stdout.flush();
      return status;
    }
    if (parsed.options.system) {
      const outcome = runSystem(parsed.options, (text) => stdout.write(text));
      stdout.flush();
      if (outcome.error) stderr.write(`pintos-vm: ${outcome.error}\n`);
      return outcome.status;
    }
    const stdin = readStdin();
    const outcome = runPintos(parsed.options, (text) => stdout.write(text), stdin, {
      note: (text) => stderr.write(text),
      beforeGuestRuns: () => reportTime('first guest instruction'),
      betweenSlices: () => stdout.flushIfOld(),
    });
    stdout.flush();
    reportTime('end of run');
    if (outcome.error) stderr.write(`pintos-vm: ${outcome.error}\n`);
    return outcome.status;
  } catch (e) {
    stdout.flush();
    if (e instanceof UserError) {
      stderr.write(`pintos-vm: ${e.message}\n`);
      return 1;
    }
    stderr.write(`pintos-vm: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

/**
 * Everything on standard input (the guest keyboard); nothing when it is a terminal (or another
 * character device such as /dev/null) or cannot be read. Asks the file descriptor, never
 * process.stdin, whose stream (and the stream and net modules behind it) costs milliseconds of
 * start-up to create.
 */
function readStdin(): Uint8Array {
  try {
    if (fstatSync(0).isCharacterDevice()) return new Uint8Array(0);
    return readFileSync(0);
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * `pintos-vm check ...`: runs a build directory's tests; returns the exit status. Its code (and
 * node:child_process) is loaded only here, so a plain run does not pay for evaluating it.
 */
async function check(argv: string[]): Promise<number> {
  try {
    const { runCheckCommand } = await import('./check/check-command');
    return await runCheckCommand(argv, {
      stdout: (text) => process.stdout.write(text),
      stderr: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY === true, columns: process.stderr.columns },
      cwd: process.cwd(),
      cliPath: process.argv[1],
    });
  } catch (e) {
    process.stderr.write(`pintos-vm check: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

const args = process.argv.slice(2);
if (args[0] === 'check') {
  void check(args.slice(1)).then((status) => {
    process.exitCode = status;
  });
} else {
  exitNow(main(args));
}

/**
 * Ends the process with `status` at once when all output has been written (console-output.ts
 * writes synchronously): tearing down a heap that held a whole machine costs a natural exit
 * several milliseconds more. Output still queued in a stream (a non-blocking pipe) gets the
 * natural exit, which waits for it.
 */
function exitNow(status: number): void {
  stdout.flush();
  process.exitCode = status;
  if (stdout.drained && stderr.drained) process.exit(status);
}
