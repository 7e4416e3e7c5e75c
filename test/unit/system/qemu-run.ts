// Boots a disk set under qemu-system-x86_64 the way the Pintos-KAIST `pintos` script does
// (-nographic, the four disks as IDE index 0-3, -cpu qemu64, -m 256, -no-reboot, the serial port
// and monitor on stdio) and returns what the machine printed and the disks as it left them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DISK_POSITIONS, DiskRole, DiskSet } from './disks';

export const QEMU = 'qemu-system-x86_64';
export const INSTALL_HINT = 'apt-get install qemu-system-x86 (Debian) provides qemu-system-x86_64';

/** True if qemu-system-x86_64 runs. */
export function haveQemu(): boolean {
  const r = spawnSync(QEMU, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

/** QEMU's arguments for disk image files by role, as the pintos script builds them. */
export function qemuArgs(files: Partial<Record<DiskRole, string>>, memoryMb = 256): string[] {
  const args = ['-nographic'];
  DISK_POSITIONS.forEach((role, index) => {
    const file = files[role];
    if (file) args.push('-drive', `file=${file},format=raw,index=${index},media=disk`);
  });
  args.push('-cpu', 'qemu64', '-m', String(memoryMb), '-no-reboot', '-serial', 'mon:stdio');
  return args;
}

export interface QemuRun {
  /** Everything QEMU wrote to stdout: firmware banners, then the guest's serial output. */
  output: string;
  /** QEMU's exit status (null if it was killed). */
  status: number | null;
  timedOut: boolean;
  elapsedMs: number;
  /** The disks as the guest left them. */
  disks: DiskSet;
  command: string[];
}

/** Writes `disks` to a temporary directory, boots them and waits for QEMU to exit (the guest
 *  powers off) or for `timeoutMs`. */
export function runQemu(disks: DiskSet, opts: { memoryMb?: number; timeoutMs?: number } = {}): QemuRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'systest-'));
  try {
    const files: Partial<Record<DiskRole, string>> = {};
    for (const role of DISK_POSITIONS) {
      const data = disks[role];
      if (!data) continue;
      files[role] = path.join(dir, `${role}.dsk`);
      writeFileSync(files[role]!, data);
    }
    const args = qemuArgs(files, opts.memoryMb);
    const started = Date.now();
    const r = spawnSync(QEMU, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 30000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const elapsedMs = Date.now() - started;
    const after: DiskSet = { os: readFileSync(files.os!) };
    for (const role of DISK_POSITIONS) if (files[role]) after[role] = readFileSync(files[role]!);
    return {
      output: `${r.stdout?.toString('latin1') ?? ''}${r.stderr?.toString('latin1') ?? ''}`,
      status: r.status,
      timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT',
      elapsedMs,
      disks: after,
      command: [QEMU, ...args],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The guest's lines: the output from the first line that starts with `marker` (firmware text
 *  before it, which can share that line, is dropped), without carriage returns. */
export function kernelTranscript(output: string, marker: string): string[] {
  const at = output.indexOf(marker);
  if (at < 0) return [];
  const lines = output.slice(at).replace(/\r/g, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
