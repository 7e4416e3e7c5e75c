// `pintos-vm` command-line entry: parses options and reports errors as one clear line.
import { parseCommandLine, usage } from './options';

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
  process.stderr.write('pintos-vm: this build has no kernel to run programs on yet\n');
  return 1;
}

process.exitCode = main(process.argv.slice(2));
