// The memory dump's rows: address, bytes in hex and the printable characters, aligned.
import * as assert from 'node:assert/strict';
import { DUMP_ROW_BYTES, hexDump } from '../../../src/extension/hex-dump';

describe('hex dump text', () => {
  it('shows 8 bytes per row: address, hex and characters between bars', () => {
    const bytes = Uint8Array.from([0x48, 0x69, 0x00, 0x7f, 0x20, 0x41, 0xff, 0x7e, 0x31]);
    const lines = hexDump(0x4747b000, bytes).trimEnd().split('\n');
    assert.deepEqual(lines, [
      '4747b000  48 69 00 7f 20 41 ff 7e  |Hi.. A.~|',
      '4747b008  31                       |1       |',
    ]);
  });

  it('keeps every row of a page the same width, 45 columns for 32-bit addresses', () => {
    const page = new Uint8Array(4096).map((_, i) => i & 0xff);
    const lines = hexDump(0x400000, page).trimEnd().split('\n');
    assert.equal(lines.length, 4096 / DUMP_ROW_BYTES);
    assert.deepEqual(new Set(lines.map((l) => l.length)), new Set([45]));
  });

  it('widens the address to 12 digits past 4 GiB', () => {
    const [line] = hexDump(0x8004000000, new Uint8Array(8)).split('\n');
    assert.match(line, /^008004000000 {2}(00 ){7}00 {2}\|\.{8}\|$/);
  });
});
