// The 8042 keyboard controller at 0x60 (data) and 0x64 (status / command) with a keyboard behind
// it that sends scancode set 1 (the controller's translation is taken as done). Key scancodes the
// host queues wait until the output buffer is free; each byte entering the buffer raises IRQ1
// when the command byte enables it, and reading port 0x60 takes the byte (an empty buffer reads
// the last byte again). Controller and keyboard replies go before waiting scancodes. There is no
// mouse: auxiliary-port commands are accepted and do nothing.
//
// The reset line is reported to a callback: command 0xFE (pulse output line 0), any other pulse
// command with bit 0 clear, or an output-port write with bit 0 clear.

import type { IrqLine } from './pic8259';
import type { PortBus } from './port-bus';

export interface KbdSnapshot {
  commandByte: number;
  outputPort: number;
  /** the controller command waiting for its data byte at port 0x60, or null */
  pendingCommand: number | null;
  /** the keyboard command waiting for its argument byte, or null */
  keyboardCommand: number | null;
  /** the keyboard answers scancodes (commands 0xF4 / 0xF5) */
  scanning: boolean;
  outputByte: number;
  outputFull: boolean;
  /** the last write went to port 0x64 (status bit 3) */
  lastWriteCommand: boolean;
  replies: number[];
  scancodes: number[];
  irqLevel: boolean;
}

const CMD_KBD_IRQ = 0x01;
const CMD_SYSTEM = 0x04;
const CMD_KBD_DISABLED = 0x10;
const CMD_AUX_DISABLED = 0x20;
const ACK = 0xfa;

/** The 8042 controller and its keyboard. */
export class Kbd8042 {
  private s: KbdSnapshot = {
    commandByte: CMD_KBD_IRQ | CMD_SYSTEM | CMD_AUX_DISABLED | 0x40, outputPort: 0xcf, pendingCommand: null,
    keyboardCommand: null, scanning: true, outputByte: 0, outputFull: false, lastWriteCommand: false,
    replies: [], scancodes: [], irqLevel: false,
  };

  /** `irq1` is the keyboard interrupt line; `onReset` hears the CPU reset line pulsed, with the port write that did it. */
  constructor(
    private readonly irq1: IrqLine,
    private readonly onReset: (reason: string, port: number, value: number) => void,
  ) {}

  /** Claims ports 0x60 and 0x64 on `bus`. */
  attach(bus: PortBus): void {
    bus.register({ first: 0x60, count: 1, name: 'kbd-data', handler: { read: () => this.readData(), write: (_p, _s, v) => this.writeData(v) } });
    bus.register({ first: 0x64, count: 1, name: 'kbd-control', handler: { read: () => this.readStatus(), write: (_p, _s, v) => this.writeCommand(v) } });
  }

  /** Queues scancodes (set 1: make codes, break codes with bit 7, 0xE0 prefixes) as keys pressed. */
  pressKeys(scancodes: Iterable<number>): void {
    for (const code of scancodes) this.s.scancodes.push(code & 0xff);
    this.refill();
  }

  /** True while the output port's A20 bit is set. */
  get a20Enabled(): boolean {
    return (this.s.outputPort & 0x02) !== 0;
  }

  /** A copy of the controller's state. */
  snapshot(): KbdSnapshot {
    return { ...this.s, replies: [...this.s.replies], scancodes: [...this.s.scancodes] };
  }

  /** Puts back a state `snapshot` returned (the IRQ line is not driven; the PIC has its own copy). */
  restore(snapshot: KbdSnapshot): void {
    this.s = { ...snapshot, replies: [...snapshot.replies], scancodes: [...snapshot.scancodes] };
  }

  private readStatus(): number {
    const s = this.s;
    return (s.outputFull ? 0x01 : 0) | (s.commandByte & CMD_SYSTEM) | (s.lastWriteCommand ? 0x08 : 0) | 0x10;
  }

  /** Takes the output byte; the line drops, and rises again if another byte moves in. */
  private readData(): number {
    const byte = this.s.outputByte;
    this.s.outputFull = false;
    this.update();
    this.refill();
    return byte;
  }

  private writeCommand(value: number): void {
    const s = this.s;
    s.lastWriteCommand = true;
    if (value >= 0x20 && value < 0x40) return this.reply(value === 0x20 ? s.commandByte : 0);
    if ((value >= 0x60 && value < 0x80) || (value >= 0xd1 && value <= 0xd4)) {
      s.pendingCommand = value;
      return;
    }
    if (value >= 0xf0) {
      if (!(value & 0x01)) this.onReset(`keyboard controller command 0x${value.toString(16)} pulsed the reset line`, 0x64, value);
      return;
    }
    switch (value) {
      case 0xa7:
        s.commandByte |= CMD_AUX_DISABLED;
        return;
      case 0xa8:
        s.commandByte &= ~CMD_AUX_DISABLED;
        return;
      case 0xa9: // auxiliary interface test
      case 0xab: // keyboard interface test
        return this.reply(0x00);
      case 0xaa: // controller self test
        s.commandByte |= CMD_SYSTEM;
        return this.reply(0x55);
      case 0xad:
        s.commandByte |= CMD_KBD_DISABLED;
        return;
      case 0xae:
        s.commandByte &= ~CMD_KBD_DISABLED;
        return this.refill();
      case 0xc0: // read input port: keyboard not inhibited
        return this.reply(0x80);
      case 0xd0:
        return this.reply(s.outputPort);
      case 0xdd:
        s.outputPort &= ~0x02;
        return;
      case 0xdf:
        s.outputPort |= 0x02;
        return;
      default:
    }
  }

  private writeData(value: number): void {
    const s = this.s;
    s.lastWriteCommand = false;
    const command = s.pendingCommand;
    s.pendingCommand = null;
    if (command === null) return this.keyboardByte(value);
    switch (command) {
      case 0x60:
        s.commandByte = value;
        this.update();
        return this.refill();
      case 0xd1:
        s.outputPort = value;
        if (!(value & 0x01)) this.onReset('keyboard controller output port cleared the reset line', 0x60, value);
        return;
      case 0xd2:
        return this.reply(value);
      default: // 0x61-0x7f (controller RAM), 0xd3 / 0xd4 (no mouse)
    }
  }

  /** A byte sent to the keyboard itself: a command or a command's argument. */
  private keyboardByte(value: number): void {
    const s = this.s;
    if (s.keyboardCommand !== null) {
      const command = s.keyboardCommand;
      s.keyboardCommand = null;
      this.reply(ACK);
      if (command === 0xf0 && value === 0) this.reply(0x01); // scancode set in use (after translation)
      return;
    }
    switch (value) {
      case 0xff: // reset
        s.scanning = true;
        s.scancodes = [];
        this.reply(ACK);
        return this.reply(0xaa);
      case 0xf4:
        s.scanning = true;
        return this.reply(ACK);
      case 0xf5:
        s.scanning = false;
        return this.reply(ACK);
      case 0xf6: // set defaults
      case 0xfe: // resend
        return this.reply(ACK);
      case 0xee:
        return this.reply(0xee);
      case 0xf2: // identify: an MF2 keyboard
        this.reply(ACK);
        this.reply(0xab);
        return this.reply(0x83);
      case 0xed: // LEDs
      case 0xf0: // scancode set
      case 0xf3: // typematic rate
        s.keyboardCommand = value;
        return this.reply(ACK);
      default:
        return this.reply(0xfe);
    }
  }

  private reply(byte: number): void {
    this.s.replies.push(byte);
    this.refill();
  }

  /** Fills a free output buffer: replies first, then scancodes while the keyboard may send. */
  private refill(): void {
    const s = this.s;
    if (!s.outputFull) {
      const next = s.replies.length > 0 ? s.replies.shift() : s.scanning && !(s.commandByte & CMD_KBD_DISABLED) ? s.scancodes.shift() : undefined;
      if (next !== undefined) {
        s.outputByte = next;
        s.outputFull = true;
      }
    }
    this.update();
  }

  private update(): void {
    const level = this.s.outputFull && (this.s.commandByte & CMD_KBD_IRQ) !== 0;
    if (level === this.s.irqLevel) return;
    this.s.irqLevel = level;
    this.irq1(level);
  }
}
