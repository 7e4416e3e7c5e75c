// `pintos-vm` command-line entry: parses options, runs, and reports errors as one clear line.
import { readFileSync } from 'node:fs';
import { UserError } from './boot';
import { parseCommandLine, usage } from './options';
import { runPintos } from './run';

/** Runs the command line; returns the process exit status. */
function main(argv: string[]): number {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    process.stderr.write(`pintos-vm: ${parsed.error}\nTry 'pintos-vm --help' for more information.\n`);
    return 2;
  }
  if (parsed.options.help) {
    process.stdout.write(usage());
    return 0;
  }
  try {
    const stdin = process.stdin.isTTY ? new Uint8Array(0) : readStdin();
    const outcome = runPintos(parsed.options, (text) => process.stdout.write(text), stdin);
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

/** Everything on standard input (the guest keyboard), or nothing when it cannot be read. */
function readStdin(): Uint8Array {
  try {
    return readFileSync(0);
  } catch {
    return new Uint8Array(0);
  }
}

process.exitCode = main(process.argv.slice(2));
