// Runs the extension-host tests in a downloaded desktop VS Code with @vscode/test-electron (on
// machines that can download VS Code). Here they also run inside code-server: see
// test/e2e/extension-host.test.ts. Usage: npx tsx test/extension-host/run.ts
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleExtensionHostTests } from './bundle';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const tests = await bundleExtensionHostTests();
  const workspace = path.join(root, 'sample-workspace');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: tests,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { PINTOS_EH_REPORT: path.join(root, 'test/e2e/artifacts/extension-host-report.json') },
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
