// The command-line runner's boot: reads host files, builds the machine (see runtime/machine-boot)
// and starts the command line.
import type { MachineOptions } from '../emu/machine';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FS_SECTORS, type KernelConfig } from '../kernel/kernel';
import { buildMachine, type BootedMachine } from '../runtime/machine-boot';

/** A host file to put on the Pintos disk. */
export interface HostFile {
  host: string;
  guest: string;
}

export type { BootedMachine };

/** Problems the user must fix (missing file, bad option): reported as one message, no stack trace. */
export class UserError extends Error {}

/**
 * Reads `files` from the host, builds the machine for `config`, boots it and starts `cmdline`.
 * Throws UserError naming the file or option at fault.
 */
export function bootMachine(config: KernelConfig, files: HostFile[], cmdline: string, kernelArgs: string, machineOptions: MachineOptions = {}): BootedMachine {
  const contents = files.map((f) => ({ name: f.guest, content: readHostFile(f.host) }));
  const booted = buildMachine(config, machineOptions);
  try {
    booted.kernel.boot(cmdline, contents, kernelArgs);
  } catch (e) {
    if (e instanceof Error && /^cannot put/.test(e.message)) throw new UserError(e.message);
    throw e;
  }
  return booted;
}

/** Reads a host file; UserError when it is missing, a directory or unreadable. */
export function readHostFile(file: string): Uint8Array {
  if (!existsSync(file)) throw new UserError(`${file}: no such file`);
  if (statSync(file).isDirectory()) throw new UserError(`${file}: is a directory, expected a file`);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UserError(`${file}: cannot read (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Default configuration (PINTOS-ABI.md: -m 20, 4 swap units, 20,160-sector file-system disk). */
export function defaultKernelConfig(): KernelConfig {
  return {
    memoryMB: 20,
    swapDiskUnits: 4,
    fsDiskSectors: DEFAULT_FS_SECTORS,
    evictionPolicy: 'clock',
    seed: 0,
    checkInvariants: false,
    stdin: new Uint8Array(0),
  };
}

/** The guest name `pintos -p` uses when none is given: the host file's base name. */
export function guestName(host: string): string {
  return path.basename(host);
}
