// The launch.json schema of package.json names exactly the attributes of PintosLaunchArguments,
// with the same defaults and enum values.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EVICTION_POLICY_NAMES, LAUNCH_DEFAULTS, type PintosLaunchArguments } from '../../../src/shared/launch';

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

interface Manifest {
  contributes: {
    debuggers: { type: string; configurationAttributes: { launch: { required: string[]; properties: Record<string, { default?: unknown; enum?: string[] }> } } }[];
    breakpoints: { language: string }[];
  };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const launch = manifest.contributes.debuggers.find((d) => d.type === 'pintos')!.configurationAttributes.launch;

describe('launch.json schema', () => {
  it('has exactly the attributes of PintosLaunchArguments', () => {
    assert.deepEqual(Object.keys(launch.properties).sort(), Object.keys(ALL_ATTRIBUTES).sort());
    assert.deepEqual(launch.required, ['program']);
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
