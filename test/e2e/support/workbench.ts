// Drives VS Code's workbench in Chromium: waiting for it, running commands from the command
// palette, opening views, finding a webview's frame, reading the Debug Console, screenshots.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(__dirname, '../artifacts');

/** `text` as a literal inside a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens `url` for `folder` and waits for the workbench to be ready. */
export async function openWorkbench(page: Page, url: string, folder: string): Promise<void> {
  await page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.activitybar', { timeout: 60_000 });
}

/** Saves a screenshot as test/e2e/artifacts/<name>.png; returns its path. */
export async function snap(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Runs a command by its palette title (e.g. "Pintos: Show Frame Map"). The palette can close
 * again by itself when the workbench moves the focus (a debug stop revealing its source line),
 * so the open-type-pick sequence is retried a few times before giving up.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await tryRunCommand(page, title);
      return;
    } catch (e) {
      lastError = e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  throw lastError;
}

async function tryRunCommand(page: Page, title: string): Promise<void> {
  // a focused webview keeps the keys to itself: give the focus back to the workbench first
  if (await page.evaluate('!!(document.activeElement && document.activeElement.closest(".webview, iframe, .part.editor .webview-container") || document.activeElement?.tagName === "IFRAME")')) {
    await page.locator('.part.sidebar .composite.title').first().click();
  }
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`, { timeout: 10_000 });
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escape(title)}$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click({ timeout: 10_000 });
}

/** Picks `label` in an open quick pick (typed after any prefix the pick already holds). */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(label);
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escape(label)}$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

/** Shows the view container of the activity bar labelled `label` (e.g. "Pintos VM"). */
export async function openContainer(page: Page, label: string): Promise<void> {
  const item = page.locator(`.activitybar .action-item a[aria-label^="${label}"], .activitybar .action-item [aria-label^="${label}"]`).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  const checked = await item.evaluate((el) => el.closest('.action-item')?.classList.contains('checked') ?? false);
  if (!checked) await item.click();
}

/** The pane of a view by its title (e.g. "Supplemental Page Table"), expanded. */
export async function expandView(page: Page, title: string): Promise<void> {
  const header = page.locator('.pane-header', { hasText: title }).first();
  await header.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
}

/** Text of the rows of a tree view (by view title). */
export async function viewRows(page: Page, title: string): Promise<string[]> {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
  return pane.locator('.monaco-list-row').allInnerTexts();
}

/** The frame of the webview panel whose <body data-panel> is `kind`, once it exists. */
export async function webviewFrame(page: Page, kind: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const panel = await frame.evaluate('document.body ? document.body.dataset.panel : undefined').catch(() => undefined);
      if (panel === kind) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview with data-panel=${kind} appeared`);
}

/** Text of the Debug Console. */
export async function debugConsoleText(page: Page): Promise<string> {
  return page.locator('.repl .monaco-list-rows').first().innerText({ timeout: 2000 }).catch(() => '');
}
