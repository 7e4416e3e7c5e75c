// The launch.json schema of package.json names exactly the attributes of PintosLaunchArguments
// and of the full-system mode's PintosSystemLaunchArguments, with the same defaults and enum values.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EVICTION_POLICY_NAMES, LAUNCH_DEFAULTS, type PintosLaunchArguments, type PintosSystemLaunchArguments } from '../../../src/shared/launch';

/** One entry per attribute: the compiler rejects a missing or an extra key. */
const ALL_ATTRIBUTES: { [K in keyof Required<PintosLaunchArguments>]: true } = {
  program: true,
  args: true,
  files: true,
  memoryMB: true,
  swapDisk: true,
  evictionPolicy: true,
  seed: true,
  stdin: true,
  stopOnEntry: true,
  stopAtEnd: true,
  guestSpeed: true,
  historyMB: true,
  sourceMap: true,
  sourceFileMap: true,
  checkInvariants: true,
  trace: true,
  cwd: true,
};

/** The same for the full-system mode. */
const SYSTEM_ATTRIBUTES: { [K in keyof Required<PintosSystemLaunchArguments>]: true } = {
  system: true,
  buildDir: true,
  kernelArgs: true,
  files: true,
  memoryMB: true,
  fsDiskMB: true,
  swapDiskMB: true,
  stopOnEntry: true,
  sourceMap: true,
  structureNames: true,
  cwd: true,
};

interface Manifest {
  contributes: {
    debuggers: { type: string; configurationAttributes: { launch: { required: string[]; properties: Record<string, { default?: unknown; enum?: string[] }> } } }[];
    breakpoints: { language: string }[];
  };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const launch = manifest.contributes.debuggers.find((d) => d.type === 'pintos')!.configurationAttributes.launch;

describe('launch.json schema', () => {
  it('has exactly the attributes of both launch modes', () => {
    assert.deepEqual(Object.keys(launch.properties).sort(), [...new Set([...Object.keys(ALL_ATTRIBUTES), ...Object.keys(SYSTEM_ATTRIBUTES)])].sort());
    // a full-system launch has no program; the configuration provider asks for one otherwise
    assert.deepEqual(launch.required, []);
  });

  it('gives the defaults the adapter applies', () => {
    for (const [key, value] of Object.entries(LAUNCH_DEFAULTS)) assert.deepEqual(launch.properties[key].default, value, key);
  });

  it('lists every eviction policy', () => {
    assert.deepEqual(launch.properties.evictionPolicy.enum, [...EVICTION_POLICY_NAMES]);
  });

  it('enables breakpoints in C and assembly', () => {
    assert.deepEqual(manifest.contributes.breakpoints.map((b) => b.language).sort(), ['asm', 'assembly', 'c']);
  });
});
