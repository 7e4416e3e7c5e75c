import { strict as assert } from 'node:assert';
import { CmosRtc } from '../../../../src/emu/pc/cmos-rtc';
import { PortBus } from '../../../../src/emu/pc/port-bus';
import { inb, outb } from './pintos-io';

const SECOND = 1_000_000_000;
/** Friday 2024-03-15 12:34:56 UTC */
const START = Date.UTC(2024, 2, 15, 12, 34, 56) / 1000;

function setup(start = START, memoryBytes?: number) {
  const bus = new PortBus();
  const rtc = new CmosRtc(start, { memoryBytes });
  rtc.attach(bus);
  return { bus, rtc };
}

function cmosRead(bus: PortBus, index: number): number {
  outb(bus, 0x70, index);
  return inb(bus, 0x71);
}

function cmosWrite(bus: PortBus, index: number, value: number) {
  outb(bus, 0x70, index);
  outb(bus, 0x71, value);
}

const bcd = (v: number) => (v >> 4) * 10 + (v & 15);

/** The classic kernel RTC read: read every field, repeat until the seconds did not change meanwhile. */
function rtcGetTime(bus: PortBus): number {
  let sec: number, min: number, hour: number, mday: number, mon: number, year: number;
  do {
    sec = bcd(cmosRead(bus, 0));
    min = bcd(cmosRead(bus, 2));
    hour = bcd(cmosRead(bus, 4));
    mday = bcd(cmosRead(bus, 7));
    mon = bcd(cmosRead(bus, 8));
    year = bcd(cmosRead(bus, 9));
  } while (sec !== bcd(cmosRead(bus, 0)));
  return Date.UTC(year < 70 ? 2000 + year : 1900 + year, mon - 1, mday, hour, min, sec) / 1000;
}

describe('pc: CMOS RTC', () => {
  it('reads the start time in BCD, 24-hour mode, with the weekday and century', () => {
    const { bus } = setup();
    assert.deepEqual([0, 2, 4, 6, 7, 8, 9, 0x32].map((i) => cmosRead(bus, i)), [0x56, 0x34, 0x12, 0x06, 0x15, 0x03, 0x24, 0x20]);
    assert.equal(rtcGetTime(bus), START);
  });

  it('runs on virtual time only: 65 virtual seconds later the clock has moved 65 seconds', () => {
    const { bus, rtc } = setup();
    rtc.advanceTo(65 * SECOND + 5);
    assert.equal(rtcGetTime(bus), START + 65);
    assert.equal(cmosRead(bus, 2), 0x36);
    assert.equal(cmosRead(bus, 0), 0x01);
  });

  it('binary and 12-hour modes follow status register B', () => {
    const { bus } = setup(Date.UTC(1999, 11, 31, 23, 59, 58) / 1000);
    cmosWrite(bus, 0x0b, 0x04); // binary, 12-hour
    assert.deepEqual([0, 2, 4, 9, 0x32].map((i) => cmosRead(bus, i)), [58, 59, 0x80 | 11, 99, 19]);
  });

  it('update-in-progress is set only in the last 244 µs of a virtual second, so a wait for it ends', () => {
    const { bus, rtc } = setup();
    assert.equal(cmosRead(bus, 0x0a), 0x26);
    rtc.advanceTo(SECOND - 244_000);
    assert.equal(cmosRead(bus, 0x0a), 0xa6);
    let t = SECOND - 244_000;
    while (cmosRead(bus, 0x0a) & 0x80) rtc.advanceTo((t += 4_000));
    assert.equal(t, SECOND);
    assert.equal(rtc.seconds(), START + 1);
  });

  it('status C reads 0 and status D reports valid RAM and time', () => {
    const { bus } = setup();
    assert.deepEqual([cmosRead(bus, 0x0c), cmosRead(bus, 0x0d)], [0, 0x80]);
  });

  it('port 0x70 bit 7 disables NMIs and does not change the register chosen', () => {
    const { bus, rtc } = setup();
    outb(bus, 0x70, 0x80 | 0x09);
    assert.equal(inb(bus, 0x71), 0x24);
    assert.equal(rtc.nmiDisabled, true);
    outb(bus, 0x70, 0x09);
    assert.equal(rtc.nmiDisabled, false);
  });

  it('with SET held the guest writes a new time; the clock runs on from it after SET clears', () => {
    const { bus, rtc } = setup();
    cmosWrite(bus, 0x0b, 0x82);
    cmosWrite(bus, 4, 0x08);
    cmosWrite(bus, 2, 0x00);
    cmosWrite(bus, 0, 0x00);
    rtc.advanceTo(10 * SECOND);
    assert.equal(cmosRead(bus, 0), 0x00, 'frozen while SET');
    cmosWrite(bus, 0x0b, 0x02);
    rtc.advanceTo(13 * SECOND);
    assert.deepEqual([cmosRead(bus, 4), cmosRead(bus, 2), cmosRead(bus, 0)], [0x08, 0x00, 0x03]);
  });

  it('plain CMOS bytes keep what is written; the memory size bytes are filled in', () => {
    const { bus } = setup(START, 256 * 1024 * 1024);
    cmosWrite(bus, 0x40, 0x5a);
    assert.equal(cmosRead(bus, 0x40), 0x5a);
    assert.equal(cmosRead(bus, 0x15) | (cmosRead(bus, 0x16) << 8), 640);
    assert.equal(cmosRead(bus, 0x17) | (cmosRead(bus, 0x18) << 8), 0xffff);
    assert.equal(cmosRead(bus, 0x34) | (cmosRead(bus, 0x35) << 8), (256 - 16) * 16);
  });

  it('snapshot and restore: time, offset and RAM come back', () => {
    const { bus, rtc } = setup();
    rtc.advanceTo(5 * SECOND);
    cmosWrite(bus, 0x41, 7);
    const s = JSON.parse(JSON.stringify(rtc.snapshot()));
    cmosWrite(bus, 2, 0x59);
    rtc.advanceTo(100 * SECOND);
    rtc.restore(s);
    assert.equal(rtcGetTime(bus), START + 5);
    assert.equal(cmosRead(bus, 0x41), 7);
  });
});
