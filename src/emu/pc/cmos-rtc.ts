// The MC146818 real-time clock and CMOS RAM at ports 0x70 (index; bit 7 disables NMI) and 0x71
// (data). The clock reads a fixed start time given at construction plus the virtual time the
// owner reports with `advanceTo`; it never reads a host clock. Guest writes to the time registers
// move the clock by an offset; the SET bit of status register B freezes it while the guest writes.
//
// Status register A's update-in-progress bit is set during the last 244 µs of each virtual second,
// as on the part, so a guest that waits for it to clear sees it clear as virtual time runs. No RTC
// interrupts are generated (IRQ8 stays low; status register C reads 0).

import type { PortBus } from './port-bus';
import { NS_PER_SECOND } from './virtual-time';

export interface RtcSnapshot {
  index: number;
  nmiDisabled: boolean;
  ram: number[];
  /** seconds the guest has moved the clock by */
  offset: number;
  /** the clock value while status B's SET bit holds it, else null */
  frozen: number | null;
  now: number;
}

export interface RtcOptions {
  /** Guest RAM size in bytes, recorded in the CMOS memory-size bytes as a PC BIOS does. */
  memoryBytes?: number;
}

const REG_A = 0x0a;
const REG_B = 0x0b;
const REG_C = 0x0c;
const REG_D = 0x0d;
const REG_CENTURY = 0x32;
const B_SET = 0x80;
const B_BINARY = 0x04;
const B_24_HOUR = 0x02;
const UPDATE_WINDOW_NS = 244_000;
/** seconds, minutes, hours, weekday, day, month, year, century */
const TIME_REGISTERS = [0, 2, 4, 6, 7, 8, 9, REG_CENTURY];

/** Calendar fields of a time. */
interface Fields {
  second: number;
  minute: number;
  hour: number;
  day: number;
  month: number;
  year: number;
}

/** The real-time clock with its 128 bytes of CMOS RAM. */
export class CmosRtc {
  private s: RtcSnapshot;

  /** `startSeconds` is the clock's value (Unix seconds, UTC) at virtual time 0. */
  constructor(
    readonly startSeconds: number,
    options: RtcOptions = {},
  ) {
    if (!Number.isSafeInteger(startSeconds)) throw new Error(`rtc: start time must be whole seconds, not ${startSeconds}`);
    const ram = new Array<number>(128).fill(0);
    ram[REG_A] = 0x26; // 32.768 kHz time base, 1.024 kHz periodic rate
    ram[REG_B] = B_24_HOUR;
    ram[REG_D] = 0x80; // RAM and time valid
    ram[0x15] = 0x80; // 640 KiB of base memory
    ram[0x16] = 0x02;
    if (options.memoryBytes !== undefined) writeMemorySize(ram, options.memoryBytes);
    this.s = { index: 0, nmiDisabled: false, ram, offset: 0, frozen: null, now: 0 };
  }

  /** Claims ports 0x70-0x71 on `bus`. */
  attach(bus: PortBus): void {
    bus.register({
      first: 0x70, count: 2, name: 'cmos-rtc',
      handler: {
        read: (port) => (port === 0x70 ? 0xff : this.readRegister(this.s.index)),
        write: (port, _size, value) => {
          if (port === 0x70) {
            this.s.index = value & 0x7f;
            this.s.nmiDisabled = (value & 0x80) !== 0;
          } else {
            this.writeRegister(this.s.index, value);
          }
        },
      },
    });
  }

  /** Moves virtual time forward to `ns`. Throws if `ns` is in the past: the owner's bug. */
  advanceTo(ns: number): void {
    if (!Number.isSafeInteger(ns) || ns < this.s.now) throw new Error(`rtc: cannot move time from ${this.s.now} ns to ${ns} ns`);
    this.s.now = ns;
  }

  /** True while the guest has NMIs disabled through port 0x70's bit 7. */
  get nmiDisabled(): boolean {
    return this.s.nmiDisabled;
  }

  /** The clock's current value in Unix seconds. */
  seconds(): number {
    return this.s.frozen ?? this.startSeconds + this.s.offset + Math.floor(this.s.now / NS_PER_SECOND);
  }

  /** A copy of the clock's state. */
  snapshot(): RtcSnapshot {
    return { ...this.s, ram: [...this.s.ram] };
  }

  /** Puts back a state `snapshot` returned. */
  restore(snapshot: RtcSnapshot): void {
    this.s = { ...snapshot, ram: [...snapshot.ram] };
  }

  private readRegister(index: number): number {
    const ram = this.s.ram;
    if (TIME_REGISTERS.includes(index)) return this.timeRegister(index);
    switch (index) {
      case REG_A: {
        const updating = this.s.frozen === null && this.s.now % NS_PER_SECOND >= NS_PER_SECOND - UPDATE_WINDOW_NS;
        return (ram[REG_A] & 0x7f) | (updating ? 0x80 : 0);
      }
      case REG_C:
        return 0;
      case REG_D:
        return 0x80;
      default:
        return ram[index];
    }
  }

  /** Seconds, minutes, hours, weekday, day, month, year or century, coded as status B says. */
  private timeRegister(index: number): number {
    const date = new Date(this.seconds() * 1000);
    const b = this.s.ram[REG_B];
    const code = (v: number) => (b & B_BINARY ? v : toBcd(v));
    switch (index) {
      case 0:
        return code(date.getUTCSeconds());
      case 2:
        return code(date.getUTCMinutes());
      case 4: {
        const hour = date.getUTCHours();
        if (b & B_24_HOUR) return code(hour);
        return code(hour % 12 === 0 ? 12 : hour % 12) | (hour >= 12 ? 0x80 : 0);
      }
      case 6:
        return code(date.getUTCDay() + 1);
      case 7:
        return code(date.getUTCDate());
      case 8:
        return code(date.getUTCMonth() + 1);
      case 9:
        return code(date.getUTCFullYear() % 100);
      default:
        return code(Math.floor(date.getUTCFullYear() / 100));
    }
  }

  private writeRegister(index: number, value: number): void {
    const s = this.s;
    const field = ({ 0: 'second', 2: 'minute', 4: 'hour', 7: 'day', 8: 'month', 9: 'year', [REG_CENTURY]: 'century' } as const)[index];
    if (field !== undefined) return this.setField(field, value);
    switch (index) {
      case 6: // the weekday follows from the date
      case REG_C:
      case REG_D:
        return;
      case REG_A:
        s.ram[REG_A] = value & 0x7f;
        return;
      case REG_B:
        if (value & B_SET && s.frozen === null) s.frozen = this.seconds();
        if (!(value & B_SET) && s.frozen !== null) {
          const running = s.frozen;
          s.frozen = null;
          s.offset += running - this.seconds();
        }
        s.ram[REG_B] = value;
        return;
      default:
        s.ram[index] = value;
    }
  }

  /** Sets one calendar field from a guest write, moving the clock to match. */
  private setField(field: keyof Fields | 'century', value: number): void {
    const b = this.s.ram[REG_B];
    const decode = (v: number) => (b & B_BINARY ? v : fromBcd(v));
    const date = new Date(this.seconds() * 1000);
    const f: Fields = {
      second: date.getUTCSeconds(), minute: date.getUTCMinutes(), hour: date.getUTCHours(),
      day: date.getUTCDate(), month: date.getUTCMonth() + 1, year: date.getUTCFullYear(),
    };
    if (field === 'century') f.year = decode(value) * 100 + (f.year % 100);
    else if (field === 'year') f.year = f.year - (f.year % 100) + decode(value);
    else if (field === 'hour' && !(b & B_24_HOUR)) f.hour = (decode(value & 0x7f) % 12) + (value & 0x80 ? 12 : 0);
    else f[field] = decode(value);
    const when = new Date(0);
    when.setUTCFullYear(f.year, f.month - 1, f.day);
    when.setUTCHours(f.hour, f.minute, f.second, 0);
    const seconds = Math.floor(when.getTime() / 1000);
    if (!Number.isSafeInteger(seconds)) return; // a nonsense date: the part would hold garbage; keep the time
    if (this.s.frozen !== null) this.s.frozen = seconds;
    else this.s.offset += seconds - this.seconds();
  }
}

function toBcd(v: number): number {
  return (Math.floor(v / 10) % 10) * 16 + (v % 10);
}

function fromBcd(v: number): number {
  return (v >> 4) * 10 + (v & 0x0f);
}

/** Records `bytes` of RAM in the CMOS size fields: KiB above 1 MiB (to 63 MiB) and 64 KiB blocks above 16 MiB. */
function writeMemorySize(ram: number[], bytes: number): void {
  const extendedKiB = Math.min(0xffff, Math.max(0, Math.floor((bytes - 0x10_0000) / 1024)));
  const above16M = Math.min(0xffff, Math.max(0, Math.floor((bytes - 0x100_0000) / 0x1_0000)));
  ram[0x17] = ram[0x30] = extendedKiB & 0xff;
  ram[0x18] = ram[0x31] = extendedKiB >> 8;
  ram[0x34] = above16M & 0xff;
  ram[0x35] = above16M >> 8;
}
