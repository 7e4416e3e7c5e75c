// The Run profile: runs the chosen tests through `pintos-vm check --json`, one runner per build
// folder, and turns its JSON lines into the test run's states as they arrive: started, then
// passed, failed (with the checker's .result text and the diff), errored or skipped, with the
// durations the runner measured and each test's transcript in the run's output. Cancelling the
// run stops the runner; a runner that fails or stops early leaves no test without an outcome.
import * as vscode from 'vscode';
import { parseCheckEvent, ProtocolError, type CheckEvent } from './check-protocol';
import { startCli } from './cli-process';
import { failureMessage, itemLocation, plainMessage, readTextWrittenSince, terminalText } from './failure-message';
import type { TestCatalog } from './test-catalog';
import { describeFailure } from './test-listing';
import type { TestEntry } from './test-tree';

/** What a run needs from the explorer. */
export interface RunContext {
  catalog: TestCatalog;
  cliPath: string;
}

/** Groups `entries` by build folder, keeping their order. */
function byBuildDir(entries: TestEntry[]): Map<string, TestEntry[]> {
  const groups = new Map<string, TestEntry[]>();
  for (const e of entries) groups.set(e.buildDir, [...(groups.get(e.buildDir) ?? []), e]);
  return groups;
}

/**
 * Reports one runner event to `run`; `done` collects the ids that have an outcome. A test's
 * transcript goes to the run's output when the runner wrote it after `sinceMs`.
 */
async function report(run: vscode.TestRun, event: CheckEvent, tests: Map<string, TestEntry>, done: Set<string>, sinceMs: number): Promise<void> {
  if (event.kind === 'summary') return;
  const entry = tests.get(event.id);
  if (entry === undefined) return;
  const { item } = entry;
  if (event.kind === 'start') {
    run.started(item);
    return;
  }
  done.add(event.id);
  const transcript = await readTextWrittenSince(event.output, sinceMs);
  if (transcript !== undefined && transcript !== '') run.appendOutput(terminalText(`── ${event.id} ──\n${transcript.endsWith('\n') ? transcript : `${transcript}\n`}`), undefined, item);
  const location = itemLocation(item);
  switch (event.verdict) {
    case 'pass':
      run.passed(item, event.durationMs);
      break;
    case 'fail':
      run.failed(item, await failureMessage(event.result, event.message, location), event.durationMs);
      break;
    case 'error':
      run.errored(item, plainMessage(event.message, location), event.durationMs);
      break;
    case 'skipped':
      run.skipped(item);
      if (event.message !== '') run.appendOutput(terminalText(`${event.id}: skipped: ${event.message}\n`), undefined, item);
      break;
  }
}

/**
 * Runs `tests` (all of one build folder) with the runner and reports them to `run`; resolves
 * when the runner has ended and every test has an outcome. Never rejects.
 */
async function runBuildDir(context: RunContext, run: vscode.TestRun, buildDir: string, tests: TestEntry[], token: vscode.CancellationToken): Promise<void> {
  const byId = new Map(tests.map((t) => [t.info.id, t]));
  const done = new Set<string>();
  let reporting: Promise<void> = Promise.resolve();
  let protocolError: string | undefined;
  // file times are coarser than the clock on some file systems: allow a second
  const sinceMs = Date.now() - 1000;
  const child = startCli(context.cliPath, ['check', '--json', '--build-dir', buildDir, ...byId.keys()], buildDir, (line) => {
    let event: CheckEvent | undefined;
    try {
      event = parseCheckEvent(line);
    } catch (e) {
      protocolError ??= e instanceof ProtocolError ? e.message : String(e);
      return;
    }
    if (event !== undefined) {
      const next = event;
      reporting = reporting.then(() => report(run, next, byId, done, sinceMs)).catch((e: unknown) => {
        protocolError ??= `reporting ${('id' in next && next.id) || next.kind}: ${e instanceof Error ? e.message : String(e)}`;
      });
    }
  });
  const cancelled = token.onCancellationRequested(() => child.stop());
  try {
    const exit = await child.exited;
    await reporting;
    if (exit.stopped || token.isCancellationRequested) return;
    const missing = tests.filter((t) => !done.has(t.info.id));
    if (missing.length === 0) return;
    const why = protocolError ?? (exit.code === 0 || exit.code === 1 ? `the runner ended without a result for this test` : describeFailure('running the tests', exit));
    for (const t of missing) run.errored(t.item, plainMessage(why, itemLocation(t.item)));
  } finally {
    cancelled.dispose();
  }
}

/**
 * The run handler: runs what `request` asks for, build folder after build folder; tests that
 * cannot run here are skipped with their reason. Refreshes the tree afterwards, since running
 * writes the transcripts the tree points at.
 */
export async function runTests(context: RunContext, controller: vscode.TestController, request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
  await context.catalog.whenLoaded();
  const run = controller.createTestRun(request);
  try {
    const chosen = context.catalog.testsOf(request.include, request.exclude);
    for (const t of chosen) {
      if (t.info.runnable) {
        run.enqueued(t.item);
      } else {
        run.skipped(t.item);
        run.appendOutput(terminalText(`${t.info.id}: not runnable: ${t.info.reason ?? 'no reason given'}\n`), undefined, t.item);
      }
    }
    for (const [buildDir, tests] of byBuildDir(chosen.filter((t) => t.info.runnable))) {
      if (token.isCancellationRequested) break;
      await runBuildDir(context, run, buildDir, tests, token);
    }
  } finally {
    run.end();
  }
  await context.catalog.refresh();
}
