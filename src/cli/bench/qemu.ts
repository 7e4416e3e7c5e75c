// qemu-x86_64 (Debian's qemu-user, user-mode emulation of Linux x86-64 programs): found on PATH,
// or installed with apt-get when missing and running as root; otherwise skipped with the reason.
import { spawnSync } from 'node:child_process';

/** qemu-x86_64 ready to run, or why the comparison is skipped. */
export type QemuAvailability = { command: string; version: string } | { skipped: string };

/** The first line of `qemu-x86_64 --version`, or undefined when it does not run. */
function qemuVersion(command: string): string | undefined {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const m = /version\s+(\S+)/.exec(r.stdout);
  return m ? m[1] : r.stdout.split('\n')[0];
}

/** Runs `apt-get ARGS` quietly; the reason it failed, or undefined when it worked. */
function aptGet(args: string[]): string | undefined {
  const r = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.error) return r.error.message;
  if (r.status !== 0) return `apt-get ${args.join(' ')} exited with ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0]}`;
  return undefined;
}

/**
 * Finds qemu-x86_64; when missing and running as root with apt-get, runs `apt-get update` and
 * `apt-get install -y qemu-user` (printing that it does, through `log`). Never throws: a failure is
 * returned as the reason the qemu column is skipped.
 */
export function findQemu(log: (line: string) => void): QemuAvailability {
  const command = 'qemu-x86_64';
  const found = qemuVersion(command);
  if (found) return { command, version: found };
  if (process.platform !== 'linux') return { skipped: `qemu-x86_64 runs Linux programs; this host is ${process.platform}` };
  if (process.getuid?.() !== 0) return { skipped: 'qemu-x86_64 is not installed and installing it needs root (apt-get install qemu-user)' };
  if (spawnSync('apt-get', ['--version']).error) return { skipped: 'qemu-x86_64 is not installed and there is no apt-get to install it' };
  log('qemu-x86_64 not found: installing Debian\'s qemu-user (apt-get update; apt-get install -y qemu-user)...');
  const failed = aptGet(['update', '-q']) ?? aptGet(['install', '-y', '-q', 'qemu-user']);
  if (failed) return { skipped: `installing qemu-user failed: ${failed}` };
  const installed = qemuVersion(command);
  return installed ? { command, version: installed } : { skipped: 'qemu-user was installed but qemu-x86_64 does not run' };
}
