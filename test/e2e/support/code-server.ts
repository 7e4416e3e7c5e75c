// Starts a real VS Code (code-server: VS Code's server and workbench, from npm) on a free
// loopback port with throw-away user-data and extensions folders, and this extension installed
// unpacked, the way a user's VS Code holds it. Installs code-server first when it is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CODE_SERVER_ENTRY = path.join(ROOT, '.code-server/node_modules/code-server/out/node/entry.js');
/** folder name of the installed extension: publisher.name-version */
export const EXTENSION_FOLDER = 'pintos-vm.pintos-vm-debugger-0.1.0';

/** A running code-server. */
export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** text code-server printed (for failure messages) */
  output(): string;
  stop(): Promise<void>;
}

/** Runs the project's install script (idempotent); throws with its output when it fails. */
export function ensureCodeServer(): void {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/e2e/install-code-server.sh')], { cwd: ROOT, encoding: 'utf8', timeout: 20 * 60_000 });
  if (r.status !== 0 || !existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server could not be installed by scripts/e2e/install-code-server.sh (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Copies what the .vsix would hold (package.json, dist bundles, media) into `extensionsDir`. */
export function installUnpacked(extensionsDir: string): string {
  const target = path.join(extensionsDir, EXTENSION_FOLDER);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.join(target, 'dist'), { recursive: true });
  for (const f of ['package.json', 'README.md', 'LICENSE']) if (existsSync(path.join(ROOT, f))) cpSync(path.join(ROOT, f), path.join(target, f));
  for (const f of ['extension.js', 'adapter.js', 'cli.js', 'cli-main.js', 'cli-main.js.sha256']) {
    if (!existsSync(path.join(ROOT, 'dist', f))) throw new Error(`dist/${f} is missing: run npm run build first`);
    cpSync(path.join(ROOT, 'dist', f), path.join(target, 'dist', f));
  }
  cpSync(path.join(ROOT, 'media'), path.join(target, 'media'), { recursive: true, filter: (src) => !src.endsWith('.ts') });
  return target;
}

/** Writes User/settings.json of a fresh user-data dir. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Default settings for tests and `npm start`: no trust prompt, no welcome page, no noise. */
export const QUIET_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'debug.openDebug': 'openOnDebugBreak',
  'window.commandCenter': false,
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
  // keys that miss their target must never change a source file: the tests only read them
  'files.readonlyInclude': { '**/*.{c,h,S,lds}': true },
};

/** Waits until `url` answers HTTP (any status), or throws after `ms`. */
async function waitForHttp(url: string, ms: number, alive: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`code-server exited before answering:\n${output()}`);
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`code-server did not answer at ${url} within ${ms} ms:\n${output()}`);
}

/** Makes a copy of the sample workspace (with the built programs) in a new temporary folder. */
export function sampleWorkspaceCopy(): string {
  const target = mkdtempSync(path.join(tmpdir(), 'pintos-sample-'));
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/sample-workspace.mjs'), target], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/sample-workspace.mjs failed: ${r.stderr}`);
  return target;
}

/**
 * Starts code-server for `folder` with a temporary user-data dir (quiet settings) and extensions
 * dir holding this extension. `base` keeps the dirs under a known folder instead of /tmp.
 */
export async function startCodeServer(
  folder: string,
  options: { base?: string; settings?: Record<string, unknown>; env?: Record<string, string>; installExtension?: boolean; port?: number } = {},
): Promise<CodeServer> {
  const base = options.base ?? mkdtempSync(path.join(tmpdir(), 'pintos-e2e-'));
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  if (options.base === undefined || !existsSync(path.join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir, { ...QUIET_SETTINGS, ...options.settings });
  if (options.installExtension !== false) installUnpacked(extensionsDir);
  const port = options.port ?? (await freePort());
  const args = [CODE_SERVER_ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: undefined, ...options.env } });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, 60_000, () => child.exitCode === null, () => text);
  return {
    url,
    port,
    userDataDir,
    extensionsDir,
    output: () => text,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (options.base === undefined) rmSync(base, { recursive: true, force: true });
    },
  };
}
