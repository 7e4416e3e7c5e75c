// The Debug profile: debugs the chosen tests one after another in `pintos` debug sessions set up
// like `make check` runs them (program, arguments, put files, RAM, swap), with no launch.json.
// A test counts as started when its session is asked for and ends with it: passed when the
// program exited with 0, failed with its exit status otherwise (a debug run does not run the
// checker), errored when the session could not start, without outcome when it was stopped.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { itemLocation, plainMessage, terminalText } from './failure-message';
import type { TestCatalog } from './test-catalog';
import { hasProgram, testDebugConfiguration } from './test-debug-config';
import type { TestDebugSessions } from './test-debug-sessions';
import type { TestEntry } from './test-tree';

/** What a debug run needs from the explorer. */
export interface DebugContext {
  catalog: TestCatalog;
  sessions: TestDebugSessions;
}

/** Debugs one test in `run`; resolves when its session has ended. */
async function debugOne(context: DebugContext, run: vscode.TestRun, entry: TestEntry, token: vscode.CancellationToken): Promise<void> {
  const { item, info, buildDir } = entry;
  const location = itemLocation(item);
  if (!info.runnable || !hasProgram(info)) {
    run.skipped(item);
    run.appendOutput(terminalText(`${info.id}: not runnable: ${info.reason ?? 'no reason given'}\n`), undefined, item);
    return;
  }
  const runKey = randomUUID();
  const watched = context.sessions.watch(runKey, (text) => run.appendOutput(terminalText(text), undefined, item));
  const stopOnCancel = token.onCancellationRequested(() => {
    const session = watched.session();
    if (session !== undefined) void vscode.debug.stopDebugging(session);
    else watched.dispose();
  });
  try {
    run.started(item);
    const began = Date.now();
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(buildDir));
    const started = await vscode.debug.startDebugging(folder, testDebugConfiguration(info, buildDir, runKey), { testRun: run });
    if (!started) {
      watched.dispose();
      run.errored(item, plainMessage(`The debug session for ${info.id} could not start (see the notification for the reason).`, location));
      return;
    }
    const outcome = await watched.ended;
    const duration = Date.now() - began;
    const program = path.basename(info.program);
    if (outcome.launchError !== undefined) run.errored(item, plainMessage(`${info.id} could not be launched: ${outcome.launchError}`, location), duration);
    else if (outcome.exitCode === 0) run.passed(item, duration);
    else if (outcome.exitCode !== undefined) {
      const text = `${program}: exit(${outcome.exitCode}). A debug run only shows how the program ended; Run the test to have its checker judge the output.`;
      run.failed(item, plainMessage(text, location), duration);
    }
  } finally {
    stopOnCancel.dispose();
    watched.dispose();
  }
}

/** The debug handler: debugs what `request` asks for, one test after another. */
export async function debugTests(context: DebugContext, controller: vscode.TestController, request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
  await context.catalog.whenLoaded();
  const run = controller.createTestRun(request);
  try {
    for (const entry of context.catalog.testsOf(request.include, request.exclude)) {
      if (token.isCancellationRequested) break;
      await debugOne(context, run, entry, token);
    }
  } finally {
    run.end();
  }
}
