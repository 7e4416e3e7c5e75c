// Runs the extension-host test suite (test/extension-host/suite, written for
// @vscode/test-electron) inside code-server's VS Code: the workbench URL's `payload` carries
// extensionDevelopmentPath and extensionTestsPath, which VS Code's web workbench hands to the
// remote extension host. The suite writes a JSON report; every case must pass.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { bundleExtensionHostTests } from '../extension-host/bundle';
import type { CaseReport } from '../extension-host/suite/index';
import { launchChromium } from './support/browser';
import { ensureCodeServer, ROOT, sampleWorkspaceCopy, startCodeServer, type CodeServer } from './support/code-server';
import { snap } from './support/workbench';

describe('extension-host tests inside code-server', function () {
  this.timeout(8 * 60_000);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workspace: string | undefined;

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (workspace !== undefined) rmSync(workspace, { recursive: true, force: true });
  });

  it('runs every case of the extension-host suite and all pass', async () => {
    ensureCodeServer();
    const tests = await bundleExtensionHostTests();
    workspace = sampleWorkspaceCopy();
    const report = path.join(mkdtempSync(path.join(tmpdir(), 'pintos-eh-')), 'report.json');
    server = await startCodeServer(workspace, { installExtension: false, env: { PINTOS_EH_REPORT: report } });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server!.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(tests)],
    ]);
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace!)}&payload=${encodeURIComponent(payload)}`);
    const deadline = Date.now() + 6 * 60_000;
    while (!existsSync(report) && Date.now() < deadline) await page.waitForTimeout(500);
    await snap(page, 'extension-host-tests');
    assert.ok(existsSync(report), `the suite wrote no report (did the extension host start the tests?)\n${server.output().slice(-3000)}`);
    const result = JSON.parse(readFileSync(report, 'utf8')) as { failures: number; cases: CaseReport[] };
    for (const c of result.cases) console.log(`      ${c.state === 'passed' ? '✔' : c.state === 'failed' ? '✗' : '-'} ${c.title}${c.error ? `\n        ${c.error.split('\n').slice(0, 3).join('\n        ')}` : ''}`);
    assert.ok(result.cases.length >= 10, `only ${result.cases.length} cases ran`);
    assert.deepEqual(
      result.cases.filter((c) => c.state !== 'passed').map((c) => `${c.title}: ${c.error ?? c.state}`),
      [],
    );
  });
});
