// `npm start`: builds everything (bundles, webviews, user programs), installs code-server on
// first use, fills the sample workspace, then serves the extension in a real VS Code on
// 127.0.0.1 and prints the URL to open. Runs until Ctrl-C. PORT=NNNN picks the port (default 8080).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a step, inheriting the terminal; exits with its status when it fails. */
function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✗ ${title} failed (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(r.status ?? 1);
  }
}

step('build (lint, typecheck, bundles, webviews)', 'npm', ['run', 'build']);
step('user programs', 'npm', ['run', 'userprogs']);
step('code-server (installed on first use)', 'bash', [join(root, 'scripts/e2e/install-code-server.sh')]);
step('sample workspace', process.execPath, [join(root, 'scripts/sample-workspace.mjs')]);

const server = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'test/e2e/support/serve.ts')], { cwd: root, stdio: 'inherit' });
const forward = (signal) => server.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
server.on('exit', (code) => process.exit(code ?? 0));
