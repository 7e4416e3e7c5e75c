// The VM views and panels on a stopped session in a real VS Code (code-server + Chromium): the
// Supplemental Page Table's context actions (page-table walk, memory view, the event that loaded
// the page, watching its frame), the VM Events view (newest first, kind filter, reveal), the
// frame map's keyboard use, panel state across hide/show, and the swap map under memory pressure.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { sampleWorkspaceCopy } from './support/code-server';
import { contextAction, eventually, notifications, pausedOn, rowTexts, selectedRow, setFilter, viewPane } from './support/debug';
import { editorLineFaults, treeRowFaults } from './support/layout';
import { useWorkbench } from './support/suite';
import { expandView, openContainer, pickQuickItem, runCommand, snap, viewRows, webviewFrame } from './support/workbench';

const LAUNCH = {
  version: '0.2.0',
  configurations: [
    { type: 'pintos', request: 'launch', name: 'stack-grow', program: '${workspaceFolder}/userprogs/build/stack-grow', stopOnEntry: true },
    { type: 'pintos', request: 'launch', name: 'pressure in 4 MiB', program: '${workspaceFolder}/userprogs/build/pressure', args: ['8'], memoryMB: 4, swapDisk: 8, stopOnEntry: true },
  ],
};

/** The page number (address >> 12) of the first hex address in `text`. */
function pageOf(text: string | undefined): number | undefined {
  const m = /0x([0-9a-f]+)/.exec(text ?? '');
  return m === null ? undefined : Math.floor(parseInt(m[1], 16) / 4096);
}

/** The Supplemental Page Table row of the page of the latest fault. */
function faultRow(page: Page): Locator {
  return viewPane(page, 'Supplemental Page Table').locator('.monaco-list-row', { hasText: 'latest fault' }).first();
}

/**
 * The Supplemental Page Table row of page number `pageNumber` (found by its address, so it stays
 * the same row when later faults move the "latest fault" marker).
 */
function pageRow(page: Page, pageNumber: number): Locator {
  return viewPane(page, 'Supplemental Page Table').locator('.monaco-list-row', { hasText: `0x${(pageNumber * 4096).toString(16).padStart(12, '0')}` }).first();
}

/**
 * Runs "Watch This Frame" on `row` until its notification `expected` shows. The views refresh
 * after a stop and re-render the tree, which closes a context menu opened in that moment without
 * running the command; the command always says what it did in a notification, so a missing one
 * means it did not run and the action is tried again (at most three times).
 */
async function toggleWatch(page: Page, row: Locator, expected: RegExp): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await contextAction(page, row, 'Watch This Frame (physical)');
    try {
      await eventually(page, `the notification ${expected}`, async () => expected.test(await notifications(page)), 5000);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Seq numbers of the VM Events rows, top to bottom. */
async function eventSeqs(page: Page): Promise<number[]> {
  return (await viewRows(page, 'VM Events')).map((r) => Number(/#(\d+)/.exec(r)?.[1] ?? NaN));
}

/** Shows only `kinds` in the VM Events view (all kinds when empty) through the view's funnel button. */
async function filterEvents(page: Page, kinds: string[]): Promise<void> {
  const pane = viewPane(page, 'VM Events');
  // a row's hover tooltip can cover the header: move the pointer away until it is gone
  await page.mouse.move(700, 5);
  await page.locator('.monaco-hover, .hover-contents').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  await pane.locator('.pane-header').hover();
  await pane.locator('.pane-header .action-label[aria-label^="Filter VM Events by Kind"]').click();
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: 'VM event kinds to show' }).waitFor({ state: 'visible', timeout: 15_000 });
  const all = widget.locator('.quick-input-header').getByRole('checkbox').first();
  if (await all.isChecked()) await all.click();
  if (kinds.length === 0) await all.click();
  for (const kind of kinds) {
    await widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${kind}$`) }) }).first().click();
  }
  await widget.locator('.quick-input-list, .quick-input-box input').first().press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Index of the focused cell of the frame map (document.activeElement inside the webview). */
const activeCell = (f: Frame) => f.evaluate('Number(document.activeElement && document.activeElement.dataset.index)') as Promise<number>;

/** Index of the cell in the tab order (the grid's focus, also when the webview has no focus). */
const tabStop = (f: Frame) => f.evaluate('Number(document.querySelector("[role=gridcell][tabindex=\\"0\\"]")?.dataset.index)') as Promise<number>;

/** Clicks the editor tab titled `title`. */
async function clickTab(page: Page, title: string): Promise<void> {
  await page.locator('.tabs-container .tab', { hasText: title }).first().click();
}

/** A copy of the sample workspace whose launch.json holds the configurations above. */
function sampleWorkspaceWithLaunch(): string {
  const workspace = sampleWorkspaceCopy();
  writeFileSync(path.join(workspace, '.vscode', 'launch.json'), JSON.stringify(LAUNCH, null, 2));
  return workspace;
}

describe('VM views and panels on a stopped session (code-server)', function () {
  this.timeout(10 * 60_000);
  let page: Page;
  const workbench = useWorkbench(sampleWorkspaceWithLaunch, {
    height: 1000,
    // the palette answers slowly until the extensions are registered: wait for our container
    ready: (p) => openContainer(p, 'Pintos VM'),
  });
  let faultPage = 0;

  before(() => {
    page = workbench.page;
  });

  it('stops stack-grow at its stack-growth fault', async () => {
    await runCommand(page, 'Debug: Select and Start Debugging');
    await pickQuickItem(page, 'stack-grow');
    await pausedOn(page, /paused on entry/i);
    await setFilter(page, 'Stack growth', true);
    await runCommand(page, 'Debug: Continue');
    await pausedOn(page, /Page fault at 0x[0-9a-f]+ \(write, user\): stack growth/);
    await openContainer(page, 'Pintos VM');
    await expandView(page, 'Supplemental Page Table');
    await expandView(page, 'VM Events');
    await faultRow(page).waitFor({ state: 'visible', timeout: 30_000 });
    faultPage = pageOf((await rowTexts(faultRow(page)))[0])!;
    assert.ok(faultPage > 0);
    await snap(page, '29-sidebar-at-default-width');
    for (const view of ['Processes', 'Supplemental Page Table', 'VM Events']) {
      assert.deepEqual(await treeRowFaults(viewPane(page, view)), [], `${view}: the names and the first part of each description are visible at the default width`);
    }
  });

  it('"Show Page-Table Walk" on a page opens the walk at that page', async () => {
    await contextAction(page, faultRow(page), 'Show Page-Table Walk');
    const walk = await webviewFrame(page, 'pageTable');
    await walk.waitForSelector('.walk .levels li', { timeout: 30_000 });
    assert.equal(pageOf(await walk.locator('#va').inputValue()), faultPage);
    assert.equal(pageOf(await walk.locator('.walk h2').innerText()), faultPage);
    assert.equal(await walk.locator('.walk .levels li').count(), 4);
    assert.match(await walk.locator('.walk .outcome').innerText(), /→ physical 0x[0-9a-f]+/);
    assert.equal(await walk.locator('.node.focus-page').count(), 1);
    await snap(page, '30-spt-show-walk');
  });

  it('"Show in Memory View" shows the bytes of the page', async () => {
    await contextAction(page, faultRow(page), 'Show in Memory View');
    const addr = `0x${(faultPage * 4096).toString(16)}`;
    const text = await eventually(page, 'the hex dump of the page', async () => {
      const all = (await page.locator('.editor-instance .monaco-editor .view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
      return all.includes(`Page ${addr} of pid`) ? all : undefined;
    });
    assert.match(text, new RegExp(`Page ${addr} of pid \\d+, 4096 bytes`));
    assert.match(text, new RegExp(`${(faultPage * 4096).toString(16).padStart(8, '0')}  ([0-9a-f]{2} ){7}[0-9a-f]{2}  \\|.{8}\\|`));
    await snap(page, '31-spt-memory-view');
    const dump = page.locator('.editor-instance .monaco-editor').filter({ hasText: `Page ${addr} of pid` }).first();
    assert.deepEqual(await editorLineFaults(dump), [], 'every row of the dump, its character column included, fits the editor beside the source');
  });

  it('"Reveal the Event That Loaded It" selects the fault event in VM Events', async () => {
    await contextAction(page, faultRow(page), 'Reveal the Event That Loaded It');
    const row = await eventually(page, 'a selected event', async () => selectedRow(page, 'VM Events'));
    assert.match(row, /#\d+ page-fault/);
    assert.match(row, /stack-growth at 0x[0-9a-f]+ \(write\)/);
    assert.equal(pageOf(/at (0x[0-9a-f]+)/.exec(row)?.[1]), faultPage);
    await snap(page, '32-spt-reveal-load-event');
  });

  it('VM Events: newest first, filtered by kind, selecting one reveals its page', async () => {
    const seqs = await eventually(page, 'events', async () => ((s) => (s.length > 3 ? s : undefined))(await eventSeqs(page)));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
    await filterEvents(page, ['page-fault']);
    const rows = await eventually(page, 'only page faults', async () => {
      const r = await viewRows(page, 'VM Events');
      return r.length > 0 && r.every((x) => /#\d+ page-fault/.test(x)) ? r : undefined;
    });
    assert.match((await viewPane(page, 'VM Events').locator('.pane-header .description').innerText()) ?? '', /newest · 1 kind$/);
    await snap(page, '33-events-filtered');
    // Selecting the oldest fault (not on the stack page) moves the SPT selection. The keyboard
    // selects it, as a user of a small side bar would: End, then Enter. A click needs the row on
    // the screen, and the VM Events pane can be a single row high under the SPT (seen on a loaded
    // machine: the click found no row to press, or pressed while a row hover opened over it).
    await runCommand(page, 'Pintos VM: Focus on VM Events View');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const chosen = await eventually(page, 'a selected event', async () => selectedRow(page, 'VM Events'));
    const target = pageOf(/at (0x[0-9a-f]+)/.exec(chosen)?.[1]);
    assert.match(chosen, /#\d+ page-fault/);
    assert.ok(target !== undefined && target !== faultPage, `the oldest fault is on another page than the stack fault: ${chosen} (${rows.join(' | ')})`);
    await eventually(page, 'the SPT view to select the page of the event', async () => pageOf(await selectedRow(page, 'Supplemental Page Table')) === target);
    await snap(page, '34-event-reveals-page');
    await filterEvents(page, []);
    await eventually(page, 'every kind again', async () => (await viewRows(page, 'VM Events')).some((r) => !/page-fault/.test(r)));
  });

  it('frame map: arrow keys move the focused cell, Enter reveals its page', async () => {
    await runCommand(page, 'Pintos: Show Frame Map');
    const map = await webviewFrame(page, 'frameMap');
    await map.waitForSelector('[role=gridcell]', { timeout: 30_000 });
    const labels = await map.locator('[role=gridcell]').evaluateAll((cells) => cells.slice(0, 64).map((c) => c.getAttribute('aria-label') ?? ''));
    const selected = pageOf(await selectedRow(page, 'Supplemental Page Table'));
    const target = labels.findIndex((l, i) => i > 0 && /page 0x/.test(l) && pageOf(/page (0x[0-9a-f]+)/.exec(l)?.[1]) !== selected);
    assert.ok(target > 0, `a used frame in the first row: ${labels.slice(0, 8).join(' | ')}`);
    const start = map.locator('[role=gridcell][tabindex="0"]');
    await start.focus();
    await start.press('Control+Home');
    assert.equal(await activeCell(map), 0);
    await map.locator('[role=gridcell][data-index="0"]').press('ArrowDown');
    assert.equal(await activeCell(map), 64);
    await map.locator('[role=gridcell][data-index="64"]').press('ArrowUp');
    for (let i = 0; i < target; i++) await map.locator(`[role=gridcell][data-index="${i}"]`).press('ArrowRight');
    assert.equal(await activeCell(map), target);
    assert.match(await map.locator('.details').innerText(), new RegExp(`^frame ${target}: `));
    await map.locator(`[role=gridcell][data-index="${target}"]`).press('Enter');
    const want = pageOf(/page (0x[0-9a-f]+)/.exec(labels[target])?.[1]);
    await eventually(page, `the SPT view to select page ${want}`, async () => pageOf(await selectedRow(page, 'Supplemental Page Table')) === want);
    await snap(page, '35-frame-map-keyboard');
  });

  it('panels keep their state when hidden and shown again', async () => {
    const before = await tabStop(await webviewFrame(page, 'frameMap'));
    assert.ok(before > 0);
    await runCommand(page, 'View: Join All Editor Groups');
    await clickTab(page, 'Page-Table Walk');
    const walk = await webviewFrame(page, 'pageTable');
    await walk.waitForSelector('#va', { timeout: 30_000 });
    const stackPage = `0x${(faultPage * 4096 + 0x1000).toString(16)}`;
    await walk.locator('#va').fill(stackPage);
    await walk.locator('#va').press('Enter');
    await walk.locator('.walk h2', { hasText: `Walk of ${stackPage}` }).waitFor({ timeout: 30_000 });
    await clickTab(page, 'Frame Map');
    const map = await webviewFrame(page, 'frameMap');
    await map.waitForSelector('[role=gridcell]', { timeout: 30_000 });
    assert.equal(await tabStop(map), before, 'the frame map keeps its focused cell');
    await clickTab(page, 'Page-Table Walk');
    const walkAgain = await webviewFrame(page, 'pageTable');
    await walkAgain.locator('.walk h2', { hasText: `Walk of ${stackPage}` }).waitFor({ timeout: 30_000 });
    assert.equal(await walkAgain.locator('#va').inputValue(), stackPage, 'the page-table panel keeps its address search');
    await snap(page, '36-panel-state-restored');
  });

  it('"Watch This Frame" stops on the next write to the frame', async () => {
    await openContainer(page, 'Pintos VM');
    await toggleWatch(page, pageRow(page, faultPage), /Watching frame at physical 0x[0-9a-f]+/);
    await runCommand(page, 'Debug: Continue');
    await page.keyboard.press('Control+Shift+D');
    const text = await pausedOn(page, /Write to frame at physical 0x[0-9a-f]+/);
    assert.match(text, new RegExp(`holding page 0x${(faultPage * 4096).toString(16)}`));
    await snap(page, '37-watch-frame-stop');
    await openContainer(page, 'Pintos VM');
    // the same page's row: after continuing, the "latest fault" marker may be on another page
    await toggleWatch(page, pageRow(page, faultPage), /Stopped watching frame at physical/);
  });

  it('the swap map shows as many used slots as the Swap Slots view under memory pressure', async () => {
    await runCommand(page, 'Debug: Stop');
    await eventually(page, 'the session to end', async () => !(await page.locator('.debug-toolbar').isVisible()), 30_000);
    await runCommand(page, 'Debug: Select and Start Debugging');
    await pickQuickItem(page, 'pressure in 4 MiB');
    await pausedOn(page, /paused on entry/i);
    await setFilter(page, 'Stack growth', false);
    await setFilter(page, 'Swap-out', true);
    await runCommand(page, 'Debug: Continue');
    await pausedOn(page, /Swap-out of page 0x[0-9a-f]+ from frame \d+ to slot \d+/, 90_000);
    await openContainer(page, 'Pintos VM');
    await expandView(page, 'Swap Slots');
    const header = viewPane(page, 'Swap Slots').locator('.pane-header .description');
    const described = await eventually(page, 'used swap slots in the view', async () => {
      const m = /^(\d+)\/(\d+) slots used$/.exec((await header.innerText().catch(() => '')).trim());
      return m !== null && Number(m[1]) > 0 ? { used: Number(m[1]), slots: Number(m[2]) } : undefined;
    });
    const rows = await eventually(page, `${described.used} rows in Swap Slots`, async () => ((r) => (r.length === described.used ? r : undefined))(await viewRows(page, 'Swap Slots')));
    assert.ok(rows.every((r) => /^slot \d+.*pid \d+ @ 0x[0-9a-f]+/.test(r)), rows.join(' | '));
    await runCommand(page, 'Pintos: Show Swap Map');
    const map = await webviewFrame(page, 'swapMap');
    const summary = map.locator('.summary').first();
    await summary.waitFor({ timeout: 30_000 });
    assert.equal((await summary.innerText()).trim(), `${described.used} of ${described.slots} slots used`);
    await snap(page, '38-swap-map');
    await setFilter(page, 'Swap-out', false);
  });
});
