// The devices of the PC a Pintos-KAIST kernel runs on, built on one port bus and wired to the
// interrupt controllers: PIT on IRQ0, keyboard on IRQ1, COM1 on IRQ4, the ATA channels on IRQ14
// and IRQ15, plus the RTC/CMOS, the VGA cursor registers and the power-off / reset ports.
//
// The CPU side: call `advanceTo(ns)` with the current virtual time before each `in`/`out` and
// when the time reaches `nextEventAt()`; between instructions, when the guest has interrupts
// enabled and `interruptPending()` is true, take the vector from `acknowledgeInterrupt()`.

import { type DiskIdentity, IdeController, type IdeChannelSnapshot, type PintosDisks, type PintosIdentities } from './ide';
import { Kbd8042, type KbdSnapshot } from './kbd8042';
import { CmosRtc, type RtcSnapshot } from './cmos-rtc';
import { PicPair, type PicSnapshot } from './pic8259';
import { Pit8254, type PitSnapshot } from './pit8254';
import { type AccessSize, PortBus } from './port-bus';
import { PowerControl, type PowerListener, type PowerSnapshot } from './power';
import { type SerialSink, Uart16550, type UartSnapshot } from './uart16550';
import { type CrtcSnapshot, VgaCrtc } from './vga-crtc';

export type { DiskIdentity, PintosDisks };

export interface PcDevicesOptions {
  /** The disks by the role Pintos gives each position (os hd0:0, fs hd0:1, scratch hd1:0, swap hd1:1). */
  disks?: PintosDisks;
  /** Model and serial strings IDENTIFY reports, by the same roles. */
  diskIdentities?: PintosIdentities;
  /** Receives every byte the guest sends out of COM1. */
  serialSink: SerialSink;
  /** The real-time clock's value at virtual time 0, in Unix seconds (UTC). */
  startTime: number;
  /** Guest RAM size in bytes, for the CMOS memory-size bytes. */
  memoryBytes?: number;
  /** Hears power-off and reboot requests (ACPI, Bochs port, reset registers, keyboard controller). */
  onPower?: PowerListener;
}

/** Everything the devices hold, as plain data (disk contents excluded). */
export interface PcDevicesSnapshot {
  time: number;
  pic: PicSnapshot;
  pit: PitSnapshot;
  uart: UartSnapshot;
  ide: IdeChannelSnapshot[];
  kbd: KbdSnapshot;
  rtc: RtcSnapshot;
  power: PowerSnapshot;
  crtc: CrtcSnapshot;
}

/** The assembled platform devices. */
export class PcDevices {
  readonly bus = new PortBus();
  readonly pic = new PicPair();
  readonly pit: Pit8254;
  readonly uart: Uart16550;
  readonly ide: IdeController;
  readonly kbd: Kbd8042;
  readonly rtc: CmosRtc;
  readonly power: PowerControl;
  readonly crtc = new VgaCrtc();
  private now = 0;

  /** Builds and wires the devices. Throws if `startTime` is not whole seconds (a caller's error). */
  constructor(options: PcDevicesOptions) {
    const onPower = options.onPower ?? (() => {});
    this.pit = new Pit8254(this.pic.line(0));
    this.kbd = new Kbd8042(this.pic.line(1), (reason, port, value) => onPower({ action: 'reboot', reason, port, value }));
    this.uart = new Uart16550(this.pic.line(4), options.serialSink);
    this.ide = new IdeController(this.pic.line(14), this.pic.line(15), options.disks ?? {}, options.diskIdentities);
    this.rtc = new CmosRtc(options.startTime, { memoryBytes: options.memoryBytes });
    this.power = new PowerControl(onPower);
    for (const device of [this.pic, this.pit, this.kbd, this.uart, this.ide, this.rtc, this.power, this.crtc]) device.attach(this.bus);
  }

  /** The virtual time in ns the devices have reached. */
  get time(): number {
    return this.now;
  }

  /** An `in` of `size` bytes at `port`, at the current virtual time. */
  in(port: number, size: AccessSize): number {
    return this.bus.in(port, size);
  }

  /** An `out` of `size` bytes at `port`, at the current virtual time. */
  out(port: number, size: AccessSize, value: number): void {
    this.bus.out(port, size, value);
  }

  /** Moves virtual time to `ns`, firing the timer events due by then. Throws if `ns` is in the past. */
  advanceTo(ns: number): void {
    if (!Number.isSafeInteger(ns) || ns < this.now) throw new Error(`pc devices: cannot move time from ${this.now} ns to ${ns} ns`);
    this.pit.advanceTo(ns);
    this.rtc.advanceTo(ns);
    this.now = ns;
  }

  /** The virtual time in ns of the next device event (a timer interrupt), or Infinity. */
  nextEventAt(): number {
    return this.pit.nextEventAt();
  }

  /** True when the PICs assert INTR to the CPU. */
  interruptPending(): boolean {
    return this.pic.pending();
  }

  /** The CPU's interrupt acknowledge: the vector to deliver (see PicPair.acknowledge). */
  acknowledgeInterrupt(): number {
    return this.pic.acknowledge();
  }

  /** A copy of every device's state. */
  snapshot(): PcDevicesSnapshot {
    return {
      time: this.now, pic: this.pic.snapshot(), pit: this.pit.snapshot(), uart: this.uart.snapshot(), ide: this.ide.snapshot(),
      kbd: this.kbd.snapshot(), rtc: this.rtc.snapshot(), power: this.power.snapshot(), crtc: this.crtc.snapshot(),
    };
  }

  /** Puts back a state `snapshot` returned; the disks must be restored to the same moment by their owner. */
  restore(s: PcDevicesSnapshot): void {
    this.now = s.time;
    this.pic.restore(s.pic);
    this.pit.restore(s.pit);
    this.uart.restore(s.uart);
    this.ide.restore(s.ide);
    this.kbd.restore(s.kbd);
    this.rtc.restore(s.rtc);
    this.power.restore(s.power);
    this.crtc.restore(s.crtc);
  }
}
