// Builds a complete machine (memory, CPU, kernel) from run options and host files. Shared by the
// command-line runner and the debugger runtime.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Machine } from '../emu/machine';
import { MemorySystem } from '../emu/memory/memory-system';
import { DEFAULT_FS_SECTORS, Kernel, type KernelConfig } from '../kernel/kernel';

/** A host file to put on the Pintos disk. */
export interface HostFile {
  host: string;
  guest: string;
}

/** A machine ready to run. */
export interface BootedMachine {
  kernel: Kernel;
  machine: Machine;
  memory: MemorySystem;
}

/** Problems the user must fix (missing file, bad option): reported as one message, no stack trace. */
export class UserError extends Error {}

/**
 * Reads `files` from the host, builds the machine for `config`, boots it and starts `cmdline`.
 * Throws UserError naming the file or option at fault.
 */
export function bootMachine(config: KernelConfig, files: HostFile[], cmdline: string, kernelArgs: string): BootedMachine {
  const contents = files.map((f) => ({ name: f.guest, content: readHostFile(f.host) }));
  const memory = new MemorySystem(Kernel.ramBytes(config.memoryMB));
  const machine = new Machine(memory);
  const kernel = new Kernel(config, memory, machine);
  try {
    kernel.boot(cmdline, contents, kernelArgs);
  } catch (e) {
    if (e instanceof Error && /^cannot put/.test(e.message)) throw new UserError(e.message);
    throw e;
  }
  return { kernel, machine, memory };
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
