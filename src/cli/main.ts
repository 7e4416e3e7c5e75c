// `pintos-vm` command-line entry: parses options, runs, and reports errors as one clear line.
// `pintos-vm check ...` runs the tests of a Pintos build directory (see check/).
import { fstatSync, readFileSync } from 'node:fs';
import { UserError } from './boot';
import { runCheckCommand } from './check/check-command';
import { parseCommandLine, usage } from './options';
import { runPintos } from './run';

/** Runs the command line; returns the process exit status. */
function main(argv: string[]): number {
  reportTime('start of main (bundle loaded)');
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    process.stderr.write(`pintos-vm: ${parsed.error}\nTry 'pintos-vm --help' for more information.\n`);
    return 2;
  }
  if (parsed.options.help) {
    process.stdout.write(`${usage()}\nRunning a build directory's tests like \`make check\`:\n  pintos-vm check [OPTION...] [TEST...]   (see pintos-vm check --help)\n`);
    return 0;
  }
  try {
    const stdin = process.stdin.isTTY ? new Uint8Array(0) : readStdin();
    const outcome = runPintos(parsed.options, (text) => process.stdout.write(text), stdin, {
      note: (text) => process.stderr.write(text),
      beforeGuestRuns: () => reportTime('first guest instruction'),
    });
    reportTime('end of run');
    if (outcome.error) process.stderr.write(`pintos-vm: ${outcome.error}\n`);
    return outcome.status;
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`pintos-vm: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`pintos-vm: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

/** With PINTOS_VM_REPORT_TIMES=1 in the environment: prints on stderr when `moment` happened (scripts/measure-kernel.ts reads it). */
function reportTime(moment: string): void {
  if (process.env.PINTOS_VM_REPORT_TIMES !== '1') return;
  const cpu = process.cpuUsage();
  process.stderr.write(`pintos-vm: ${moment} at ${performance.now().toFixed(1)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms)\n`);
}

/**
 * Everything on standard input (the guest keyboard); nothing when it is a terminal (or another
 * character device such as /dev/null) or cannot be read. Asks the file descriptor, not
 * process.stdin, whose stream costs milliseconds of start-up to create.
 */
function readStdin(): Uint8Array {
  try {
    if (fstatSync(0).isCharacterDevice()) return new Uint8Array(0);
    return readFileSync(0);
  } catch {
    return new Uint8Array(0);
  }
}

/** `pintos-vm check ...`: runs a build directory's tests; returns the exit status. */
async function check(argv: string[]): Promise<number> {
  try {
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
  process.exitCode = main(args);
}
