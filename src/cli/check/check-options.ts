// Command line of `pintos-vm check [OPTION...] [TEST...]` and its help text.

/** What `pintos-vm check` was asked to do. */
export interface CheckOptions {
  help: boolean;
  /** the build directory (default: the current directory) */
  buildDir: string;
  /** tests run at once; undefined: one per core */
  jobs: number | undefined;
  /** list the tests instead of running them */
  list: boolean;
  /** machine-readable output: JSON lines on standard output */
  json: boolean;
  /** tests or test directories to run, as given (empty: all) */
  tests: string[];
}

export type CheckParse = { ok: true; options: CheckOptions } | { ok: false; error: string };

/** Parses the arguments after `check`. Never throws: a problem comes back as a message naming the option. */
export function parseCheckArgs(argv: readonly string[], cwd: string): CheckParse {
  const options: CheckOptions = { help: false, buildDir: cwd, jobs: undefined, list: false, json: false, tests: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq >= 0 ? arg.slice(eq + 1) : argv[++i]);
    if (name === '-h' || name === '--help') options.help = true;
    else if (name === '--list') options.list = true;
    else if (name === '--json') options.json = true;
    else if (name === '--build-dir') {
      const dir = value();
      if (!dir) return { ok: false, error: '--build-dir expects a directory, e.g. --build-dir vm/build' };
      options.buildDir = dir;
    } else if (name === '-j' || name === '--jobs' || /^-j\d+$/.test(arg)) {
      const text = /^-j\d+$/.test(arg) ? arg.slice(2) : value();
      const n = Number(text);
      if (!text || !Number.isInteger(n) || n < 1) return { ok: false, error: `${name.startsWith('-j') ? '-j' : name} expects how many tests run at once (1 or more), e.g. -j 4` };
      options.jobs = n;
    } else if (arg.startsWith('-') && arg !== '-') {
      return { ok: false, error: `unknown option '${arg}'` };
    } else {
      options.tests.push(arg);
    }
  }
  return { ok: true, options };
}

/** The `pintos-vm check --help` text. */
export function checkUsage(): string {
  return `Usage: pintos-vm check [OPTION...] [TEST...]

Runs the tests of a Pintos build directory (vm/build, userprog/build...) the way
\`make check\` does, on pintos-vm's kernel: each test's pintos command with the
tree's TIMEOUT, MEMORY, SWAP_DISK, _ARGS and _PUTFILES, writing TEST.output,
TEST.errors and TEST.result, then its .ck checker through perl. Prints
"pass TEST" or "FAIL TEST" for each test, then "All N tests passed." or
"F of N tests failed.". Kernel tests (tests/threads) are listed as skipped.

TEST is a test such as tests/vm/mmap-read (a trailing .result or .output is
accepted) or a directory such as tests/vm for every test under it. Without
TEST, every test of the build directory runs.

Options:
  --build-dir DIR   the build directory (default: the current directory)
  -j, --jobs N      run N tests at once (default: one per core)
  --list            list the tests and how each runs, run nothing
  --json            JSON lines on standard output (see README)
  -h, --help        show this help

A TEST.output that pintos-vm did not write (your transcript from real Pintos)
is copied to .pintos-vm/own/TEST.output before it is replaced; pintos-vm keeps
its own last transcript in .pintos-vm/reference/TEST.output.

Exit status: 0 when every test that ran passed, 1 otherwise, 2 for a usage
error (unknown option or test, not a build directory).

Examples:
  cd vm/build && pintos-vm check
  pintos-vm check --build-dir vm/build tests/vm/cow tests/userprog/args-single
  pintos-vm check --list --json
`;
}
