import { strict as assert } from 'node:assert';
import { type DiskImage, IdeController, type PintosDisks } from '../../../../src/emu/pc/ide';
import { BlockDevice } from '../../../../src/kernel/devices/block-device';
import { PicPair } from '../../../../src/emu/pc/pic8259';
import { PortBus } from '../../../../src/emu/pc/port-bus';
import { MemDisk, inb, inw, outb, outw, picInit, serviceInterrupts } from './pintos-io';

const BSY = 0x80;
const DRDY = 0x40;
const DRQ = 0x08;
const ERR = 0x01;

function setup(disks: PintosDisks) {
  const bus = new PortBus();
  const pic = new PicPair();
  const ide = new IdeController(pic.line(14), pic.line(15), disks);
  pic.attach(bus);
  ide.attach(bus);
  picInit(bus);
  return { bus, pic, ide };
}

interface Detected {
  name: string;
  capacity: number;
  model: string;
  serial: string;
}

/** The ATA driver of a Pintos kernel, as port traffic; delays are no-ops, waits poll with a limit. */
class DiskDriver {
  readonly bases = [0x1f0, 0x170];
  expecting = [false, false];
  completions = [0, 0];
  unexpected = 0;
  readonly handlers = new Map([0, 1].map((c) => [0x2e + c, () => this.interrupt(c)]));

  constructor(readonly f: ReturnType<typeof setup>) {}

  interrupt(c: number) {
    if (!this.expecting[c]) {
      this.unexpected++;
      return;
    }
    inb(this.f.bus, this.bases[c] + 7); // acknowledges INTRQ
    this.completions[c]++;
  }

  /** Interrupts are on: the CPU takes what is pending. */
  cpu() {
    serviceInterrupts(this.f.bus, this.f.pic, this.handlers);
  }

  /** Waits for the channel's completion interrupt (the semaphore the handler ups). */
  semaDown(c: number) {
    this.cpu();
    if (this.completions[c] === 0) throw new Error(`hd${c}: no completion interrupt; the kernel would block forever`);
    this.completions[c]--;
    this.expecting[c] = false;
  }

  selectDevice(c: number, dev: number) {
    outb(this.f.bus, this.bases[c] + 6, 0xa0 | (dev << 4));
    inb(this.f.bus, this.bases[c] + 0x206);
  }

  waitUntilIdle(c: number) {
    for (let i = 0; i < 1000; i++) if ((inb(this.f.bus, this.bases[c] + 7) & (BSY | DRQ)) === 0) return;
    throw new Error(`hd${c}: idle timeout`);
  }

  /** Polls alternate status until BSY clears; returns DRQ. */
  waitWhileBusy(c: number): boolean {
    for (let i = 0; i < 3000; i++) {
      if (!(inb(this.f.bus, this.bases[c] + 0x206) & BSY)) return (inb(this.f.bus, this.bases[c] + 0x206) & DRQ) !== 0;
    }
    return false;
  }

  selectDeviceWait(c: number, dev: number) {
    this.waitUntilIdle(c);
    this.selectDevice(c, dev);
    this.waitUntilIdle(c);
  }

  resetChannel(c: number) {
    const { bus } = this.f;
    const base = this.bases[c];
    const present = [0, 1].map((dev) => {
      this.selectDevice(c, dev);
      for (const [a, b] of [[0x55, 0xaa], [0xaa, 0x55], [0x55, 0xaa]]) {
        outb(bus, base + 2, a);
        outb(bus, base + 3, b);
      }
      return inb(bus, base + 2) === 0x55 && inb(bus, base + 3) === 0xaa;
    });
    outb(bus, base + 0x206, 0);
    outb(bus, base + 0x206, 0x04);
    outb(bus, base + 0x206, 0);
    if (present[0]) {
      this.selectDevice(c, 0);
      this.waitWhileBusy(c);
    }
    if (present[1]) {
      this.selectDevice(c, 1);
      let i = 0;
      while (!(inb(bus, base + 2) === 1 && inb(bus, base + 3) === 1) && ++i < 3000);
      assert.ok(i < 3000, 'device 1 shows its reset signature');
      this.waitWhileBusy(c);
    }
    return present;
  }

  /** Returns [isAta, maySlaveExist]. */
  checkDeviceType(c: number, dev: number): [boolean, boolean] {
    const { bus } = this.f;
    const base = this.bases[c];
    this.selectDevice(c, dev);
    const error = inb(bus, base + 1);
    const lbam = inb(bus, base + 4);
    const lbah = inb(bus, base + 5);
    const status = inb(bus, base + 7);
    if ((error !== 1 && (error !== 0x81 || dev === 1)) || !(status & DRDY) || status & BSY) return [false, error !== 0x81];
    return [(lbam === 0 && lbah === 0) || (lbam === 0x3c && lbah === 0xc3), true];
  }

  issue(c: number, command: number) {
    this.expecting[c] = true;
    outb(this.f.bus, this.bases[c] + 7, command);
  }

  inputSector(c: number): Uint8Array {
    const words = new Uint16Array(256);
    for (let i = 0; i < 256; i++) words[i] = inw(this.f.bus, this.bases[c]);
    return new Uint8Array(words.buffer);
  }

  outputSector(c: number, data: Uint8Array) {
    const words = new Uint16Array(data.slice().buffer);
    for (let i = 0; i < 256; i++) outw(this.f.bus, this.bases[c], words[i]);
  }

  identify(c: number, dev: number): Detected | undefined {
    this.selectDeviceWait(c, dev);
    this.issue(c, 0xec);
    this.semaDown(c);
    if (!this.waitWhileBusy(c)) return undefined;
    const id = this.inputSector(c);
    const word = (i: number) => id[2 * i] | (id[2 * i + 1] << 8);
    return { name: `hd${c}:${dev}`, capacity: word(60) | (word(61) << 16), model: ataString(id, 27, 40), serial: ataString(id, 10, 20) };
  }

  /** disk_init: reset each channel, find ATA disks, identify them. */
  init(): Detected[] {
    const found: Detected[] = [];
    for (const c of [0, 1]) {
      this.resetChannel(c);
      const ata = [false, false];
      let maySlave: boolean;
      [ata[0], maySlave] = this.checkDeviceType(c, 0);
      if (maySlave) ata[1] = this.checkDeviceType(c, 1)[0];
      for (const dev of [0, 1]) {
        const d = ata[dev] ? this.identify(c, dev) : undefined;
        if (d) found.push(d);
      }
    }
    return found;
  }

  selectSector(c: number, dev: number, sector: number) {
    const { bus } = this.f;
    const base = this.bases[c];
    this.selectDeviceWait(c, dev);
    outb(bus, base + 2, 1);
    outb(bus, base + 3, sector);
    outb(bus, base + 4, sector >> 8);
    outb(bus, base + 5, sector >> 16);
    outb(bus, base + 6, 0xe0 | (dev << 4) | (sector >>> 24));
  }

  /** disk_read: returns the sector, or undefined where the kernel would panic ("disk read failed"). */
  read(c: number, dev: number, sector: number): Uint8Array | undefined {
    this.selectSector(c, dev, sector);
    this.issue(c, 0x20);
    this.semaDown(c);
    if (!this.waitWhileBusy(c)) return undefined;
    return this.inputSector(c);
  }

  /** disk_write: false where the kernel would panic ("disk write failed"). */
  write(c: number, dev: number, sector: number, data: Uint8Array): boolean {
    this.selectSector(c, dev, sector);
    this.issue(c, 0x30);
    if (!this.waitWhileBusy(c)) return false;
    this.outputSector(c, data);
    this.semaDown(c);
    return true;
  }
}

/** An ATA string the way the kernel prints it: byte pairs swapped, trailing blanks and NULs dropped. */
function ataString(id: Uint8Array, firstWord: number, size: number): string {
  let text = '';
  for (let i = 0; i < size; i++) text += String.fromCharCode(id[2 * firstWord + (i ^ 1)]);
  return text.replace(/[\s\0]+$/, '');
}

describe('pc: ATA (IDE) controller', () => {
  it('disk_init finds the disks where utils/pintos puts them, with their capacities', () => {
    const f = setup({ os: new MemDisk(1000), fs: new MemDisk(4032), swap: new MemDisk(8192) });
    const driver = new DiskDriver(f);
    const found = driver.init();
    assert.deepEqual(found.map((d) => [d.name, d.capacity]), [['hd0:0', 1000], ['hd0:1', 4032], ['hd1:1', 8192]]);
    assert.equal(found[0].model, 'PINTOS VM DEBUGGER HARDDISK');
    assert.equal(found[1].serial, 'PVD00002');
    assert.equal(driver.unexpected, 0);
    assert.equal(f.pic.pending(), false);
  });

  it('a channel with no disks reads 0 everywhere and disk_init finds nothing on it', () => {
    const f = setup({ os: new MemDisk(100) });
    for (let port = 0x170; port <= 0x177; port++) assert.equal(inb(f.bus, port), 0);
    assert.equal(inb(f.bus, 0x376), 0);
    assert.deepEqual(new DiskDriver(f).init().map((d) => d.name), ['hd0:0']);
  });

  it('an absent slave reads 0 from status and error but the shared task-file registers echo writes', () => {
    const f = setup({ os: new MemDisk(100) });
    outb(f.bus, 0x1f6, 0xb0);
    outb(f.bus, 0x1f2, 0x55);
    assert.deepEqual([inb(f.bus, 0x1f7), inb(f.bus, 0x3f6), inb(f.bus, 0x1f1), inb(f.bus, 0x1f2)], [0, 0, 0, 0x55]);
    outb(f.bus, 0x1f7, 0xec); // ignored: nobody there
    assert.equal(f.pic.pending(), false);
  });

  it('IDENTIFY DEVICE data: fixed disk, LBA, capacity in words 60-61, a valid integrity word', () => {
    const f = setup({ fs: new MemDisk(0x12345), os: new MemDisk(10) });
    const driver = new DiskDriver(f);
    driver.selectDeviceWait(0, 1);
    driver.issue(0, 0xec);
    driver.semaDown(0);
    assert.ok(driver.waitWhileBusy(0));
    const id = driver.inputSector(0);
    const word = (i: number) => id[2 * i] | (id[2 * i + 1] << 8);
    assert.equal(word(0), 0x0040);
    assert.equal(word(49) & 0x0200, 0x0200);
    assert.equal(word(60) | (word(61) << 16), 0x12345);
    assert.equal(id.reduce((a, b) => a + b, 0) % 256, 0);
    assert.equal(word(255) & 0xff, 0xa5);
    assert.equal(inb(f.bus, 0x1f7) & (BSY | DRQ), 0);
  });

  it('disk_read: command, completion interrupt, 256 data-port words; the status then shows idle', () => {
    const os = new MemDisk(64, (s) => s * 7);
    const f = setup({ os });
    const driver = new DiskDriver(f);
    driver.init();
    for (const sector of [0, 1, 63]) assert.deepEqual(driver.read(0, 0, sector), os.sector(sector));
    assert.equal(inb(f.bus, 0x1f7), DRDY | 0x10);
    assert.equal(os.reads, 3);
  });

  it('disk_write: data goes out after DRQ, the completion interrupt follows, the disk holds it', () => {
    const swap = new MemDisk(16);
    const f = setup({ os: new MemDisk(8), swap });
    const driver = new DiskDriver(f);
    driver.init();
    const data = new Uint8Array(512).map((_, i) => (i * 31) & 0xff);
    assert.equal(driver.write(1, 1, 9, data), true);
    assert.deepEqual(swap.sector(9), data);
    assert.deepEqual(driver.read(1, 1, 9), data);
  });

  it('reading or writing past the end of the disk ends the command with ERR and IDNF, not an exception', () => {
    const fs = new MemDisk(10);
    const f = setup({ os: new MemDisk(10), fs });
    const driver = new DiskDriver(f);
    driver.init();
    assert.equal(driver.read(0, 1, 10), undefined);
    assert.equal(inb(f.bus, 0x1f7), DRDY | ERR);
    assert.equal(inb(f.bus, 0x1f1), 0x10);
    assert.equal(driver.write(0, 1, 12, new Uint8Array(512)), false);
    assert.equal(inb(f.bus, 0x1f7) & (ERR | DRQ), ERR);
    assert.equal(fs.writes, 0);
    assert.deepEqual(driver.read(0, 1, 9), fs.sector(9), 'the next command works');
  });

  it('the boot loader: nIEN set, polled multi-step reads of sector after sector, no interrupts', () => {
    const os = new MemDisk(40, (s) => s + 1);
    const f = setup({ os });
    outb(f.bus, 0x3f6, 0x02);
    for (let sector = 1; sector < 9; sector++) {
      while (inb(f.bus, 0x1f7) & BSY);
      outb(f.bus, 0x1f2, 1);
      let address = (sector & 0x0fffffff) | 0xe0000000;
      for (let port = 0x1f3; port <= 0x1f6; port++, address >>>= 8) outb(f.bus, port, address & 0xff);
      outb(f.bus, 0x1f7, 0x20);
      while (inb(f.bus, 0x1f7) & BSY);
      while (!(inb(f.bus, 0x1f7) & DRQ));
      const words = Array.from({ length: 256 }, () => inw(f.bus, 0x1f0));
      assert.deepEqual(new Uint8Array(new Uint16Array(words).buffer), os.sector(sector));
    }
    assert.equal(f.pic.pending(), false);
  });

  it('a multi-sector read interrupts once per sector and takes 32-bit data reads', () => {
    const os = new MemDisk(40, (s) => 3 * s);
    const f = setup({ os });
    outb(f.bus, 0x1f6, 0xe0);
    outb(f.bus, 0x1f2, 3);
    outb(f.bus, 0x1f3, 5);
    outb(f.bus, 0x1f4, 0);
    outb(f.bus, 0x1f5, 0);
    outb(f.bus, 0x1f7, 0x20);
    const vectors: number[] = [];
    for (let s = 5; s < 8; s++) {
      vectors.push(...serviceInterrupts(f.bus, f.pic, new Map([[0x2e, () => inb(f.bus, 0x1f7)]])));
      const dwords = Array.from({ length: 128 }, () => f.bus.in(0x1f0, 4));
      assert.deepEqual(new Uint8Array(new Uint32Array(dwords).buffer), os.sector(s));
    }
    assert.deepEqual(vectors, [0x2e, 0x2e, 0x2e]);
    assert.deepEqual([inb(f.bus, 0x1f3), inb(f.bus, 0x1f2), inb(f.bus, 0x1f7)], [7, 0, DRDY | 0x10], 'the task file names the last sector');
  });

  it("the kernel layer's BlockDevice serves as a disk as it is", () => {
    const fs: DiskImage = new BlockDevice('hd0:1', 64);
    const f = setup({ os: new MemDisk(8), fs });
    const driver = new DiskDriver(f);
    assert.deepEqual(driver.init().map((d) => d.capacity), [8, 64]);
    const data = new Uint8Array(512).fill(0x5a);
    assert.equal(driver.write(0, 1, 63, data), true);
    assert.deepEqual(driver.read(0, 1, 63), data);
  });

  it('an unknown command is aborted with ERR and ABRT', () => {
    const f = setup({ os: new MemDisk(4) });
    outb(f.bus, 0x1f7, 0xc8); // READ DMA: not offered
    assert.deepEqual([inb(f.bus, 0x1f7), inb(f.bus, 0x1f1)], [DRDY | ERR, 0x04]);
  });

  it('snapshot mid-transfer: restoring and reading on gives the same words', () => {
    const os = new MemDisk(8, (s) => 11 * s);
    const f = setup({ os });
    const driver = new DiskDriver(f);
    driver.init();
    driver.selectSector(0, 0, 3);
    driver.issue(0, 0x20);
    driver.semaDown(0);
    for (let i = 0; i < 100; i++) inw(f.bus, 0x1f0);
    const s = JSON.parse(JSON.stringify({ ide: f.ide.snapshot(), pic: f.pic.snapshot() }));
    const rest = () => Array.from({ length: 156 }, () => inw(f.bus, 0x1f0)).concat([inb(f.bus, 0x1f7)]);
    const first = rest();
    f.ide.restore(s.ide);
    f.pic.restore(s.pic);
    assert.deepEqual(rest(), first);
    assert.equal(first[155], os.sector(3)[510] | (os.sector(3)[511] << 8));
    assert.equal(first[156], DRDY | 0x10);
  });
});
