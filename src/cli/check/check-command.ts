// `pintos-vm check`: reads the build directory, picks the tests, lists or runs them, and
// reports as `make check` does (or as JSON lines).
import { availableParallelism } from 'node:os';
import { UserError } from '../boot';
import { readBuildTree, type BuildTree } from './build-tree';
import { checkUsage, parseCheckArgs, type CheckOptions } from './check-options';
import { PERL_MISSING, perlIsAvailable } from './checker';
import { discoverTests, type TestInfo } from './discover';
import { Progress, type ProgressStream } from './progress';
import { listEvent, listText, resultEvent, startEvent, summarise, summaryEvent, summaryText } from './report';
import { runTests, type RunListener, type TestResult } from './run-tests';
import { selectTests } from './select';

/** The outside world of the command. */
export interface CheckEnvironment {
  stdout(text: string): void;
  stderr: ProgressStream;
  cwd: string;
  /** the pintos-vm script that runs each test (this program) */
  cliPath: string;
}

/** Runs `pintos-vm check ARGV`; returns the exit status (0 all passed, 1 otherwise, 2 usage). */
export async function runCheckCommand(argv: readonly string[], env: CheckEnvironment): Promise<number> {
  const parsed = parseCheckArgs(argv, env.cwd);
  if (!parsed.ok) return usageError(env, parsed.error);
  const options = parsed.options;
  if (options.help) {
    env.stdout(checkUsage());
    return 0;
  }
  let tree: BuildTree;
  try {
    tree = readBuildTree(options.buildDir);
  } catch (e) {
    if (e instanceof UserError) return usageError(env, e.message);
    throw e;
  }
  const selection = selectTests(discoverTests(tree), options.tests);
  if (!selection.ok) return usageError(env, selection.error);
  if (options.list) {
    env.stdout(options.json ? `${listEvent(tree, selection.tests)}\n` : listText(selection.tests));
    return 0;
  }
  return runSelected(tree, selection.tests, options, env);
}

/** Runs `tests` and prints the summary; returns the exit status. */
async function runSelected(tree: BuildTree, tests: TestInfo[], options: CheckOptions, env: CheckEnvironment): Promise<number> {
  const needsPerl = tests.some((t) => t.runnable && t.missingFiles.length === 0);
  if (needsPerl && !perlIsAvailable()) return perlMissing(tests, options, env);
  const listener: RunListener & { close?(): void } = options.json ? jsonListener(env) : new Progress(env.stderr, tests.length);
  const results = await runTests(tree, tests, { jobs: options.jobs ?? availableParallelism(), cliPath: env.cliPath }, listener);
  listener.close?.();
  const summary = summarise(results);
  env.stdout(options.json ? `${summaryEvent(summary)}\n` : summaryText(results));
  return summary.failed + summary.errors > 0 ? 1 : 0;
}

/** Start and result events on standard output; notes on standard error. */
function jsonListener(env: CheckEnvironment): RunListener {
  return {
    started: (test) => env.stdout(`${startEvent(test)}\n`),
    finished: (result) => env.stdout(`${resultEvent(result)}\n`),
    note: (text) => env.stderr.write(`pintos-vm check: note: ${text}\n`),
  };
}

/** Without perl no test can be checked: says what to install (and, in JSON, fails each test with it). */
function perlMissing(tests: TestInfo[], options: CheckOptions, env: CheckEnvironment): number {
  env.stderr.write(`pintos-vm check: ${PERL_MISSING}\n`);
  if (options.json) {
    const results: TestResult[] = tests.map((t) => ({
      id: t.id,
      verdict: t.runnable ? 'error' : 'skipped',
      message: t.runnable ? PERL_MISSING : (t.reason ?? ''),
      durationMs: 0,
      output: t.output,
      result: t.result,
      errors: t.errors,
      ownOutput: t.ownOutput,
      exitStatus: null,
    }));
    for (const r of results) env.stdout(`${resultEvent(r)}\n`);
    env.stdout(`${summaryEvent(summarise(results))}\n`);
  }
  return 1;
}

function usageError(env: CheckEnvironment, message: string): number {
  env.stderr.write(`pintos-vm check: ${message}\nTry 'pintos-vm check --help' for more information.\n`);
  return 2;
}
