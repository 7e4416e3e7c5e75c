// The tests of a build directory, in `make check` order, each with everything needed to run,
// check or show it. The shape is the `--list --json` interface (README: pintos-vm check).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { TestInfo as CheckTestInfo } from '../../shared/check-tests';
import { defaultOptions, parseCommandLine, type CliOptions } from '../options';
import type { BuildTree } from './build-tree';
import { words } from './make-lines';
import { testCommand } from './test-command';
import { ownTranscript, transcriptPaths } from './transcripts';

/** A test as the runner knows it: the shared description plus the command make would run. */
export interface TestInfo extends CheckTestInfo {
  /** the command as make would give it to the shell, without redirections */
  command: string;
}

/** Why kernel tests are not run. */
export const KERNEL_TEST_REASON =
  'kernel test: it is compiled into the Pintos kernel and runs there, not as a user program; pintos-vm runs user programs only';

/** The tests of `tree` in TESTS order (TEST_SUBDIRS order, then each subdir's _TESTS order). */
export function discoverTests(tree: BuildTree): TestInfo[] {
  const ids: string[] = [];
  const programs = new Set<string>();
  for (const subdir of tree.testSubdirs) {
    ids.push(...words(tree.make.value(`${subdir}_TESTS`)));
    for (const p of words(tree.make.value(`${subdir}_PROGS`))) programs.add(p);
  }
  return [...new Set(ids)].map((id) => describeTest(tree, id, programs.has(id)));
}

/** Everything about test `id`; `isUserProgram` when it runs the program of the same name. */
function describeTest(tree: BuildTree, id: string, isUserProgram: boolean): TestInfo {
  const command = testCommand(tree, id, isUserProgram);
  const parsed = parseCommandLine(command.argv);
  const options = parsed.ok ? parsed.options : machineOptions(command.argv);
  const run = options.kernel.run ?? runArgument(command.argv);
  const paths = transcriptPaths(tree.buildDir, id);
  const source = path.join(tree.srcDir, `${id}.c`);
  let reason: string | null = null;
  if (!isUserProgram) reason = KERNEL_TEST_REASON;
  else if (!parsed.ok) reason = `pintos-vm cannot run its command (${parsed.error}): ${command.text}`;
  return {
    id,
    group: path.posix.dirname(id),
    name: path.posix.basename(id),
    program: isUserProgram ? command.prerequisites[0].host : null,
    source: existsSync(source) ? source : null,
    commandLine: run,
    args: words(run).slice(1),
    puts: options.puts,
    memoryMB: options.memoryMB,
    swapDisk: tree.hasVm ? options.swapDiskUnits : null,
    fsDiskMB: tree.hasUserprog ? (options.fsDiskMB ?? null) : null,
    timeoutSeconds: options.timeoutSeconds ?? null,
    pintosArgs: command.argv,
    checker: path.join(tree.srcDir, `${id}.ck`),
    output: paths.output,
    errors: paths.errors,
    result: paths.result,
    ownOutput: ownTranscript(paths),
    referenceOutput: paths.reference,
    runnable: reason === null,
    reason,
    missingFiles: reason === null ? command.prerequisites.filter((p) => !p.exists).map((p) => p.host) : [],
    command: command.text,
  };
}

/**
 * The machine options of a command whose kernel part pintos-vm does not accept (a kernel test's
 * flags): the options before `--`, or the defaults when those do not parse either.
 */
function machineOptions(argv: string[]): CliOptions {
  const dashes = argv.indexOf('--');
  const parsed = parseCommandLine([...(dashes < 0 ? argv : argv.slice(0, dashes)), '--', 'run', 'x']);
  const options = parsed.ok ? parsed.options : defaultOptions();
  return { ...options, kernel: { powerOff: true, format: false, run: undefined } };
}

/** The word after `run` in the kernel part of `argv`, or ''. */
function runArgument(argv: string[]): string {
  const at = argv.lastIndexOf('run');
  return at >= 0 && at + 1 < argv.length ? argv[at + 1] : '';
}
