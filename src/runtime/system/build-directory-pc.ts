// A PC assembled from a Pintos build directory the way the pintos script assembles QEMU's: os.dsk
// (the build's loader and kernel.bin) with the kernel command line in its boot sector, a
// file-system disk (a size in MB, or fs.dsk), a scratch disk with the files to put and room for
// those to get, a swap disk (a size in MB, or swap.dsk), then booted directly in the state the
// loader leaves. Guest time is retired instructions at SYSTEM_INSTRUCTIONS_PER_SECOND, and the
// real-time clock starts at a fixed date, so runs repeat exactly.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PcMachine } from '../../emu/pc/pc-machine';
import { bootPintosDirect } from '../../emu/pc/pintos-boot';
import { blankDisk, kernelArguments, scratchDisk, withCommandLine } from '../../emu/pc/pintos-disks';
import { BlockDevice } from '../../kernel/devices/block-device';
import { UserFacingError } from '../contract';

/** The virtual clock of the full-system mode: instructions per second of guest time. */
export const SYSTEM_INSTRUCTIONS_PER_SECOND = 100_000_000;
/** The real-time clock at boot (Unix seconds, 2023-11-14 22:13:20 UTC): fixed, so runs repeat. */
export const SYSTEM_START_TIME = 1_700_000_000;
/** RAM when the run does not say (the pintos script's QEMU default for Pintos-KAIST). */
export const SYSTEM_DEFAULT_MEMORY_MB = 256;

/** What to boot, as the pintos script's options say it. */
export interface BuildDirectorySpec {
  /** the build directory (holds os.dsk) */
  dir: string;
  /** the kernel's arguments (after `--`), e.g. `-q run alarm-single` */
  kernelArgs: string[];
  /** files for the scratch disk (`-p`), already read */
  puts: { name: string; data: Uint8Array }[];
  /** names of the files the kernel is asked to give back (`-g`) */
  gets: string[];
  fsDiskMB?: number;
  swapDiskMB?: number;
  memoryMB?: number;
}

/** The booted PC and what the caller needs of it afterwards. */
export interface BuildDirectoryPc {
  pc: PcMachine;
  /** the scratch disk, when there is one (files to get are read back from it) */
  scratch: BlockDevice | undefined;
  /** the kernel command line written into the boot sector */
  args: string[];
  /** every disk attached (their contents are part of a snapshot of the machine) */
  disks: BlockDevice[];
}

/** Reads `file`, or throws a UserFacingError naming it. */
export function readBuildFile(file: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new UserFacingError(`cannot read ${what} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A disk of `bytes` (a whole number of sectors), with its counters at zero. */
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
  return existsSync(file) ? readBuildFile(file, 'disk') : undefined;
}

/**
 * Builds and boots the PC of `spec`; `serial` receives every byte the kernel writes to COM1.
 * Throws UserFacingError for what the user must fix (no os.dsk, an unreadable disk, a command
 * line over the boot sector's 128 bytes).
 */
export function bootBuildDirectory(spec: BuildDirectorySpec, serial: (byte: number) => void): BuildDirectoryPc {
  const osFile = path.join(spec.dir, 'os.dsk');
  if (!existsSync(osFile)) {
    throw new UserFacingError(`no os.dsk in ${spec.dir}: give a Pintos build directory after make (it boots the loader and kernel.bin that make puts in os.dsk)`);
  }
  const args = kernelArguments(spec.kernelArgs, spec.puts.map((p) => p.name), spec.gets);
  let os: Uint8Array;
  try {
    os = withCommandLine(readBuildFile(osFile, 'boot disk'), args);
  } catch (e) {
    throw new UserFacingError(`${e instanceof Error ? e.message : String(e)}: shorten the kernel arguments (${args.join(' ')})`);
  }
  const fs = sizedOrFile(spec.dir, spec.fsDiskMB, 'fs.dsk');
  const swap = sizedOrFile(spec.dir, spec.swapDiskMB, 'swap.dsk');
  const scratch = spec.puts.length > 0 || spec.gets.length > 0 ? device('hd1:0', scratchDisk(spec.puts, spec.gets.length)) : undefined;
  const disks = { os: device('hd0:0', os), fs: fs && device('hd0:1', fs), scratch, swap: swap && device('hd1:1', swap) };
  const pc = new PcMachine({
    ramBytes: (spec.memoryMB ?? SYSTEM_DEFAULT_MEMORY_MB) * 1024 * 1024,
    instructionsPerSecond: SYSTEM_INSTRUCTIONS_PER_SECOND,
    disks,
    serialSink: serial,
    startTime: SYSTEM_START_TIME,
  });
  bootPintosDirect(pc, os);
  return { pc, scratch, args, disks: Object.values(disks).filter((d): d is BlockDevice => d !== undefined) };
}
