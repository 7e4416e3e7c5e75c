import { strict as assert } from 'node:assert';
import { PortBus } from '../../../../src/emu/pc/port-bus';
import { type PowerEvent, PowerControl } from '../../../../src/emu/pc/power';
import { outb, outw } from './pintos-io';

function setup() {
  const bus = new PortBus();
  const events: PowerEvent[] = [];
  const power = new PowerControl((e) => events.push(e));
  power.attach(bus);
  return { bus, power, events };
}

describe('pc: power-off and reset ports', () => {
  it("Pintos-KAIST's power_off (outw 0x2000 to port 0x604) is reported as a power-off", () => {
    const { bus, events } = setup();
    outw(bus, 0x604, 0x2000);
    assert.equal(events.length, 1);
    assert.deepEqual({ ...events[0], reason: undefined }, { action: 'power-off', port: 0x604, value: 0x2000, reason: undefined });
    assert.match(events[0].reason, /ACPI sleep enable .* 0x604/);
  });

  it('SLP_EN written as a byte to the high half also powers off; reads never show SLP_EN', () => {
    const { bus, events } = setup();
    outb(bus, 0x604, 0x01);
    assert.equal(events.length, 0);
    outb(bus, 0x605, 0x20);
    assert.equal(events.length, 1);
    assert.equal(bus.in(0x604, 2), 0x0001);
  });

  it('the older QEMU (0xB004), VirtualBox (0x4004) and Bochs ("Shutdown" at 0x8900) power-off ports', () => {
    const { bus, events } = setup();
    outw(bus, 0xb004, 0x2000);
    outw(bus, 0x4004, 0x3400);
    for (const c of 'ShutShutdown') outb(bus, 0x8900, c.charCodeAt(0));
    assert.deepEqual(events.map((e) => [e.action, e.port]), [['power-off', 0xb004], ['power-off', 0x4004], ['power-off', 0x8900]]);
  });

  it('reset control (0xCF9 bit 2) and system control port A (0x92 bit 0) request a reboot', () => {
    const { bus, events } = setup();
    outb(bus, 0xcf9, 0x02);
    outb(bus, 0x92, 0x02);
    assert.equal(events.length, 0);
    outb(bus, 0xcf9, 0x06);
    outb(bus, 0x92, 0x03);
    assert.deepEqual(events.map((e) => [e.action, e.port]), [['reboot', 0xcf9], ['reboot', 0x92]]);
  });

  it('snapshot and restore: a half-written "Shutdown" completes the same way after a restore', () => {
    const { bus, power, events } = setup();
    for (const c of 'Shut') outb(bus, 0x8900, c.charCodeAt(0));
    const s = JSON.parse(JSON.stringify(power.snapshot()));
    for (const c of 'down') outb(bus, 0x8900, c.charCodeAt(0));
    power.restore(s);
    for (const c of 'down') outb(bus, 0x8900, c.charCodeAt(0));
    assert.equal(events.length, 2);
  });
});
