// Disk images in the layout the Pintos-KAIST `pintos` script gives a kernel: the boot disk with
// the kernel command line patched into its boot sector, blank disks sized like `pintos-mkdisk`,
// and a scratch disk carrying "PUT" records (files for the kernel to copy in) and room for the
// "GET" records it writes back. Nothing here knows about a particular emulator: `pintos-vm
// --system`, the tests' QEMU runner and the embedded emulator's boot all take these byte arrays.

export const SECTOR_SIZE = 512;

/** Where the boot sector keeps the command line: a 32-bit argument count, then 128 bytes of
 *  NUL-terminated arguments, then the 0xaa55 signature at 0x1fe. */
export const CMDLINE_ARGC_OFFSET = 0x17a;
export const CMDLINE_ARGS_OFFSET = 0x17e;
export const CMDLINE_ARGS_LEN = 128;

/** The disks in the order the pintos script attaches them (IDE index 0-3: hd0:0, hd0:1, hd1:0,
 *  hd1:1). A missing disk leaves its position empty. */
export interface DiskSet {
  os: Uint8Array;
  fs?: Uint8Array;
  scratch?: Uint8Array;
  swap?: Uint8Array;
}

export const DISK_POSITIONS = ['os', 'fs', 'scratch', 'swap'] as const;
export type DiskRole = (typeof DISK_POSITIONS)[number];

/** Bytes of a disk of `mb` megabytes as pintos-mkdisk makes it: ceil(2 * mb) cylinders of
 *  16 heads x 63 sectors (0xfc000 bytes per megabyte). */
export function mkdiskBytes(mb: number): number {
  return Math.ceil(mb * 2) * 16 * 63 * SECTOR_SIZE;
}

/** A zero-filled disk of `mb` megabytes. */
export function blankDisk(mb: number): Uint8Array {
  return new Uint8Array(mkdiskBytes(mb));
}

/** The kernel arguments in the pintos script's order: the options (leading '-'), a `put NAME`
 *  pair per file put, the remaining arguments (the actions), then a `get NAME` pair per file. */
export function kernelArguments(args: string[], puts: string[] = [], gets: string[] = []): string[] {
  const firstAction = args.findIndex((a) => !a.startsWith('-'));
  const options = firstAction < 0 ? args : args.slice(0, firstAction);
  const actions = firstAction < 0 ? [] : args.slice(firstAction);
  return [...options, ...puts.flatMap((p) => ['put', p]), ...actions, ...gets.flatMap((g) => ['get', g])];
}

/** A copy of the boot disk `os` with `args` as its command line. Throws if the NUL-terminated
 *  arguments exceed 128 bytes. */
export function withCommandLine(os: Uint8Array, args: string[]): Uint8Array {
  const text = Buffer.from(args.map((a) => `${a}\0`).join(''), 'utf8');
  if (text.length > CMDLINE_ARGS_LEN) throw new Error(`command line exceeds ${CMDLINE_ARGS_LEN} bytes`);
  if (os.length < SECTOR_SIZE) throw new Error('boot disk is shorter than one sector');
  const out = Uint8Array.from(os);
  new DataView(out.buffer).setUint32(CMDLINE_ARGC_OFFSET, args.length, true);
  out.fill(0, CMDLINE_ARGS_OFFSET, CMDLINE_ARGS_OFFSET + CMDLINE_ARGS_LEN);
  out.set(text, CMDLINE_ARGS_OFFSET);
  return out;
}

/** Reads back the command line of a boot disk. */
export function readCommandLine(os: Uint8Array): string[] {
  const argc = new DataView(os.buffer, os.byteOffset).getUint32(CMDLINE_ARGC_OFFSET, true);
  const text = Buffer.from(os.subarray(CMDLINE_ARGS_OFFSET, CMDLINE_ARGS_OFFSET + CMDLINE_ARGS_LEN)).toString('utf8');
  return text.split('\0').slice(0, argc);
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/** The scratch disk: for each file a sector "PUT\0" + 32-bit size, then its bytes padded to whole
 *  sectors; then 1 MiB of zeros for each file to be got back, as the pintos script lays it out. */
export function scratchDisk(puts: { data: Uint8Array }[], getCount = 0): Uint8Array {
  const size = puts.reduce((n, p) => n + SECTOR_SIZE + roundUp(p.data.length, SECTOR_SIZE), 0) + getCount * 0x100000;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of puts) {
    out.set(Buffer.from('PUT\0', 'latin1'), at);
    new DataView(out.buffer).setUint32(at + 4, p.data.length, true);
    at += SECTOR_SIZE;
    out.set(p.data, at);
    at += roundUp(p.data.length, SECTOR_SIZE);
  }
  return out;
}

/** The files a kernel wrote back to the scratch disk: from sector 0, "GET\0" + size records each
 *  followed by the file's sectors. Stops at the first sector without the signature. */
export function readGets(scratch: Uint8Array, count: number): Uint8Array[] {
  const files: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; i < count && at + SECTOR_SIZE <= scratch.length; i++) {
    if (Buffer.from(scratch.subarray(at, at + 4)).toString('latin1') !== 'GET\0') break;
    const size = new DataView(scratch.buffer, scratch.byteOffset).getUint32(at + 4, true);
    at += SECTOR_SIZE;
    files.push(scratch.slice(at, at + size));
    at += roundUp(size, SECTOR_SIZE);
  }
  return files;
}

/** Sector `index` of `disk` (negative counts from the end). */
export function sector(disk: Uint8Array, index: number): Uint8Array {
  const count = Math.floor(disk.length / SECTOR_SIZE);
  const i = index < 0 ? count + index : index;
  return disk.subarray(i * SECTOR_SIZE, (i + 1) * SECTOR_SIZE);
}

/** Writes `label` (NUL-terminated) and a byte ramp into the last sector of `disk`. */
export function stampLastSector(disk: Uint8Array, label: string): void {
  const s = sector(disk, -1);
  for (let i = 0; i < SECTOR_SIZE; i++) s[i] = i & 0xff;
  const text = Buffer.from(`${label}\0`, 'latin1');
  s.set(text, 0);
}

/** 32-bit FNV-1a, the hash the test kernel prints. */
export function fnv1a(bytes: Uint8Array): number {
  let h = 2166136261;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h >>> 0;
}
