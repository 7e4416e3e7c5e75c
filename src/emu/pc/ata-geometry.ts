// ATA addressing and identity: the CHS geometry a disk reports, conversion between an LBA and the
// task-file registers (LBA28, or CHS), and the 256 words IDENTIFY DEVICE returns.

/** What IDENTIFY DEVICE reports besides the size. */
export interface DiskIdentity {
  model?: string;
  serial?: string;
  firmware?: string;
}

/** The address registers of the task file. */
export interface TaskFile {
  lbal: number;
  lbam: number;
  lbah: number;
  device: number;
}

/** The geometry reported for every disk (cylinders follow from the size). */
export const HEADS = 16;
export const SECTORS_PER_TRACK = 63;

/** The LBA the task file names (LBA28, or CHS under a 16-head, 63-sector geometry); undefined for sector 0 in CHS. */
export function addressOf(d: TaskFile): number | undefined {
  if (d.device & 0x40) return ((d.device & 0x0f) << 24) | (d.lbah << 16) | (d.lbam << 8) | d.lbal;
  if (d.lbal === 0) return undefined;
  const cylinder = (d.lbah << 8) | d.lbam;
  return (cylinder * HEADS + (d.device & 0x0f)) * SECTORS_PER_TRACK + d.lbal - 1;
}

/** Writes `lba` back into the task file in the addressing mode the command used. */
export function setAddress(d: TaskFile, lba: number): void {
  if (d.device & 0x40) {
    Object.assign(d, { lbal: lba & 0xff, lbam: (lba >> 8) & 0xff, lbah: (lba >> 16) & 0xff, device: (d.device & 0xf0) | ((lba >> 24) & 0x0f) });
    return;
  }
  const cylinder = Math.floor(lba / (HEADS * SECTORS_PER_TRACK));
  const rest = lba % (HEADS * SECTORS_PER_TRACK);
  Object.assign(d, {
    lbal: (rest % SECTORS_PER_TRACK) + 1, lbam: cylinder & 0xff, lbah: (cylinder >> 8) & 0xff,
    device: (d.device & 0xf0) | Math.floor(rest / SECTORS_PER_TRACK),
  });
}

/** Fills `buf` (512 bytes) with IDENTIFY DEVICE data of a fixed, LBA-capable, PIO-only ATA disk of `sectorCount` sectors. */
export function fillIdentify(buf: Uint8Array, sectorCount: number, identity: DiskIdentity): void {
  buf.fill(0);
  const word = (i: number, v: number) => {
    buf[2 * i] = v & 0xff;
    buf[2 * i + 1] = (v >> 8) & 0xff;
  };
  const text = (first: number, words: number, s = '') => {
    const padded = s.slice(0, words * 2).padEnd(words * 2, ' ');
    for (let i = 0; i < words; i++) word(first + i, (padded.charCodeAt(2 * i) << 8) | padded.charCodeAt(2 * i + 1));
  };
  const lba28 = Math.min(sectorCount, 0x0fff_ffff);
  const cylinders = Math.max(1, Math.min(16383, Math.floor(sectorCount / (HEADS * SECTORS_PER_TRACK))));
  const chsSectors = cylinders * HEADS * SECTORS_PER_TRACK;
  word(0, 0x0040); // fixed disk
  word(1, cylinders);
  word(3, HEADS);
  word(6, SECTORS_PER_TRACK);
  text(10, 10, identity.serial);
  text(23, 4, identity.firmware);
  text(27, 20, identity.model);
  word(49, 0x0200); // LBA supported
  word(50, 0x4000);
  word(51, 0x0200); // PIO mode 2 timing
  word(53, 0x0001); // words 54-58 valid
  word(54, cylinders);
  word(55, HEADS);
  word(56, SECTORS_PER_TRACK);
  word(57, chsSectors & 0xffff);
  word(58, chsSectors >>> 16);
  word(60, lba28 & 0xffff);
  word(61, lba28 >>> 16);
  word(80, 0x007e); // ATA-1 to ATA-6
  word(83, 0x4000);
  word(84, 0x4000);
  word(87, 0x4000);
  let sum = 0xa5;
  for (let i = 0; i < 510; i++) sum += buf[i];
  word(255, (((256 - (sum & 0xff)) & 0xff) << 8) | 0xa5); // integrity word: all 512 bytes sum to 0
}
