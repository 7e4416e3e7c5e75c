// The test kernel of systest/ on our own PC: its disks as BlockDevices, booted in the state the
// boot sector leaves, with the serial output gathered.
import { PcMachine } from '../../../src/emu/pc/pc-machine';
import { bootPintosDirect } from '../../../src/emu/pc/pintos-boot';
import { BlockDevice } from '../../../src/kernel/devices/block-device';
import { systestDisks } from './systest-disks';

/** A BlockDevice holding `bytes`. */
function disk(name: string, bytes: Uint8Array): BlockDevice {
  const d = new BlockDevice(name, bytes.length / 512);
  for (let s = 0; s < d.sectorCount; s++) d.write(s, bytes.subarray(s * 512, s * 512 + 512));
  return d;
}

/** The test kernel's PC, booted in the loader's hand-over state, with its disks and serial output. */
export function bootedPc() {
  const set = systestDisks();
  const bytes: number[] = [];
  const disks = { os: disk('hd0:0', set.os!), fs: disk('hd0:1', set.fs!), scratch: disk('hd1:0', set.scratch!), swap: disk('hd1:1', set.swap!) };
  const pc = new PcMachine({
    ramBytes: 256 * 1024 * 1024,
    instructionsPerSecond: 100_000_000,
    disks,
    serialSink: (b: number) => void bytes.push(b),
    startTime: 1_700_000_000,
  });
  bootPintosDirect(pc, set.os!);
  return { pc, disks, bytes };
}

/** Runs `pc` to its end (at most 2 G instructions); returns how it ended. */
export function runToEnd(pc: PcMachine): string {
  let stop = pc.run(50_000_000);
  for (let k = 0; k < 40 && stop.kind === 'budget'; k++) stop = pc.run(50_000_000);
  return JSON.stringify(stop);
}
