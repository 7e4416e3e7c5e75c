// Validation of the full-system mode's launch attributes: every bad value becomes a
// UserFacingError naming the attribute; good ones are resolved (absolute paths, defaults).
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { KernelStructureNames, PintosSystemLaunchArguments } from '../../shared/launch';
import { boolean, expect, fail, integerIn, requireHostFile, resolveCwd, resolveFiles, resolveSourceMap, type DiskFile } from '../launch-options';
import { SYSTEM_DEFAULT_MEMORY_MB } from './build-directory-pc';

/** The full-system launch after validation. */
export interface SystemLaunchOptions {
  /** absolute path of the build directory */
  buildDir: string;
  /** absolute path of the kernel ELF with its DWARF (`kernel.o`) */
  kernelElf: string;
  kernelArgs: string[];
  files: DiskFile[];
  memoryMB: number;
  fsDiskMB: number | undefined;
  swapDiskMB: number | undefined;
  stopOnEntry: boolean;
  sourceMap: [string, string][];
  structureNames: KernelStructureNames;
  /** the working directory (the workspace folder): local copies of sources are looked for under it */
  cwd: string;
}

/** Sizes a blank disk may have, in MB. */
const MAX_DISK_MB = 1024;

function optionalSize(attribute: string, value: unknown): number | undefined {
  return value === undefined ? undefined : integerIn(attribute, value, 0, 1, MAX_DISK_MB);
}

const STRUCTURE_NAMES: (keyof KernelStructureNames)[] = ['sptHash', 'pageHashElem', 'frameTable', 'swapTable'];

function structureNames(value: unknown): KernelStructureNames {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) expect('structureNames', `an object with any of ${STRUCTURE_NAMES.join(', ')}`, value);
  const out: KernelStructureNames = {};
  for (const [key, name] of Object.entries(value as Record<string, unknown>)) {
    if (!STRUCTURE_NAMES.includes(key as keyof KernelStructureNames)) fail('structureNames', `'${key}' is not one of ${STRUCTURE_NAMES.join(', ')}`);
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) expect(`structureNames.${key}`, 'a C identifier', name);
    out[key as keyof KernelStructureNames] = name;
  }
  return out;
}

function kernelArguments(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) expect('kernelArgs', 'an array of strings (the words after `--` of the pintos script)', value);
  return value.map((a, i) => {
    if (typeof a !== 'string' || a.length === 0) expect(`kernelArgs[${i}]`, 'a non-empty string', a);
    return a;
  });
}

/** Validates and resolves a full-system launch. Throws UserFacingError naming the first bad attribute. */
export function resolveSystemLaunch(args: PintosSystemLaunchArguments): SystemLaunchOptions {
  const cwd = resolveCwd(args.cwd);
  if (args.buildDir !== undefined && (typeof args.buildDir !== 'string' || args.buildDir.length === 0)) expect('buildDir', 'the path of a Pintos build directory', args.buildDir);
  const buildDir = path.resolve(cwd, args.buildDir ?? '.');
  if (!existsSync(buildDir) || !statSync(buildDir).isDirectory()) fail('buildDir', `${buildDir}: no such directory`);
  if (!existsSync(path.join(buildDir, 'os.dsk'))) fail('buildDir', `no os.dsk in ${buildDir}: give a Pintos build directory after make (for example vm/build)`);
  const kernelElf = path.join(buildDir, 'kernel.o');
  requireHostFile('buildDir', kernelElf);
  return {
    buildDir,
    kernelElf,
    kernelArgs: kernelArguments(args.kernelArgs),
    files: resolveFiles(args.files, buildDir),
    memoryMB: integerIn('memoryMB', args.memoryMB, SYSTEM_DEFAULT_MEMORY_MB, 2, 4096),
    fsDiskMB: optionalSize('fsDiskMB', args.fsDiskMB),
    swapDiskMB: optionalSize('swapDiskMB', args.swapDiskMB),
    stopOnEntry: boolean('stopOnEntry', args.stopOnEntry, false),
    sourceMap: resolveSourceMap([['sourceMap', args.sourceMap]]),
    structureNames: structureNames(args.structureNames),
    cwd,
  };
}
