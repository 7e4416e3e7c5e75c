// `pintos-vm --system`: boots the Pintos kernel of a build directory on the emulator's PC, as the
// pintos script boots it under QEMU: os.dsk (the build's loader and kernel.bin) with the kernel
// command line in its boot sector, a file-system disk (--fs-disk=MB, or fs.dsk), a scratch disk
// with the files to put and room for those to get, a swap disk (--swap-disk=MB, or swap.dsk), 256
// MiB of RAM unless -m says otherwise; the serial output is the transcript. Runs are
// deterministic: guest time is retired instructions at SYSTEM_INSTRUCTIONS_PER_SECOND.
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readGets } from '../../emu/pc/pintos-disks';
import { UserFacingError } from '../../runtime/contract';
import { bootBuildDirectory, readBuildFile, SYSTEM_INSTRUCTIONS_PER_SECOND } from '../../runtime/system/build-directory-pc';
import { UserError } from '../boot';
import type { CliOptions } from '../options';

export { SYSTEM_INSTRUCTIONS_PER_SECOND, SYSTEM_START_TIME } from '../../runtime/system/build-directory-pc';
/** Instructions run between checks of the timeout and writes of the output. */
const SLICE = 20_000_000;

/** How a full-system run ended: the exit status, and a message for standard error when it failed. */
export interface SystemOutcome {
  status: number;
  error?: string;
}

/** Runs `fn`, turning the runtime's UserFacingError into the command line's UserError. */
function asUserError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UserFacingError) throw new UserError(e.message);
    throw e;
  }
}

/**
 * Boots the build directory `dir`'s kernel with `options` and runs it until it powers off, halts
 * for good, triple-faults or passes its -T limit of guest time. `write` receives the serial
 * output. Throws UserError for what the user must fix (no os.dsk, a missing file, a command line
 * over 128 bytes).
 */
export function runSystem(options: CliOptions, write: (text: string) => void, dir = process.cwd()): SystemOutcome {
  if (!existsSync(path.join(dir, 'os.dsk'))) {
    throw new UserError(`no os.dsk in ${dir}: run pintos-vm --system in a Pintos build directory after make (it boots the loader and kernel.bin that make puts in os.dsk)`);
  }
  const out: number[] = [];
  const flush = () => {
    if (out.length > 0) write(Buffer.from(out).toString('latin1'));
    out.length = 0;
  };
  const { pc, scratch } = asUserError(() => {
    const puts = options.puts.map((p) => ({ name: p.guest, data: readBuildFile(path.resolve(dir, p.host), 'file to put') }));
    return bootBuildDirectory(
      {
        dir, kernelArgs: options.kernelArgs, puts, gets: options.gets.map((g) => g.guest),
        fsDiskMB: options.fsDiskMB, swapDiskMB: options.swapDiskUnits, memoryMB: options.memoryGiven ? options.memoryMB : undefined,
      },
      (b) => void out.push(b),
    );
  });
  const deadline = options.timeoutSeconds === undefined ? Infinity : Math.round(options.timeoutSeconds * 1e9);
  for (;;) {
    const left = deadline === Infinity ? SLICE : Math.ceil(((deadline - pc.now) * SYSTEM_INSTRUCTIONS_PER_SECOND) / 1e9);
    if (left <= 0) {
      flush();
      write(`\nTIMEOUT after ${options.timeoutSeconds} seconds of guest time\n`);
      return { status: 1 };
    }
    const stop = pc.run(Math.min(SLICE, left));
    flush();
    if (stop.kind === 'budget') continue;
    if (stop.kind === 'power') break;
    if (stop.kind === 'dead') return { status: 1, error: `the kernel stopped: ${stop.reason} (at rip 0x${pc.machine.cpu.rip.toString(16)})` };
    if (stop.kind === 'triple-fault') return { status: 1, error: `triple fault, the machine resets (QEMU with -no-reboot stops here): ${stop.message}` };
    return { status: 3, error: `unexpected stop ${JSON.stringify(stop)}` };
  }
  if (scratch && options.gets.length > 0) {
    const files = readGets(scratch.peekBytes(0, scratch.sectorCount * 512), options.gets.length);
    options.gets.forEach((g, i) => {
      if (files[i] === undefined) write(`pintos-vm: ${g.guest} was not got back by the kernel\n`);
      else writeFileSync(path.resolve(dir, g.host), files[i]);
    });
  }
  return { status: 0 };
}
