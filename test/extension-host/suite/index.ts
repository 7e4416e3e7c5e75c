// Entry point VS Code loads as `extensionTestsPath`: runs the extension-host test cases with
// mocha inside the extension host and writes a JSON report to $PINTOS_EH_REPORT (when set).
// Rejects when a case fails, so @vscode/test-electron's exit code says so too.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

/** One case's outcome in the report. */
export interface CaseReport {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  error?: string;
  ms?: number;
}

/** Called by VS Code once the extension host is up. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'extension-host', mocha);
  // the cases register themselves on the globals set up above, in this order
  await import('./contributions.test');
  await import('./configuration-provider.test');
  await import('./panels.test');
  await import('./debug-session.test');
  const cases: CaseReport[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const report = process.env.PINTOS_EH_REPORT;
      if (report) writeFileSync(report, JSON.stringify({ failures, cases }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => cases.push({ title: t.fullTitle(), state: 'passed', ms: t.duration ?? 0 }));
    runner.on('fail', (t, err: Error) => cases.push({ title: t.fullTitle(), state: 'failed', error: `${err.message}\n${err.stack ?? ''}` }));
    runner.on('pending', (t) => cases.push({ title: t.fullTitle(), state: 'pending' }));
  });
}
