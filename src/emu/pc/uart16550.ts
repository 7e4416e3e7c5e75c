// A 16550A UART (COM1 at 0x3F8, IRQ4 on a PC). Transmission is instantaneous: a byte written to
// THR goes to the sink at once, so THRE and TEMT are always set. Received bytes wait on the "wire"
// (an unbounded queue the host fills) and enter the receiver buffer as it has room: one byte, or
// sixteen with the FIFOs on. The interrupt output reaches the PIC only while MCR's OUT2 is set,
// as on PC serial cards.
//
// THRE interrupts follow the 16550A and QEMU: the THRE condition is flagged whenever THR empties
// and when IER's transmit bit goes from 0 to 1; reading IIR while it reports THRE clears the flag,
// as does clearing the transmit bit. A THR write in the interrupt handler therefore flags THRE
// again at once: the line rises a second time and the PIC latches one more interrupt, which finds
// nothing to do (Pintos sees the same under QEMU).

import type { IrqLine } from './pic8259';
import type { PortBus } from './port-bus';

/** Receives each transmitted byte: the serial transcript. */
export type SerialSink = (byte: number) => void;

export interface UartSnapshot {
  ier: number;
  lcr: number;
  mcr: number;
  scr: number;
  divisor: number;
  fifoEnabled: boolean;
  triggerLevel: number;
  /** receiver buffer (FIFO), oldest first */
  rx: number[];
  /** bytes waiting on the wire, oldest first */
  wire: number[];
  overrun: boolean;
  thrPending: boolean;
  /** MSR bits 7-4 as last seen, and the delta bits 3-0 not yet read */
  modemLines: number;
  modemDeltas: number;
  irqLevel: boolean;
}

const IER_RECEIVE = 0x01;
const IER_TRANSMIT = 0x02;
const IER_LINE_STATUS = 0x04;
const IER_MODEM_STATUS = 0x08;
const LCR_DLAB = 0x80;
const MCR_OUT2 = 0x08;
const MCR_LOOP = 0x10;
const LSR_DATA_READY = 0x01;
const LSR_OVERRUN = 0x02;
const LSR_THR_EMPTY = 0x20;
const LSR_TRANSMITTER_EMPTY = 0x40;
/** MSR lines while not in loopback: carrier detect, data set ready and clear to send asserted. */
const MSR_CONNECTED = 0xb0;
const TRIGGER_LEVELS = [1, 4, 8, 14];

/** One 16550A serial port. */
export class Uart16550 {
  private s: UartSnapshot = {
    ier: 0, lcr: 0, mcr: 0, scr: 0, divisor: 12, fifoEnabled: false, triggerLevel: 1, rx: [], wire: [],
    overrun: false, thrPending: false, modemLines: MSR_CONNECTED, modemDeltas: 0, irqLevel: false,
  };

  /** `irq` receives the interrupt output; `sink` each transmitted byte; `base` is the first port. */
  constructor(
    private readonly irq: IrqLine,
    private readonly sink: SerialSink,
    readonly base = 0x3f8,
  ) {}

  /** Claims ports base .. base+7 on `bus`. */
  attach(bus: PortBus): void {
    bus.register({
      first: this.base, count: 8, name: `uart@${this.base.toString(16)}`,
      handler: { read: (port) => this.read(port - this.base), write: (port, _size, value) => this.write(port - this.base, value) },
    });
  }

  /** Queues bytes (or a string's UTF-8 bytes) on the receive wire: input typed at the serial console. */
  receive(input: Iterable<number> | string): void {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    for (const b of bytes) this.s.wire.push(b & 0xff);
    this.refill();
    this.update();
  }

  /** The baud-rate divisor last programmed (115,200 / divisor bits per second). */
  get divisor(): number {
    return this.s.divisor;
  }

  /** A copy of the port's state. */
  snapshot(): UartSnapshot {
    return { ...this.s, rx: [...this.s.rx], wire: [...this.s.wire] };
  }

  /** Puts back a state `snapshot` returned (the IRQ line is not driven; the PIC has its own copy). */
  restore(snapshot: UartSnapshot): void {
    this.s = { ...snapshot, rx: [...snapshot.rx], wire: [...snapshot.wire] };
  }

  private read(offset: number): number {
    const s = this.s;
    const dlab = (s.lcr & LCR_DLAB) !== 0;
    switch (offset) {
      case 0:
        return dlab ? s.divisor & 0xff : this.takeReceived();
      case 1:
        return dlab ? s.divisor >> 8 : s.ier;
      case 2: {
        const iir = this.identify();
        if ((iir & 0x0f) === 0x02) {
          s.thrPending = false;
          this.update();
        }
        return iir | (s.fifoEnabled ? 0xc0 : 0);
      }
      case 3:
        return s.lcr;
      case 4:
        return s.mcr;
      case 5: {
        const lsr = (s.rx.length > 0 ? LSR_DATA_READY : 0) | (s.overrun ? LSR_OVERRUN : 0) | LSR_THR_EMPTY | LSR_TRANSMITTER_EMPTY;
        if (s.overrun) {
          s.overrun = false;
          this.update();
        }
        return lsr;
      }
      case 6: {
        const msr = s.modemLines | s.modemDeltas;
        if (s.modemDeltas) {
          s.modemDeltas = 0;
          this.update();
        }
        return msr;
      }
      default:
        return s.scr;
    }
  }

  private write(offset: number, value: number): void {
    const s = this.s;
    const dlab = (s.lcr & LCR_DLAB) !== 0;
    switch (offset) {
      case 0:
        if (dlab) s.divisor = (s.divisor & 0xff00) | value;
        else this.transmit(value);
        break;
      case 1:
        if (dlab) s.divisor = (s.divisor & 0xff) | (value << 8);
        else this.writeIer(value & 0x0f);
        break;
      case 2:
        this.writeFcr(value);
        break;
      case 3:
        s.lcr = value;
        break;
      case 4:
        s.mcr = value & 0x1f;
        this.setModemLines((s.mcr & MCR_LOOP) !== 0 ? loopedLines(s.mcr) : MSR_CONNECTED);
        this.refill();
        break;
      case 5:
      case 6:
        return; // LSR and MSR are read-only
      default:
        s.scr = value;
        return;
    }
    this.update();
  }

  private transmit(byte: number): void {
    const s = this.s;
    if (s.mcr & MCR_LOOP) this.store(byte);
    else this.sink(byte);
    s.thrPending = true;
  }

  private writeIer(value: number): void {
    const s = this.s;
    if ((value ^ s.ier) & IER_TRANSMIT) s.thrPending = (value & IER_TRANSMIT) !== 0; // THR is always empty
    s.ier = value;
  }

  private writeFcr(value: number): void {
    const s = this.s;
    const enable = (value & 0x01) !== 0;
    if (enable !== s.fifoEnabled || (value & 0x02)) {
      s.rx = [];
      s.overrun = false;
    }
    s.fifoEnabled = enable;
    s.triggerLevel = TRIGGER_LEVELS[value >> 6];
    this.refill();
  }

  /** Pops the oldest received byte (0 when none) and lets the wire refill the buffer. */
  private takeReceived(): number {
    const byte = this.s.rx.shift() ?? 0;
    this.refill();
    this.update();
    return byte;
  }

  /** Puts a byte in the receiver buffer, or flags an overrun when it is full. */
  private store(byte: number): void {
    const s = this.s;
    if (s.rx.length < (s.fifoEnabled ? 16 : 1)) s.rx.push(byte);
    else s.overrun = true;
  }

  /** Moves bytes from the wire into the receiver buffer while it has room (not in loopback). */
  private refill(): void {
    const s = this.s;
    if (s.mcr & MCR_LOOP) return;
    const room = s.fifoEnabled ? 16 : 1;
    while (s.rx.length < room && s.wire.length > 0) s.rx.push(s.wire.shift()!);
  }

  /** IIR bits 3-0 for the highest-priority enabled condition (1 = none). */
  private identify(): number {
    const s = this.s;
    if (s.ier & IER_LINE_STATUS && s.overrun) return 0x06;
    if (s.ier & IER_RECEIVE && s.rx.length > 0) {
      // Below the trigger level the 16550A reports a character timeout; virtual time has no
      // character times, so the timeout is taken as already expired.
      return s.fifoEnabled && s.rx.length < s.triggerLevel ? 0x0c : 0x04;
    }
    if (s.ier & IER_TRANSMIT && s.thrPending) return 0x02;
    if (s.ier & IER_MODEM_STATUS && s.modemDeltas) return 0x00;
    return 0x01;
  }

  private setModemLines(lines: number): void {
    const s = this.s;
    const changed = s.modemLines ^ lines;
    if (changed & 0x10) s.modemDeltas |= 0x01;
    if (changed & 0x20) s.modemDeltas |= 0x02;
    if (s.modemLines & 0x40 && !(lines & 0x40)) s.modemDeltas |= 0x04;
    if (changed & 0x80) s.modemDeltas |= 0x08;
    s.modemLines = lines;
  }

  /** Drives the IRQ line: an interrupt condition is pending and OUT2 connects it. */
  private update(): void {
    const level = (this.identify() & 1) === 0 && (this.s.mcr & MCR_OUT2) !== 0;
    if (level === this.s.irqLevel) return;
    this.s.irqLevel = level;
    this.irq(level);
  }
}

/** MSR lines in loopback: CTS from RTS, DSR from DTR, RI from OUT1, DCD from OUT2. */
function loopedLines(mcr: number): number {
  return ((mcr & 0x02) << 3) | ((mcr & 0x01) << 5) | ((mcr & 0x04) << 4) | ((mcr & 0x08) << 4);
}
