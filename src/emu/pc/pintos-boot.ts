// Booting a kernel the way the Pintos-KAIST loader hands the machine over, without running the
// loader (as QEMU's -kernel boots without a boot sector): the boot disk's sector 0 at 0x7c00 (where
// the kernel reads its command line), the rest of the disk (the kernel image) at physical
// 0x200000, the BIOS memory map at 0x7000, the loader's flat GDT, and the CPU in 32-bit protected
// mode with paging and interrupts off at the kernel's entry. systest/README.md ("Boot contract")
// gives the same state in prose.
import type { PcMachine } from './pc-machine';
import { Reg } from '../cpu/registers';
import { setStatusFlags } from '../cpu/lazy-flags';

/** Physical addresses of the hand-over. */
export const PINTOS_BOOT = {
  bootSector: 0x7c00,
  kernel: 0x200000,
  memoryMap: 0x7000,
  memoryMapRecords: 0x7034,
  gdt: 0x6f00,
  stack: 0x22fffc,
} as const;

/** One range of the BIOS memory map. */
export interface MemoryRange {
  base: number;
  length: number;
  /** 1 usable, 2 reserved */
  type: number;
}

/** The memory map a PC BIOS reports for `ramBytes` of RAM (below 3.5 GiB): the 639 KiB of low
 *  memory, the extended BIOS data area and the BIOS ROM reserved, the RAM above 1 MiB less the
 *  top 128 KiB (kept by the firmware), the flash below 4 GiB and the window below 1 TiB. */
export function pcMemoryMap(ramBytes: number): MemoryRange[] {
  return [
    { base: 0, length: 0x9fc00, type: 1 },
    { base: 0x9fc00, length: 0x400, type: 2 },
    { base: 0xf0000, length: 0x10000, type: 2 },
    { base: 0x100000, length: ramBytes - 0x20000 - 0x100000, type: 1 },
    { base: ramBytes - 0x20000, length: 0x20000, type: 2 },
    { base: 0xfffc0000, length: 0x40000, type: 2 },
    { base: 0xfd00000000, length: 0x300000000, type: 2 },
  ];
}

/** The loader's GDT: null, 32-bit flat code (selector 0x08), flat data (0x10). */
const LOADER_GDT: readonly [number, number][] = [[0, 0], [0x0000ffff, 0x00cf9a00], [0x0000ffff, 0x00cf9200]];

/**
 * Loads the boot disk image `os` (sector 0 the boot sector with the command line, then the kernel)
 * into `pc`'s RAM and sets the CPU at the kernel's entry as the loader leaves it. Throws when the
 * image does not fit in RAM (a caller's error: too little memory for the kernel).
 */
export function bootPintosDirect(pc: PcMachine, os: Uint8Array): void {
  const ram = pc.memory.phys.ram;
  const kernel = os.subarray(512);
  if (PINTOS_BOOT.kernel + kernel.length > ram.length) throw new Error(`the kernel image (${kernel.length} bytes) does not fit in ${ram.length} bytes of RAM`);
  ram.set(os.subarray(0, 512), PINTOS_BOOT.bootSector);
  ram.set(kernel, PINTOS_BOOT.kernel);
  writeMemoryMap(pc, pcMemoryMap(ram.length));
  const view = pc.memory.phys.view;
  LOADER_GDT.forEach(([lo, hi], i) => {
    view.setUint32(PINTOS_BOOT.gdt + i * 8, lo, true);
    view.setUint32(PINTOS_BOOT.gdt + i * 8 + 4, hi, true);
  });
  view.setUint32(PINTOS_BOOT.stack, 0, true);
  const cpu = pc.machine.cpu;
  Object.assign(cpu.sys, { gdtBase: PINTOS_BOOT.gdt, gdtLimit: LOADER_GDT.length * 8 - 1, idtBase: 0, idtLimit: 0x3ff });
  cpu.sys.selectors = [0x10, 0x08, 0x10, 0x10, 0x10, 0x10];
  cpu.r64.fill(0n, 0, 16);
  cpu.r32[Reg.RAX * 2] = PINTOS_BOOT.kernel;
  cpu.r32[Reg.RSP * 2] = PINTOS_BOOT.stack;
  setStatusFlags(cpu, 0x8d5, 0);
  cpu.controlFlags = 0x2;
  cpu.rip = PINTOS_BOOT.kernel;
  // the loader read the kernel with the primary channel's interrupts off (nIEN)
  pc.devices.out(0x3f6, 1, 0x02);
}

/** Writes the multiboot-like block the loader leaves at 0x7000: flags (0x40: a memory map), the
 *  map's length at +0x2c and address at +0x30, then 24-byte records {u32 20, u64 base, u64 length,
 *  u32 type}. */
function writeMemoryMap(pc: PcMachine, ranges: readonly MemoryRange[]): void {
  const v = pc.memory.phys.view;
  const at = PINTOS_BOOT.memoryMap;
  v.setUint32(at, 0x40, true);
  v.setUint32(at + 0x2c, ranges.length * 24, true);
  v.setUint32(at + 0x30, PINTOS_BOOT.memoryMapRecords, true);
  ranges.forEach((r, i) => {
    const rec = PINTOS_BOOT.memoryMapRecords + i * 24;
    v.setUint32(rec, 20, true);
    v.setBigUint64(rec + 4, BigInt(r.base), true);
    v.setBigUint64(rec + 12, BigInt(r.length), true);
    v.setUint32(rec + 20, r.type, true);
  });
}
