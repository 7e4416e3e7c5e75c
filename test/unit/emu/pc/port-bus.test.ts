import { strict as assert } from 'node:assert';
import { type AccessSize, PortBus } from '../../../../src/emu/pc/port-bus';

/** A device that records its accesses and reads back `port & 0xff` (or a word/dword pattern). */
function recorder() {
  const log: string[] = [];
  return {
    log,
    handler: {
      read: (port: number, size: AccessSize) => {
        log.push(`in${size} ${port.toString(16)}`);
        return size === 1 ? port & 0xff : size === 2 ? 0xbeef : 0xdeadbeef;
      },
      write: (port: number, size: AccessSize, value: number) => log.push(`out${size} ${port.toString(16)}=${value.toString(16)}`),
    },
  };
}

describe('pc: port bus', () => {
  it('unclaimed ports read as all ones at every width and ignore writes', () => {
    const bus = new PortBus();
    assert.equal(bus.in(0x80, 1), 0xff);
    assert.equal(bus.in(0x80, 2), 0xffff);
    assert.equal(bus.in(0x80, 4), 0xffff_ffff);
    bus.out(0x80, 1, 0x12);
    assert.equal(bus.in(0x80, 1), 0xff);
  });

  it('reports which unclaimed ports were touched, in port order, with counts and the last byte written', () => {
    const bus = new PortBus();
    bus.out(0x3d4, 2, 0x0e0f);
    bus.in(0x80, 1);
    bus.in(0x80, 1);
    assert.deepEqual(bus.unassignedUses(), [
      { port: 0x80, reads: 2, writes: 0, lastWrite: undefined },
      { port: 0x3d4, reads: 0, writes: 1, lastWrite: 0x0f },
      { port: 0x3d5, reads: 0, writes: 1, lastWrite: 0x0e },
    ]);
    bus.clearUnassignedUses();
    assert.deepEqual(bus.unassignedUses(), []);
  });

  it('a byte-wide device gets wide accesses as byte accesses, little-endian', () => {
    const bus = new PortBus();
    const dev = recorder();
    bus.register({ first: 0x70, count: 2, name: 'dev', handler: dev.handler });
    bus.out(0x70, 2, 0x1234);
    assert.equal(bus.in(0x70, 2), 0x7170);
    assert.deepEqual(dev.log, ['out1 70=34', 'out1 71=12', 'in1 70', 'in1 71']);
  });

  it('a device that takes a width gets it whole; an access running off its range is split', () => {
    const bus = new PortBus();
    const dev = recorder();
    bus.register({ first: 0x1f0, count: 2, name: 'dev', handler: dev.handler, sizes: [2, 4] });
    assert.equal(bus.in(0x1f0, 2), 0xbeef);
    assert.equal(bus.in(0x1f0, 4), 0xffff_f1f0 >>> 0); // 0x1f2 and 0x1f3 are unclaimed
    bus.out(0x1f0, 4, 0xaabbccdd);
    assert.deepEqual(dev.log, ['in2 1f0', 'in1 1f0', 'in1 1f1', 'out1 1f0=dd', 'out1 1f1=cc']);
  });

  it('cuts values to the access width', () => {
    const bus = new PortBus();
    const dev = recorder();
    bus.register({ first: 0x10, count: 1, name: 'dev', handler: dev.handler });
    bus.out(0x10, 1, 0x1ff);
    assert.deepEqual(dev.log, ['out1 10=ff']);
  });

  it('refuses overlapping claims and ranges outside the port space, naming the devices', () => {
    const bus = new PortBus();
    bus.register({ first: 0x20, count: 2, name: 'pic-master', handler: recorder().handler });
    assert.throws(() => bus.register({ first: 0x21, count: 1, name: 'other', handler: recorder().handler }), /other claims port 0x21, already taken by pic-master/);
    assert.throws(() => bus.register({ first: 0xffff, count: 2, name: 'edge', handler: recorder().handler }), /edge claims an invalid range/);
    assert.equal(bus.ownerOf(0x20), 'pic-master');
    assert.equal(bus.ownerOf(0x22), undefined);
  });
});
