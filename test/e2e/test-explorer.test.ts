// The Test Explorer in a real VS Code (code-server + Chromium) on a copy of the fixture Pintos
// tree with its programs built (vm/build and userprog/build): the Testing view lists the tests
// of both build folders grouped as in tests/; Run passes a passing test and fails the
// deliberately failing one with its checker's message and diff, offering the comparison with our
// kernel; Debug runs a test with its put file in a Pintos debug session to its exit line; and the
// comparison of a student's own transcript with ours opens a diff editor, running the test first;
// a removed program shows in the tree, and running its test errs with what to do.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { buildFixturePrograms, makeFixtureTree } from '../unit/cli/check-fixture';
import { consoleShows, contextAction, eventually, notifications, pausedOn } from './support/debug';
import { useWorkbench } from './support/suite';
import { openContainer, pickQuickItem, runCommand, snap } from './support/workbench';

/** What the student's own kernel printed for cow-share (its COW is broken), as `make` leaves it. */
const STUDENT_COW_SHARE = [
  "Kernel command line: -q -f put cow-share run 'cow-share'",
  'Pintos booting with 20,480 kB RAM...',
  "Executing 'cow-share':",
  '(cow-share) begin',
  'cow-child: exit(9)',
  '(cow-share) child exited with 9',
  '(cow-share) parent still sees 9: FAILED',
  'cow-share: exit(1)',
  "Execution of 'cow-share' complete.",
  '',
].join('\n');

/** The fixture tree, with a transcript of the student's kernel for cow-share, opening failure peeks. */
function fixtureWorkspace(): string {
  buildFixturePrograms();
  const tree = makeFixtureTree();
  writeFileSync(path.join(tree.vmBuild, 'tests/vm/cow/cow-share.output'), STUDENT_COW_SHARE);
  mkdirSync(path.join(tree.root, '.vscode'), { recursive: true });
  writeFileSync(path.join(tree.root, '.vscode/settings.json'), JSON.stringify({ 'testing.automaticallyOpenPeekView': 'failureAnywhere' }, null, 2));
  return tree.root;
}

/** The rows of the Testing view's tree. */
function testRows(page: Page): Locator {
  return page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
}

/**
 * The Testing view's row of the test or group labelled `label` (the first one, top to bottom).
 * Its accessible name starts with the label and its state ("map-sample (Passed), in 80ms").
 */
function testRow(page: Page, label: string): Locator {
  return page.locator(`.part.sidebar .monaco-list-row[role="treeitem"][aria-label^="${label} ("]`).first();
}

/** "level label" of each row of the Testing view, top to bottom (the label without its description). */
async function treeRows(page: Page): Promise<string[]> {
  return testRows(page).evaluateAll((rows) => rows.map((r) => `${r.getAttribute('aria-level')} ${r.querySelector('.label')?.firstChild?.textContent ?? ''}`));
}

/** The state icon of a row: 'passed', 'failed', 'unset', ... */
async function rowState(row: Locator): Promise<string> {
  const icon = (await row.locator('.computed-state').getAttribute('class')) ?? '';
  return /codicon-testing-([a-z]+)-icon/.exec(icon)?.[1] ?? icon;
}

/** Runs the inline action `action` ("Run Test", "Debug Test") of `row`. */
async function rowAction(row: Locator, action: string): Promise<void> {
  await row.hover();
  await row.locator(`.action-label[aria-label="${action}"]`).click();
}

/** Waits until `row` shows the state icon `state` ('passed', 'failed'). */
async function waitForState(page: Page, row: Locator, state: string, ms = 60_000): Promise<void> {
  let last = '';
  try {
    await eventually(page, `the row to show ${state}`, async () => (last = await rowState(row)) === state, ms);
  } catch {
    throw new Error(`the row never showed ${state}; it shows ${last}`);
  }
}

/** The text of `locator` as the user reads it (editors render spaces as no-break spaces). */
async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
}

describe('Test Explorer on a Pintos tree (code-server)', function () {
  this.timeout(5 * 60_000);
  let page: Page;
  const workbench = useWorkbench(fixtureWorkspace);

  before(() => {
    page = workbench.page;
  });
  // the workbench removes the tree; the temporary folder around it goes too
  after(() => rmSync(path.dirname(workbench.workspace), { recursive: true, force: true }));

  it('lists the tests of every build folder, grouped as in tests/', async () => {
    await openContainer(page, 'Testing');
    await testRow(page, 'vm/build').waitFor({ state: 'visible', timeout: 60_000 });
    // expand every group (the tree opens only the first levels)
    await eventually(page, 'every group to be expanded', async () => {
      const collapsed = page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-expanded="false"]');
      if ((await collapsed.count()) === 0) return true;
      await collapsed.first().locator('.monaco-tl-twistie').click();
      return false;
    });
    const rows = await treeRows(page);
    await snap(page, '70-test-explorer-tree');
    assert.deepEqual(rows, [
      '1 userprog/build',
      '2 tests/threads',
      '3 sleep-order',
      '2 tests/userprog',
      '3 echo-args',
      '3 spawn-reader',
      '3 no-vm',
      '4 exit-status',
      '1 vm/build',
      '2 tests/threads',
      '3 sleep-order',
      '2 tests/userprog',
      '3 echo-args',
      '3 spawn-reader',
      '2 tests/vm',
      '3 map-sample',
      '3 fill-memory',
      '3 expect-wrong',
      '3 needs-zeros',
      '3 cow',
      '4 cow-share',
    ]);
    // VS Code names a row with a description by it: the reason a test cannot run
    const named = (start: string) => page.locator(`.part.sidebar .monaco-list-row[role="treeitem"][aria-label^="${start}"]`);
    assert.equal(await named('not runnable: kernel test: it is compiled into the Pintos kernel').count(), 2, 'sleep-order in both build folders');
    assert.equal(await named('not built yet (run make): tests/vm/zeros (').count(), 1, 'needs-zeros');
  });

  it('Run on a passing test shows it passed', async () => {
    // fill-memory asks for 4 MiB of RAM and a larger swap disk in Make.tests
    const row = testRow(page, 'fill-memory');
    await rowAction(row, 'Run Test');
    await waitForState(page, row, 'passed');
    // its transcript is in the run's output
    await eventually(page, 'the transcript in the Test Results', async () => (await textOf(page.locator('.part.panel'))).includes('(fill-memory) read back 768 pages'));
    await snap(page, '71-test-explorer-passed');
  });

  it("Run on the failing test shows it failed with its checker's message and diff, offering the comparison", async () => {
    const row = testRow(page, 'expect-wrong');
    await rowAction(row, 'Run Test');
    await waitForState(page, row, 'failed');
    const peek = page.locator('.peekview-widget').filter({ has: page.locator('.peekview-title .dirname', { hasText: 'expect-wrong' }) });
    await peek.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await peek.locator('.peekview-title .filename').innerText(), 'FAIL: The program printed other lines than expected:');
    const diffText = await eventually(page, 'the expected and actual output in the peek', async () => {
      const text = await textOf(peek);
      return text.includes('the answer is 42') && text.includes('the answer is 41') ? text : undefined;
    });
    assert.match(diffText, /Expected[\s\S]*Actual/);
    await snap(page, '72-test-explorer-failed');
    // the peek offers the comparison; this test has no transcript of the student's own
    await peek.locator('.floating-click-widget', { hasText: "Compare My Kernel's Output with Ours" }).click();
    const shown = await eventually(page, 'the no-transcript message', async () => {
      const text = await notifications(page);
      return text.includes('no transcript of your own for tests/vm/expect-wrong') ? text : undefined;
    });
    assert.match(shown, /run `make tests\/vm\/expect-wrong\.result` in .*vm\/build with your kernel first/);
    await page.keyboard.press('Escape');
  });

  it('Debug on a test runs it in a Pintos debug session to its exit line', async () => {
    const row = testRow(page, 'map-sample');
    assert.equal(await rowState(row), 'unset');
    await rowAction(row, 'Debug Test');
    const text = await consoleShows(page, 'map-sample: exit(0)');
    assert.match(text, /\(map-sample\) first line: '/, 'the put file sample.txt was on the disk');
    // the session waits at the end with the final state on show; Continue ends it
    await pausedOn(page, /Program ended: exit\(0\)/);
    await snap(page, '73-test-explorer-debug');
    await runCommand(page, 'Debug: Continue');
    await eventually(page, 'the debug session to end', async () => !(await page.locator('.debug-toolbar').isVisible()), 30_000);
    await openContainer(page, 'Testing');
    await waitForState(page, row, 'passed');
  });

  it("compares the student's transcript with ours in a diff editor, running the test first", async () => {
    await contextAction(page, testRow(page, 'cow-share'), "Compare My Kernel's Output with Ours");
    const tab = page.locator('.tabs-container .tab', { hasText: 'cow-share: your kernel ↔ ours' });
    await tab.waitFor({ state: 'visible', timeout: 90_000 });
    const diff = page.locator('.monaco-diff-editor').first();
    const text = await eventually(page, 'both transcripts in the diff editor', async () => {
      const t = await textOf(diff);
      return t.includes('parent still sees 9: FAILED') && t.includes('parent still sees 5') ? t : undefined;
    });
    assert.ok(text.includes('cow-share: exit(1)') && text.includes('cow-share: exit(0)'), text);
    await snap(page, '74-test-explorer-compare');
    // our run of the test shows in the tree too
    await openContainer(page, 'Testing');
    await waitForState(page, testRow(page, 'cow-share'), 'passed');
  });

  it('from the command palette, says what to do when the student has no transcript', async () => {
    await runCommand(page, "Pintos: Compare My Kernel's Output with Ours");
    await pickQuickItem(page, 'tests/vm/fill-memory');
    const shown = await eventually(page, 'the no-transcript message', async () => {
      const text = await notifications(page);
      return text.includes('no transcript of your own for tests/vm/fill-memory') ? text : undefined;
    });
    assert.match(shown, /run `make tests\/vm\/fill-memory\.result`/);
  });

  it('follows a removed program, and a run of its test errs saying to run make', async () => {
    await page.keyboard.press('Escape');
    rmSync(path.join(workbench.workspace, 'vm/build/tests/vm/fill-memory'));
    await openContainer(page, 'Testing');
    const row = page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-label^="not built yet (run make): tests/vm/fill-memory ("]');
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await rowAction(row, 'Run Test');
    await waitForState(page, row, 'error');
    const results = await eventually(page, 'the error in the Test Results', async () => {
      const text = await textOf(page.locator('.part.panel'));
      return text.includes("run 'make' there first") ? text : undefined;
    });
    assert.match(results, /tests\/vm\/fill-memory is missing from .*vm\/build/);
    assert.ok(!results.includes('(fill-memory) read back'), 'the transcript of the earlier run is not shown as this run\'s');
    await snap(page, '75-test-explorer-not-built');
  });
});
