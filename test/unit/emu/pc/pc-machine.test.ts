// The PC's run loop: how a run ends when the guest halts for good, faults with no IDT, or waits
// for interrupts that never come; and that a timer interrupt wakes a halted CPU at its exact
// virtual time.
import * as assert from 'node:assert/strict';
import { PcMachine } from '../../../../src/emu/pc/pc-machine';

const CODE = 0x1000;

/** A 1 MiB PC at 1 M instructions per virtual second with `code` (hex) at CODE, in 32-bit code. */
function pc(code: string): PcMachine {
  const p = new PcMachine({ ramBytes: 1 << 20, instructionsPerSecond: 1_000_000, serialSink: () => undefined, startTime: 1_700_000_000 });
  p.memory.phys.ram.set(code.split(' ').map((b) => parseInt(b, 16)), CODE);
  p.machine.cpu.rip = CODE;
  return p;
}

describe('PC run loop', () => {
  it('cli; hlt ends the run: nothing can wake the CPU', () => {
    const stop = pc('fa f4').run(1000);
    assert.equal(stop.kind, 'dead');
  });

  it('a fault with no IDT is a triple fault, with the reason', () => {
    const stop = pc('0f 0b').run(1000);
    assert.equal(stop.kind, 'triple-fault');
    assert.match(stop.kind === 'triple-fault' ? stop.message : '', /vector 6: .*IDT entry 6.*double fault: .*IDT entry 8/);
  });

  it('sti; hlt with every interrupt masked waits out its budget in virtual time, and returns', () => {
    const p = pc('fb f4');
    assert.equal(p.run(1000).kind, 'budget');
    assert.ok(p.now >= 1_000_000, `virtual time moved by the budget (${p.now} ns)`);
    assert.equal(p.run(1000).kind, 'budget', 'and again');
  });

  it('an unmasked timer wakes the halted CPU at its tick', () => {
    // The PIT as a BIOS leaves it (18.2 Hz) is masked at the PIC; unmask IRQ0 (out 0x21, 0xfe),
    // then sti; hlt. With no IDT the timer's vector (8 from a BIOS's PIC base) triple-faults:
    // the CPU left the halt exactly when the first tick fell due.
    const p = pc('b0 fe e6 21 fb f4');
    const stop = p.run(10_000_000);
    assert.equal(stop.kind, 'triple-fault');
    const tick = 1e9 * 65536 / 1_193_182;
    assert.ok(Math.abs(p.now - tick) < 1000, `woke at ${p.now} ns, the tick is at ${tick.toFixed(0)} ns`);
  });
});
