// The disks the test kernel in systest/ boots from: its os.dsk with the command line, a 2 MB
// file-system disk and a 4 MB swap disk whose last sectors carry labels, and a scratch disk that
// puts the user program and a sample text file and has room for one file to get back.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { blankDisk, DiskSet, kernelArguments, scratchDisk, stampLastSector, withCommandLine } from './disks';

export const SYSTEST_DIR = path.resolve(__dirname, '..', '..', '..', 'systest');
export const SYSTEST_BUILD = path.join(SYSTEST_DIR, 'build');

/** The first line the kernel prints. */
export const SYSTEST_MARKER = 'systest: ';

export const FS_LABEL = 'systest fs.dsk last sector';
export const SWAP_LABEL = 'systest swap.dsk last sector';

/** The sample file put into the guest and got back. */
export function sampleText(): Uint8Array {
  const lines: string[] = [];
  for (let i = 1; i <= 12; i++) lines.push(`systest sample line ${String(i).padStart(2, '0')}: the quick brown fox jumps over the lazy dog`);
  return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
}

export const PUTS = ['userprog', 'sample.txt'];
export const GETS = ['sample.txt'];
export const ACTIONS = ['-q', 'run', 'userprog', 'run', 'userprog fault'];

/** The kernel command line, in the pintos script's order. */
export function systestArguments(): string[] {
  return kernelArguments(ACTIONS, PUTS, GETS);
}

/** The disk set, from the images `make -C systest` built in `buildDir`. */
export function systestDisks(buildDir = SYSTEST_BUILD): DiskSet {
  const os = withCommandLine(readFileSync(path.join(buildDir, 'os.dsk')), systestArguments());
  const fs = blankDisk(2);
  stampLastSector(fs, FS_LABEL);
  const swap = blankDisk(4);
  stampLastSector(swap, SWAP_LABEL);
  const scratch = scratchDisk([{ data: readFileSync(path.join(buildDir, 'userprog')) }, { data: sampleText() }], GETS.length);
  return { os, fs, scratch, swap };
}

/** The sector the kernel's disk write test writes: "systest write" over a pattern from `seed`. */
export function writeTestPattern(seed: number): Uint8Array {
  const p = new Uint8Array(512);
  for (let i = 0; i < 512; i++) p[i] = (seed + i * 7 + (i >> 3)) & 0xff;
  p.set(Buffer.from('systest write', 'latin1'), 0);
  return p;
}
