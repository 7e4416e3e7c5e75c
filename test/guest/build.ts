// Builds the guest programs of this folder with the host gcc into a cache under the OS temp dir,
// keyed by a hash of the source and everything it is built with, so an edit rebuilds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = __dirname;
const SHARED = ['guest.ld', 'sys.inc', 'guest.h'];
const LINK = ['-nostdlib', '-static', '-no-pie', '-Wl,-T,guest.ld', '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments'];
const C_FLAGS = [
  '-O1',
  '-ffreestanding',
  '-fno-pic',
  '-mno-red-zone',
  '-mgeneral-regs-only',
  '-fno-stack-protector',
  '-fno-asynchronous-unwind-tables',
  '-Wall',
  '-Wextra',
];

/** The gcc arguments for `source` (a file name in this folder) producing `out`. */
function gccArgs(source: string, out: string): string[] {
  const lang = source.endsWith('.c') ? C_FLAGS : [];
  return [...lang, ...LINK, '-I', DIR, '-o', out, join(DIR, source)];
}

/**
 * Returns the bytes of guest program `source` (e.g. 'tlb.S' or 'demand.c' in test/guest),
 * compiling it when no binary for the current source, shared files and flags is cached.
 * Throws with gcc's message when the build fails.
 */
export function buildGuest(source: string): Uint8Array {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(DIR, source)));
  for (const f of SHARED) hash.update(readFileSync(join(DIR, f)));
  hash.update(gccArgs(source, '').join(' '));
  const dir = join(tmpdir(), 'pintos-vm-guest');
  const exe = join(dir, `${source.replace(/\W/g, '_')}-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(exe)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${exe}.${process.pid}.tmp`;
    try {
      execFileSync('gcc', gccArgs(source, partial), { cwd: DIR, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
      const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`cannot build guest ${source}: ${stderr || String(err)}`);
    }
    renameSync(partial, exe);
  }
  return new Uint8Array(readFileSync(exe));
}
