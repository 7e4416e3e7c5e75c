// Debugging in the workbench: reading the Call Stack, waiting for a stop, ticking exception
// filters, the rows of the tree views (selected row, context menus) and polling until a
// condition holds.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { debugConsoleText, expandView } from './workbench';

/** Polls `probe` every `stepMs` until it returns a truthy value; throws `what` after `ms`. */
export async function eventually<T>(page: Page, what: string, probe: () => Promise<T | undefined | false>, ms = 30_000, stepMs = 200): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await page.waitForTimeout(stepMs);
  }
}

/** Text of the Call Stack pane ('' when it is not shown). */
export async function callStack(page: Page): Promise<string> {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^\s*Call Stack/i }) }).first();
  return pane.innerText({ timeout: 2000 }).catch(() => '');
}

/** Waits until the Call Stack says the program paused with a text matching `re`; returns it. */
export async function pausedOn(page: Page, re: RegExp, ms = 60_000): Promise<string> {
  let text = '';
  try {
    return await eventually(
      page,
      `the Call Stack to match ${re}`,
      async () => {
        text = await callStack(page);
        // another view container may hold the side bar: bring Run and Debug back
        if (text === '') await page.keyboard.press('Control+Shift+D');
        return re.test(text) ? text : undefined;
      },
      ms,
    );
  } catch {
    throw new Error(`the Call Stack never matched ${re}; it shows: ${text}`);
  }
}

/** Ticks or clears the exception filter labelled `label` in the Breakpoints view. */
export async function setFilter(page: Page, label: string, on: boolean): Promise<void> {
  await page.keyboard.press('Control+Shift+D');
  await expandView(page, 'Breakpoints');
  const row = page.locator('.debug-breakpoints .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  const box = row.locator('input[type=checkbox]');
  if ((await box.isChecked()) !== on) await box.click();
  assert.equal(await box.isChecked(), on);
}

/** Waits until the Debug Console shows `needle`; returns its text. */
export async function consoleShows(page: Page, needle: string, ms = 90_000): Promise<string> {
  let text = '';
  try {
    return await eventually(
      page,
      `"${needle}" in the Debug Console`,
      async () => {
        // Control+Shift+Y toggles the console: press it only while the console is hidden
        if (!(await page.locator('.repl').first().isVisible())) await page.keyboard.press('Control+Shift+Y');
        text = await debugConsoleText(page);
        return text.includes(needle) ? text : undefined;
      },
      ms,
      300,
    );
  } catch {
    throw new Error(`the Debug Console never showed "${needle}"; it shows: ${text}`);
  }
}

/** The pane of the view titled `title`. */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
}

/** "label — description" of each row of `rows` (tree rows glue the two in their innerText). */
export async function rowTexts(rows: Locator): Promise<string[]> {
  return rows.evaluateAll((els) => els.map((r) => `${r.querySelector('.label-name')?.textContent ?? ''} — ${r.querySelector('.label-description')?.textContent ?? ''}`));
}

/** "label — description" of the selected row of a tree view, or undefined when none is selected. */
export async function selectedRow(page: Page, title: string): Promise<string | undefined> {
  return (await rowTexts(viewPane(page, title).locator('.monaco-list-row.selected')))[0];
}

/** Right-clicks `row` and runs the context-menu entry labelled `label` (retried if the menu closes). */
export async function contextAction(page: Page, row: Locator, label: string): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await row.click({ button: 'right', timeout: 10_000 });
      const entry = page.locator('.context-view .monaco-menu .action-item', { has: page.locator('.action-label', { hasText: label }) }).first();
      await entry.waitFor({ state: 'visible', timeout: 5000 });
      // the menu ignores a click this soon after opening (and hovers of the view may cover it):
      // walk to the entry with the arrow keys and run it with Enter
      const focused = page.locator('.context-view .monaco-menu .action-item.focused .action-label');
      for (let i = 0; i < 12 && ((await focused.count()) === 0 || (await focused.first().innerText()).trim() !== label); i++) await page.keyboard.press('ArrowDown');
      assert.equal((await focused.first().innerText()).trim(), label);
      await page.keyboard.press('Enter');
      await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden', timeout: 5000 });
      return;
    } catch (e) {
      lastError = e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
    }
  }
  throw lastError;
}

/** Text of the notifications shown now (toasts). */
export async function notifications(page: Page): Promise<string> {
  return (await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).join('\n');
}

/**
 * The title of the editor's exception widget after a stop on a VM event in `frameName`. VS Code
 * shows the widget for the stack-frame object in focus. Its Call Stack view fetches a thread's
 * stack itself when it renders the thread before the stop's own fetch has answered (which a loaded
 * machine makes likely); the later of the two answers replaces the frame objects, and the focus
 * stays on a replaced one, so the widget is not shown until the frame is selected again. A user
 * clicks the frame then; so does this, while the widget is missing.
 */
export async function exceptionWidgetTitle(page: Page, frameName: string, ms = 30_000): Promise<string> {
  return eventually(
    page,
    'the exception widget',
    async () => {
      const widget = page.locator('.exception-widget .title').first();
      if (await widget.isVisible()) return (await widget.textContent()) ?? '';
      await viewPane(page, 'Call Stack').locator('.monaco-list-row', { hasText: frameName }).first().click({ timeout: 2000 }).catch(() => undefined);
      return undefined;
    },
    ms,
    500,
  );
}
