// Debugging a booted kernel in a real VS Code (code-server + Chromium): our own test kernel
// (systest/) launched in full-system mode from a launch.json. With "Any page fault" ticked the
// session stops when the CPU raises a page fault, before the kernel's handler runs: in the kernel's
// own exception test the editor's exception widget names it; at the user program's first fault the
// Supplemental Page Table view lists the page as the kernel's own C structures hold it (not
// loaded). Continuing stops when the handler returns, and the view marks the entry it changed.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './support/code-server';
import { eventually, exceptionWidgetTitle, pausedOn, setFilter, viewPane } from './support/debug';
import { useWorkbench } from './support/suite';
import { expandView, openContainer, pickQuickItem, runCommand, snap } from './support/workbench';

const BUILD = path.join(ROOT, 'systest', 'build');

/** A folder whose launch.json boots the test kernel's build directory. */
function kernelWorkspace(): string {
  execFileSync('make', ['-s', '-C', path.join(ROOT, 'systest')], { stdio: 'pipe' });
  const dir = mkdtempSync(path.join(tmpdir(), 'pintos-kernel-'));
  mkdirSync(path.join(dir, '.vscode'));
  writeFileSync(path.join(dir, 'sample.txt'), 'a sample file\n');
  const launch = {
    version: '0.2.0',
    configurations: [
      {
        type: 'pintos', request: 'launch', name: 'test kernel', system: true, buildDir: BUILD,
        kernelArgs: ['-q', 'run', 'userprog', 'run', 'userprog fault'], files: ['userprog', path.join(dir, 'sample.txt')], fsDiskMB: 2, swapDiskMB: 4, stopOnEntry: true,
      },
    ],
  };
  writeFileSync(path.join(dir, '.vscode', 'launch.json'), JSON.stringify(launch, null, 2));
  return dir;
}

/** The text of the Supplemental Page Table view's row of page `va`, once it shows one matching `re`. */
async function sptRow(page: Page, va: number, re: RegExp): Promise<string> {
  const address = `0x${va.toString(16).padStart(12, '0')}`;
  await openContainer(page, 'Pintos VM');
  await expandView(page, 'Supplemental Page Table');
  return eventually(page, `the SPT row of ${address} to match ${re}`, async () => {
    const rows = await viewPane(page, 'Supplemental Page Table').locator('.monaco-list-row', { hasText: address }).allInnerTexts().catch(() => []);
    const row = rows.find((r) => re.test(r));
    return row;
  }, 30_000);
}

describe('debugging a booted kernel (full-system mode, code-server)', function () {
  this.timeout(6 * 60_000);
  let page: Page;
  const workbench = useWorkbench(kernelWorkspace, { height: 1000, ready: (p) => openContainer(p, 'Pintos VM') });

  before(() => {
    page = workbench.page;
  });

  it('stops on the user program first page fault before and after the kernel handler, with the SPT from its structures', async () => {
    await runCommand(page, 'Debug: Select and Start Debugging');
    await pickQuickItem(page, 'test kernel');
    // the filters show once a session of the type runs: stop at the kernel's entry to tick one
    await pausedOn(page, /paused at the kernel entry/i);
    await setFilter(page, 'Any page fault', true);
    await runCommand(page, 'Debug: Continue');
    // the kernel's own exception test faults first, in kernel mode (deterministic: the same run every time)
    await pausedOn(page, /paused on page fault at 0x10\b/i);
    // in kernel code with source: the editor's exception widget names the fault
    assert.match(await exceptionWidgetTitle(page, 'exception_test'), /Page fault/);
    await runCommand(page, 'Debug: Continue');
    await pausedOn(page, /paused on page fault at 0x400000\b/i);
    const before = await sptRow(page, 0x400000, /not loaded|uninit/i);
    await snap(page, '60-kernel-pf-before');
    assert.doesNotMatch(before, /handler/);
    await page.keyboard.press('Control+Shift+D');
    await runCommand(page, 'Debug: Continue');
    await pausedOn(page, /after the page-fault handler for 0x400000/i);
    const after = await sptRow(page, 0x400000, /changed by the fault handler/);
    assert.match(after, /in frame|resident|frame/i);
    await snap(page, '61-kernel-pf-after');
    await runCommand(page, 'Debug: Stop');
  });
});
