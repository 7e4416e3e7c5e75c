import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { PcDevices } from '../../../../src/emu/pc/pc-devices';
import type { PowerEvent } from '../../../../src/emu/pc/power';
import { VirtualClock } from '../../../../src/emu/pc/virtual-time';
import { MemDisk, inb, inw, outb, outw, picInit, serviceInterrupts, timerInit } from './pintos-io';

const SECOND = 1_000_000_000;
const START = Date.UTC(2024, 8, 1, 9, 0, 0) / 1000;

function machine() {
  const disks = { os: new MemDisk(200, (s) => s), fs: new MemDisk(4096), scratch: new MemDisk(64, (s) => 2 * s), swap: new MemDisk(8192) };
  const serial: number[] = [];
  const power: PowerEvent[] = [];
  const dev = new PcDevices({ disks, serialSink: (b) => serial.push(b), startTime: START, memoryBytes: 256 << 20, onPower: (e) => power.push(e) });
  const pic = { pending: () => dev.interruptPending(), acknowledge: () => dev.acknowledgeInterrupt() };
  return { dev, disks, serial, power, pic };
}

describe('pc: the assembled devices', () => {
  it('carry a Pintos-KAIST boot from the loader to power-off, touching no unclaimed port', () => {
    const m = machine();
    const { dev } = m;
    // Boot loader: A20 through the keyboard controller, then polled reads of the kernel with nIEN.
    outb(dev, 0x64, 0xd1);
    outb(dev, 0x60, 0xdf);
    outb(dev, 0x3f6, 0x02);
    for (let sector = 1; sector <= 4; sector++) {
      while (inb(dev, 0x1f7) & 0x80);
      outb(dev, 0x1f2, 1);
      [sector, 0, 0, 0xe0].forEach((b, i) => outb(dev, 0x1f3 + i, b));
      outb(dev, 0x1f7, 0x20);
      while (!(inb(dev, 0x1f7) & 0x08));
      for (let i = 0; i < 256; i++) inw(dev, 0x1f0);
    }
    // Kernel: the console finds the VGA cursor, serial output is polled until interrupts are up.
    outb(dev, 0x3d4, 0x0e);
    const row = inb(dev, 0x3d5);
    outb(dev, 0x3d4, 0x0f);
    assert.equal((row << 8) | inb(dev, 0x3d5), 0);
    const putPoll = (text: string) => {
      for (const c of text) {
        while (!(inb(dev, 0x3fd) & 0x20));
        outb(dev, 0x3f8, c.charCodeAt(0));
      }
    };
    [[0x3f9, 0], [0x3fa, 0], [0x3fb, 0x83], [0x3f8, 1], [0x3f9, 0], [0x3fb, 0x03], [0x3fc, 0x08]].forEach(([p, v]) => outb(dev, p, v));
    putPoll('Kernel command line: -q run alarm-zero\n');
    outw(dev, 0x3d4, 0x0e | (80 & 0xff00));
    outw(dev, 0x3d4, 0x0f | (80 << 8));
    assert.equal(dev.crtc.cursor, 80);
    picInit(dev);
    timerInit(dev, 100);
    // Interrupts on: timer ticks and disk completions are taken as they come.
    let ticks = 0;
    const diskDone = [0, 0];
    const handlers = new Map<number, () => void>([
      [0x20, () => ticks++],
      [0x2e, () => (inb(dev, 0x1f7), diskDone[0]++)],
      [0x2f, () => (inb(dev, 0x177), diskDone[1]++)],
    ]);
    const cpu = () => serviceInterrupts(dev, m.pic, handlers);
    cpu();
    outb(dev, 0x3f9, 0x01); // serial_init_queue: receive interrupts only
    dev.advanceTo(dev.nextEventAt()); // timer_calibrate waits for a tick
    cpu();
    assert.equal(ticks, 1);
    // disk_init, reduced to reset and IDENTIFY of each position that answers.
    const capacities: number[] = [];
    for (const [c, base] of [[0, 0x1f0], [1, 0x170]]) {
      [0, 0x04, 0].forEach((v) => outb(dev, base + 0x206, v));
      for (const d of [0, 1]) {
        outb(dev, base + 6, 0xa0 | (d << 4));
        if (inb(dev, base + 1) !== 1 || !(inb(dev, base + 7) & 0x40)) continue;
        outb(dev, base + 7, 0xec);
        cpu();
        const id = Array.from({ length: 256 }, () => inw(dev, base));
        capacities.push(id[60] | (id[61] << 16));
      }
      assert.equal(diskDone[c], 2);
    }
    assert.deepEqual(capacities, [200, 4096, 64, 8192]);
    // printf through the transmit queue: IER gets the transmit bit, the handler drains the queue.
    const txq = [...'Boot complete.\n'].map((c) => c.charCodeAt(0));
    handlers.set(0x24, () => {
      inb(dev, 0x3fa);
      while (txq.length > 0 && inb(dev, 0x3fd) & 0x20) outb(dev, 0x3f8, txq.shift()!);
      outb(dev, 0x3f9, txq.length > 0 ? 0x03 : 0x01);
    });
    outb(dev, 0x3f9, 0x03);
    cpu();
    // The run: a second of virtual time, then power_off.
    const end = dev.time + SECOND;
    for (let t = dev.nextEventAt(); t <= end; t = dev.nextEventAt()) {
      dev.advanceTo(t);
      cpu();
    }
    outw(dev, 0x604, 0x2000);
    assert.equal(String.fromCharCode(...m.serial), 'Kernel command line: -q run alarm-zero\nBoot complete.\n');
    assert.ok(ticks >= 100 && ticks <= 101, `${ticks} ticks`);
    assert.deepEqual(m.power.map((e) => e.action), ['power-off']);
    assert.deepEqual(dev.bus.unassignedUses(), []);
  });

  it('a run loop on retired instructions stops exactly at each timer interrupt', () => {
    const { dev, pic } = machine();
    const clock = new VirtualClock(123_456_789);
    picInit(dev);
    timerInit(dev, 1000);
    let retired = 0;
    const tickAt: number[] = [];
    while (tickAt.length < 2000) {
      retired = Math.max(retired + 1, clock.instructionsUntil(dev.nextEventAt()));
      dev.advanceTo(clock.nsAt(retired));
      serviceInterrupts(dev, pic, new Map([[0x20, () => tickAt.push(retired)]]));
    }
    const count = Math.floor((1193180 + 500) / 1000);
    tickAt.forEach((n, k) => assert.equal(n, clock.instructionsUntil(Math.ceil(((k + 1) * count * SECOND) / 1_193_182))));
    assert.equal(dev.pit.nextEventAt() > dev.time, true);
  });

  it('refuses to move time backwards', () => {
    const { dev } = machine();
    dev.advanceTo(10);
    assert.throws(() => dev.advanceTo(9), /cannot move time/);
  });

  it('property: restoring a snapshot and replaying the same calls gives the same outputs', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('advance' as const), dt: fc.integer({ min: 0, max: 30_000_000 }) }),
      fc.record({ kind: fc.constant('service' as const) }),
      fc.record({ kind: fc.constant('out' as const), port: fc.constantFrom(...WRITABLE), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('in' as const), port: fc.constantFrom(...READABLE) }),
      fc.record({ kind: fc.constant('receive' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }) }),
      fc.record({ kind: fc.constant('key' as const), code: fc.integer({ min: 1, max: 0x58 }) }),
      fc.record({ kind: fc.constant('disk' as const), channel: fc.integer({ min: 0, max: 1 }), dev: fc.integer({ min: 0, max: 1 }), sector: fc.integer({ min: 0, max: 100 }), write: fc.boolean(), fill: fc.integer({ min: 0, max: 255 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(op, { maxLength: 40 }), (prefix, suffix) => {
        const m = machine();
        setUp(m.dev);
        const out: unknown[] = [];
        for (const o of prefix) apply(m, o, out);
        const snap = JSON.parse(JSON.stringify(m.dev.snapshot()));
        const disks = Object.values(m.disks).map((d) => d.snapshot());
        const run = () => {
          const start = { serial: m.serial.length, power: m.power.length };
          const seen: unknown[] = [];
          for (const o of suffix) apply(m, o, seen);
          return { seen, serial: m.serial.slice(start.serial), power: m.power.slice(start.power) };
        };
        const first = run();
        m.dev.restore(snap);
        Object.values(m.disks).forEach((d, i) => d.restore(disks[i]));
        assert.deepEqual(run(), first);
      }),
      { numRuns: 150 },
    );
  });
});

const WRITABLE = [0x21, 0xa1, 0x40, 0x43, 0x3f8, 0x3f9, 0x3fa, 0x3fb, 0x3fc, 0x3ff, 0x1f2, 0x1f3, 0x1f6, 0x1f7, 0x3f6, 0x176, 0x60, 0x70, 0x71, 0x3d4, 0x3d5];
const READABLE = [0x20, 0x21, 0xa0, 0x40, 0x3f8, 0x3fa, 0x3fd, 0x3fe, 0x1f0, 0x1f7, 0x3f6, 0x170, 0x177, 0x60, 0x64, 0x71, 0x3d5];

type Machine = ReturnType<typeof machine>;
type Op =
  | { kind: 'advance'; dt: number }
  | { kind: 'service' }
  | { kind: 'out'; port: number; value: number }
  | { kind: 'in'; port: number }
  | { kind: 'receive'; bytes: number[] }
  | { kind: 'key'; code: number }
  | { kind: 'disk'; channel: number; dev: number; sector: number; write: boolean; fill: number };

/** PIC, timer and serial as a kernel leaves them after boot. */
function setUp(dev: PcDevices) {
  picInit(dev);
  timerInit(dev, 100);
  [[0x3fb, 0x83], [0x3f8, 1], [0x3f9, 0], [0x3fb, 0x03], [0x3fc, 0x08], [0x3f9, 0x03]].forEach(([p, v]) => outb(dev, p, v));
}

/** Applies one operation, recording everything the guest would observe. */
function apply(m: Machine, o: Op, seen: unknown[]) {
  const { dev } = m;
  switch (o.kind) {
    case 'advance':
      dev.advanceTo(Math.min(dev.time + o.dt, dev.nextEventAt()));
      break;
    case 'service': {
      const handlers = new Map<number, () => void>([
        [0x21, () => seen.push(inb(dev, 0x60))],
        [0x24, () => seen.push(inb(dev, 0x3fa), inb(dev, 0x3fd), inb(dev, 0x3f8))],
        [0x2e, () => seen.push(inb(dev, 0x1f7))],
        [0x2f, () => seen.push(inb(dev, 0x177))],
      ]);
      for (let n = 0; n < 8 && dev.interruptPending(); n++) {
        const vector = dev.acknowledgeInterrupt();
        seen.push(vector);
        handlers.get(vector)?.();
        outb(dev, 0x20, 0x20);
        if (vector >= 0x28) outb(dev, 0xa0, 0x20);
      }
      break;
    }
    case 'out':
      outb(dev, o.port, o.value);
      break;
    case 'in':
      seen.push(inb(dev, o.port));
      break;
    case 'receive':
      dev.uart.receive(o.bytes);
      break;
    case 'key':
      dev.kbd.pressKeys([o.code]);
      break;
    case 'disk': {
      const base = o.channel === 0 ? 0x1f0 : 0x170;
      [1, o.sector, 0, 0, 0xe0 | (o.dev << 4)].forEach((v, i) => outb(dev, base + 2 + i, v));
      outb(dev, base + 7, o.write ? 0x30 : 0x20);
      const status = inb(dev, base + 7);
      seen.push(status);
      if (!(status & 0x08)) break;
      let sum = 0;
      for (let i = 0; i < 256; i++) {
        if (o.write) outw(dev, base, o.fill * 257 + i);
        else sum = (sum * 31 + inw(dev, base)) >>> 0;
      }
      seen.push(sum, inb(dev, base + 7));
      break;
    }
  }
}
