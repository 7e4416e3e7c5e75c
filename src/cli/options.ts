// Command-line options of `pintos-vm`, accepting what the real `pintos` script accepts so a
// student can swap one for the other, plus our own debugging options.

/** A host file put on the Pintos file-system disk before the run (`-p HOST:GUEST`). */
export interface PutFile {
  host: string;
  guest: string;
}

/** A guest file fetched back to the host after the run (`-g GUEST:HOST`). */
export interface GetFile {
  guest: string;
  host: string;
}

export type EvictionPolicyName = 'clock' | 'fifo' | 'lru' | 'random';

/** Everything the command line asked for. */
export interface CliOptions {
  help: boolean;
  verbose: boolean;
  /** `-k`: kill on failure (accepted; a failed run always ends here) */
  killOnFailure: boolean;
  /** `-T SECONDS`: timeout in seconds of guest time (100 ticks each; see ticksForSeconds) */
  timeoutSeconds: number | undefined;
  memoryMB: number;
  swapDiskUnits: number;
  fsDiskMB: number | undefined;
  puts: PutFile[];
  gets: GetFile[];
  trace: string | undefined;
  stats: boolean;
  evictionPolicy: EvictionPolicyName;
  seed: number;
  checkInvariants: boolean;
  /** Kernel command line after `--`: `-q` power off when done, `-f` format the disk. */
  kernel: { powerOff: boolean; format: boolean; run: string | undefined };
  /** `--system`: boot the Pintos kernel of the build directory (its os.dsk) instead of ours */
  system: boolean;
  /** `--compare`: run the test on the build directory's kernel and on ours and show where the outputs part */
  compare: boolean;
  /** `-m` was given (full-system mode otherwise boots with 256 MiB, as the pintos script does) */
  memoryGiven: boolean;
  /** the words after `--`, as given (full-system mode passes them to the guest kernel) */
  kernelArgs: string[];
}

export type ParseResult = { ok: true; options: CliOptions } | { ok: false; error: string };

const policies: readonly EvictionPolicyName[] = ['clock', 'fifo', 'lru', 'random'];

/** Default options: the values real Pintos uses when an option is absent. */
export function defaultOptions(): CliOptions {
  return {
    help: false,
    verbose: false,
    killOnFailure: false,
    timeoutSeconds: undefined,
    memoryMB: 20,
    swapDiskUnits: 4,
    fsDiskMB: undefined,
    puts: [],
    gets: [],
    trace: undefined,
    stats: false,
    evictionPolicy: 'clock',
    seed: 0,
    checkInvariants: false,
    kernel: { powerOff: false, format: false, run: undefined },
    system: false,
    compare: false,
    memoryGiven: false,
    kernelArgs: [],
  };
}

/**
 * Parses `argv` (without node and script). Accepts `--opt=value` and `--opt value` for long
 * options, `-m 20` and `-m20` for short ones. Never throws: a problem is returned as a message
 * that names the option and what it expects.
 */
export function parseCommandLine(argv: readonly string[]): ParseResult {
  const options = defaultOptions();
  let i = 0;
  const fail = (error: string): ParseResult => ({ ok: false, error });
  while (i < argv.length) {
    const arg = argv[i++];
    if (arg === '--') {
      options.kernelArgs = argv.slice(i);
      // a booted kernel reads its own arguments; ours are checked here
      return options.system ? { ok: true, options } : parseKernelArgs(argv.slice(i), options);
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    // A short option may carry its value attached (`-m20`); a long one after `=`.
    const attached = !name.startsWith('--') && name.length > 2;
    const short = attached ? name.slice(0, 2) : name;
    const takeValue = (): string | undefined => {
      if (eq >= 0) return arg.slice(eq + 1);
      if (attached) return name.slice(2);
      return i < argv.length ? argv[i++] : undefined;
    };
    switch (short) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '-v':
        options.verbose = true;
        break;
      case '-k':
        options.killOnFailure = true;
        break;
      case '--qemu':
      case '--bochs':
      case '--vmware':
        break;
      case '--system':
        options.system = true;
        break;
      case '--compare':
        options.compare = true;
        break;
      case '-T':
      case '--timeout': {
        const n = positiveNumber(takeValue());
        if (n === undefined) return fail(`${short} expects a timeout in seconds, e.g. -T 60`);
        options.timeoutSeconds = n;
        break;
      }
      case '-m':
      case '--mem': {
        const n = positiveInteger(takeValue());
        if (n === undefined || n < 2 || n > 1024) return fail(`${short} expects the guest RAM size in MiB (2 to 1024), e.g. -m 20`);
        options.memoryMB = n;
        options.memoryGiven = true;
        break;
      }
      case '--swap-disk': {
        const n = nonNegativeNumber(takeValue());
        if (n === undefined || n > 1024) return fail('--swap-disk expects a size in units (0 to 1024), e.g. --swap-disk=4');
        options.swapDiskUnits = n;
        break;
      }
      case '--fs-disk': {
        const n = positiveNumber(takeValue());
        if (n === undefined || n > 1024) return fail('--fs-disk expects a size in MB (up to 1024), e.g. --fs-disk=10');
        options.fsDiskMB = n;
        break;
      }
      case '-p':
      case '--put': {
        const pair = splitPair(takeValue());
        if (!pair) return fail(`${short} expects HOST:GUEST, e.g. -p build/tests/vm/mmap-read:mmap-read`);
        options.puts.push({ host: pair[0], guest: pair[1] });
        break;
      }
      case '-g':
      case '--get': {
        const pair = splitPair(takeValue());
        if (!pair) return fail(`${short} expects GUEST:HOST, e.g. -g output.txt:output.txt`);
        options.gets.push({ guest: pair[0], host: pair[1] });
        break;
      }
      case '--trace': {
        const file = takeValue();
        if (!file) return fail('--trace expects a file name for the JSON-lines event trace');
        options.trace = file;
        break;
      }
      case '--stats':
        options.stats = true;
        break;
      case '--eviction': {
        const p = takeValue();
        if (!p || !policies.includes(p as EvictionPolicyName)) return fail(`--eviction expects one of ${policies.join(', ')}`);
        options.evictionPolicy = p as EvictionPolicyName;
        break;
      }
      case '--seed': {
        const n = nonNegativeInteger(takeValue());
        if (n === undefined) return fail('--seed expects a non-negative integer');
        options.seed = n;
        break;
      }
      case '--check-invariants':
        options.checkInvariants = true;
        break;
      default:
        return fail(`unknown option '${arg}'`);
    }
  }
  if (!options.help) return fail("missing '--' followed by the kernel command line, e.g. -- -q -f run 'hello a b'");
  return { ok: true, options };
}

/** Parses the kernel's own arguments after `--` (`-q`, `-f`, `run 'PROG ARGS'`). */
function parseKernelArgs(args: readonly string[], options: CliOptions): ParseResult {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-q') options.kernel.powerOff = true;
    else if (a === '-f') options.kernel.format = true;
    else if (a === 'run') {
      const cmd = args[i + 1];
      if (cmd === undefined || cmd.trim() === '') return { ok: false, error: "'run' expects a command line, e.g. run 'hello a b'" };
      if (options.kernel.run !== undefined) return { ok: false, error: "only one 'run' action is supported" };
      options.kernel.run = cmd;
      i++;
    } else return { ok: false, error: `unknown kernel argument '${a}' (supported: -q, -f, run 'PROG ARGS')` };
  }
  if (options.kernel.run === undefined && !options.help) return { ok: false, error: "nothing to do: add run 'PROG ARGS' after --" };
  return { ok: true, options };
}

function splitPair(value: string | undefined): [string, string] | undefined {
  if (!value) return undefined;
  const colon = value.lastIndexOf(':');
  if (colon <= 0 || colon === value.length - 1) return undefined;
  return [value.slice(0, colon), value.slice(colon + 1)];
}

function positiveNumber(v: string | undefined): number | undefined {
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
function nonNegativeNumber(v: string | undefined): number | undefined {
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
function positiveInteger(v: string | undefined): number | undefined {
  const n = positiveNumber(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}
function nonNegativeInteger(v: string | undefined): number | undefined {
  const n = nonNegativeNumber(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** The `--help` text. */
export function usage(): string {
  return `Usage: pintos-vm [OPTION...] -- [-q] [-f] run 'PROG [ARG...]'

Runs a Pintos user program on the embedded x86-64 machine and Pintos kernel, printing the
same console transcript as real Pintos. Accepts the options of the \`pintos\` script.

Machine:
  -m, --mem=MB          guest RAM in MiB (default 20: 2495 user frames)
  --swap-disk=UNITS     swap disk size in units of 252 page slots (default 4)
  --fs-disk=MB          file-system disk size in MB
  -T, --timeout=SECS    stop the run after SECS seconds of guest time
  --qemu, --bochs       accepted for compatibility; no effect

Files:
  -p, --put=HOST:GUEST  copy HOST file onto the Pintos disk as GUEST (repeatable)
  -g, --get=GUEST:HOST  copy GUEST file back to HOST after the run (repeatable)

Virtual memory:
  --eviction=POLICY     clock (default), fifo, lru or random
  --seed=N              seed of the random eviction policy (default 0)
  --check-invariants    check page tables, frames and swap agree after every VM event

Full-system mode:
  --system              boot the Pintos kernel of this build directory (os.dsk: its loader and
                        kernel.bin) on the emulator's PC instead of running programs on our
                        kernel; the words after -- go to that kernel as they are; -m defaults
                        to 256 MiB as the pintos script's QEMU has; the serial output is printed
  --compare             run the test on this build directory's kernel and on ours with the same
                        options, and show the first line where the test's output parts (exit
                        status 0 when it is the same, 1 when it parts)

Output:
  -v                    verbose (accepted)
  -k                    kill on failure (accepted)
  --trace=FILE          write every kernel and VM event to FILE as JSON lines
  --stats               print VM statistics after the run
  -h, --help            show this help

Kernel arguments (after --):
  -q                    power off when the command finishes
  -f                    format the file-system disk first
  run 'PROG ARGS'       run PROG with ARGS

Example:
  pintos-vm -m 20 --swap-disk=4 -p userprogs/build/hello:hello -- -q -f run 'hello a b'
  pintos-vm --system -T 60 --fs-disk=2 -p tests/vm/pt-grow-stack:pt-grow-stack -- -q -f run pt-grow-stack
`;
}
