import { strict as assert } from 'node:assert';
import { Kbd8042 } from '../../../../src/emu/pc/kbd8042';
import { PicPair } from '../../../../src/emu/pc/pic8259';
import { PortBus } from '../../../../src/emu/pc/port-bus';
import { inb, outb, picInit, serviceInterrupts } from './pintos-io';

function setup() {
  const bus = new PortBus();
  const pic = new PicPair();
  const resets: string[] = [];
  const kbd = new Kbd8042(pic.line(1), (reason) => resets.push(reason));
  pic.attach(bus);
  kbd.attach(bus);
  picInit(bus);
  return { bus, pic, kbd, resets };
}

/** The keyboard interrupt handler of a Pintos kernel: one scancode, two bytes after an 0xE0 prefix. */
function keyboardHandler(bus: PortBus, codes: number[]) {
  return () => {
    let code = inb(bus, 0x60);
    if (code === 0xe0) code = (code << 8) | inb(bus, 0x60);
    codes.push(code);
  };
}

/** Waits until the controller's input buffer is empty (status bit 1), as the boot loader does. */
function waitInputEmpty(bus: PortBus) {
  for (let i = 0; i < 100; i++) if (!(inb(bus, 0x64) & 0x02)) return;
  throw new Error('input buffer never empties');
}

describe('pc: 8042 keyboard controller', () => {
  it("the boot loader's A20 sequence (0xD1 then 0xDF) enables A20 without a reset", () => {
    const f = setup();
    waitInputEmpty(f.bus);
    outb(f.bus, 0x64, 0xd1);
    waitInputEmpty(f.bus);
    outb(f.bus, 0x60, 0xdf);
    assert.equal(f.kbd.a20Enabled, true);
    assert.deepEqual(f.resets, []);
    outb(f.bus, 0x64, 0xd0);
    assert.equal(inb(f.bus, 0x60), 0xdf);
  });

  it('each key byte raises IRQ1 (vector 0x21); the handler reads it from port 0x60', () => {
    const f = setup();
    const codes: number[] = [];
    f.kbd.pressKeys([0x1e, 0x9e, 0x30]); // a down, a up, b down
    const vectors = serviceInterrupts(f.bus, f.pic, new Map([[0x21, keyboardHandler(f.bus, codes)]]));
    assert.deepEqual(codes, [0x1e, 0x9e, 0x30]);
    assert.deepEqual(vectors, [0x21, 0x21, 0x21]);
    assert.equal(inb(f.bus, 0x64) & 0x01, 0);
  });

  it('an 0xE0-prefixed key is read whole by one handler; the extra IRQ1 left latched re-reads the last byte', () => {
    const f = setup();
    const codes: number[] = [];
    f.kbd.pressKeys([0xe0, 0x1d]); // right Ctrl down
    serviceInterrupts(f.bus, f.pic, new Map([[0x21, keyboardHandler(f.bus, codes)]]));
    assert.deepEqual(codes, [0xe01d, 0x1d]);
  });

  it('command 0xFE pulses the reset line; so does an output-port write with bit 0 clear', () => {
    const f = setup();
    outb(f.bus, 0x64, 0xfe);
    outb(f.bus, 0x64, 0xd1);
    outb(f.bus, 0x60, 0xde);
    outb(f.bus, 0x64, 0xff); // pulses nothing
    assert.equal(f.resets.length, 2);
    assert.match(f.resets[0], /0xfe pulsed the reset line/);
  });

  it('controller commands: command byte read and write, self test, interface test; status bit 3 tracks the last port', () => {
    const f = setup();
    outb(f.bus, 0x64, 0x20);
    assert.equal(inb(f.bus, 0x64) & 0x09, 0x09);
    const commandByte = inb(f.bus, 0x60);
    assert.equal(commandByte & 0x01, 0x01, 'keyboard interrupts on, as the BIOS leaves them');
    outb(f.bus, 0x64, 0x60);
    outb(f.bus, 0x60, commandByte & ~0x01);
    assert.equal(inb(f.bus, 0x64) & 0x08, 0);
    assert.deepEqual(serviceInterrupts(f.bus, f.pic, new Map([[0x21, () => {}]])), [0x21], 'the reply to 0x20 raised IRQ1');
    f.kbd.pressKeys([0x10]);
    assert.equal(f.pic.pending(), false, 'IRQ1 disabled in the command byte');
    assert.equal(inb(f.bus, 0x60), 0x10);
    outb(f.bus, 0x64, 0xaa);
    assert.equal(inb(f.bus, 0x60), 0x55);
    outb(f.bus, 0x64, 0xab);
    assert.equal(inb(f.bus, 0x60), 0x00);
  });

  it('keyboard commands are acknowledged; replies go before waiting scancodes; 0xAD holds scancodes back', () => {
    const f = setup();
    outb(f.bus, 0x64, 0xad);
    f.kbd.pressKeys([0x2c]);
    outb(f.bus, 0x60, 0xed); // LEDs
    outb(f.bus, 0x60, 0x02);
    outb(f.bus, 0x60, 0xf2); // identify
    const bytes = Array.from({ length: 4 }, () => inb(f.bus, 0x60));
    assert.deepEqual(bytes, [0xfa, 0xfa, 0xfa, 0xab]);
    assert.equal(inb(f.bus, 0x60), 0x83);
    assert.equal(inb(f.bus, 0x64) & 0x01, 0, 'the scancode waits while the keyboard is disabled');
    outb(f.bus, 0x64, 0xae);
    assert.equal(inb(f.bus, 0x60), 0x2c);
  });

  it('snapshot and restore: the same reads after a restore give the same bytes', () => {
    const f = setup();
    f.kbd.pressKeys([1, 2, 3]);
    outb(f.bus, 0x60, 0xee);
    const s = JSON.parse(JSON.stringify({ kbd: f.kbd.snapshot(), pic: f.pic.snapshot() }));
    const reads = () => Array.from({ length: 5 }, () => inb(f.bus, 0x60));
    const first = reads();
    f.kbd.restore(s.kbd);
    f.pic.restore(s.pic);
    assert.deepEqual(reads(), first);
    assert.deepEqual(first, [1, 0xee, 2, 3, 3]);
  });
});
