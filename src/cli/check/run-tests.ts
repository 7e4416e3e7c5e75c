// Runs the selected tests of a build directory: each runnable test's command in a child process
// (a pool as wide as asked), its transcript kept, its checker run; tests that cannot run are
// reported as skipped (kernel tests) or as errors (files not built yet).
import * as path from 'node:path';
import type { BuildTree } from './build-tree';
import { forgetResult, runChecker, type CheckerVerdict } from './checker';
import type { TestInfo } from './discover';
import { runPool } from './pool';
import { hostTimeLimitSeconds, runTestProcess } from './test-process';
import { keepReference, ownTranscript, saveOwnTranscript, transcriptPaths } from './transcripts';

export type Verdict = 'pass' | 'fail' | 'error' | 'skipped';

/** The outcome of one test (the `--json` result event). */
export interface TestResult {
  id: string;
  verdict: Verdict;
  /** the .result text after its first line on fail; the reason on error or skipped; '' on pass */
  message: string;
  durationMs: number;
  output: string;
  result: string;
  errors: string;
  /** the student's own transcript, when there is one */
  ownOutput: string | null;
  /** pintos-vm's exit status, null when it did not run or was killed */
  exitStatus: number | null;
}

/** Hears about a run as it goes. */
export interface RunListener {
  started(test: TestInfo): void;
  finished(result: TestResult): void;
  /** a one-line remark for the user (a transcript kept aside...) */
  note(text: string): void;
}

export interface RunSettings {
  /** how many tests run at once */
  jobs: number;
  /** the pintos-vm script to run each test with (this program's dist/cli.js) */
  cliPath: string;
}

/** Runs `tests` of `tree`; returns their results in the order given. */
export async function runTests(tree: BuildTree, tests: readonly TestInfo[], settings: RunSettings, listener: RunListener): Promise<TestResult[]> {
  const results = new Map<string, TestResult>();
  const toRun: TestInfo[] = [];
  for (const test of tests) {
    const early = notRunnable(tree, test);
    if (early) {
      results.set(test.id, early);
      listener.finished(early);
    } else {
      toRun.push(test);
    }
  }
  await runPool(toRun, settings.jobs, async (test) => {
    const result = await runOne(tree, test, settings, listener);
    results.set(test.id, result);
    listener.finished(result);
  });
  return tests.map((t) => results.get(t.id) as TestResult);
}

/** The result of a test that cannot run (kernel test, unbuilt files), or undefined. */
function notRunnable(tree: BuildTree, test: TestInfo): TestResult | undefined {
  if (!test.runnable) return resultOf(test, 'skipped', test.reason ?? '', 0, null);
  if (test.missingFiles.length === 0) return undefined;
  const names = test.missingFiles.map((f) => path.relative(tree.buildDir, f)).join(', ');
  const message = `${names} ${test.missingFiles.length === 1 ? 'is' : 'are'} missing from ${tree.buildDir}: run 'make' there first`;
  return resultOf(test, 'error', message, 0, null);
}

/** Runs one test and its checker. */
async function runOne(tree: BuildTree, test: TestInfo, settings: RunSettings, listener: RunListener): Promise<TestResult> {
  const began = Date.now();
  const paths = transcriptPaths(tree.buildDir, test.id);
  listener.started(test);
  if (saveOwnTranscript(paths)) {
    listener.note(`kept your own ${test.id}.output as ${path.relative(tree.buildDir, paths.own)}`);
  }
  forgetResult(paths.result);
  const run = await runTestProcess(settings.cliPath, test.pintosArgs, tree.buildDir, paths.output, paths.errors, hostTimeLimitSeconds(test.timeoutSeconds));
  keepReference(paths);
  let verdict: CheckerVerdict;
  if (run.startError) verdict = { verdict: 'error', message: `cannot start pintos-vm: ${run.startError}` };
  else verdict = await runChecker(tree, test.id, test.checker, paths.result);
  return resultOf(test, verdict.verdict, verdict.message, Date.now() - began, run.status, ownTranscript(paths));
}

function resultOf(test: TestInfo, verdict: Verdict, message: string, durationMs: number, exitStatus: number | null, own = test.ownOutput): TestResult {
  return { id: test.id, verdict, message, durationMs, output: test.output, result: test.result, errors: test.errors, ownOutput: own, exitStatus };
}
