// The 8254 programmable interval timer at ports 0x40-0x43, clocked at 1,193,182 Hz of virtual
// time. Counter 0's output drives IRQ0; counters 1 and 2 count but drive nothing (the speaker gate
// of port 0x61 is not modelled, so counter 2's gate stays high).
//
// Time is virtual: the owner calls `advanceTo(ns)` with the current virtual time before every
// port access and whenever it reaches `nextEventAt()`, the time of counter 0's next rising edge.
// Counting starts on the clock tick of the write that completes the count, as in QEMU.

import type { IrqLine } from './pic8259';
import type { PortBus, PortHandler } from './port-bus';
import { NS_PER_SECOND, mulDivCeil, mulDivFloor } from './virtual-time';

/** The 8254's input clock in Hz. */
export const PIT_HZ = 1_193_182;

/** One counter's programming and latches. Plain data. */
export interface PitCounterState {
  /** operating mode 0-5 (6 and 7 are stored as 2 and 3) */
  mode: number;
  /** read/write access: 1 = low byte, 2 = high byte, 3 = low then high */
  access: number;
  bcd: boolean;
  /** the count as written (BCD-coded when `bcd`) */
  count: number;
  /** clock tick at which counting started; null until a count is written */
  start: number | null;
  /** low then high access: the next write is the high byte */
  writeHigh: boolean;
  lowByte: number;
  /** low then high access: the next unlatched read returns the high byte */
  readHigh: boolean;
  /** latched count bytes still to be read, first first */
  countLatch: number[];
  statusLatch: number | null;
  nullCount: boolean;
}

export interface PitSnapshot {
  now: number;
  counters: PitCounterState[];
  out0: boolean;
}

/** The three-counter 8254 timer. */
export class Pit8254 {
  private counters: PitCounterState[];
  private now = 0;
  /** the level last driven on IRQ0 */
  private out0 = true;

  /**
   * `irq0` receives counter 0's output. The timer starts as a PC BIOS leaves it: counter 0 in
   * mode 3 with count 0 (65,536 clocks, about 18.2 Hz) and counter 1 in mode 2 with count 18,
   * both counting from time 0; counter 2 is unprogrammed.
   */
  constructor(private readonly irq0: IrqLine) {
    this.counters = [
      { ...initialCounter(), mode: 3, start: 0, nullCount: false },
      { ...initialCounter(), mode: 2, count: 18, start: 0, nullCount: false },
      initialCounter(),
    ];
  }

  /** Claims ports 0x40-0x43 on `bus`. */
  attach(bus: PortBus): void {
    const handler: PortHandler = {
      read: (port) => (port === 0x43 ? 0 : this.readCounter(port - 0x40)),
      write: (port, _size, value) => (port === 0x43 ? this.writeControl(value) : this.writeCounter(port - 0x40, value)),
    };
    bus.register({ first: 0x40, count: 4, name: 'pit', handler });
  }

  /** The current virtual time in ns. */
  get time(): number {
    return this.now;
  }

  /**
   * Moves virtual time forward to `ns`, raising IRQ0 for a rising edge of counter 0 in between
   * (several edges passed in one step latch one request, as on the part). Throws if `ns` is in
   * the past: the owner's bug.
   */
  advanceTo(ns: number): void {
    if (!Number.isSafeInteger(ns) || ns < this.now) throw new Error(`pit: cannot move time from ${this.now} ns to ${ns} ns`);
    const before = ticksAt(this.now);
    this.now = ns;
    const after = ticksAt(ns);
    if (after === before) return;
    const edge = nextRisingEdge(this.counters[0], before);
    if (edge !== undefined && edge <= after) {
      this.drive(false);
      this.drive(true);
    }
    this.drive(outputAt(this.counters[0], after));
  }

  /** The virtual time in ns of counter 0's next rising edge (the next IRQ0), or Infinity. */
  nextEventAt(): number {
    const edge = nextRisingEdge(this.counters[0], ticksAt(this.now));
    return edge === undefined ? Infinity : mulDivCeil(edge, NS_PER_SECOND, PIT_HZ);
  }

  /** A copy of the timer's state. */
  snapshot(): PitSnapshot {
    return { now: this.now, counters: this.counters.map(copyCounter), out0: this.out0 };
  }

  /** Puts back a state `snapshot` returned (the IRQ0 line is not driven; the PIC has its own copy). */
  restore(s: PitSnapshot): void {
    this.now = s.now;
    this.counters = s.counters.map(copyCounter);
    this.out0 = s.out0;
  }

  private drive(level: boolean): void {
    if (level === this.out0) return;
    this.out0 = level;
    this.irq0(level);
  }

  private writeControl(value: number): void {
    const select = value >> 6;
    if (select === 3) {
      this.readBack(value);
      return;
    }
    const c = this.counters[select];
    const access = (value >> 4) & 3;
    if (access === 0) {
      latchCount(c, ticksAt(this.now));
      return;
    }
    const mode = (value >> 1) & 7;
    Object.assign(c, initialCounter(), { mode: mode > 5 ? mode - 4 : mode, access, bcd: (value & 1) !== 0 });
    if (select === 0) this.drive(outputAt(c, ticksAt(this.now)));
  }

  /** Read-back command: latches the count and/or status of each selected counter. */
  private readBack(value: number): void {
    const tick = ticksAt(this.now);
    for (let i = 0; i < 3; i++) {
      if (!(value & (2 << i))) continue;
      const c = this.counters[i];
      if (!(value & 0x20)) latchCount(c, tick);
      if (!(value & 0x10) && c.statusLatch === null) {
        c.statusLatch = (outputAt(c, tick) ? 0x80 : 0) | (c.nullCount ? 0x40 : 0) | (c.access << 4) | (c.mode << 1) | (c.bcd ? 1 : 0);
      }
    }
  }

  private writeCounter(index: number, value: number): void {
    const c = this.counters[index];
    if (c.access === 3 && !c.writeHigh) {
      c.lowByte = value;
      c.writeHigh = true;
      return;
    }
    c.count = c.access === 1 ? value : c.access === 2 ? value << 8 : c.lowByte | (value << 8);
    c.writeHigh = false;
    c.start = ticksAt(this.now);
    c.nullCount = false;
    if (index === 0) this.drive(outputAt(c, c.start));
  }

  private readCounter(index: number): number {
    const c = this.counters[index];
    if (c.statusLatch !== null) {
      const s = c.statusLatch;
      c.statusLatch = null;
      return s;
    }
    if (c.countLatch.length > 0) return c.countLatch.shift()!;
    const value = currentCount(c, ticksAt(this.now));
    if (c.access === 1) return value & 0xff;
    if (c.access === 2) return value >> 8;
    c.readHigh = !c.readHigh;
    return c.readHigh ? value & 0xff : value >> 8;
  }
}

/** Clock ticks elapsed by virtual time `ns`. */
export function ticksAt(ns: number): number {
  return mulDivFloor(ns, PIT_HZ, NS_PER_SECOND);
}

function initialCounter(): PitCounterState {
  return {
    mode: 0, access: 3, bcd: false, count: 0, start: null, writeHigh: false, lowByte: 0,
    readHigh: false, countLatch: [], statusLatch: null, nullCount: true,
  };
}

function copyCounter(c: PitCounterState): PitCounterState {
  return { ...c, countLatch: [...c.countLatch] };
}

/** The counter's period in clocks: the count as a number, 0 standing for the largest. */
function periodOf(c: PitCounterState): number {
  const n = c.bcd ? fromBcd(c.count) : c.count;
  return n === 0 ? (c.bcd ? 10000 : 0x10000) : n;
}

/** The counter's OUT level at clock `tick`. */
function outputAt(c: PitCounterState, tick: number): boolean {
  if (c.start === null) return c.mode !== 0;
  const n = periodOf(c);
  const e = tick - c.start;
  switch (c.mode) {
    case 0:
    case 1:
      return e >= n;
    case 2:
      return e % n !== n - 1;
    case 3:
      return e % n < Math.ceil(n / 2);
    default: // 4, 5: low for the one clock at terminal count
      return e !== n;
  }
}

/** The first clock after `tick` at which OUT rises, or undefined if it never does. */
function nextRisingEdge(c: PitCounterState, tick: number): number | undefined {
  if (c.start === null) return undefined;
  const n = periodOf(c);
  const e = tick - c.start;
  switch (c.mode) {
    case 0:
    case 1:
      return e < n ? c.start + n : undefined;
    case 2:
    case 3:
      return c.start + (Math.floor(e / n) + 1) * n;
    default:
      return e < n + 1 ? c.start + n + 1 : undefined;
  }
}

/** The value the counting element holds at clock `tick`, in the counter's coding. */
function currentCount(c: PitCounterState, tick: number): number {
  if (c.start === null) return c.count;
  const n = periodOf(c);
  const e = tick - c.start;
  const modulus = c.bcd ? 10000 : 0x10000;
  let value: number;
  if (c.mode === 2) value = n - (e % n);
  else if (c.mode === 3) value = n - ((2 * e) % n);
  else value = (((n - e) % modulus) + modulus) % modulus;
  value %= modulus;
  return c.bcd ? toBcd(value) : value;
}

/** Counter latch command: freezes the current count for the next reads (unless already latched). */
function latchCount(c: PitCounterState, tick: number): void {
  if (c.countLatch.length > 0) return;
  const value = currentCount(c, tick);
  if (c.access === 1) c.countLatch = [value & 0xff];
  else if (c.access === 2) c.countLatch = [value >> 8];
  else c.countLatch = c.readHigh ? [value >> 8, value & 0xff] : [value & 0xff, value >> 8];
}

function fromBcd(v: number): number {
  return (v >> 12) * 1000 + ((v >> 8) & 15) * 100 + ((v >> 4) & 15) * 10 + (v & 15);
}

function toBcd(v: number): number {
  return ((Math.floor(v / 1000) % 10) << 12) | ((Math.floor(v / 100) % 10) << 8) | ((Math.floor(v / 10) % 10) << 4) | (v % 10);
}
