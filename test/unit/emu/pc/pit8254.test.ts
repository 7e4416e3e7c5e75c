import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { PicPair } from '../../../../src/emu/pc/pic8259';
import { PIT_HZ, Pit8254 } from '../../../../src/emu/pc/pit8254';
import { PortBus } from '../../../../src/emu/pc/port-bus';
import { VirtualClock, mulDivCeil, mulDivFloor } from '../../../../src/emu/pc/virtual-time';
import { inb, outb, picInit, serviceInterrupts, timerInit } from './pintos-io';

const SECOND = 1_000_000_000;

function setup() {
  const bus = new PortBus();
  const pic = new PicPair();
  const pit = new Pit8254(pic.line(0));
  pic.attach(bus);
  pit.attach(bus);
  picInit(bus);
  return { bus, pic, pit };
}

/**
 * Runs the machine's loop until `end` ns: jump to each timer event, take the interrupts the kernel
 * would (IRQ0 counted as a tick, then EOI). Returns the virtual times of the ticks.
 */
function run(f: ReturnType<typeof setup>, end: number): number[] {
  const ticks: number[] = [];
  const handlers = new Map([[0x20, () => ticks.push(f.pit.time)]]);
  for (;;) {
    const next = f.pit.nextEventAt();
    if (next > end) break;
    f.pit.advanceTo(next);
    serviceInterrupts(f.bus, f.pic, handlers);
  }
  f.pit.advanceTo(end);
  serviceInterrupts(f.bus, f.pic, handlers);
  return ticks;
}

/** The virtual time of clock tick `k`. */
const tickTime = (k: number) => mulDivCeil(k, SECOND, PIT_HZ);

describe('pc: 8254 PIT', () => {
  it('programmed by timer_init for 100 Hz (count 11932, mode 2), IRQ0 comes every 11932 clocks', () => {
    const f = setup();
    assert.equal(timerInit(f.bus, 100), 11932);
    const ticks = run(f, 2 * SECOND);
    assert.deepEqual(ticks.slice(0, 3), [tickTime(11932), tickTime(2 * 11932), tickTime(3 * 11932)]);
    assert.equal(ticks[0], 10_000_151);
  });

  it('100 Hz: one virtual second from the first tick holds exactly 100 ticks (the period is 10.00015 ms)', () => {
    const f = setup();
    timerInit(f.bus, 100);
    const ticks = run(f, 3 * SECOND);
    const first = ticks[0];
    assert.equal(ticks.filter((t) => t >= first && t <= first + SECOND).length, 100);
    // Counted from the moment of programming, the 100th tick falls 15 µs after the second.
    assert.equal(ticks.filter((t) => t <= SECOND).length, 99);
    assert.equal(ticks[99], tickTime(100 * 11932));
    assert.ok(ticks[99] > SECOND && ticks[99] < SECOND + 16_000);
  });

  it('over 1000 virtual seconds the tick count is the clock count divided by the period', () => {
    const f = setup();
    timerInit(f.bus, 100);
    assert.equal(run(f, 1000 * SECOND).length, Math.floor((1000 * PIT_HZ) / 11932));
  });

  it('is deterministic: the same calls give the same IRQ times', () => {
    const a = setup();
    const b = setup();
    for (const f of [a, b]) {
      f.pit.advanceTo(12_345);
      timerInit(f.bus, 19);
    }
    assert.deepEqual(run(a, 5 * SECOND), run(b, 5 * SECOND));
  });

  it('a step over many periods latches one request; the next event is in the future', () => {
    const f = setup();
    timerInit(f.bus, 100);
    f.pit.advanceTo(SECOND);
    assert.equal(serviceInterrupts(f.bus, f.pic, new Map([[0x20, () => {}]])).length, 1);
    assert.equal(f.pit.nextEventAt(), tickTime(100 * 11932));
  });

  it('the counter latch command freezes the count for a low-then-high read', () => {
    const f = setup();
    timerInit(f.bus, 100);
    f.pit.advanceTo(tickTime(1000));
    outb(f.bus, 0x43, 0x00); // latch counter 0
    f.pit.advanceTo(tickTime(5000));
    assert.equal(inb(f.bus, 0x40) | (inb(f.bus, 0x40) << 8), 11932 - 1000);
    assert.equal(inb(f.bus, 0x40) | (inb(f.bus, 0x40) << 8), 11932 - 5000, 'unlatched reads see the live count');
  });

  it('mode 3 square wave: interrupts at each period, count steps by two', () => {
    const f = setup();
    outb(f.bus, 0x43, 0x36); // counter 0, lo/hi, mode 3
    outb(f.bus, 0x40, 1000 & 0xff);
    outb(f.bus, 0x40, 1000 >> 8);
    f.pit.advanceTo(tickTime(100));
    assert.equal(inb(f.bus, 0x40) | (inb(f.bus, 0x40) << 8), 800);
    assert.deepEqual(run(f, tickTime(3000)), [tickTime(1000), tickTime(2000), tickTime(3000)]);
  });

  it('mode 0 interrupts once at terminal count', () => {
    const f = setup();
    outb(f.bus, 0x43, 0x30);
    outb(f.bus, 0x40, 0x10);
    outb(f.bus, 0x40, 0x00);
    assert.deepEqual(run(f, SECOND), [tickTime(16)]);
    assert.equal(f.pit.nextEventAt(), Infinity);
  });

  it('mode 4 with low-byte-only access: one interrupt a clock after terminal count', () => {
    const f = setup();
    outb(f.bus, 0x43, 0x18); // counter 0, low byte only, mode 4
    outb(f.bus, 0x40, 50);
    assert.deepEqual(run(f, SECOND), [tickTime(51)]);
  });

  it('mode 1 with a BCD count: interrupt at terminal count, count read back in BCD', () => {
    const f = setup();
    outb(f.bus, 0x43, 0x33); // low then high, mode 1, BCD
    outb(f.bus, 0x40, 0x00);
    outb(f.bus, 0x40, 0x10); // 1000 decimal
    assert.equal(f.pit.nextEventAt(), tickTime(1000));
    f.pit.advanceTo(tickTime(10));
    outb(f.bus, 0x43, 0x00);
    assert.equal(inb(f.bus, 0x40) | (inb(f.bus, 0x40) << 8), 0x0990);
  });

  it('the read-back command returns status (output, null count, access, mode, BCD) then the count', () => {
    const f = setup();
    outb(f.bus, 0x43, 0x34);
    outb(f.bus, 0x43, 0xe2); // read back status of counter 0
    assert.equal(inb(f.bus, 0x40), 0x80 | 0x40 | 0x30 | 0x04);
    outb(f.bus, 0x40, 100);
    outb(f.bus, 0x40, 0);
    outb(f.bus, 0x43, 0xc2); // count and status
    assert.equal(inb(f.bus, 0x40), 0x80 | 0x30 | 0x04);
    assert.equal(inb(f.bus, 0x40) | (inb(f.bus, 0x40) << 8), 100);
  });

  it('as the BIOS leaves it, counter 0 runs mode 3 with count 65536 (masked on the PIC until the kernel takes over)', () => {
    const bus = new PortBus();
    const pic = new PicPair();
    const pit = new Pit8254(pic.line(0));
    pic.attach(bus);
    pit.attach(bus);
    assert.equal(pit.nextEventAt(), tickTime(65536));
    pit.advanceTo(pit.nextEventAt());
    assert.equal(pic.pending(), false);
  });

  it('refuses to move time backwards', () => {
    const f = setup();
    f.pit.advanceTo(100);
    assert.throws(() => f.pit.advanceTo(99), /cannot move time from 100 ns to 99 ns/);
  });

  it('snapshot and restore: replaying the same calls gives the same ticks and counts', () => {
    const f = setup();
    timerInit(f.bus, 100);
    f.pit.advanceTo(333_333_333);
    outb(f.bus, 0x43, 0x00);
    const pic = f.pic.snapshot();
    const pit = JSON.parse(JSON.stringify(f.pit.snapshot()));
    const first = [run(f, SECOND), inb(f.bus, 0x40)];
    f.pic.restore(pic);
    f.pit.restore(pit);
    assert.deepEqual([run(f, SECOND), inb(f.bus, 0x40)], first);
  });
});

describe('pc: virtual time', () => {
  it('converts retired instructions to ns at a configured rate, exactly for large counts', () => {
    const clock = new VirtualClock(1_000_000_007);
    assert.equal(clock.nsAt(1_000_000_007), SECOND);
    assert.equal(clock.nsAt(2 ** 52), Number((2n ** 52n * 1_000_000_000n) / 1_000_000_007n));
    assert.equal(clock.instructionsUntil(SECOND), 1_000_000_007);
    assert.throws(() => new VirtualClock(0), /positive integer/);
  });

  it('property: instructionsUntil(ns) is the first instruction count whose time reaches ns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000_000 }), fc.integer({ min: 1, max: 2 ** 50 }), (ips, ns) => {
        const clock = new VirtualClock(ips);
        const n = clock.instructionsUntil(ns);
        assert.ok(clock.nsAt(n) >= ns);
        assert.ok(n === 0 || clock.nsAt(n - 1) < ns);
      }),
    );
  });

  it('property: mulDivFloor and mulDivCeil agree with BigInt arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 2 ** 33 }), (a, b, c) => {
        const exact = (BigInt(a) * BigInt(b)) / BigInt(c);
        const product = BigInt(a) * BigInt(b);
        if (exact > BigInt(Number.MAX_SAFE_INTEGER) - 1n) return;
        assert.equal(mulDivFloor(a, b, c), Number(exact));
        assert.equal(mulDivCeil(a, b, c), Number(exact + (product % BigInt(c) === 0n ? 0n : 1n)));
      }),
    );
  });
});
