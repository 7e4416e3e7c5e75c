// The Test Explorer for Pintos build trees: one test controller ("Pintos tests") listing the
// tests of every Pintos build folder of the workspace, a Run profile (our kernel runs them like
// `make check`), a Debug profile (a debug session per test), the refresh button and file
// watching, and the command comparing a student's transcript with ours. The tests are listed
// right after activation (which a Pintos tree in the workspace triggers); all of it runs in
// child processes and asynchronous file reads, never blocking the extension host.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMPARE_COMMAND, compareWithReference } from './compare-with-reference';
import { debugTests } from './debug-tests';
import { runTests } from './run-tests';
import { TestCatalog } from './test-catalog';
import { TestDebugSessions } from './test-debug-sessions';
import { watchPintosTrees } from './tree-watch';

/** The controller's id (`testing/item/context` menus name it as `controllerId`). */
export const TEST_CONTROLLER_ID = 'pintosTests';

/** The Test Explorer's parts, for the extension's own tests. */
export interface TestExplorer {
  controller: vscode.TestController;
  catalog: TestCatalog;
}

/**
 * Creates the test controller, its profiles and the compare command; `extensionPath` locates
 * the runner (dist/cli.js). Everything is disposed through the returned disposables.
 */
export function registerTestExplorer(extensionPath: string, log: vscode.LogOutputChannel): { explorer: TestExplorer; disposables: vscode.Disposable[] } {
  const cliPath = path.join(extensionPath, 'dist', 'cli.js');
  const controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, 'Pintos tests');
  const catalog = new TestCatalog(controller, cliPath, log);
  const sessions = new TestDebugSessions();
  const runContext = { catalog, cliPath };
  const report = (what: string) => (e: unknown) => log.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);

  controller.resolveHandler = async (item) => {
    if (item === undefined) await catalog.whenLoaded();
  };
  controller.refreshHandler = () => catalog.refresh();
  controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => runTests(runContext, controller, request, token).catch(report('running tests')), true);
  controller.createRunProfile('Debug', vscode.TestRunProfileKind.Debug, (request, token) => debugTests({ catalog, sessions }, controller, request, token).catch(report('debugging a test')), true);

  const runOne = async (entry: { item: vscode.TestItem }) => {
    const cancel = new vscode.CancellationTokenSource();
    try {
      await runTests(runContext, controller, new vscode.TestRunRequest([entry.item]), cancel.token);
    } finally {
      cancel.dispose();
    }
  };
  const compare = vscode.commands.registerCommand(COMPARE_COMMAND, (arg?: unknown) => compareWithReference({ catalog, runTest: runOne }, arg).catch(report('comparing transcripts')));
  const watch = watchPintosTrees(() => void catalog.refresh());
  void catalog.whenLoaded();
  return { explorer: { controller, catalog }, disposables: [controller, catalog, sessions, compare, watch] };
}
