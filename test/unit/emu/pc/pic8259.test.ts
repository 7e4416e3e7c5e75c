import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { PicPair } from '../../../../src/emu/pc/pic8259';
import { PortBus } from '../../../../src/emu/pc/port-bus';
import { inb, outb, picEoi, picInit, serviceInterrupts } from './pintos-io';

/** A PIC pair on a bus, initialised as the Pintos kernel does. */
function setup() {
  const bus = new PortBus();
  const pic = new PicPair();
  pic.attach(bus);
  picInit(bus);
  return { bus, pic };
}

/** Raises and lowers a line: one edge. */
function pulse(pic: PicPair, irq: number) {
  pic.raise(irq);
  pic.lower(irq);
}

/** IRQs in the order fixed priority serves them: the slave's eight sit at the master's IR2. */
const PRIORITY = [0, 1, 8, 9, 10, 11, 12, 13, 14, 15, 3, 4, 5, 6, 7];

describe('pc: 8259A PIC pair', () => {
  it('after the Pintos init sequence, IRQ n arrives at vector 0x20 + n and waits for its EOI', () => {
    const { bus, pic } = setup();
    assert.equal(pic.pending(), false);
    pulse(pic, 0);
    assert.equal(pic.pending(), true);
    assert.equal(pic.acknowledge(), 0x20);
    assert.equal(pic.pending(), false);
    pulse(pic, 0); // the next tick arrives while the first is in service
    assert.equal(pic.pending(), false);
    picEoi(bus, 0x20);
    assert.equal(pic.pending(), true);
    assert.equal(pic.acknowledge(), 0x20);
  });

  it('a masked request stays pending until it is unmasked', () => {
    const { bus, pic } = setup();
    outb(bus, 0x21, 0x02);
    pulse(pic, 1);
    assert.equal(pic.pending(), false);
    outb(bus, 0x21, 0x00);
    assert.equal(pic.pending(), true);
    assert.equal(pic.acknowledge(), 0x21);
  });

  it('of simultaneous requests the lower IRQ number goes first; the rest follow after each EOI', () => {
    const { bus, pic } = setup();
    for (const irq of [7, 3, 1, 4]) pulse(pic, irq);
    const taken = serviceInterrupts(bus, pic, new Map([0x21, 0x23, 0x24, 0x27].map((v) => [v, () => {}])));
    assert.deepEqual(taken, [0x21, 0x23, 0x24, 0x27]);
  });

  it('a higher-priority request interrupts one in service; a lower one waits', () => {
    const { pic } = setup();
    pulse(pic, 3);
    assert.equal(pic.acknowledge(), 0x23);
    pulse(pic, 4);
    assert.equal(pic.pending(), false);
    pulse(pic, 1);
    assert.equal(pic.pending(), true);
    assert.equal(pic.acknowledge(), 0x21);
  });

  it('slave IRQs cascade through IR2: in-service on both chips, priority between IRQ1 and IRQ3', () => {
    const { bus, pic } = setup();
    pulse(pic, 3);
    pulse(pic, 14);
    assert.equal(pic.acknowledge(), 0x2e);
    outb(bus, 0x20, 0x0b); // OCW3: read ISR
    outb(bus, 0xa0, 0x0b);
    assert.equal(inb(bus, 0x20), 0x04);
    assert.equal(inb(bus, 0xa0), 0x40);
    pulse(pic, 15);
    assert.equal(pic.pending(), false, 'IRQ15 waits behind IRQ14 in service');
    outb(bus, 0x20, 0x20); // EOI to the master only: IRQ3 may come, IRQ15 still waits on the slave
    assert.equal(pic.acknowledge(), 0x23);
  });

  it('a slave request is blocked by the slave in-service bit until the slave gets its EOI', () => {
    const { bus, pic } = setup();
    pulse(pic, 14);
    assert.equal(pic.acknowledge(), 0x2e);
    pulse(pic, 15);
    outb(bus, 0x20, 0x20);
    assert.equal(pic.pending(), false);
    outb(bus, 0xa0, 0x20);
    assert.equal(pic.acknowledge(), 0x2f);
  });

  it('edge-triggered: a line held high requests once; it must fall and rise again', () => {
    const { bus, pic } = setup();
    pic.raise(4);
    assert.equal(pic.acknowledge(), 0x24);
    picEoi(bus, 0x24);
    pic.raise(4);
    assert.equal(pic.pending(), false);
    pic.lower(4);
    pic.raise(4);
    assert.equal(pic.acknowledge(), 0x24);
  });

  it('OCW3 selects IRR or ISR for command-port reads; the data port reads the mask', () => {
    const { bus, pic } = setup();
    outb(bus, 0x21, 0xf0);
    pulse(pic, 5);
    pulse(pic, 1);
    outb(bus, 0x20, 0x0a);
    assert.equal(inb(bus, 0x20), 0x22);
    assert.equal(pic.acknowledge(), 0x21);
    assert.equal(inb(bus, 0x20), 0x20);
    outb(bus, 0x20, 0x0b);
    assert.equal(inb(bus, 0x20), 0x02);
    assert.equal(inb(bus, 0x21), 0xf0);
  });

  it('specific EOI clears the named level; poll mode acknowledges by a read', () => {
    const { bus, pic } = setup();
    pulse(pic, 5);
    pulse(pic, 6);
    assert.equal(pic.acknowledge(), 0x25);
    outb(bus, 0x20, 0x65); // specific EOI, level 5
    outb(bus, 0x20, 0x0c); // OCW3: poll
    assert.equal(inb(bus, 0x20), 0x86);
    outb(bus, 0x20, 0x0b);
    assert.equal(inb(bus, 0x20), 0x40);
  });

  it('with nothing to deliver the acknowledge cycle yields the spurious IRQ7 without an in-service bit', () => {
    const { bus, pic } = setup();
    pulse(pic, 5);
    outb(bus, 0x21, 0x20); // the kernel masks IRQ5 between INTR and the acknowledge
    assert.equal(pic.acknowledge(), 0x27);
    outb(bus, 0x20, 0x0b);
    assert.equal(inb(bus, 0x20), 0);
  });

  it('IRQ2 is the cascade input: no device may drive it', () => {
    const { pic } = setup();
    assert.throws(() => pic.raise(2), /no IRQ line 2/);
    assert.throws(() => pic.raise(16), /no IRQ line 16/);
  });

  it('auto-EOI (ICW4 bit 1) leaves nothing in service; level mode follows the line', () => {
    const bus = new PortBus();
    const pic = new PicPair();
    pic.attach(bus);
    for (const v of [0x19, 0x40, 0x04, 0x03]) outb(bus, v === 0x19 ? 0x20 : 0x21, v); // level, base 0x40, auto-EOI
    outb(bus, 0x21, 0);
    pic.raise(3);
    assert.equal(pic.acknowledge(), 0x43);
    assert.equal(pic.pending(), true, 'the line is still high');
    pic.lower(3);
    assert.equal(pic.pending(), false);
  });

  it('an ICW1 forgets latched requests and in-service bits', () => {
    const { bus, pic } = setup();
    pulse(pic, 0);
    pulse(pic, 5);
    pic.acknowledge();
    picInit(bus);
    assert.equal(pic.pending(), false);
  });

  it('property: the acknowledged vector is the highest-priority unmasked request', () => {
    fc.assert(
      fc.property(fc.subarray(PRIORITY), fc.integer({ min: 0, max: 0xffff }), (irqs, mask) => {
        const { bus, pic } = setup();
        mask &= ~0x04; // the cascade input stays open
        outb(bus, 0x21, mask & 0xff);
        outb(bus, 0xa1, mask >> 8);
        for (const irq of irqs) pulse(pic, irq);
        const expected = PRIORITY.find((irq) => irqs.includes(irq) && !(mask & (1 << irq)));
        assert.equal(pic.pending(), expected !== undefined);
        if (expected !== undefined) assert.equal(pic.acknowledge(), 0x20 + expected);
      }),
    );
  });

  it('property: acknowledging and EOI-ing in a loop delivers each request once, in priority order', () => {
    fc.assert(
      fc.property(fc.subarray(PRIORITY), (irqs) => {
        const { bus, pic } = setup();
        for (const irq of irqs) pulse(pic, irq);
        const handlers = new Map(PRIORITY.map((irq) => [0x20 + irq, () => {}]));
        const taken = serviceInterrupts(bus, pic, handlers);
        assert.deepEqual(taken, PRIORITY.filter((irq) => irqs.includes(irq)).map((irq) => 0x20 + irq));
      }),
    );
  });

  it('snapshot and restore bring back requests, masks and in-service bits', () => {
    const { bus, pic } = setup();
    outb(bus, 0x21, 0x08);
    pulse(pic, 3);
    pulse(pic, 9);
    const s = pic.snapshot();
    assert.equal(pic.acknowledge(), 0x29);
    pic.restore(JSON.parse(JSON.stringify(s)));
    assert.deepEqual(pic.inspect(), { master: { irr: 0x0c, isr: 0, imr: 0x08, vectorBase: 0x20 }, slave: { irr: 0x02, isr: 0, imr: 0, vectorBase: 0x28 } });
    assert.equal(pic.acknowledge(), 0x29);
  });
});
