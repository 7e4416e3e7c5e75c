// The PC's two cascaded 8259A interrupt controllers: the master at ports 0x20/0x21 takes IRQ 0-7,
// the slave at 0xA0/0xA1 takes IRQ 8-15 and signals the master on its IR2 input.
//
// Request lines are edge-triggered unless ICW1 selects level mode: a rising edge latches the
// request in IRR, where it stays until the CPU acknowledges it (lowering the line only re-arms
// the edge detector), as QEMU's model of the part behaves. The master's IR2 follows the slave's
// output directly. Priority is fixed (IR0 highest) unless the guest rotates it with OCW2.

import type { PortBus, PortHandler } from './port-bus';

/** One 8259A's registers and programming state. Plain data. */
export interface PicChipState {
  irr: number;
  imr: number;
  isr: number;
  /** current level of the eight request inputs */
  lines: number;
  vectorBase: number;
  /** 0 = operational; 2, 3, 4 = the ICW expected next */
  nextIcw: number;
  needIcw4: boolean;
  single: boolean;
  levelTriggered: boolean;
  autoEoi: boolean;
  rotateOnAutoEoi: boolean;
  specialMask: boolean;
  /** OCW3 read register select: a command-port read returns ISR (true) or IRR (false) */
  readIsr: boolean;
  /** OCW3 poll: the next command-port read acknowledges and reports the highest request */
  poll: boolean;
  /** the IRQ of lowest priority (7 unless rotated) */
  lowest: number;
  icw3: number;
}

export interface PicSnapshot {
  master: PicChipState;
  slave: PicChipState;
}

/** A device's interrupt request output: called with the new level when it changes. */
export type IrqLine = (level: boolean) => void;

/** The cascaded pair of 8259As. */
export class PicPair {
  private master: PicChipState;
  private slave: PicChipState;

  /** Starts as a PC BIOS leaves the pair: vectors 0x08 and 0x70, everything masked but the cascade. */
  constructor() {
    this.master = initialChip(0x08, 0xfb, 0x04);
    this.slave = initialChip(0x70, 0xff, 0x02);
  }

  /** Claims ports 0x20-0x21 and 0xA0-0xA1 on `bus`. */
  attach(bus: PortBus): void {
    bus.register({ first: 0x20, count: 2, name: 'pic-master', handler: this.portsOf(() => this.master, true) });
    bus.register({ first: 0xa0, count: 2, name: 'pic-slave', handler: this.portsOf(() => this.slave, false) });
  }

  /** Drives request line `irq` (0-15) high: a rising edge latches a request. */
  raise(irq: number): void {
    this.setLine(irq, true);
  }

  /** Drives request line `irq` (0-15) low. */
  lower(irq: number): void {
    this.setLine(irq, false);
  }

  /** Sets request line `irq` (0-15, not 2: the slave drives that one) to `level`. Throws on any other number. */
  setLine(irq: number, level: boolean): void {
    if (!Number.isInteger(irq) || irq < 0 || irq > 15 || irq === 2) throw new Error(`pic: no IRQ line ${irq} for a device`);
    const chip = irq < 8 ? this.master : this.slave;
    const bit = 1 << (irq & 7);
    const wasHigh = (chip.lines & bit) !== 0;
    if (level) {
      chip.lines |= bit;
      if (!wasHigh || chip.levelTriggered) chip.irr |= bit;
    } else {
      chip.lines &= ~bit;
      if (chip.levelTriggered) chip.irr &= ~bit;
    }
  }

  /** The line of `irq` as a device output to wire to a device model. */
  line(irq: number): IrqLine {
    return (level) => this.setLine(irq, level);
  }

  /** True when the pair asserts INTR: an unmasked request of higher priority than any in service. */
  pending(): boolean {
    return deliverable(this.master, this.masterRequests()) >= 0;
  }

  /**
   * The CPU's interrupt acknowledge: returns the vector and moves the IRQ to in-service (on both
   * chips for a slave IRQ). Called with nothing deliverable it answers as the part does, with the
   * master's IR7 vector (the spurious IRQ7) and no in-service bit. (The slave's spurious IRQ15
   * cannot arise here: the master's IR2 follows the slave's output at the very moment of the
   * acknowledge, so the slave always has a request when IR2 is chosen.)
   */
  acknowledge(): number {
    const irq = deliverable(this.master, this.masterRequests());
    if (irq < 0) return this.master.vectorBase + 7;
    accept(this.master, irq);
    if (irq !== 2 || this.master.single) return this.master.vectorBase + irq;
    const slaveIrq = deliverable(this.slave, this.slave.irr);
    accept(this.slave, slaveIrq);
    return this.slave.vectorBase + slaveIrq;
  }

  /** The in-service, request and mask registers of both chips, for a debugger view. */
  inspect(): { master: { irr: number; isr: number; imr: number; vectorBase: number }; slave: { irr: number; isr: number; imr: number; vectorBase: number } } {
    const view = (c: PicChipState, irr: number) => ({ irr, isr: c.isr, imr: c.imr, vectorBase: c.vectorBase });
    return { master: view(this.master, this.masterRequests()), slave: view(this.slave, this.slave.irr) };
  }

  /** A copy of both chips' state. */
  snapshot(): PicSnapshot {
    return { master: { ...this.master }, slave: { ...this.slave } };
  }

  /** Puts back a state `snapshot` returned. */
  restore(s: PicSnapshot): void {
    this.master = { ...s.master };
    this.slave = { ...s.slave };
  }

  /** The master's requests with IR2 following the slave's output (unless the master runs single). */
  private masterRequests(): number {
    if (this.master.single) return this.master.irr;
    return deliverable(this.slave, this.slave.irr) >= 0 ? this.master.irr | 0x04 : this.master.irr & ~0x04;
  }

  private portsOf(chipOf: () => PicChipState, isMaster: boolean): PortHandler {
    return {
      read: (port) => {
        const chip = chipOf();
        if ((port & 1) === 1) return chip.imr;
        if (chip.poll) return this.pollChip(chip, isMaster);
        if (chip.readIsr) return chip.isr;
        return isMaster ? this.masterRequests() : chip.irr;
      },
      write: (port, _size, value) => {
        if ((port & 1) === 1) writeData(chipOf(), value);
        else writeCommand(chipOf(), value);
      },
    };
  }

  /** Poll-mode read: acknowledges the highest request and returns 0x80 | its IR, or 0. */
  private pollChip(chip: PicChipState, isMaster: boolean): number {
    chip.poll = false;
    const irq = deliverable(chip, isMaster ? this.masterRequests() : chip.irr);
    if (irq < 0) return 0;
    accept(chip, irq);
    return 0x80 | irq;
  }
}

function initialChip(vectorBase: number, imr: number, icw3: number): PicChipState {
  return {
    irr: 0, imr, isr: 0, lines: 0, vectorBase, nextIcw: 0, needIcw4: true, single: false,
    levelTriggered: false, autoEoi: false, rotateOnAutoEoi: false, specialMask: false,
    readIsr: false, poll: false, lowest: 7, icw3,
  };
}

/** The highest-priority set bit of `bits` under the chip's rotation, or -1. */
function highest(chip: PicChipState, bits: number): number {
  for (let i = 1; i <= 8; i++) {
    const irq = (chip.lowest + i) & 7;
    if (bits & (1 << irq)) return irq;
  }
  return -1;
}

/** Priority rank of `irq`: 0 is highest. */
function rank(chip: PicChipState, irq: number): number {
  return (irq - chip.lowest - 1) & 7;
}

/** The IR the chip would deliver given its `requests`, or -1. */
function deliverable(chip: PicChipState, requests: number): number {
  const irq = highest(chip, requests & ~chip.imr & 0xff);
  if (irq < 0) return -1;
  const inService = highest(chip, chip.specialMask ? chip.isr & ~chip.imr : chip.isr);
  if (inService >= 0 && rank(chip, inService) <= rank(chip, irq)) return -1;
  return irq;
}

/** Moves `irq` from request to in-service (or straight through in auto-EOI mode). */
function accept(chip: PicChipState, irq: number): void {
  const bit = 1 << irq;
  if (!chip.levelTriggered) chip.irr &= ~bit;
  if (!chip.autoEoi) chip.isr |= bit;
  else if (chip.rotateOnAutoEoi) chip.lowest = irq;
}

/** A write to the data port: an ICW in the initialisation sequence, else OCW1 (the mask). */
function writeData(chip: PicChipState, value: number): void {
  switch (chip.nextIcw) {
    case 2:
      chip.vectorBase = value & 0xf8;
      chip.nextIcw = !chip.single ? 3 : chip.needIcw4 ? 4 : 0;
      return;
    case 3:
      chip.icw3 = value;
      chip.nextIcw = chip.needIcw4 ? 4 : 0;
      return;
    case 4:
      chip.autoEoi = (value & 0x02) !== 0;
      chip.nextIcw = 0;
      return;
    default:
      chip.imr = value;
  }
}

/** A write to the command port: ICW1, OCW2 or OCW3. */
function writeCommand(chip: PicChipState, value: number): void {
  if (value & 0x10) {
    // ICW1: restart initialisation; the edge detectors, masks and in-service bits reset.
    Object.assign(chip, {
      imr: 0, isr: 0, lowest: 7, specialMask: false,
      readIsr: false, poll: false, autoEoi: false, rotateOnAutoEoi: false,
      nextIcw: 2, needIcw4: (value & 0x01) !== 0, single: (value & 0x02) !== 0, levelTriggered: (value & 0x08) !== 0,
    });
    chip.irr = chip.levelTriggered ? chip.lines : 0;
    return;
  }
  if (value & 0x08) {
    // OCW3
    if (value & 0x02) chip.readIsr = (value & 0x01) !== 0;
    chip.poll = (value & 0x04) !== 0;
    if (value & 0x40) chip.specialMask = (value & 0x20) !== 0;
    return;
  }
  // OCW2: bits 7-5 select the operation, bits 2-0 the IR for the specific forms.
  const level = value & 7;
  switch (value >> 5) {
    case 1: // non-specific EOI
    case 5: { // rotate on non-specific EOI
      const irq = highest(chip, chip.isr);
      if (irq < 0) return;
      chip.isr &= ~(1 << irq);
      if (value >> 5 === 5) chip.lowest = irq;
      return;
    }
    case 3: // specific EOI
      chip.isr &= ~(1 << level);
      return;
    case 7: // rotate on specific EOI
      chip.isr &= ~(1 << level);
      chip.lowest = level;
      return;
    case 6: // set priority
      chip.lowest = level;
      return;
    case 4: // rotate in auto-EOI mode: set
      chip.rotateOnAutoEoi = true;
      return;
    case 0: // rotate in auto-EOI mode: clear
      chip.rotateOnAutoEoi = false;
      return;
    default: // 2: no operation
  }
}
