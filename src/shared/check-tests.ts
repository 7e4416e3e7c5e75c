// What `pintos-vm check --list --json` says about one test of a Pintos build tree: the JSON both
// the runner (src/cli/check) and the Test Explorer (src/extension/testing) speak.

/** A host file put on the Pintos disk under a guest name. */
export interface CheckPutFile {
  host: string;
  guest: string;
}

/** One test of a build tree. Paths are absolute. */
export interface TestInfo {
  /** e.g. tests/vm/mmap-read */
  id: string;
  /** e.g. tests/vm */
  group: string;
  /** e.g. mmap-read */
  name: string;
  /** the program it runs (BUILD/tests/vm/mmap-read), null for a kernel test */
  program: string | null;
  /** SRCDIR/TEST.c when it exists */
  source: string | null;
  /** the command line `run` gets, e.g. "args-single onearg" */
  commandLine: string;
  /** the arguments after the program name, split as Pintos splits them */
  args: string[];
  puts: CheckPutFile[];
  memoryMB: number;
  /** swap disk units, null when the tree has no vm */
  swapDisk: number | null;
  /** file-system disk MB, null when the tree has no userprog */
  fsDiskMB: number | null;
  timeoutSeconds: number | null;
  /** the arguments for pintos-vm (what follows `pintos` in the test rule) */
  pintosArgs: string[];
  checker: string;
  output: string;
  errors: string;
  result: string;
  /** the student's own transcript (TEST.output written by real Pintos, or our saved copy of it) */
  ownOutput: string | null;
  /** our last transcript (may not exist yet) */
  referenceOutput: string;
  /** false for tests pintos-vm cannot run (kernel tests); `reason` says why */
  runnable: boolean;
  reason: string | null;
  /** put-files or the program that are not built yet (run make) */
  missingFiles: string[];
}
