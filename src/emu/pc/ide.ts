// The PC's two legacy ATA channels in PIO mode: primary at 0x1F0-0x1F7 + 0x3F6 (IRQ14) and
// secondary at 0x170-0x177 + 0x376 (IRQ15), each with a master and a slave position.
//
// Behaviour follows ATA-3 and QEMU where the two leave room: writes to the command block reach
// both drives, reads come from the selected one; a selected slave that is absent reads 0 from
// status and error; a channel with no drive at all reads 0 everywhere; a soft reset leaves the
// signature (sector count 1, LBA low 1, LBA mid/high 0 for a disk, 0xFF for an empty position)
// and error 1. Commands complete at once (BSY is only seen while SRST is held). An address past
// the end of the disk ends the command with ERR and IDNF, never a host exception; an exception
// thrown by a disk itself is a host failure and propagates.

import type { IrqLine } from './pic8259';
import { type DiskIdentity, addressOf, fillIdentify, setAddress } from './ata-geometry';
import type { AccessSize, PortBus } from './port-bus';

export type { DiskIdentity };

/** A disk of 512-byte sectors. The kernel layer's BlockDevice has this shape. */
export interface DiskImage {
  readonly sectorCount: number;
  /** Copies sector `sector` into `dst[0..512)`. */
  read(sector: number, dst: Uint8Array): void;
  /** Stores `src[0..512)` as sector `sector`. */
  write(sector: number, src: Uint8Array): void;
}

export interface IdeDriveState {
  features: number;
  nsect: number;
  lbal: number;
  lbam: number;
  lbah: number;
  device: number;
  status: number;
  error: number;
  /** what the data port moves: 0 nothing, 1 sector in, 2 identify data in, 3 sector out */
  transfer: number;
  /** byte position in the sector buffer */
  index: number;
  /** LBA of the sector in the buffer */
  sector: number;
  /** sectors left in the command, the current one included */
  remaining: number;
  /** the sector buffer (empty in the live state, which keeps it in a typed array) */
  buffer: number[];
}

export interface IdeChannelSnapshot {
  selected: number;
  control: number;
  irqPending: boolean;
  irqLevel: boolean;
  drives: IdeDriveState[];
}

export const SECTOR_BYTES = 512;
const BSY = 0x80;
const DRDY = 0x40;
const DSC = 0x10;
const DRQ = 0x08;
const ERR = 0x01;
const READY = DRDY | DSC;
const ABRT = 0x04;
const IDNF = 0x10;
const CTL_NIEN = 0x02;
const CTL_SRST = 0x04;
const NONE: number = 0;
const SECTOR_IN: number = 1;
const IDENTIFY_IN: number = 2;
const SECTOR_OUT: number = 3;
/** The drive registers at offsets 1-6 of the command block (offset 1 reads as the error register). */
const TASK_FILE = ['features', 'nsect', 'lbal', 'lbam', 'lbah', 'device'] as const;

/** One ATA channel with up to two disks. */
export class IdeChannel {
  private s: IdeChannelSnapshot;
  private readonly buffers = [new Uint8Array(SECTOR_BYTES), new Uint8Array(SECTOR_BYTES)];

  /** `disks[0]` is the master, `disks[1]` the slave; `number` names the channel (0 or 1) in logs. */
  constructor(
    readonly number: number,
    private readonly irq: IrqLine,
    private readonly disks: readonly (DiskImage | undefined)[],
    private readonly identities: readonly (DiskIdentity | undefined)[] = [],
  ) {
    this.s = { selected: 0, control: 0, irqPending: false, irqLevel: false, drives: [0, 1].map(() => blankDrive()) };
    this.finishReset();
  }

  /** Claims the command block at `base` .. base+7 and the control register at `control` on `bus`. */
  attach(bus: PortBus, base: number, control: number): void {
    const name = `ide${this.number}`;
    bus.register({
      first: base, count: 8, name, sizes: [1, 2, 4],
      handler: {
        read: (port, size) => (port === base ? this.readData(size) : this.readRegister(port - base)),
        write: (port, size, value) => (port === base ? this.writeData(size, value) : this.writeRegister(port - base, value)),
      },
    });
    bus.register({
      first: control, count: 1, name: `${name}-control`,
      handler: { read: () => this.readStatus(false), write: (_port, _size, value) => this.writeControl(value) },
    });
  }

  /** A copy of the channel's state (the disks' contents are not included). */
  snapshot(): IdeChannelSnapshot {
    return { ...this.s, drives: this.s.drives.map((d, i) => ({ ...d, buffer: Array.from(this.buffers[i]) })) };
  }

  /** Puts back a state `snapshot` returned (the IRQ line is not driven; the PIC has its own copy). */
  restore(snapshot: IdeChannelSnapshot): void {
    this.s = { ...snapshot, drives: snapshot.drives.map((d) => ({ ...d, buffer: [] })) };
    snapshot.drives.forEach((d, i) => this.buffers[i].set(d.buffer));
  }

  private get anyDisk(): boolean {
    return this.disks[0] !== undefined || this.disks[1] !== undefined;
  }

  /** True when the selected position is an empty slave: status and error then read 0. */
  private get silentSlave(): boolean {
    return this.s.selected === 1 && this.disks[1] === undefined;
  }

  /** Reads command-block register `offset` (1-7) of the selected drive. */
  private readRegister(offset: number): number {
    if (!this.anyDisk) return 0;
    if (offset === 7) return this.readStatus(true);
    const d = this.s.drives[this.s.selected];
    if (offset === 1) return this.silentSlave ? 0 : d.error;
    return d[TASK_FILE[offset - 1]];
  }

  /** The status register; reading it through the command block (`acknowledge`) clears INTRQ. */
  private readStatus(acknowledge: boolean): number {
    if (!this.anyDisk) return 0;
    if (acknowledge && this.s.irqPending) {
      this.s.irqPending = false;
      this.update();
    }
    return this.silentSlave ? 0 : this.s.drives[this.s.selected].status;
  }

  private writeRegister(offset: number, value: number): void {
    if (this.s.control & CTL_SRST) return;
    if (offset === 7) {
      this.s.irqPending = false;
      this.update();
      if (this.disks[this.s.selected] !== undefined) this.execute(value);
      return;
    }
    const field = TASK_FILE[offset - 1];
    for (const d of this.s.drives) d[field] = value;
    if (offset === 6) this.s.selected = (value >> 4) & 1;
  }

  private writeControl(value: number): void {
    const was = this.s.control;
    this.s.control = value & (CTL_NIEN | CTL_SRST);
    if (!(was & CTL_SRST) && value & CTL_SRST) {
      for (const d of this.s.drives) Object.assign(d, { status: BSY | DSC, error: 0x01, transfer: NONE, remaining: 0 });
      this.s.irqPending = false;
    } else if (was & CTL_SRST && !(value & CTL_SRST)) {
      this.finishReset();
    }
    this.update();
  }

  /** The end of a reset: drives ready, signatures in the task file, device 0 selected. */
  private finishReset(): void {
    this.s.selected = 0;
    this.s.drives.forEach((d, i) => {
      const present = this.disks[i] !== undefined;
      Object.assign(d, { status: READY, error: 0x01, nsect: 1, lbal: 1, lbam: present ? 0 : 0xff, lbah: present ? 0 : 0xff, device: 0xa0 });
      Object.assign(d, { transfer: NONE, remaining: 0, index: 0 });
    });
  }

  private execute(command: number): void {
    const d = this.s.drives[this.s.selected];
    d.error = 0;
    switch (command) {
      case 0xec:
        fillIdentify(this.buffers[this.s.selected], this.disks[this.s.selected]!.sectorCount, this.identityOf(this.s.selected));
        this.startTransfer(d, IDENTIFY_IN, 0, 1);
        this.interrupt();
        return;
      case 0x20:
      case 0x21:
      case 0x30:
      case 0x31: {
        const range = this.commandRange(d);
        if (range === undefined) return this.fail(d, IDNF);
        const writing = command >= 0x30;
        this.startTransfer(d, writing ? SECTOR_OUT : SECTOR_IN, range.first, range.count);
        if (!writing) {
          this.disks[this.s.selected]!.read(d.sector, this.buffers[this.s.selected]);
          this.interrupt();
        }
        return;
      }
      case 0x40:
      case 0x41: // read verify
        if (this.commandRange(d) === undefined) return this.fail(d, IDNF);
        return this.complete(d);
      case 0x90: // execute device diagnostic
        this.finishReset();
        return this.interrupt();
      case 0xe7: // flush cache
      case 0xea:
      case 0xef: // set features
      case 0x91: // initialize device parameters
        return this.complete(d);
      default:
        if (command >= 0x10 && command <= 0x1f) return this.complete(d); // recalibrate
        return this.fail(d, ABRT);
    }
  }

  private identityOf(drive: number): DiskIdentity {
    return {
      model: 'PINTOS VM DEBUGGER HARDDISK',
      serial: `PVD0000${this.number * 2 + drive + 1}`,
      firmware: '1.0',
      ...this.identities[drive],
    };
  }

  /** The sectors the task file names, or undefined when they do not all lie on the disk. */
  private commandRange(d: IdeDriveState): { first: number; count: number } | undefined {
    const count = d.nsect === 0 ? 256 : d.nsect;
    const first = addressOf(d);
    const size = this.disks[this.s.selected]!.sectorCount;
    return first !== undefined && first + count <= size ? { first, count } : undefined;
  }

  private startTransfer(d: IdeDriveState, transfer: number, first: number, count: number): void {
    Object.assign(d, { transfer, index: 0, sector: first, remaining: count, status: READY | DRQ });
  }

  private complete(d: IdeDriveState): void {
    d.status = READY;
    this.interrupt();
  }

  private fail(d: IdeDriveState, error: number): void {
    Object.assign(d, { status: DRDY | ERR, error, transfer: NONE, remaining: 0 });
    this.interrupt();
  }

  private readData(size: AccessSize): number {
    if (!this.anyDisk) return 0;
    const d = this.s.drives[this.s.selected];
    if (d.transfer !== SECTOR_IN && d.transfer !== IDENTIFY_IN) return 0;
    const buf = this.buffers[this.s.selected];
    let value = 0;
    for (let i = 0; i < size && d.transfer !== NONE; i++) {
      value += buf[d.index++] * 256 ** i;
      if (d.index === SECTOR_BYTES) this.sectorRead(d);
    }
    return value;
  }

  private writeData(size: AccessSize, value: number): void {
    const d = this.s.drives[this.s.selected];
    if (d.transfer !== SECTOR_OUT || this.disks[this.s.selected] === undefined) return;
    const buf = this.buffers[this.s.selected];
    for (let i = 0; i < size && d.transfer === SECTOR_OUT; i++) {
      buf[d.index++] = Math.floor(value / 256 ** i) & 0xff;
      if (d.index === SECTOR_BYTES) this.sectorWritten(d);
    }
  }

  /** The host has taken the whole buffer: load the next sector (with an interrupt) or finish. */
  private sectorRead(d: IdeDriveState): void {
    d.index = 0;
    if (d.transfer === SECTOR_IN) this.advance(d);
    if (d.transfer === SECTOR_IN && d.remaining > 0) {
      this.disks[this.s.selected]!.read(d.sector, this.buffers[this.s.selected]);
      this.interrupt();
    } else {
      Object.assign(d, { transfer: NONE, status: READY, remaining: 0 });
    }
  }

  /** The host has filled the buffer: store it, then ask for the next sector or finish; interrupt either way. */
  private sectorWritten(d: IdeDriveState): void {
    d.index = 0;
    this.disks[this.s.selected]!.write(d.sector, this.buffers[this.s.selected]);
    this.advance(d);
    if (d.remaining === 0) Object.assign(d, { transfer: NONE, status: READY });
    this.interrupt();
  }

  /** One sector done: the task file shows its address and the count left; move to the next. */
  private advance(d: IdeDriveState): void {
    setAddress(d, d.sector);
    d.remaining--;
    d.nsect = d.remaining & 0xff;
    d.sector++;
  }

  private interrupt(): void {
    this.s.irqPending = true;
    this.update();
  }

  /** Drives the IRQ line: INTRQ pending and not masked by nIEN. */
  private update(): void {
    const level = this.s.irqPending && !(this.s.control & CTL_NIEN);
    if (level === this.s.irqLevel) return;
    this.s.irqLevel = level;
    this.irq(level);
  }
}

/** The four drive positions, named by what a Pintos kernel keeps on each (utils/pintos order). */
export interface PintosDisks {
  /** channel 0 master (hd0:0): boot loader, command line and kernel */
  os?: DiskImage;
  /** channel 0 slave (hd0:1): the file system */
  fs?: DiskImage;
  /** channel 1 master (hd1:0): files to put into or get out of the file system */
  scratch?: DiskImage;
  /** channel 1 slave (hd1:1): swap */
  swap?: DiskImage;
}

/** Both legacy ATA channels. */
export class IdeController {
  readonly channels: [IdeChannel, IdeChannel];

  /** `irq14` and `irq15` are the channels' interrupt lines. */
  constructor(irq14: IrqLine, irq15: IrqLine, disks: PintosDisks, identities: PintosIdentities = {}) {
    this.channels = [
      new IdeChannel(0, irq14, [disks.os, disks.fs], [identities.os, identities.fs]),
      new IdeChannel(1, irq15, [disks.scratch, disks.swap], [identities.scratch, identities.swap]),
    ];
  }

  /** Claims 0x1F0-0x1F7, 0x3F6, 0x170-0x177 and 0x376 on `bus`. */
  attach(bus: PortBus): void {
    this.channels[0].attach(bus, 0x1f0, 0x3f6);
    this.channels[1].attach(bus, 0x170, 0x376);
  }

  snapshot(): IdeChannelSnapshot[] {
    return this.channels.map((c) => c.snapshot());
  }

  restore(s: IdeChannelSnapshot[]): void {
    this.channels.forEach((c, i) => c.restore(s[i]));
  }
}

export type PintosIdentities = { [K in keyof PintosDisks]?: DiskIdentity };

function blankDrive(): IdeDriveState {
  return {
    features: 0, nsect: 0, lbal: 0, lbam: 0, lbah: 0, device: 0xa0, status: READY, error: 1,
    transfer: NONE, index: 0, sector: 0, remaining: 0, buffer: [],
  };
}
