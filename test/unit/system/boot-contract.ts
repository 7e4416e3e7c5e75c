// The state in which the test kernel's boot sector (like Pintos-KAIST's loader) hands the machine
// to the kernel, as data: an emulator that boots a kernel directly, without running the boot
// sector, loads the image and sets these registers and memory. systest/README.md ("Boot
// contract") is the prose version.
import { SECTOR_SIZE } from './disks';

/** Physical address the kernel image (sectors 1 ... N of the boot disk) is loaded at. */
export const KERNEL_LOAD_ADDRESS = 0x200000;

/** Registers at the kernel's first instruction: 32-bit protected mode, paging off, interrupts
 *  off, flat segments from LOADER_GDT. ESP points at the loader's (unused) return address. */
export const ENTRY_STATE = {
  eip: 0x200000,
  eax: 0x200000,
  esp: 0x22fffc,
  eflags: 0x2,
  cr0: 0x11,
  cs: 0x08,
  ds: 0x10,
  es: 0x10,
  fs: 0x10,
  gs: 0x10,
  ss: 0x10,
} as const;

/** The loader's GDT: null, 32-bit flat code (0x08), flat data (0x10). */
export const LOADER_GDT: readonly bigint[] = [0n, 0x00cf9a000000ffffn, 0x00cf92000000ffffn];

/** The boot sector stays at 0x7c00; the command line is read from inside it. */
export const BOOT_SECTOR_ADDRESS = 0x7c00;
export const CMDLINE_ARGC_ADDRESS = 0x7d7a;
export const CMDLINE_ARGS_ADDRESS = 0x7d7e;

/** The memory-map block: flags (0x40 = map present) at 0x7000, the map's byte length at 0x702c,
 *  its address at 0x7030, and 24-byte records {u32 size, u64 base, u64 length, u32 type} from
 *  0x7034. */
export const MEMORY_MAP_ADDRESS = 0x7000;
export const MEMORY_MAP_RECORDS = 0x7034;

export interface E820Range {
  base: bigint;
  length: bigint;
  /** 1 usable, 2 reserved, 3 ACPI reclaimable, ... */
  type: number;
}

/** The bytes to place at MEMORY_MAP_ADDRESS for `ranges` (each record's size word is 20, as a BIOS
 *  that returns no extended attributes reports). */
export function memoryMapBlock(ranges: E820Range[]): Uint8Array {
  const out = new Uint8Array(MEMORY_MAP_RECORDS - MEMORY_MAP_ADDRESS + 24 * ranges.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x40, true);
  v.setUint32(44, 24 * ranges.length, true);
  v.setUint32(48, MEMORY_MAP_RECORDS, true);
  ranges.forEach((r, i) => {
    const at = MEMORY_MAP_RECORDS - MEMORY_MAP_ADDRESS + 24 * i;
    v.setUint32(at, 20, true);
    v.setBigUint64(at + 4, r.base, true);
    v.setBigUint64(at + 12, r.length, true);
    v.setUint32(at + 20, r.type, true);
  });
  return out;
}

/** The map SeaBIOS reports under QEMU 7.2's PC machine with `memoryMb` of RAM (up to 3.5 GiB),
 *  as the boot sector stores it: low memory, the EBDA and BIOS areas, memory above 1 MiB less
 *  128 KiB at the top, the BIOS flash below 4 GiB, and the reserved window below 1 TiB. */
export function seabiosMemoryMap(memoryMb: number): E820Range[] {
  const top = BigInt(memoryMb) << 20n;
  return [
    { base: 0n, length: 0x9fc00n, type: 1 },
    { base: 0x9fc00n, length: 0x400n, type: 2 },
    { base: 0xf0000n, length: 0x10000n, type: 2 },
    { base: 0x100000n, length: top - 0x20000n - 0x100000n, type: 1 },
    { base: top - 0x20000n, length: 0x20000n, type: 2 },
    { base: 0xfffc0000n, length: 0x40000n, type: 2 },
    { base: 0xfd00000000n, length: 0x300000000n, type: 2 },
  ];
}

/** The kernel image of a boot disk: everything after the boot sector (the loader reads exactly
 *  that many sectors, as its count is taken from kernel.bin's size). */
export function kernelImage(os: Uint8Array): Uint8Array {
  return os.subarray(SECTOR_SIZE);
}
