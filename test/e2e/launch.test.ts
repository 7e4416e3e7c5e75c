// Starting programs without a launch.json, in a real VS Code (code-server + Chromium): F5 asks
// for one of the workspace's ELF programs (a Pintos build/tests tree and userprogs/build, found
// by their header) and runs it; "Pintos: Debug User Program…" does the same from the palette.
// Both runs end with the program's exit line in the Debug Console.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './support/code-server';
import { consoleShows, eventually, pausedOn } from './support/debug';
import { useWorkbench } from './support/suite';
import { runCommand, snap } from './support/workbench';

/** A folder with two programs and a few files that are not programs, and no .vscode/. */
function workspaceWithoutLaunchJson(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pintos-nolaunch-'));
  const tests = path.join(dir, 'build', 'tests', 'vm');
  mkdirSync(tests, { recursive: true });
  mkdirSync(path.join(dir, 'userprogs', 'build'), { recursive: true });
  copyFileSync(path.join(ROOT, 'userprogs/build/stack-grow'), path.join(tests, 'stack-grow'));
  copyFileSync(path.join(ROOT, 'userprogs/build/hello'), path.join(dir, 'userprogs/build/hello'));
  writeFileSync(path.join(tests, 'stack-grow.ck'), '# a check script, not a program\n');
  writeFileSync(path.join(tests, 'notes'), 'no extension, but not an ELF file either\n');
  return dir;
}

const PICK_TITLE = 'Debug a Pintos user program';

/** Labels and descriptions of the rows of the open quick pick titled `title`. */
async function quickPickRows(page: Page, title: string): Promise<string[]> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
  return eventually(page, 'the programs in the quick pick', async () => {
    const rows = await widget.locator('.monaco-list-row').evaluateAll((els) =>
      els.map((r) => `${r.querySelector('.label-name')?.textContent ?? ''} — ${r.querySelector('.label-description')?.textContent ?? ''}`),
    );
    return rows.length > 0 ? rows : undefined;
  });
}

/** Clicks the row of the open quick pick whose label is exactly `label`. */
async function clickQuickRow(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

describe('starting a program without launch.json (code-server)', function () {
  this.timeout(5 * 60_000);
  let page: Page;
  const workbench = useWorkbench(workspaceWithoutLaunchJson);

  before(() => {
    page = workbench.page;
  });

  it('F5 offers the ELF programs of the workspace and runs the one picked', async () => {
    await page.locator('.part.sidebar, .monaco-workbench').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('Control+Shift+D');
    // F5 with no launch.json: VS Code first asks for the debugger when it cannot guess it
    const pickTitle = page.locator('.quick-input-widget .quick-input-title');
    await eventually(page, 'a quick pick after F5', async () => {
      if (!(await page.locator('.quick-input-widget').isVisible())) await page.keyboard.press('F5');
      await page.waitForTimeout(500);
      const title = (await pickTitle.isVisible()) ? await pickTitle.innerText() : '';
      if (title.includes(PICK_TITLE)) return true;
      const debuggerRow = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^Pintos VM$/ }) }).first();
      if (await debuggerRow.isVisible()) await debuggerRow.click();
      return false;
    }, 60_000, 300);
    const rows = await quickPickRows(page, PICK_TITLE);
    await snap(page, '20-f5-program-pick');
    assert.deepEqual(rows, ['hello — userprogs/build', 'stack-grow — build/tests/vm']);
    await clickQuickRow(page, 'hello');
    const text = await consoleShows(page, 'hello: exit(0)');
    assert.match(text, /argv\[0\] = 'hello'/);
    await pausedOn(page, /Program ended: exit\(0\)/);
    await snap(page, '21-f5-hello-exit');
    await runCommand(page, 'Debug: Continue');
  });

  it('"Pintos: Debug User Program…" picks a program and runs it to its exit line', async () => {
    await eventually(page, 'the first session to end', async () => !(await page.locator('.debug-toolbar').isVisible()), 30_000);
    await runCommand(page, 'Pintos: Debug User Program…');
    const rows = await quickPickRows(page, PICK_TITLE);
    assert.ok(rows.includes('stack-grow — build/tests/vm'), rows.join(' | '));
    await snap(page, '22-command-program-pick');
    await clickQuickRow(page, 'stack-grow');
    await consoleShows(page, 'stack-grow: exit(0)');
    await pausedOn(page, /Program ended: exit\(0\)/);
    await snap(page, '23-command-stack-grow-exit');
  });
});
