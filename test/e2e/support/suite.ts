// One VS Code per e2e suite: code-server on a workspace folder made for the suite, Chromium on
// its workbench, a screenshot of every failed test, and everything torn down afterwards.
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { ensureCodeServer, startCodeServer, type CodeServer } from './code-server';
import { openWorkbench, snap } from './workbench';

/** What a suite gets: the page of its workbench, valid once its `before` hooks ran. */
export interface SuiteWorkbench {
  readonly page: Page;
  readonly workspace: string;
}

/**
 * Registers the suite's hooks (call inside `describe`): `makeWorkspace` creates the folder to
 * open, `ready` runs once the workbench shows (e.g. to wait for the extension's container).
 * Installs code-server first when it is missing; fails the suite with the reason if it cannot.
 */
export function useWorkbench(makeWorkspace: () => string, options: { height?: number; ready?: (page: Page) => Promise<void> } = {}): SuiteWorkbench {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let workspace: string | undefined;
  before(async () => {
    ensureCodeServer();
    workspace = makeWorkspace();
    server = await startCodeServer(workspace);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: options.height ?? 950 } });
    await openWorkbench(page, server.url, workspace);
    if (options.ready) await options.ready(page);
  });
  afterEach(async function () {
    if (page && this.currentTest?.state === 'failed') await snap(page, `failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (workspace !== undefined) rmSync(workspace, { recursive: true, force: true });
  });
  return {
    get page(): Page {
      if (!page) throw new Error('the workbench is not open yet (use it inside tests or later hooks)');
      return page;
    },
    get workspace(): string {
      if (!workspace) throw new Error('the workspace is not made yet');
      return workspace;
    },
  };
}
