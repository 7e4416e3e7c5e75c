// Time travel in a real VS Code (code-server + Chromium): VS Code shows its own Step Back and
// Reverse buttons for a Pintos session; pressing Reverse Continue returns to the previous
// stack-growth stop with the views as they were there, Step Back retraces a step, and "Travel to
// This Event" in the VM Events view brings the machine to that event.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { sampleWorkspaceCopy } from './support/code-server';
import { callStack, contextAction, eventually, pausedOn, setFilter, viewPane } from './support/debug';
import { useWorkbench } from './support/suite';
import { expandView, openContainer, pickQuickItem, runCommand, snap, viewRows } from './support/workbench';

const LAUNCH = {
  version: '0.2.0',
  configurations: [{ type: 'pintos', request: 'launch', name: 'stack-grow', program: '${workspaceFolder}/userprogs/build/stack-grow', stopOnEntry: true }],
};

/** A copy of the sample workspace with the launch configuration above. */
function workspace(): string {
  const dir = sampleWorkspaceCopy();
  writeFileSync(path.join(dir, '.vscode', 'launch.json'), JSON.stringify(LAUNCH, null, 2));
  return dir;
}

/** Clicks the debug toolbar's button whose label starts with `label`. */
async function toolbar(page: Page, label: string): Promise<void> {
  const button = page.locator(`.debug-toolbar .action-item .action-label[aria-label^="${label}"]`).first();
  await button.waitFor({ state: 'visible', timeout: 30_000 });
  await button.click();
}

/** The newest event number the VM Events view lists (its container is brought forward). */
async function newestEvent(page: Page): Promise<number> {
  await openContainer(page, 'Pintos VM');
  const rows = await viewRows(page, 'VM Events');
  return Math.max(0, ...rows.map((r) => Number(/#(\d+)/.exec(r)?.[1] ?? 0)));
}

/** The kernel event count the status bar shows for the session (it follows every pintos/vmChanged
 *  in order), or undefined while it shows none. */
async function statusBarEvents(page: Page): Promise<number | undefined> {
  const texts = await page.locator('.statusbar-item').allInnerTexts();
  const m = texts.map((t) => /([\d,]+) events/.exec(t)).find((x) => x !== null);
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

/**
 * The frames of the Call Stack at a stop (without the line naming why it stopped, and without
 * "Load More Stack Frames"); undefined while the program runs or the stack is not all shown yet
 * (VS Code draws the top frame first: the stop is complete once `_start` is listed).
 */
async function frames(page: Page): Promise<string | undefined> {
  await page.keyboard.press('Control+Shift+D');
  const text = await callStack(page);
  if (/\brunning\b/i.test(text) || !/\b_start\b/.test(text)) return undefined;
  return text
    .split('\n')
    .filter((l) => !/^(step|stepped back|paused.*|load more stack frames)$/i.test(l.trim()))
    .join('\n');
}

/**
 * The innermost frame with a source position in `frames`: its name, file and line:column (each on
 * a line of its own in the Call Stack), or undefined.
 */
function sourceFrame(frames: string | undefined): string | undefined {
  const lines = (frames ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const at = lines.findIndex((l, i) => i >= 2 && /^\d+:\d+$/.test(l));
  return at < 0 ? undefined : lines.slice(at - 2, at + 1).join(' ');
}

/**
 * Waits for a stop at a source position none of `seen` names, and returns its frames. A position
 * seen before cannot mark a new stop: while a step runs, and until the new stack has arrived,
 * VS Code may draw the previous stop's frames (it fetches the top frame first and keeps the rest
 * of the old stack under it to spare stepping a flicker).
 */
function framesOfNewStop(page: Page, what: string, seen: string[]): Promise<string> {
  return eventually(page, what, async () => {
    const now = await frames(page);
    const top = sourceFrame(now);
    return now !== undefined && top !== undefined && !seen.includes(top) ? now : undefined;
  });
}

describe('time travel from VS Code (code-server)', function () {
  this.timeout(10 * 60_000);
  let page: Page;
  const workbench = useWorkbench(workspace, { height: 1000, ready: (p) => openContainer(p, 'Pintos VM') });

  before(() => {
    page = workbench.page;
  });

  it('shows Step Back and Reverse in the toolbar and reverse-continues to the previous fault stop', async () => {
    await runCommand(page, 'Debug: Select and Start Debugging');
    await pickQuickItem(page, 'stack-grow');
    await pausedOn(page, /paused on entry/i);
    await setFilter(page, 'Stack growth', true);
    await runCommand(page, 'Debug: Continue');
    const first = await pausedOn(page, /Page fault at (0x[0-9a-f]+) \([a-z]+, [a-z]+\): stack growth/);
    const firstAddr = /Page fault at (0x[0-9a-f]+)/.exec(first)![1];
    await openContainer(page, 'Pintos VM');
    await expandView(page, 'VM Events');
    const eventsAtFirst = await eventually(page, 'the events at the first stop', async () => (await newestEvent(page)) || undefined);
    await runCommand(page, 'Debug: Continue');
    await pausedOn(page, new RegExp(`Page fault at (?!${firstAddr})0x[0-9a-f]+ .*stack growth`));
    await eventually(page, 'newer events', async () => (await newestEvent(page)) > eventsAtFirst);
    await page.keyboard.press('Control+Shift+D');
    await toolbar(page, 'Reverse');
    await pausedOn(page, new RegExp(`Page fault at ${firstAddr} `));
    await openContainer(page, 'Pintos VM');
    await eventually(page, 'the VM Events view back at the first stop', async () => (await newestEvent(page)) === eventsAtFirst);
    await snap(page, '80-reverse-continue');
  });

  it('Step Back returns to the line before a step', async () => {
    await page.keyboard.press('Control+Shift+D');
    await setFilter(page, 'Stack growth', false);
    // from a fault in the middle of a line, a first step reaches the start of the next line
    const atFault = await eventually(page, 'the stop at the fault', async () => sourceFrame(await frames(page)));
    await runCommand(page, 'Debug: Step Over');
    const before = sourceFrame(await framesOfNewStop(page, 'the first step to end', [atFault]))!;
    await runCommand(page, 'Debug: Step Over');
    const after = sourceFrame(await framesOfNewStop(page, 'the step to end', [atFault, before]))!;
    assert.match(before, /^read_into_fresh_stack stack-grow\.c \d+:\d+$/);
    assert.notEqual(after, before);
    await toolbar(page, 'Step Back');
    await eventually(page, `the innermost frame as before the step (${before})`, async () => sourceFrame(await frames(page)) === before);
    await snap(page, '81-step-back');
  });

  it('"Travel to This Event" in VM Events brings the machine to that event', async () => {
    await openContainer(page, 'Pintos VM');
    // the view reloads after the previous test's Step Back: wait until it lists the events of that
    // stop (its newest is the count the status bar shows) before choosing one
    await eventually(page, 'the VM Events view to list the events of the stop', async () => {
      const count = await statusBarEvents(page);
      return count !== undefined && (await newestEvent(page)) === count;
    });
    const rows = viewPane(page, 'VM Events').locator('.monaco-list-row');
    const target = rows.nth(3);
    const label = await target.innerText();
    const seq = Number(/#(\d+)/.exec(label)![1]);
    await contextAction(page, target, 'Travel to This Event');
    await eventually(page, `the newest event to be #${seq}`, async () => (await newestEvent(page)) === seq);
    await snap(page, '82-travel-to-event');
  });
});
