// `pintos-vm --system`: boots the Pintos kernel of a build directory on the emulator's PC, as the
// pintos script boots it under QEMU: os.dsk (the build's loader and kernel.bin) with the kernel
// command line in its boot sector, a file-system disk (--fs-disk=MB, or fs.dsk), a scratch disk
// with the files to put and room for those to get, a swap disk (--swap-disk=MB, or swap.dsk), 256
// MiB of RAM unless -m says otherwise; the serial output is the transcript. Runs are
// deterministic: guest time is retired instructions at SYSTEM_INSTRUCTIONS_PER_SECOND.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PcMachine } from '../../emu/pc/pc-machine';
import { bootPintosDirect } from '../../emu/pc/pintos-boot';
import { BlockDevice } from '../../kernel/devices/block-device';
import { UserError } from '../boot';
import type { CliOptions } from '../options';
import { blankDisk, kernelArguments, readGets, scratchDisk, withCommandLine } from './pintos-disks';

/** The virtual clock of the full-system mode: instructions per second of guest time. */
export const SYSTEM_INSTRUCTIONS_PER_SECOND = 100_000_000;
/** The real-time clock at boot (Unix seconds, 2023-11-14 22:13:20 UTC): fixed, so runs repeat. */
export const SYSTEM_START_TIME = 1_700_000_000;
/** Instructions run between checks of the timeout and writes of the output. */
const SLICE = 20_000_000;

/** How a full-system run ended: the exit status, and a message for standard error when it failed. */
export interface SystemOutcome {
  status: number;
  error?: string;
}

/** Reads `file`, or throws a UserError saying what to do. */
function readHostFile(file: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new UserError(`cannot read ${what} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A disk of `bytes` (a whole number of sectors). */
function device(name: string, bytes: Uint8Array): BlockDevice {
  const d = new BlockDevice(name, Math.floor(bytes.length / 512));
  for (let s = 0; s < d.sectorCount; s++) {
    const sector = bytes.subarray(s * 512, s * 512 + 512);
    if (sector.some((b) => b !== 0)) d.write(s, sector);
  }
  d.reads = 0;
  d.writes = 0;
  return d;
}

/** The disk given by size in MB, else the file `name` in `dir` when it exists. */
function sizedOrFile(dir: string, mb: number | undefined, name: string): Uint8Array | undefined {
  if (mb !== undefined && mb > 0) return blankDisk(mb);
  const file = path.join(dir, name);
  return existsSync(file) ? readHostFile(file, 'disk') : undefined;
}

/**
 * Boots the build directory `dir`'s kernel with `options` and runs it until it powers off, halts
 * for good, triple-faults or passes its -T limit of guest time. `write` receives the serial
 * output. Throws UserError for what the user must fix (no os.dsk, a missing file, a command line
 * over 128 bytes).
 */
export function runSystem(options: CliOptions, write: (text: string) => void, dir = process.cwd()): SystemOutcome {
  const osFile = path.join(dir, 'os.dsk');
  if (!existsSync(osFile)) {
    throw new UserError(`no os.dsk in ${dir}: run pintos-vm --system in a Pintos build directory after make (it boots the loader and kernel.bin that make puts in os.dsk)`);
  }
  const puts = options.puts.map((p) => ({ name: p.guest, data: readHostFile(path.resolve(dir, p.host), 'file to put') }));
  const args = kernelArguments(options.kernelArgs, puts.map((p) => p.name), options.gets.map((g) => g.guest));
  let os: Uint8Array;
  try {
    os = withCommandLine(readHostFile(osFile, 'boot disk'), args);
  } catch (e) {
    throw new UserError(`${e instanceof Error ? e.message : String(e)}: shorten the kernel arguments (${args.join(' ')})`);
  }
  const fs = sizedOrFile(dir, options.fsDiskMB, 'fs.dsk');
  const swap = sizedOrFile(dir, options.swapDiskUnits, 'swap.dsk');
  const scratch = puts.length > 0 || options.gets.length > 0 ? device('hd1:0', scratchDisk(puts, options.gets.length)) : undefined;
  const out: number[] = [];
  const flush = () => {
    if (out.length > 0) write(Buffer.from(out).toString('latin1'));
    out.length = 0;
  };
  const pc = new PcMachine({
    ramBytes: (options.memoryGiven ? options.memoryMB : 256) * 1024 * 1024,
    instructionsPerSecond: SYSTEM_INSTRUCTIONS_PER_SECOND,
    disks: { os: device('hd0:0', os), fs: fs && device('hd0:1', fs), scratch, swap: swap && device('hd1:1', swap) },
    serialSink: (b: number) => void out.push(b),
    startTime: SYSTEM_START_TIME,
  });
  bootPintosDirect(pc, os);
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
