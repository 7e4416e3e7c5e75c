// The lazy-flag functions in WebAssembly (emu/wasm/wasm-flags.ts) agree with cpu/lazy-flags.ts on
// every record: all kinds and sizes, operands with stale upper halves, every carry-in, shift
// counts in and out of range; for the six status flags, every condition code and setFlags.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CpuState } from '../../../src/emu/cpu/cpu-state';
import { conditionOnFlags, setStatusFlags, statusFlags } from '../../../src/emu/cpu/lazy-flags';
import { Slot } from '../../../src/emu/cpu/registers';
import { allocateGuestMemory, Control } from '../../../src/emu/memory/control-area';
import { X_FLAG_BITS, X_FLAG_OP } from '../../../src/emu/wasm/exchange';
import { buildFlags } from '../../../src/emu/wasm/wasm-flags';

describe('compiled tier: lazy flags in WebAssembly', () => {
  const guest = allocateGuestMemory(1 << 16);
  const wasm = guest.wasm as WebAssembly.Memory;
  const flags = buildFlags(wasm, guest.buffer.byteLength / 65536, guest.controlBase);
  const cpu = new CpuState(undefined as never, { buffer: guest.buffer, offset: guest.controlBase + Control.REGISTERS });
  const exchange = new Int32Array(guest.buffer, guest.controlBase + Control.EXCHANGE, 16);

  const value64 = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constantFrom(0n, 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 32n - 1n, 0x80n, 0x8000n, 0x80000000n));
  const count = fc.oneof(fc.integer({ min: 0, max: 70 }), fc.nat());
  const record = fc.record({
    kind: fc.integer({ min: 0, max: 12 }),
    log: fc.integer({ min: 0, max: 3 }),
    a: value64,
    b: fc.oneof(value64, count.map(BigInt)),
    res: value64,
    bits: fc.integer({ min: 0, max: 0xfff }),
  });

  /** Puts the record in the register file and the exchange words, as compiled blocks keep it. */
  function load(r: { kind: number; log: number; a: bigint; b: bigint; res: bigint; bits: number }): void {
    cpu.r64[Slot.FLAG_DST] = r.a;
    cpu.r64[Slot.FLAG_SRC] = r.b;
    cpu.r64[Slot.FLAG_RES] = r.res;
    cpu.flagOp = r.kind === 0 && r.log === 0 ? 0 : (r.kind << 2) | r.log;
    cpu.flagBits = r.bits;
    exchange[X_FLAG_OP / 4] = cpu.flagOp;
    exchange[X_FLAG_BITS / 4] = cpu.flagBits;
  }

  it('every condition code agrees with the lazy-flags code', () => {
    fc.assert(
      fc.property(record, (r) => {
        load(r);
        const f = statusFlags(cpu);
        for (let cc = 0; cc < 16; cc++) assert.equal(flags.condition(cc), conditionOnFlags(f, cc) ? 1 : 0, `cc ${cc} of ${JSON.stringify({ ...r, a: `${r.a}`, b: `${r.b}`, res: `${r.res}` })}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('setFlags materializes the flags and replaces the masked ones', () => {
    fc.assert(
      fc.property(record, fc.integer({ min: 0, max: 0xfff }), fc.integer({ min: 0, max: 0xfff }), (r, mask, value) => {
        load(r);
        flags.setFlags(mask, value);
        setStatusFlags(cpu, mask, value);
        assert.equal(exchange[X_FLAG_OP / 4], 0);
        assert.equal(exchange[X_FLAG_BITS / 4], cpu.flagBits);
      }),
      { numRuns: 20_000 },
    );
  });

  it('a status-flag read sees all six flags of the record (each condition pair isolates one)', () => {
    // o, b, e, s, p: with a condition per flag, the six flags the record gives are read exactly
    fc.assert(
      fc.property(record, (r) => {
        load(r);
        const f = statusFlags(cpu);
        const read = (flags.condition(0) << 11) | flags.condition(2) | (flags.condition(4) << 6) | (flags.condition(8) << 7) | (flags.condition(10) << 2);
        assert.equal(read, f & 0x8c5);
      }),
      { numRuns: 5_000 },
    );
  });
});
